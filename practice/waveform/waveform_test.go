package waveform

import (
	"math"
	"slices"
	"sync"
	"testing"
	"time"
)

// tone returns n samples of a sine whose amplitude grows from 0 to full scale, so every bucket
// has a different min and max.
func tone(n int) []int16 {
	s := make([]int16, n)
	for i := range s {
		amp := 32767 * float64(i) / float64(max(n-1, 1))
		s[i] = int16(amp * math.Sin(float64(i)*0.05))
	}
	return s
}

func TestFromSamples(t *testing.T) {
	tests := []struct {
		name     string
		in       []int16
		fpb      int
		min, max []int16
	}{
		{"exact buckets", []int16{1, -1, 5, 3, -7, 2}, 2, []int16{-1, 3, -7}, []int16{1, 5, 2}},
		{"partial last bucket", []int16{1, -1, 5, 3, -7}, 2, []int16{-1, 3, -7}, []int16{1, 5, -7}},
		{"one bucket", []int16{4, 9, -32768, 32767}, 10, []int16{-32768}, []int16{32767}},
		{"empty", nil, 480, []int16{}, []int16{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := FromSamples(tc.in, 8000, tc.fpb)
			if !slices.Equal(s.Min, tc.min) || !slices.Equal(s.Max, tc.max) {
				t.Errorf("min %v max %v, want %v %v", s.Min, s.Max, tc.min, tc.max)
			}
			if s.Frames != int64(len(tc.in)) || s.SampleRate != 8000 || s.FramesPerBucket != tc.fpb {
				t.Errorf("summary %+v does not describe %d frames at 8000 Hz in buckets of %d", s, len(tc.in), tc.fpb)
			}
		})
	}
	if s := FromSamples([]int16{1}, 48000, 0); s.FramesPerBucket != DefaultFramesPerBucket {
		t.Errorf("bucket size 0 gave %d, want the default", s.FramesPerBucket)
	}
}

// TestBuilderMatchesFromSamples feeds a Builder odd-sized chunks and compares every snapshot
// with FromSamples over the same prefix.
func TestBuilderMatchesFromSamples(t *testing.T) {
	tests := []struct {
		name     string
		frames   int
		fpb      int
		chunks   []int
		capacity int64
	}{
		{"default buckets, odd chunks", 48000*2 + 77, DefaultFramesPerBucket, []int{1, 479, 480, 481, 1000, 7, 333}, 48000 * 3},
		{"tiny buckets", 2000, 3, []int{2, 5, 1, 13}, 10},
		{"chunks spanning many buckets", 48000*2 + 77, 100, []int{4801, 12345}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			audio := tone(tc.frames)
			b := NewBuilder(48000, tc.fpb, tc.capacity)
			fed := 0
			for i := 0; fed < len(audio); i++ {
				n := min(tc.chunks[i%len(tc.chunks)], len(audio)-fed)
				b.Add(audio[fed : fed+n])
				fed += n
				got, want := b.Snapshot(), FromSamples(audio[:fed], 48000, tc.fpb)
				if !slices.Equal(got.Min, want.Min) || !slices.Equal(got.Max, want.Max) || got.Frames != want.Frames {
					t.Fatalf("after %d frames the snapshot differs from FromSamples (%d vs %d buckets)", fed, len(got.Min), len(want.Min))
				}
			}
		})
	}
}

// TestSnapshotIsACopy checks a snapshot does not change as the Builder goes on, and that
// snapshots taken while another goroutine adds are consistent (run with -race).
func TestSnapshotIsACopy(t *testing.T) {
	b := NewBuilder(48000, 10, 1000)
	b.Add(tone(25))
	s := b.Snapshot()
	before := slices.Clone(s.Max)
	b.Add(tone(100))
	if !slices.Equal(s.Max, before) || len(s.Max) != 3 {
		t.Fatalf("snapshot changed after Add: %v -> %v", before, s.Max)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		for range 200 {
			b.Add(tone(37))
		}
	})
	for range 200 {
		s := b.Snapshot()
		if want := (s.Frames + 9) / 10; int64(len(s.Min)) != want || len(s.Max) != len(s.Min) {
			t.Fatalf("snapshot of %d frames has %d/%d buckets, want %d", s.Frames, len(s.Min), len(s.Max), want)
		}
	}
	wg.Wait()
}

func TestColumns(t *testing.T) {
	s := Summary{SampleRate: 100, FramesPerBucket: 10,
		Min: []int16{-16384, 0, -32768, -8192}, Max: []int16{16384, 8192, 0, 32767}}
	tests := []struct {
		name   string
		s      Summary
		width  int
		lo, hi []float32
	}{
		{"same width", s, 4, []float32{-0.5, 0, -1, -0.25}, []float32{0.5, 0.25, 0, 32767.0 / 32768}},
		{"half width merges pairs", s, 2, []float32{-0.5, -1}, []float32{0.5, 32767.0 / 32768}},
		{"one column", s, 1, []float32{-1}, []float32{32767.0 / 32768}},
		{"three columns", s, 3, []float32{-0.5, 0, -1}, []float32{0.5, 0.25, 32767.0 / 32768}},
		{"double width repeats", s, 8, []float32{-0.5, -0.5, 0, 0, -1, -1, -0.25, -0.25}, []float32{0.5, 0.5, 0.25, 0.25, 0, 0, 32767.0 / 32768, 32767.0 / 32768}},
		{"empty summary", Summary{SampleRate: 100, FramesPerBucket: 10}, 3, []float32{0, 0, 0}, []float32{0, 0, 0}},
		{"zero width", s, 0, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lo, hi := tc.s.Columns(tc.width)
			if !slices.Equal(lo, tc.lo) || !slices.Equal(hi, tc.hi) {
				t.Errorf("Columns(%d) = %v %v, want %v %v", tc.width, lo, hi, tc.lo, tc.hi)
			}
		})
	}
}

// TestColumnsCoverEverything checks at many widths that columns stay in [-1, 1] and that the
// loudest bucket shows up in some column.
func TestColumnsCoverEverything(t *testing.T) {
	s := FromSamples(tone(48000), 48000, DefaultFramesPerBucket)
	wantLo, wantHi := slices.Min(s.Min), slices.Max(s.Max)
	for _, width := range []int{1, 7, 99, 100, 101, 640, 1920} {
		lo, hi := s.Columns(width)
		if len(lo) != width || len(hi) != width {
			t.Fatalf("width %d gave %d/%d columns", width, len(lo), len(hi))
		}
		if slices.Min(lo) != float32(wantLo)/32768 || slices.Max(hi) != float32(wantHi)/32768 {
			t.Errorf("width %d: range [%v, %v], want [%v, %v]", width, slices.Min(lo), slices.Max(hi), float32(wantLo)/32768, float32(wantHi)/32768)
		}
	}
}

func TestDuration(t *testing.T) {
	tests := []struct {
		name string
		s    Summary
		want time.Duration
	}{
		{"from samples", FromSamples(make([]int16, 72000), 48000, 480), 1500 * time.Millisecond},
		{"partial bucket", FromSamples(make([]int16, 24001), 48000, 480), time.Second / 2 * 24001 / 24000},
		{"hand-built without frames", Summary{SampleRate: 100, FramesPerBucket: 10, Min: make([]int16, 5), Max: make([]int16, 5)}, 500 * time.Millisecond},
		{"no rate", Summary{FramesPerBucket: 10, Frames: 10, Min: make([]int16, 1), Max: make([]int16, 1)}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.s.Duration(); got != tc.want {
				t.Errorf("Duration() = %v, want %v", got, tc.want)
			}
		})
	}
}

func BenchmarkFromSamples(b *testing.B) {
	audio := tone(2 * 60 * 48000) // 2 minutes at 48 kHz
	b.ReportAllocs()
	for b.Loop() {
		FromSamples(audio, 48000, DefaultFramesPerBucket)
	}
}

func BenchmarkBuilderAdd(b *testing.B) {
	chunk := tone(480) // 10 ms at 48 kHz, as the writer goroutine hands it over
	builder := NewBuilder(48000, DefaultFramesPerBucket, int64(b.N)*int64(len(chunk)))
	b.SetBytes(int64(2 * len(chunk)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		builder.Add(chunk)
	}
}
