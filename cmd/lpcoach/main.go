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
	"lpcoach/practice/audio"
	"lpcoach/practice/library"
	"lpcoach/ui"
)

// version is set at build time from FyneApp.toml (see the Makefile).
var version = "dev"

// appID is the app's reverse-DNS identifier, as in FyneApp.toml.
const appID = "io.lpcoach.app"

// subcommands run from the terminal instead of opening the window.
var subcommands = map[string]func(args []string, stdout, stderr io.Writer) int{
	"analyze":   runAnalyze,
	"devices":   runDevices,
	"mic-check": runMicCheck,
}

const usage = `LP Coach: rehearse spoken answers to Amazon Leadership Principle questions.

Usage:
  lpcoach [--data-dir DIR]            open the window
  lpcoach devices                     list microphones and speakers
  lpcoach mic-check [--seconds N] [--device ID]
                                      record N seconds (default 3) and report the level
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

// runWindow opens the library in dir (or the default folder), recovers what a crash left, opens
// the sound system and runs the window until it closes.
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
	if lib, err := library.Open(dir); errors.Is(err, library.ErrInUse) {
		cfg.Problem = fmt.Errorf("%w. This window can show the principles, but it cannot record or save", err)
	} else if err != nil {
		cfg.Problem = fmt.Errorf("your saved questions and answers cannot be opened, so nothing new will be saved this time: %w", err)
	} else {
		defer lib.Close()
		cfg.Questions, cfg.Attempts = lib, lib
		cfg.Notices = append(cfg.Notices, recoverLeftovers(lib)...)
	}
	if snd, err := audio.NewSystem(); err != nil {
		cfg.NoSound = err
	} else {
		defer snd.Close()
		cfg.Sound = snd
		cfg.Notices = append(cfg.Notices, soundWarnings(snd)...)
	}
	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("lpcoach.png", assets.Icon()))
	ui.New(a, cfg).Window().ShowAndRun()
	return nil
}

// recoverLeftovers brings back what a crash left in the library and says what it did.
func recoverLeftovers(lib *library.Library) []string {
	r, err := lib.Recover()
	if err != nil {
		return []string{"Could not check your recordings for crash leftovers: " + err.Error()}
	}
	var notes []string
	if r.Recovered > 0 {
		notes = append(notes, fmt.Sprintf("Recovered %s cut short by a crash or power loss: see Review, marked Recovered.", count(r.Recovered, "answer")))
	}
	if r.Imported > 0 {
		notes = append(notes, fmt.Sprintf("Added %s found in the recordings folder.", count(r.Imported, "recording")))
	}
	return append(notes, r.Problems...)
}

// count writes n things, e.g. "1 answer", "3 answers".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// soundWarnings warns when the only microphone is the silent null device (no real sound
// system could be loaded), unless the user asked for it.
func soundWarnings(snd *audio.System) []string {
	devs, err := snd.CaptureDevices()
	if err != nil || !audio.NullCaptureOnly(devs) || os.Getenv(audio.EnvBackend) == "null" {
		return nil
	}
	return []string{"No sound system was found, only a silent stand-in: recordings will be silent. Check that PulseAudio or PipeWire is running and a microphone is connected."}
}
