package ui

import (
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"lpcoach/practice/library"
)

// countingStore is the real library, counting the notes written through it.
type countingStore struct {
	AttemptStore
	mu    sync.Mutex
	notes int
}

func (c *countingStore) SetNotes(id int64, notes string) error {
	c.mu.Lock()
	c.notes++
	c.mu.Unlock()
	return c.AttemptStore.SetNotes(id, notes)
}

func (c *countingStore) noteWrites() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.notes
}

// savedAttempt opens a library in a temporary folder with one attempt.
func savedAttempt(t *testing.T) (*library.Library, library.Attempt) {
	t.Helper()
	lib, err := library.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	path := filepath.Join(lib.RecordingsDir(), "answer.wav")
	writeWAV(t, path, 16000, toneSamples(0.5, 16000))
	a, err := lib.AddAttempt(library.Attempt{Principle: 1, Question: "Q", Started: time.Now(), Duration: time.Second / 2, Path: path})
	if err != nil {
		t.Fatal(err)
	}
	return lib, a
}

// eventually polls cond until it holds, failing after limit.
func eventually(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("after %s: still waiting for %s", limit, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestSaverWritesNotesOnceTypingPauses(t *testing.T) {
	lib, a := savedAttempt(t)
	store := &countingStore{AttemptStore: lib}
	s := newReviewSaver(store, notesDelay, nil)
	for _, text := range []string{"L", "Le", "Lead with the result"} {
		s.set(a.ID, fieldNotes, reviewValue{text: text})
	}
	eventually(t, 5*time.Second, "the notes to be saved", func() bool {
		got, err := lib.Attempt(a.ID)
		return err == nil && got.Notes == "Lead with the result"
	})
	if n := store.noteWrites(); n != 1 {
		t.Errorf("%d writes for three quick edits, want 1", n)
	}
}

func TestSaverKeepsTheLatestValue(t *testing.T) {
	lib, a := savedAttempt(t)
	s := newReviewSaver(lib, notesDelay, nil)
	for r := 1; r <= 5; r++ {
		s.set(a.ID, fieldRating, reviewValue{n: r})
		s.set(a.ID, fieldChecklist, reviewValue{n: r})
	}
	s.set(a.ID, fieldNotes, reviewValue{text: "typed just before closing"})
	s.flush()
	got, err := lib.Attempt(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Rating != 5 || got.Checklist != 5 || got.Notes != "typed just before closing" {
		t.Errorf("stored rating %d, checklist %d, notes %q; want the last values", got.Rating, got.Checklist, got.Notes)
	}
}

func TestSaverDropAndErrors(t *testing.T) {
	lib, a := savedAttempt(t)
	var mu sync.Mutex
	var errs []error
	s := newReviewSaver(lib, notesDelay, func(err error) {
		mu.Lock()
		errs = append(errs, err)
		mu.Unlock()
	})
	s.set(a.ID, fieldNotes, reviewValue{text: "about to be deleted"})
	s.drop(a.ID)
	s.flush()
	if got, _ := lib.Attempt(a.ID); got.Notes != "" {
		t.Errorf("dropped notes were written: %q", got.Notes)
	}

	s.set(a.ID+100, fieldNotes, reviewValue{text: "no such answer"})
	s.flush()
	mu.Lock()
	defer mu.Unlock()
	if len(errs) != 1 || !errors.Is(errs[0], library.ErrNotFound) {
		t.Errorf("errors reported: %v, want one not-found", errs)
	}
}
