package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"lpcoach/practice/audio"
	"lpcoach/practice/audio/pulsetest"
	"lpcoach/practice/library"
)

// answerText is what the synthetic candidate says.
const answerText = "In my last role I owned the billing migration. The old system failed twice a week, " +
	"so I mapped every dependency, wrote a rollback plan and moved customers in three waves. " +
	"Outages fell from eight a month to zero, and I learned to test the rollback first."

// session is the real app running on a virtual display with its own data and config folders.
type session struct {
	bin, display, home string
}

func newSession(t *testing.T) *session {
	t.Helper()
	needTool(t, "xdotool")
	return &session{bin: buildApp(t), display: startXvfb(t, 1024, 700), home: t.TempDir()}
}

func (s *session) dataDir() string       { return filepath.Join(s.home, "data") }
func (s *session) recordingsDir() string { return filepath.Join(s.dataDir(), "recordings") }

// start runs the app and waits for its window; env adds variables.
func (s *session) start(t *testing.T, env ...string) (*appProcess, string) {
	t.Helper()
	env = append(env, "XDG_CONFIG_HOME="+filepath.Join(s.home, "config"))
	a := startApp(t, s.bin, s.display, env, "--data-dir", s.dataDir())
	return a, a.waitWindow(t, "LP Coach", 10*time.Second)
}

// quit presses Ctrl+Q and expects a clean exit.
func (s *session) quit(t *testing.T, a *appProcess, win string) {
	t.Helper()
	a.key(t, win, "ctrl+q")
	if code := a.waitExit(t, 10*time.Second); code != 0 {
		t.Fatalf("exit status %d after Ctrl+Q", code)
	}
}

// waitPart waits until a recording in progress holds at least d of audio and returns its path.
func (s *session) waitPart(t *testing.T, d time.Duration) string {
	t.Helper()
	want := int64(44 + d.Seconds()*audio.SampleRate*2)
	deadline := time.Now().Add(d + 15*time.Second)
	for time.Now().Before(deadline) {
		parts, _ := filepath.Glob(filepath.Join(s.recordingsDir(), "*.wav.part"))
		for _, p := range parts {
			if st, err := os.Stat(p); err == nil && st.Size() >= want {
				return p
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no recording of %s appeared in %s", d, s.recordingsDir())
	return ""
}

// attempts opens the library the app wrote and lists every attempt.
func (s *session) attempts(t *testing.T) []library.Attempt {
	t.Helper()
	lib, err := library.Open(s.dataDir())
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	list, err := lib.Attempts(library.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// TestEndToEndSpokenAnswer drives the real window with keys: Ctrl+R, speech into a virtual
// microphone on a private PulseAudio server, Ctrl+R. The saved WAV holds the speech and the
// library lists it after a restart.
func TestEndToEndSpokenAnswer(t *testing.T) {
	pulse := pulsetest.Start(t)
	speech := pulsetest.Speak(t, answerText, 170)
	s := newSession(t)
	a, win := s.start(t, "PULSE_SERVER="+pulse.Address)

	a.key(t, win, "ctrl+r")
	part := s.waitPart(t, 300*time.Millisecond) // frames are flowing
	played := pulse.Play(t, pulsetest.MicSink, speech)
	time.Sleep(6 * time.Second)
	screenshot(t, s.display, "practice-recording.png")
	if err := <-played; err != nil {
		t.Fatalf("paplay: %v", err)
	}
	time.Sleep(500 * time.Millisecond)
	a.key(t, win, "ctrl+r")
	wavPath := strings.TrimSuffix(part, ".part")
	waitFile(t, wavPath, 10*time.Second)
	a.key(t, win, "ctrl+4")
	time.Sleep(time.Second)
	screenshot(t, s.display, "review.png")
	s.quit(t, a, win)

	corr, lag := pulsetest.EnvelopeMatch(t, speech, wavPath)
	t.Logf("envelope correlation %.3f at lag %s", corr, lag)
	if corr < 0.9 {
		t.Errorf("the saved answer matches the speech with correlation %.3f, want >= 0.9", corr)
	}

	a, win = s.start(t, "PULSE_SERVER="+pulse.Address)
	s.quit(t, a, win)
	list := s.attempts(t)
	if len(list) != 1 || list[0].Path != wavPath || list[0].Status != library.StatusOK || list[0].Metrics == nil {
		t.Fatalf("after a restart the library holds %+v; want the one answer, analysed", list)
	}
}

// TestEndToEndCrashMidAnswer kills the app while it records; after a restart the answer is in
// the library as recovered, at least as long as what was on disk, and it plays.
func TestEndToEndCrashMidAnswer(t *testing.T) {
	s := newSession(t)
	a, win := s.start(t, "LPCOACH_AUDIO=null")
	a.key(t, win, "ctrl+r")
	s.waitPart(t, 3*time.Second)
	if err := a.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-a.done

	a, win = s.start(t, "LPCOACH_AUDIO=null")
	time.Sleep(time.Second)
	screenshot(t, s.display, "recovered.png")
	s.quit(t, a, win)

	list := s.attempts(t)
	if len(list) != 1 || list[0].Status != library.StatusRecovered || list[0].Duration < 2*time.Second {
		t.Fatalf("after the crash the library holds %+v; want one recovered answer of 2 s or more", list)
	}
	if list[0].Question == "" || list[0].Principle != 1 {
		t.Errorf("the recovered answer lost its question: %+v", list[0])
	}
	assertPlays(t, list[0].Path)
}

// assertPlays plays path on the null sound device and checks the position moves.
func assertPlays(t *testing.T, path string) {
	t.Helper()
	snd, err := audio.NewSystemFor("null")
	if err != nil {
		t.Fatal(err)
	}
	defer snd.Close()
	p, err := snd.OpenPlayer("", path)
	if err != nil {
		t.Fatalf("the recovered answer does not open for playback: %v", err)
	}
	defer p.Close()
	p.Play()
	time.Sleep(500 * time.Millisecond)
	if pos := p.Position(); pos < 200*time.Millisecond {
		t.Fatalf("playback position %s after 0.5 s", pos)
	}
}

// TestEndToEndMemoryWhileRecording records for 60 s and checks the app's resident memory grows
// by less than 10 MB (the figure is logged).
func TestEndToEndMemoryWhileRecording(t *testing.T) {
	if testing.Short() {
		t.Skip("a minute long")
	}
	s := newSession(t)
	a, win := s.start(t, "LPCOACH_AUDIO=null")
	a.key(t, win, "ctrl+r")
	s.waitPart(t, 2*time.Second)
	before := rssKB(t, a.cmd.Process.Pid)
	time.Sleep(60 * time.Second)
	after := rssKB(t, a.cmd.Process.Pid)
	a.key(t, win, "ctrl+r")
	s.quit(t, a, win)
	growth := after - before
	t.Logf("RSS %d kB -> %d kB over 60 s of recording: %+d kB", before, after, growth)
	if growth > 10*1024 {
		t.Errorf("RSS grew by %d kB over 60 s of recording, want under 10 MB", growth)
	}
}

// rssKB reads a process's resident set size in kB.
func rssKB(t *testing.T, pid int) int64 {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var kb int64
			if _, err := fmt.Sscanf(rest, "%d", &kb); err != nil {
				t.Fatalf("read VmRSS %q: %v", rest, err)
			}
			return kb
		}
	}
	t.Fatal("no VmRSS in /proc status")
	return 0
}

// waitFile waits until path exists.
func waitFile(t *testing.T, path string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(path); err == nil {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s did not appear within %s", path, limit)
}
