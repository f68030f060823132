package pulsetest

import (
	"math"
	"testing"
	"time"

	"lpcoach/practice/wav"
)

// envelopeWindow is the length of one RMS envelope step.
const envelopeWindow = 10 * time.Millisecond

// EnvelopeMatch compares the 10 ms RMS envelopes of two WAV files (any rates, mono or stereo)
// and returns the best Pearson correlation over all lags of the first inside the second, and
// that lag. A recording of played speech matches its source with a correlation near 1.
func EnvelopeMatch(t testing.TB, source, recorded string) (float64, time.Duration) {
	t.Helper()
	var env [2][]float64
	for i, p := range []string{source, recorded} {
		a, err := wav.ReadFile(p)
		if err != nil {
			t.Fatalf("read %s: %v", p, err)
		}
		env[i] = envelope(a.Mono(), a.SampleRate)
	}
	corr, lag := bestCorrelation(env[0], env[1])
	return corr, time.Duration(lag) * envelopeWindow
}

// envelope returns the RMS of each whole envelopeWindow of s at rate. Window edges are placed by
// time, not by a rounded sample count, so that envelopes of different rates (22,050 Hz speech
// against a 48 kHz recording) keep the same time scale to the end.
func envelope(s []int16, rate int) []float64 {
	perWindow := float64(rate) * envelopeWindow.Seconds()
	var out []float64
	for i := 0; ; i++ {
		start, end := int(float64(i)*perWindow), int(float64(i+1)*perWindow)
		if end > len(s) || end <= start {
			return out
		}
		var sq float64
		for _, v := range s[start:end] {
			sq += float64(v) * float64(v)
		}
		out = append(out, math.Sqrt(sq/float64(end-start)))
	}
}

// bestCorrelation slides short along long and returns the highest Pearson correlation and the
// offset where it occurs (-1 and 0 when short does not fit).
func bestCorrelation(short, long []float64) (float64, int) {
	best, at := -1.0, 0
	for lag := 0; lag+len(short) <= len(long); lag++ {
		if c := pearson(short, long[lag:lag+len(short)]); c > best {
			best, at = c, lag
		}
	}
	return best, at
}

// pearson is the correlation coefficient of two equally long series (0 when one is flat).
func pearson(a, b []float64) float64 {
	n := float64(len(a))
	var sa, sb, saa, sbb, sab float64
	for i := range a {
		sa, sb = sa+a[i], sb+b[i]
		saa, sbb, sab = saa+a[i]*a[i], sbb+b[i]*b[i], sab+a[i]*b[i]
	}
	den := math.Sqrt((n*saa - sa*sa) * (n*sbb - sb*sb))
	if den == 0 {
		return 0
	}
	return (n*sab - sa*sb) / den
}
