package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"lpcoach/practice/realtest"
)

// needTool returns name, skipping the test when the program is missing (or failing it when
// LPCOACH_REQUIRE_REAL=1, as make test and CI set).
func needTool(t *testing.T, name string) string {
	t.Helper()
	realtest.Need(t, name)
	return name
}

// buildApp builds the lpcoach binary once per test binary into a temporary folder.
func buildApp(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "lpcoach")
	cmd := exec.Command("go", "build", "-tags", "migrated_fynedo", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// startXvfb starts a virtual X display of the given size and returns its DISPLAY value.
func startXvfb(t *testing.T, width, height int) string {
	t.Helper()
	xvfb := needTool(t, "Xvfb")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(xvfb, "-displayfd", "3", "-screen", "0", fmt.Sprintf("%dx%dx24", width, height), "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start Xvfb: %v", err)
	}
	w.Close()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	num := make(chan string, 1)
	go func() {
		buf := make([]byte, 16)
		n, _ := r.Read(buf)
		num <- strings.TrimSpace(string(buf[:n]))
	}()
	select {
	case d := <-num:
		if d == "" {
			t.Fatal("Xvfb did not report a display")
		}
		return ":" + d
	case <-time.After(10 * time.Second):
		t.Fatal("Xvfb did not start within 10 s")
	}
	return ""
}

// appProcess is a running lpcoach process on a virtual display.
type appProcess struct {
	cmd     *exec.Cmd
	display string
	out     *bytes.Buffer
	done    chan error
}

// startApp runs bin with args on display, with its own config folder; env adds variables.
func startApp(t *testing.T, bin, display string, env []string, args ...string) *appProcess {
	t.Helper()
	a := &appProcess{display: display, out: &bytes.Buffer{}, done: make(chan error, 1)}
	a.cmd = exec.Command(bin, args...)
	a.cmd.Env = append(os.Environ(), "DISPLAY="+display, "LANG=en_US.UTF-8")
	a.cmd.Env = append(a.cmd.Env, env...)
	a.cmd.Stdout, a.cmd.Stderr = a.out, a.out
	if err := a.cmd.Start(); err != nil {
		t.Fatalf("start app: %v", err)
	}
	go func() { a.done <- a.cmd.Wait() }()
	t.Cleanup(func() {
		a.cmd.Process.Kill()
		if t.Failed() {
			t.Logf("app output:\n%s", a.out)
		}
	})
	return a
}

// xdotool runs xdotool on the app's display.
func (a *appProcess) xdotool(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+a.display)
	out, err := cmd.Output()
	return strings.TrimSpace(string(out)), err
}

// waitWindow waits up to limit for a window titled title and returns its id.
func (a *appProcess) waitWindow(t *testing.T, title string, limit time.Duration) string {
	t.Helper()
	needTool(t, "xdotool")
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if id, err := a.xdotool("search", "--onlyvisible", "--name", "^"+title+"$"); err == nil && id != "" {
			return strings.Fields(id)[0]
		}
		select {
		case err := <-a.done:
			t.Fatalf("app exited before its window mapped: %v", err)
		case <-time.After(100 * time.Millisecond):
		}
	}
	t.Fatalf("no window titled %q within %s", title, limit)
	return ""
}

// key sends keys (xdotool syntax, e.g. "ctrl+q") to the focused window.
func (a *appProcess) key(t *testing.T, window string, keys ...string) {
	t.Helper()
	if _, err := a.xdotool("windowfocus", "--sync", window); err != nil {
		t.Fatalf("focus window: %v", err)
	}
	if _, err := a.xdotool(append([]string{"key", "--delay", "50"}, keys...)...); err != nil {
		t.Fatalf("xdotool key %v: %v", keys, err)
	}
}

// waitExit waits up to limit for the app to end and returns its exit status.
func (a *appProcess) waitExit(t *testing.T, limit time.Duration) int {
	t.Helper()
	select {
	case err := <-a.done:
		if ee, ok := err.(*exec.ExitError); ok {
			if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				t.Fatalf("app died of %v", ws.Signal())
			}
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(limit):
		a.cmd.Process.Signal(syscall.SIGQUIT) // Go prints every goroutine's stack: see the app output
		select {
		case <-a.done:
		case <-time.After(2 * time.Second):
		}
		t.Fatalf("app still running after %s", limit)
	}
	return -1
}

// screenshot saves the whole display as PNG in the artifacts folder and returns its path.
func screenshot(t *testing.T, display, name string) string {
	t.Helper()
	imp := needTool(t, "import")
	path := filepath.Join(artifactsDir(t), name)
	cmd := exec.Command(imp, "-window", "root", path)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("screenshot: %v\n%s", err, out)
	}
	return path
}

// artifactsDir is where tests keep screenshots: $LPCOACH_ARTIFACTS, else artifacts/ at the
// top of the repository.
func artifactsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("LPCOACH_ARTIFACTS")
	if dir == "" {
		_, file, _, _ := runtime.Caller(0)
		dir = filepath.Join(filepath.Dir(file), "..", "..", "artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}
