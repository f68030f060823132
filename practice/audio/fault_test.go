package audio

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"lpcoach/practice/wav"
)

// helperEnv selects what TestHelperProcess does when the test binary re-executes itself.
const helperEnv = "LPCOACH_AUDIO_HELPER"

// helperResult is what the helper process reports on stdout.
type helperResult struct {
	Reason StopReason
	Err    string
	Path   string
	Frames int64
}

// TestHelperProcess is not a test: run by the tests below as a child process, it records from
// the null backend to $LPCOACH_AUDIO_HELPER_PATH. Mode "crash" records until killed; mode
// "fsize" records under a 200 KB file size limit and reports the result as JSON.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperEnv)
	if mode == "" {
		return
	}
	if err := helperRecord(mode, os.Getenv(helperEnv+"_PATH")); err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(2)
	}
	os.Exit(0)
}

// helperRecord is the body of the helper process.
func helperRecord(mode, path string) error {
	if mode == "fsize" {
		lim := &syscall.Rlimit{Cur: 200 << 10, Max: 200 << 10}
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, lim); err != nil {
			return err
		}
	}
	sys, err := NewSystemFor("null")
	if err != nil {
		return err
	}
	in, err := sys.OpenInput("")
	if err != nil {
		return err
	}
	rec, err := in.Record(path, Options{})
	if err != nil {
		return err
	}
	fmt.Println("recording")
	select {
	case <-rec.Done():
	case <-time.After(10 * time.Second):
	}
	res, err := rec.Stop()
	out := helperResult{Reason: res.Reason, Path: res.Path, Frames: res.Frames}
	if err != nil {
		out.Err = err.Error()
	}
	return json.NewEncoder(os.Stdout).Encode(out)
}

// startHelper re-executes the test binary as a recording child and waits until it records.
func startHelper(t *testing.T, mode, path string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperEnv+"="+mode, helperEnv+"_PATH="+path)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() || lines.Text() != "recording" {
		t.Fatalf("helper did not start recording: %q %v", lines.Text(), lines.Err())
	}
	return cmd, lines
}

// TestCrashLeavesRepairablePart kills a recording process with SIGKILL after 3 s: the .part it
// leaves is repaired into a valid WAV holding at least 2 s.
func TestCrashLeavesRepairablePart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crash.wav")
	cmd, _ := startHelper(t, "crash", path)
	time.Sleep(3 * time.Second)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	info, err := wav.Repair(path + ".part")
	if err != nil {
		t.Fatalf("Repair: %v", err)
	}
	a, err := wav.ReadFile(path + ".part")
	if err != nil || info.Duration() < 2*time.Second || int64(a.Frames()) != info.Frames {
		t.Errorf("repaired %+v (%v), read %v; want a valid WAV of >= 2 s", info, info.Duration(), err)
	}
}

// TestWriteErrorKeepsValidFile records under a file size limit (RLIMIT_FSIZE, a real write
// error without root): the recording stops with a clear error and the file keeps what was
// written, with a valid header.
func TestWriteErrorKeepsValidFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "full.wav")
	cmd, lines := startHelper(t, "fsize", path)
	if !lines.Scan() {
		t.Fatalf("no result from the helper: %v", lines.Err())
	}
	var res helperResult
	if err := json.Unmarshal(lines.Bytes(), &res); err != nil {
		t.Fatalf("helper result %q: %v", lines.Text(), err)
	}
	_ = cmd.Wait()
	if res.Reason != ReasonWriteFailed || res.Err == "" || res.Path != path {
		t.Fatalf("result %+v; want a write failure with an error and the file kept", res)
	}
	t.Logf("error shown: %s", res.Err)
	info, err := wav.ReadInfo(path)
	if err != nil || info.Frames != res.Frames || res.Frames < SampleRate {
		t.Errorf("kept file %+v, %v; want a valid header over the %d frames written (>= 1 s)", info, err, res.Frames)
	}
}

// TestFolderRemovedWhileRecording deletes the recordings folder mid-recording: the recording
// stops by itself at the next check with an error that names the folder.
func TestFolderRemovedWhileRecording(t *testing.T) {
	sys := openSystem(t, "null")
	in := warmInput(t, sys, "")
	dir := filepath.Join(t.TempDir(), "answers")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	rec, err := in.Record(filepath.Join(dir, "a.wav"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	select {
	case <-rec.Done():
	case <-time.After(3 * time.Second):
		t.Fatal("recording went on after its folder was removed")
	}
	res, err := rec.Stop()
	if res.Reason != ReasonWriteFailed || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Stop = %+v, %v; want a write failure naming the missing folder", res, err)
	}
}
