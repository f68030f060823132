package audio

import (
	"slices"
	"testing"
)

func seq(from, n int) []int16 {
	s := make([]int16, n)
	for i := range s {
		s[i] = int16(from + i)
	}
	return s
}

func TestRingPushPop(t *testing.T) {
	tests := []struct {
		name        string
		capacity    int
		pushes      []int // sizes pushed, values continue a sequence
		pop         int   // size of the pop buffer after the pushes
		wantStored  []int
		wantPopped  int
		wantDropped uint64
	}{
		{"fits", 8, []int{3, 4}, 8, []int{3, 4}, 7, 0},
		{"exactly full", 8, []int{8}, 8, []int{8}, 8, 0},
		{"overflow drops the excess", 8, []int{6, 5}, 8, []int{6, 2}, 8, 3},
		{"pop smaller than content", 8, []int{5}, 2, []int{5}, 2, 0},
		{"capacity rounds up to a power of two", 5, []int{8, 1}, 16, []int{8, 0}, 8, 1},
		{"empty", 4, nil, 4, nil, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRing(tt.capacity)
			next := 0
			var stored []int
			for _, n := range tt.pushes {
				stored = append(stored, r.push(seq(next, n)))
				next += n
			}
			if !slices.Equal(stored, tt.wantStored) {
				t.Errorf("stored %v, want %v", stored, tt.wantStored)
			}
			dst := make([]int16, tt.pop)
			got := r.pop(dst)
			if got != tt.wantPopped || !slices.Equal(dst[:got], seq(0, tt.wantPopped)) {
				t.Errorf("popped %d %v, want %d %v", got, dst[:got], tt.wantPopped, seq(0, tt.wantPopped))
			}
			if d := r.dropped.Load(); d != tt.wantDropped {
				t.Errorf("dropped %d, want %d", d, tt.wantDropped)
			}
		})
	}
}

// TestRingWrapsInOrder pushes and pops across the wrap point many times, from two goroutines,
// and checks every sample arrives once and in order.
func TestRingWrapsInOrder(t *testing.T) {
	const total = 200000
	r := newRing(64)
	go func() {
		for sent := 0; sent < total; {
			n := min(7, total-sent)
			sent += r.push(seq(sent, n)) // a full ring stores less; resend the rest
		}
	}()
	dst := make([]int16, 13)
	for got := 0; got < total; {
		n := r.pop(dst)
		for i, v := range dst[:n] {
			if v != int16(got+i) {
				t.Fatalf("sample %d = %d, want %d", got+i, v, int16(got+i))
			}
		}
		got += n
	}
}
