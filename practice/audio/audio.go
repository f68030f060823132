// Package audio is LP Coach's sound engine and the only package that talks to the sound system
// (through malgo, the Go binding of miniaudio).
//
// A System is one miniaudio context. From it the UI opens an Input, a warm capture stream whose
// level it polls for a meter, and records answers from that Input without any device start-up
// delay; a Player plays a recorded answer back.
//
// Threading: the device data callbacks run on miniaudio's threads. The capture callback only
// copies samples into a preallocated single-producer single-consumer ring and updates atomics; a
// writer goroutine per Recording drains the ring into the WAV file, builds the waveform summary,
// syncs the file every second and runs the watchdog. Device Stop/Uninit calls run on their own
// goroutine with a timeout, so a stalled device never blocks the caller for more than a second.
package audio

import (
	"errors"
	"math"
	"time"
	"unicode"
	"unicode/utf8"
)

// SampleRate is the rate, in frames per second, of every recording (mono, 16-bit PCM).
const SampleRate = 48000

// SilenceDBFS is the floor of every level: digital silence reads as this value, never -Inf.
const SilenceDBFS = -96.0

// SpeechPeakDBFS is the peak level at or above which a check counts sound as speech-level.
const SpeechPeakDBFS = -35.0

// Timeouts of the watchdog and of calls into the sound system.
const (
	// FirstFrameTimeout is how long a started microphone may take to deliver its first frame.
	FirstFrameTimeout = 2 * time.Second
	// StallTimeout is how long a delivering microphone may go silent before it counts as stalled.
	StallTimeout = time.Second
	// CloseTimeout bounds device Stop/Uninit: after it the caller gets control back (within 1 s
	// in all).
	CloseTimeout = 800 * time.Millisecond
	// OpenTimeout bounds device Init plus Start.
	OpenTimeout = 5 * time.Second
)

// Errors a caller may want to tell apart. Each is wrapped with advice a user can act on.
var (
	// ErrNoMicrophone means no capture device could be opened or the chosen one is absent.
	ErrNoMicrophone = errors.New("no microphone found")
	// ErrNoSpeaker means no playback device could be opened or the chosen one is absent.
	ErrNoSpeaker = errors.New("no speaker or headphones found")
	// ErrNoAudio means a started microphone delivered no sound within FirstFrameTimeout.
	ErrNoAudio = errors.New("the microphone sent no sound")
	// ErrStalled means the microphone stopped delivering sound for StallTimeout.
	ErrStalled = errors.New("the microphone stopped sending sound")
	// ErrDeviceStuck means a device call did not return within its timeout; it was left running.
	ErrDeviceStuck = errors.New("the sound device did not respond")
	// ErrClosed means the Input, Player or System was already closed.
	ErrClosed = errors.New("audio device already closed")
	// ErrBusy means the Input is already recording.
	ErrBusy = errors.New("a recording is already running")
	// ErrDiskLow means free disk space fell below the minimum for recording.
	ErrDiskLow = errors.New("not enough free disk space")
)

// Level is a sound level in dBFS (0 is full scale; SilenceDBFS is the floor).
type Level struct {
	PeakDBFS float64 // loudest sample
	RMSDBFS  float64 // root mean square
}

// SpeechHeard reports whether the level is what a voice at a normal distance produces.
func (l Level) SpeechHeard() bool {
	return l.PeakDBFS >= SpeechPeakDBFS
}

// silentLevel is the level of no sound at all.
var silentLevel = Level{PeakDBFS: SilenceDBFS, RMSDBFS: SilenceDBFS}

// dbfs converts an amplitude relative to full scale (0..1) to dBFS, floored at SilenceDBFS.
func dbfs(amplitude float64) float64 {
	if amplitude <= 0 {
		return SilenceDBFS
	}
	return max(20*math.Log10(amplitude), SilenceDBFS)
}

// levelOf turns a peak sample magnitude and a sum of squares over n samples into a Level.
func levelOf(peak int32, sumSq float64, n int64) Level {
	if n <= 0 {
		return silentLevel
	}
	return Level{
		PeakDBFS: dbfs(float64(peak) / 32768),
		RMSDBFS:  dbfs(math.Sqrt(sumSq/float64(n)) / 32768),
	}
}

// blockStats returns the largest sample magnitude of s and the sum of its squared samples.
func blockStats(s []int16) (peak int32, sumSq float64) {
	var sq int64
	for _, v := range s {
		x := int32(v)
		if x < 0 {
			x = -x
		}
		peak = max(peak, x)
		sq += int64(x) * int64(x)
	}
	return peak, float64(sq)
}

// Message returns err's text with its first letter capitalised, ready to show to a user.
func Message(err error) string {
	if err == nil {
		return ""
	}
	s := err.Error()
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// framesDuration converts a frame count at SampleRate to a duration.
func framesDuration(frames int64) time.Duration {
	return time.Duration(frames) * time.Second / SampleRate
}
