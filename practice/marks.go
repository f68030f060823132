package practice

import (
	"cmp"
	"slices"
	"time"
)

// Mark records that the user moved on to a STAR segment while answering (keys 1-4).
type Mark struct {
	Segment Segment       // Situation, Task, Action or Result
	At      time.Duration // from the start of the answer
}

// Valid reports whether the mark names a known segment at a time that is not negative.
func (m Mark) Valid() bool {
	return m.Segment >= Situation && m.Segment <= Result && m.At >= 0
}

// SegmentTimes returns the time an answer of the given duration spent in each STAR segment: each
// mark's segment runs until the next mark or the end, and the time before the first mark counts
// as Situation. Marks need not be in order; marks of unknown segments are ignored and times are
// clamped to the answer.
func SegmentTimes(marks []Mark, duration time.Duration) [4]time.Duration {
	var out [4]time.Duration
	if duration <= 0 {
		return out
	}
	sorted := slices.DeleteFunc(slices.Clone(marks), func(m Mark) bool {
		return m.Segment < Situation || m.Segment > Result
	})
	slices.SortStableFunc(sorted, func(a, b Mark) int { return cmp.Compare(a.At, b.At) })
	current, since := Situation, time.Duration(0)
	for _, m := range sorted {
		at := min(max(m.At, 0), duration)
		out[current] += at - since
		current, since = m.Segment, at
	}
	out[current] += duration - since
	return out
}

// SegmentLength is the time the plan gives segment s.
func (p Plan) SegmentLength(s Segment) time.Duration {
	return p.Target * time.Duration(p.Split[s]) / 100
}
