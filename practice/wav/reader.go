package wav

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// maxHintSamples caps the samples preallocated from a header's claim, so a lying header cannot
// make Decode allocate gigabytes up front.
const maxHintSamples = 1 << 20

// decodeChunk is the number of bytes converted to samples per read.
const decodeChunk = 64 << 10

// Decode reads a 16-bit PCM WAV with one or two channels at any rate. It skips chunks it does
// not know and accepts WAVE_FORMAT_EXTENSIBLE with a PCM subformat. A data size of 0 or
// 0xFFFFFFFF, one larger than the input, or a stale one from a recording cut short means the
// samples run to the end of the input; a trailing partial frame is dropped. A header with no
// samples after it gives Audio with no samples; empty input gives an error wrapping ErrNoAudio.
func Decode(r io.Reader) (*Audio, error) {
	hint := -1
	if l, ok := r.(interface{ Len() int }); ok {
		hint = l.Len()
	}
	return decode(r, hint)
}

// decode is Decode with the input length, or -1 when it is unknown.
func decode(r io.Reader, inputLen int) (*Audio, error) {
	h, err := parseHeader(r)
	if err != nil {
		return nil, err
	}
	want := int64(-1) // to the end
	if !h.sizeToEnd() {
		want = int64(h.dataSize)
	}
	samples, err := readSamples(r, want, sampleHint(h, want, inputLen))
	if err != nil {
		return nil, err
	}
	whole := len(samples) / h.channels * h.channels
	return &Audio{SampleRate: h.sampleRate, Channels: h.channels, Samples: samples[:whole]}, nil
}

// sampleHint guesses how many samples to preallocate.
func sampleHint(h header, want int64, inputLen int) int {
	if inputLen >= 0 {
		return max(inputLen-int(h.dataOffset), 0) / bytesPerSample
	}
	if want >= 0 {
		return int(min(want/bytesPerSample, maxHintSamples))
	}
	return 0
}

// readSamples reads little-endian samples until want bytes (or the end, when want < 0).
func readSamples(r io.Reader, want int64, hint int) ([]int16, error) {
	if want >= 0 {
		r = io.LimitReader(r, want)
	}
	samples := make([]int16, 0, hint)
	buf := make([]byte, decodeChunk)
	carry := 0 // a byte left over from an odd-sized read
	for {
		n, err := r.Read(buf[carry:])
		n += carry
		for i := 0; i+1 < n; i += 2 {
			samples = append(samples, int16(binary.LittleEndian.Uint16(buf[i:])))
		}
		carry = n & 1
		if carry == 1 {
			buf[0] = buf[n-1] // keep the odd byte for the next read
		}
		if errors.Is(err, io.EOF) {
			return samples, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read audio data: %w", err)
		}
	}
}

// ReadFile decodes the WAV file at path; see Decode.
func ReadFile(path string) (*Audio, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open recording: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("open recording: %w", err)
	}
	a, err := decode(bufio.NewReaderSize(f, decodeChunk), int(st.Size()))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return a, nil
}

// ReadInfo reads only the header of the WAV file at path. When the header sizes are stale (a
// recording cut short) the frame count comes from the file length, as Decode would read it.
func ReadInfo(path string) (Info, error) {
	f, err := os.Open(path)
	if err != nil {
		return Info{}, fmt.Errorf("open recording: %w", err)
	}
	defer f.Close()
	h, size, err := readFileHeader(f)
	if err != nil {
		return Info{}, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return info(h, size), nil
}

// readFileHeader parses the header of f and returns it with the file's length.
func readFileHeader(f *os.File) (header, int64, error) {
	st, err := f.Stat()
	if err != nil {
		return header{}, 0, err
	}
	h, err := parseHeader(bufio.NewReaderSize(f, 4096))
	return h, st.Size(), err
}

// info describes the audio in a file of size bytes with header h.
func info(h header, size int64) Info {
	return Info{SampleRate: h.sampleRate, Channels: h.channels, Frames: h.frames(size), DataOffset: h.dataOffset}
}
