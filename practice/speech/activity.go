package speech

import (
	"math"
	"slices"
)

// Speech/silence decision. A frame is speech when its level stands out from the recording's noise
// floor towards its loud level; the threshold adapts to each recording, so a quiet microphone and
// a loud one are treated alike.
const (
	noiseQuantile = 0.10 // the noise floor is this quantile of the frame levels
	loudQuantile  = 0.99 // the loud level is this quantile of the frame levels
	// minRangeDB is the least difference between loud level and noise floor for any speech: a
	// recording steadier than this (silence, hum, a tone) holds none.
	minRangeDB = 10.0
	// audibleDBFS is the loud level below which a recording holds nothing audible.
	audibleDBFS = -80.0
	// rangeShare places the threshold this share of the way from the noise floor to the loud level.
	rangeShare = 0.3
	// belowLoudDB caps the threshold: this far below the loud level is always speech.
	belowLoudDB = 35.0
	// minSpeechS is the shortest stretch of speech kept on its own (shorter ones are clicks).
	minSpeechS = 0.06
)

// segment is a run of frames [start, end).
type segment struct{ start, end int }

// findSpeech returns the stretches of speech, in order, with gaps shorter than MinPauseS bridged,
// and the level from which a frame is speech.
func findSpeech(f *frames) ([]segment, float64) {
	thr, ok := speechThreshold(f.level)
	if !ok {
		return nil, thr
	}
	var runs []segment
	for i, l := range f.level {
		if l < thr {
			continue
		}
		if k := len(runs) - 1; k >= 0 && runs[k].end == i {
			runs[k].end++
			continue
		}
		runs = append(runs, segment{i, i + 1})
	}
	bridged := bridge(runs, framesFor(f, MinPauseS))
	minLen := framesFor(f, minSpeechS)
	return slices.DeleteFunc(bridged, func(s segment) bool { return s.end-s.start < minLen }), thr
}

// speechThreshold returns the level from which a frame is speech, and false when the recording
// holds no speech at all.
func speechThreshold(levels []float64) (float64, bool) {
	if len(levels) == 0 {
		return 0, false
	}
	sorted := slices.Clone(levels)
	slices.Sort(sorted)
	noise, loud := quantile(sorted, noiseQuantile), quantile(sorted, loudQuantile)
	if loud < audibleDBFS || loud-noise < minRangeDB {
		return 0, false
	}
	return math.Max(loud-belowLoudDB, noise+rangeShare*(loud-noise)), true
}

// quantile returns the q quantile of sorted values (nearest rank).
func quantile(sorted []float64, q float64) float64 {
	return sorted[min(len(sorted)-1, int(q*float64(len(sorted))))]
}

// framesFor returns the number of frames that last at least seconds.
func framesFor(f *frames, seconds float64) int {
	return int(math.Ceil(seconds*float64(f.rate)/float64(f.hop) - 1e-9))
}

// bridge joins runs separated by fewer than gap frames.
func bridge(runs []segment, gap int) []segment {
	var out []segment
	for _, r := range runs {
		if k := len(out) - 1; k >= 0 && r.start-out[k].end < gap {
			out[k].end = r.end
			continue
		}
		out = append(out, r)
	}
	return out
}

// span is a stretch of time [start, end) in seconds.
type span struct{ start, end float64 }

// refineEdges returns the stretches of speech in seconds. Each edge moves from its frame boundary
// to the first (or after the last) sample in the edge frame that reaches the amplitude of the
// threshold level thr, so pauses are measured to the sample, not to the frame.
func refineEdges(mono []int16, f *frames, speech []segment, thr float64) []span {
	amp := fullScale * math.Pow(10, thr/20)
	loud := func(x int16) bool { return math.Abs(float64(x)) >= amp }
	out := make([]span, len(speech))
	for i, s := range speech {
		first, last := s.start*f.hop, (s.end-1)*f.hop
		start := max(0, slices.IndexFunc(frameAt(mono, first, f.hop), loud))
		end := afterLast(frameAt(mono, last, f.hop), loud)
		out[i] = span{float64(first+start) / float64(f.rate), float64(last+end) / float64(f.rate)}
	}
	return out
}

// afterLast returns the index after the last sample for which ok is true, or len(frame) when
// there is none.
func afterLast(frame []int16, ok func(int16) bool) int {
	for i := len(frame) - 1; i >= 0; i-- {
		if ok(frame[i]) {
			return i + 1
		}
	}
	return len(frame)
}

// frameAt returns the samples of the frame that starts at sample first.
func frameAt(mono []int16, first, hop int) []int16 {
	return mono[first:min(len(mono), first+hop)]
}

// fillActivity sets the speaking time, the first word and the pauses.
func (m *Metrics) fillActivity(speech []span) {
	if len(speech) == 0 {
		return
	}
	m.FirstWordS = speech[0].start
	for i, s := range speech {
		m.SpeakingS += s.end - s.start
		if i == 0 {
			continue
		}
		p := Pause{StartS: speech[i-1].end, LengthS: s.start - speech[i-1].end}
		m.Pauses = append(m.Pauses, p)
		m.LongestPauseS = math.Max(m.LongestPauseS, p.LengthS)
		if p.LengthS >= LongPauseS {
			m.LongPauses++
		}
	}
	if m.DurationS > 0 {
		m.SpeakingRatio = m.SpeakingS / m.DurationS
	}
}
