package audio

import (
	"math"
	"slices"
	"testing"
)

func TestRender(t *testing.T) {
	samples := []int16{0, 100, 200, 300}
	tests := []struct {
		name    string
		out     int
		pos     float64
		step    float64
		want    []int16
		wantPos float64
		wantEnd bool
	}{
		{"normal speed", 3, 0, 1, []int16{0, 100, 200}, 3, false},
		{"interpolates between samples", 3, 0.5, 1, []int16{50, 150, 250}, 3.5, false},
		{"slow speed", 4, 0, 0.75, []int16{0, 75, 150, 225}, 3, false},
		{"fast speed", 2, 0, 1.5, []int16{0, 150}, 3, false},
		{"last sample holds", 1, 3, 1, []int16{300}, 4, false},
		{"reaches the end and pads silence", 4, 2, 1, []int16{200, 300, 0, 0}, 4, true},
		{"already at the end", 2, 4, 1, []int16{0, 0}, 4, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := slices.Repeat([]int16{-1}, tt.out)
			pos, end := render(o, samples, tt.pos, tt.step)
			if !slices.Equal(o, tt.want) || math.Abs(pos-tt.wantPos) > 1e-9 || end != tt.wantEnd {
				t.Errorf("render = %v pos %v end %v; want %v pos %v end %v", o, pos, end, tt.want, tt.wantPos, tt.wantEnd)
			}
		})
	}
}

func TestSetSpeed(t *testing.T) {
	tests := []struct {
		speed float64
		ok    bool
	}{
		{1, true}, {MinSpeed, true}, {MaxSpeed, true}, {0.5, false}, {2, false}, {math.NaN(), false},
	}
	for _, tt := range tests {
		p := &Player{}
		p.speed.Store(math.Float64bits(1))
		err := p.SetSpeed(tt.speed)
		if (err == nil) != tt.ok {
			t.Errorf("SetSpeed(%v) error %v, want ok=%v", tt.speed, err, tt.ok)
		}
		if want := map[bool]float64{true: tt.speed, false: 1}[tt.ok]; err == nil && math.Float64frombits(p.speed.Load()) != want {
			t.Errorf("SetSpeed(%v) stored %v", tt.speed, math.Float64frombits(p.speed.Load()))
		}
	}
}
