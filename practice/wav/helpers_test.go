package wav

import (
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"lpcoach/practice/realtest"
)

// requireTool returns name, skipping the test when the program is missing (or failing it
// when LPCOACH_REQUIRE_REAL=1).
func requireTool(t testing.TB, name string) string {
	t.Helper()
	realtest.Need(t, name)
	return name
}

// soxStat runs `sox FILE -n stat` and fails the test unless sox reads the file.
func soxStat(t *testing.T, sox, path string) string {
	t.Helper()
	out, err := exec.Command(sox, path, "-n", "stat").CombinedOutput()
	if err != nil {
		t.Fatalf("sox %s -n stat: %v\n%s", filepath.Base(path), err, out)
	}
	return string(out)
}

// soxiSamples asks soxi for the number of frames sox sees in path.
func soxiSamples(t *testing.T, soxi, path string) string {
	t.Helper()
	out, err := exec.Command(soxi, "-s", path).CombinedOutput()
	if err != nil {
		t.Fatalf("soxi -s %s: %v\n%s", filepath.Base(path), err, out)
	}
	return strings.TrimSpace(string(out))
}

// ramp returns n samples that differ from each other and span negative and positive values.
func ramp(n int) []int16 {
	s := make([]int16, n)
	for i := range s {
		s[i] = int16(i*7919 - 16000)
	}
	return s
}

// chunk encodes a RIFF chunk with its pad byte.
func chunk(id string, body []byte) []byte {
	b := append([]byte(id), 0, 0, 0, 0)
	binary.LittleEndian.PutUint32(b[4:], uint32(len(body)))
	b = append(b, body...)
	if len(body)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

// riff wraps chunks in a RIFF/WAVE file with the right size.
func riff(chunks ...[]byte) []byte {
	b := []byte("RIFF\x00\x00\x00\x00WAVE")
	for _, c := range chunks {
		b = append(b, c...)
	}
	binary.LittleEndian.PutUint32(b[4:], uint32(len(b)-8))
	return b
}

// fmtBody returns a 16-byte fmt chunk body.
func fmtBody(tag uint16, channels, rate, bits int) []byte {
	le := binary.LittleEndian
	b := make([]byte, 16)
	le.PutUint16(b[0:], tag)
	le.PutUint16(b[2:], uint16(channels))
	le.PutUint32(b[4:], uint32(rate))
	le.PutUint32(b[8:], uint32(rate*channels*bits/8))
	le.PutUint16(b[12:], uint16(channels*bits/8))
	le.PutUint16(b[14:], uint16(bits))
	return b
}

// extensibleBody returns a 40-byte WAVE_FORMAT_EXTENSIBLE fmt body with the given subformat tag.
func extensibleBody(subformat uint16, channels, rate, bits int) []byte {
	b := fmtBody(formatExtensible, channels, rate, bits)
	ext := make([]byte, 24)
	binary.LittleEndian.PutUint16(ext[0:], 22)           // cbSize
	binary.LittleEndian.PutUint16(ext[2:], uint16(bits)) // valid bits
	binary.LittleEndian.PutUint32(ext[4:], 3)            // channel mask
	binary.LittleEndian.PutUint16(ext[8:], subformat)
	copy(ext[10:], pcmSubformatTail)
	return append(b, ext...)
}

// pcm encodes samples as little-endian bytes.
func pcm(samples []int16) []byte {
	b := make([]byte, 0, 2*len(samples))
	for _, s := range samples {
		b = binary.LittleEndian.AppendUint16(b, uint16(s))
	}
	return b
}

// writeFile writes b to a new file in dir and returns its path.
func writeFile(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
