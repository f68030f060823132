package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"lpcoach/practice/audio"
)

// micCheckMaxSeconds bounds mic-check's --seconds.
const micCheckMaxSeconds = 60

// nullOnlyWarning is printed when the only microphone is miniaudio's silent null device.
const nullOnlyWarning = "warning: the only microphone is the silent null device, so recordings would be silent; " +
	"check that PulseAudio or PipeWire is running (or unset LPCOACH_AUDIO)"

// runDevices prints the capture and playback devices ("lpcoach devices"). It returns 0, 1 when
// the sound system cannot be reached, or 2 on a usage error.
func runDevices(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("lpcoach devices", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() { fmt.Fprintln(flags.Output(), "usage: lpcoach devices") }
	if err := flags.Parse(args); err != nil || flags.NArg() > 0 {
		return usageStatus(err, flags)
	}
	sys, err := audio.NewSystem()
	if err != nil {
		fmt.Fprintln(stderr, "lpcoach devices:", audio.Message(err))
		return 1
	}
	defer sys.Close()
	mics, err := sys.CaptureDevices()
	if err == nil {
		var outs []audio.Device
		outs, err = sys.PlaybackDevices()
		err = errors.Join(err, printDevices(stdout, mics, outs))
	}
	if err != nil {
		fmt.Fprintln(stderr, "lpcoach devices:", audio.Message(err))
		return 1
	}
	if audio.NullCaptureOnly(mics) {
		fmt.Fprintln(stderr, nullOnlyWarning)
	}
	return 0
}

// usageStatus returns the exit status of a failed parse: 0 for -h, else 2 (with the usage).
func usageStatus(err error, flags *flag.FlagSet) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err == nil {
		fmt.Fprintf(flags.Output(), "%s: unexpected argument %q\n", flags.Name(), flags.Arg(0))
		flags.Usage()
	}
	return 2
}

// printDevices writes both device lists as aligned ID, name and default columns.
func printDevices(w io.Writer, mics, outs []audio.Device) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, list := range []struct {
		title string
		devs  []audio.Device
	}{{"Microphones", mics}, {"Speakers", outs}} {
		fmt.Fprintf(tw, "%s:\n", list.title)
		if len(list.devs) == 0 {
			fmt.Fprintln(tw, "  (none)")
		}
		for _, d := range list.devs {
			mark := ""
			if d.Default {
				mark = "default"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", d.ID, d.Name, mark)
		}
	}
	return tw.Flush()
}

// runMicCheck records --seconds N (default 3) from the default or --device input and prints
// peak and RMS in dBFS and whether speech-level sound was heard; exit 0 when audio arrived,
// 1 with a one-line reason when not ("lpcoach mic-check [--seconds N] [--device ID]").
func runMicCheck(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("lpcoach mic-check", flag.ContinueOnError)
	flags.SetOutput(stderr)
	seconds := flags.Int("seconds", 3, "how long to record, 1 to 60 seconds")
	device := flags.String("device", "", "microphone ID from 'lpcoach devices' (default: the system default)")
	flags.Usage = func() {
		fmt.Fprintln(flags.Output(), "usage: lpcoach mic-check [--seconds N] [--device ID]")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil || flags.NArg() > 0 {
		return usageStatus(err, flags)
	}
	if *seconds < 1 || *seconds > micCheckMaxSeconds {
		fmt.Fprintf(stderr, "lpcoach mic-check: --seconds must be 1 to %d, not %d\n", micCheckMaxSeconds, *seconds)
		return 2
	}
	res, err := checkMic(*device, time.Duration(*seconds)*time.Second)
	if err != nil {
		fmt.Fprintln(stderr, "lpcoach mic-check:", audio.Message(err))
		return 1
	}
	printMicCheck(stdout, res)
	return 0
}

// checkMic records d from the device into a temporary file, removed afterwards, and returns the
// result; an error means no usable audio arrived.
func checkMic(device string, d time.Duration) (audio.Result, error) {
	sys, err := audio.NewSystem()
	if err != nil {
		return audio.Result{}, err
	}
	defer sys.Close()
	in, err := sys.OpenInput(device)
	if err != nil {
		return audio.Result{}, err
	}
	defer in.Close()
	dir, err := os.MkdirTemp("", "lpcoach-mic-check")
	if err != nil {
		return audio.Result{}, fmt.Errorf("make a temporary folder: %w", err)
	}
	defer os.RemoveAll(dir)
	rec, err := in.Record(filepath.Join(dir, "check.wav"), audio.Options{MaxLength: d})
	if err != nil {
		return audio.Result{}, err
	}
	select { // it stops by itself at d, or earlier on a fault
	case <-rec.Done():
	case <-time.After(d + audio.FirstFrameTimeout + time.Second):
	}
	res, err := rec.Stop()
	if err == nil && res.Frames == 0 {
		err = errors.New("no sound arrived from the microphone")
	}
	return res, err
}

// printMicCheck writes the levels of a mic check and a verdict.
func printMicCheck(w io.Writer, res audio.Result) {
	fmt.Fprintf(w, "Recorded %.1f s\n", res.Duration.Seconds())
	fmt.Fprintf(w, "Peak: %6.1f dBFS\n", res.Level.PeakDBFS)
	fmt.Fprintf(w, "RMS:  %6.1f dBFS\n", res.Level.RMSDBFS)
	if res.Level.SpeechHeard() {
		fmt.Fprintln(w, "Speech-level sound: yes")
		return
	}
	fmt.Fprintf(w, "Speech-level sound: no (the peak stayed below %.0f dBFS; speak up, move closer, or raise the input volume)\n", audio.SpeechPeakDBFS)
}
