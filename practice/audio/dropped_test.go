package audio

import (
	"testing"
	"time"
)

// TestDroppedDetection feeds a recording synthetic callbacks at chosen times and checks what
// its result reports as dropped: ring overflow, and frames missing against the clock by more
// than two periods, but not jitter or a late device that catches up.
func TestDroppedDetection(t *testing.T) {
	const period = SampleRate / 100 // 10 ms blocks
	ms := int64(time.Millisecond)
	tests := []struct {
		name   string
		blocks int
		at     func(k int) int64 // callback time of block k, ns
		want   int
	}{
		{"steady", 100, func(k int) int64 { return int64(k)*10*ms + 1 }, 0},
		{"jitter under two periods", 100, func(k int) int64 {
			at := int64(k)*10*ms + 1
			if k == 99 {
				at += 15 * ms // the last callback runs late
			}
			return at
		}, 0},
		{"late device that catches up", 100, func(k int) int64 {
			if k >= 50 && k < 60 {
				return 600*ms + 1 // ten periods held back, then delivered at once
			}
			return int64(k)*10*ms + 1
		}, 0},
		{"a 100 ms gap", 100, func(k int) int64 {
			if k >= 50 {
				return int64(k+10)*10*ms + 1
			}
			return int64(k)*10*ms + 1
		}, 10 * period},
		{"ring overflow", 600, func(int) int64 { return 1 }, 600*period - ringCapacity()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, r := benchRecording(t, t.TempDir(), time.Minute)
			in.period.Store(period)
			block := tone(period, SampleRate)
			for k := range tt.blocks {
				r.c.push(block, tt.at(k))
			}
			r.halt(ReasonInputClosed, nil)
			r.c.complete.Store(true) // no device will deliver the tail
			r.finish()
			if r.result.Dropped != tt.want {
				t.Errorf("Dropped = %d, want %d", r.result.Dropped, tt.want)
			}
		})
	}
}

// ringCapacity is the number of samples a recording's ring holds.
func ringCapacity() int {
	return len(newRing(ringSeconds * SampleRate).buf)
}
