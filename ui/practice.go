package ui

import (
	"errors"
	"fmt"
	"image/color"
	"log"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lpcoach/practice"
	"lpcoach/practice/audio"
	"lpcoach/practice/library"
	"lpcoach/practice/waveform"
)

// How the practice view watches the microphone.
const (
	tickEvery       = 40 * time.Millisecond // 25 Hz: meter, timer and STAR bar
	waveEvery       = 4                     // ticks between live waveform updates
	soundFloorDBFS  = -50.0                 // a peak above this counts as "some sound"
	silenceWarnedAt = 3 * time.Second       // silence this long while answering gets a warning
)

// silenceWarning is shown after silenceWarnedAt without sound while answering.
var silenceWarning = fmt.Sprintf("No sound for %d seconds. Is your microphone muted?", int(silenceWarnedAt.Seconds()))

// practiceState is where the practice view is in the answer loop.
type practiceState int

const (
	idle      practiceState = iota // ready; the microphone is open when the tab shows
	preparing                      // the prep countdown runs
	recording                      // an answer is being recorded
	saving                         // the recording is being finalised and stored
)

// practiceView is the Practice tab: the prep countdown, the answer timer on the recording's own
// clock, the STAR bar, a live level meter and waveform, and the buttons and keys that drive them.
// All its fields are used on the UI goroutine only; blocking sound calls run on goroutines and
// report back through fyne.Do.
type practiceView struct {
	u       *UI
	content fyne.CanvasObject

	phase     *widget.Label
	timer     *bigClock
	star      *starBar
	wave      *waveView
	meter     *levelMeter
	warn      *widget.Label
	status    *widget.Label
	answerBtn *widget.Button
	prepBtn   *widget.Button
	stopBtn   *widget.Button
	cancelBtn *widget.Button

	visible    bool // the Practice tab shows
	inSettings bool // the settings dialog shows the microphone's level
	input      *audio.Input
	opening    bool // an OpenInput call is under way
	inputErr   error
	deviceName string
	deviceID   string // the ID the open Input was asked for ("" is the default)
	afterOpen  func() // what to do once the microphone is open (start an answer)

	state     practiceState
	plan      practice.Plan // the plan of the answer in progress
	prepEnd   time.Time
	rec       *audio.Recording
	answer    *answer          // the answer in progress
	marked    practice.Segment // the STAR part marked last in this answer; -1 for none
	lastSound time.Time
	ticks     int
	stopTick  func() // stops the 25 Hz poll of the meter and timer; nil when not polling
}

func newPracticeView(u *UI) *practiceView {
	v := &practiceView{u: u}
	v.phase = widget.NewLabel("")
	v.phase.Alignment = fyne.TextAlignCenter
	v.phase.TextStyle.Bold = true
	v.phase.SizeName = theme.SizeNameSubHeadingText
	v.timer = newBigClock(56)
	v.star = newStarBar(u.settings.plan)
	v.wave = newWaveView()
	v.meter = newLevelMeter()
	v.warn = widget.NewLabel("")
	v.warn.Wrapping = fyne.TextWrapWord
	v.warn.Importance = widget.DangerImportance
	v.warn.Hide()
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord
	v.answerBtn = widget.NewButtonWithIcon("Answer now (Ctrl+R)", theme.MediaRecordIcon(), v.answerNow)
	v.answerBtn.Importance = widget.HighImportance
	v.prepBtn = widget.NewButtonWithIcon("Prepare first (Ctrl+Shift+R)", theme.HistoryIcon(), v.prepareFirst)
	v.stopBtn = widget.NewButtonWithIcon("Stop and save (Ctrl+R)", theme.MediaStopIcon(), v.stopAndSave)
	v.cancelBtn = widget.NewButtonWithIcon("Discard (Esc)", theme.CancelIcon(), v.cancel)
	hint := widget.NewLabel("While answering, press 1, 2, 3 or 4 as you move on to Situation, Task, Action and Result.")
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	buttons := container.NewCenter(container.NewHBox(v.answerBtn, v.prepBtn, v.stopBtn, v.cancelBtn))
	v.content = container.NewVScroll(container.NewVBox(
		v.phase, v.timer.row, v.star, v.wave, v.meter.bar, v.warn, buttons, v.status, hint,
	))
	v.showIdle()
	return v
}

// setVisible opens the microphone when the tab shows and closes it when the tab hides, unless an
// answer is in progress.
func (v *practiceView) setVisible(visible bool) {
	v.visible = visible
	if visible {
		v.ensureInput(nil)
	} else if v.state == idle && !v.inSettings {
		v.closeInput()
	}
}

// wanted reports whether the microphone should stay open.
func (v *practiceView) wanted() bool {
	return v.visible || v.inSettings || v.state != idle
}

// reopenInput switches to the microphone chosen in the settings; during an answer, or while
// a device is opening, the switch waits until that is over (see finished and inputOpened).
func (v *practiceView) reopenInput() {
	if v.state != idle || v.opening || (v.input != nil && v.deviceID == v.u.settings.input) {
		return
	}
	v.closeInput()
	v.inputErr = nil
	if v.wanted() {
		v.ensureInput(nil)
	}
}

// planChanged shows a new plan from the settings when no answer is running.
func (v *practiceView) planChanged() {
	if v.state == idle {
		v.showIdle()
	}
}

// ensureInput opens the microphone if it is not open, then runs then (if not nil).
func (v *practiceView) ensureInput(then func()) {
	switch {
	case v.input != nil:
		if then != nil {
			then()
		}
		return
	case v.u.cfg.Sound == nil:
		v.showFault(fmt.Errorf("recording is not possible: %w", v.u.cfg.NoSound))
		return
	}
	v.afterOpen = then
	if v.opening {
		return
	}
	v.opening = true
	v.phase.SetText("Opening the microphone…")
	id := v.u.settings.input
	go func() {
		in, err := v.u.cfg.Sound.OpenInput(id)
		name := v.deviceLabel(id)
		onUI(func() { v.inputOpened(in, id, name, err) })
	}()
}

// deviceLabel is the name of capture device id, for the attempt's record. It runs off the UI
// goroutine (listing devices may take a moment).
func (v *practiceView) deviceLabel(id string) string {
	devs, err := v.u.cfg.Sound.CaptureDevices()
	if err != nil {
		return "unknown microphone"
	}
	for _, d := range devs {
		if d.ID == id || (id == "" && d.Default) {
			return d.Name
		}
	}
	return "default microphone"
}

// inputOpened takes the result of OpenInput on the UI goroutine.
func (v *practiceView) inputOpened(in *audio.Input, id, name string, err error) {
	v.opening = false
	then := v.afterOpen
	v.afterOpen = nil
	if err != nil {
		v.inputErr = err
		v.showFault(err)
		v.showIdle()
		return
	}
	if !v.wanted() && then == nil {
		go in.Close() // the tab was left while the device opened
		return
	}
	v.input, v.deviceID, v.deviceName, v.inputErr = in, id, name, nil
	v.warn.Hide()
	v.startTicker()
	v.showIdle()
	if then != nil {
		then()
	}
	v.reopenInput() // in case the settings chose another microphone while this one opened
}

// closeInput releases the microphone off the UI goroutine (a stuck device cannot freeze the window).
func (v *practiceView) closeInput() {
	v.stopTicker()
	if in := v.input; in != nil {
		v.input = nil
		go func() {
			if err := in.Close(); err != nil {
				log.Printf("close microphone: %v", err)
			}
		}()
	}
	v.meter.set(audio.Level{PeakDBFS: audio.SilenceDBFS, RMSDBFS: audio.SilenceDBFS})
}

// close ends everything when the window closes: an answer in progress is saved, not lost.
func (v *practiceView) close() {
	if v.answer != nil {
		v.answer.finish(v.u.cfg.Attempts)
	}
	v.stopTicker()
	if v.input != nil {
		v.input.Close()
		v.input = nil
	}
}

// answerNow is Ctrl+R: start answering at once; during prep, skip the rest of it; while
// answering, stop and save.
func (v *practiceView) answerNow() {
	v.u.win.Canvas().Unfocus() // keys 1-4 and Esc must reach the window, not a focused field
	switch v.state {
	case idle:
		v.u.tabs.SelectIndex(tabPractice)
		v.ensureInput(v.startRecording)
	case preparing:
		v.startRecording()
	case recording:
		v.stopAndSave()
	}
}

// prepareFirst is Ctrl+Shift+R: count down the prep time, then record.
func (v *practiceView) prepareFirst() {
	if v.state != idle {
		return
	}
	v.u.tabs.SelectIndex(tabPractice)
	v.u.win.Canvas().Unfocus()
	v.warn.Hide()
	v.plan = v.u.settings.plan
	if v.plan.Prep <= 0 {
		v.ensureInput(v.startRecording)
		return
	}
	v.ensureInput(nil)
	v.state = preparing
	v.prepEnd = time.Now().Add(v.plan.Prep)
	v.star.setPlan(v.plan)
	v.status.SetText("Think of one story: where you were, what you had to do, what you did, and the result. Recording starts by itself; Ctrl+R starts it now.")
	v.startTicker()
	v.updateButtons()
	v.tick()
}

// playbackBlocked says why a recording may not be played now: while an answer is prepared or
// recorded, playback would sound into the microphone.
func (v *practiceView) playbackBlocked() error {
	if v.state != idle {
		return errors.New("an answer is being recorded: stop it (Ctrl+R) before playing one back")
	}
	return nil
}

// startRecording begins recording an answer to the current question.
func (v *practiceView) startRecording() {
	if v.state == recording || v.state == saving {
		return
	}
	if v.input == nil {
		v.state = idle
		v.ensureInput(v.startRecording)
		return
	}
	if v.u.cfg.Attempts == nil {
		v.state = idle
		v.showFault(fmt.Errorf("answers cannot be saved: %w", v.u.cfg.Problem))
		return
	}
	v.plan = v.u.settings.plan
	now := time.Now()
	p, q := v.u.picked, v.u.current.text
	path := v.u.cfg.Attempts.NewRecordingPath(p.Number, now)
	sidecar := library.Sidecar{Principle: p.Number, Question: q, Started: now}
	if err := library.WriteSidecar(path, sidecar); err != nil {
		v.state = idle
		v.showFault(err)
		return
	}
	opts := audio.Options{}
	if v.plan.AutoStop {
		opts.MaxLength = v.plan.Limit()
	}
	rec, err := v.input.Record(path, opts)
	if err != nil {
		os.Remove(library.SidecarPath(path))
		v.state = idle
		v.showFault(err)
		v.showIdle()
		return
	}
	v.rec, v.state, v.lastSound, v.marked = rec, recording, time.Now(), -1
	v.answer = &answer{rec: rec, sidecar: sidecar,
		attempt: library.Attempt{Principle: p.Number, Question: q, Started: now, Device: v.deviceName, Path: path,
			Target: v.plan.Target}}
	v.star.setPlan(v.plan)
	v.wave.SetSummary(waveform.Summary{}, v.plan.Target)
	v.wave.SetOverlays(nil, nil) // the last answer's marks
	v.warn.Hide()
	v.status.SetText("Recording your answer to: " + q)
	v.updateButtons()
	go v.finishWhenDone(v.answer)
}

// mark records that the answer moved on to segment s now (keys 1-4).
func (v *practiceView) mark(s practice.Segment) {
	if v.state != recording {
		return
	}
	marks := v.answer.addMark(practice.Mark{Segment: s, At: v.rec.Elapsed()})
	v.wave.SetOverlays(nil, marksOverlay(marks))
	v.marked = s
}

// marksOverlay turns STAR marks into labelled lines for a waveform.
func marksOverlay(marks []practice.Mark) []marker {
	out := make([]marker, len(marks))
	for i, m := range marks {
		out[i] = marker{at: m.At, label: m.Segment.String()[:1]}
	}
	return out
}

// stopAndSave ends the answer; finishWhenDone saves it.
func (v *practiceView) stopAndSave() {
	if v.state != recording {
		return
	}
	v.state = saving
	v.updateButtons()
	v.phase.SetText("Saving…")
	go v.rec.Stop()
}

// cancel is Esc: drop the prep countdown at once; for an answer being recorded, ask first.
func (v *practiceView) cancel() {
	switch v.state {
	case preparing:
		v.state = idle
		v.status.SetText("Preparation cancelled.")
		v.showIdle()
	case recording:
		ans := v.answer
		dialog.ShowConfirm("Discard this answer?", "The recording so far will be deleted.", func(yes bool) {
			if yes && v.answer == ans && v.state == recording {
				ans.mu.Lock()
				ans.discard = true
				ans.mu.Unlock()
				v.stopAndSave()
			}
		}, v.u.win)
	}
}

// finishWhenDone waits for the answer's recording to end (Stop, a fault or the length cap),
// saves it off the UI goroutine, then reports on the UI goroutine.
func (v *practiceView) finishWhenDone(a *answer) {
	<-a.rec.Done()
	o, ok := a.finish(v.u.cfg.Attempts)
	if !ok {
		return
	}
	onUI(func() { v.finished(o) }) // the review lists the answer and analyses its delivery
}

// finished shows how the answer ended and hands a saved one to the review.
func (v *practiceView) finished(o outcome) {
	v.rec, v.answer, v.state = nil, nil, idle
	if v.warn.Text == silenceWarning {
		v.warn.Hide()
	}
	switch {
	case o.discarded:
		v.status.SetText("Answer discarded.")
	case o.saveErr != nil:
		v.showFault(fmt.Errorf("the recording is on disk at %s but could not be listed: %w", o.res.Path, o.saveErr))
	case o.saved.ID == 0:
		v.status.SetText("")
		v.showFault(nothingRecorded(o))
	default:
		v.status.SetText(savedMessage(o.saved, v.plan, o.res))
		if o.res.Err != nil {
			v.showFault(fmt.Errorf("recording stopped early, and what was captured is saved: %s", audio.Message(o.res.Err)))
		}
		v.u.attemptSaved(o.saved)
	}
	if !v.wanted() {
		v.closeInput()
	}
	v.showIdle()
	v.reopenInput() // in case the settings chose another microphone during the answer
}

// nothingRecorded explains an answer that captured no sound.
func nothingRecorded(o outcome) error {
	if err := errors.Join(o.err, o.res.Err); err != nil {
		return fmt.Errorf("nothing was recorded: %w", err)
	}
	return errors.New("nothing was recorded: the answer was stopped before the microphone sent any sound")
}

// savedMessage tells the user what was saved, against the target.
func savedMessage(a library.Attempt, plan practice.Plan, res audio.Result) string {
	msg := fmt.Sprintf("Saved a %s answer (target %s). Listen back in Review (Ctrl+4).", clock(a.Duration), clock(plan.Target))
	if res.Reason == audio.ReasonLengthCap {
		msg = "Stopped at the time limit. " + msg
	}
	if res.Dropped > 0 {
		msg += fmt.Sprintf(" Note: %d ms of sound were lost while recording (the computer was busy).", res.Dropped*1000/audio.SampleRate)
	}
	return msg
}

// showFault tells the user, in words, what went wrong.
func (v *practiceView) showFault(err error) {
	v.warn.SetText(audio.Message(err))
	v.warn.Show()
}

// showIdle sets the view up for the next answer.
func (v *practiceView) showIdle() {
	switch {
	case v.opening:
		v.phase.SetText("Opening the microphone…")
	case v.input == nil && v.inputErr != nil:
		v.phase.SetText("The microphone is not available")
	default:
		v.phase.SetText("Ready when you are")
	}
	v.timer.set("0:00 / "+clock(v.u.settings.plan.Target), theme.Color(theme.ColorNameForeground))
	v.star.setPlan(v.u.settings.plan)
	v.updateButtons()
}

// updateButtons enables what makes sense in the current state, and shows on the tab and in the
// window title that an answer is under way, so it is not forgotten on another tab.
func (v *practiceView) updateButtons() {
	v.showActivity()
	canStart := v.state == idle && v.u.cfg.Sound != nil
	enable(v.answerBtn, canStart || v.state == preparing)
	enable(v.prepBtn, canStart)
	enable(v.stopBtn, v.state == recording)
	enable(v.cancelBtn, v.state == recording || v.state == preparing)
}

// showActivity marks the Practice tab and the window title while preparing or recording.
func (v *practiceView) showActivity() {
	if v.u.tabs == nil {
		return // still being built
	}
	tab, title := "Practice", "LP Coach"
	switch v.state {
	case preparing:
		tab, title = "Practice · preparing", "LP Coach · preparing"
	case recording, saving:
		tab, title = "● Recording", "● Recording · LP Coach"
	}
	if item := v.u.tabs.Items[tabPractice]; item.Text != tab {
		item.Text = tab
		v.u.tabs.Refresh()
		v.u.win.SetTitle(title)
	}
}

func enable(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

// startTicker updates the meter, timer and STAR bar at 25 Hz while the microphone is open.
func (v *practiceView) startTicker() {
	if v.stopTick == nil {
		v.stopTick = every(tickEvery, v.tick)
	}
}

func (v *practiceView) stopTicker() {
	if v.stopTick != nil {
		v.stopTick()
		v.stopTick = nil
	}
}

// tick refreshes the live parts of the view from the sound engine's atomics.
func (v *practiceView) tick() {
	v.ticks++
	if in := v.input; in != nil {
		level := in.Level()
		v.meter.set(level)
		if level.PeakDBFS > soundFloorDBFS {
			v.lastSound = time.Now()
		}
		if v.state == idle {
			v.checkInput(in)
		}
	}
	switch v.state {
	case preparing:
		v.tickPrep()
	case recording:
		v.tickAnswer()
	}
}

// checkInput warns about a microphone that sends nothing while the view waits.
// A dead microphone is closed, so the next answer (or a return to the tab) opens it afresh:
// plugging the headset back in is enough.
func (v *practiceView) checkInput(in *audio.Input) {
	if err := in.Err(); err != nil {
		v.showFault(fmt.Errorf("%w. It will be opened again when you start an answer", err))
		v.closeInput()
		v.inputErr = err
		v.showIdle()
	}
}

// tickPrep counts the preparation down and starts the answer at zero.
func (v *practiceView) tickPrep() {
	left := time.Until(v.prepEnd)
	if left <= 0 {
		v.startRecording()
		return
	}
	v.setPhase("Prepare your answer")
	v.timer.set(clock(left+time.Second-time.Nanosecond), theme.Color(theme.ColorNamePrimary))
}

// setPhase shows text above the timer, redrawing only on a change.
func (v *practiceView) setPhase(text string) {
	if v.phase.Text != text {
		v.phase.SetText(text)
	}
}

// tickAnswer shows the recording's own clock against the target, the STAR segment, the live
// waveform, and a warning when the microphone has been silent for a while.
func (v *practiceView) tickAnswer() {
	elapsed := v.rec.Elapsed()
	if elapsed == 0 {
		v.setPhase("Starting…")
	} else {
		v.setPhase(v.phaseText(elapsed))
	}
	v.timer.set(clock(elapsed)+" / "+clock(v.plan.Target), zoneColor(v.plan.ZoneAt(elapsed)))
	v.star.setElapsed(elapsed, true)
	if v.ticks%waveEvery == 0 {
		v.wave.SetSummary(v.rec.Waveform(), max(v.plan.Target, elapsed))
	}
	switch silent := time.Since(v.lastSound) >= silenceWarnedAt; {
	case silent && !v.warn.Visible():
		v.warn.SetText(silenceWarning)
		v.warn.Show()
	case !silent && v.warn.Visible() && v.warn.Text == silenceWarning:
		v.warn.Hide()
	}
}

// phaseText names the part of the answer: the one the user marked last (keys 1-4), else the one
// the plan expects at elapsed.
func (v *practiceView) phaseText(elapsed time.Duration) string {
	if v.marked >= practice.Situation {
		return "Recording · " + v.marked.String() + " (marked)"
	}
	return "Recording · " + v.plan.SegmentAt(elapsed).String()
}

// zoneColor is the timer's colour: plain inside the target, warning near it, error past it.
func zoneColor(z practice.Zone) color.Color {
	switch z {
	case practice.Nearing:
		return theme.Color(theme.ColorNameWarning)
	case practice.Over, practice.AtLimit:
		return theme.Color(theme.ColorNameError)
	}
	return theme.Color(theme.ColorNameForeground)
}
