package wav

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"
)

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name            string
		rate, channels  int
		frames, perCall int
	}{
		{"mono 48k", 48000, 1, 48000, 480},
		{"mono odd chunks", 16000, 1, 10007, 333},
		{"stereo 44.1k", 44100, 2, 4410, 882},
		{"stereo one big write", 8000, 2, 8000, 16000},
		{"empty", 48000, 1, 0, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "answer.wav")
			want := ramp(tc.frames * tc.channels)
			w, err := Create(path, tc.rate, tc.channels)
			if err != nil {
				t.Fatal(err)
			}
			for rest := want; len(rest) > 0; rest = rest[min(tc.perCall, len(rest)):] {
				if err := w.Write(rest[:min(tc.perCall, len(rest))]); err != nil {
					t.Fatal(err)
				}
			}
			if got := w.Frames(); got != int64(tc.frames) {
				t.Errorf("Frames() = %d, want %d", got, tc.frames)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Errorf("second Close: %v", err)
			}
			a, err := ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if a.SampleRate != tc.rate || a.Channels != tc.channels || !slices.Equal(a.Samples, want) {
				t.Errorf("read back %d Hz, %d ch, %d samples; want %d Hz, %d ch, %d samples (equal: %v)",
					a.SampleRate, a.Channels, len(a.Samples), tc.rate, tc.channels, len(want), slices.Equal(a.Samples, want))
			}
			wantDur := time.Duration(tc.frames) * time.Second / time.Duration(tc.rate)
			if a.Duration() != wantDur {
				t.Errorf("Duration() = %v, want %v", a.Duration(), wantDur)
			}
			in, err := ReadInfo(path)
			if err != nil {
				t.Fatal(err)
			}
			if want := (Info{tc.rate, tc.channels, int64(tc.frames), HeaderSize}); in != want {
				t.Errorf("ReadInfo = %+v, want %+v", in, want)
			}
			st, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode().Perm() != 0o600 || st.Size() != int64(HeaderSize+2*len(want)) {
				t.Errorf("file mode %v size %d, want 0600 and %d", st.Mode().Perm(), st.Size(), HeaderSize+2*len(want))
			}
		})
	}
}

func TestCreateRefuses(t *testing.T) {
	dir := t.TempDir()
	existing := writeFile(t, dir, "taken.wav", []byte("keep me"))
	tests := []struct {
		name           string
		path           string
		rate, channels int
		wantErr        error
	}{
		{"existing file", existing, 48000, 1, os.ErrExist},
		{"missing folder", filepath.Join(dir, "gone", "a.wav"), 48000, 1, os.ErrNotExist},
		{"three channels", filepath.Join(dir, "b.wav"), 48000, 3, ErrUnsupported},
		{"zero rate", filepath.Join(dir, "c.wav"), 0, 1, ErrUnsupported},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, err := Create(tc.path, tc.rate, tc.channels)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("Create error = %v, want %v", err, tc.wantErr)
			}
			if w != nil {
				t.Errorf("Create returned a Writer with error %v", err)
			}
		})
	}
	if b, _ := os.ReadFile(existing); string(b) != "keep me" {
		t.Errorf("existing file overwritten: %q", b)
	}
}

// TestSyncReadableMidRecording checks that after each Sync a file still being written is a
// complete WAV for sox and for ReadInfo.
func TestSyncReadableMidRecording(t *testing.T) {
	sox, soxi := requireTool(t, "sox"), requireTool(t, "soxi")
	path := filepath.Join(t.TempDir(), "answer.wav.part")
	w, err := Create(path, 48000, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	total := 0
	for _, n := range []int{4800, 48000, 1} {
		if err := w.Write(ramp(n)); err != nil {
			t.Fatal(err)
		}
		total += n
		if err := w.Sync(); err != nil {
			t.Fatal(err)
		}
		// sox picks the format from the extension, so look at the file under a .wav name.
		link := path + fmt.Sprint(total) + ".wav"
		if err := os.Link(path, link); err != nil {
			t.Fatal(err)
		}
		if got := soxiSamples(t, soxi, link); got != strconv.Itoa(total) {
			t.Errorf("after %d frames soxi -s says %s", total, got)
		}
		soxStat(t, sox, link)
		if in, err := ReadInfo(path); err != nil || in.Frames != int64(total) {
			t.Errorf("ReadInfo = %+v, %v; want %d frames", in, err, total)
		}
	}
}

// TestStaleHeader checks a recording cut short after a Sync: the frames written since count.
func TestStaleHeader(t *testing.T) {
	path := filepath.Join(t.TempDir(), "answer.wav")
	w, err := Create(path, 16000, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := ramp(3001)
	if err := w.Write(want[:1000]); err != nil {
		t.Fatal(err)
	}
	if err := w.Sync(); err != nil {
		t.Fatal(err)
	}
	if err := w.Write(want[1000:]); err != nil {
		t.Fatal(err)
	}
	// The program "dies" here: the header still says 1000 frames.
	in, err := ReadInfo(path)
	if err != nil || in.Frames != 3001 {
		t.Errorf("ReadInfo = %+v, %v; want 3001 frames", in, err)
	}
	a, err := ReadFile(path)
	if err != nil || !slices.Equal(a.Samples, want) {
		t.Fatalf("ReadFile: %v, equal %v", err, err == nil && slices.Equal(a.Samples, want))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestWriteErrorDiskFull writes until the file size limit (a full disk for this file) stops a
// child process, then checks that what landed is a valid WAV and later Writes fail the same way.
func TestWriteErrorDiskFull(t *testing.T) {
	const limit = HeaderSize + 10001 // an odd size: the last sample is cut in half
	if path := os.Getenv("LPCOACH_WAV_FULL_DISK_CHILD"); path != "" {
		writeUntilFull(t, path, limit)
		return
	}
	path := filepath.Join(t.TempDir(), "answer.wav")
	cmd := exec.Command(os.Args[0], "-test.run=^TestWriteErrorDiskFull$", "-test.v")
	cmd.Env = append(os.Environ(), "LPCOACH_WAV_FULL_DISK_CHILD="+path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	const wantFrames = (limit - HeaderSize) / 4 // stereo
	in, err := ReadInfo(path)
	if err != nil || in.Frames != wantFrames {
		t.Fatalf("ReadInfo = %+v, %v; want %d frames\n%s", in, err, wantFrames, out)
	}
	a, err := ReadFile(path)
	if err != nil || !slices.Equal(a.Samples, ramp(2*wantFrames)) {
		t.Fatalf("ReadFile: %v (want the %d frames that landed)", err, wantFrames)
	}
	if st, err := os.Stat(path); err != nil || st.Size() != HeaderSize+4*wantFrames {
		t.Errorf("file size %v, %v; want %d (partial frame cut)", st.Size(), err, HeaderSize+4*wantFrames)
	}
	if sox, err := exec.LookPath("sox"); err == nil {
		link := filepath.Join(t.TempDir(), "full.wav")
		if err := os.Link(path, link); err != nil {
			t.Fatal(err)
		}
		soxStat(t, sox, link)
	}
}

// writeUntilFull runs in the child: with the file size limited to limit bytes, it writes stereo
// ramps until Write fails.
func writeUntilFull(t *testing.T, path string, limit uint64) {
	signal.Ignore(syscall.SIGXFSZ) // get EFBIG instead of being killed
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
		t.Fatal(err)
	}
	w, err := Create(path, 48000, 2)
	if err != nil {
		t.Fatal(err)
	}
	samples := ramp(1 << 16)
	var werr error
	for i := 0; werr == nil; i += 1000 {
		werr = w.Write(samples[i : i+1000])
	}
	if !errors.Is(werr, syscall.EFBIG) {
		t.Errorf("Write error = %v, want EFBIG", werr)
	}
	if again := w.Write(samples[:2]); again != werr {
		t.Errorf("second Write error = %v, want the first one %v", again, werr)
	}
	if err := w.Close(); err != werr {
		t.Errorf("Close error = %v, want the write error %v", err, werr)
	}
	t.Logf("stopped after %d frames: %v", w.Frames(), werr)
}

// TestWriteErrorDevFull checks the header write failing (no space at all).
func TestWriteErrorDevFull(t *testing.T) {
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full: %v", err)
	}
	defer f.Close()
	w, err := newWriter(f, "answer.wav", 48000, 1)
	if !errors.Is(err, syscall.ENOSPC) || w != nil {
		t.Fatalf("newWriter over /dev/full = %v, %v; want ENOSPC", w, err)
	}
}

// TestFramesFromAnotherGoroutine reads Frames while Write runs (meaningful under -race).
func TestFramesFromAnotherGoroutine(t *testing.T) {
	w, err := Create(filepath.Join(t.TempDir(), "a.wav"), 48000, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	done := make(chan int64)
	go func() {
		last := int64(0)
		for last < 100*480 {
			f := w.Frames()
			if f < last || f%480 != 0 {
				t.Errorf("Frames went from %d to %d", last, f)
				break
			}
			last = f
		}
		done <- last
	}()
	for range 100 {
		if err := w.Write(ramp(960)); err != nil {
			t.Fatal(err)
		}
	}
	if got := <-done; got != 100*480 {
		t.Errorf("Frames seen last = %d, want %d", got, 100*480)
	}
}

func TestWriteAfterClose(t *testing.T) {
	w, err := Create(filepath.Join(t.TempDir(), "a.wav"), 48000, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Write(ramp(10)); !errors.Is(err, os.ErrClosed) {
		t.Errorf("Write after Close = %v, want os.ErrClosed", err)
	}
}

func BenchmarkWriter(b *testing.B) {
	w, err := Create(filepath.Join(b.TempDir(), "bench.wav"), 48000, 1)
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	chunk := ramp(4800) // 100 ms at 48 kHz
	b.SetBytes(int64(2 * len(chunk)))
	b.ReportAllocs()
	for b.Loop() {
		if err := w.Write(chunk); err != nil {
			b.Fatal(err)
		}
	}
}
