package main

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"lpcoach/practice/audio/pulsetest"
)

// runAudioCmd runs one of the audio commands and returns its status and outputs.
func runAudioCmd(run func([]string, io.Writer, io.Writer) int, args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// oneLine fails t unless s is exactly one line containing want.
func oneLine(t *testing.T, s, want string) {
	t.Helper()
	if strings.Count(s, "\n") != 1 || !strings.HasSuffix(s, "\n") || !strings.Contains(s, want) {
		t.Errorf("stderr %q, want one line containing %q", s, want)
	}
}

func TestRunDevicesNull(t *testing.T) {
	t.Setenv("LPCOACH_AUDIO", "null")
	code, out, errOut := runAudioCmd(runDevices)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Microphones:", "NULL Capture Device", "Speakers:", "NULL Playback Device"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	oneLine(t, errOut, "only microphone is the silent null device")
}

func TestRunDevicesPulse(t *testing.T) {
	pulsetest.Start(t)
	t.Setenv("LPCOACH_AUDIO", "pulseaudio")
	code, out, errOut := runAudioCmd(runDevices)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{pulsetest.Mic, pulsetest.MicSink, pulsetest.Speaker} {
		if !strings.Contains(out, "  "+want+" ") {
			t.Errorf("output lacks device %q:\n%s", want, out)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "  "+pulsetest.Mic+" ") && !strings.HasSuffix(line, "default") {
			t.Errorf("the default microphone is not marked: %q", line)
		}
	}
}

func TestAudioCmdFailures(t *testing.T) {
	tests := []struct {
		name    string
		backend string
		run     func([]string, io.Writer, io.Writer) int
		args    []string
		code    int
		stderr  string
	}{
		{"unknown backend", "beeper", runDevices, nil, 1, `Unknown sound backend "beeper"`},
		{"devices takes no arguments", "null", runDevices, []string{"extra"}, 2, "unexpected argument"},
		{"mic-check unknown backend", "beeper", runMicCheck, nil, 1, "Unknown sound backend"},
		{"seconds too small", "null", runMicCheck, []string{"--seconds", "0"}, 2, "--seconds must be 1 to 60"},
		{"seconds too large", "null", runMicCheck, []string{"--seconds", "61"}, 2, "--seconds must be 1 to 60"},
		{"unknown flag", "null", runMicCheck, []string{"--loud"}, 2, "flag provided but not defined"},
		{"missing device", "null", runMicCheck, []string{"--device", "nosuchmic"}, 1, `No microphone found: device "nosuchmic" is not connected`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("LPCOACH_AUDIO", tt.backend)
			code, out, errOut := runAudioCmd(tt.run, tt.args...)
			if code != tt.code || out != "" || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and %q", code, out, errOut, tt.code, tt.stderr)
			}
			if tt.code == 1 {
				oneLine(t, errOut, tt.stderr)
			}
		})
	}
}

func TestRunMicCheckNull(t *testing.T) {
	t.Setenv("LPCOACH_AUDIO", "null")
	code, out, errOut := runAudioCmd(runMicCheck, "--seconds", "1")
	want := "Recorded 1.0 s\nPeak:  -96.0 dBFS\nRMS:   -96.0 dBFS\nSpeech-level sound: no"
	if code != 0 || !strings.HasPrefix(out, want) || errOut != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want 0 and %q", code, out, errOut, want)
	}
}

func TestRunMicCheckPulseSpeech(t *testing.T) {
	srv := pulsetest.Start(t)
	speech := pulsetest.Speak(t, "I took ownership of the outage, found the root cause, and wrote the fix myself.", 150)
	t.Setenv("LPCOACH_AUDIO", "pulseaudio")
	srv.Play(t, pulsetest.MicSink, speech)
	code, out, errOut := runAudioCmd(runMicCheck, "--seconds", "2", "--device", pulsetest.Mic)
	if code != 0 || !strings.Contains(out, "Speech-level sound: yes") {
		t.Errorf("exit %d, stdout %q, stderr %q; want speech heard", code, out, errOut)
	}
}

func TestRunMicCheckPulseSilent(t *testing.T) {
	srv := pulsetest.Start(t)
	srv.PipeMic(t, "deadmic")
	t.Setenv("LPCOACH_AUDIO", "pulseaudio")
	start := time.Now()
	code, out, errOut := runAudioCmd(runMicCheck, "--device", "deadmic")
	if code != 1 || out != "" {
		t.Errorf("exit %d, stdout %q; want 1 and nothing", code, out)
	}
	oneLine(t, errOut, "The microphone sent no sound within 2s")
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("mic-check on a dead microphone took %v, want it to give up within 5 s", d)
	}
}
