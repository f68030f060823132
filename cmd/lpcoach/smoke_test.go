package main

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestSmokeWindowOpensAndQuits runs the real binary under Xvfb: a window titled "LP Coach" maps
// within 5 s, a screenshot is kept, and Ctrl+Q ends the process cleanly.
func TestSmokeWindowOpensAndQuits(t *testing.T) {
	bin := buildApp(t)
	display := startXvfb(t, 1024, 700)
	home := t.TempDir()
	data := filepath.Join(home, "data")
	a := startApp(t, bin, display, []string{"XDG_CONFIG_HOME=" + filepath.Join(home, "config")}, "--data-dir", data)
	start := time.Now()
	win := a.waitWindow(t, "LP Coach", 5*time.Second)
	t.Logf("window mapped after %s", time.Since(start).Round(time.Millisecond))

	time.Sleep(700 * time.Millisecond) // let the first frame render before the screenshot
	shot := screenshot(t, display, "smoke-learn.png")
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1024 || b.Dy() != 700 {
		t.Fatalf("screenshot is %v", b)
	}
	if st, err := os.Stat(data); err != nil || st.Mode().Perm() != 0o700 {
		t.Fatalf("data folder: %v, mode %v; want 0700", err, st.Mode().Perm())
	}

	a.key(t, win, "ctrl+q")
	if code := a.waitExit(t, 5*time.Second); code != 0 {
		t.Fatalf("exit status %d after Ctrl+Q", code)
	}
}

// TestSmokeLightThemeFullScreen shows the window in the light theme on a large screen, for the
// screenshot artifact (the layout must read well at full size too).
func TestSmokeLightThemeFullScreen(t *testing.T) {
	bin := buildApp(t)
	display := startXvfb(t, 1920, 1080)
	home := t.TempDir()
	env := []string{"XDG_CONFIG_HOME=" + filepath.Join(home, "config"), "FYNE_THEME=light", "LPCOACH_AUDIO=null"}
	a := startApp(t, bin, display, env, "--data-dir", filepath.Join(home, "data"))
	win := a.waitWindow(t, "LP Coach", 5*time.Second)
	if _, err := a.xdotool("windowsize", "--sync", win, "1920", "1080"); err != nil {
		t.Fatalf("resize: %v", err)
	}
	a.key(t, win, "ctrl+3")
	time.Sleep(time.Second)
	screenshot(t, display, "practice-light-fullscreen.png")
	a.key(t, win, "ctrl+q")
	if code := a.waitExit(t, 5*time.Second); code != 0 {
		t.Fatalf("exit status %d after Ctrl+Q", code)
	}
}
