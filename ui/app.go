// Package ui is LP Coach's window: the principle browser with its teaching content and question
// bank, and the keyboard shortcuts. It talks to the domain through small interfaces so tests can
// drive it with Fyne's test app.
package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"

	"lpcoach/practice"
	"lpcoach/practice/library"
)

// QuestionStore keeps the questions a user adds to a principle.
type QuestionStore interface {
	Questions(principle int) ([]library.Question, error)
	AddQuestion(principle int, text string) (library.Question, error)
	UpdateQuestion(id int64, text string) error
	DeleteQuestion(id int64) error
}

// Config is what the window needs from the rest of the app.
type Config struct {
	Principles []practice.Principle // all 16, in order
	Questions  QuestionStore        // nil when the library could not be opened
	Version    string
	DataDir    string // shown with the shortcuts
	Problem    error  // a start-up problem to show the user, or nil
}

// Preference keys.
const (
	prefLastPrinciple = "last_principle"
	prefLastQuestion  = "last_question_%d"
)

// UI is the main window and its state.
type UI struct {
	app     fyne.App
	win     fyne.Window
	cfg     Config
	sidebar *sidebar
	learn   *learnView
	bank    *questionBank
	current *currentQuestion
	tabs    *container.AppTabs
	picked  practice.Principle
	hooks   keyHooks
}

// New builds the main window of LP Coach on a, opened on the principle used last.
func New(a fyne.App, cfg Config) *UI {
	u := &UI{app: a, cfg: cfg, win: a.NewWindow("LP Coach")}
	u.learn = newLearnView()
	u.current = newCurrentQuestion(u)
	u.bank = newQuestionBank(u)
	u.sidebar = newSidebar(cfg.Principles, &u.hooks, u.selectPrinciple)
	u.tabs = container.NewAppTabs(
		container.NewTabItem("Learn", u.learn.content),
		container.NewTabItem("Questions", u.bank.content),
	)
	detail := container.NewBorder(u.current.content, nil, nil, nil, u.tabs)
	split := container.NewHSplit(u.sidebar.content, detail)
	split.Offset = 0.3
	u.win.SetContent(split)
	u.win.Resize(fyne.NewSize(1024, 700))
	u.installShortcuts()
	u.sidebar.selectNumber(a.Preferences().IntWithFallback(prefLastPrinciple, 1))
	if cfg.Problem != nil {
		dialog.ShowError(cfg.Problem, u.win)
	}
	return u
}

// Window returns the main window.
func (u *UI) Window() fyne.Window { return u.win }

// selectPrinciple shows p in the detail pane and remembers it for the next start.
func (u *UI) selectPrinciple(p practice.Principle) {
	u.picked = p
	u.app.Preferences().SetInt(prefLastPrinciple, p.Number)
	u.learn.show(p)
	u.bank.show(p)
}

// questionChosen makes text the current question of the selected principle and remembers it.
func (u *UI) questionChosen(text string) {
	u.app.Preferences().SetString(fmt.Sprintf(prefLastQuestion, u.picked.Number), text)
	u.current.show(u.picked, text, u.bank.position(text), len(u.bank.items))
}

// lastQuestion is the question last chosen for principle n, or "".
func (u *UI) lastQuestion(n int) string {
	return u.app.Preferences().String(fmt.Sprintf(prefLastQuestion, n))
}

// showError tells the user what went wrong, in the window.
func (u *UI) showError(what string, err error) {
	dialog.ShowError(fmt.Errorf("%s: %w", what, err), u.win)
}
