// Command lpcoach is LP Coach, a private desktop app for rehearsing spoken answers to interview
// questions on Amazon's Leadership Principles. Run without arguments it opens the window;
// subcommands check the microphone and analyse recordings from the terminal.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"lpcoach/assets"
	"lpcoach/practice"
	"lpcoach/practice/library"
	"lpcoach/ui"
)

// version is set at build time from FyneApp.toml (see the Makefile).
var version = "dev"

// appID is the app's reverse-DNS identifier, as in FyneApp.toml.
const appID = "io.lpcoach.app"

// subcommands run from the terminal instead of opening the window.
var subcommands = map[string]func(args []string, stdout, stderr io.Writer) int{
	"analyze": runAnalyze,
}

const usage = `LP Coach: rehearse spoken answers to Amazon Leadership Principle questions.

Usage:
  lpcoach [--data-dir DIR]            open the window
  lpcoach analyze FILE.wav [--json]   pace, pauses and loudness of a recording
  lpcoach --version                   print the version
  lpcoach --help                      print this help

Options:
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run parses the command line and runs the window; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if cmd, ok := subcommands[args[0]]; ok {
			return cmd(args[1:], stdout, stderr)
		}
	}
	flags := flag.NewFlagSet("lpcoach", flag.ContinueOnError)
	flags.SetOutput(stderr)
	dataDir := flags.String("data-dir", "", "folder for your recordings and notes (default: $LPCOACH_DATA_DIR, else $XDG_DATA_HOME/lpcoach, else ~/.local/share/lpcoach)")
	showVersion := flags.Bool("version", false, "print the version and exit")
	flags.Usage = func() {
		fmt.Fprint(flags.Output(), usage)
		flags.PrintDefaults()
	}
	if asksForHelp(args) {
		flags.SetOutput(stdout)
	}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *showVersion {
		fmt.Fprintln(stdout, "lpcoach", version)
		return 0
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "lpcoach: unknown command %q (try lpcoach --help)\n", flags.Arg(0))
		return 2
	}
	if err := runWindow(*dataDir); err != nil {
		fmt.Fprintln(stderr, "lpcoach:", err)
		return 1
	}
	return 0
}

// asksForHelp reports whether args ask for the help text, which then goes to standard output.
func asksForHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "-h", "-help", "--help", "--h":
			return true
		}
	}
	return false
}

// runWindow opens the library in dir (or the default folder) and runs the window until it closes.
func runWindow(dir string) error {
	principles, err := practice.LoadPrinciples(assets.Principles(), assets.PrinciplesDir)
	if err != nil {
		return fmt.Errorf("the built-in content is broken: %w", err)
	}
	if dir == "" {
		if dir, err = library.DefaultDir(); err != nil {
			return err
		}
	}
	cfg := ui.Config{Principles: principles, Version: version, DataDir: dir}
	lib, err := library.Open(dir)
	if err != nil {
		cfg.Problem = fmt.Errorf("your saved questions and answers cannot be opened, so nothing new will be saved this time: %w", err)
	} else {
		defer lib.Close()
		cfg.Questions = lib
	}
	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("lpcoach.png", assets.Icon()))
	ui.New(a, cfg).Window().ShowAndRun()
	return nil
}
