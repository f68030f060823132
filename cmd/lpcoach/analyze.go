package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"strings"
	"text/tabwriter"

	"lpcoach/practice/speech"
	"lpcoach/practice/wav"
)

// analyzeUsage is printed on a usage error.
const analyzeUsage = "usage: lpcoach analyze FILE.wav [--json]"

// errNoSamples means a WAV file whose header is fine but that holds no audio.
var errNoSamples = errors.New("no audio: the recording holds no samples")

// runAnalyze implements `lpcoach analyze FILE.wav [--json]`: it prints the delivery metrics of a
// 16-bit PCM WAV file (any rate, mono or stereo), as an aligned table or, with --json, as the
// speech.Metrics JSON. It returns the exit status: 0 on success, 1 when the file cannot be
// analysed, 2 on a usage error.
func runAnalyze(args []string, stdout, stderr io.Writer) int {
	path, asJSON, err := parseAnalyzeArgs(args)
	if err != nil {
		fmt.Fprintf(stderr, "lpcoach analyze: %v\n%s\n", err, analyzeUsage)
		return 2
	}
	mono, rate, err := loadMono(path)
	if err != nil {
		fmt.Fprintf(stderr, "lpcoach analyze: %s: %v\n", path, err)
		return 1
	}
	m := speech.Analyze(mono, rate)
	if asJSON {
		err = writeJSON(stdout, m)
	} else {
		err = writeTable(stdout, path, m)
	}
	if err != nil {
		fmt.Fprintf(stderr, "lpcoach analyze: write the result: %v\n", err)
		return 1
	}
	return 0
}

// parseAnalyzeArgs returns the one file argument and whether --json was given; flags may come
// before or after the file.
func parseAnalyzeArgs(args []string) (path string, asJSON bool, err error) {
	var files []string
	for _, a := range args {
		switch {
		case a == "--json" || a == "-json":
			asJSON = true
		case strings.HasPrefix(a, "-") && a != "-":
			return "", false, fmt.Errorf("unknown option %s", a)
		default:
			files = append(files, a)
		}
	}
	if len(files) != 1 {
		return "", false, fmt.Errorf("want one WAV file, got %d arguments", len(files))
	}
	return files[0], asJSON, nil
}

// loadMono reads the WAV file at path and returns its samples averaged to mono, with the rate.
func loadMono(path string) ([]int16, int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pathErr *fs.PathError
		if errors.As(err, &pathErr) {
			return nil, 0, pathErr.Err // the caller names the file
		}
		return nil, 0, err
	}
	a, err := wav.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, 0, err
	}
	if a.Frames() == 0 {
		return nil, 0, errNoSamples
	}
	return a.Mono(), a.SampleRate, nil
}

// writeJSON writes the metrics as indented JSON.
func writeJSON(w io.Writer, m speech.Metrics) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(m)
}

// writeTable writes the metrics as a short aligned table, then the pauses, the pace per window
// and the warnings.
func writeTable(w io.Writer, path string, m speech.Metrics) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	rows := [][2]string{
		{"File", path},
		{"Duration", clock(m.DurationS)},
		{"Speaking", fmt.Sprintf("%s (%.0f %%)", clock(m.SpeakingS), 100*m.SpeakingRatio)},
		{"First word", firstWord(m.FirstWordS)},
		{"Pace", pace(m.SyllablesPerS, m.WPMEstimate)},
		{"Pauses", pauseSummary(m)},
		{"Level", fmt.Sprintf("RMS %.1f dBFS, peak %.1f dBFS", m.RMSDBFS, m.PeakDBFS)},
		{"Clipped", fmt.Sprintf("%.2f %% of samples", m.ClippedPct)},
	}
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\n", r[0], r[1])
	}
	writePauses(tw, m.Pauses)
	writeWindows(tw, m.Windows)
	if len(m.Warnings) > 0 {
		fmt.Fprintln(tw)
	}
	for _, warning := range m.Warnings {
		fmt.Fprintf(tw, "Warning\t%s\n", warning)
	}
	return tw.Flush()
}

// writePauses lists the pauses, one a line.
func writePauses(w io.Writer, pauses []speech.Pause) {
	if len(pauses) > 0 {
		fmt.Fprintf(w, "\nPause at\tLength\n")
	}
	for _, p := range pauses {
		fmt.Fprintf(w, "%s\t%s\n", clock(p.StartS), clock(p.LengthS))
	}
}

// writeWindows lists the pace per window, one a line.
func writeWindows(w io.Writer, windows []speech.Window) {
	if len(windows) < 2 {
		return // one window says no more than the overall pace
	}
	fmt.Fprintf(w, "\nFrom\tPace\n")
	for _, win := range windows {
		fmt.Fprintf(w, "%s\t%s\n", clock(win.StartS), pace(win.SyllablesPerS, win.WPMEstimate))
	}
}

// pace writes a speaking rate, or "no speech" where there was none.
func pace(syllablesPerS, wpm float64) string {
	if syllablesPerS == 0 {
		return "no speech"
	}
	return fmt.Sprintf("%.1f syllables/s, about %.0f words/min", syllablesPerS, wpm)
}

// pauseSummary counts the pauses in words.
func pauseSummary(m speech.Metrics) string {
	if len(m.Pauses) == 0 {
		return "none"
	}
	return fmt.Sprintf("%d, %d of %.0f s or more, longest %s", len(m.Pauses), m.LongPauses, speech.LongPauseS, clock(m.LongestPauseS))
}

// firstWord describes when speech starts.
func firstWord(s float64) string {
	if s < 0 {
		return "no speech found"
	}
	return clock(s)
}

// clock formats seconds as m:ss.s.
func clock(s float64) string {
	tenths := int(math.Round(math.Max(s, 0) * 10))
	return fmt.Sprintf("%d:%02d.%d", tenths/600, tenths/10%60, tenths%10)
}
