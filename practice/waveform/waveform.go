// Package waveform summarises audio as the minimum and maximum sample of each short bucket of
// frames, small enough to keep beside a recording and to draw at any width.
package waveform

import (
	"time"
)

// DefaultFramesPerBucket is 10 ms at 48 kHz.
const DefaultFramesPerBucket = 480

// Summary is the min/max of each bucket of FramesPerBucket mono frames. The last bucket may be
// partial.
type Summary struct {
	SampleRate, FramesPerBucket int
	Min, Max                    []int16
	// Frames is the number of mono frames summarised. FromSamples, Builder and Load set it; a
	// value that does not fit the bucket count counts as full buckets.
	Frames int64
}

// FromSamples summarises mono audio at sampleRate. A framesPerBucket below 1 means
// DefaultFramesPerBucket.
func FromSamples(mono []int16, sampleRate, framesPerBucket int) Summary {
	fpb := bucketSize(framesPerBucket)
	n := (len(mono) + fpb - 1) / fpb
	s := Summary{SampleRate: sampleRate, FramesPerBucket: fpb, Min: make([]int16, n), Max: make([]int16, n), Frames: int64(len(mono))}
	for i := range n {
		s.Min[i], s.Max[i] = minMax(mono[i*fpb : min((i+1)*fpb, len(mono))])
	}
	return s
}

// bucketSize returns fpb, or the default when fpb is not positive.
func bucketSize(fpb int) int {
	if fpb < 1 {
		return DefaultFramesPerBucket
	}
	return fpb
}

// minMax returns the smallest and largest of a non-empty slice.
func minMax(x []int16) (lo, hi int16) {
	lo, hi = x[0], x[0]
	for _, v := range x[1:] {
		lo = min(lo, v)
		hi = max(hi, v)
	}
	return lo, hi
}

// Duration returns the length of the audio summarised.
func (s Summary) Duration() time.Duration {
	if s.SampleRate <= 0 {
		return 0
	}
	return time.Duration(s.frames()) * time.Second / time.Duration(s.SampleRate)
}

// frames returns Frames when it fits the bucket count, else the frames in full buckets.
func (s Summary) frames() int64 {
	n, fpb := int64(min(len(s.Min), len(s.Max))), int64(s.FramesPerBucket)
	if s.Frames > (n-1)*fpb && s.Frames <= n*fpb || n == 0 && s.Frames == 0 {
		return s.Frames
	}
	return n * fpb
}

// Columns reduces the summary to width columns for drawing, each the min and max, in [-1, 1], of
// the buckets it covers. When width exceeds the bucket count each bucket spans several columns.
// With no buckets every column is 0.
func (s Summary) Columns(width int) (lo, hi []float32) {
	if width <= 0 {
		return nil, nil
	}
	lo, hi = make([]float32, width), make([]float32, width)
	n := min(len(s.Min), len(s.Max))
	if n == 0 {
		return lo, hi
	}
	for i := range width {
		start := i * n / width
		end := max((i+1)*n/width, start+1)
		a, _ := minMax(s.Min[start:end])
		_, b := minMax(s.Max[start:end])
		lo[i], hi[i] = scale(a), scale(b)
	}
	return lo, hi
}

// scale maps a sample to [-1, 1].
func scale(v int16) float32 {
	return float32(v) / 32768
}
