package library

import (
	"errors"
	"testing"
)

// openTemp opens a library in a fresh temporary folder and closes it when the test ends.
func openTemp(t testing.TB) *Library {
	t.Helper()
	l, err := Open(t.TempDir())
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := l.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return l
}

func TestAddQuestionValidation(t *testing.T) {
	l := openTemp(t)
	if _, err := l.AddQuestion(3, "Tell me about a time you disagreed."); err != nil {
		t.Fatalf("first add: %v", err)
	}
	tests := []struct {
		name      string
		principle int
		text      string
		want      error // nil: must succeed
	}{
		{"empty", 3, "", ErrEmptyQuestion},
		{"blank", 3, " \t\n ", ErrEmptyQuestion},
		{"exact duplicate", 3, "Tell me about a time you disagreed.", ErrDuplicateQuestion},
		{"case and spacing duplicate", 3, "  tell ME about a time   you disagreed. ", ErrDuplicateQuestion},
		{"same text other principle", 4, "Tell me about a time you disagreed.", nil},
		{"non-ASCII case duplicate", 3, "ÉTÉ question", nil},
		{"non-ASCII case duplicate again", 3, "été QUESTION", ErrDuplicateQuestion},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := l.AddQuestion(tc.principle, tc.text)
			if tc.want == nil && err != nil {
				t.Fatalf("AddQuestion(%d, %q) = %v, want success", tc.principle, tc.text, err)
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Fatalf("AddQuestion(%d, %q) = %v, want %v", tc.principle, tc.text, err, tc.want)
			}
		})
	}
}

func TestAddQuestionBadPrinciple(t *testing.T) {
	l := openTemp(t)
	for _, p := range []int{0, -1, 17} {
		if _, err := l.AddQuestion(p, "Why?"); err == nil {
			t.Errorf("AddQuestion(%d) succeeded, want an error", p)
		}
	}
}

func TestQuestionsCRUDPersists(t *testing.T) {
	dir := t.TempDir()
	l, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	a, err := l.AddQuestion(1, "  First?  ")
	if err != nil {
		t.Fatal(err)
	}
	if a.Text != "First?" || a.ID == 0 || a.Created.IsZero() {
		t.Fatalf("AddQuestion returned %+v, want trimmed text, an ID and a time", a)
	}
	b, err := l.AddQuestion(1, "Second?")
	if err != nil {
		t.Fatal(err)
	}
	c, err := l.AddQuestion(1, "Third?")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.AddQuestion(2, "Other principle?"); err != nil {
		t.Fatal(err)
	}
	if err := l.UpdateQuestion(b.ID, " Second, reworded? "); err != nil {
		t.Fatal(err)
	}
	if err := l.DeleteQuestion(c.ID); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}

	l2, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l2.Close()
	got, err := l2.Questions(1)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"First?", "Second, reworded?"}
	if len(got) != len(want) {
		t.Fatalf("Questions(1) = %+v, want texts %q", got, want)
	}
	for i, q := range got {
		if q.Text != want[i] || q.Principle != 1 {
			t.Errorf("question %d = %+v, want text %q principle 1", i, q, want[i])
		}
	}
	if !got[0].Created.Equal(a.Created) {
		t.Errorf("created %v after reopen, want %v", got[0].Created, a.Created)
	}
	all, err := l2.Questions(0)
	if err != nil || len(all) != 3 {
		t.Errorf("Questions(0) = %d questions, %v; want 3", len(all), err)
	}
}

func TestUpdateAndDeleteQuestionErrors(t *testing.T) {
	l := openTemp(t)
	a, err := l.AddQuestion(5, "Alpha?")
	if err != nil {
		t.Fatal(err)
	}
	b, err := l.AddQuestion(5, "Beta?")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"update to empty", l.UpdateQuestion(a.ID, "  "), ErrEmptyQuestion},
		{"update to duplicate", l.UpdateQuestion(b.ID, "ALPHA?"), ErrDuplicateQuestion},
		{"update unknown", l.UpdateQuestion(9999, "Gamma?"), ErrNotFound},
		{"delete unknown", l.DeleteQuestion(9999), ErrNotFound},
		{"update to own text in other case", l.UpdateQuestion(a.ID, "alpha?"), nil},
	}
	for _, tc := range tests {
		if !errors.Is(tc.err, tc.want) || (tc.want == nil && tc.err != nil) {
			t.Errorf("%s: error %v, want %v", tc.name, tc.err, tc.want)
		}
	}
}
