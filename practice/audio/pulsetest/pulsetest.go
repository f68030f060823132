// Package pulsetest starts a private PulseAudio server with a virtual microphone for tests, and
// makes speech with espeak-ng. Missing programs skip the test, or fail it when the environment
// variable LPCOACH_REQUIRE_REAL is 1 (as in CI).
package pulsetest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"lpcoach/practice/realtest"
)

// Names of the virtual devices on the private server.
const (
	// MicSink is the sink whose sound the virtual microphone hears: play into it.
	MicSink = "vmic"
	// Mic is the capture device ID of the virtual microphone (48 kHz mono).
	Mic = "vmic.monitor"
	// Speaker is the default playback sink.
	Speaker = "spk"
)

// startTimeout bounds how long the server may take to accept connections.
const startTimeout = 10 * time.Second

// Server is a private PulseAudio server owned by one test.
type Server struct {
	// Dir is the server's XDG_RUNTIME_DIR.
	Dir string
	// Address is the PULSE_SERVER value that reaches it.
	Address string
}

// Start starts a private server with a default sink Speaker and a virtual microphone Mic that
// hears whatever is played into MicSink, points this process at it (PULSE_SERVER, via t.Setenv,
// so the test must not be parallel), and kills it when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	realtest.Need(t, "pulseaudio", "pactl", "paplay")
	dir, err := os.MkdirTemp("", "lpc-pa") // short: a unix socket path must stay under 108 bytes
	if err != nil {
		t.Fatalf("make runtime dir: %v", err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	s := &Server{Dir: dir, Address: "unix:" + filepath.Join(dir, "pulse", "native")}
	cmd := exec.Command("pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n",
		"--load=module-native-protocol-unix auth-anonymous=1",
		"--load=module-null-sink sink_name="+Speaker,
		"--load=module-null-sink sink_name="+MicSink+" rate=48000 channels=1")
	cmd.Env = append(os.Environ(), "XDG_RUNTIME_DIR="+dir, "HOME="+dir)
	cmd.Stdout, cmd.Stderr = logWriter{t}, logWriter{t}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start pulseaudio: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	t.Setenv("PULSE_SERVER", s.Address)
	s.waitReady(t)
	s.Pactl(t, "set-default-sink", Speaker)
	s.Pactl(t, "set-default-source", Mic)
	return s
}

// waitReady polls the server until it answers or startTimeout passes.
func (s *Server) waitReady(t testing.TB) {
	t.Helper()
	deadline := time.Now().Add(startTimeout)
	for {
		err := s.command(context.Background(), "pactl", "info").Run()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("private pulseaudio did not answer within %v: %v", startTimeout, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// command prepares a PulseAudio client command aimed at this server.
func (s *Server) command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "PULSE_SERVER="+s.Address, "XDG_RUNTIME_DIR="+s.Dir, "HOME="+s.Dir)
	return cmd
}

// Pactl runs pactl with args against the server and returns its trimmed output.
func (s *Server) Pactl(t testing.TB, args ...string) string {
	t.Helper()
	out, err := s.command(context.Background(), "pactl", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("pactl %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// Play plays a sound file into sink (e.g. MicSink) in the background. The returned channel
// receives paplay's result when it finishes; it is killed when the test ends.
func (s *Server) Play(t testing.TB, sink, file string) <-chan error {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := s.command(ctx, "paplay", "-d", sink, file)
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("start paplay: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(cancel)
	return done
}

// PipeMicRate is the sample rate of a PipeMic (16-bit mono).
const PipeMicRate = 16000

// PipeMic adds a capture device called name that hears only what is written to the returned
// FIFO (16-bit little-endian mono at PipeMicRate). With no writer it delivers nothing at all, as
// an unplugged microphone or a stalled server behaves. The device ID is name.
func (s *Server) PipeMic(t testing.TB, name string) (fifo string) {
	t.Helper()
	fifo = filepath.Join(s.Dir, name+".fifo")
	s.Pactl(t, "load-module", "module-pipe-source", "source_name="+name, "file="+fifo,
		"format=s16le", "rate="+strconv.Itoa(PipeMicRate), "channels=1")
	return fifo
}

// Speak renders text with espeak-ng at wpm words per minute into a WAV in a temporary folder
// and returns its path.
func Speak(t testing.TB, text string, wpm int) string {
	t.Helper()
	realtest.Need(t, "espeak-ng")
	path := filepath.Join(t.TempDir(), "speech.wav")
	out, err := exec.Command("espeak-ng", "-s", strconv.Itoa(wpm), "-w", path, text).CombinedOutput()
	if err != nil {
		t.Fatalf("espeak-ng: %v: %s", err, out)
	}
	return path
}

// logWriter sends a program's output to the test log.
type logWriter struct{ t testing.TB }

// Write logs p as one entry.
func (w logWriter) Write(p []byte) (int, error) {
	w.t.Logf("pulseaudio: %s", strings.TrimSpace(string(p)))
	return len(p), nil
}
