package ui

import (
	"fmt"
	"io"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"lpcoach/practice"
	"lpcoach/practice/library"
)

// askDelete asks before deleting the selected answer.
func (r *reviewView) askDelete() {
	a := r.cur
	if a.ID == 0 {
		return
	}
	msg := fmt.Sprintf("The recording from %s (%s), its rating and your notes will be removed from this computer.",
		a.Started.Format("2 Jan 15:04"), clock(a.Duration))
	dialog.ShowConfirm("Delete this answer?", msg, func(yes bool) {
		if yes {
			r.deleteAttempt(a)
		}
	}, r.u.win)
}

// deleteAttempt removes the answer's files and row off the UI goroutine, then relists.
func (r *reviewView) deleteAttempt(a library.Attempt) {
	if r.cur.ID == a.ID {
		r.play.load("", 0, false) // nothing to play while the file goes
	}
	store, saver := r.u.cfg.Attempts, r.saver
	go func() {
		saver.drop(a.ID)
		err := store.Delete(a.ID)
		onUI(func() {
			if err != nil {
				r.u.showError("The answer could not be deleted", err)
			}
			r.reload()
			r.u.refreshCounts()
		})
	}()
}

// export saves a copy of the selected answer's WAV file where the user chooses.
func (r *reviewView) export() {
	a := r.cur
	if a.ID == 0 || a.Status == library.StatusMissing {
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		switch {
		case err != nil:
			r.u.showError("The answer could not be exported", err)
		case w != nil: // nil: cancelled
			go func() {
				if err := exportTo(w, a.Path); err != nil {
					onUI(func() { r.u.showError("The answer could not be exported", err) })
				}
			}()
		}
	}, r.u.win)
	d.SetFileName(exportName(a, r.u.cfg.Principles))
	d.Show()
}

// exportTo copies the recording at path to w, making a local copy private first (0600: it is
// the user's voice).
func exportTo(w fyne.URIWriteCloser, path string) error {
	if u := w.URI(); u.Scheme() == "file" {
		if err := os.Chmod(u.Path(), 0o600); err != nil {
			w.Close()
			return fmt.Errorf("make %s private: %w", u.Path(), err)
		}
	}
	return copyRecording(w, path)
}

// copyRecording copies the WAV file at path to w and closes w.
func copyRecording(w io.WriteCloser, path string) error {
	src, err := os.Open(path)
	if err != nil {
		w.Close()
		return fmt.Errorf("open the recording: %w", err)
	}
	defer src.Close()
	_, err = io.Copy(w, src)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("copy the recording %s: %w", path, err)
	}
	return nil
}

// exportName is the suggested file name of an exported answer: when, and the principle.
func exportName(a library.Attempt, ps []practice.Principle) string {
	name := "LP Coach answer " + a.Started.Format("2006-01-02 1504")
	if a.Principle >= 1 && a.Principle <= len(ps) {
		name += " - " + ps[a.Principle-1].Name
	}
	return name + ".wav"
}

// firstAndLatest returns the first and the latest answer to a's question, and whether there
// are two different ones.
func (r *reviewView) firstAndLatest(a library.Attempt) (first, latest library.Attempt, ok bool) {
	if r.u.cfg.Attempts == nil || a.ID == 0 {
		return first, latest, false
	}
	list, err := r.u.cfg.Attempts.Attempts(library.Filter{Principle: a.Principle, Question: a.Question})
	if err != nil || len(list) < 2 {
		return first, latest, false
	}
	return list[len(list)-1], list[0], true
}

// compare opens the first and the latest answer to the selected question one above the other,
// on the same time scale, each with its own player, to hear the progress.
func (r *reviewView) compare() {
	first, latest, ok := r.firstAndLatest(r.cur)
	if !ok {
		return
	}
	r.play.pause()
	width := max(first.Duration, latest.Duration)
	question := widget.NewLabel(r.cur.Question)
	question.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(question)
	var players []*playback
	for i, a := range []library.Attempt{first, latest} {
		p := r.comparePlayer(a, width)
		players = append(players, p)
		title := widget.NewLabel(r.compareTitle([]string{"First", "Latest"}[i], a))
		title.TextStyle.Bold = true
		box.Add(title)
		box.Add(p.wave)
		box.Add(container.NewHBox(p.button, p.clock))
	}
	players[0].onStart, players[1].onStart = players[1].pause, players[0].pause
	r.compared = players
	d := dialog.NewCustom("First vs latest", "Close", box, r.u.win)
	d.SetOnClosed(func() {
		for _, p := range players {
			p.release()
		}
		r.compared = nil
	})
	d.Resize(fyne.NewSize(720, 440))
	d.Show()
}

// comparePlayer is a player for a in the comparison, its waveform width standing for width.
func (r *reviewView) comparePlayer(a library.Attempt, width time.Duration) *playback {
	p := newPlayback(r.u.cfg.Sound, func() string { return r.u.settings.output }, r.u.practice.playbackBlocked, func(err error) {
		r.u.showError("The answer could not be played", err)
	})
	p.load(a.Path, a.Duration, a.Status != library.StatusMissing)
	p.width = width
	var spans []span
	if m := r.metricsOf(a); m != nil {
		spans = pauseSpans(m)
	}
	p.wave.SetOverlays(spans, marksOverlay(a.Marks))
	p.loadWave()
	return p
}

// compareTitle names one side of the comparison: when, how long, the rating and the pace.
func (r *reviewView) compareTitle(which string, a library.Attempt) string {
	s := fmt.Sprintf("%s: %s · %s · %s", which, a.Started.Format("Mon 2 Jan 15:04"), clock(a.Duration), attemptFacts(a, r.metricsOf(a)))
	if a.Status == library.StatusMissing {
		s += " · recording missing"
	}
	return s
}
