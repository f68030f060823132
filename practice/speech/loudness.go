package speech

import "fmt"

// speakingRMS returns the RMS level over the speech frames, or over all frames when there is no
// speech.
func speakingRMS(f *frames, speech []segment) float64 {
	if len(speech) == 0 {
		speech = []segment{{0, len(f.power)}}
	}
	var sum float64
	var n int
	for _, s := range speech {
		for _, p := range f.power[s.start:min(s.end, len(f.power))] {
			sum += p
			n++
		}
	}
	if n == 0 {
		return FloorDBFS
	}
	return powerDBFS(sum / float64(n))
}

// warnings names the problems of the recording, in words.
func warnings(m Metrics, hasSpeech bool) []string {
	out := []string{}
	if m.DurationS > 0 && !hasSpeech {
		out = append(out, "no speech found")
	}
	if m.DurationS > 0 && m.PeakDBFS < QuietPeakDBFS {
		out = append(out, fmt.Sprintf("too quiet: peak below %.0f dBFS", QuietPeakDBFS))
	}
	if m.ClippedPct >= ClippingWarnPct {
		out = append(out, fmt.Sprintf("clipping: %.1f %% of samples", m.ClippedPct))
	}
	return out
}
