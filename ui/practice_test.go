package ui

import (
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"lpcoach/practice"
	"lpcoach/practice/audio"
	"lpcoach/practice/library"
)

// nullSound opens miniaudio's null backend: a silent microphone and speaker paced in real time.
func nullSound(t *testing.T) *audio.System {
	t.Helper()
	snd, err := audio.NewSystemFor("null")
	if err != nil {
		t.Fatalf("null sound system: %v", err)
	}
	t.Cleanup(func() { snd.Close() })
	return snd
}

// practiceUI opens the window with the null sound system and the Practice tab showing, the
// microphone open.
func practiceUI(t *testing.T, plan practice.Plan) (*UI, *library.Library) {
	t.Helper()
	a := test.NewApp()
	snd := nullSound(t)
	u, lib := newTestUIWithSound(t, a, t.TempDir(), snd)
	u.settings.plan = plan
	u.tabs.SelectIndex(tabPractice)
	waitFor(t, 5*time.Second, "the microphone to open", func() bool { return u.practice.input != nil })
	return u, lib
}

// recordFor starts an answer with Ctrl+R and waits until the recording's clock reaches d.
func recordFor(t *testing.T, u *UI, d time.Duration) {
	t.Helper()
	u.practice.answerNow()
	waitFor(t, d+5*time.Second, "the recording to reach "+d.String(), func() bool {
		return u.practice.state == recording && u.practice.rec.Elapsed() >= d
	})
}

// stopAndWait presses Ctrl+R again and waits for the answer to be saved.
func stopAndWait(t *testing.T, u *UI) {
	t.Helper()
	u.practice.answerNow()
	waitFor(t, 10*time.Second, "the answer to be saved", func() bool { return u.practice.state == idle })
}

func TestRecordTwoSecondsSavesAnAttempt(t *testing.T) {
	u, lib := practiceUI(t, practice.DefaultPlan)
	recordFor(t, u, 2*time.Second)
	if tab := u.tabs.Items[tabPractice].Text; tab != "● Recording" || !strings.HasPrefix(u.Window().Title(), "● Recording") {
		t.Errorf("while recording the tab reads %q and the title %q", tab, u.Window().Title())
	}
	if err := u.practice.playbackBlocked(); err == nil {
		t.Error("playback is allowed while recording")
	}
	atStop := u.practice.rec.Elapsed()
	stopAndWait(t, u)
	if tab := u.tabs.Items[tabPractice].Text; tab != "Practice" || u.Window().Title() != "LP Coach" {
		t.Errorf("after the answer the tab reads %q and the title %q", tab, u.Window().Title())
	}

	list, err := lib.Attempts(library.Filter{Principle: 1})
	if err != nil || len(list) != 1 {
		t.Fatalf("attempts = %v, %v; want one", list, err)
	}
	a := list[0]
	if a.Duration < 2*time.Second || a.Duration-atStop > 200*time.Millisecond {
		t.Errorf("saved %s, the clock showed %s at the stop", a.Duration, atStop)
	}
	if a.Question != u.current.text || a.Principle != 1 {
		t.Errorf("saved for %d %q, want 1 %q", a.Principle, a.Question, u.current.text)
	}
	st, err := os.Stat(a.Path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("recording file: %v (mode %v), want 0600", err, st.Mode().Perm())
	}
	waitFor(t, 10*time.Second, "the delivery analysis of the new answer", func() bool {
		got, err := lib.Attempt(a.ID)
		return err == nil && got.Metrics != nil && u.review.cur.ID == a.ID
	})
	if !strings.Contains(u.practice.status.Text, "Saved a 0:02 answer") {
		t.Errorf("status %q", u.practice.status.Text)
	}
	u.settings.plan.Target = time.Minute // a later change of the target leaves this answer's alone
	if a.Target != 2*time.Minute || u.review.planOf(a).Target != 2*time.Minute {
		t.Errorf("the answer's target is %s, judged against %s; want 2:00", a.Target, u.review.planOf(a).Target)
	}
	if u.sidebar.counts[1] != 1 {
		t.Errorf("sidebar counts %v, want 1 answer for principle 1", u.sidebar.counts)
	}
}

func TestStarSegmentFollowsTheSampleClockAndSilenceWarns(t *testing.T) {
	plan := practice.Plan{Target: time.Minute, Split: [4]int{5, 5, 80, 10}} // Situation until 0:03
	u, lib := practiceUI(t, plan)
	recordFor(t, u, time.Second)
	u.practice.tick()
	if got := u.practice.star.current(); got != practice.Situation {
		t.Fatalf("at %s the STAR bar shows %v, want Situation", u.practice.rec.Elapsed(), got)
	}
	if !strings.HasPrefix(u.practice.timer.text, "0:01 / 1:00") {
		t.Errorf("timer %q at %s", u.practice.timer.text, u.practice.rec.Elapsed())
	}
	waitFor(t, 5*time.Second, "the clock to pass 0:03", func() bool { return u.practice.rec.Elapsed() >= 3200*time.Millisecond })
	u.practice.tick()
	if got := u.practice.star.current(); got != practice.Task {
		t.Fatalf("at %s the STAR bar shows %v, want Task", u.practice.rec.Elapsed(), got)
	}
	if !u.practice.warn.Visible() || !strings.Contains(u.practice.warn.Text, "microphone muted") {
		t.Errorf("no silence warning after 3 s of a silent microphone: %q", u.practice.warn.Text)
	}

	path := u.practice.answer.attempt.Path
	u.practice.cancel()
	answerDialog(t, u, "", "Yes")
	waitFor(t, 10*time.Second, "the answer to be discarded", func() bool { return u.practice.state == idle })
	if list, _ := lib.Attempts(library.Filter{}); len(list) != 0 {
		t.Errorf("a discarded answer was saved: %v", list)
	}
	for _, f := range []string{path, path + ".part", library.PeaksPath(path), library.SidecarPath(path)} {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("%s is left after discarding: %v", f, err)
		}
	}
}

func TestStarMarksAreSavedWithTheAttempt(t *testing.T) {
	u, lib := practiceUI(t, practice.DefaultPlan)
	c := u.Window().Canvas()
	c.Focus(u.sidebar.filter) // a field with focus must not swallow the marks
	recordFor(t, u, 500*time.Millisecond)
	if c.Focused() != nil {
		t.Fatalf("%T keeps the focus while recording", c.Focused())
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.Key2})
	waitFor(t, 5*time.Second, "1 s", func() bool { return u.practice.rec.Elapsed() >= time.Second })
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.Key3})
	u.practice.tick()
	if got := u.practice.phase.Text; got != "Recording · Action (marked)" {
		t.Errorf("after marking Action the phase reads %q", got)
	}
	sidecar := library.SidecarPath(u.practice.answer.attempt.Path)
	waitFor(t, 5*time.Second, "the marks in the sidecar (kept if the app crashes now)", func() bool {
		b, err := os.ReadFile(sidecar)
		return err == nil && strings.Count(string(b), `"Segment"`) == 2
	})
	stopAndWait(t, u)
	list, err := lib.Attempts(library.Filter{})
	if err != nil || len(list) != 1 {
		t.Fatalf("attempts %v, %v", list, err)
	}
	m := list[0].Marks
	if len(m) != 2 || m[0].Segment != practice.Task || m[1].Segment != practice.Action ||
		m[0].At < 500*time.Millisecond || m[1].At < time.Second || m[1].At > list[0].Duration {
		t.Errorf("marks %v in a %s answer", m, list[0].Duration)
	}
}

func TestPrepCountdownThenRecording(t *testing.T) {
	plan := practice.DefaultPlan
	plan.Prep = time.Second
	u, lib := practiceUI(t, plan)
	u.practice.prepareFirst()
	if u.practice.state != preparing || u.practice.timer.text != "0:01" {
		t.Fatalf("state %d, timer %q; want preparing, 0:01", u.practice.state, u.practice.timer.text)
	}
	waitFor(t, 5*time.Second, "half a second recorded after the prep", func() bool {
		return u.practice.state == recording && u.practice.rec.Elapsed() >= 500*time.Millisecond
	})
	stopAndWait(t, u)
	if list, _ := lib.Attempts(library.Filter{}); len(list) != 1 {
		t.Fatalf("%d attempts after prep and answer, want 1", len(list))
	}
}

func TestWithoutSoundLearningWorksAndPracticeSaysWhy(t *testing.T) {
	u, _ := newTestUI(t, test.NewApp(), t.TempDir())
	u.tabs.SelectIndex(tabPractice)
	if !u.practice.answerBtn.Disabled() || !u.practice.prepBtn.Disabled() {
		t.Error("record buttons are enabled without a sound system")
	}
	if !u.practice.warn.Visible() || !strings.Contains(u.practice.warn.Text, "Recording is not possible") {
		t.Errorf("warning %q", u.practice.warn.Text)
	}
	u.practice.answerNow() // Ctrl+R must not panic or hang
	u.sidebar.list.Select(4)
	if !strings.Contains(richText(u.learn.text), "Learn and Be Curious") {
		t.Error("the Learn tab does not follow the sidebar")
	}
}
