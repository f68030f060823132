package audio

import (
	"math"
	"path/filepath"
	"testing"
	"time"

	"lpcoach/practice/wav"
)

// waitFor polls cond every 5 ms until it holds, failing t after d.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %v", what, d)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// openSystem opens a System with the named backend and closes it when the test ends.
func openSystem(t *testing.T, backend string) *System {
	t.Helper()
	sys, err := NewSystemFor(backend)
	if err != nil {
		t.Fatalf("NewSystemFor(%q): %v", backend, err)
	}
	t.Cleanup(func() {
		if err := sys.Close(); err != nil {
			t.Errorf("close system: %v", err)
		}
	})
	return sys
}

// warmInput opens the capture device id and waits for its first frames.
func warmInput(t *testing.T, sys *System, id string) *Input {
	t.Helper()
	in, err := sys.OpenInput(id)
	if err != nil {
		t.Fatalf("OpenInput(%q): %v", id, err)
	}
	t.Cleanup(func() {
		if err := in.Close(); err != nil {
			t.Errorf("close input: %v", err)
		}
	})
	waitFor(t, 5*time.Second, "first frames from the input", func() bool { return in.Frames() > 0 })
	return in
}

// sineWAV writes seconds of a 440 Hz tone at amplitude amp (0..1) to a new WAV in dir.
func sineWAV(t *testing.T, dir string, seconds, amp float64) string {
	t.Helper()
	path := filepath.Join(dir, "tone.wav")
	w, err := wav.Create(path, SampleRate, 1)
	if err != nil {
		t.Fatal(err)
	}
	s := make([]int16, int(seconds*SampleRate))
	for i := range s {
		s[i] = int16(amp * 32767 * math.Sin(2*math.Pi*440*float64(i)/SampleRate))
	}
	if err := w.Write(s); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// firstFrameLatency returns how long after the Record call the first frame reached the ring.
func firstFrameLatency(t *testing.T, in *Input, path string) (*Recording, time.Duration) {
	t.Helper()
	before := time.Since(in.base)
	rec, err := in.Record(path, Options{})
	if err != nil {
		t.Fatalf("Record: %v", err)
	}
	waitFor(t, time.Second, "first frame of the recording", func() bool { return rec.c.first.Load() != 0 })
	return rec, time.Duration(rec.c.first.Load()) - before
}
