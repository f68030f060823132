package audio

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"lpcoach/practice/wav"
	"lpcoach/practice/waveform"
)

// TestNullRecording records from miniaudio's real null backend, which is paced in real time: the
// file holds as many frames as the wall clock says, within one device period, and everything
// around it (rename, peaks, modes, level, elapsed) is right.
func TestNullRecording(t *testing.T) {
	sys := openSystem(t, "null")
	in := warmInput(t, sys, "")
	dir := t.TempDir()
	path := filepath.Join(dir, "answer.wav")
	start := time.Now()
	rec, latency := firstFrameLatency(t, in, path)
	if latency > 50*time.Millisecond {
		t.Errorf("first frame %v after Record on a warm stream, want <= 50ms", latency)
	}
	if _, err := os.Stat(path + ".part"); err != nil {
		t.Errorf("no .part while recording: %v", err)
	}
	time.Sleep(2*time.Second - time.Since(start))
	res, err := rec.Stop()
	if err != nil {
		t.Fatalf("Stop: %v", err)
	}
	// The clock starts on the first captured frame: from then to the moment of the Stop call,
	// the device delivered whole periods, so the count matches the clock within one period.
	period := in.period.Load()
	clock := time.Duration(rec.c.until.Load() - rec.c.first.Load())
	want := int64(clock) * SampleRate / int64(time.Second)
	t.Logf("first frame after %v; %d frames in %v of clock (want %d, period %d)", latency, res.Frames, clock, want, period)
	if d := res.Frames - want; d < -period || d > period {
		t.Errorf("%d frames in %v, want %d within one period (%d)", res.Frames, clock, want, period)
	}
	checkResult(t, res, path)
	if res.Reason != ReasonStopped || res.Dropped != 0 || res.Level.PeakDBFS != SilenceDBFS {
		t.Errorf("result %+v, want a clean silent stop", res)
	}
	if rec.Elapsed() != res.Duration {
		t.Errorf("Elapsed %v after stop, want %v", rec.Elapsed(), res.Duration)
	}
}

// checkResult verifies the files a clean recording leaves.
func checkResult(t *testing.T, res Result, path string) {
	t.Helper()
	if res.Path != path || res.PeaksPath != path[:len(path)-len(".wav")]+".peaks" {
		t.Errorf("paths %q %q", res.Path, res.PeaksPath)
	}
	if _, err := os.Stat(path + ".part"); !os.IsNotExist(err) {
		t.Errorf(".part still there after stop: %v", err)
	}
	for _, p := range []string{res.Path, res.PeaksPath} {
		if st, err := os.Stat(p); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v, mode %v; want 0600", p, err, st.Mode().Perm())
		}
	}
	info, err := wav.ReadInfo(res.Path)
	if err != nil || info.Frames != res.Frames || info.SampleRate != SampleRate || info.Channels != 1 {
		t.Errorf("ReadInfo = %+v, %v; want %d frames mono 48 kHz", info, err, res.Frames)
	}
	if res.Duration != framesDuration(res.Frames) {
		t.Errorf("Duration %v for %d frames", res.Duration, res.Frames)
	}
	sum, err := waveform.Load(res.PeaksPath)
	if err != nil {
		t.Fatalf("load peaks: %v", err)
	}
	if d := sum.Duration() - res.Duration; d < -10*time.Millisecond || d > 10*time.Millisecond {
		t.Errorf("peaks cover %v, recording %v", sum.Duration(), res.Duration)
	}
}

// TestNullElapsedAndWaveform checks the live clock and waveform while recording.
func TestNullElapsedAndWaveform(t *testing.T) {
	sys := openSystem(t, "null")
	in := warmInput(t, sys, "")
	rec, err := in.Record(filepath.Join(t.TempDir(), "a.wav"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, 3*time.Second, "half a second recorded", func() bool { return rec.Elapsed() >= 500*time.Millisecond })
	if _, err := in.Record(filepath.Join(t.TempDir(), "b.wav"), Options{}); err == nil {
		t.Error("a second concurrent Record was accepted")
	}
	waitFor(t, time.Second, "waveform catches up", func() bool {
		return rec.Waveform().Duration() >= 400*time.Millisecond
	})
	if lv := in.Level(); lv != silentLevel {
		t.Errorf("null device level %+v, want silence", lv)
	}
	res, err := rec.Stop()
	if err != nil || res.Duration < 500*time.Millisecond {
		t.Fatalf("Stop = %+v, %v", res, err)
	}
	again, err := rec.Stop()
	if err != nil || again.Path != res.Path {
		t.Errorf("second Stop = %+v, %v; want the same result", again, err)
	}
}

// TestNullLengthCap lets a recording run into its cap: it stops by itself at exactly the cap.
func TestNullLengthCap(t *testing.T) {
	sys := openSystem(t, "null")
	in := warmInput(t, sys, "")
	path := filepath.Join(t.TempDir(), "capped.wav")
	rec, err := in.Record(path, Options{MaxLength: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-rec.Done():
	case <-time.After(3 * time.Second):
		t.Fatal("recording did not stop at its cap")
	}
	res, err := rec.Stop()
	if err != nil || res.Reason != ReasonLengthCap || res.Frames != SampleRate*3/10 {
		t.Errorf("Stop = %+v, %v; want cap reason and %d frames", res, err, SampleRate*3/10)
	}
	checkResult(t, res, path)
	if _, err := in.Record(filepath.Join(t.TempDir(), "next.wav"), Options{}); err != nil {
		t.Errorf("the Input does not record again after a capped recording: %v", err)
	}
}

func TestRecordRefuses(t *testing.T) {
	sys := openSystem(t, "null")
	in := warmInput(t, sys, "")
	dir := t.TempDir()
	exists := filepath.Join(dir, "exists.wav")
	if err := os.WriteFile(exists, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		path string
		opts Options
	}{
		{"not a .wav", filepath.Join(dir, "a.mp3"), Options{}},
		{"folder missing", filepath.Join(dir, "gone", "a.wav"), Options{}},
		{"file exists", exists, Options{}},
		{"disk nearly full", filepath.Join(dir, "b.wav"), Options{MinFreeBytes: 1 << 62}},
	}
	for _, tt := range tests {
		if rec, err := in.Record(tt.path, tt.opts); err == nil {
			rec.Stop()
			t.Errorf("%s: Record accepted %s", tt.name, tt.path)
		}
	}
}

// TestNullPlayback plays a tone through the null backend: position advances in real time,
// pause holds it, seek moves it (paused and playing), and the end is signalled.
func TestNullPlayback(t *testing.T) {
	sys := openSystem(t, "null")
	p, err := sys.OpenPlayer("", sineWAV(t, t.TempDir(), 1.5, 0.5))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := p.Close(); err != nil {
			t.Errorf("close player: %v", err)
		}
	})
	if p.Duration() != 1500*time.Millisecond || p.Position() != 0 || p.Playing() {
		t.Fatalf("fresh player: duration %v position %v playing %v", p.Duration(), p.Position(), p.Playing())
	}
	p.Play()
	waitFor(t, 2*time.Second, "playback advances", func() bool { return p.Position() >= 200*time.Millisecond })
	p.Pause()
	held := p.Position()
	time.Sleep(100 * time.Millisecond)
	if p.Position() != held {
		t.Errorf("position moved while paused: %v -> %v", held, p.Position())
	}
	p.Seek(time.Second)
	if p.Position() != time.Second {
		t.Errorf("paused seek: position %v, want 1s", p.Position())
	}
	p.Play()
	p.Seek(1200 * time.Millisecond)
	if pos := p.Position(); pos < 1200*time.Millisecond || pos > 1250*time.Millisecond {
		t.Errorf("seek while playing: position %v, want about 1.2s", pos)
	}
	select {
	case <-p.Ended():
	case <-time.After(2 * time.Second):
		t.Fatal("end of playback not signalled")
	}
	if p.Playing() || p.Position() != p.Duration() {
		t.Errorf("at the end: playing %v position %v", p.Playing(), p.Position())
	}
	p.Play()
	if p.Position() != 0 {
		t.Errorf("Play at the end restarts at %v, want 0", p.Position())
	}
}

// TestNullCloseWhileRecording closes the Input mid-recording: the recording ends, keeps what it
// captured in a finished file, and says why.
func TestNullCloseWhileRecording(t *testing.T) {
	sys := openSystem(t, "null")
	in, err := sys.OpenInput("")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "closed.wav")
	rec, err := in.Record(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, 3*time.Second, "some audio recorded", func() bool { return rec.Elapsed() >= 200*time.Millisecond })
	if err := in.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	select {
	case <-rec.Done():
	default:
		t.Fatal("Close returned before the recording was finalised")
	}
	res, err := rec.Stop()
	if err != nil || res.Reason != ReasonInputClosed {
		t.Fatalf("Stop = %+v, %v; want ReasonInputClosed and no error", res, err)
	}
	checkResult(t, res, path)
	if !errors.Is(in.Err(), ErrClosed) {
		t.Errorf("Err after Close = %v, want ErrClosed", in.Err())
	}
	if _, err := in.Record(filepath.Join(t.TempDir(), "x.wav"), Options{}); !errors.Is(err, ErrClosed) {
		t.Errorf("Record after Close = %v, want ErrClosed", err)
	}
}
