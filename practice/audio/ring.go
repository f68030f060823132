package audio

import "sync/atomic"

// ring is a lock-free single-producer single-consumer queue of samples. The producer (the
// device callback) calls only push; the consumer (the writer goroutine) calls only pop. The
// atomics on head and tail order the sample copies for both sides, so neither ever waits.
type ring struct {
	buf     []int16
	mask    uint64
	head    atomic.Uint64 // samples ever pushed; written by the producer only
	tail    atomic.Uint64 // samples ever popped; written by the consumer only
	dropped atomic.Uint64 // samples the producer could not store because the ring was full
}

// newRing returns a ring holding at least capacity samples (rounded up to a power of two).
func newRing(capacity int) *ring {
	size := 1
	for size < capacity {
		size <<= 1
	}
	return &ring{buf: make([]int16, size), mask: uint64(size - 1)}
}

// push copies as much of s as fits, counts the rest as dropped, and returns how many it stored.
// It never allocates or blocks.
func (r *ring) push(s []int16) int {
	h := r.head.Load()
	free := len(r.buf) - int(h-r.tail.Load())
	n := min(len(s), free)
	if n > 0 {
		i := int(h & r.mask)
		c := copy(r.buf[i:], s[:n])
		copy(r.buf, s[c:n])
		r.head.Store(h + uint64(n))
	}
	if n < len(s) {
		r.dropped.Add(uint64(len(s) - n))
	}
	return n
}

// pop moves up to len(dst) samples into dst and returns how many it moved.
func (r *ring) pop(dst []int16) int {
	t := r.tail.Load()
	n := min(len(dst), int(r.head.Load()-t))
	if n > 0 {
		i := int(t & r.mask)
		c := copy(dst[:n], r.buf[i:])
		copy(dst[c:n], r.buf)
		r.tail.Store(t + uint64(n))
	}
	return n
}
