package wav

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Repair fixes a WAV file left behind by a crash: it rewrites the RIFF and data chunk sizes from
// the file length (whole frames; a trailing partial frame is cut off) and flushes the file to
// disk. A file whose sizes are already right is left untouched. A file too short to hold a
// header returns an error wrapping ErrNoAudio.
func Repair(path string) (Info, error) {
	name := filepath.Base(path)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return Info{}, fmt.Errorf("open recording to repair: %w", err)
	}
	defer f.Close()
	h, size, err := readFileHeader(f)
	if errors.Is(err, ErrTruncated) {
		return Info{}, fmt.Errorf("%s: %w: the file ends at byte %d, inside the header", name, ErrNoAudio, size)
	}
	if err != nil {
		return Info{}, fmt.Errorf("%s: %w", name, err)
	}
	in := info(h, size)
	if err := fixSizes(f, h, size, in.Frames); err != nil {
		return Info{}, fmt.Errorf("repair %s: %w", name, err)
	}
	return in, nil
}

// fixSizes truncates f to frames whole frames after the header and rewrites both sizes, unless
// they already describe the file.
func fixSizes(f *os.File, h header, size, frames int64) error {
	data := frames * h.blockAlign()
	data = min(data, (0xFFFFFFFF-(h.dataOffset-8))/h.blockAlign()*h.blockAlign())
	end := h.dataOffset + data
	if int64(h.dataSize) == data && int64(h.riffSize)+8 == size {
		return nil
	}
	if !h.sizeToEnd() && int64(h.riffSize)+8 == size {
		return nil // complete file with chunks after the data: nothing to repair
	}
	if err := f.Truncate(end); err != nil {
		return err
	}
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], uint32(end-8))
	if _, err := f.WriteAt(b[:], 4); err != nil {
		return err
	}
	binary.LittleEndian.PutUint32(b[:], uint32(data))
	if _, err := f.WriteAt(b[:], h.dataOffset-4); err != nil {
		return err
	}
	return f.Sync()
}
