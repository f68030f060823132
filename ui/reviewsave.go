package ui

import (
	"sync"
	"time"
)

// notesDelay is how long typing must pause before the notes are saved.
const notesDelay = 500 * time.Millisecond

// reviewField is a part of the self-review that is saved on its own.
type reviewField int

const (
	fieldRating reviewField = iota
	fieldChecklist
	fieldNotes
)

// reviewKey names one field of one attempt.
type reviewKey struct {
	id    int64
	field reviewField
}

// reviewValue is a field's new value: n for the rating and the checklist, text for the notes.
type reviewValue struct {
	n    int
	text string
}

// reviewSaver writes the self-review off the UI goroutine. Only the latest value of each field
// is written, writes happen one batch at a time (so an older value never lands after a newer
// one), and notes wait for a pause in typing. flush writes everything pending at once.
type reviewSaver struct {
	store AttemptStore
	delay time.Duration
	onErr func(error) // called off the UI goroutine

	mu      sync.Mutex // guards pending and timer
	pending map[reviewKey]reviewValue
	timer   *time.Timer
	write   sync.Mutex // held while a batch is written
}

func newReviewSaver(store AttemptStore, delay time.Duration, onErr func(error)) *reviewSaver {
	return &reviewSaver{store: store, delay: delay, onErr: onErr, pending: map[reviewKey]reviewValue{}}
}

// set records a new value for a field: notes are written after the delay without further
// changes, the rating and the checklist at once (both off the calling goroutine).
func (s *reviewSaver) set(id int64, f reviewField, v reviewValue) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pending[reviewKey{id, f}] = v
	if f != fieldNotes {
		go s.flush()
		return
	}
	if s.timer != nil {
		s.timer.Stop()
	}
	s.timer = time.AfterFunc(s.delay, s.flush)
}

// flush writes every pending value and returns when they are written.
func (s *reviewSaver) flush() {
	s.write.Lock()
	defer s.write.Unlock()
	s.mu.Lock()
	batch := s.pending
	s.pending = map[reviewKey]reviewValue{}
	s.mu.Unlock()
	for k, v := range batch {
		if err := s.save(k, v); err != nil && s.onErr != nil {
			s.onErr(err)
		}
	}
}

// drop forgets the pending values of attempt id (it is being deleted), waiting for a batch
// being written.
func (s *reviewSaver) drop(id int64) {
	s.write.Lock()
	defer s.write.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	for k := range s.pending {
		if k.id == id {
			delete(s.pending, k)
		}
	}
}

// save writes one field.
func (s *reviewSaver) save(k reviewKey, v reviewValue) error {
	switch k.field {
	case fieldRating:
		return s.store.SetRating(k.id, v.n)
	case fieldChecklist:
		return s.store.SetChecklist(k.id, uint8(v.n))
	default:
		return s.store.SetNotes(k.id, v.text)
	}
}
