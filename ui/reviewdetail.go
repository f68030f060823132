package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lpcoach/practice/audio"
	"lpcoach/practice/library"
)

// checklistItems is the STAR self-review; item i is bit i of library.Attempt.Checklist.
var checklistItems = [library.ChecklistItems]string{
	"Clear situation",
	"My task was clear",
	"Specific actions, told with I",
	"A quantified result",
	"What I learned",
}

// speedNames are the playback speeds offered, as shown.
var speedNames = []string{"0.75x", "1x", "1.25x", "1.5x"}

// reviewDetail is the right-hand side of the Review tab: the selected answer.
type reviewDetail struct {
	placeholder *widget.Label
	body        *container.Scroll
	title       *widget.Label
	message     *widget.Label
	play        *playback
	speed       *widget.Select
	compareBtn  *widget.Button
	exportBtn   *widget.Button
	deleteBtn   *widget.Button
	metrics     *metricsPanel
	checks      []*widget.Check
	rating      *widget.RadioGroup
	notes       *keyEntry
	loading     bool // the widgets are being filled from an attempt: their changes are not edits
}

// buildDetail makes the detail side and returns it.
func (r *reviewView) buildDetail() fyne.CanvasObject {
	r.title = widget.NewLabel("")
	r.title.Wrapping = fyne.TextWrapWord
	r.title.TextStyle.Bold = true
	r.message = widget.NewLabel("")
	r.message.Wrapping = fyne.TextWrapWord
	r.message.Importance = widget.DangerImportance
	r.play = newPlayback(r.u.cfg.Sound, func() string { return r.u.settings.output }, r.u.practice.playbackBlocked, r.playbackFailed)
	r.speed = widget.NewSelect(speedNames, r.speedChosen)
	r.speed.Selected = "1x"
	r.compareBtn = widget.NewButtonWithIcon("First vs latest", theme.HistoryIcon(), r.compare)
	r.exportBtn = widget.NewButtonWithIcon("Export…", theme.DownloadIcon(), r.export)
	r.deleteBtn = widget.NewButtonWithIcon("Delete…", theme.DeleteIcon(), r.askDelete)
	r.metrics = newMetricsPanel(r.seekTo)
	controls := container.NewHBox(r.play.button, r.play.clock, widget.NewLabel("Speed"), r.speed)
	actions := container.NewHBox(r.compareBtn, r.exportBtn, r.deleteBtn)
	r.body = container.NewVScroll(container.NewVBox(
		r.title, r.message, r.play.wave, controls, actions,
		widget.NewSeparator(), r.metrics.content,
		widget.NewSeparator(), r.buildSelfReview(),
	))
	r.placeholder = widget.NewLabel("Select an answer to listen to it and review it.")
	r.placeholder.Importance = widget.LowImportance
	return container.NewStack(container.NewCenter(r.placeholder), r.body)
}

// buildSelfReview makes the checklist, the rating and the notes.
func (r *reviewView) buildSelfReview() fyne.CanvasObject {
	box := container.NewVBox(heading("Self-review"))
	for _, item := range checklistItems {
		c := widget.NewCheck(item, func(bool) { r.checklistChanged() })
		r.checks = append(r.checks, c)
		box.Add(c)
	}
	r.rating = widget.NewRadioGroup([]string{"1", "2", "3", "4", "5"}, r.ratingChanged)
	r.rating.Horizontal = true
	box.Add(container.NewHBox(widget.NewLabel("Overall"), r.rating))
	r.notes = newMultiLineKeyEntry(&r.u.hooks)
	r.notes.SetPlaceHolder("Notes: what to keep, what to change next time")
	r.notes.SetMinRowsVisible(4)
	r.notes.OnChanged = r.notesChanged
	box.Add(r.notes)
	return box
}

// showAttempt shows attempt a (ID 0: none). For the attempt already shown it refreshes what the
// library may have added (the delivery analysis) and keeps the self-review as the user left it.
func (r *reviewView) showAttempt(a library.Attempt) {
	same := a.ID != 0 && a.ID == r.cur.ID
	if same {
		a.Rating, a.Checklist, a.Notes = r.cur.Rating, r.cur.Checklist, r.cur.Notes
		r.updateListed(a)
	} else {
		r.flushSaves()
		r.play.load(a.Path, a.Duration, a.ID != 0 && a.Status != library.StatusMissing)
		r.play.loadWave()
		r.body.ScrollToTop() // another answer starts at its waveform, not where the last was scrolled
	}
	r.cur = a
	r.showDetail(!same)
}

// showDetail fills the detail side from r.cur; full also resets the self-review widgets.
func (r *reviewView) showDetail(full bool) {
	a := r.cur
	if a.ID == 0 {
		r.body.Hide()
		r.placeholder.Show()
		return
	}
	r.placeholder.Hide()
	r.body.Show()
	r.title.SetText(a.Question)
	r.showMessage(a)
	m := r.metricsOf(a)
	r.metrics.set(a, m, r.planOf(a), r.analysis.waiting(a.ID))
	var spans []span
	if m != nil {
		spans = pauseSpans(m)
	}
	r.play.wave.SetOverlays(spans, marksOverlay(a.Marks))
	enable(r.speed, r.play.usable)
	enable(r.exportBtn, a.Status != library.StatusMissing)
	_, _, ok := r.firstAndLatest(a)
	enable(r.compareBtn, ok)
	if full {
		r.showSelfReview(a)
	}
	r.body.Refresh()
}

// showMessage tells why the answer cannot be played, if it cannot.
func (r *reviewView) showMessage(a library.Attempt) {
	switch {
	case a.Status == library.StatusMissing:
		r.message.SetText(fmt.Sprintf("The recording file is missing (%s). Playback is off; your rating and notes are kept.", a.Path))
	case r.u.cfg.Sound == nil:
		r.message.SetText(fmt.Sprintf("Playback is not possible: %v", r.u.cfg.NoSound))
	default:
		r.message.SetText("")
	}
	r.message.Hidden = r.message.Text == ""
	r.message.Refresh()
}

// playbackFailed shows why playback failed under the question.
func (r *reviewView) playbackFailed(err error) {
	r.message.SetText(audio.Message(err))
	r.message.Show()
}

// showSelfReview fills the checklist, rating and notes from a without saving anything.
func (r *reviewView) showSelfReview(a library.Attempt) {
	r.loading = true
	defer func() { r.loading = false }()
	for i, c := range r.checks {
		c.SetChecked(a.Checklist&(1<<i) != 0)
	}
	r.rating.SetSelected("")
	if a.Rating > 0 {
		r.rating.SetSelected(strconv.Itoa(a.Rating))
	}
	r.notes.SetText(a.Notes)
}

// checklistChanged saves the ticked items.
func (r *reviewView) checklistChanged() {
	var bits uint8
	for i, c := range r.checks {
		if c.Checked {
			bits |= 1 << i
		}
	}
	if r.editable() && bits != r.cur.Checklist {
		r.cur.Checklist = bits
		r.updateListed(r.cur)
		r.saver.set(r.cur.ID, fieldChecklist, reviewValue{n: int(bits)})
	}
}

// ratingChanged saves the rating ("" is unrated).
func (r *reviewView) ratingChanged(s string) {
	n, err := strconv.Atoi(s)
	if err != nil {
		n = 0
	}
	if r.editable() && n != r.cur.Rating {
		r.cur.Rating = n
		r.updateListed(r.cur)
		r.saver.set(r.cur.ID, fieldRating, reviewValue{n: n})
	}
}

// notesChanged saves the notes once typing pauses.
func (r *reviewView) notesChanged(text string) {
	if r.editable() && text != r.cur.Notes {
		r.cur.Notes = text
		r.updateListed(r.cur)
		r.saver.set(r.cur.ID, fieldNotes, reviewValue{text: text})
	}
}

// editable reports whether a widget change is the user's edit of an attempt that can be saved.
func (r *reviewView) editable() bool {
	return !r.loading && r.cur.ID != 0 && r.saver != nil
}

// flushSaves writes pending edits off the UI goroutine (before another answer is shown).
func (r *reviewView) flushSaves() {
	if r.saver != nil {
		go r.saver.flush()
	}
}

// updateListed puts a changed attempt back into the list.
func (r *reviewView) updateListed(a library.Attempt) {
	if i := r.indexOf(a.ID); i >= 0 {
		r.attempts[i] = a
		r.list.RefreshItem(i)
	}
}

// speedChosen applies a playback speed such as "1.25x".
func (r *reviewView) speedChosen(name string) {
	s, err := strconv.ParseFloat(strings.TrimSuffix(name, "x"), 64)
	if err == nil {
		r.play.setSpeed(s)
	}
}

// seekTo moves the playhead to d (a long pause was clicked).
func (r *reviewView) seekTo(d time.Duration) {
	r.play.seek(d)
}
