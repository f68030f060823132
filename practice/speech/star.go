package speech

import (
	"cmp"
	"slices"
	"time"
)

// The STAR segments, in the order an answer goes through them.
const (
	Situation = iota
	Task
	Action
	Result
	// Segments is the number of STAR segments.
	Segments
)

// Mark records that the speaker moved on to a STAR segment while answering.
type Mark struct {
	// Segment is Situation, Task, Action or Result.
	Segment int
	// At is when the mark was made, from the start of the answer.
	At time.Duration
}

// SegmentTime is the time spent in one STAR segment against the time the plan gives it.
type SegmentTime struct {
	Actual, Planned time.Duration
}

// SegmentTimes returns the time spent in each STAR segment of an answer that lasted duration:
// each mark's segment runs until the next mark or the end. The time before the first mark counts
// as Situation. Marks need not be in order; marks for unknown segments are ignored and times are
// clamped to the answer.
func SegmentTimes(marks []Mark, duration time.Duration) [Segments]time.Duration {
	var out [Segments]time.Duration
	if duration <= 0 {
		return out
	}
	sorted := slices.DeleteFunc(slices.Clone(marks), func(m Mark) bool {
		return m.Segment < 0 || m.Segment >= Segments
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

// PlannedTimes splits a target duration between the STAR segments by the fractions of split,
// which are taken relative to their sum (negative fractions count as 0). A split that sums to
// nothing plans no time.
func PlannedTimes(target time.Duration, split [Segments]float64) [Segments]time.Duration {
	var out [Segments]time.Duration
	var sum float64
	for _, f := range split {
		sum += max(f, 0)
	}
	if sum <= 0 || target <= 0 {
		return out
	}
	for i, f := range split {
		out[i] = time.Duration(float64(target) * max(f, 0) / sum)
	}
	return out
}

// ComparePlan returns, per STAR segment, the time the answer spent in it (see SegmentTimes) and
// the time planned for it (see PlannedTimes).
func ComparePlan(marks []Mark, duration, target time.Duration, split [Segments]float64) [Segments]SegmentTime {
	actual, planned := SegmentTimes(marks, duration), PlannedTimes(target, split)
	var out [Segments]SegmentTime
	for i := range out {
		out[i] = SegmentTime{Actual: actual[i], Planned: planned[i]}
	}
	return out
}
