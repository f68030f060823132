package library

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"lpcoach/practice"
	"lpcoach/practice/wav"
)

const testRate = 16000

// tone returns n mono samples of a square wave.
func tone(n int) []int16 {
	s := make([]int16, n)
	for i := range s {
		if i/20%2 == 0 {
			s[i] = 8000
		} else {
			s[i] = -8000
		}
	}
	return s
}

// crashedPart writes a real .part the way a crash leaves it: synced once, then more samples
// written after the last header patch, and never closed. It returns the frames in the file.
func crashedPart(t *testing.T, path string) int64 {
	t.Helper()
	w, err := wav.Create(path, testRate, 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = w.Close() }) // after the assertions; only releases the descriptor
	if err := w.Write(tone(testRate)); err != nil {
		t.Fatal(err)
	}
	if err := w.Sync(); err != nil {
		t.Fatal(err)
	}
	if err := w.Write(tone(testRate / 2)); err != nil { // after the last Sync: header is stale
		t.Fatal(err)
	}
	return w.Frames()
}

// finishedWAV writes a complete WAV of the given frames.
func finishedWAV(t *testing.T, path string, frames int) {
	t.Helper()
	w, err := wav.Create(path, testRate, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(tone(frames)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// byPath indexes attempts by the base name of their file.
func byPath(t *testing.T, l *Library) map[string]Attempt {
	t.Helper()
	list, err := l.Attempts(Filter{})
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]Attempt{}
	for _, a := range list {
		m[filepath.Base(a.Path)] = a
	}
	return m
}

func TestRecover(t *testing.T) {
	l := openTemp(t)
	rec := l.RecordingsDir()
	started := time.Date(2026, 11, 27, 15, 30, 0, 0, time.Local)

	// A crashed recording with a sidecar, and one whose details come from its name only.
	withSidecar := filepath.Join(rec, "2026-11-27_153000_p04.wav")
	framesA := crashedPart(t, withSidecar+partExt)
	marks := []practice.Mark{{Segment: practice.Task, At: 500 * time.Millisecond}, {Segment: practice.Action, At: time.Second},
		{Segment: practice.Result, At: time.Minute}} // the last is past the end of the audio: dropped
	sc := Sidecar{Principle: 4, Question: "Tell me about a bold bet.", Started: started, Marks: marks}
	if err := WriteSidecar(withSidecar+partExt, sc); err != nil {
		t.Fatal(err)
	}
	nameOnly := filepath.Join(rec, "2026-11-28_080910_p12-2.wav")
	framesB := crashedPart(t, nameOnly+partExt)
	// Parts with no audio: 10 bytes, and a bare header.
	tiny := filepath.Join(rec, "2026-11-27_160000_p01.wav.part")
	tinyBytes := []byte("RIFF\x00\x00\x00\x00WA")
	if err := os.WriteFile(tiny, tinyBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	bare := filepath.Join(rec, "2026-11-27_170000_p02.wav.part")
	if w, err := wav.Create(bare, testRate, 1); err != nil {
		t.Fatal(err)
	} else if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	// Orphan WAVs: one named by the app, one the user dropped in.
	orphan := filepath.Join(rec, "2026-11-20_101010_p16.wav")
	finishedWAV(t, orphan, 2*testRate)
	foreign := filepath.Join(rec, "my answer.wav")
	finishedWAV(t, foreign, testRate/4)
	// An attempt whose file was deleted.
	gone, err := l.AddAttempt(Attempt{Principle: 8, Path: l.NewRecordingPath(8, started), Started: started})
	if err != nil {
		t.Fatal(err)
	}

	r, err := l.Recover()
	if err != nil {
		t.Fatal(err)
	}
	if r.Recovered != 2 || r.Imported != 2 || r.Missing != 1 || len(r.Problems) != 2 {
		t.Fatalf("Recover = %+v, want 2 recovered, 2 imported, 1 missing, 2 problems", r)
	}
	got := byPath(t, l)
	frames := func(n int64) time.Duration { return time.Duration(n) * time.Second / testRate }
	checks := []struct {
		file      string
		principle int
		question  string
		started   time.Time
		duration  time.Duration
		status    Status
	}{
		{"2026-11-27_153000_p04.wav", 4, "Tell me about a bold bet.", started, frames(framesA), StatusRecovered},
		{"2026-11-28_080910_p12-2.wav", 12, "", time.Date(2026, 11, 28, 8, 9, 10, 0, time.Local), frames(framesB), StatusRecovered},
		{"2026-11-20_101010_p16.wav", 16, "", time.Date(2026, 11, 20, 10, 10, 10, 0, time.Local), 2 * time.Second, StatusOK},
		{"my answer.wav", 0, "", time.Time{}, 250 * time.Millisecond, StatusOK},
		{filepath.Base(gone.Path), 8, "", started, 0, StatusMissing},
	}
	for _, c := range checks {
		a, ok := got[c.file]
		if !ok {
			t.Errorf("%s: no attempt after Recover", c.file)
			continue
		}
		if a.Principle != c.principle || a.Question != c.question || a.Duration != c.duration || a.Status != c.status ||
			(!c.started.IsZero() && !a.Started.Equal(c.started)) {
			t.Errorf("%s: got %+v, want principle %d question %q started %v duration %v status %s",
				c.file, a, c.principle, c.question, c.started, c.duration, c.status)
		}
	}
	wantMarks := []practice.Mark{{Segment: practice.Task, At: 500 * time.Millisecond}, {Segment: practice.Action, At: time.Second}}
	if m := got["2026-11-27_153000_p04.wav"].Marks; !reflect.DeepEqual(m, wantMarks) {
		t.Errorf("recovered STAR marks %v, want %v", m, wantMarks)
	}
	if framesA != int64(testRate*3/2) {
		t.Errorf("crashed part holds %d frames, want %d", framesA, testRate*3/2)
	}
	// The rescued file is a valid WAV with every frame, and no .part remains.
	if info, err := wav.ReadInfo(withSidecar); err != nil || info.Frames != framesA {
		t.Errorf("rescued file: %+v, %v; want %d frames", info, err, framesA)
	}
	assertGone(t, withSidecar+partExt, nameOnly+partExt, tiny, bare)
	if b, err := os.ReadFile(tiny + badExt); err != nil || !bytes.Equal(b, tinyBytes) {
		t.Errorf("10-byte part not kept aside unchanged: %q, %v", b, err)
	}
	if _, err := os.Stat(bare + badExt); err != nil {
		t.Errorf("header-only part not moved aside: %v", err)
	}
	for _, p := range r.Problems {
		if !strings.Contains(p, ".wav.part.bad") {
			t.Errorf("problem %q does not say where the file was kept", p)
		}
	}
}

// assertGone fails for each path that still exists.
func assertGone(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if exists(p) {
			t.Errorf("%s still exists", filepath.Base(p))
		}
	}
}

func TestRecoverIsIdempotentAndTracksMissing(t *testing.T) {
	dir := t.TempDir()
	l, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(l.RecordingsDir(), "2026-11-27_153000_p03.wav")
	crashedPart(t, path+partExt)
	if r, err := l.Recover(); err != nil || r.Recovered != 1 {
		t.Fatalf("first Recover = %+v, %v; want 1 recovered", r, err)
	}
	hidden := path + ".hidden"
	if err := os.Rename(path, hidden); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	l, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	steps := []struct {
		name   string
		before func() error
		want   Recovery
		status Status
	}{
		{"file gone", func() error { return nil }, Recovery{Missing: 1}, StatusMissing},
		{"still gone", func() error { return nil }, Recovery{Missing: 1}, StatusMissing},
		{"file back", func() error { return os.Rename(hidden, path) }, Recovery{}, StatusRecovered},
		{"again", func() error { return nil }, Recovery{}, StatusRecovered},
	}
	for _, s := range steps {
		if err := s.before(); err != nil {
			t.Fatal(err)
		}
		r, err := l.Recover()
		if err != nil {
			t.Fatal(err)
		}
		list, err := l.Attempts(Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Recovered != s.want.Recovered || r.Imported != s.want.Imported || r.Missing != s.want.Missing ||
			len(r.Problems) != 0 || len(list) != 1 || list[0].Status != s.status {
			t.Errorf("%s: Recover = %+v, attempts %+v; want %+v and one attempt %s", s.name, r, list, s.want, s.status)
		}
	}
}

func TestRecoverLeavesReservedPathAlone(t *testing.T) {
	l := openTemp(t)
	path := l.NewRecordingPath(5, time.Now())
	crashedPart(t, path+partExt) // a recording in progress in this process
	r, err := l.Recover()
	if err != nil || r.Recovered != 0 || len(r.Problems) != 0 {
		t.Fatalf("Recover = %+v, %v; want nothing touched", r, err)
	}
	if !exists(path + partExt) {
		t.Error("Recover took the .part of a recording in progress")
	}
}

func TestWriteSidecar(t *testing.T) {
	dir := t.TempDir()
	wavPath := filepath.Join(dir, "a.wav")
	when := time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC)
	if err := WriteSidecar(wavPath+partExt, Sidecar{Principle: 11, Question: "Q?", Started: when}); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(SidecarPath(wavPath))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != fileMode {
		t.Errorf("sidecar mode %v, want %v", st.Mode().Perm(), os.FileMode(fileMode))
	}
	d := details(wavPath, time.Time{})
	if d.Principle != 11 || d.Question != "Q?" || !d.Started.Equal(when) {
		t.Errorf("details from sidecar = %+v", d)
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 1 {
		t.Errorf("folder holds %d entries (%v), want only the sidecar", len(entries), err)
	}
	if err := WriteSidecar(filepath.Join(dir, "no-such-dir", "b.wav"), Sidecar{Principle: 1, Started: when}); err == nil {
		t.Error("WriteSidecar into a missing folder succeeded")
	}
}
