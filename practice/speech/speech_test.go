package speech

import (
	"math"
	"slices"
	"testing"
)

// near reports whether got is within tol of want.
func near(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol
}

func TestAnalyzeSynthetic(t *testing.T) {
	for _, rate := range []int{16000, 22050, 44100, 48000} {
		s := synth{rate: rate}
		s.silence(3)
		s.syllables(16, 0.25, 0.5) // 4 s
		s.silence(2.5)
		s.syllables(15, 0.2, 0.5) // 3 s
		s.silence(1)
		m := Analyze(s.pcm, rate)
		checks := []struct {
			name      string
			got, want float64
			tol       float64
		}{
			{"duration_s", m.DurationS, 13.5, 0.001},
			{"first_word_s", m.FirstWordS, 3, 0.05},
			{"speaking_s", m.SpeakingS, 7, 0.1},
			{"syllables", float64(m.Syllables), 31, 0},
			{"syllables_per_s", m.SyllablesPerS, 31.0 / 7, 0.1},
			{"wpm_estimate", m.WPMEstimate, 31.0 / 7 * 60 / SyllablesPerWord, 5},
			{"pauses", float64(len(m.Pauses)), 1, 0},
			{"long_pauses", float64(m.LongPauses), 1, 0},
			{"longest_pause_s", m.LongestPauseS, 2.5, 0.1},
			{"clipped_pct", m.ClippedPct, 0, 0},
		}
		for _, c := range checks {
			if !near(c.got, c.want, c.tol) {
				t.Errorf("%d Hz: %s = %.3f, want %.3f ± %.3f", rate, c.name, c.got, c.want, c.tol)
			}
		}
		if len(m.Pauses) == 1 && (!near(m.Pauses[0].StartS, 7, 0.1) || !near(m.Pauses[0].LengthS, 2.5, 0.1)) {
			t.Errorf("%d Hz: pause %+v, want start 7.0 s, length 2.5 s", rate, m.Pauses[0])
		}
	}
}

func TestAnalyzeWindows(t *testing.T) {
	s := synth{rate: 16000}
	s.syllables(30, 1.0/3, 0.5) // 10 s at 3 per second
	s.syllables(60, 1.0/6, 0.5) // 10 s at 6 per second
	s.syllables(10, 0.25, 0.5)  // 2.5 s at 4 per second
	m := Analyze(s.pcm, s.rate)
	want := []Window{{0, 3, wpm(3)}, {10, 6, wpm(6)}, {20, 4, wpm(4)}}
	if len(m.Windows) != len(want) {
		t.Fatalf("windows = %+v, want %d of them", m.Windows, len(want))
	}
	for i, w := range want {
		got := m.Windows[i]
		if got.StartS != w.StartS || !near(got.SyllablesPerS, w.SyllablesPerS, 0.25) ||
			!near(got.WPMEstimate, w.WPMEstimate, 12) {
			t.Errorf("window %d = %+v, want %+v", i, got, w)
		}
	}
}

func TestAnalyzeNothing(t *testing.T) {
	tests := []struct {
		name string
		pcm  []int16
		rate int
		want Metrics
	}{
		{"no samples", nil, 48000, Metrics{}},
		{"no rate", make([]int16, 100), 0, Metrics{}},
		{"digital silence", make([]int16, 48000), 48000, Metrics{DurationS: 1,
			Windows: []Window{{}}, Warnings: []string{"no speech found", "too quiet: peak below -30 dBFS"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Analyze(tt.pcm, tt.rate)
			w := tt.want
			w.FirstWordS, w.RMSDBFS, w.PeakDBFS = -1, FloorDBFS, FloorDBFS
			w.Pauses = []Pause{}
			w.Windows = append([]Window{}, w.Windows...)
			w.Warnings = append([]string{}, w.Warnings...)
			if !equalMetrics(m, w) {
				t.Errorf("Analyze = %+v\nwant %+v", m, w)
			}
		})
	}
}

// equalMetrics compares metrics field by field, slices included.
func equalMetrics(a, b Metrics) bool {
	return a.DurationS == b.DurationS && a.SpeakingS == b.SpeakingS && a.SpeakingRatio == b.SpeakingRatio &&
		a.FirstWordS == b.FirstWordS && slices.Equal(a.Pauses, b.Pauses) && a.LongPauses == b.LongPauses &&
		a.LongestPauseS == b.LongestPauseS && a.Syllables == b.Syllables && a.SyllablesPerS == b.SyllablesPerS &&
		a.WPMEstimate == b.WPMEstimate && slices.Equal(a.Windows, b.Windows) && a.RMSDBFS == b.RMSDBFS &&
		a.PeakDBFS == b.PeakDBFS && a.ClippedPct == b.ClippedPct && slices.Equal(a.Warnings, b.Warnings)
}

func TestLevels(t *testing.T) {
	tests := []struct {
		name      string
		got, want float64
	}{
		{"full-scale amplitude", levelDBFS(fullScale), 0},
		{"half amplitude", levelDBFS(fullScale / 2), -6.0206},
		{"zero amplitude", levelDBFS(0), FloorDBFS},
		{"tiny amplitude", levelDBFS(1e-9), FloorDBFS},
		{"full-scale power", powerDBFS(fullScale * fullScale), 0},
		{"hundredth power", powerDBFS(fullScale * fullScale / 100), -20},
		{"zero power", powerDBFS(0), FloorDBFS},
	}
	for _, tt := range tests {
		if !near(tt.got, tt.want, 0.001) {
			t.Errorf("%s: %.4f dBFS, want %.4f", tt.name, tt.got, tt.want)
		}
	}
}

func TestFramePeakAndClips(t *testing.T) {
	tests := []struct {
		pcm           []int16
		peak, clipped int
	}{
		{[]int16{0, 100, -200}, 200, 0},
		{[]int16{32767, 32766, 32765}, 32767, 2},
		{[]int16{-32768, -32767, -32766}, 32768, 2},
	}
	for _, tt := range tests {
		vf := newVowelFilter(16000)
		st := vf.run(tt.pcm)
		peak, clipped := st.peak, st.clipped
		if peak != tt.peak || clipped != tt.clipped {
			t.Errorf("run(%v) = %d, %d; want %d, %d", tt.pcm, peak, clipped, tt.peak, tt.clipped)
		}
	}
}

func TestBridge(t *testing.T) {
	tests := []struct {
		runs []segment
		gap  int
		want []segment
	}{
		{nil, 30, nil},
		{[]segment{{0, 5}}, 30, []segment{{0, 5}}},
		{[]segment{{0, 5}, {34, 40}}, 30, []segment{{0, 40}}},
		{[]segment{{0, 5}, {35, 40}}, 30, []segment{{0, 5}, {35, 40}}},
		{[]segment{{0, 5}, {10, 20}, {60, 70}, {80, 90}}, 30, []segment{{0, 20}, {60, 90}}},
	}
	for _, tt := range tests {
		if got := bridge(tt.runs, tt.gap); !slices.Equal(got, tt.want) {
			t.Errorf("bridge(%v, %d) = %v, want %v", tt.runs, tt.gap, got, tt.want)
		}
	}
}

func TestKeepPeak(t *testing.T) {
	contour := []float64{-40, -20, -21, -19, -30, -18, -25, -25, -10, -11, -12, -11.5}
	tests := []struct {
		name string
		kept []int
		peak int
		want []int
	}{
		{"first peak", nil, 1, []int{1}},
		{"shallow dip keeps the higher", []int{1}, 3, []int{3}},
		{"shallow dip keeps the higher kept", []int{8}, 11, []int{8}},
		{"deep dip keeps both", []int{3}, 5, []int{3, 5}},
		{"deep dip after a plateau", []int{5}, 8, []int{5, 8}},
	}
	for _, tt := range tests {
		if got := keepPeak(contour, slices.Clone(tt.kept), tt.peak); !slices.Equal(got, tt.want) {
			t.Errorf("%s: keepPeak(%v, %d) = %v, want %v", tt.name, tt.kept, tt.peak, got, tt.want)
		}
	}
}

func TestWarnings(t *testing.T) {
	tests := []struct {
		name      string
		m         Metrics
		hasSpeech bool
		want      []string
	}{
		{"empty", Metrics{}, false, []string{}},
		{"fine", Metrics{DurationS: 5, PeakDBFS: -3, ClippedPct: 0.05}, true, []string{}},
		{"silent", Metrics{DurationS: 5, PeakDBFS: FloorDBFS}, false,
			[]string{"no speech found", "too quiet: peak below -30 dBFS"}},
		{"quiet", Metrics{DurationS: 5, PeakDBFS: -41}, true, []string{"too quiet: peak below -30 dBFS"}},
		{"clipping", Metrics{DurationS: 5, PeakDBFS: 0, ClippedPct: 1.23}, true, []string{"clipping: 1.2 % of samples"}},
	}
	for _, tt := range tests {
		if got := warnings(tt.m, tt.hasSpeech); !slices.Equal(got, tt.want) {
			t.Errorf("%s: warnings = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func BenchmarkAnalyze2Min(b *testing.B) {
	s := synth{rate: 48000}
	for s.pcm == nil || len(s.pcm) < 120*s.rate {
		s.syllables(20, 0.22, 0.4)
		s.silence(0.6)
		s.syllables(12, 0.18, 0.5)
		s.silence(2.2)
	}
	pcm := s.pcm[:120*s.rate]
	b.ReportAllocs()
	for b.Loop() {
		Analyze(pcm, s.rate)
	}
}

func TestRefineEdges(t *testing.T) {
	// 1000 Hz, frames of 10 samples; the threshold -20 dBFS is an amplitude of 3277.
	mono := make([]int16, 60)
	for i := 13; i < 47; i++ {
		mono[i] = 8000
	}
	mono[15] = 100 // a quiet sample inside does not move an edge
	f := &frames{hop: 10, rate: 1000}
	tests := []struct {
		name   string
		speech []segment
		want   []span
	}{
		{"edges inside frames", []segment{{1, 5}}, []span{{0.013, 0.047}}},
		{"edge frames without a loud sample keep the frame boundary", []segment{{0, 6}}, []span{{0, 0.060}}},
		{"none", nil, []span{}},
	}
	for _, tt := range tests {
		got := refineEdges(mono, f, tt.speech, -20)
		if len(got) != len(tt.want) {
			t.Fatalf("%s: refineEdges = %v, want %v", tt.name, got, tt.want)
		}
		for i := range got {
			if !near(got[i].start, tt.want[i].start, 1e-9) || !near(got[i].end, tt.want[i].end, 1e-9) {
				t.Errorf("%s: refineEdges = %v, want %v", tt.name, got, tt.want)
			}
		}
	}
}
