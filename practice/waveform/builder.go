package waveform

import "sync"

// Builder accumulates a Summary incrementally from one writer goroutine while other goroutines
// take snapshots. It is guarded by a mutex, so never call it from an audio callback.
type Builder struct {
	mu    sync.Mutex
	s     Summary
	curN  int // frames in the partial bucket
	curLo int16
	curHi int16
}

// NewBuilder returns a Builder with room for capacityFrames mono frames, so Add does not
// allocate until that many have been added. A framesPerBucket below 1 means
// DefaultFramesPerBucket.
func NewBuilder(sampleRate, framesPerBucket int, capacityFrames int64) *Builder {
	fpb := bucketSize(framesPerBucket)
	buckets := max(capacityFrames, 0)/int64(fpb) + 1
	return &Builder{s: Summary{
		SampleRate:      sampleRate,
		FramesPerBucket: fpb,
		Min:             make([]int16, 0, buckets),
		Max:             make([]int16, 0, buckets),
	}}
}

// Add summarises the next mono frames.
func (b *Builder) Add(mono []int16) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.s.Frames += int64(len(mono))
	for len(mono) > 0 {
		take := min(b.s.FramesPerBucket-b.curN, len(mono))
		lo, hi := minMax(mono[:take])
		if b.curN == 0 {
			b.curLo, b.curHi = lo, hi
		} else {
			b.curLo, b.curHi = min(b.curLo, lo), max(b.curHi, hi)
		}
		b.curN += take
		mono = mono[take:]
		if b.curN == b.s.FramesPerBucket {
			b.s.Min = append(b.s.Min, b.curLo)
			b.s.Max = append(b.s.Max, b.curHi)
			b.curN = 0
		}
	}
}

// Snapshot returns a copy of the summary so far, including the partial last bucket.
func (b *Builder) Snapshot() Summary {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.s
	n := len(s.Min)
	if b.curN > 0 {
		n++
	}
	s.Min, s.Max = make([]int16, n), make([]int16, n)
	copy(s.Min, b.s.Min)
	copy(s.Max, b.s.Max)
	if b.curN > 0 {
		s.Min[n-1], s.Max[n-1] = b.curLo, b.curHi
	}
	return s
}
