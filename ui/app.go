// Package ui is LP Coach's window: the principle browser with its teaching content and question
// bank, timed spoken practice, the review of recorded answers, settings and keyboard shortcuts.
// It talks to the domain through small interfaces so tests can drive it with Fyne's test app.
package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"

	"lpcoach/practice"
	"lpcoach/practice/audio"
	"lpcoach/practice/library"
)

// QuestionStore keeps the questions a user adds to a principle.
type QuestionStore interface {
	Questions(principle int) ([]library.Question, error)
	AddQuestion(principle int, text string) (library.Question, error)
	UpdateQuestion(id int64, text string) error
	DeleteQuestion(id int64) error
}

// AttemptStore keeps recorded answers with their ratings, checklists, notes and metrics.
type AttemptStore interface {
	NewRecordingPath(principle int, started time.Time) string
	AddAttempt(a library.Attempt) (library.Attempt, error)
	Attempt(id int64) (library.Attempt, error)
	Attempts(f library.Filter) ([]library.Attempt, error)
	SetRating(id int64, rating int) error
	SetChecklist(id int64, bits uint8) error
	SetNotes(id int64, notes string) error
	SetMetrics(id int64, metrics []byte) error
	Delete(id int64) error
	CountByPrinciple() (map[int]int, error)
}

// Sound is the sound system: device lists, a warm microphone stream and players.
type Sound interface {
	CaptureDevices() ([]audio.Device, error)
	PlaybackDevices() ([]audio.Device, error)
	OpenInput(deviceID string) (*audio.Input, error)
	OpenPlayer(deviceID, path string) (*audio.Player, error)
}

// Config is what the window needs from the rest of the app.
type Config struct {
	Principles []practice.Principle // all 16, in order
	Questions  QuestionStore        // nil when the library could not be opened
	Attempts   AttemptStore         // nil when the library could not be opened
	Sound      Sound                // nil when there is no sound system
	NoSound    error                // why Sound is nil
	Version    string
	DataDir    string   // shown with the shortcuts
	Problem    error    // a start-up problem to show the user, or nil
	Notices    []string // things the user should know at start (recovered answers, a silent device)
}

// onUI runs f on the UI goroutine. It is fyne.Do; tests replace it to run f on the test's own
// goroutine, in order.
var onUI = fyne.Do

// Preference keys.
const (
	prefLastPrinciple = "last_principle"
	prefLastQuestion  = "last_question_%d"
)

// Tabs of the detail pane, in order.
const (
	tabLearn = iota
	tabQuestions
	tabPractice
	tabReview
)

// UI is the main window and its state.
type UI struct {
	app      fyne.App
	win      fyne.Window
	cfg      Config
	settings *settings
	sidebar  *sidebar
	learn    *learnView
	bank     *questionBank
	current  *currentQuestion
	practice *practiceView
	review   *reviewView
	tabs     *container.AppTabs
	picked   practice.Principle
	hooks    keyHooks
}

// New builds the main window of LP Coach on a, opened on the principle used last.
func New(a fyne.App, cfg Config) *UI {
	u := &UI{app: a, cfg: cfg, win: a.NewWindow("LP Coach")}
	u.settings = loadSettings(a.Preferences())
	u.learn = newLearnView()
	u.current = newCurrentQuestion(u)
	u.bank = newQuestionBank(u)
	u.practice = newPracticeView(u)
	u.review = newReviewView(u)
	u.sidebar = newSidebar(cfg.Principles, &u.hooks, u.selectPrinciple, u.showSettings, u.showShortcuts)
	u.tabs = container.NewAppTabs(
		container.NewTabItem("Learn", u.learn.content),
		container.NewTabItem("Questions", u.bank.content),
		container.NewTabItem("Practice", u.practice.content),
		container.NewTabItem("Review", u.review.content),
	)
	u.tabs.OnSelected = func(*container.TabItem) { u.practice.setVisible(u.tabs.SelectedIndex() == tabPractice) }
	detail := container.NewBorder(u.current.content, nil, nil, nil, u.tabs)
	split := container.NewHSplit(u.sidebar.content, detail)
	split.Offset = 0.3
	u.win.SetContent(split)
	u.win.Resize(fyne.NewSize(1024, 700))
	u.win.SetOnClosed(u.shutdown)
	u.installShortcuts()
	u.sidebar.selectNumber(a.Preferences().IntWithFallback(prefLastPrinciple, 1))
	u.refreshCounts()
	if len(cfg.Notices) > 0 {
		dialog.ShowInformation("LP Coach", strings.Join(cfg.Notices, "\n\n"), u.win)
	}
	if cfg.Problem != nil {
		dialog.ShowError(cfg.Problem, u.win)
	}
	return u
}

// Window returns the main window.
func (u *UI) Window() fyne.Window { return u.win }

// quit saves an answer in progress, releases the devices and ends the app.
func (u *UI) quit() {
	u.shutdown()
	u.app.Quit()
}

// shutdown releases the microphone and the player when the window closes; a recording in
// progress is stopped and saved.
func (u *UI) shutdown() {
	u.practice.close()
	u.review.close()
}

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
	u.review.show(u.picked, text)
}

// lastQuestion is the question last chosen for principle n, or "".
func (u *UI) lastQuestion(n int) string {
	return u.app.Preferences().String(fmt.Sprintf(prefLastQuestion, n))
}

// attemptSaved is called on the UI goroutine when a new answer is in the library: the review
// lists it, selected, and the sidebar counts it.
func (u *UI) attemptSaved(a library.Attempt) {
	u.review.reload()
	u.review.selectAttempt(a.ID)
	u.refreshCounts()
}

// refreshCounts shows how many answers each principle has in the sidebar.
func (u *UI) refreshCounts() {
	if u.cfg.Attempts == nil {
		return
	}
	counts, err := u.cfg.Attempts.CountByPrinciple()
	if err != nil {
		u.showError("Could not count your answers", err)
		return
	}
	u.sidebar.setCounts(counts)
}

// showError tells the user what went wrong, in the window.
func (u *UI) showError(what string, err error) {
	dialog.ShowError(fmt.Errorf("%s: %w", what, err), u.win)
}
