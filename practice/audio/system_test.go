package audio

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gen2brain/malgo"
)

func TestParseBackend(t *testing.T) {
	tests := []struct {
		in      string
		want    []malgo.Backend
		wantErr string
	}{
		{"", nil, ""},
		{"auto", nil, ""},
		{" Null ", []malgo.Backend{malgo.BackendNull + 1}, ""},
		{"pulseaudio", []malgo.Backend{malgo.BackendPulseaudio}, ""},
		{"pipewire", []malgo.Backend{malgo.BackendPulseaudio}, ""},
		{"alsa", []malgo.Backend{malgo.BackendAlsa}, ""},
		{"beeper", nil, `unknown sound backend "beeper"`},
	}
	for _, tt := range tests {
		got, err := parseBackend(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseBackend(%q) error %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || len(got) != len(tt.want) || (len(got) == 1 && got[0] != tt.want[0]) {
			t.Errorf("parseBackend(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestDeviceIDRoundTrip(t *testing.T) {
	raw := func(b ...byte) malgo.DeviceID {
		var id malgo.DeviceID
		copy(id[:], b)
		return id
	}
	tests := []struct {
		name string
		id   malgo.DeviceID
		want string
	}{
		{"pulse name", raw([]byte("vmic.monitor")...), "vmic.monitor"},
		{"alsa name", raw([]byte("hw:0,0")...), "hw:0,0"},
		{"null backend zero", raw(), "hex:00"},
		{"binary", raw(0x01, 0xff, 0x00, 0x02), "hex:01ff0002"},
		{"text colliding with the prefix", raw([]byte("hex:41")...), "hex:6865783a3431"},
		{"text then garbage", raw('a', 'b', 0, 'c'), "hex:61620063"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := idString(tt.id)
			if s != tt.want {
				t.Fatalf("idString = %q, want %q", s, tt.want)
			}
			back, err := parseID(s)
			if err != nil || back != tt.id {
				t.Errorf("parseID(%q) = %v, %v; want the original", s, back, err)
			}
		})
	}
}

func TestParseIDRejects(t *testing.T) {
	for _, s := range []string{"", "hex:zz", "hex:" + strings.Repeat("00", 300), strings.Repeat("x", 300)} {
		if _, err := parseID(s); err == nil {
			t.Errorf("parseID(%.20q...) accepted", s)
		}
	}
}

func TestNullCaptureOnly(t *testing.T) {
	null := Device{ID: "hex:00", Name: nullCaptureName, Default: true}
	mic := Device{ID: "hw:0,0", Name: "Built-in Audio"}
	tests := []struct {
		name string
		devs []Device
		want bool
	}{
		{"only null", []Device{null}, true},
		{"null and a mic", []Device{null, mic}, false},
		{"a mic", []Device{mic}, false},
		{"none", nil, false},
	}
	for _, tt := range tests {
		if got := NullCaptureOnly(tt.devs); got != tt.want {
			t.Errorf("%s: NullCaptureOnly = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestHandoff(t *testing.T) {
	dev := &malgo.Device{}
	var early handoff
	if !early.deliver(dev) || early.abandon() != dev {
		t.Error("a device delivered before the caller took it was lost")
	}
	var late handoff
	if late.abandon() != nil || late.deliver(dev) {
		t.Error("a device delivered after the caller gave up was accepted; nobody would release it")
	}
}

// TestWithinAbandonsStuckCall checks a blocked device call gives control back at the timeout,
// is counted while stuck, keeps the context from being freed, and is forgotten once it returns.
func TestWithinAbandonsStuckCall(t *testing.T) {
	s := &System{}
	release := make(chan struct{})
	returned := make(chan struct{})
	start := time.Now()
	err := s.within(50*time.Millisecond, "a test call", func() error {
		<-release
		defer close(returned)
		return nil
	})
	if !errors.Is(err, ErrDeviceStuck) || time.Since(start) > time.Second {
		t.Fatalf("within = %v after %v, want ErrDeviceStuck at the timeout", err, time.Since(start))
	}
	if err := s.Close(); !errors.Is(err, ErrDeviceStuck) {
		t.Errorf("Close with a stuck call = %v, want ErrDeviceStuck (and the context left alone)", err)
	}
	close(release)
	<-returned
	waitFor(t, time.Second, "stuck count back to zero", func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.stuck == 0
	})
	if err := s.within(time.Second, "a quick call", func() error { return errBoom }); err != errBoom {
		t.Errorf("within passes through %v, want %v", err, errBoom)
	}
}

var errBoom = errors.New("boom")

// TestNoSoundServer points PulseAudio at a server that does not exist: opening the microphone
// fails promptly with ErrNoMicrophone and advice, never a hang or a panic.
func TestNoSoundServer(t *testing.T) {
	t.Setenv("PULSE_SERVER", "unix:"+t.TempDir()+"/no-such-server")
	start := time.Now()
	sys, err := NewSystemFor("pulseaudio")
	if err == nil {
		defer sys.Close()
		var in *Input
		if in, err = sys.OpenInput(""); err == nil {
			in.Close()
		}
	}
	t.Logf("error shown: %s", Message(err))
	if !errors.Is(err, ErrNoMicrophone) || !strings.Contains(err.Error(), "PulseAudio or PipeWire is running") {
		t.Errorf("error %v, want ErrNoMicrophone with what to check", err)
	}
	if d := time.Since(start); d > OpenTimeout+time.Second {
		t.Errorf("giving up took %v", d)
	}
}
