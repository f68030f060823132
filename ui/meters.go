package ui

import (
	"fmt"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lpcoach/practice"
	"lpcoach/practice/audio"
)

// meterFloorDBFS is the level shown as an empty meter.
const meterFloorDBFS = -60.0

// levelMeter is a bar showing the microphone's peak level in dBFS.
type levelMeter struct {
	bar  *widget.ProgressBar
	peak float64
}

func newLevelMeter() *levelMeter {
	m := &levelMeter{bar: widget.NewProgressBar(), peak: audio.SilenceDBFS}
	m.bar.TextFormatter = func() string {
		if m.peak <= meterFloorDBFS {
			return "Microphone: silent"
		}
		return fmt.Sprintf("Microphone: %.0f dBFS", m.peak)
	}
	return m
}

// set shows level l.
func (m *levelMeter) set(l audio.Level) {
	m.peak = l.PeakDBFS
	m.bar.SetValue(min(max((l.PeakDBFS-meterFloorDBFS)/-meterFloorDBFS, 0), 1))
}

// starBar shows the answer's STAR plan as four blocks sized by the split, the segment the clock
// is in highlighted, and a line at the elapsed time.
type starBar struct {
	widget.BaseWidget
	plan    practice.Plan
	elapsed time.Duration
	active  bool // false before an answer starts: nothing is highlighted
}

func newStarBar(plan practice.Plan) *starBar {
	b := &starBar{plan: plan}
	b.ExtendBaseWidget(b)
	return b
}

// setPlan shows a new plan and resets the clock.
func (b *starBar) setPlan(p practice.Plan) {
	b.plan, b.elapsed, b.active = p, 0, false
	b.Refresh()
}

// setElapsed moves the clock; active says whether an answer is running.
func (b *starBar) setElapsed(d time.Duration, active bool) {
	if d == b.elapsed && active == b.active {
		return
	}
	b.elapsed, b.active = d, active
	b.Refresh()
}

// current is the highlighted segment, or -1.
func (b *starBar) current() practice.Segment {
	if !b.active {
		return -1
	}
	return b.plan.SegmentAt(b.elapsed)
}

func (b *starBar) CreateRenderer() fyne.WidgetRenderer {
	r := &starRenderer{b: b, line: canvas.NewLine(color.Black)}
	r.line.StrokeWidth = 2
	for i := range r.blocks {
		r.blocks[i] = canvas.NewRectangle(color.Transparent)
		r.blocks[i].CornerRadius = theme.InputRadiusSize()
		r.texts[i] = canvas.NewText("", color.Black)
		r.texts[i].Alignment = fyne.TextAlignCenter
		r.texts[i].TextSize = theme.TextSize()
	}
	r.Refresh()
	return r
}

type starRenderer struct {
	b      *starBar
	blocks [4]*canvas.Rectangle
	texts  [4]*canvas.Text
	line   *canvas.Line
}

func (r *starRenderer) Layout(size fyne.Size) {
	gap := theme.Padding() / 2
	x := float32(0)
	usable := size.Width - 3*gap
	for i := range r.blocks {
		w := usable * float32(r.b.plan.Split[i]) / 100
		r.blocks[i].Move(fyne.NewPos(x, 0))
		r.blocks[i].Resize(fyne.NewSize(w, size.Height))
		r.texts[i].Move(fyne.NewPos(x, 0))
		r.texts[i].Resize(fyne.NewSize(w, size.Height))
		x += w + gap
	}
	frac := float32(0)
	if r.b.plan.Target > 0 {
		frac = min(float32(float64(r.b.elapsed)/float64(r.b.plan.Target)), 1)
	}
	lx := frac * size.Width
	r.line.Position1, r.line.Position2 = fyne.NewPos(lx, 0), fyne.NewPos(lx, size.Height)
}

func (r *starRenderer) MinSize() fyne.Size {
	return fyne.NewSize(200, theme.TextSize()*2.4)
}

func (r *starRenderer) Refresh() {
	cur := r.b.current()
	for i := range r.blocks {
		seg := practice.Segment(i)
		fill, text := theme.Color(theme.ColorNameInputBackground), theme.Color(theme.ColorNameForeground)
		switch {
		case seg == cur:
			fill, text = theme.Color(theme.ColorNamePrimary), theme.Color(theme.ColorNameForegroundOnPrimary)
		case cur >= 0 && seg < cur:
			fill = theme.Color(theme.ColorNameSelection)
		}
		r.blocks[i].FillColor = fill
		r.texts[i].Color = text
		r.texts[i].Text = r.label(seg)
		r.texts[i].TextStyle.Bold = seg == cur
	}
	r.line.StrokeColor = theme.Color(theme.ColorNameForeground)
	r.line.Hidden = !r.b.active
	r.Layout(r.b.Size())
	canvas.Refresh(r.b)
}

// label is the block's text: the segment's name and its planned end, shortened to its initial
// when the block is narrow.
func (r *starRenderer) label(s practice.Segment) string {
	end := clock(r.b.plan.SegmentEnd(s))
	if r.b.plan.Split[s] < 15 {
		return fmt.Sprintf("%c %s", s.String()[0], end)
	}
	return fmt.Sprintf("%s · %s", s, end)
}

func (r *starRenderer) Objects() []fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, 0, 9)
	for i := range r.blocks {
		objs = append(objs, r.blocks[i], r.texts[i])
	}
	return append(objs, r.line)
}

func (r *starRenderer) Destroy() {}
