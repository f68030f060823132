package speech

import "math"

// fillPace sets the syllable count, the overall pace and the pace per window.
func (m *Metrics) fillPace(f *frames, speech []span, nuclei []int) {
	m.Syllables = len(nuclei)
	if m.SpeakingS > 0 {
		m.SyllablesPerS = float64(m.Syllables) / m.SpeakingS
		m.WPMEstimate = wpm(m.SyllablesPerS)
	}
	for start := 0.0; start < m.DurationS; start += WindowS {
		end := math.Min(start+WindowS, m.DurationS)
		w := Window{StartS: start}
		if speaking := overlap(speech, start, end); speaking > 0 {
			w.SyllablesPerS = float64(countIn(f, nuclei, start, end)) / speaking
			w.WPMEstimate = wpm(w.SyllablesPerS)
		}
		m.Windows = append(m.Windows, w)
	}
}

// overlap returns the speaking time between start and end seconds.
func overlap(speech []span, start, end float64) float64 {
	var total float64
	for _, s := range speech {
		total += math.Max(0, math.Min(end, s.end)-math.Max(start, s.start))
	}
	return total
}

// countIn returns how many of the frames lie between start (included) and end seconds.
func countIn(f *frames, frameIdx []int, start, end float64) int {
	n := 0
	for _, i := range frameIdx {
		if t := f.seconds(i); t >= start && t < end {
			n++
		}
	}
	return n
}
