package ui

import (
	"fmt"
	"image/color"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lpcoach/practice"
	"lpcoach/practice/audio"
)

// meterFloorDBFS is the level shown as an empty meter.
const meterFloorDBFS = -60.0

// levelMeter is a bar showing the microphone's peak level, labelled in words.
type levelMeter struct {
	bar  *widget.ProgressBar
	peak float64
}

func newLevelMeter() *levelMeter {
	m := &levelMeter{bar: widget.NewProgressBar(), peak: audio.SilenceDBFS}
	m.bar.TextFormatter = func() string { return "Microphone: " + levelWords(m.peak) }
	return m
}

// levelWords says how a peak level sounds, in a few fixed phrases.
func levelWords(peakDBFS float64) string {
	switch {
	case peakDBFS <= meterFloorDBFS:
		return "silent"
	case peakDBFS < audio.SpeechPeakDBFS:
		return "quiet"
	case peakDBFS < -3:
		return "good"
	case peakDBFS < -0.1:
		return "loud"
	}
	return "too loud (clipping)"
}

// set shows level l; the bar moves in 1 % steps, so a steady level costs no redraw.
func (m *levelMeter) set(l audio.Level) {
	v := math.Round(min(max((l.PeakDBFS-meterFloorDBFS)/-meterFloorDBFS, 0), 1)*100) / 100
	m.peak = l.PeakDBFS
	if v != m.bar.Value {
		m.bar.SetValue(v)
	}
}

// starBar shows the answer's STAR plan as four blocks sized by the split, the segment the clock
// is in highlighted, and a line at the elapsed time.
type starBar struct {
	widget.BaseWidget
	plan    practice.Plan
	elapsed time.Duration
	active  bool          // false before an answer starts: nothing is highlighted
	render  *starRenderer // set once drawn
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

// setElapsed moves the clock; active says whether an answer is running. Within a segment only
// the line moves; the blocks are redrawn when the segment changes.
func (b *starBar) setElapsed(d time.Duration, active bool) {
	if d == b.elapsed && active == b.active {
		return
	}
	before := b.current()
	b.elapsed, b.active = d, active
	if b.render == nil || b.current() != before {
		b.Refresh()
		return
	}
	b.render.placeLine(b.Size())
	canvas.Refresh(b.render.line)
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
	b.render = r
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
	r.placeLine(size)
}

// placeLine puts the elapsed-time line where the clock is.
func (r *starRenderer) placeLine(size fyne.Size) {
	frac := float32(0)
	if r.b.plan.Target > 0 {
		frac = min(float32(float64(r.b.elapsed)/float64(r.b.plan.Target)), 1)
	}
	lx := frac * size.Width
	r.line.Position1, r.line.Position2 = fyne.NewPos(lx, 0), fyne.NewPos(lx, size.Height)
	r.line.Hidden = !r.b.active
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

// bigClock shows the timer in large type. Fyne draws a text anew, parsing the font, whenever its
// string changes: about a megabyte of garbage a second for a ticking clock. So each character
// position keeps one canvas.Text per glyph it has shown and only switches which one is visible;
// every glyph is drawn once and then reused.
type bigClock struct {
	row   *fyne.Container
	cells []*glyphCell
	text  string
	color color.Color
	size  float32
}

// glyphCell is one character position of the clock.
type glyphCell struct {
	stack  *fyne.Container
	glyphs map[rune]*canvas.Text
	shown  *canvas.Text
}

func newBigClock(size float32) *bigClock {
	return &bigClock{size: size, row: container.New(charRow{})}
}

// set shows text in colour col.
func (c *bigClock) set(text string, col color.Color) {
	if text == c.text && col == c.color {
		return
	}
	runes := []rune(text)
	for len(c.cells) < len(runes) {
		cell := &glyphCell{stack: container.NewStack(), glyphs: map[rune]*canvas.Text{}}
		c.cells = append(c.cells, cell)
		c.row.Add(cell.stack)
	}
	if col != c.color {
		c.recolor(col)
	}
	for i, cell := range c.cells {
		if i < len(runes) {
			c.show(cell, runes[i], col)
		} else if cell.shown != nil {
			cell.shown.Hide()
			cell.shown = nil
		}
		cell.stack.Hidden = cell.shown == nil
	}
	if len([]rune(c.text)) != len(runes) {
		c.row.Refresh() // the row's width changed
	}
	c.text, c.color = text, col
}

// show makes r the visible glyph of cell, creating it on first use.
func (c *bigClock) show(cell *glyphCell, r rune, col color.Color) {
	g, ok := cell.glyphs[r]
	if !ok {
		g = canvas.NewText(string(r), col)
		g.TextSize = c.size
		g.TextStyle = fyne.TextStyle{Monospace: true}
		g.Hide()
		cell.glyphs[r] = g
		cell.stack.Add(g)
	}
	if g == cell.shown {
		return
	}
	if cell.shown != nil {
		cell.shown.Hide()
	}
	g.Show()
	cell.shown = g
}

// recolor changes every glyph's colour (when the clock passes into another zone).
func (c *bigClock) recolor(col color.Color) {
	for _, cell := range c.cells {
		for _, g := range cell.glyphs {
			g.Color = col
			g.Refresh()
		}
	}
}

// charRow lays characters side by side with no gaps, centred.
type charRow struct{}

func (charRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		if o.Visible() {
			m := o.MinSize()
			s = fyne.NewSize(s.Width+m.Width, max(s.Height, m.Height))
		}
	}
	return s
}

func (r charRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := (size.Width - r.MinSize(objs).Width) / 2
	for _, o := range objs {
		if o.Visible() {
			m := o.MinSize()
			o.Move(fyne.NewPos(x, (size.Height-m.Height)/2))
			o.Resize(m)
			x += m.Width
		}
	}
}
