package practice

import (
	"fmt"
	"time"
)

// Segment is a part of a STAR answer.
type Segment int

// The four STAR segments, in the order an answer tells them.
const (
	Situation Segment = iota
	Task
	Action
	Result
)

// SegmentNames are the segments' names, indexed by Segment.
var SegmentNames = [4]string{"Situation", "Task", "Action", "Result"}

func (s Segment) String() string { return SegmentNames[s] }

// Bounds of the timing settings a user may choose.
const (
	MaxPrep      = 120 * time.Second
	MinTarget    = time.Minute
	MaxTarget    = 5 * time.Minute
	LimitFactor  = 1.5  // the optional hard limit is this times the target
	NearingShare = 0.85 // the timer warns from this share of the target on
)

// Plan is how an answer is timed: preparation, the target length, the STAR split in percent,
// and whether recording stops by itself at the hard limit.
type Plan struct {
	Prep     time.Duration
	Target   time.Duration
	Split    [4]int // percent of the target per segment; sums to 100
	AutoStop bool   // stop at LimitFactor x Target
}

// DefaultPlan is 30 s to prepare and a 2-minute answer split 20/10/60/10.
var DefaultPlan = Plan{Prep: 30 * time.Second, Target: 2 * time.Minute, Split: [4]int{20, 10, 60, 10}}

// Validate reports the first setting out of bounds, in words for the user.
func (p Plan) Validate() error {
	if p.Prep < 0 || p.Prep > MaxPrep {
		return fmt.Errorf("preparation time must be between 0 and %d seconds", int(MaxPrep.Seconds()))
	}
	if p.Target < MinTarget || p.Target > MaxTarget {
		return fmt.Errorf("the answer target must be between %d and %d minutes", int(MinTarget.Minutes()), int(MaxTarget.Minutes()))
	}
	sum := 0
	for i, v := range p.Split {
		if v < 0 {
			return fmt.Errorf("the %s share cannot be negative", SegmentNames[i])
		}
		sum += v
	}
	if sum != 100 {
		return fmt.Errorf("the STAR shares add up to %d %%, not 100 %%", sum)
	}
	return nil
}

// SegmentEnd is when segment s should be finished, measured from the start of the answer.
func (p Plan) SegmentEnd(s Segment) time.Duration {
	pct := 0
	for i := Situation; i <= s; i++ {
		pct += p.Split[i]
	}
	return p.Target * time.Duration(pct) / 100
}

// SegmentAt is the segment the plan expects at elapsed; past the target it is Result.
func (p Plan) SegmentAt(elapsed time.Duration) Segment {
	for s := Situation; s < Result; s++ {
		if elapsed < p.SegmentEnd(s) {
			return s
		}
	}
	return Result
}

// Limit is the hard limit: LimitFactor x Target.
func (p Plan) Limit() time.Duration {
	return time.Duration(float64(p.Target) * LimitFactor)
}

// Zone says how an answer's length stands against the target.
type Zone int

// Zones, in the order an answer passes through them.
const (
	OnTrack Zone = iota // comfortably inside the target
	Nearing             // NearingShare of the target or more
	Over                // past the target
	AtLimit             // at or past the hard limit
)

// ZoneAt is the zone at elapsed.
func (p Plan) ZoneAt(elapsed time.Duration) Zone {
	switch {
	case elapsed >= p.Limit():
		return AtLimit
	case elapsed > p.Target:
		return Over
	case float64(elapsed) >= NearingShare*float64(p.Target):
		return Nearing
	}
	return OnTrack
}
