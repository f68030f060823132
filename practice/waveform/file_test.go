package waveform

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestSaveLoad(t *testing.T) {
	tests := []struct {
		name string
		s    Summary
	}{
		{"recording", FromSamples(tone(48000*3+5), 48000, DefaultFramesPerBucket)},
		{"empty", FromSamples(nil, 16000, 160)},
		{"hand-built without frames", Summary{SampleRate: 100, FramesPerBucket: 10, Min: []int16{-1, -32768}, Max: []int16{1, 32767}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "answer.lpwf")
			if err := Save(path, tc.s); err != nil {
				t.Fatal(err)
			}
			got, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			if got.SampleRate != tc.s.SampleRate || got.FramesPerBucket != tc.s.FramesPerBucket ||
				!slices.Equal(got.Min, tc.s.Min) || !slices.Equal(got.Max, tc.s.Max) || got.Duration() != tc.s.Duration() {
				t.Errorf("loaded %+v, saved %+v", got, tc.s)
			}
			st, err := os.Stat(path)
			if err != nil || st.Mode().Perm() != 0o600 {
				t.Errorf("mode %v, %v; want 0600", st.Mode().Perm(), err)
			}
			if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*.tmp")); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
}

func TestSaveReplaces(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.lpwf")
	for _, n := range []int{100, 5000} {
		if err := Save(path, FromSamples(tone(n), 48000, 10)); err != nil {
			t.Fatal(err)
		}
	}
	if s, err := Load(path); err != nil || s.Frames != 5000 {
		t.Errorf("Load after second Save: %d frames, %v; want 5000", s.Frames, err)
	}
}

func TestSaveRefuses(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		path string
		s    Summary
	}{
		{"missing folder", filepath.Join(dir, "gone", "a.lpwf"), FromSamples(tone(10), 48000, 5)},
		{"no rate", filepath.Join(dir, "b.lpwf"), FromSamples(tone(10), 0, 5)},
		{"uneven slices", filepath.Join(dir, "c.lpwf"), Summary{SampleRate: 1, FramesPerBucket: 1, Min: []int16{1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := Save(tc.path, tc.s); err == nil {
				t.Fatal("Save succeeded")
			}
			if _, err := os.Stat(tc.path); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("Save left a file: %v", err)
			}
		})
	}
}

// TestLoadDamaged cuts a saved file at every length and flips every byte: Load must report a
// damaged file each time.
func TestLoadDamaged(t *testing.T) {
	dir := t.TempDir()
	good := encode(FromSamples(tone(4801), 48000, 480))
	for cut := range len(good) {
		path := filepath.Join(dir, "cut.lpwf")
		if err := os.WriteFile(path, good[:cut], 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(path); !errors.Is(err, ErrCorrupt) || !strings.HasPrefix(err.Error(), "cut.lpwf: damaged waveform file") {
			t.Fatalf("cut at %d: Load error %v, want damaged", cut, err)
		}
	}
	for i := range good {
		bad := slices.Clone(good)
		bad[i] ^= 0x40
		if _, err := decode(bad); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("byte %d flipped: decode error %v, want damaged", i, err)
		}
	}
}

func TestLoadInconsistent(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(b []byte)
		wants string
	}{
		{"wrong magic", func(b []byte) { copy(b, "RIFF") }, "not a waveform file"},
		{"future version", func(b []byte) { binary.LittleEndian.PutUint16(b[4:], 9) }, "unknown version 9"},
		{"zero bucket size", func(b []byte) { binary.LittleEndian.PutUint32(b[10:], 0) }, "0 frames per bucket"},
		{"frames disagree", func(b []byte) { binary.LittleEndian.PutUint64(b[14:], 1) }, "1 frames need 1 buckets, not 3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := encode(FromSamples(tone(25), 8000, 10))
			tc.edit(b)
			body := b[:len(b)-crcSize] // keep the checksum right, so the field checks are what fail
			binary.LittleEndian.PutUint32(b[len(body):], crc32.ChecksumIEEE(body))
			if _, err := decode(b); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), tc.wants) {
				t.Errorf("decode error %v, want %q", err, tc.wants)
			}
		})
	}
}

func TestLoadMissing(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "none.lpwf")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load of a missing file: %v", err)
	}
}

// FuzzLoad checks decode never panics and that whatever it accepts saves back to the same bytes.
func FuzzLoad(f *testing.F) {
	f.Add(encode(FromSamples(tone(1000), 48000, 480)))
	f.Add(encode(FromSamples(nil, 48000, 480)))
	f.Add([]byte("LPWF"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := decode(b)
		if err != nil {
			return
		}
		if again := encode(s); !slices.Equal(again, b) {
			t.Fatalf("accepted a file that does not re-encode to itself")
		}
	})
}
