package practice

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
		want     [4]time.Duration
	}{
		{"no marks: all Situation", nil, 90 * s, [4]time.Duration{90 * s, 0, 0, 0}},
		{"in order", []Mark{{Situation, 0}, {Task, 20 * s}, {Action, 30 * s}, {Result, 100 * s}}, 120 * s,
			[4]time.Duration{20 * s, 10 * s, 70 * s, 20 * s}},
		{"before the first mark counts as Situation", []Mark{{Action, 15 * s}}, 60 * s,
			[4]time.Duration{15 * s, 0, 45 * s, 0}},
		{"out of order and revisited", []Mark{{Action, 40 * s}, {Task, 10 * s}, {Situation, 50 * s}, {Action, 55 * s}},
			70 * s, [4]time.Duration{15 * s, 30 * s, 25 * s, 0}},
		{"unknown segments ignored", []Mark{{-1, 5 * s}, {Task, 10 * s}, {4, 20 * s}}, 30 * s,
			[4]time.Duration{10 * s, 20 * s, 0, 0}},
		{"marks outside the answer clamped", []Mark{{Task, -5 * s}, {Result, 99 * s}}, 30 * s,
			[4]time.Duration{0, 30 * s, 0, 0}},
		{"no answer", []Mark{{Task, 0}}, 0, [4]time.Duration{}},
	}
	for _, tt := range tests {
		if got := SegmentTimes(tt.marks, tt.duration); got != tt.want {
			t.Errorf("%s: SegmentTimes = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSegmentLengthFollowsTheSplit(t *testing.T) {
	want := [4]time.Duration{24 * time.Second, 12 * time.Second, 72 * time.Second, 12 * time.Second}
	for s := Situation; s <= Result; s++ {
		if got := DefaultPlan.SegmentLength(s); got != want[s] {
			t.Errorf("SegmentLength(%s) = %s, want %s", s, got, want[s])
		}
	}
	if !(Mark{Action, time.Second}).Valid() || (Mark{Segment(4), 0}).Valid() || (Mark{Task, -1}).Valid() {
		t.Error("Mark.Valid is wrong")
	}
}
