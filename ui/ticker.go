package ui

import "time"

// every runs f on the UI goroutine every d until the returned stop is called. The practice
// view's meter and timer, the playhead and the settings' level meter poll this way.
func every(d time.Duration, f func()) (stop func()) {
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				onUI(f)
			case <-done:
				return
			}
		}
	}()
	return func() { close(done) }
}
