// Package realtest is for tests that run real programs (sox, espeak-ng, PulseAudio, Xvfb,
// xdotool): a missing program skips the test, or fails it when LPCOACH_REQUIRE_REAL=1, as
// `make test` and CI set, so that the real end-to-end tests can never be skipped silently there.
package realtest

import (
	"os"
	"os/exec"
	"testing"
)

// RequireEnv is the variable that turns a missing program from a skip into a failure.
const RequireEnv = "LPCOACH_REQUIRE_REAL"

// Need skips t (or fails it when LPCOACH_REQUIRE_REAL=1) unless every program is on PATH.
func Need(t testing.TB, programs ...string) {
	t.Helper()
	for _, p := range programs {
		if _, err := exec.LookPath(p); err != nil {
			if os.Getenv(RequireEnv) == "1" {
				t.Fatalf("%s is required (%s=1) but not installed: %v", p, RequireEnv, err)
			}
			t.Skipf("%s not installed: %v", p, err)
		}
	}
}
