package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"lpcoach/practice"
)

// keyBinding is one keyboard shortcut: a key, its modifiers (none for plain keys like F1), what
// it does in words (for F1 and the README) and the action.
type keyBinding struct {
	key    fyne.KeyName
	mod    fyne.KeyModifier
	what   string
	action func()
}

// label is how the binding is written for people, e.g. "Ctrl+Shift+N".
func (k keyBinding) label() string {
	var parts []string
	if k.mod&fyne.KeyModifierControl != 0 {
		parts = append(parts, "Ctrl")
	}
	if k.mod&fyne.KeyModifierShift != 0 {
		parts = append(parts, "Shift")
	}
	if k.mod&fyne.KeyModifierAlt != 0 {
		parts = append(parts, "Alt")
	}
	return strings.Join(append(parts, keyName(k)), "+")
}

// keyName is how a key is written for people.
func keyName(k keyBinding) string {
	switch {
	case k.key == fyne.Key1 && k.mod == 0:
		return "1 to 4"
	case k.key == fyne.KeyEscape:
		return "Esc"
	case k.key == fyne.KeyComma:
		return ","
	case k.key == fyne.KeyPageDown:
		return "Page Down"
	case k.key == fyne.KeyPageUp:
		return "Page Up"
	}
	return string(k.key)
}

// seekStep is how far Left and Right move the playhead.
const seekStep = 5 * time.Second

// keyBindings is every shortcut of the window, in the order F1 lists them.
func (u *UI) keyBindings() []keyBinding {
	ctrl, shift := fyne.KeyModifierControl, fyne.KeyModifierShift
	return []keyBinding{
		{fyne.KeyR, ctrl, "Answer the current question now; again to stop and save", u.practice.answerNow},
		{fyne.KeyR, ctrl | shift, "Prepare first, then answer", u.practice.prepareFirst},
		{fyne.KeyEscape, 0, "Discard the answer in progress (asks first)", u.practice.cancel},
		{fyne.Key1, 0, "While answering: mark Situation (2 Task, 3 Action, 4 Result)", func() { u.practice.mark(practice.Situation) }},
		{fyne.Key2, 0, "", func() { u.practice.mark(practice.Task) }},
		{fyne.Key3, 0, "", func() { u.practice.mark(practice.Action) }},
		{fyne.Key4, 0, "", func() { u.practice.mark(practice.Result) }},
		{fyne.KeySpace, 0, "Play or pause the selected answer (Review tab)", u.onReview(u.review.togglePlay)},
		{fyne.KeyP, ctrl, "Play or pause the selected answer", u.review.togglePlay},
		{fyne.KeyLeft, 0, "Back 5 seconds (Review tab)", u.onReview(func() { u.review.seekBy(-seekStep) })},
		{fyne.KeyRight, 0, "Forward 5 seconds (Review tab)", u.onReview(func() { u.review.seekBy(seekStep) })},
		{fyne.KeyN, ctrl, "Next question", u.current.next},
		{fyne.KeyN, ctrl | shift, "Random question from any principle", u.current.randomAny},
		{fyne.KeyF, ctrl, "Filter the principles", func() { u.win.Canvas().Focus(u.sidebar.filter) }},
		{fyne.KeyPageDown, ctrl, "Next principle", func() { u.sidebar.step(1) }},
		{fyne.KeyPageUp, ctrl, "Previous principle", func() { u.sidebar.step(-1) }},
		{fyne.Key1, ctrl, "Learn tab", func() { u.tabs.SelectIndex(tabLearn) }},
		{fyne.Key2, ctrl, "Questions tab", func() { u.tabs.SelectIndex(tabQuestions) }},
		{fyne.Key3, ctrl, "Practice tab", func() { u.tabs.SelectIndex(tabPractice) }},
		{fyne.Key4, ctrl, "Review tab", func() { u.tabs.SelectIndex(tabReview) }},
		{fyne.KeyComma, ctrl, "Settings", u.showSettings},
		{fyne.KeyF1, 0, "Show these shortcuts", u.showShortcuts},
		{fyne.KeyQ, ctrl, "Quit (an answer being recorded is saved)", u.quit},
	}
}

// onReview makes a plain key act only while the Review tab shows.
func (u *UI) onReview(f func()) func() {
	return func() {
		if u.tabs.SelectedIndex() == tabReview {
			f()
		}
	}
}

// installShortcuts registers every binding on the window's canvas.
func (u *UI) installShortcuts() {
	plain := map[fyne.KeyName]func(){}
	for _, k := range u.keyBindings() {
		if k.mod == 0 {
			plain[k.key] = k.action
			continue
		}
		u.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: k.key, Modifier: k.mod}, func(fyne.Shortcut) { k.action() })
	}
	u.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if f, ok := plain[ev.Name]; ok {
			f()
		}
	})
	u.hooks.shortcut, u.hooks.help = u.runShortcut, u.showShortcuts
}

// runShortcut runs the binding for s, if the window has one; it reports whether it did.
func (u *UI) runShortcut(s *desktop.CustomShortcut) bool {
	for _, k := range u.keyBindings() {
		if k.key == s.KeyName && k.mod == s.Modifier && k.mod != 0 {
			k.action()
			return true
		}
	}
	return false
}

// showShortcuts lists every shortcut in a dialog.
func (u *UI) showShortcuts() {
	grid := container.New(layout.NewFormLayout())
	for _, k := range u.keyBindings() {
		if k.what == "" {
			continue // listed with the binding before it
		}
		key := widget.NewLabel(k.label())
		key.TextStyle.Bold = true
		grid.Add(key)
		grid.Add(widget.NewLabel(k.what))
	}
	info := widget.NewLabel(fmt.Sprintf("LP Coach %s · your data: %s", u.cfg.Version, u.cfg.DataDir))
	info.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(container.NewVBox(grid, widget.NewSeparator(), info))
	scroll.SetMinSize(fyne.NewSize(620, 440)) // fits a 1024x700 window; scrolls if it must
	dialog.ShowCustom("Keyboard shortcuts", "Close", scroll, u.win)
}

// keyHooks are what a keyEntry hands to the window: shortcuts it does not use, and F1.
type keyHooks struct {
	shortcut func(*desktop.CustomShortcut) bool
	help     func()
}

// keyEntry is a text entry that passes the window's shortcuts through while it has focus
// (a plain Entry swallows them) and opens the shortcut list on F1.
type keyEntry struct {
	widget.Entry
	hooks *keyHooks
}

func newKeyEntry(hooks *keyHooks) *keyEntry {
	e := &keyEntry{hooks: hooks}
	e.ExtendBaseWidget(e)
	return e
}

func newMultiLineKeyEntry(hooks *keyHooks) *keyEntry {
	e := newKeyEntry(hooks)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

// TypedShortcut runs a window shortcut, else lets the entry handle it (copy, paste, ...).
func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && e.hooks.shortcut != nil && e.hooks.shortcut(cs) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// TypedKey opens the shortcut list on F1 and otherwise edits text.
func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyF1 && e.hooks.help != nil {
		e.hooks.help()
		return
	}
	e.Entry.TypedKey(ev)
}
