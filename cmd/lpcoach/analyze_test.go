package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"lpcoach/practice/realtest"
	"lpcoach/practice/speech"
)

// spokenAnswer is what espeak-ng says in the tests.
const spokenAnswer = "I met the team, listened to their concerns, and we tested a simpler method for two weeks. " +
	"Late orders fell by forty percent, and the customer renewed the contract for three more years."

// runProgram runs a program and fails the test with its output when it fails.
func runProgram(t *testing.T, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// spokenFiles makes espeak-ng speech in dir (22050 Hz mono), the same at 48 kHz in stereo with
// sox, and a copy with a 2.5 s silence inserted, and returns their paths.
func spokenFiles(t *testing.T, dir string) (mono, stereo, paused string) {
	t.Helper()
	realtest.Need(t, "espeak-ng", "sox")
	mono = filepath.Join(dir, "answer.wav")
	stereo = filepath.Join(dir, "answer-stereo.wav")
	paused = filepath.Join(dir, "answer-paused.wav")
	runProgram(t, "espeak-ng", "-s", "170", "-w", mono, spokenAnswer)
	runProgram(t, "sox", mono, "-r", "48000", "-c", "2", stereo)
	runProgram(t, "sox", mono, paused, "pad", "1.0@0", "2.5@3.0")
	return mono, stereo, paused
}

// analyze runs the command and returns its exit status, stdout and stderr.
func analyze(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := runAnalyze(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestAnalyzeTable(t *testing.T) {
	_, _, paused := spokenFiles(t, t.TempDir())
	code, out, errOut := analyze(paused)
	t.Logf("output:\n%s", out)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q; want 0 and nothing", code, errOut)
	}
	_, jsonOut, _ := analyze("--json", paused)
	var m speech.Metrics
	if err := json.Unmarshal([]byte(jsonOut), &m); err != nil {
		t.Fatalf("decode --json output: %v", err)
	}
	if len(m.Pauses) == 0 {
		t.Fatalf("no pause found in %s: %+v", paused, m)
	}
	longest := slices.MaxFunc(m.Pauses, func(a, b speech.Pause) int { return cmp.Compare(a.LengthS, b.LengthS) })
	wantLines := []string{
		"File        " + paused,
		"Duration    " + clock(m.DurationS),
		"First word  " + clock(m.FirstWordS),
		fmt.Sprintf("Pace        %.1f syllables/s, about %.0f words/min", m.SyllablesPerS, m.WPMEstimate),
		clock(longest.StartS) + "    " + clock(longest.LengthS),
	}
	for _, want := range wantLines {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	// sox put 1 s before the speech and 2.5 s at 3 s into it (4 s into the padded file); a
	// natural gap at that point may add up to MinPauseS.
	if abs(m.FirstWordS-1) > 0.05 || longest.StartS < 4-speech.MinPauseS || longest.StartS > 4.05 ||
		longest.LengthS < 2.45 || longest.LengthS > 2.5+speech.MinPauseS {
		t.Errorf("first word at %.2f s, longest pause %.2f s at %.2f s; want 1 s, 2.5 s at 4 s as sox padded",
			m.FirstWordS, longest.LengthS, longest.StartS)
	}
}

func TestAnalyzeJSON(t *testing.T) {
	mono, stereo, _ := spokenFiles(t, t.TempDir())
	var results []speech.Metrics
	for _, args := range [][]string{{mono, "--json"}, {"--json", stereo}} {
		code, out, errOut := analyze(args...)
		if code != 0 || errOut != "" {
			t.Fatalf("%v: exit %d, stderr %q; want 0 and nothing", args, code, errOut)
		}
		var fields map[string]any
		if err := json.Unmarshal([]byte(out), &fields); err != nil {
			t.Fatalf("%v: output is not JSON: %v\n%s", args, err, out)
		}
		for _, key := range []string{"duration_s", "speaking_s", "speaking_ratio", "first_word_s", "pauses",
			"long_pauses", "longest_pause_s", "syllables", "syllables_per_s", "wpm_estimate", "windows",
			"rms_dbfs", "peak_dbfs", "clipped_pct", "warnings"} {
			if _, ok := fields[key]; !ok {
				t.Errorf("%v: JSON lacks %q", args, key)
			}
		}
		var m speech.Metrics
		if err := json.Unmarshal([]byte(out), &m); err != nil {
			t.Fatalf("%v: decode metrics: %v", args, err)
		}
		results = append(results, m)
	}
	a, b := results[0], results[1]
	t.Logf("22 kHz mono: %.2f s, %d syllables, %.0f wpm; 48 kHz stereo: %.2f s, %d syllables, %.0f wpm",
		a.DurationS, a.Syllables, a.WPMEstimate, b.DurationS, b.Syllables, b.WPMEstimate)
	if a.Syllables == 0 || a.SpeakingS < 5 {
		t.Errorf("mono: %d syllables over %.2f s speaking; want speech", a.Syllables, a.SpeakingS)
	}
	if diff := a.Syllables - b.Syllables; diff < -2 || diff > 2 || abs(a.SpeakingS-b.SpeakingS) > 0.1 {
		t.Errorf("the 48 kHz stereo copy differs: %d vs %d syllables, %.2f vs %.2f s speaking",
			b.Syllables, a.Syllables, b.SpeakingS, a.SpeakingS)
	}
}

// abs returns the magnitude of x.
func abs(x float64) float64 {
	return max(x, -x)
}

func TestAnalyzeBadFiles(t *testing.T) {
	dir := t.TempDir()
	var header bytes.Buffer // a canonical header for 16 kHz mono with no samples
	header.WriteString("RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x80\x3e\x00\x00\x00\x7d\x00\x00\x02\x00\x10\x00data\x00\x00\x00\x00")
	files := []struct {
		name, content, reason string
	}{
		{"notes.txt", "These are my notes, not a recording.\n", "not a WAV file"},
		{"cut.wav", header.String()[:20], "cut short"},
		{"empty.wav", "", "no audio"},
		{"header-only.wav", header.String(), "no audio"},
	}
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			path := filepath.Join(dir, f.name)
			if err := os.WriteFile(path, []byte(f.content), 0o600); err != nil {
				t.Fatal(err)
			}
			checkFailure(t, path, f.reason)
		})
	}
	t.Run("missing", func(t *testing.T) {
		checkFailure(t, filepath.Join(dir, "missing.wav"), "no such file")
	})
}

// checkFailure runs the command on path and expects exit status 1, no output and one line on
// stderr naming the file and the reason.
func checkFailure(t *testing.T, path, reason string) {
	t.Helper()
	for _, args := range [][]string{{path}, {path, "--json"}} {
		code, out, errOut := analyze(args...)
		prefix := "lpcoach analyze: " + path + ": " + reason
		if code != 1 || out != "" || !strings.HasPrefix(errOut, prefix) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 1, nothing, one line starting %q",
				args, code, out, errOut, prefix)
		}
	}
}

func TestAnalyzeUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{nil, "want one WAV file, got 0 arguments"},
		{[]string{"--json"}, "want one WAV file, got 0 arguments"},
		{[]string{"a.wav", "b.wav"}, "want one WAV file, got 2 arguments"},
		{[]string{"a.wav", "--csv"}, "unknown option --csv"},
	}
	for _, tt := range tests {
		code, out, errOut := analyze(tt.args...)
		want := "lpcoach analyze: " + tt.want + "\n" + analyzeUsage + "\n"
		if code != 2 || out != "" || errOut != want {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2, nothing, %q", tt.args, code, out, errOut, want)
		}
	}
}

func TestClock(t *testing.T) {
	tests := []struct {
		seconds float64
		want    string
	}{
		{0, "0:00.0"},
		{-1, "0:00.0"},
		{1.04, "0:01.0"},
		{59.96, "1:00.0"},
		{125.25, "2:05.3"},
		{600, "10:00.0"},
	}
	for _, tt := range tests {
		if got := clock(tt.seconds); got != tt.want {
			t.Errorf("clock(%v) = %q, want %q", tt.seconds, got, tt.want)
		}
	}
}
