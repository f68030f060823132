package ui

import (
	"os"
	"sync"
	"testing"
	"time"
)

// uiQueue holds what goroutines hand to the UI goroutine, so that a test runs it on its own
// goroutine, in order, and the race detector sees one UI thread as in the real app.
type uiQueue struct {
	mu  sync.Mutex
	fns []func()
}

func (q *uiQueue) post(f func()) {
	q.mu.Lock()
	q.fns = append(q.fns, f)
	q.mu.Unlock()
}

// pump runs everything posted so far.
func (q *uiQueue) pump() {
	q.mu.Lock()
	fns := q.fns
	q.fns = nil
	q.mu.Unlock()
	for _, f := range fns {
		f()
	}
}

var uiThread = &uiQueue{}

func TestMain(m *testing.M) {
	onUI = uiThread.post
	os.Exit(m.Run())
}

// waitFor runs the UI queue until cond holds, failing the test after limit.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		uiThread.pump()
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %s: still waiting for %s", limit, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// runUI runs the UI queue for d.
func runUI(d time.Duration) {
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		uiThread.pump()
		time.Sleep(5 * time.Millisecond)
	}
	uiThread.pump()
}
