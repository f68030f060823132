package wav

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
)

// withSizes returns a copy of file with the RIFF size and the data size at dataSizeAt replaced.
func withSizes(file []byte, riffSize uint32, dataSizeAt int, dataSize uint32) []byte {
	b := slices.Clone(file)
	binary.LittleEndian.PutUint32(b[4:], riffSize)
	binary.LittleEndian.PutUint32(b[dataSizeAt:], dataSize)
	return b
}

func TestRepair(t *testing.T) {
	sox := requireTool(t, "sox")
	samples := ramp(2001)
	mono := riff(chunk("fmt ", fmtBody(1, 1, 48000, 16)), chunk("data", pcm(samples)))
	list := chunk("LIST", []byte("INFOIART\x04\x00\x00\x00me\x00\x00"))
	withList := riff(list, chunk("fmt ", fmtBody(1, 2, 44100, 16)), chunk("data", pcm(samples[:2000])))
	ext := riff(chunk("fmt ", extensibleBody(1, 1, 16000, 16)), chunk("data", pcm(samples)))
	listData := 12 + len(list) + 24 + 4 // where withList's data size is
	tests := []struct {
		name       string
		file       []byte
		dataOffset int64
		want       []int16
		channels   int
	}{
		{"zero sizes", withSizes(mono, 0, 40, 0), 44, samples, 1},
		{"streaming sizes", withSizes(mono, 0xFFFFFFFF, 40, 0xFFFFFFFF), 44, samples, 1},
		{"sizes from an earlier sync", withSizes(mono, 36+200, 40, 200), 44, samples, 1},
		{"sizes beyond the file", withSizes(mono, 36+1<<20, 40, 1<<20), 44, samples, 1},
		{"odd byte at the end", append(withSizes(mono, 0, 40, 0), 7), 44, samples, 1},
		{"chunk before the data", withSizes(withList, 0, listData, 0), int64(listData + 4), samples[:2000], 2},
		{"stereo partial frame", withSizes(withList, 0, listData, 0)[:len(withList)-3], int64(listData + 4), samples[:1998], 2},
		{"extensible", withSizes(ext, 0, 12+48+4, 0), 12 + 48 + 8, samples, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), "answer.wav", tc.file)
			before, err := ReadInfo(path)
			if err != nil {
				t.Fatal(err)
			}
			in, err := Repair(path)
			if err != nil {
				t.Fatal(err)
			}
			frames := int64(len(tc.want) / tc.channels)
			if in.Frames != frames || in.DataOffset != tc.dataOffset || in.Channels != tc.channels || in != before {
				t.Errorf("Repair = %+v (ReadInfo before: %+v), want %d frames of %d channels at %d", in, before, frames, tc.channels, tc.dataOffset)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			le := binary.LittleEndian
			dataBytes := uint32(len(tc.want) * 2)
			if int64(len(b)) != tc.dataOffset+int64(dataBytes) || le.Uint32(b[4:]) != uint32(len(b)-8) || le.Uint32(b[tc.dataOffset-4:]) != dataBytes {
				t.Errorf("repaired: %d bytes, RIFF size %d, data size %d", len(b), le.Uint32(b[4:]), le.Uint32(b[tc.dataOffset-4:]))
			}
			if a, err := ReadFile(path); err != nil || !slices.Equal(a.Samples, tc.want) {
				t.Errorf("ReadFile after Repair: %v", err)
			}
			if out := soxStat(t, sox, path); !strings.Contains(out, "Samples read:") {
				t.Errorf("sox stat:\n%s", out)
			}
			again, err := Repair(path)
			if after, _ := os.ReadFile(path); err != nil || again != in || !bytes.Equal(after, b) {
				t.Errorf("second Repair changed something: %+v, %v", again, err)
			}
		})
	}
}

func TestRepairRefuses(t *testing.T) {
	tests := []struct {
		name    string
		file    []byte
		wantErr error
		wantMsg string
	}{
		{"empty", nil, ErrNoAudio, "answer.wav: no audio: the file is empty"},
		{"half a header", riff(chunk("fmt ", fmtBody(1, 1, 8000, 16)), chunk("data", nil))[:30], ErrNoAudio, "answer.wav: no audio: the file ends at byte 30, inside the header"},
		{"not a WAV", []byte("ID3 and then an mp3"), ErrNotWAV, "answer.wav: not a WAV file"},
		{"24-bit", riff(chunk("fmt ", fmtBody(1, 1, 8000, 24)), chunk("data", make([]byte, 30))), ErrUnsupported, "24-bit"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), "answer.wav", tc.file)
			_, err := Repair(path)
			if !errors.Is(err, tc.wantErr) || !strings.Contains(err.Error(), tc.wantMsg) {
				t.Errorf("Repair error %q, want %v containing %q", err, tc.wantErr, tc.wantMsg)
			}
			if b, _ := os.ReadFile(path); !bytes.Equal(b, tc.file) {
				t.Errorf("Repair changed a file it refused")
			}
		})
	}
}
