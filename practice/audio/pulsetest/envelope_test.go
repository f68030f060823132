package pulsetest

import (
	"math"
	"path/filepath"
	"testing"
	"time"

	"lpcoach/practice/wav"
)

func TestBestCorrelation(t *testing.T) {
	short := []float64{0, 1, 4, 2, 0}
	tests := []struct {
		name    string
		long    []float64
		wantLag int
		want    float64
	}{
		{"exact copy at lag 3", []float64{0, 0, 0, 0, 1, 4, 2, 0, 0}, 3, 1},
		{"scaled and offset copy at lag 1", []float64{5, 5, 7, 13, 9, 5, 5}, 1, 1},
		{"flat gives zero", []float64{1, 1, 1, 1, 1}, 0, 0},
		{"too short to fit", []float64{1, 2}, 0, -1},
	}
	for _, tt := range tests {
		c, lag := bestCorrelation(short, tt.long)
		if lag != tt.wantLag || math.Abs(c-tt.want) > 1e-9 {
			t.Errorf("%s: correlation %.3f at %d, want %.3f at %d", tt.name, c, lag, tt.want, tt.wantLag)
		}
	}
}

// TestEnvelopeMatch compares a bursty signal with a copy at another rate, delayed by 250 ms.
func TestEnvelopeMatch(t *testing.T) {
	dir := t.TempDir()
	src := writeBursts(t, filepath.Join(dir, "src.wav"), 22050, 0)
	rec := writeBursts(t, filepath.Join(dir, "rec.wav"), 48000, 250*time.Millisecond)
	corr, lag := EnvelopeMatch(t, src, rec)
	if corr < 0.95 || lag != 250*time.Millisecond {
		t.Errorf("EnvelopeMatch = %.3f at %v, want >= 0.95 at 250ms", corr, lag)
	}
}

// writeBursts writes 2 s of tone bursts of varying loudness at rate, after delay of silence.
func writeBursts(t *testing.T, path string, rate int, delay time.Duration) string {
	t.Helper()
	lead := int(time.Duration(rate) * delay / time.Second)
	s := make([]int16, lead+2*rate+rate/2)
	for i := range 2 * rate {
		amp := float64((i*10/rate)%4) * 0.2 // 100 ms steps of 0, 0.2, 0.4, 0.6
		s[lead+i] = int16(amp * 32767 * math.Sin(2*math.Pi*300*float64(i)/float64(rate)))
	}
	w, err := wav.Create(path, rate, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(s); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}
