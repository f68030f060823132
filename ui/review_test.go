package ui

import (
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lpcoach/practice"
	"lpcoach/practice/library"
	"lpcoach/practice/wav"
)

// reviewUI opens the window with the null sound system on the Review tab.
func reviewUI(t *testing.T, a fyne.App, dir string) (*UI, *library.Library) {
	t.Helper()
	u, lib := newTestUIWithSound(t, a, dir, nullSound(t))
	u.tabs.SelectIndex(tabReview)
	return u, lib
}

// toneSamples is seconds of a 220 Hz tone at rate whose loudness rises and falls four times a
// second, like syllables.
func toneSamples(seconds float64, rate int) []int16 {
	out := make([]int16, int(seconds*float64(rate)))
	for i := range out {
		t := float64(i) / float64(rate)
		env := 0.2 + 0.8*math.Pow(math.Sin(math.Pi*4*t), 2)
		out[i] = int16(0.3 * env * math.Sin(2*math.Pi*220*t) * math.MaxInt16)
	}
	return out
}

// writeWAV writes mono samples at rate to path.
func writeWAV(t testing.TB, path string, rate int, samples []int16) {
	t.Helper()
	w, err := wav.Create(path, rate, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(samples); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// addRecorded stores an answer to question q of principle p, started at when, with samples at
// rate as its recording in the library's folder.
func addRecorded(t *testing.T, lib *library.Library, p int, q string, when time.Time, rate int, samples []int16) library.Attempt {
	t.Helper()
	path := lib.NewRecordingPath(p, when)
	writeWAV(t, path, rate, samples)
	d := time.Duration(len(samples)) * time.Second / time.Duration(rate)
	a, err := lib.AddAttempt(library.Attempt{Principle: p, Question: q, Started: when, Duration: d, Path: path})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// addTone stores an answer with a tone of the given length as its recording.
func addTone(t *testing.T, lib *library.Library, p int, q string, when time.Time, seconds float64) library.Attempt {
	t.Helper()
	return addRecorded(t, lib, p, q, when, 16000, toneSamples(seconds, 16000))
}

// rowTexts renders row i of the attempts list and returns its labels' texts and the tag.
func rowTexts(r *reviewView, i int) (title, facts, tag string) {
	row := newAttemptRow()
	r.updateRow(i, row)
	box := row.(*fyne.Container)
	head := box.Objects[0].(*fyne.Container)
	tagLabel := head.Objects[1].(*widget.Label)
	if tagLabel.Visible() {
		tag = tagLabel.Text
	}
	return head.Objects[0].(*widget.Label).Text, box.Objects[1].(*widget.Label).Text, tag
}

// listedIDs are the IDs of the listed attempts, in order.
func listedIDs(r *reviewView) []int64 {
	var ids []int64
	for _, a := range r.attempts {
		ids = append(ids, a.ID)
	}
	return ids
}

func sameIDs(got []int64, want ...int64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}

// requireProgram skips the test when a program is missing, unless LPCOACH_REQUIRE_REAL=1 asks
// for the real tools, which fails it.
func requireProgram(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("LPCOACH_REQUIRE_REAL") == "1" {
			t.Fatalf("%s is required (LPCOACH_REQUIRE_REAL=1): %v", name, err)
		}
		t.Skipf("%s is not installed: %v", name, err)
	}
}

func TestReviewListsNewestFirstInEachScopeAndAnalysesOnce(t *testing.T) {
	u, lib := reviewUI(t, test.NewApp(), t.TempDir())
	q := u.current.text
	base := time.Date(2026, 11, 20, 9, 30, 0, 0, time.Local)
	old := addTone(t, lib, 1, q, base, 3)
	other := addTone(t, lib, 1, "Another question of mine", base.Add(time.Hour), 2)
	recent := addTone(t, lib, 1, q, base.Add(48*time.Hour), 4)
	elsewhere := addTone(t, lib, 5, "A question about another principle", base.Add(72*time.Hour), 2)
	if err := lib.SetRating(old.ID, 3); err != nil {
		t.Fatal(err)
	}
	u.review.reload()

	r := u.review
	if !sameIDs(listedIDs(r), recent.ID, old.ID) {
		t.Fatalf("this question lists %v, want %d then %d", listedIDs(r), recent.ID, old.ID)
	}
	if r.cur.ID != recent.ID {
		t.Errorf("selected %d, want the newest %d", r.cur.ID, recent.ID)
	}
	title, facts, tag := rowTexts(r, 1)
	if title != "Fri 20 Nov, 09:30 · 0:03 / 2:00" || !strings.HasPrefix(facts, "★★★☆☆ · ") || tag != "" {
		t.Errorf("row of the old answer: %q / %q / tag %q", title, facts, tag)
	}

	waitFor(t, 10*time.Second, "the background analysis of the two listed answers", func() bool {
		return analysed(t, lib, old.ID, recent.ID) && !r.analysis.running
	})
	if analysed(t, lib, other.ID) || analysed(t, lib, elsewhere.ID) {
		t.Error("answers that were not listed were analysed")
	}
	if _, facts, _ := rowTexts(r, 0); strings.Contains(facts, "– wpm") || !strings.Contains(facts, "longest pause") {
		t.Errorf("after the analysis the newest row reads %q", facts)
	}
	if r.metrics.values["Pace"].Text == "–" || !r.metrics.note.Hidden {
		t.Errorf("after the analysis the detail shows pace %q, note %q", r.metrics.values["Pace"].Text, r.metrics.note.Text)
	}

	r.scope.SetSelected(scopePrinciple)
	if !sameIDs(listedIDs(r), recent.ID, other.ID, old.ID) {
		t.Errorf("this principle lists %v", listedIDs(r))
	}
	if r.cur.ID != recent.ID {
		t.Errorf("changing the scope changed the selection to %d", r.cur.ID)
	}
	r.scope.SetSelected(scopeAll)
	if !sameIDs(listedIDs(r), elsewhere.ID, recent.ID, other.ID, old.ID) {
		t.Errorf("all answers lists %v", listedIDs(r))
	}
	waitFor(t, 10*time.Second, "the analysis of every answer once listed", func() bool {
		return analysed(t, lib, other.ID, elsewhere.ID)
	})
}

// analysed reports whether the attempts all have their delivery metrics stored.
func analysed(t *testing.T, lib *library.Library, ids ...int64) bool {
	t.Helper()
	for _, id := range ids {
		a, err := lib.Attempt(id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Metrics == nil {
			return false
		}
	}
	return true
}

func TestReviewSelfReviewSurvivesARestart(t *testing.T) {
	a, dir := test.NewApp(), t.TempDir()
	u, lib := reviewUI(t, a, dir)
	q := u.current.text
	first := addTone(t, lib, 1, q, time.Now().Add(-time.Hour), 2)
	second := addTone(t, lib, 1, q, time.Now(), 2)
	u.review.reload()
	r := u.review

	// Notes typed on the first answer are saved when another answer is selected, at once.
	r.selectAttempt(first.ID)
	test.Type(r.notes, "Too long on the situation.")
	r.selectAttempt(second.ID)
	waitFor(t, 5*time.Second, "the first answer's notes to be saved", func() bool {
		got, err := lib.Attempt(first.ID)
		return err == nil && got.Notes == "Too long on the situation."
	})
	if r.notes.Text != "" {
		t.Fatalf("the second answer shows notes %q", r.notes.Text)
	}

	// Checklist, rating and notes of the second answer; the window closes before the notes'
	// delay has passed.
	test.Tap(r.checks[0])
	test.Tap(r.checks[3])
	r.rating.SetSelected("4")
	test.Type(r.notes, "Lead with the numbers.")
	u.Window().Close()
	lib.Close()

	u, lib = reviewUI(t, a, dir)
	r = u.review
	r.selectAttempt(second.ID)
	got, err := lib.Attempt(second.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Checklist != 0b01001 || got.Rating != 4 || got.Notes != "Lead with the numbers." {
		t.Fatalf("stored checklist %05b, rating %d, notes %q", got.Checklist, got.Rating, got.Notes)
	}
	for i, c := range r.checks {
		if want := i == 0 || i == 3; c.Checked != want {
			t.Errorf("after the restart %q is ticked=%v", checklistItems[i], c.Checked)
		}
	}
	if r.rating.Selected != "4" || r.notes.Text != "Lead with the numbers." {
		t.Errorf("after the restart the rating is %q and the notes %q", r.rating.Selected, r.notes.Text)
	}
	if _, facts, _ := rowTexts(r, r.indexOf(second.ID)); !strings.HasPrefix(facts, "★★★★☆") {
		t.Errorf("the list shows %q for the rated answer", facts)
	}
}

func TestReviewNotesAreSavedAfterTypingPauses(t *testing.T) {
	u, lib := reviewUI(t, test.NewApp(), t.TempDir())
	a := addTone(t, lib, 1, u.current.text, time.Now(), 1)
	u.review.reload()
	test.Type(u.review.notes, "Say the result first.")
	waitFor(t, 5*time.Second, "the notes to be saved without leaving the answer", func() bool {
		got, err := lib.Attempt(a.ID)
		return err == nil && got.Notes == "Say the result first."
	})
}

func TestReviewDeleteRemovesTheFileAndTheRow(t *testing.T) {
	u, lib := reviewUI(t, test.NewApp(), t.TempDir())
	keep := addTone(t, lib, 1, u.current.text, time.Now().Add(-time.Minute), 1)
	gone := addTone(t, lib, 1, u.current.text, time.Now(), 1)
	u.review.reload()
	r := u.review
	if r.cur.ID != gone.ID {
		t.Fatalf("selected %d, want %d", r.cur.ID, gone.ID)
	}

	r.askDelete()
	answerDialog(t, u, "", "No")
	if _, err := os.Stat(gone.Path); err != nil {
		t.Fatalf("answering No removed the file: %v", err)
	}

	r.askDelete()
	answerDialog(t, u, "", "Yes")
	waitFor(t, 5*time.Second, "the deleted answer to leave the list and the count", func() bool {
		return sameIDs(listedIDs(r), keep.ID) && u.sidebar.counts[1] == 1
	})
	if _, err := os.Stat(gone.Path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the recording is still there: %v", err)
	}
	if _, err := lib.Attempt(gone.ID); !errors.Is(err, library.ErrNotFound) {
		t.Errorf("the row is still there: %v", err)
	}
	if r.cur.ID != keep.ID {
		t.Errorf("after the delete %d is selected, want %d", r.cur.ID, keep.ID)
	}
}

func TestReviewPlaybackOnTheNullDevice(t *testing.T) {
	u, lib := reviewUI(t, test.NewApp(), t.TempDir())
	addTone(t, lib, 1, u.current.text, time.Now(), 12)
	u.review.reload()
	r, p := u.review, u.review.play

	u.Window().Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeySpace}) // Space: play
	waitFor(t, 5*time.Second, "playback to start", func() bool { return p.player != nil && p.player.Playing() })
	if p.button.Text != "Pause" {
		t.Errorf("while playing the button reads %q", p.button.Text)
	}
	waitFor(t, 5*time.Second, "the playhead to move", func() bool { return p.wave.playhead >= 300*time.Millisecond })
	if !strings.HasSuffix(p.clock.Text, " / 0:12") {
		t.Errorf("clock %q", p.clock.Text)
	}

	before := p.position()
	r.seekBy(5 * time.Second)
	if got := p.position(); got < before+5*time.Second || got > before+6*time.Second {
		t.Errorf("seeking 5 s on from %s reached %s", before, got)
	}
	r.seekBy(-10 * time.Second)
	if got := p.position(); got > time.Second {
		t.Errorf("seeking back 10 s from about 5 s reached %s, want near 0", got)
	}

	r.togglePlay()
	held := p.position()
	runUI(300 * time.Millisecond)
	if p.player.Playing() || p.position() != held || p.button.Text != "Play" {
		t.Errorf("paused at %s: now at %s, playing %v, button %q", held, p.position(), p.player.Playing(), p.button.Text)
	}
	if p.stop != nil {
		t.Error("the playhead ticker still runs while paused")
	}
}

func TestReviewPlaybackStopsAtTheEnd(t *testing.T) {
	u, lib := reviewUI(t, test.NewApp(), t.TempDir())
	addTone(t, lib, 1, u.current.text, time.Now(), 1)
	u.review.reload()
	p := u.review.play
	u.review.speed.SetSelected("1.5x")
	u.review.togglePlay()
	waitFor(t, 5*time.Second, "playback to reach the end", func() bool {
		return p.player != nil && !p.player.Playing() && p.stop == nil
	})
	if p.pos != time.Second || p.button.Text != "Play" {
		t.Errorf("at the end: position %s, button %q", p.pos, p.button.Text)
	}
}

// speakWithPause makes espeak-ng say two sentences with a pause of gap between them and returns
// the samples, their rate and where the pause starts.
func speakWithPause(t *testing.T, gap time.Duration) ([]int16, int, time.Duration) {
	t.Helper()
	requireProgram(t, "espeak-ng")
	dir := t.TempDir()
	var parts [2]*wav.Audio
	for i, text := range []string{
		"Our biggest customer reported that orders were arriving late, so I looked at the data myself.",
		"Late orders fell by forty percent, and the customer renewed the contract for three more years.",
	} {
		path := filepath.Join(dir, []string{"one.wav", "two.wav"}[i])
		if out, err := exec.Command("espeak-ng", "-s", "160", "-w", path, text).CombinedOutput(); err != nil {
			t.Fatalf("espeak-ng: %v\n%s", err, out)
		}
		a, err := wav.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		parts[i] = a
	}
	rate := parts[0].SampleRate
	first := parts[0].Mono()
	samples := append(append(first, make([]int16, int(gap.Seconds()*float64(rate)))...), parts[1].Mono()...)
	return samples, rate, time.Duration(len(first)) * time.Second / time.Duration(rate)
}

func TestReviewShowsTheLongPauseOfSpokenAnswer(t *testing.T) {
	samples, rate, gapAt := speakWithPause(t, 2500*time.Millisecond)
	u, lib := reviewUI(t, test.NewApp(), t.TempDir())
	a := addRecorded(t, lib, 1, u.current.text, time.Now(), rate, samples)
	u.review.reload()
	r := u.review
	waitFor(t, 10*time.Second, "the analysis of the spoken answer", func() bool { return r.metricsOf(r.cur) != nil })
	if r.cur.ID != a.ID {
		t.Fatalf("selected %d, want %d", r.cur.ID, a.ID)
	}

	spans := r.play.wave.spans
	if len(spans) != 1 || absDuration(spans[0].start-gapAt) > 400*time.Millisecond || spans[0].length < 2*time.Second {
		t.Fatalf("shaded %+v, want one span of about 2.5 s near %s", spans, gapAt)
	}
	if len(r.metrics.pauses.Objects) != 1 {
		t.Fatalf("%d long pauses listed, want 1", len(r.metrics.pauses.Objects))
	}
	btn := r.metrics.pauses.Objects[0].(*widget.Button)
	if !strings.HasPrefix(btn.Text, "Pause at 0:0") {
		t.Errorf("pause button %q", btn.Text)
	}
	test.Tap(btn)
	if got := r.play.position(); got != spans[0].start {
		t.Errorf("clicking the pause seeked to %s, want %s", got, spans[0].start)
	}
	for name, want := range map[string]string{"Pauses": "1 of 2 s or more; longest 2.", "Pace": "words per minute", "Loudness": "dBFS"} {
		if got := r.metrics.values[name].Text; !strings.Contains(got, want) {
			t.Errorf("%s reads %q, want it to contain %q", name, got, want)
		}
	}
	if _, facts, _ := rowTexts(r, 0); !strings.Contains(facts, "longest pause 2.") || strings.Contains(facts, "– wpm") {
		t.Errorf("the list row reads %q", facts)
	}
	if r.metrics.pace.windows == nil || !r.metrics.pace.Visible() {
		t.Error("no pace chart")
	}
}

func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func TestReviewMissingRecording(t *testing.T) {
	u, lib := reviewUI(t, test.NewApp(), t.TempDir())
	a := addTone(t, lib, 1, u.current.text, time.Now(), 1)
	if err := os.Remove(a.Path); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Recover(); err != nil {
		t.Fatal(err)
	}
	u.review.reload()
	r := u.review
	if _, _, tag := rowTexts(r, 0); tag != "Missing" {
		t.Fatalf("the row's tag is %q, want Missing", tag)
	}
	if r.cur.ID != a.ID {
		t.Fatalf("selected %d", r.cur.ID)
	}
	if !r.message.Visible() || !strings.HasPrefix(r.message.Text, "The recording file is missing") {
		t.Errorf("message %q (visible %v)", r.message.Text, r.message.Visible())
	}
	if !r.play.button.Disabled() || !r.exportBtn.Disabled() {
		t.Error("play or export is enabled for a missing recording")
	}
	r.togglePlay()
	r.seekBy(seekStep)
	runUI(100 * time.Millisecond)
	if r.play.player != nil || r.play.opening || r.play.position() != 0 {
		t.Errorf("a missing recording started playing: player %v, position %s", r.play.player, r.play.position())
	}
	if r.analysis.tried[a.ID] {
		t.Error("a missing recording was queued for analysis")
	}
}

func TestReviewFirstVersusLatest(t *testing.T) {
	u, lib := reviewUI(t, test.NewApp(), t.TempDir())
	q := u.current.text
	base := time.Date(2026, 11, 2, 8, 0, 0, 0, time.Local)
	first := addTone(t, lib, 1, q, base, 3)
	middle := addTone(t, lib, 1, q, base.Add(24*time.Hour), 2)
	latest := addTone(t, lib, 1, q, base.Add(48*time.Hour), 2)
	u.review.reload()
	r := u.review
	r.selectAttempt(middle.ID)
	if r.compareBtn.Disabled() {
		t.Fatal("First vs latest is disabled with three answers")
	}

	r.compare()
	top := u.Window().Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no comparison dialog")
	}
	var titles []string
	var waves []*waveView
	var plays []*widget.Button
	for _, o := range test.LaidOutObjects(top) {
		switch w := o.(type) {
		case *widget.Label:
			if strings.HasPrefix(w.Text, "First:") || strings.HasPrefix(w.Text, "Latest:") {
				titles = append(titles, w.Text)
			}
		case *waveView:
			waves = append(waves, w)
		case *widget.Button:
			if w.Text == "Play" {
				plays = append(plays, w)
			}
		}
	}
	if len(titles) != 2 || !strings.Contains(titles[0], first.Started.Format("2 Jan")) || !strings.Contains(titles[1], latest.Started.Format("2 Jan")) {
		t.Fatalf("comparison titles %q", titles)
	}
	if len(waves) != 2 || len(plays) != 2 {
		t.Fatalf("%d waveforms and %d play buttons, want 2 each", len(waves), len(plays))
	}
	waitFor(t, 5*time.Second, "both waveforms", func() bool { return waves[0].summary.Frames > 0 && waves[1].summary.Frames > 0 })
	if waves[0].length != waves[1].length || waves[0].length != first.Duration {
		t.Errorf("the waveforms stand for %s and %s, want both %s", waves[0].length, waves[1].length, first.Duration)
	}

	test.Tap(plays[0])
	waitFor(t, 5*time.Second, "the first answer to play", func() bool { return plays[0].Text == "Pause" })
	test.Tap(plays[1])
	waitFor(t, 5*time.Second, "the latest answer to play", func() bool { return plays[1].Text == "Pause" })
	if plays[0].Text != "Play" {
		t.Error("playing the latest answer did not pause the first")
	}
	test.Tap(findButton(top, "Close"))
	if u.Window().Canvas().Overlays().Top() != nil {
		t.Error("the dialog is still open")
	}
}

func TestReviewSegmentsAgainstThePlan(t *testing.T) {
	u, lib := reviewUI(t, test.NewApp(), t.TempDir())
	path := lib.NewRecordingPath(1, time.Now())
	writeWAV(t, path, 16000, toneSamples(4, 16000))
	marks := []practice.Mark{{Segment: practice.Task, At: time.Second}, {Segment: practice.Action, At: 2 * time.Second}}
	if _, err := lib.AddAttempt(library.Attempt{Principle: 1, Question: u.current.text, Started: time.Now(),
		Duration: 4 * time.Second, Path: path, Marks: marks}); err != nil {
		t.Fatal(err)
	}
	u.review.reload()
	r := u.review
	if got := r.play.wave.markers; len(got) != 2 || got[0].at != time.Second || got[1].label != "A" {
		t.Errorf("markers %+v", got)
	}
	want := "Situation 0:01 (plan 0:24)\nTask 0:01 (plan 0:12)\nAction 0:02 (plan 1:12)\nResult 0:00 (plan 0:12)"
	if got := r.metrics.values["STAR parts"].Text; got != want {
		t.Errorf("STAR parts read %q, want %q", got, want)
	}
}

func TestReviewExportCopiesTheRecording(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "answer.wav")
	writeWAV(t, src, 16000, toneSamples(1, 16000))
	dst := filepath.Join(dir, "copy.wav")
	w, err := storage.Writer(storage.NewFileURI(dst))
	if err != nil {
		t.Fatal(err)
	}
	if err := exportTo(w, src); err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(src)
	got, err := os.ReadFile(dst)
	if err != nil || string(got) != string(want) {
		t.Fatalf("the copy has %d bytes (err %v), the recording %d", len(got), err, len(want))
	}
	if st, err := os.Stat(dst); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("the copy's mode is %v (err %v), want 0600", st.Mode().Perm(), err)
	}
	w2, err := os.Create(filepath.Join(dir, "other.wav"))
	if err != nil {
		t.Fatal(err)
	}
	if err := copyRecording(w2, filepath.Join(dir, "gone.wav")); err == nil || !strings.Contains(err.Error(), "open the recording") {
		t.Errorf("copying a missing recording: %v", err)
	}
}

func TestReviewWithoutSoundStillDrawsTheAnswer(t *testing.T) {
	u, lib := newTestUIWithSound(t, test.NewApp(), t.TempDir(), nil)
	addTone(t, lib, 1, u.current.text, time.Now(), 2)
	u.review.reload()
	r := u.review
	waitFor(t, 5*time.Second, "the waveform", func() bool { return r.play.wave.summary.Frames > 0 })
	if !r.play.button.Disabled() || !strings.HasPrefix(r.message.Text, "Playback is not possible: no sound system") {
		t.Errorf("without sound: play disabled %v, message %q", r.play.button.Disabled(), r.message.Text)
	}
	r.togglePlay()
	if r.play.opening || r.play.player != nil {
		t.Error("playback started without a sound system")
	}
}
