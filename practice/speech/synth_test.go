package speech

import "math"

// synth builds syllable-like test audio: stretches of a voiced tone whose loudness rises and falls
// once per syllable, and silences.
type synth struct {
	rate int
	pcm  []int16
}

// syllables appends n syllables, one every period seconds, peaking at amp (0-1 of full scale).
// Between syllables the loudness falls to a fifth of the peak (-14 dB), as between vowels.
func (s *synth) syllables(n int, period, amp float64) {
	total := int(float64(n) * period * float64(s.rate))
	for i := range total {
		t := float64(i) / float64(s.rate)
		envelope := 0.2 + 0.8*math.Pow(math.Sin(math.Pi*t/period), 2)
		s.pcm = append(s.pcm, int16(amp*envelope*voiced(t)*math.MaxInt16))
	}
}

// silence appends seconds of digital silence.
func (s *synth) silence(seconds float64) {
	s.pcm = append(s.pcm, make([]int16, int(seconds*float64(s.rate)))...)
}

// voiced is a 150 Hz tone with its harmonics up to 1.5 kHz falling off like a voice's, scaled to
// stay within -1..1.
func voiced(t float64) float64 {
	var v float64
	for k := 1.0; k <= 10; k++ {
		v += math.Sin(2*math.Pi*150*k*t) / k
	}
	return v / 2
}
