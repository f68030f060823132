package wav

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// WAVE format tags this package understands.
const (
	formatPCM        = 1
	formatFloat      = 3
	formatExtensible = 0xFFFE
)

// pcmSubformatTail is bytes 2..16 of the KSDATAFORMAT_SUBTYPE_PCM GUID; bytes 0..1 hold the format tag.
var pcmSubformatTail = []byte{0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71}

// streamingSize is the chunk size a streaming writer leaves when it cannot know the length.
const streamingSize = 0xFFFFFFFF

// header is what the chunks before the samples say.
type header struct {
	sampleRate, channels int
	riffSize, dataSize   uint32
	dataOffset           int64 // offset of the first sample byte
}

// blockAlign returns the bytes in one frame.
func (h header) blockAlign() int64 {
	return int64(h.channels * bytesPerSample)
}

// sizeToEnd reports whether the samples run to the end of the file rather than for dataSize
// bytes: the data size is unset, or the data chunk is the last one the RIFF size covers, so a
// file longer than that has a stale header (a recording cut short before its header was patched).
func (h header) sizeToEnd() bool {
	if h.dataSize == 0 || h.dataSize == streamingSize {
		return true
	}
	return h.dataOffset+int64(h.dataSize) >= int64(h.riffSize)+8
}

// frames returns the whole frames in a file of fileLen bytes with this header.
func (h header) frames(fileLen int64) int64 {
	avail := max(fileLen-h.dataOffset, 0)
	if !h.sizeToEnd() {
		avail = min(avail, int64(h.dataSize))
	}
	return avail / h.blockAlign()
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

// Read reads from the underlying reader and counts the bytes.
func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// readFull reads len(p) bytes; a short read becomes an ErrTruncated naming where the header ends.
func (c *countingReader) readFull(p []byte) error {
	_, err := io.ReadFull(c, p)
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: the header ends at byte %d", ErrTruncated, c.n)
	}
	if err != nil {
		return fmt.Errorf("read the header: %w", err)
	}
	return nil
}

// parseHeader reads the RIFF header and every chunk up to and including the data chunk's
// header, leaving r at the first sample byte.
func parseHeader(r io.Reader) (header, error) {
	c := &countingReader{r: r}
	var h header
	if err := readRIFF(c, &h); err != nil {
		return h, err
	}
	haveFormat := false
	for {
		id, size, err := readChunkHeader(c)
		if err != nil {
			return h, err
		}
		switch {
		case id == "fmt ":
			if err := readFormat(c, size, &h); err != nil {
				return h, err
			}
			haveFormat = true
		case id == "data" && !haveFormat:
			return h, fmt.Errorf("%w: the audio data comes before its format", ErrNotWAV)
		case id == "data":
			h.dataSize, h.dataOffset = size, c.n
			return h, nil
		default:
			if err := skipChunk(c, size); err != nil {
				return h, err
			}
		}
	}
}

// readRIFF reads the 12-byte RIFF/WAVE preamble.
func readRIFF(c *countingReader, h *header) error {
	var b [12]byte
	n, err := io.ReadFull(c, b[:])
	switch {
	case n == 0 && errors.Is(err, io.EOF):
		return fmt.Errorf("%w: the file is empty", ErrNoAudio)
	case !bytes.HasPrefix([]byte("RIFF"), b[:min(n, 4)]) || (n >= 12 && string(b[8:12]) != "WAVE"):
		return ErrNotWAV
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: the header ends at byte %d", ErrTruncated, n)
	case err != nil:
		return fmt.Errorf("read the header: %w", err)
	}
	h.riffSize = binary.LittleEndian.Uint32(b[4:8])
	return nil
}

// readChunkHeader reads a chunk's id and size.
func readChunkHeader(c *countingReader) (string, uint32, error) {
	var b [8]byte
	if err := c.readFull(b[:]); err != nil {
		return "", 0, err
	}
	return string(b[:4]), binary.LittleEndian.Uint32(b[4:]), nil
}

// skipChunk skips a chunk body of size bytes and its pad byte.
func skipChunk(c *countingReader, size uint32) error {
	n := int64(size) + int64(size&1)
	if _, err := io.CopyN(io.Discard, c, n); err != nil {
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("%w: the header ends at byte %d", ErrTruncated, c.n)
		}
		return fmt.Errorf("read the header: %w", err)
	}
	return nil
}

// readFormat reads and checks a fmt chunk body of size bytes.
func readFormat(c *countingReader, size uint32, h *header) error {
	if size < 16 || size > 1024 {
		return fmt.Errorf("%w: a format chunk of %d bytes", ErrNotWAV, size)
	}
	b := make([]byte, size+size&1)
	if err := c.readFull(b); err != nil {
		return err
	}
	le := binary.LittleEndian
	tag, channels := le.Uint16(b[0:]), int(le.Uint16(b[2:]))
	rate, bits := le.Uint32(b[4:]), le.Uint16(b[14:])
	if tag == formatExtensible {
		if size < 40 || !bytes.Equal(b[26:40], pcmSubformatTail) {
			return fmt.Errorf("%w: an extensible format that is not PCM", ErrUnsupported)
		}
		tag = le.Uint16(b[24:])
	}
	if err := checkPCM(tag, bits, channels, rate); err != nil {
		return err
	}
	h.sampleRate, h.channels = int(rate), channels
	return nil
}

// checkPCM accepts 16-bit integer PCM with one or two channels at a sane rate.
func checkPCM(tag, bits uint16, channels int, rate uint32) error {
	switch {
	case tag == formatFloat:
		return fmt.Errorf("%w: %d-bit floating-point audio (only 16-bit PCM)", ErrUnsupported, bits)
	case tag != formatPCM:
		return fmt.Errorf("%w: compressed audio, format %#x (only 16-bit PCM)", ErrUnsupported, tag)
	case bits != 16:
		return fmt.Errorf("%w: %d-bit audio (only 16-bit PCM)", ErrUnsupported, bits)
	case channels != 1 && channels != 2:
		return fmt.Errorf("%w: %d channels (only 1 or 2)", ErrUnsupported, channels)
	case rate == 0 || rate > maxSampleRate:
		return fmt.Errorf("%w: sample rate %d Hz", ErrUnsupported, rate)
	}
	return nil
}
