package wav

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
)

func TestDecodeFormats(t *testing.T) {
	samples := ramp(12)
	tests := []struct {
		name     string
		file     []byte
		channels int
		want     []int16
	}{
		{"canonical mono", riff(chunk("fmt ", fmtBody(1, 1, 8000, 16)), chunk("data", pcm(samples))), 1, samples},
		{"stereo", riff(chunk("fmt ", fmtBody(1, 2, 8000, 16)), chunk("data", pcm(samples))), 2, samples},
		{"extensible PCM", riff(chunk("fmt ", extensibleBody(1, 2, 8000, 16)), chunk("data", pcm(samples))), 2, samples},
		{"fmt with cbSize", riff(chunk("fmt ", append(fmtBody(1, 1, 8000, 16), 0, 0)), chunk("data", pcm(samples))), 1, samples},
		{"extra chunks, odd sizes", riff(
			chunk("LIST", []byte("INFOISFT\x03\x00\x00\x00ab\x00")),
			chunk("fmt ", fmtBody(1, 1, 8000, 16)),
			chunk("fact", []byte{12, 0, 0, 0}),
			chunk("data", pcm(samples)),
			chunk("LIST", []byte("trailing metadata")),
		), 1, samples},
		{"stereo partial last frame", riff(chunk("fmt ", fmtBody(1, 2, 8000, 16)), chunk("data", pcm(samples[:11]))), 2, samples[:10]},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Decode(bytes.NewReader(tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if a.SampleRate != 8000 || a.Channels != tc.channels || !slices.Equal(a.Samples, tc.want) {
				t.Errorf("got %d Hz %d ch %v, want 8000 Hz %d ch %v", a.SampleRate, a.Channels, a.Samples, tc.channels, tc.want)
			}
			// The same through a reader that hides the length, and through the file functions.
			b, err := Decode(struct{ *bytes.Reader }{bytes.NewReader(tc.file)})
			if err != nil || !slices.Equal(b.Samples, tc.want) {
				t.Errorf("Decode without length: %v, %v", err, b)
			}
			path := writeFile(t, t.TempDir(), "x.wav", tc.file)
			in, err := ReadInfo(path)
			if err != nil || in.Frames != int64(len(tc.want)/tc.channels) {
				t.Errorf("ReadInfo = %+v, %v; want %d frames", in, err, len(tc.want)/tc.channels)
			}
			if _, err := Repair(path); err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(path); !bytes.Equal(got, tc.file) && tc.name != "stereo partial last frame" {
				t.Errorf("Repair changed a complete file")
			}
		})
	}
}

// TestDecodeReaders decodes a file larger than the decode buffer through readers that return
// odd and short reads, full buffers, and an error together with the last data.
func TestDecodeReaders(t *testing.T) {
	samples := ramp(3*decodeChunk + 11)
	file := riff(chunk("fmt ", fmtBody(1, 1, 48000, 16)), chunk("data", pcm(samples)))
	tests := []struct {
		name string
		r    io.Reader
	}{
		{"bytes.Reader", bytes.NewReader(file)},
		{"one byte at a time", iotest.OneByteReader(bytes.NewReader(file))},
		{"half reads", iotest.HalfReader(bytes.NewReader(file))},
		{"EOF with data", iotest.DataErrReader(bytes.NewReader(file))},
		{"bufio", bufio.NewReader(bytes.NewReader(file))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Decode(tc.r)
			if err != nil || !slices.Equal(a.Samples, samples) {
				t.Fatalf("Decode: %v (samples equal: %v)", err, err == nil && slices.Equal(a.Samples, samples))
			}
		})
	}
	path := writeFile(t, t.TempDir(), "big.wav", file)
	if a, err := ReadFile(path); err != nil || !slices.Equal(a.Samples, samples) {
		t.Fatalf("ReadFile: %v", err)
	}
	errDisk := errors.New("input/output error")
	for _, at := range []int{0, 20, 1000} {
		_, err := Decode(io.MultiReader(bytes.NewReader(file[:at]), iotest.ErrReader(errDisk)))
		if !errors.Is(err, errDisk) || errors.Is(err, ErrTruncated) {
			t.Errorf("Decode over a reader failing at byte %d: %v, want the read error", at, err)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	data := chunk("data", pcm(ramp(4)))
	tests := []struct {
		name    string
		file    []byte
		wantErr error
		wantMsg string
	}{
		{"empty", nil, ErrNoAudio, "interview.mp3: no audio: the file is empty"},
		{"mp3", []byte("ID3\x04\x00\x00\x00\x00\x00\x00 lots of mpeg frames"), ErrNotWAV, "interview.mp3: not a WAV file"},
		{"RIFF but AVI", []byte("RIFF\x00\x00\x00\x00AVI LIST"), ErrNotWAV, "interview.mp3: not a WAV file"},
		{"cut in preamble", []byte("RIF"), ErrTruncated, "interview.mp3: cut short: the header ends at byte 3"},
		{"cut in fmt", riff(chunk("fmt ", fmtBody(1, 1, 8000, 16)))[:30], ErrTruncated, "interview.mp3: cut short: the header ends at byte 30"},
		{"no data chunk", riff(chunk("fmt ", fmtBody(1, 1, 8000, 16))), ErrTruncated, "the header ends at byte 36"},
		{"24-bit", riff(chunk("fmt ", fmtBody(1, 1, 8000, 24)), data), ErrUnsupported, "24-bit audio (only 16-bit PCM)"},
		{"float", riff(chunk("fmt ", fmtBody(3, 1, 8000, 32)), data), ErrUnsupported, "32-bit floating-point audio"},
		{"extensible float", riff(chunk("fmt ", extensibleBody(3, 1, 8000, 32)), data), ErrUnsupported, "floating-point"},
		{"mu-law", riff(chunk("fmt ", fmtBody(7, 1, 8000, 8)), data), ErrUnsupported, "compressed audio"},
		{"six channels", riff(chunk("fmt ", fmtBody(1, 6, 8000, 16)), data), ErrUnsupported, "6 channels"},
		{"zero rate", riff(chunk("fmt ", fmtBody(1, 1, 0, 16)), data), ErrUnsupported, "sample rate 0 Hz"},
		{"data before fmt", riff(data, chunk("fmt ", fmtBody(1, 1, 8000, 16))), ErrNotWAV, "comes before its format"},
		{"tiny fmt", riff(chunk("fmt ", make([]byte, 8)), data), ErrNotWAV, "format chunk of 8 bytes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Decode(bytes.NewReader(tc.file))
			if !errors.Is(err, tc.wantErr) || a != nil {
				t.Fatalf("Decode = %v, %v; want %v", a, err, tc.wantErr)
			}
			path := writeFile(t, t.TempDir(), "interview.mp3", tc.file)
			_, err = ReadFile(path)
			if !errors.Is(err, tc.wantErr) || !strings.Contains(err.Error(), tc.wantMsg) {
				t.Errorf("ReadFile error %q, want %v containing %q", err, tc.wantErr, tc.wantMsg)
			}
			if _, err := ReadInfo(path); !errors.Is(err, tc.wantErr) {
				t.Errorf("ReadInfo error %v, want %v", err, tc.wantErr)
			}
		})
	}
}

func TestReadMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gone.wav")
	if _, err := ReadFile(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadFile: %v, want not exist", err)
	}
	if _, err := ReadInfo(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadInfo: %v, want not exist", err)
	}
	if _, err := Repair(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Repair: %v, want not exist", err)
	}
}

func TestMono(t *testing.T) {
	tests := []struct {
		name     string
		channels int
		in, want []int16
	}{
		{"mono is itself", 1, []int16{1, -2, 3}, []int16{1, -2, 3}},
		{"stereo average", 2, []int16{100, 300, -5, 5, 32767, 32767, -32768, -32768}, []int16{200, 0, 32767, -32768}},
		{"stereo rounds toward zero", 2, []int16{1, 2, -1, -2}, []int16{1, -1}},
		{"empty", 2, nil, []int16{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := &Audio{SampleRate: 8000, Channels: tc.channels, Samples: tc.in}
			if got := a.Mono(); !slices.Equal(got, tc.want) {
				t.Errorf("Mono() = %v, want %v", got, tc.want)
			}
		})
	}
}

// crashedFile returns the bytes a Writer leaves when the program dies before any Sync (sizes
// zero, frames frames of channels channels written) and the samples in it.
func crashedFile(t *testing.T, channels, frames int) ([]byte, []int16) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "crash.wav")
	w, err := Create(path, 16000, channels)
	if err != nil {
		t.Fatal(err)
	}
	samples := ramp(frames * channels)
	if err := w.Write(samples); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path) // read before Close: the header is as a crash leaves it
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b, samples
}

// TestCutEverywhere cuts files at every byte of the header and at points in the data. Decode
// must return an error or exactly the whole frames present, and Repair must turn anything with
// a complete header into a WAV that sox reads with the same frames.
func TestCutEverywhere(t *testing.T) {
	sox := requireTool(t, "sox")
	crashed, samples := crashedFile(t, 2, 50)
	synced := riff(chunk("fmt ", fmtBody(1, 2, 16000, 16)), chunk("data", pcm(samples)))
	for _, variant := range []struct {
		name string
		file []byte
	}{{"crashed header", crashed}, {"complete header", synced}} {
		t.Run(variant.name, func(t *testing.T) {
			for cut := 0; cut <= len(variant.file); cut++ {
				checkCut(t, sox, variant.file[:cut], samples, cut <= HeaderSize+12 || cut%37 == 0 || cut == len(variant.file))
			}
		})
	}
}

// checkCut checks Decode, ReadInfo and Repair on file, a stereo WAV cut short; withSox also runs
// sox on the repaired file.
func checkCut(t *testing.T, sox string, file []byte, samples []int16, withSox bool) {
	t.Helper()
	cut := len(file)
	wantFrames := max(cut-HeaderSize, 0) / 4
	a, err := Decode(bytes.NewReader(file))
	switch {
	case cut < HeaderSize && err == nil:
		t.Fatalf("cut at %d: Decode accepted a file without a whole header", cut)
	case cut < HeaderSize && !errors.Is(err, ErrTruncated) && !errors.Is(err, ErrNoAudio):
		t.Fatalf("cut at %d: Decode error %v, want cut short or no audio", cut, err)
	case cut >= HeaderSize && (err != nil || !slices.Equal(a.Samples, samples[:2*wantFrames])):
		t.Fatalf("cut at %d: Decode = %v, want %d whole frames", cut, err, wantFrames)
	}
	path := writeFile(t, t.TempDir(), "cut.wav", file)
	in, err := Repair(path)
	if cut < HeaderSize {
		if !errors.Is(err, ErrNoAudio) {
			t.Fatalf("cut at %d: Repair error %v, want no audio", cut, err)
		}
		return
	}
	if err != nil || in.Frames != int64(wantFrames) {
		t.Fatalf("cut at %d: Repair = %+v, %v; want %d frames", cut, in, err, wantFrames)
	}
	checkCanonical(t, path, wantFrames)
	if again, err := ReadFile(path); err != nil || !slices.Equal(again.Samples, samples[:2*wantFrames]) {
		t.Fatalf("cut at %d: repaired file reads %v", cut, err)
	}
	if withSox && wantFrames > 0 {
		if out := soxStat(t, sox, path); !strings.Contains(out, "Samples read:") {
			t.Fatalf("cut at %d: sox stat says\n%s", cut, out)
		}
	}
}

// checkCanonical checks that the file at path has exactly frames stereo frames and sizes that
// say so.
func checkCanonical(t *testing.T, path string, frames int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	if len(b) != HeaderSize+4*frames || le.Uint32(b[4:]) != uint32(len(b)-8) || le.Uint32(b[40:]) != uint32(4*frames) {
		t.Fatalf("repaired file: %d bytes, RIFF size %d, data size %d; want %d frames",
			len(b), le.Uint32(b[4:]), le.Uint32(b[40:]), frames)
	}
}

// TestSoxFiles reads files that sox itself writes, with the frame counts soxi reports.
func TestSoxFiles(t *testing.T) {
	sox, soxi := requireTool(t, "sox"), requireTool(t, "soxi")
	tests := []struct {
		name string
		args []string
	}{
		{"mono 48k", []string{"-r", "48000", "-c", "1"}},
		{"stereo 44.1k", []string{"-r", "44100", "-c", "2"}},
		{"mono 16k", []string{"-r", "16000", "-c", "1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "sox.wav")
			args := append([]string{"-n"}, tc.args...)
			args = append(args, "-b", "16", "-e", "signed-integer", path, "synth", "0.37", "sine", "440", "vol", "0.5")
			if out, err := exec.Command(sox, args...).CombinedOutput(); err != nil {
				t.Fatalf("sox %v: %v\n%s", args, err, out)
			}
			want, err := strconv.Atoi(soxiSamples(t, soxi, path))
			if err != nil {
				t.Fatal(err)
			}
			a, err := ReadFile(path)
			if err != nil || a.Frames() != want {
				t.Fatalf("ReadFile: %v, %d frames; soxi says %d", err, a.Frames(), want)
			}
			in, err := ReadInfo(path)
			if err != nil || in.Frames != int64(want) || in.SampleRate != a.SampleRate || in.Channels != a.Channels {
				t.Errorf("ReadInfo = %+v, %v; ReadFile says %d Hz %d ch %d frames", in, err, a.SampleRate, a.Channels, want)
			}
			lo, hi := slices.Min(a.Samples), slices.Max(a.Samples)
			if lo > -15000 || hi < 15000 || hi > 17000 {
				t.Errorf("a half-scale sine decoded to [%d, %d]", lo, hi)
			}
		})
	}
}

// FuzzDecode checks Decode never panics, that what it accepts is consistent, and that ReadInfo's
// frame count (computed from the header and the length) agrees with it.
func FuzzDecode(f *testing.F) {
	samples := ramp(20)
	f.Add(riff(chunk("fmt ", fmtBody(1, 1, 48000, 16)), chunk("data", pcm(samples))))
	f.Add(riff(chunk("fmt ", extensibleBody(1, 2, 44100, 16)), chunk("fact", []byte{1, 2, 3}), chunk("data", pcm(samples))))
	f.Add(riff(chunk("LIST", []byte("INFO")), chunk("fmt ", fmtBody(1, 2, 8000, 16)), chunk("data", pcm(samples[:7])), chunk("id3 ", []byte("x"))))
	crashed := riff(chunk("fmt ", fmtBody(1, 1, 48000, 16)), chunk("data", pcm(samples)))
	binary.LittleEndian.PutUint32(crashed[4:], 0)
	binary.LittleEndian.PutUint32(crashed[40:], 0xFFFFFFFF)
	f.Add(crashed)
	f.Add([]byte("RIFF"))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := Decode(bytes.NewReader(b))
		if err != nil {
			if a != nil {
				t.Fatalf("Decode returned audio and error %v", err)
			}
			return
		}
		if a.Channels < 1 || a.Channels > 2 || a.SampleRate <= 0 || len(a.Samples)%a.Channels != 0 {
			t.Fatalf("accepted %d Hz %d ch %d samples", a.SampleRate, a.Channels, len(a.Samples))
		}
		h, err := parseHeader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("Decode accepted what parseHeader refuses: %v", err)
		}
		if got := info(h, int64(len(b))).Frames; got != int64(a.Frames()) {
			t.Fatalf("info says %d frames, Decode read %d", got, a.Frames())
		}
	})
}

func BenchmarkDecode(b *testing.B) {
	file := riff(chunk("fmt ", fmtBody(1, 1, 48000, 16)), chunk("data", pcm(ramp(2*60*48000)))) // 2 minutes
	b.SetBytes(int64(len(file)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(bytes.NewReader(file)); err != nil {
			b.Fatal(err)
		}
	}
}
