package practice

import (
	"strings"
	"testing"
	"time"
)

func TestPlanSegmentsFollowTheSplit(t *testing.T) {
	p := DefaultPlan // 2:00 split 20/10/60/10: S to 0:24, T to 0:36, A to 1:48, R after
	cases := []struct {
		at   time.Duration
		want Segment
	}{
		{0, Situation}, {23 * time.Second, Situation}, {24 * time.Second, Task},
		{35 * time.Second, Task}, {36 * time.Second, Action}, {107 * time.Second, Action},
		{108 * time.Second, Result}, {5 * time.Minute, Result},
	}
	for _, c := range cases {
		if got := p.SegmentAt(c.at); got != c.want {
			t.Errorf("SegmentAt(%s) = %s, want %s", c.at, got, c.want)
		}
	}
	if got := p.SegmentEnd(Action); got != 108*time.Second {
		t.Errorf("SegmentEnd(Action) = %s", got)
	}
}

func TestPlanZones(t *testing.T) {
	p := Plan{Target: 2 * time.Minute, Split: DefaultPlan.Split}
	cases := []struct {
		at   time.Duration
		want Zone
	}{
		{time.Minute, OnTrack}, {101 * time.Second, OnTrack}, {102 * time.Second, Nearing},
		{120 * time.Second, Nearing}, {121 * time.Second, Over}, {180 * time.Second, AtLimit},
	}
	for _, c := range cases {
		if got := p.ZoneAt(c.at); got != c.want {
			t.Errorf("ZoneAt(%s) = %d, want %d", c.at, got, c.want)
		}
	}
	if p.Limit() != 3*time.Minute {
		t.Errorf("Limit = %s", p.Limit())
	}
}

func TestPlanValidate(t *testing.T) {
	if err := DefaultPlan.Validate(); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		edit func(*Plan)
		want string
	}{
		{"long prep", func(p *Plan) { p.Prep = 3 * time.Minute }, "preparation"},
		{"short target", func(p *Plan) { p.Target = 30 * time.Second }, "target"},
		{"long target", func(p *Plan) { p.Target = 6 * time.Minute }, "target"},
		{"split sum", func(p *Plan) { p.Split = [4]int{20, 20, 60, 10} }, "110"},
		{"negative", func(p *Plan) { p.Split = [4]int{-10, 20, 80, 10} }, "Situation"},
	}
	for _, c := range cases {
		p := DefaultPlan
		c.edit(&p)
		if err := p.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error about %q", c.name, err, c.want)
		}
	}
}
