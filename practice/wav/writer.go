package wav

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
)

// maxDataBytes is the largest data chunk a RIFF file can describe with its canonical header.
const maxDataBytes = 0xFFFFFFFF - (HeaderSize - 8)

// maxSampleRate bounds the sample rates Create accepts.
const maxSampleRate = 1 << 20

// Writer streams interleaved 16-bit PCM to a WAV file. Write, Sync and Close must be called from
// one goroutine; Frames and Path may be called from any.
type Writer struct {
	f          *os.File
	path       string
	blockAlign int
	dataBytes  atomic.Int64 // sample bytes that reached the file
	buf        []byte
	err        error // first write error; sticky
	closed     bool
}

// Create makes path (it must not exist yet, mode 0600) and writes a 44-byte canonical PCM header
// with zero sizes. sampleRate is e.g. 48000; channels is 1 or 2.
func Create(path string, sampleRate, channels int) (*Writer, error) {
	if err := checkFormat(sampleRate, channels); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("create recording file: %w", err)
	}
	w, err := newWriter(f, path, sampleRate, channels)
	if err != nil {
		f.Close()
		return nil, err
	}
	return w, nil
}

// checkFormat rejects formats the Writer cannot produce.
func checkFormat(sampleRate, channels int) error {
	if channels != 1 && channels != 2 {
		return fmt.Errorf("%w: %d channels (only 1 or 2)", ErrUnsupported, channels)
	}
	if sampleRate <= 0 || sampleRate > maxSampleRate {
		return fmt.Errorf("%w: sample rate %d Hz", ErrUnsupported, sampleRate)
	}
	return nil
}

// newWriter writes the canonical header to f, which must be empty, and returns a Writer over it.
func newWriter(f *os.File, path string, sampleRate, channels int) (*Writer, error) {
	w := &Writer{f: f, path: path, blockAlign: channels * bytesPerSample}
	if _, err := f.Write(canonicalHeader(sampleRate, channels)); err != nil {
		return nil, fmt.Errorf("write header of %s: %w", filepath.Base(path), err)
	}
	return w, nil
}

// canonicalHeader returns a 44-byte PCM header with zero RIFF and data sizes.
func canonicalHeader(sampleRate, channels int) []byte {
	h := make([]byte, HeaderSize)
	le := binary.LittleEndian
	copy(h[0:], "RIFF")
	copy(h[8:], "WAVEfmt ")
	le.PutUint32(h[16:], 16)
	le.PutUint16(h[20:], formatPCM)
	le.PutUint16(h[22:], uint16(channels))
	le.PutUint32(h[24:], uint32(sampleRate))
	le.PutUint32(h[28:], uint32(sampleRate*channels*bytesPerSample))
	le.PutUint16(h[32:], uint16(channels*bytesPerSample))
	le.PutUint16(h[34:], 16)
	copy(h[36:], "data")
	return h
}

// Write appends interleaved samples. After a failed write the file keeps what landed, with a
// valid header, and this and every later Write return the same error.
func (w *Writer) Write(samples []int16) error {
	if w.err != nil {
		return w.err
	}
	if w.closed {
		return fmt.Errorf("write %s: %w", filepath.Base(w.path), os.ErrClosed)
	}
	n := len(samples) * bytesPerSample
	if w.dataBytes.Load()+int64(n) > maxDataBytes {
		return w.fail(errors.New("the recording is too long for a WAV file (4 GB)"))
	}
	if cap(w.buf) < n {
		w.buf = make([]byte, n)
	}
	b := w.buf[:n]
	for i, s := range samples {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(s))
	}
	written, err := w.f.Write(b)
	w.dataBytes.Add(int64(written))
	if err != nil {
		return w.fail(err)
	}
	return nil
}

// fail records err as the Writer's sticky error and patches the header, best effort, so the
// samples that landed stay playable.
func (w *Writer) fail(err error) error {
	w.err = fmt.Errorf("write %s: %w", filepath.Base(w.path), err)
	whole := w.dataBytes.Load() / int64(w.blockAlign) * int64(w.blockAlign)
	if whole != w.dataBytes.Load() {
		if w.f.Truncate(HeaderSize+whole) == nil {
			w.dataBytes.Store(whole)
		}
	}
	_ = w.patchSizes() // best effort: the write error is the one to report
	return w.err
}

// patchSizes rewrites the RIFF and data chunk sizes from the whole frames written.
func (w *Writer) patchSizes() error {
	data := w.dataBytes.Load() / int64(w.blockAlign) * int64(w.blockAlign)
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], uint32(data+HeaderSize-8))
	if _, err := w.f.WriteAt(b[:], 4); err != nil {
		return err
	}
	binary.LittleEndian.PutUint32(b[:], uint32(data))
	_, err := w.f.WriteAt(b[:], HeaderSize-4)
	return err
}

// Sync rewrites the RIFF and data chunk sizes from what was written, then flushes the file to
// disk, so the file is complete up to this point even if the program dies next. After a failed
// Write it still patches the header and then returns that Write's error.
func (w *Writer) Sync() error {
	if w.closed {
		return nil
	}
	if err := w.patchSizes(); err != nil {
		return fmt.Errorf("update header of %s: %w", filepath.Base(w.path), err)
	}
	if err := w.f.Sync(); err != nil {
		return fmt.Errorf("save %s to disk: %w", filepath.Base(w.path), err)
	}
	return w.err
}

// Close syncs and closes the file, returning the first error of either (or of a failed Write).
// Calling it again does nothing and returns nil.
func (w *Writer) Close() error {
	if w.closed {
		return nil
	}
	syncErr := w.Sync()
	w.closed = true
	if err := w.f.Close(); err != nil && syncErr == nil {
		return fmt.Errorf("close %s: %w", filepath.Base(w.path), err)
	}
	return syncErr
}

// Frames returns the number of whole frames written so far.
func (w *Writer) Frames() int64 {
	return w.dataBytes.Load() / int64(w.blockAlign)
}

// Path returns the path the Writer writes to.
func (w *Writer) Path() string {
	return w.path
}
