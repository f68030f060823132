package audio

import (
	"path/filepath"
	"runtime"
	"testing"
	"time"
	"unsafe"

	"lpcoach/practice/wav"
)

// benchRecording returns a Recording on a fake Input (no device) writing to a new file in dir,
// armed so that Input.onData feeds its ring: the real callback, ring and writer code paths.
func benchRecording(tb testing.TB, dir string, maxLength time.Duration) (*Input, *Recording) {
	tb.Helper()
	path := filepath.Join(dir, time.Now().Format("150405.000000000")+".wav")
	w, err := wav.Create(path+".part", SampleRate, 1)
	if err != nil {
		tb.Fatal(err)
	}
	in := &Input{base: time.Now()}
	r := newRecording(in, w, path, Options{MaxLength: maxLength}.withDefaults())
	in.target.Store(r.c)
	return in, r
}

// callbackBlock is one 10 ms device period of a tone, as the bytes miniaudio hands the callback.
func callbackBlock() []byte {
	s := tone(SampleRate/100, SampleRate)
	return unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), 2*len(s))
}

// feedSeconds runs the callback for n seconds of audio in 10 ms periods, draining the ring
// every 10 periods as the writer goroutine does, and syncing once per second when sync is set.
func feedSeconds(tb testing.TB, in *Input, r *Recording, block []byte, n int, sync bool) {
	for range n {
		for range 10 {
			for range 10 {
				in.onData(nil, block, SampleRate/100)
			}
			if _, err := r.drain(); err != nil {
				tb.Fatal(err)
			}
		}
		if sync {
			if err := r.w.Sync(); err != nil {
				tb.Fatal(err)
			}
		}
	}
}

// TestCallbackDoesNotAllocate checks the capture callback and the writer's drain allocate
// nothing once running.
func TestCallbackDoesNotAllocate(t *testing.T) {
	in, r := benchRecording(t, t.TempDir(), time.Minute)
	defer r.w.Close()
	block := callbackBlock()
	if n := testing.AllocsPerRun(100, func() { in.onData(nil, block, SampleRate/100) }); n != 0 {
		t.Errorf("capture callback allocates %v times per call", n)
	}
	if n := testing.AllocsPerRun(10, func() { feedSeconds(t, in, r, block, 1, false) }); n != 0 {
		t.Errorf("callback plus writer allocate %v times per second of audio", n)
	}
}

// BenchmarkCaptureSecond measures the CPU cost of one second of audio through the capture
// callback, the ring, the WAV writer and the waveform builder (without the once-a-second fsync,
// which is I/O wait, not CPU).
func BenchmarkCaptureSecond(b *testing.B) {
	dir := b.TempDir()
	block := callbackBlock()
	in, r := benchRecording(b, dir, DefaultMaxLength)
	left := 900
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if left == 0 { // a recording holds 15 minutes: start the next one
			b.StopTimer()
			r.w.Close()
			in, r = benchRecording(b, dir, DefaultMaxLength)
			left = 900
			b.StartTimer()
		}
		feedSeconds(b, in, r, block, 1, false)
		left--
	}
	r.w.Close()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e7, "%cpu")
}

// BenchmarkTenMinuteHeap streams a 10-minute recording (synthetic callbacks, real files, fsync
// every second) and reports how much the live heap grew, including the ring and the waveform
// allocated for it; it fails above 2 MB.
func BenchmarkTenMinuteHeap(b *testing.B) {
	block := callbackBlock()
	var worst uint64
	for b.Loop() {
		dir := b.TempDir()
		before := liveHeap()
		in, r := benchRecording(b, dir, DefaultMaxLength)
		feedSeconds(b, in, r, block, 600, true)
		after := liveHeap()
		runtime.KeepAlive(r)
		r.w.Close()
		if after > before {
			worst = max(worst, after-before)
		}
	}
	b.ReportMetric(float64(worst), "heap-growth-B")
	if worst > 2<<20 {
		b.Fatalf("heap grew %d bytes over a 10-minute recording, want < 2 MB", worst)
	}
}

// liveHeap returns the bytes of live heap objects after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
