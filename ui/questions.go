package ui

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lpcoach/practice"
)

// bankItem is one question of a principle's bank: built in (id 0) or the user's own.
type bankItem struct {
	text string
	id   int64
}

// questionBank is the Questions tab: the built-in questions and the user's own, which they
// add, edit and delete. Selecting one makes it the current question.
type questionBank struct {
	u        *UI
	items    []bankItem
	list     *widget.List
	edit     *widget.Button
	del      *widget.Button
	selected int
	content  fyne.CanvasObject
}

func newQuestionBank(u *UI) *questionBank {
	b := &questionBank{u: u, selected: -1}
	b.list = widget.NewList(
		func() int { return len(b.items) },
		func() fyne.CanvasObject {
			text := widget.NewLabel("")
			text.Truncation = fyne.TextTruncateEllipsis
			mine := widget.NewLabel("yours")
			mine.Importance = widget.HighImportance
			return container.NewBorder(nil, nil, nil, mine, text)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Label).SetText(b.items[id].text)
			row.Objects[1].(*widget.Label).Hidden = b.items[id].id == 0
		},
	)
	b.list.OnSelected = func(id widget.ListItemID) {
		b.selected = id
		b.updateButtons()
		if b.items[id].text != b.u.current.text {
			b.u.questionChosen(b.items[id].text)
		}
	}
	add := widget.NewButtonWithIcon("Add your question…", theme.ContentAddIcon(), b.askAdd)
	b.edit = widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), b.askEdit)
	b.del = widget.NewButtonWithIcon("Delete…", theme.DeleteIcon(), b.askDelete)
	hint := widget.NewLabel("Pick a question to practise it. Add the ones from your recruiter's prep email.")
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(add, b.edit, b.del), hint)
	b.content = container.NewBorder(bar, nil, nil, nil, b.list)
	b.updateButtons()
	return b
}

// show loads p's questions and makes the one used last (else the first) current.
func (b *questionBank) show(p practice.Principle) {
	b.load(p)
	text := b.u.lastQuestion(p.Number)
	if b.position(text) < 0 {
		text = b.items[0].text
	}
	b.choose(text)
}

// load fills the bank with p's built-in questions and the user's own.
func (b *questionBank) load(p practice.Principle) {
	b.items = b.items[:0]
	for _, q := range p.Questions {
		b.items = append(b.items, bankItem{text: q})
	}
	if store := b.u.cfg.Questions; store != nil {
		mine, err := store.Questions(p.Number)
		if err != nil {
			b.u.showError("Could not load your questions", err)
		}
		for _, q := range mine {
			b.items = append(b.items, bankItem{text: q.Text, id: q.ID})
		}
	}
	b.selected = -1
	b.list.UnselectAll()
	b.list.Refresh()
	b.updateButtons()
}

// choose makes text the current question and selects it in the list.
func (b *questionBank) choose(text string) {
	b.u.questionChosen(text)
	if i := b.position(text); i >= 0 {
		b.list.Select(i)
		b.list.ScrollTo(i)
	}
}

// builtIn reports whether text is one of the principle's built-in questions, ignoring case and
// spacing.
func (b *questionBank) builtIn(text string) bool {
	key := strings.Join(strings.Fields(strings.ToLower(text)), " ")
	for _, q := range b.u.picked.Questions {
		if strings.Join(strings.Fields(strings.ToLower(q)), " ") == key {
			return true
		}
	}
	return false
}

// position is the index of text in the bank, or -1.
func (b *questionBank) position(text string) int {
	for i, it := range b.items {
		if it.text == text {
			return i
		}
	}
	return -1
}

func (b *questionBank) updateButtons() {
	mine := b.selected >= 0 && b.selected < len(b.items) && b.items[b.selected].id != 0
	for _, btn := range []*widget.Button{b.edit, b.del} {
		if mine {
			btn.Enable()
		} else {
			btn.Disable()
		}
	}
}

func (b *questionBank) askAdd() {
	if b.u.cfg.Questions == nil {
		b.u.showError("Cannot add a question", b.u.cfg.Problem)
		return
	}
	b.askText("Add your question", "Add", "", func(text string) error {
		if b.builtIn(text) {
			return errors.New("that question is already in this principle's bank")
		}
		q, err := b.u.cfg.Questions.AddQuestion(b.u.picked.Number, text)
		if err != nil {
			return err
		}
		b.load(b.u.picked)
		b.choose(q.Text)
		return nil
	})
}

func (b *questionBank) askEdit() {
	if b.selected < 0 || b.items[b.selected].id == 0 {
		return
	}
	it := b.items[b.selected]
	b.askText("Edit your question", "Save", it.text, func(text string) error {
		if b.builtIn(text) {
			return errors.New("that question is already in this principle's bank")
		}
		if err := b.u.cfg.Questions.UpdateQuestion(it.id, text); err != nil {
			return err
		}
		b.load(b.u.picked)
		b.choose(text)
		return nil
	})
}

func (b *questionBank) askDelete() {
	if b.selected < 0 || b.items[b.selected].id == 0 {
		return
	}
	it := b.items[b.selected]
	msg := fmt.Sprintf("Delete this question?\n\n%s\n\nAnswers you recorded to it are kept.", it.text)
	dialog.ShowConfirm("Delete your question", msg, func(ok bool) {
		if !ok {
			return
		}
		if err := b.u.cfg.Questions.DeleteQuestion(it.id); err != nil {
			b.u.showError("Could not delete the question", err)
			return
		}
		b.show(b.u.picked)
	}, b.u.win)
}

// askText asks for a question's text in a dialog and hands it to save; a save error is shown
// and the dialog's text is kept so nothing typed is lost.
func (b *questionBank) askText(title, confirm, text string, save func(string) error) {
	entry := newMultiLineKeyEntry(&b.u.hooks)
	entry.SetText(text)
	entry.SetPlaceHolder("Tell me about a time when…")
	entry.SetMinRowsVisible(4)
	entry.Validator = func(s string) error {
		if len(s) == 0 {
			return errors.New("type the question")
		}
		return nil
	}
	items := []*widget.FormItem{widget.NewFormItem("Question", entry)}
	d := dialog.NewForm(title, confirm, "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		if err := save(entry.Text); err != nil {
			b.u.showError("Could not save the question", err)
		}
	}, b.u.win)
	d.Resize(fyne.NewSize(560, 280))
	d.Show()
	b.u.win.Canvas().Focus(entry)
}

// currentQuestion is the bar above the tabs: the question being practised and ways to change it.
type currentQuestion struct {
	u       *UI
	text    string
	count   *widget.Label
	label   *widget.Label
	content fyne.CanvasObject
}

func newCurrentQuestion(u *UI) *currentQuestion {
	c := &currentQuestion{u: u}
	c.count = widget.NewLabel("")
	c.count.Truncation = fyne.TextTruncateEllipsis // a long principle name must not widen the window
	c.label = widget.NewLabel("")
	c.label.Wrapping = fyne.TextWrapWord
	c.label.TextStyle.Bold = true
	c.label.SizeName = theme.SizeNameSubHeadingText
	buttons := container.NewHBox(
		widget.NewButtonWithIcon("", theme.NavigateBackIcon(), c.previous),
		widget.NewButtonWithIcon("Next", theme.NavigateNextIcon(), c.next),
		widget.NewButtonWithIcon("Random", theme.ViewRefreshIcon(), c.random),
		widget.NewButtonWithIcon("Any principle", theme.SearchReplaceIcon(), c.randomAny),
	)
	top := container.NewBorder(nil, nil, nil, buttons, c.count)
	c.content = container.NewVBox(top, c.label, widget.NewSeparator())
	return c
}

// show displays text as the current question of p, at index i of n.
func (c *currentQuestion) show(p practice.Principle, text string, i, n int) {
	c.text = text
	c.count.SetText(fmt.Sprintf("Current question · %d of %d · %s", i+1, n, p.Name))
	c.label.SetText(text)
}

func (c *currentQuestion) step(delta int) {
	b := c.u.bank
	if len(b.items) == 0 {
		return
	}
	i := (b.position(c.text) + delta + len(b.items)) % len(b.items)
	b.choose(b.items[i].text)
}

func (c *currentQuestion) next()     { c.step(1) }
func (c *currentQuestion) previous() { c.step(-1) }

// random picks another question of the same principle.
func (c *currentQuestion) random() {
	if n := len(c.u.bank.items); n > 1 {
		c.step(1 + rand.IntN(n-1))
	}
}

// randomAny picks a random question from a random principle.
func (c *currentQuestion) randomAny() {
	all := c.u.cfg.Principles
	p := all[rand.IntN(len(all))]
	c.u.sidebar.selectNumber(p.Number)
	c.random()
}
