package audio

import (
	"errors"
	"math"
	"testing"
)

func TestLevelOf(t *testing.T) {
	tests := []struct {
		name     string
		samples  []int16
		wantPeak float64
		wantRMS  float64
	}{
		{"silence", []int16{0, 0, 0, 0}, SilenceDBFS, SilenceDBFS},
		{"no samples", nil, SilenceDBFS, SilenceDBFS},
		{"full scale square", []int16{-32768, 32767, -32768, 32767}, 0, 20 * math.Log10(math.Sqrt((32768.0*32768+32767.0*32767)/2)/32768)},
		{"half scale", []int16{16384, -16384}, 20 * math.Log10(0.5), 20 * math.Log10(0.5)},
		{"one LSB", []int16{1, 0}, 20 * math.Log10(1.0/32768), 20 * math.Log10(math.Sqrt(0.5)/32768)},
		{"tenth scale peak", []int16{3277, 0, 0, 0}, 20 * math.Log10(3277.0/32768), 20 * math.Log10(3277.0/2/32768)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pk, sq := blockStats(tt.samples)
			got := levelOf(pk, sq, int64(len(tt.samples)))
			if math.Abs(got.PeakDBFS-tt.wantPeak) > 1e-9 || math.Abs(got.RMSDBFS-tt.wantRMS) > 1e-9 {
				t.Errorf("level %+v, want peak %.4f rms %.4f", got, tt.wantPeak, tt.wantRMS)
			}
		})
	}
}

func TestSpeechHeard(t *testing.T) {
	tests := []struct {
		peak float64
		want bool
	}{
		{SilenceDBFS, false},
		{SpeechPeakDBFS - 0.1, false},
		{SpeechPeakDBFS, true},
		{-6, true},
	}
	for _, tt := range tests {
		if got := (Level{PeakDBFS: tt.peak}).SpeechHeard(); got != tt.want {
			t.Errorf("SpeechHeard(peak %.1f) = %v, want %v", tt.peak, got, tt.want)
		}
	}
}

func TestMessage(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{nil, ""},
		{ErrNoMicrophone, "No microphone found"},
		{errors.New("élan"), "Élan"},
	}
	for _, tt := range tests {
		if got := Message(tt.err); got != tt.want {
			t.Errorf("Message(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestStopReasonString(t *testing.T) {
	seen := map[string]StopReason{}
	for r := ReasonNone; r <= ReasonInputClosed; r++ {
		s := r.String()
		if prev, dup := seen[s]; dup {
			t.Errorf("reasons %d and %d share the text %q", prev, r, s)
		}
		seen[s] = r
	}
	if got := StopReason(99).String(); got != "stopped (reason 99)" {
		t.Errorf("unknown reason text %q", got)
	}
}
