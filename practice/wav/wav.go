// Package wav writes, reads and repairs 16-bit PCM WAV files.
//
// The Writer streams samples to disk and can rewrite the header sizes at any time (Sync), so a
// recording that is cut short by a crash stays a playable file; Repair fixes the sizes of a file
// whose header was never patched. Decode, ReadFile and ReadInfo read any 16-bit PCM WAV with one
// or two channels, tolerating the stale sizes such a crash leaves behind.
package wav

import (
	"errors"
	"time"
)

// HeaderSize is the size of the canonical header Create writes.
const HeaderSize = 44

// Errors a caller may need to tell apart. They are returned wrapped with details and, where
// there is one, the file name: test them with errors.Is.
var (
	// ErrNotWAV means the data is not a RIFF/WAVE file at all.
	ErrNotWAV = errors.New("not a WAV file")
	// ErrTruncated means the file was cut short inside its header.
	ErrTruncated = errors.New("cut short")
	// ErrNoAudio means the file is empty or too short to hold a header, so there is no audio to keep.
	ErrNoAudio = errors.New("no audio")
	// ErrUnsupported means a WAV file in a format other than 16-bit PCM with one or two channels.
	ErrUnsupported = errors.New("unsupported WAV format")
)

// bytesPerSample is the size of one 16-bit PCM sample.
const bytesPerSample = 2

// Audio is decoded PCM: Samples holds Channels interleaved channels.
type Audio struct {
	SampleRate, Channels int
	Samples              []int16
}

// Frames returns the number of sample frames (one sample per channel).
func (a *Audio) Frames() int {
	if a.Channels <= 0 {
		return 0
	}
	return len(a.Samples) / a.Channels
}

// Duration returns the length of the audio.
func (a *Audio) Duration() time.Duration {
	return framesDuration(int64(a.Frames()), a.SampleRate)
}

// Mono returns one channel: the average of the channels, or Samples itself when the audio is
// already mono (do not modify it then).
func (a *Audio) Mono() []int16 {
	if a.Channels <= 1 {
		return a.Samples
	}
	n := a.Frames()
	out := make([]int16, n)
	for i := range n {
		var sum int32
		for c := range a.Channels {
			sum += int32(a.Samples[i*a.Channels+c])
		}
		out[i] = int16(sum / int32(a.Channels))
	}
	return out
}

// Info describes a WAV file without its samples.
type Info struct {
	SampleRate, Channels int
	// Frames is the number of whole sample frames in the file.
	Frames int64
	// DataOffset is the offset in the file of the first sample byte.
	DataOffset int64
}

// Duration returns the length of the audio.
func (i Info) Duration() time.Duration {
	return framesDuration(i.Frames, i.SampleRate)
}

// framesDuration converts a frame count at rate frames per second to a duration.
func framesDuration(frames int64, rate int) time.Duration {
	if rate <= 0 {
		return 0
	}
	return time.Duration(frames) * time.Second / time.Duration(rate)
}
