package ui

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"lpcoach/assets"
	"lpcoach/practice"
	"lpcoach/practice/library"
	"lpcoach/practice/speech"
	"lpcoach/practice/waveform"
)

// BenchmarkReviewReload lists 300 analysed answers of one question in the Review tab: the
// library query, parsing their metrics and laying out the rows.
func BenchmarkReviewReload(b *testing.B) {
	ps, err := practice.LoadPrinciples(assets.Principles(), assets.PrinciplesDir)
	if err != nil {
		b.Fatal(err)
	}
	lib, err := library.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer lib.Close()
	u := New(test.NewApp(), Config{Principles: ps, Questions: lib, Attempts: lib, Version: "bench"})
	defer u.Window().Close()
	metrics, err := json.Marshal(speech.Metrics{WPMEstimate: 140, LongestPauseS: 2.5,
		Pauses: []speech.Pause{{StartS: 10, LengthS: 2.5}}, Windows: make([]speech.Window, 12)})
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now().Add(-300 * time.Hour)
	for i := range 300 {
		path := filepath.Join(lib.RecordingsDir(), fmt.Sprintf("a%03d.wav", i))
		if _, err := lib.AddAttempt(library.Attempt{Principle: 1, Question: u.current.text, Path: path,
			Started: start.Add(time.Duration(i) * time.Hour), Duration: 2 * time.Minute, Metrics: metrics}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		u.review.reload()
	}
	if len(u.review.attempts) != 300 {
		b.Fatalf("listed %d answers", len(u.review.attempts))
	}
}

// BenchmarkLoadSummary reads the waveform of a 2-minute answer at 48 kHz: from its .peaks file,
// and from the samples when the .peaks file is missing.
func BenchmarkLoadSummary(b *testing.B) {
	dir := b.TempDir()
	samples := toneSamples(120, 48000)
	withPeaks := filepath.Join(dir, "peaks.wav")
	bare := filepath.Join(dir, "bare.wav")
	for _, p := range []string{withPeaks, bare} {
		writeWAV(b, p, 48000, samples)
	}
	if err := waveform.Save(library.PeaksPath(withPeaks), waveform.FromSamples(samples, 48000, 0)); err != nil {
		b.Fatal(err)
	}
	for name, path := range map[string]string{"peaks": withPeaks, "samples": bare} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if s, err := loadSummary(path, 2*time.Minute); err != nil || s.Duration() != 2*time.Minute {
					b.Fatalf("summary of %s lasts %s: %v", name, s.Duration(), err)
				}
			}
		})
	}
}
