package waveform

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
)

// ErrCorrupt means a waveform file is damaged or cut short.
var ErrCorrupt = errors.New("damaged waveform file")

// File layout, little-endian: magic "LPWF", version uint16, sample rate uint32, frames per
// bucket uint32, frames uint64, bucket count uint32, the minima and then the maxima as int16,
// and a CRC-32 (IEEE) of everything before it.
const (
	magic        = "LPWF"
	version      = 1
	fileHeadSize = 4 + 2 + 4 + 4 + 8 + 4
	crcSize      = 4
	// maxBuckets bounds the bucket count Load accepts: 24 hours at 10 ms buckets.
	maxBuckets = 24 * 3600 * 100
)

// Save writes s to path (mode 0600) through a temporary file in the same folder that is then
// renamed, so path always holds either the old or the new summary. The summary needs a positive
// rate and bucket size and as many minima as maxima.
func Save(path string, s Summary) error {
	if s.SampleRate <= 0 || s.FramesPerBucket <= 0 || len(s.Min) != len(s.Max) || len(s.Min) > maxBuckets {
		return fmt.Errorf("save waveform %s: an invalid summary (rate %d, %d frames per bucket, %d/%d buckets)",
			filepath.Base(path), s.SampleRate, s.FramesPerBucket, len(s.Min), len(s.Max))
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("save waveform: %w", err)
	}
	if err := writeAndClose(tmp, encode(s)); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("save waveform %s: %w", filepath.Base(path), err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("save waveform: %w", err)
	}
	return nil
}

// writeAndClose writes b to f, flushes it to disk and closes it.
func writeAndClose(f *os.File, b []byte) error {
	_, err := f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// encode serialises s in the file layout.
func encode(s Summary) []byte {
	n := min(len(s.Min), len(s.Max))
	b := make([]byte, fileHeadSize, fileHeadSize+4*n+crcSize)
	le := binary.LittleEndian
	copy(b, magic)
	le.PutUint16(b[4:], version)
	le.PutUint32(b[6:], uint32(s.SampleRate))
	le.PutUint32(b[10:], uint32(s.FramesPerBucket))
	le.PutUint64(b[14:], uint64(s.frames()))
	le.PutUint32(b[22:], uint32(n))
	for _, v := range s.Min[:n] {
		b = le.AppendUint16(b, uint16(v))
	}
	for _, v := range s.Max[:n] {
		b = le.AppendUint16(b, uint16(v))
	}
	return le.AppendUint32(b, crc32.ChecksumIEEE(b))
}

// Load reads a summary written by Save. A damaged or cut file returns an error wrapping ErrCorrupt.
func Load(path string) (Summary, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Summary{}, fmt.Errorf("load waveform: %w", err)
	}
	s, err := decode(b)
	if err != nil {
		return Summary{}, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return s, nil
}

// decode parses the file layout.
func decode(b []byte) (Summary, error) {
	le := binary.LittleEndian
	if len(b) < fileHeadSize+crcSize || string(b[:4]) != magic {
		return Summary{}, fmt.Errorf("%w: not a waveform file", ErrCorrupt)
	}
	if v := le.Uint16(b[4:]); v != version {
		return Summary{}, fmt.Errorf("%w: unknown version %d", ErrCorrupt, v)
	}
	n := int64(le.Uint32(b[22:]))
	if n > maxBuckets || int64(len(b)) != fileHeadSize+4*n+crcSize {
		return Summary{}, fmt.Errorf("%w: %d bytes for %d buckets", ErrCorrupt, len(b), n)
	}
	body := b[:len(b)-crcSize]
	if crc32.ChecksumIEEE(body) != le.Uint32(b[len(body):]) {
		return Summary{}, fmt.Errorf("%w: checksum mismatch", ErrCorrupt)
	}
	s := Summary{
		SampleRate:      int(le.Uint32(b[6:])),
		FramesPerBucket: int(le.Uint32(b[10:])),
		Frames:          int64(le.Uint64(b[14:])),
		Min:             make([]int16, n),
		Max:             make([]int16, n),
	}
	if err := checkShape(s, n); err != nil {
		return Summary{}, err
	}
	for i := range s.Min {
		s.Min[i] = int16(le.Uint16(body[fileHeadSize+2*i:]))
		s.Max[i] = int16(le.Uint16(body[fileHeadSize+2*int(n)+2*i:]))
	}
	return s, nil
}

// checkShape checks that the rate, bucket size, frame count and bucket count agree.
func checkShape(s Summary, n int64) error {
	if s.SampleRate <= 0 || s.FramesPerBucket <= 0 || s.Frames < 0 {
		return fmt.Errorf("%w: rate %d, %d frames per bucket", ErrCorrupt, s.SampleRate, s.FramesPerBucket)
	}
	if want := (s.Frames + int64(s.FramesPerBucket) - 1) / int64(s.FramesPerBucket); want != n {
		return fmt.Errorf("%w: %d frames need %d buckets, not %d", ErrCorrupt, s.Frames, want, n)
	}
	return nil
}
