package speech

import (
	"testing"
	"time"
)

func TestSegmentTimes(t *testing.T) {
	s := time.Second
	tests := []struct {
		name     string
		marks    []Mark
		duration time.Duration
		want     [Segments]time.Duration
	}{
		{"no marks: all Situation", nil, 90 * s, [Segments]time.Duration{90 * s, 0, 0, 0}},
		{"in order", []Mark{{Situation, 0}, {Task, 20 * s}, {Action, 30 * s}, {Result, 100 * s}}, 120 * s,
			[Segments]time.Duration{20 * s, 10 * s, 70 * s, 20 * s}},
		{"before the first mark counts as Situation", []Mark{{Action, 15 * s}}, 60 * s,
			[Segments]time.Duration{15 * s, 0, 45 * s, 0}},
		{"out of order and revisited", []Mark{{Action, 40 * s}, {Task, 10 * s}, {Situation, 50 * s}, {Action, 55 * s}},
			70 * s, [Segments]time.Duration{15 * s, 30 * s, 25 * s, 0}},
		{"unknown segments ignored", []Mark{{-1, 5 * s}, {Task, 10 * s}, {Segments, 20 * s}}, 30 * s,
			[Segments]time.Duration{10 * s, 20 * s, 0, 0}},
		{"marks outside the answer clamped", []Mark{{Task, -5 * s}, {Result, 99 * s}}, 30 * s,
			[Segments]time.Duration{0, 30 * s, 0, 0}},
		{"no answer", []Mark{{Task, 0}}, 0, [Segments]time.Duration{}},
	}
	for _, tt := range tests {
		if got := SegmentTimes(tt.marks, tt.duration); got != tt.want {
			t.Errorf("%s: SegmentTimes = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestPlannedTimes(t *testing.T) {
	s := time.Second
	tests := []struct {
		name   string
		target time.Duration
		split  [Segments]float64
		want   [Segments]time.Duration
	}{
		{"STAR split of 2 minutes", 120 * s, [Segments]float64{0.2, 0.1, 0.6, 0.1},
			[Segments]time.Duration{24 * s, 12 * s, 72 * s, 12 * s}},
		{"split not summing to 1 is scaled", 100 * s, [Segments]float64{1, 1, 2, 0},
			[Segments]time.Duration{25 * s, 25 * s, 50 * s, 0}},
		{"negative fraction counts as 0", 60 * s, [Segments]float64{-1, 0, 1, 0},
			[Segments]time.Duration{0, 0, 60 * s, 0}},
		{"empty split", 60 * s, [Segments]float64{}, [Segments]time.Duration{}},
		{"no target", 0, [Segments]float64{0.2, 0.1, 0.6, 0.1}, [Segments]time.Duration{}},
	}
	for _, tt := range tests {
		got := PlannedTimes(tt.target, tt.split)
		for i := range got {
			if d := got[i] - tt.want[i]; d < -time.Microsecond || d > time.Microsecond {
				t.Errorf("%s: PlannedTimes = %v, want %v", tt.name, got, tt.want)
				break
			}
		}
	}
}

func TestComparePlan(t *testing.T) {
	s := time.Second
	got := ComparePlan([]Mark{{Task, 30 * s}, {Action, 40 * s}, {Result, 110 * s}}, 130*s, 120*s,
		[Segments]float64{0.2, 0.1, 0.6, 0.1})
	want := [Segments]SegmentTime{{30 * s, 24 * s}, {10 * s, 12 * s}, {70 * s, 72 * s}, {20 * s, 12 * s}}
	for i := range got {
		if got[i].Actual != want[i].Actual || (got[i].Planned-want[i].Planned).Abs() > time.Microsecond {
			t.Errorf("ComparePlan = %v, want %v", got, want)
			break
		}
	}
}
