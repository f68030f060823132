package speech

import (
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// run runs a program and fails the test with its output when it fails.
func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// speak makes espeak-ng say text at wordsPerMin into a WAV file in dir and returns its path.
func speak(t testing.TB, dir, name, text string, wordsPerMin int) string {
	t.Helper()
	path := filepath.Join(dir, name+".wav")
	run(t, "espeak-ng", "-s", strconv.Itoa(wordsPerMin), "-w", path, text)
	return path
}

// readPCM converts any audio file to mono 16-bit samples with sox and returns them with the rate.
func readPCM(t testing.TB, path string) ([]int16, int) {
	t.Helper()
	rate, err := strconv.Atoi(strings.TrimSpace(run(t, "soxi", "-r", path)))
	if err != nil {
		t.Fatalf("sample rate of %s: %v", path, err)
	}
	raw := path + ".raw"
	run(t, "sox", path, "-t", "raw", "-e", "signed-integer", "-b", "16", "-c", "1", "-L", raw)
	data, err := os.ReadFile(raw)
	if err != nil {
		t.Fatalf("read %s: %v", raw, err)
	}
	samples := make([]int16, len(data)/2)
	for i := range samples {
		samples[i] = int16(binary.LittleEndian.Uint16(data[2*i:]))
	}
	return samples, rate
}

// soxSeconds returns the duration of an audio file as sox measures it.
func soxSeconds(t testing.TB, path string) float64 {
	t.Helper()
	s, err := strconv.ParseFloat(strings.TrimSpace(run(t, "soxi", "-D", path)), 64)
	if err != nil {
		t.Fatalf("duration of %s: %v", path, err)
	}
	return s
}

// soxSpeakingSeconds returns the time sox finds non-silent in path: the file without its
// silences of MinPauseS or more (silence: below 0.5 % of full scale).
func soxSpeakingSeconds(t testing.TB, path string) float64 {
	t.Helper()
	trimmed := path + ".speech.wav"
	run(t, "sox", path, trimmed, "silence", "1", "0.02", "0.5%", "-1", strconv.FormatFloat(MinPauseS, 'f', -1, 64), "0.5%")
	return soxSeconds(t, trimmed)
}
