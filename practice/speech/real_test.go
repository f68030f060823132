package speech

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"lpcoach/practice/realtest"
)

// Answers spoken by espeak-ng in the tests: three texts of about 60 words with different
// syllables per word (about 1.42, 1.37 and 1.53 by espeak-ng's own phonemes).
var answers = []string{
	"When our biggest customer reported that orders were arriving late, I looked at the data myself. " +
		"The delays came from one warehouse, where a new scanning process had slowed every shift. " +
		"I met the team, listened to their concerns, and we tested a simpler method for two weeks. " +
		"Late orders fell by forty percent, and the customer renewed the contract for three more years.",
	"Last spring my manager asked me to take over a project that was already behind schedule. " +
		"Nobody owned the testing plan, so I wrote one in a single afternoon and shared it with everyone. " +
		"Each morning we reviewed the open bugs together and picked the three that mattered most. " +
		"We shipped two days early, and support tickets dropped by half in the first month.",
	"I disagreed with my director about moving our billing system to a new vendor. " +
		"I gathered numbers on outages, costs, and migration risk, then asked for thirty minutes to walk through them. " +
		"She listened, challenged two of my assumptions, and we agreed on a smaller pilot instead. " +
		"The pilot failed quietly, which saved the company a painful and expensive rollback.",
}

// TestPaceAgainstEspeak checks the pace estimate against the true rate of espeak-ng speech: words
// over the speaking time sox measures.
func TestPaceAgainstEspeak(t *testing.T) {
	realtest.Need(t, "espeak-ng", "sox", "soxi")
	dir := t.TempDir()
	for i, text := range answers {
		words := float64(len(strings.Fields(text)))
		var estimates []float64
		for _, rate := range []int{120, 160, 220} {
			path := speak(t, dir, "answer"+strconv.Itoa(i)+"-"+strconv.Itoa(rate), text, rate)
			pcm, sampleRate := readPCM(t, path)
			m := Analyze(pcm, sampleRate)
			soxS := soxSpeakingSeconds(t, path)
			truth := words / soxS * 60
			t.Logf("text %d at -s %d: estimate %.0f wpm, true %.0f wpm (%+.1f %%); speaking %.2f s, sox %.2f s; %d syllables",
				i+1, rate, m.WPMEstimate, truth, 100*(m.WPMEstimate/truth-1), m.SpeakingS, soxS, m.Syllables)
			if !near(m.WPMEstimate, truth, 0.2*truth) {
				t.Errorf("text %d at -s %d: estimate %.0f wpm, true %.0f wpm: more than 20 %% off", i+1, rate, m.WPMEstimate, truth)
			}
			if !near(m.SpeakingS, soxS, 0.05*soxS) {
				t.Errorf("text %d at -s %d: speaking %.2f s, sox finds %.2f s", i+1, rate, m.SpeakingS, soxS)
			}
			estimates = append(estimates, m.WPMEstimate)
		}
		if !slices.IsSorted(estimates) || estimates[0] == estimates[1] || estimates[1] == estimates[2] {
			t.Errorf("text %d: estimates %.0f wpm at -s 120, 160, 220 do not rise with the rate", i+1, estimates)
		}
	}
}

// TestInsertedPause inserts 2 s of silence with sox inside a word and expects the pause found where
// it was put.
func TestInsertedPause(t *testing.T) {
	realtest.Need(t, "espeak-ng", "sox", "soxi")
	dir := t.TempDir()
	path := speak(t, dir, "speech", answers[0], 160)
	at := insideSpeech(t, path, soxSeconds(t, path)/2)
	paused := filepath.Join(dir, "paused.wav")
	run(t, "sox", path, paused, "pad", "2.0@"+strconv.FormatFloat(at, 'f', 3, 64))
	pcm, rate := readPCM(t, paused)
	m := Analyze(pcm, rate)
	var found *Pause
	for i, p := range m.Pauses {
		if p.LengthS > 1 {
			found = &m.Pauses[i]
		}
	}
	if found == nil {
		t.Fatalf("no pause found at %.2f s; pauses %+v", at, m.Pauses)
	}
	t.Logf("inserted at %.3f s for 2.000 s; found at %.3f s for %.3f s", at, found.StartS, found.LengthS)
	if !near(found.StartS, at, 0.1) || !near(found.LengthS, 2, 0.1) {
		t.Errorf("pause found at %.3f s for %.3f s, want %.3f s for 2.000 s (± 0.1 s)", found.StartS, found.LengthS, at)
	}
	if m.LongPauses != 1 || m.LongestPauseS != found.LengthS {
		t.Errorf("long pauses %d, longest %.3f s; want 1 and %.3f s", m.LongPauses, m.LongestPauseS, found.LengthS)
	}
}

// insideSpeech returns a time from near onwards where sox finds speech without a gap for 0.1 s on
// either side: no 50 ms window there is below -35 dBFS RMS.
func insideSpeech(t *testing.T, path string, near float64) float64 {
	t.Helper()
	for at := near; at < near+5; at += 0.05 {
		out := run(t, "sox", path, "-n", "trim", strconv.FormatFloat(at-0.1, 'f', 3, 64), "0.2", "stats")
		for _, line := range strings.Split(out, "\n") {
			fields := strings.Fields(line)
			if len(fields) != 4 || fields[0] != "RMS" || fields[1] != "Tr" {
				continue
			}
			if lowest, err := strconv.ParseFloat(fields[3], 64); err == nil && lowest > -35 {
				return at
			}
		}
	}
	t.Fatalf("%s: no stretch of continuous speech after %.2f s", path, near)
	return 0
}

// TestRecordingProblems checks the loudness figures and warnings on files sox makes.
func TestRecordingProblems(t *testing.T) {
	realtest.Need(t, "espeak-ng", "sox", "soxi")
	dir := t.TempDir()
	speech := speak(t, dir, "speech", answers[1], 160)
	tests := []struct {
		name    string
		args    []string // sox arguments after the output file name
		input   string   // input file, or "" for sox's null input
		speech  bool
		warning string
	}{
		{"silence", []string{"trim", "0", "5"}, "", false, "no speech found"},
		{"room noise", []string{"synth", "5", "pinknoise", "vol", "0.003"}, "", false, "no speech found"},
		{"clipped tone", []string{"synth", "3", "sine", "440", "gain", "10"}, "", false, "clipping: "},
		{"quiet speech", []string{"gain", "-40"}, speech, true, "too quiet: peak below -30 dBFS"},
		{"clipped speech", []string{"gain", "12"}, speech, true, "clipping: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.wav")
			args := []string{"-n", "-r", "48000", "-c", "1", "-b", "16", out}
			if tt.input != "" {
				args = []string{tt.input, out}
			}
			run(t, "sox", append(args, tt.args...)...)
			pcm, rate := readPCM(t, out)
			m := Analyze(pcm, rate)
			t.Logf("peak %.1f dBFS, rms %.1f dBFS, clipped %.2f %%, speaking %.2f s, %d syllables, warnings %q",
				m.PeakDBFS, m.RMSDBFS, m.ClippedPct, m.SpeakingS, m.Syllables, m.Warnings)
			checkWarned(t, m, tt.warning)
			if hasSpeech := m.SpeakingS > 0 && m.Syllables > 0 && m.FirstWordS >= 0; hasSpeech != tt.speech {
				t.Errorf("speaking %.2f s, %d syllables, first word %.2f s; want speech: %v",
					m.SpeakingS, m.Syllables, m.FirstWordS, tt.speech)
			}
			if !tt.speech && (m.SpeakingS != 0 || m.Syllables != 0 || len(m.Pauses) != 0) {
				t.Errorf("no speech expected, got %.2f s speaking, %d syllables, pauses %+v", m.SpeakingS, m.Syllables, m.Pauses)
			}
		})
	}
}

// checkWarned fails the test unless one of the warnings starts with prefix.
func checkWarned(t *testing.T, m Metrics, prefix string) {
	t.Helper()
	for _, w := range m.Warnings {
		if strings.HasPrefix(w, prefix) {
			return
		}
	}
	t.Errorf("warnings %q, want one starting %q", m.Warnings, prefix)
}
