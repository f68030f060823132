package audio

import (
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"lpcoach/practice/audio/pulsetest"
	"lpcoach/practice/wav"
)

const speechText = "Tell me about a time you disagreed with your manager. " +
	"I gathered the data, wrote a one page proposal, and we shipped two weeks early."

// TestPulseSpeech plays espeak-ng speech into the private server's virtual microphone while
// recording it: the recording matches the speech (RMS envelope correlation >= 0.9 at the best
// lag) and its duration matches the clock.
func TestPulseSpeech(t *testing.T) {
	srv := pulsetest.Start(t)
	speech := pulsetest.Speak(t, speechText, 170)
	sys := openSystem(t, "pulseaudio")
	devs, err := sys.CaptureDevices()
	if err != nil || !slices.Contains(devs, Device{ID: pulsetest.Mic, Name: devs[indexOf(devs, pulsetest.Mic)].Name, Default: true}) {
		t.Fatalf("capture devices %+v, %v; want %s as the default", devs, err, pulsetest.Mic)
	}
	in := warmInput(t, sys, pulsetest.Mic)
	path := filepath.Join(t.TempDir(), "speech.wav")
	rec, latency := firstFrameLatency(t, in, path)
	if latency > 50*time.Millisecond {
		t.Errorf("first frame %v after Record on a warm PulseAudio stream, want <= 50ms", latency)
	}
	select {
	case err := <-srv.Play(t, pulsetest.MicSink, speech):
		if err != nil {
			t.Fatalf("paplay: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("paplay did not finish")
	}
	time.Sleep(300 * time.Millisecond) // the speech's tail travels through the server
	res, err := rec.Stop()
	if err != nil {
		t.Fatalf("Stop: %v", err)
	}
	checkResult(t, res, path)
	clock := time.Duration(rec.c.until.Load() - rec.c.first.Load()) // first frame to the Stop call
	if d := res.Duration - clock; d < -100*time.Millisecond || d > 100*time.Millisecond {
		t.Errorf("recorded %v, but %v passed from the first frame to Stop", res.Duration, clock)
	}
	if res.Dropped != 0 || !res.Level.SpeechHeard() {
		t.Errorf("result %+v: want no drops and speech-level sound", res)
	}
	corr, lag := pulsetest.EnvelopeMatch(t, speech, res.Path)
	t.Logf("latency %v, %v recorded (clock %v), level %+v, envelope correlation %.3f at lag %v",
		latency, res.Duration, clock, res.Level, corr, lag)
	if corr < 0.9 {
		t.Errorf("recording matches the speech with correlation %.3f, want >= 0.9", corr)
	}
}

// indexOf returns the index of the device with id in devs, or 0.
func indexOf(devs []Device, id string) int {
	return max(slices.IndexFunc(devs, func(d Device) bool { return d.ID == id }), 0)
}

// timed runs f and fails t if it took more than limit.
func timed(t *testing.T, what string, limit time.Duration, f func()) {
	t.Helper()
	start := time.Now()
	f()
	if d := time.Since(start); d > limit {
		t.Errorf("%s blocked for %v, want <= %v", what, d, limit)
	}
}

// TestPulseWatchdogSilentMic records from a microphone that never delivers a frame: the
// recording stops by itself with ErrNoAudio within 3 s, leaves no file, and no call blocks for
// over a second (a stuck device release is abandoned, not waited for).
func TestPulseWatchdogSilentMic(t *testing.T) {
	srv := pulsetest.Start(t)
	srv.PipeMic(t, "deadmic")
	sys, err := NewSystemFor("pulseaudio")
	if err != nil {
		t.Fatal(err)
	}
	var in *Input
	timed(t, "OpenInput", time.Second, func() { in, err = sys.OpenInput("deadmic") })
	if err != nil {
		t.Fatalf("OpenInput: %v", err)
	}
	path := filepath.Join(t.TempDir(), "dead.wav")
	var rec *Recording
	timed(t, "Record", time.Second, func() { rec, err = in.Record(path, Options{}) })
	if err != nil {
		t.Fatalf("Record: %v", err)
	}
	select {
	case <-rec.Done():
	case <-time.After(3 * time.Second):
		t.Fatal("the watchdog did not stop the recording within 3 s")
	}
	var res Result
	timed(t, "Stop", time.Second, func() { res, err = rec.Stop() })
	if !errors.Is(err, ErrNoAudio) || res.Reason != ReasonNoAudio || res.Path != "" {
		t.Errorf("Stop = %+v, %v; want ReasonNoAudio, ErrNoAudio and no file", res, err)
	}
	if _, serr := os.Stat(path + ".part"); !os.IsNotExist(serr) {
		t.Errorf("an empty .part was left behind: %v", serr)
	}
	if err := in.Err(); !errors.Is(err, ErrNoAudio) {
		t.Errorf("Input.Err = %v, want ErrNoAudio", err)
	}
	closeBounded(t, in, sys)
}

// closeBounded closes an Input and its System, each within a second; a device release that
// hangs is reported as ErrDeviceStuck, which is accepted.
func closeBounded(t *testing.T, in *Input, sys *System) {
	t.Helper()
	var err error
	timed(t, "Input.Close", time.Second, func() { err = in.Close() })
	if err != nil && !errors.Is(err, ErrDeviceStuck) {
		t.Errorf("Input.Close: %v", err)
	}
	t.Logf("Input.Close: %v", err)
	timed(t, "System.Close", time.Second, func() { err = sys.Close() })
	if err != nil && !errors.Is(err, ErrDeviceStuck) {
		t.Errorf("System.Close: %v", err)
	}
}

// TestPulseWatchdogStall feeds a pipe microphone half a second of tone and then nothing: the
// recording stops by itself as stalled, and what was captured is kept in a finished file.
func TestPulseWatchdogStall(t *testing.T) {
	srv := pulsetest.Start(t)
	fifo := srv.PipeMic(t, "flakymic")
	sys, err := NewSystemFor("pulseaudio")
	if err != nil {
		t.Fatal(err)
	}
	in, err := sys.OpenInput("flakymic")
	if err != nil {
		t.Fatalf("OpenInput: %v", err)
	}
	path := filepath.Join(t.TempDir(), "stall.wav")
	rec, err := in.Record(path, Options{})
	if err != nil {
		t.Fatalf("Record: %v", err)
	}
	w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	if err != nil {
		t.Fatalf("open the microphone's FIFO: %v", err)
	}
	defer w.Close() // held open and silent after the feed: the source stops delivering
	feedFIFO(t, w, 600*time.Millisecond)
	select {
	case <-rec.Done():
	case <-time.After(4 * time.Second):
		t.Fatal("the watchdog did not stop the stalled recording")
	}
	res, err := rec.Stop()
	if !errors.Is(err, ErrStalled) || res.Reason != ReasonDeviceStalled || res.Path != path {
		t.Fatalf("Stop = %+v, %v; want ReasonDeviceStalled, ErrStalled and the file kept", res, err)
	}
	t.Logf("stalled recording kept %v", res.Duration)
	info, ierr := wav.ReadInfo(res.Path)
	if ierr != nil || info.Frames != res.Frames || res.Frames == 0 {
		t.Errorf("kept file %+v, %v; want the captured %d frames", info, ierr, res.Frames)
	}
	closeBounded(t, in, sys)
}

// feedFIFO writes a 440 Hz tone into a pipe microphone in real time for d, 50 ms at a time, as
// a working microphone delivers it.
func feedFIFO(t *testing.T, w *os.File, d time.Duration) {
	t.Helper()
	chunk := tone(pulsetest.PipeMicRate/20, pulsetest.PipeMicRate)
	for start := time.Now(); time.Since(start) < d; time.Sleep(50 * time.Millisecond) {
		if err := binary.Write(w, binary.LittleEndian, chunk); err != nil {
			t.Fatalf("feed the microphone: %v", err)
		}
	}
}

// tone returns n samples of a 440 Hz half-scale sine at rate.
func tone(n, rate int) []int16 {
	s := make([]int16, n)
	for i := range s {
		s[i] = int16(16384 * math.Sin(2*math.Pi*440*float64(i)/float64(rate)))
	}
	return s
}

// TestPulsePlayerIntoMic plays a tone with a Player into the virtual microphone's sink while
// recording the microphone: what the Player sends is what the recording hears.
func TestPulsePlayerIntoMic(t *testing.T) {
	pulsetest.Start(t)
	sys := openSystem(t, "pulseaudio")
	outs, err := sys.PlaybackDevices()
	if err != nil || indexOf(outs, pulsetest.MicSink) == 0 && (len(outs) == 0 || outs[0].ID != pulsetest.MicSink) {
		t.Fatalf("playback devices %+v, %v; want %s", outs, err, pulsetest.MicSink)
	}
	in := warmInput(t, sys, pulsetest.Mic)
	p, err := sys.OpenPlayer(pulsetest.MicSink, sineWAV(t, t.TempDir(), 1, 0.5))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	rec, err := in.Record(filepath.Join(t.TempDir(), "loop.wav"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	p.Play()
	select {
	case <-p.Ended():
	case <-time.After(5 * time.Second):
		t.Fatal("playback did not end")
	}
	time.Sleep(200 * time.Millisecond) // the tail travels through the server
	res, err := rec.Stop()
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(res.Level.PeakDBFS-20*math.Log10(0.5)) > 1.5 {
		t.Errorf("recorded peak %.1f dBFS, want about -6 (the tone played)", res.Level.PeakDBFS)
	}
}
