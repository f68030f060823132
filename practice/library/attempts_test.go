package library

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"lpcoach/practice"
)

// sampleAttempt returns a fully populated attempt for principle p started at t.
func sampleAttempt(l *Library, p int, t time.Time) Attempt {
	return Attempt{
		Principle: p, Question: "Tell me about a time you failed.", Started: t,
		Duration: 95*time.Second + 250*time.Millisecond, Device: "Built-in Mic", Dropped: 3, Target: 2 * time.Minute,
		Path: l.NewRecordingPath(p, t), Rating: 4, Checklist: 0b10101, Notes: "Too long on the situation.",
		Marks:   []practice.Mark{{Segment: practice.Situation}, {Segment: practice.Task, At: 20 * time.Second}, {Segment: practice.Action, At: 31 * time.Second}, {Segment: practice.Result, At: 88 * time.Second}},
		Metrics: []byte(`{"wpm":142}`),
	}
}

func TestAttemptRoundTripAcrossReopen(t *testing.T) {
	dir := t.TempDir()
	l, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 11, 27, 15, 30, 0, 123456789, time.Local)
	want, err := l.AddAttempt(sampleAttempt(l, 7, start))
	if err != nil {
		t.Fatal(err)
	}
	if want.ID == 0 || want.Status != StatusOK {
		t.Fatalf("AddAttempt returned ID %d status %q, want an ID and status ok", want.ID, want.Status)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	l2, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l2.Close()
	got, err := l2.Attempt(want.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Started.Equal(want.Started) {
		t.Errorf("Started = %v, want %v", got.Started, want.Started)
	}
	got.Started = want.Started
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after reopen\n got %+v\nwant %+v", got, want)
	}
}

func TestAttemptSetters(t *testing.T) {
	l := openTemp(t)
	a, err := l.AddAttempt(Attempt{Principle: 2, Path: l.NewRecordingPath(2, time.Now()), Started: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if a.Rating != 0 || a.Metrics != nil {
		t.Fatalf("new attempt rating %d metrics %q, want unrated and nil", a.Rating, a.Metrics)
	}
	tests := []struct {
		name    string
		set     func() error
		wantErr bool
	}{
		{"rating 0", func() error { return l.SetRating(a.ID, 0) }, false},
		{"rating 5", func() error { return l.SetRating(a.ID, 5) }, false},
		{"rating 6", func() error { return l.SetRating(a.ID, 6) }, true},
		{"rating -1", func() error { return l.SetRating(a.ID, -1) }, true},
		{"checklist all five", func() error { return l.SetChecklist(a.ID, 0b11111) }, false},
		{"checklist sixth item", func() error { return l.SetChecklist(a.ID, 0b100000) }, true},
		{"notes", func() error { return l.SetNotes(a.ID, "Say \"I\", not \"we\".") }, false},
		{"metrics not JSON", func() error { return l.SetMetrics(a.ID, []byte("{oops")) }, true},
		{"metrics", func() error { return l.SetMetrics(a.ID, []byte(`{"pauses":[1.5,2]}`)) }, false},
		{"rating unknown id", func() error { return l.SetRating(a.ID+100, 3) }, true},
		{"notes unknown id", func() error { return l.SetNotes(a.ID+100, "x") }, true},
	}
	for _, tc := range tests {
		if err := tc.set(); (err != nil) != tc.wantErr {
			t.Errorf("%s: error %v, want error %v", tc.name, err, tc.wantErr)
		}
	}
	got, err := l.Attempt(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Rating != 5 || got.Checklist != 0b11111 || got.Notes != "Say \"I\", not \"we\"." ||
		string(got.Metrics) != `{"pauses":[1.5,2]}` {
		t.Errorf("after setters got %+v", got)
	}
	if err := l.SetMetrics(a.ID, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := l.Attempt(a.ID); got.Metrics != nil {
		t.Errorf("metrics after clearing = %q, want nil", got.Metrics)
	}
	if err := l.SetNotes(a.ID+100, "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetNotes on unknown id = %v, want ErrNotFound", err)
	}
}

func TestAddAttemptRejects(t *testing.T) {
	l := openTemp(t)
	valid := func() Attempt { return sampleAttempt(l, 1, time.Now()) }
	tests := []struct {
		name   string
		mutate func(*Attempt)
	}{
		{"principle 0", func(a *Attempt) { a.Principle = 0 }},
		{"principle 17", func(a *Attempt) { a.Principle = 17 }},
		{"no path", func(a *Attempt) { a.Path = "" }},
		{"status missing", func(a *Attempt) { a.Status = StatusMissing }},
		{"rating 9", func(a *Attempt) { a.Rating = 9 }},
		{"checklist 0xff", func(a *Attempt) { a.Checklist = 0xff }},
		{"segment 4", func(a *Attempt) { a.Marks = []practice.Mark{{Segment: 4}} }},
		{"negative mark", func(a *Attempt) { a.Marks = []practice.Mark{{Segment: 1, At: -time.Second}} }},
		{"bad metrics", func(a *Attempt) { a.Metrics = []byte("nope") }},
		{"negative duration", func(a *Attempt) { a.Duration = -1 }},
	}
	for _, tc := range tests {
		a := valid()
		tc.mutate(&a)
		if _, err := l.AddAttempt(a); err == nil {
			t.Errorf("%s: AddAttempt succeeded, want an error", tc.name)
		}
	}
	if _, err := l.AddAttempt(valid()); err != nil {
		t.Errorf("valid attempt after rejections: %v", err)
	}
}

func TestAttemptsFilterAndOrder(t *testing.T) {
	l := openTemp(t)
	base := time.Date(2026, 11, 1, 9, 0, 0, 0, time.Local)
	add := func(p int, q string, minutes int) int64 {
		a := Attempt{Principle: p, Question: q, Started: base.Add(time.Duration(minutes) * time.Minute)}
		a.Path = l.NewRecordingPath(p, a.Started)
		got, err := l.AddAttempt(a)
		if err != nil {
			t.Fatal(err)
		}
		return got.ID
	}
	a1 := add(1, "Q1", 0)
	a2 := add(1, "Q2", 10)
	a3 := add(2, "Q1", 5)
	a4 := add(1, "Q1", 20)
	tests := []struct {
		f    Filter
		want []int64
	}{
		{Filter{}, []int64{a4, a2, a3, a1}},
		{Filter{Principle: 1}, []int64{a4, a2, a1}},
		{Filter{Question: "Q1"}, []int64{a4, a3, a1}},
		{Filter{Principle: 1, Question: "Q1"}, []int64{a4, a1}},
		{Filter{Principle: 3}, nil},
	}
	for _, tc := range tests {
		list, err := l.Attempts(tc.f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, a := range list {
			ids = append(ids, a.ID)
		}
		if !reflect.DeepEqual(ids, tc.want) {
			t.Errorf("Attempts(%+v) = %v, want %v", tc.f, ids, tc.want)
		}
	}
	counts, err := l.CountByPrinciple()
	if err != nil {
		t.Fatal(err)
	}
	if want := map[int]int{1: 3, 2: 1}; !reflect.DeepEqual(counts, want) {
		t.Errorf("CountByPrinciple = %v, want %v", counts, want)
	}
}

func TestAttemptsCarryMarks(t *testing.T) {
	l := openTemp(t)
	now := time.Now()
	a, err := l.AddAttempt(sampleAttempt(l, 3, now))
	if err != nil {
		t.Fatal(err)
	}
	b := sampleAttempt(l, 3, now.Add(time.Minute))
	b.Marks = nil
	if _, err := l.AddAttempt(b); err != nil {
		t.Fatal(err)
	}
	list, err := l.Attempts(Filter{Principle: 3})
	if err != nil || len(list) != 2 {
		t.Fatalf("Attempts = %d, %v; want 2", len(list), err)
	}
	if list[0].Marks != nil || !reflect.DeepEqual(list[1].Marks, a.Marks) {
		t.Errorf("marks = %v and %v, want none and %v", list[0].Marks, list[1].Marks, a.Marks)
	}
}

func TestDeleteRemovesFiles(t *testing.T) {
	l := openTemp(t)
	a, err := l.AddAttempt(sampleAttempt(l, 9, time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	files := []string{a.Path, PeaksPath(a.Path), SidecarPath(a.Path)}
	for _, p := range files[:2] { // no sidecar: a missing file is fine
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Delete(a.ID); err != nil {
		t.Fatal(err)
	}
	for _, p := range files {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s still there after Delete (stat: %v)", filepath.Base(p), err)
		}
	}
	if _, err := l.Attempt(a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Attempt after Delete = %v, want ErrNotFound", err)
	}
	if err := l.Delete(a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Delete = %v, want ErrNotFound", err)
	}
	var marks int
	if err := l.db.QueryRow(`SELECT count(*) FROM marks`).Scan(&marks); err != nil || marks != 0 {
		t.Errorf("marks left after Delete: %d (%v), want 0", marks, err)
	}
}

func TestDeleteKeepsRowWhenFileCannotGo(t *testing.T) {
	l := openTemp(t)
	a, err := l.AddAttempt(sampleAttempt(l, 9, time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	// A non-empty directory at the .peaks path cannot be removed with os.Remove.
	if err := os.MkdirAll(filepath.Join(PeaksPath(a.Path), "x"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := l.Delete(a.ID); err == nil {
		t.Fatal("Delete succeeded although a file could not be removed")
	}
	if _, err := l.Attempt(a.ID); err != nil {
		t.Errorf("attempt gone after a failed Delete: %v", err)
	}
}

func TestNewRecordingPathUnique(t *testing.T) {
	l := openTemp(t)
	at := time.Date(2026, 11, 27, 15, 30, 0, 0, time.Local)
	first := l.NewRecordingPath(1, at)
	if want := filepath.Join(l.RecordingsDir(), "2026-11-27_153000_p01.wav"); first != want {
		t.Fatalf("NewRecordingPath = %s, want %s", first, want)
	}
	second := l.NewRecordingPath(1, at) // first is reserved though no file exists yet
	if err := os.WriteFile(filepath.Join(l.RecordingsDir(), "2026-11-27_153000_p01-3.wav.part"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	third := l.NewRecordingPath(1, at)
	if filepath.Base(second) != "2026-11-27_153000_p01-2.wav" || filepath.Base(third) != "2026-11-27_153000_p01-4.wav" {
		t.Errorf("later paths %s, %s; want suffixes -2 and -4", filepath.Base(second), filepath.Base(third))
	}
	if _, err := l.AddAttempt(Attempt{Principle: 1, Path: first, Started: at}); err != nil {
		t.Fatal(err)
	}
	if _, err := l.AddAttempt(Attempt{Principle: 1, Path: first, Started: at}); !errors.Is(err, ErrDuplicateRecording) {
		t.Errorf("second AddAttempt of %s = %v, want ErrDuplicateRecording", filepath.Base(first), err)
	}
	// Released from the reservations, first is still taken by its row.
	if again := l.NewRecordingPath(1, at); again == first {
		t.Errorf("NewRecordingPath reused %s, which has an attempt", filepath.Base(first))
	}
}
