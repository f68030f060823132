package ui

import (
	"fmt"
	"log"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lpcoach/practice"
	"lpcoach/practice/library"
	"lpcoach/practice/speech"
)

// The scopes of the attempts list, as the scope selector names them.
const (
	scopeQuestion  = "This question"
	scopePrinciple = "This principle"
	scopeAll       = "All answers"
)

// reviewView is the Review tab: the recorded answers of the current question, principle or all,
// newest first; for the selected one, playback on a waveform with its long pauses and STAR marks,
// the delivery figures, and the self-review (checklist, rating, notes), export, delete and
// "first vs latest". Its fields belong to the UI goroutine.
type reviewView struct {
	u       *UI
	content fyne.CanvasObject

	scope     *widget.Select
	list      *widget.List
	empty     *widget.Label
	attempts  []library.Attempt
	parsed    map[int64]*speech.Metrics // the metrics of the listed attempts, read once
	principle practice.Principle
	question  string

	cur library.Attempt // the selected attempt; ID 0 when none
	reviewDetail

	saver    *reviewSaver
	analysis analysisQueue
	closed   bool
	compared []*playback // the players of an open "First vs latest" dialog
}

func newReviewView(u *UI) *reviewView {
	r := &reviewView{u: u, parsed: map[int64]*speech.Metrics{}, analysis: newAnalysisQueue()}
	if u.cfg.Attempts != nil {
		r.saver = newReviewSaver(u.cfg.Attempts, notesDelay, func(err error) {
			onUI(func() { u.showError("Your review could not be saved", err) })
		})
	}
	detail := r.buildDetail()
	r.scope = widget.NewSelect([]string{scopeQuestion, scopePrinciple, scopeAll}, func(string) { r.reload() })
	r.scope.Selected = scopeQuestion
	r.list = widget.NewList(func() int { return len(r.attempts) }, newAttemptRow, r.updateRow)
	r.list.OnSelected = func(id widget.ListItemID) {
		r.u.win.Canvas().Unfocus() // so Space plays the selection rather than going to the list
		r.showAttempt(r.attempts[id])
	}
	r.empty = widget.NewLabel("")
	r.empty.Wrapping = fyne.TextWrapWord
	r.empty.Importance = widget.LowImportance
	top := container.NewBorder(nil, nil, widget.NewLabel("Show"), nil, r.scope)
	left := container.NewBorder(top, nil, nil, nil, container.NewStack(r.list, container.NewVBox(r.empty)))
	split := container.NewHSplit(left, detail)
	split.Offset = 0.34
	r.content = split
	return r
}

// newAttemptRow is the template of a row of the list: when and how long, a status tag, the
// rating with pace and longest pause, and the question (shown outside the question scope).
func newAttemptRow() fyne.CanvasObject {
	title := widget.NewLabel("")
	title.TextStyle.Bold = true
	title.Truncation = fyne.TextTruncateEllipsis
	tag := widget.NewLabel("")
	facts := widget.NewLabel("")
	facts.Truncation = fyne.TextTruncateEllipsis
	facts.SizeName = theme.SizeNameCaptionText
	question := widget.NewLabel("")
	question.Truncation = fyne.TextTruncateEllipsis
	question.SizeName = theme.SizeNameCaptionText
	question.Importance = widget.LowImportance
	return container.NewVBox(container.NewBorder(nil, nil, nil, tag, title), facts, question)
}

// updateRow fills row o with attempt id.
func (r *reviewView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(r.attempts) {
		return
	}
	a := r.attempts[id]
	box := o.(*fyne.Container)
	head := box.Objects[0].(*fyne.Container)
	head.Objects[0].(*widget.Label).SetText(attemptTitle(a, r.planOf(a).Target))
	tag := head.Objects[1].(*widget.Label)
	tag.Text, tag.Importance = statusTag(a.Status)
	tag.Hidden = tag.Text == ""
	tag.Refresh()
	box.Objects[1].(*widget.Label).SetText(attemptFacts(a, r.metricsOf(a)))
	q := box.Objects[2].(*widget.Label)
	q.SetText(a.Question)
	q.Hidden = r.scope.Selected == scopeQuestion
}

// rowHeight is the height of a row: the question line shows outside the question scope only.
func (r *reviewView) rowHeight() float32 {
	row := newAttemptRow().(*fyne.Container)
	if r.scope.Selected == scopeQuestion {
		row.Objects[2].Hide()
	}
	return row.MinSize().Height
}

// metricsOf returns the parsed metrics of a listed attempt, or nil when it has none (or they
// cannot be read, which is logged).
func (r *reviewView) metricsOf(a library.Attempt) *speech.Metrics {
	if m, ok := r.parsed[a.ID]; ok {
		return m
	}
	m, err := parseMetrics(a.Metrics)
	if err != nil {
		log.Printf("answer %d: %v", a.ID, err)
	}
	r.parsed[a.ID] = m
	return m
}

// show lists the attempts for principle p (and question q, if the scope is the question).
func (r *reviewView) show(p practice.Principle, q string) {
	r.principle, r.question = p, q
	r.reload()
}

// filter is what the scope selects.
func (r *reviewView) filter() library.Filter {
	switch r.scope.Selected {
	case scopeAll:
		return library.Filter{}
	case scopePrinciple:
		return library.Filter{Principle: r.principle.Number}
	}
	return library.Filter{Principle: r.principle.Number, Question: r.question}
}

// reload re-reads the attempts from the library, keeping the selection where possible (else
// selecting the newest), and queues the analysis of attempts that have none.
func (r *reviewView) reload() {
	store := r.u.cfg.Attempts
	if store == nil {
		r.setAttempts(nil, fmt.Sprintf("Your answers cannot be listed: %v", r.u.cfg.Problem))
		return
	}
	list, err := store.Attempts(r.filter())
	if err != nil {
		r.setAttempts(nil, fmt.Sprintf("Your answers could not be listed: %v", err))
		return
	}
	r.setAttempts(list, "No answers here yet. Record one in the Practice tab (Ctrl+3).")
	r.analysis.add(list)
	r.startAnalysis()
}

// setAttempts shows list (with emptyText when it is empty) and selects the attempt that was
// selected if it is still there, else the newest.
func (r *reviewView) setAttempts(list []library.Attempt, emptyText string) {
	r.attempts = list
	clear(r.parsed)
	r.empty.SetText(emptyText)
	r.empty.Hidden = len(list) > 0
	h := r.rowHeight()
	for i := range list {
		r.list.SetItemHeight(i, h)
	}
	r.list.Refresh()
	if len(list) == 0 {
		r.list.UnselectAll()
		r.showAttempt(library.Attempt{})
		return
	}
	i := max(r.indexOf(r.cur.ID), 0)
	r.list.Select(i)
	r.showAttempt(list[i]) // Select does nothing when i is already selected
}

// indexOf is the position of attempt id in the list, or -1.
func (r *reviewView) indexOf(id int64) int {
	return slices.IndexFunc(r.attempts, func(a library.Attempt) bool { return a.ID == id })
}

// selectAttempt selects the attempt with the given ID, if it is listed.
func (r *reviewView) selectAttempt(id int64) {
	if i := r.indexOf(id); i >= 0 {
		r.list.Select(i)
		r.list.ScrollTo(i)
	}
}

// togglePlay plays or pauses the selected attempt.
func (r *reviewView) togglePlay() {
	if r.cur.ID != 0 {
		r.play.toggle()
	}
}

// seekBy moves the playhead by d (negative: back).
func (r *reviewView) seekBy(d time.Duration) {
	if r.cur.ID != 0 {
		r.play.seekBy(d)
	}
}

// close saves what is pending, releases the player and stops the background analysis.
func (r *reviewView) close() {
	if r.saver != nil {
		r.saver.flush()
	}
	r.play.closeNow()
	for _, p := range r.compared {
		p.closeNow() // before the sound system closes: a running device must not outlive it
	}
	r.compared = nil
	if !r.closed {
		r.closed = true
		close(r.analysis.quit)
	}
}

// analysisQueue holds the attempts still to analyse; one goroutine works through them at a time.
type analysisQueue struct {
	tried   map[int64]bool // queued once this session, whatever the outcome
	pending []library.Attempt
	running bool
	quit    chan struct{}
}

func newAnalysisQueue() analysisQueue {
	return analysisQueue{tried: map[int64]bool{}, quit: make(chan struct{})}
}

// add queues the attempts of list that have no metrics and a recording, once each.
func (q *analysisQueue) add(list []library.Attempt) {
	for _, a := range list {
		if a.Metrics == nil && a.Status != library.StatusMissing && !q.tried[a.ID] {
			q.tried[a.ID] = true
			q.pending = append(q.pending, a)
		}
	}
}

// planOf is the plan an attempt is judged against: today's, with the target the answer was
// recorded against (when it is known).
func (r *reviewView) planOf(a library.Attempt) practice.Plan {
	p := r.u.settings.plan
	if a.Target > 0 {
		p.Target = a.Target
	}
	return p
}

// waiting reports whether attempt id is queued for analysis or being analysed: not yet tried,
// or tried in the batch now running. Once its batch is done, an attempt still without figures
// could not be analysed.
func (q *analysisQueue) waiting(id int64) bool {
	return !q.tried[id] || q.running || slices.ContainsFunc(q.pending, func(a library.Attempt) bool { return a.ID == id })
}

// startAnalysis analyses the queued attempts on one background goroutine, then reloads the list
// to show their figures (which queues anything added meanwhile).
func (r *reviewView) startAnalysis() {
	q := &r.analysis
	if q.running || len(q.pending) == 0 {
		return
	}
	batch, quit, store := q.pending, q.quit, r.u.cfg.Attempts
	q.pending, q.running = nil, true
	go func() {
		for _, a := range batch {
			select {
			case <-quit:
				return
			default:
				analyzeAttempt(store, a)
			}
		}
		onUI(func() {
			q.running = false
			r.reload()
		})
	}()
}
