package ui

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lpcoach/practice"
	"lpcoach/practice/library"
	"lpcoach/practice/speech"
)

// parseMetrics reads the delivery analysis stored with an attempt; nil data gives nil metrics.
func parseMetrics(data []byte) (*speech.Metrics, error) {
	if data == nil {
		return nil, nil
	}
	var m speech.Metrics
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("read the delivery analysis: %w", err)
	}
	return &m, nil
}

// seconds converts seconds from the analysis to a Duration.
func seconds(s float64) time.Duration {
	return time.Duration(s * float64(time.Second))
}

// longPauses returns the pauses of at least speech.LongPauseS.
func longPauses(m *speech.Metrics) []speech.Pause {
	var out []speech.Pause
	for _, p := range m.Pauses {
		if p.LengthS >= speech.LongPauseS {
			out = append(out, p)
		}
	}
	return out
}

// pauseSpans shades the long pauses on a waveform.
func pauseSpans(m *speech.Metrics) []span {
	var out []span
	for _, p := range longPauses(m) {
		out = append(out, span{start: seconds(p.StartS), length: seconds(p.LengthS)})
	}
	return out
}

// lengthText is the answer's length against the target.
func lengthText(d, target time.Duration) string {
	return fmt.Sprintf("%s of a %s target", clock(d), clock(target))
}

// speakingText is the speaking time and its share of the recording.
func speakingText(m *speech.Metrics) string {
	return fmt.Sprintf("%s, %.0f %% of the recording", clock(seconds(m.SpeakingS)), 100*m.SpeakingRatio)
}

// firstWordText is when speech starts.
func firstWordText(m *speech.Metrics) string {
	if m.FirstWordS < 0 {
		return "no speech found"
	}
	return fmt.Sprintf("after %.1f s", m.FirstWordS)
}

// paceText is the estimated pace.
func paceText(m *speech.Metrics) string {
	if m.WPMEstimate <= 0 {
		return "–"
	}
	return fmt.Sprintf("about %.0f words per minute (estimate)", m.WPMEstimate)
}

// pausesText counts the long pauses and gives the longest pause.
func pausesText(m *speech.Metrics) string {
	switch {
	case len(m.Pauses) == 0:
		return "none"
	case m.LongPauses == 0:
		return fmt.Sprintf("none of %.0f s or more; longest %.1f s", speech.LongPauseS, m.LongestPauseS)
	}
	return fmt.Sprintf("%d of %.0f s or more; longest %.1f s", m.LongPauses, speech.LongPauseS, m.LongestPauseS)
}

// loudnessText is the level of the speech, its peak and the clipped share.
func loudnessText(m *speech.Metrics) string {
	return fmt.Sprintf("RMS %.0f dBFS · peak %.0f dBFS · %.2f %% clipped", m.RMSDBFS, m.PeakDBFS, m.ClippedPct)
}

// segmentsText is the time spent in each STAR part against the plan, one line each, or a hint
// when the answer has no marks.
func segmentsText(marks []practice.Mark, d time.Duration, plan practice.Plan) string {
	if len(marks) == 0 {
		return "not marked (press 1 to 4 while answering)"
	}
	times := practice.SegmentTimes(marks, d)
	lines := make([]string, len(times))
	for s := practice.Situation; s <= practice.Result; s++ {
		lines[s] = fmt.Sprintf("%s %s (plan %s)", s, clock(times[s]), clock(plan.SegmentLength(s)))
	}
	return strings.Join(lines, "\n")
}

// ratingText shows a rating as stars.
func ratingText(r int) string {
	if r <= 0 {
		return "not rated"
	}
	r = min(r, 5)
	return strings.Repeat("★", r) + strings.Repeat("☆", 5-r)
}

// attemptTitle is the first line of an attempt in the list: when, and how long against the target.
func attemptTitle(a library.Attempt, target time.Duration) string {
	return a.Started.Format("Mon 2 Jan, 15:04") + " · " + clock(a.Duration) + " / " + clock(target)
}

// attemptFacts is the second line: rating, pace and longest pause ("–" when not analysed).
func attemptFacts(a library.Attempt, m *speech.Metrics) string {
	wpm, pause := "–", "–"
	if m != nil {
		if m.WPMEstimate > 0 {
			wpm = fmt.Sprintf("%.0f", m.WPMEstimate)
		}
		pause = fmt.Sprintf("%.1f s", m.LongestPauseS)
	}
	return fmt.Sprintf("%s · %s wpm · longest pause %s", ratingText(a.Rating), wpm, pause)
}

// statusTag is the tag of a recovered or missing attempt, with its importance.
func statusTag(s library.Status) (string, widget.Importance) {
	switch s {
	case library.StatusRecovered:
		return "Recovered", widget.WarningImportance
	case library.StatusMissing:
		return "Missing", widget.DangerImportance
	}
	return "", widget.MediumImportance
}

// metricsPanel shows the delivery observations of one attempt: figures, warnings, the pace per
// window, and the long pauses as buttons that seek to them.
type metricsPanel struct {
	content  fyne.CanvasObject
	note     *widget.Label
	table    *fyne.Container
	values   map[string]*widget.Label
	warnings *widget.Label
	pace     *paceChart
	pauses   *fyne.Container
	seek     func(time.Duration)
}

// metricRows are the rows of the figures, in order.
var metricRows = []string{"Length", "Speaking", "First word", "Pace", "Pauses", "Loudness", "STAR parts"}

func newMetricsPanel(seek func(time.Duration)) *metricsPanel {
	mp := &metricsPanel{seek: seek, values: map[string]*widget.Label{}, pace: newPaceChart()}
	mp.note = widget.NewLabel("")
	mp.note.Wrapping = fyne.TextWrapWord
	mp.note.Importance = widget.LowImportance
	mp.table = container.New(layout.NewFormLayout())
	for _, name := range metricRows {
		key := widget.NewLabel(name)
		key.TextStyle.Bold = true
		val := widget.NewLabel("")
		mp.values[name] = val
		mp.table.Add(key)
		mp.table.Add(val)
	}
	mp.warnings = widget.NewLabel("")
	mp.warnings.Wrapping = fyne.TextWrapWord
	mp.warnings.Importance = widget.WarningImportance
	mp.pauses = container.NewGridWithColumns(2)
	mp.content = container.NewVBox(heading("Delivery"), mp.note, mp.table, mp.warnings, mp.pace, mp.pauses)
	return mp
}

// heading is a bold section title.
func heading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// set shows attempt a with metrics m against plan; m is nil when the analysis is still to come
// (analysing) or could not be made.
func (mp *metricsPanel) set(a library.Attempt, m *speech.Metrics, plan practice.Plan, analysing bool) {
	mp.values["Length"].SetText(lengthText(a.Duration, plan.Target))
	mp.values["STAR parts"].SetText(segmentsText(a.Marks, a.Duration, plan))
	if m == nil {
		mp.showNote(a, analysing)
		return
	}
	mp.note.Hide()
	mp.values["Speaking"].SetText(speakingText(m))
	mp.values["First word"].SetText(firstWordText(m))
	mp.values["Pace"].SetText(paceText(m))
	mp.values["Pauses"].SetText(pausesText(m))
	mp.values["Loudness"].SetText(loudnessText(m))
	mp.warnings.SetText(strings.Join(m.Warnings, "\n"))
	mp.warnings.Hidden = len(m.Warnings) == 0
	mp.pace.set(m.Windows)
	mp.pace.Show()
	mp.setPauses(longPauses(m))
	mp.content.Refresh() // rows were shown or hidden: lay out again
}

// showNote explains why there are no figures and clears them.
func (mp *metricsPanel) showNote(a library.Attempt, analysing bool) {
	switch {
	case a.Status == library.StatusMissing:
		mp.note.SetText("The delivery analysis needs the recording, which is missing.")
	case analysing:
		mp.note.SetText("Analysing this answer…")
	default:
		mp.note.SetText("The delivery analysis could not be made from this recording.")
	}
	mp.note.Show()
	for _, name := range []string{"Speaking", "First word", "Pace", "Pauses", "Loudness"} {
		mp.values[name].SetText("–")
	}
	mp.warnings.Hide()
	mp.pace.Hide()
	mp.setPauses(nil)
	mp.content.Refresh()
}

// setPauses lists the long pauses as buttons that seek to their start.
func (mp *metricsPanel) setPauses(pauses []speech.Pause) {
	mp.pauses.RemoveAll()
	for _, p := range pauses {
		at := seconds(p.StartS)
		label := fmt.Sprintf("Pause at %s · %.1f s", clock(at), p.LengthS)
		mp.pauses.Add(widget.NewButtonWithIcon(label, theme.MediaSkipNextIcon(), func() { mp.seek(at) }))
	}
	mp.pauses.Refresh()
}
