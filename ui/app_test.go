package ui

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lpcoach/assets"
	"lpcoach/practice"
	"lpcoach/practice/library"
)

// newTestUI opens the window on Fyne's test app with the shipped content and a real library in
// dir, without sound.
func newTestUI(t *testing.T, a fyne.App, dir string) (*UI, *library.Library) {
	t.Helper()
	return newTestUIWithSound(t, a, dir, nil)
}

// newTestUIWithSound is newTestUI with a sound system (nil for none).
func newTestUIWithSound(t *testing.T, a fyne.App, dir string, snd Sound) (*UI, *library.Library) {
	t.Helper()
	ps, err := practice.LoadPrinciples(assets.Principles(), assets.PrinciplesDir)
	if err != nil {
		t.Fatal(err)
	}
	lib, err := library.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	cfg := Config{Principles: ps, Questions: lib, Attempts: lib, Version: "test", DataDir: dir}
	if snd != nil {
		cfg.Sound = snd
	} else {
		cfg.NoSound = errors.New("no sound system in this test")
	}
	u := New(a, cfg)
	t.Cleanup(func() {
		for _, w := range a.Driver().AllWindows() {
			if w == u.Window() {
				w.Close() // not twice: the test driver panics on a second Close
			}
		}
	})
	u.Window().Resize(fyne.NewSize(1024, 700))
	return u, lib
}

// richText is the plain text of a RichText.
func richText(r *widget.RichText) string {
	var b strings.Builder
	for _, s := range r.Segments {
		b.WriteString(s.Textual())
		b.WriteString("\n")
	}
	return b.String()
}

// visibleNames lists the principles the sidebar shows, in order.
func visibleNames(s *sidebar) []string {
	var names []string
	for _, i := range s.shown {
		names = append(names, s.all[i].Name)
	}
	return names
}

// bankTexts lists the questions of the bank, in order.
func bankTexts(b *questionBank) []string {
	var out []string
	for _, it := range b.items {
		out = append(out, it.text)
	}
	return out
}

func TestOpensOnFirstPrincipleWithAQuestion(t *testing.T) {
	u, _ := newTestUI(t, test.NewApp(), t.TempDir())
	if u.picked.Number != 1 {
		t.Fatalf("opened on principle %d, want 1", u.picked.Number)
	}
	if u.current.text != u.picked.Questions[0] || u.current.label.Text != u.current.text {
		t.Fatalf("current question %q, want the first of the bank", u.current.text)
	}
	if u.Window().Title() != "LP Coach" {
		t.Fatalf("title %q", u.Window().Title())
	}
}

func TestSelectingAPrincipleShowsItsContent(t *testing.T) {
	u, _ := newTestUI(t, test.NewApp(), t.TempDir())
	u.sidebar.list.Select(11) // Dive Deep
	p := u.picked
	if p.Name != "Dive Deep" {
		t.Fatalf("picked %q", p.Name)
	}
	text := richText(u.learn.text)
	for _, want := range []string{p.Name, "Tips", "Situation.", "Action.", "Result.", "Pitfalls", p.Keywords[0]} {
		if !strings.Contains(text, want) {
			t.Errorf("learn view lacks %q", want)
		}
	}
	words := strings.Fields(strings.ReplaceAll(p.Tips[0], "*", ""))
	if last := strings.Trim(words[len(words)-1], ".,;:!?\"'()"); !strings.Contains(text, last) {
		t.Errorf("learn view lacks the first tip")
	}
	if got := bankTexts(u.bank); len(got) != len(p.Questions) || got[0] != p.Questions[0] {
		t.Errorf("question bank = %q", got)
	}
	if u.current.text != p.Questions[0] {
		t.Errorf("current question %q", u.current.text)
	}
}

func TestSidebarFilter(t *testing.T) {
	u, _ := newTestUI(t, test.NewApp(), t.TempDir())
	test.Type(u.sidebar.filter, "de")
	want := []string{"Hire and Develop the Best", "Dive Deep", "Deliver Results"}
	if got := visibleNames(u.sidebar); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("filter %q shows %q, want %q", "de", got, want)
	}
	if u.picked.Name != "Hire and Develop the Best" {
		t.Errorf("filtering selected %q, want the first match", u.picked.Name)
	}
	u.sidebar.filter.SetText("12")
	if got := visibleNames(u.sidebar); len(got) != 1 || got[0] != "Dive Deep" {
		t.Errorf("filter by number shows %q", got)
	}
	u.sidebar.filter.SetText("zzz")
	if got := visibleNames(u.sidebar); len(got) != 0 {
		t.Errorf("filter zzz shows %q", got)
	}
	u.sidebar.filter.SetText("")
	if got := visibleNames(u.sidebar); len(got) != 16 {
		t.Errorf("empty filter shows %d principles", len(got))
	}
}

func TestNextQuestionShortcutAndRestartMemory(t *testing.T) {
	a := test.NewApp()
	dir := t.TempDir()
	u, lib := newTestUI(t, a, dir)
	u.sidebar.list.Select(2) // Invent and Simplify
	// Ctrl+N, typed while the filter entry has focus, still moves to the next question.
	u.Window().Canvas().Focus(u.sidebar.filter)
	u.sidebar.filter.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierControl})
	second := u.picked.Questions[1]
	if u.current.text != second {
		t.Fatalf("after Ctrl+N the question is %q, want %q", u.current.text, second)
	}
	if u.sidebar.filter.Text != "" {
		t.Fatalf("Ctrl+N typed into the filter: %q", u.sidebar.filter.Text)
	}
	lib.Close()
	u.Window().Close()

	again, _ := newTestUI(t, a, dir)
	if again.picked.Number != 3 || again.current.text != second {
		t.Fatalf("after a restart: principle %d, question %q; want 3, %q", again.picked.Number, again.current.text, second)
	}
}

// findButton finds the button labelled label in o's tree, or nil.
func findButton(o fyne.CanvasObject, label string) *widget.Button {
	for _, c := range test.LaidOutObjects(o) {
		if b, ok := c.(*widget.Button); ok && b.Text == label {
			return b
		}
	}
	return nil
}

// findEntry finds the first keyEntry in o's tree, or nil.
func findEntry(o fyne.CanvasObject) *keyEntry {
	for _, c := range test.LaidOutObjects(o) {
		if e, ok := c.(*keyEntry); ok {
			return e
		}
	}
	return nil
}

// answerDialog types text into the open dialog and presses its button labelled confirm.
func answerDialog(t *testing.T, u *UI, text, confirm string) {
	t.Helper()
	top := u.Window().Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog open")
	}
	if text != "" {
		e := findEntry(top)
		if e == nil {
			t.Fatal("dialog has no entry")
		}
		e.SetText("")
		test.Type(e, text)
	}
	b := findButton(top, confirm)
	if b == nil {
		t.Fatalf("dialog has no %q button", confirm)
	}
	test.Tap(b)
}

func TestCustomQuestionsAddEditDeleteAcrossRestart(t *testing.T) {
	a := test.NewApp()
	dir := t.TempDir()
	u, lib := newTestUI(t, a, dir)
	u.sidebar.list.Select(1) // Ownership
	builtIn := len(u.picked.Questions)
	if !u.bank.edit.Disabled() || !u.bank.del.Disabled() {
		t.Fatal("edit and delete are enabled for a built-in question")
	}

	mine := "Tell me about a time you fixed a process another team owned."
	u.bank.askAdd()
	answerDialog(t, u, mine, "Add")
	if got := bankTexts(u.bank); len(got) != builtIn+1 || got[builtIn] != mine {
		t.Fatalf("after add the bank is %q", got)
	}
	if u.current.text != mine {
		t.Fatalf("the added question is not current: %q", u.current.text)
	}

	lib.Close() // restart: a new library and window over the same folder
	u.Window().Close()
	u, lib = newTestUI(t, a, dir)
	if got := bankTexts(u.bank); len(got) != builtIn+1 || got[builtIn] != mine {
		t.Fatalf("after restart the bank is %q", got)
	}
	if u.bank.edit.Disabled() {
		t.Fatal("edit is disabled for the user's question")
	}

	edited := "Tell me about a time you fixed a broken process that another team owned."
	u.bank.askEdit()
	answerDialog(t, u, edited, "Save")
	lib.Close()
	u.Window().Close()
	u, _ = newTestUI(t, a, dir)
	if got := bankTexts(u.bank); got[builtIn] != edited {
		t.Fatalf("after edit and restart the bank ends with %q", got[builtIn])
	}

	u.bank.askDelete()
	answerDialog(t, u, "", "Yes")
	if got := bankTexts(u.bank); len(got) != builtIn {
		t.Fatalf("after delete the bank has %d questions, want %d", len(got), builtIn)
	}
	qs, err := u.cfg.Questions.Questions(2)
	if err != nil || len(qs) != 0 {
		t.Fatalf("library still holds %v (err %v)", qs, err)
	}
}

func TestAddingADuplicateQuestionShowsAnError(t *testing.T) {
	u, _ := newTestUI(t, test.NewApp(), t.TempDir())
	u.bank.askAdd()
	answerDialog(t, u, "A question of mine", "Add")
	u.bank.askAdd()
	answerDialog(t, u, "a question of MINE", "Add")
	top := u.Window().Canvas().Overlays().Top()
	if top == nil || findButton(top, "OK") == nil {
		t.Fatal("no error dialog after adding a duplicate")
	}
	if n := len(bankTexts(u.bank)) - len(u.picked.Questions); n != 1 {
		t.Fatalf("%d questions of the user's, want 1", n)
	}
	test.Tap(findButton(top, "OK"))
	u.bank.askAdd()
	answerDialog(t, u, strings.ToUpper(u.picked.Questions[0]), "Add") // a built-in one, shouted
	if n := len(bankTexts(u.bank)) - len(u.picked.Questions); n != 1 {
		t.Fatalf("a copy of a built-in question was added: %d of the user's", n)
	}
}

func TestUnwrapJoinsTheLinesOfAParagraph(t *testing.T) {
	got := unwrap("Start from the\ncustomer,  then\nwork back.\n\nSecond\nparagraph.")
	if want := "Start from the customer, then work back.\n\nSecond paragraph."; got != want {
		t.Errorf("unwrap = %q, want %q", got, want)
	}
}

func TestShortcutsDialogListsEveryBinding(t *testing.T) {
	u, _ := newTestUI(t, test.NewApp(), t.TempDir())
	u.sidebar.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF1})
	top := u.Window().Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("F1 opened nothing")
	}
	var labels []string
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok {
			labels = append(labels, l.Text)
		}
	}
	joined := strings.Join(labels, "\n")
	for _, k := range u.keyBindings() {
		if k.what == "" {
			continue
		}
		if !strings.Contains(joined, k.label()) || !strings.Contains(joined, k.what) {
			t.Errorf("shortcut list lacks %s (%s)", k.label(), k.what)
		}
	}
}
