package ui

import (
	"fmt"
	"log"
	"slices"
	"sync"

	"lpcoach/practice"
	"lpcoach/practice/audio"
	"lpcoach/practice/library"
)

// answer is an answer being recorded. Its attempt gathers the STAR marks on the UI goroutine and
// is saved once, by whichever comes first: the goroutine that waits for the recording to end,
// or the window closing.
type answer struct {
	rec     *audio.Recording
	sidecar library.Sidecar // as written when the recording started
	files   sync.Mutex      // serialises the sidecar writes with the final save; taken before mu
	mu      sync.Mutex
	attempt library.Attempt
	discard bool
	done    bool
}

// addMark adds a STAR mark and returns all marks so far. The sidecar is rewritten in the
// background, so that a crash keeps the marks with the recovered answer.
func (a *answer) addMark(m practice.Mark) []practice.Mark {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.attempt.Marks = append(a.attempt.Marks, m)
	go a.saveMarks()
	return slices.Clone(a.attempt.Marks)
}

// saveMarks writes the marks made so far into the recording's sidecar, unless the answer is
// already saved or discarded.
func (a *answer) saveMarks() {
	a.files.Lock()
	defer a.files.Unlock()
	a.mu.Lock()
	sc, done := a.sidecar, a.done
	sc.Marks = slices.Clone(a.attempt.Marks)
	a.mu.Unlock()
	if done {
		return
	}
	if err := library.WriteSidecar(a.attempt.Path, sc); err != nil {
		log.Printf("save STAR marks: %v", err)
	}
}

// outcome is how an answer ended.
type outcome struct {
	res       audio.Result
	err       error           // from Stop
	saved     library.Attempt // ID 0 when nothing was saved
	saveErr   error
	discarded bool
}

// finish waits for the recording to end, then saves it or, if it
// was discarded or is empty, removes its files. It reports false if the answer was already
// finished elsewhere.
func (a *answer) finish(store AttemptStore) (outcome, bool) {
	var o outcome
	o.res, o.err = a.rec.Stop()
	a.files.Lock()
	defer a.files.Unlock()
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.done {
		return o, false
	}
	a.done, o.discarded = true, a.discard
	select {
	case <-a.rec.Done():
	default:
		// Saving is taking long (a slow disk): leave every file alone. The writer finishes on
		// its own, and the next start lists the answer (Recover).
		o.saveErr = fmt.Errorf("saving is slow; the answer will be listed at the next start: %w", o.err)
		return o, true
	}
	if a.discard || o.res.Frames == 0 {
		if err := library.RemoveRecording(a.attempt.Path); err != nil {
			log.Printf("discard answer: %v", err)
		}
		return o, true
	}
	at := a.attempt
	at.Path, at.Duration, at.Dropped = o.res.Path, o.res.Duration, o.res.Dropped
	o.saved, o.saveErr = store.AddAttempt(at)
	return o, true
}
