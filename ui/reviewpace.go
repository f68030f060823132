package ui

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lpcoach/practice/speech"
)

// Sizes of the pace chart.
const (
	paceScaleWPM = 200.0 // the least pace the chart's full height stands for
	maxBarSlot   = 48    // the widest a window's bar and its gap get, in pixels
)

// paceChart is a small bar chart of the estimated pace in each window of the analysis.
type paceChart struct {
	widget.BaseWidget
	windows []speech.Window
}

func newPaceChart() *paceChart {
	c := &paceChart{}
	c.ExtendBaseWidget(c)
	return c
}

// set shows the pace of windows.
func (c *paceChart) set(windows []speech.Window) {
	c.windows = windows
	c.Refresh()
}

// paceCaption describes the chart in words: the window length and the range of the pace.
func paceCaption(windows []speech.Window) string {
	lo, hi := 0.0, 0.0
	for _, w := range windows {
		if w.WPMEstimate <= 0 {
			continue
		}
		if lo == 0 || w.WPMEstimate < lo {
			lo = w.WPMEstimate
		}
		hi = max(hi, w.WPMEstimate)
	}
	if hi == 0 {
		return fmt.Sprintf("Pace per %.0f s: no speech found", speech.WindowS)
	}
	return fmt.Sprintf("Pace per %.0f s: %.0f to %.0f words per minute", speech.WindowS, lo, hi)
}

// paceScale is the pace the chart's full height stands for.
func paceScale(windows []speech.Window) float64 {
	top := paceScaleWPM
	for _, w := range windows {
		top = max(top, w.WPMEstimate)
	}
	return top
}

// MinSize is a strip under the caption.
func (c *paceChart) MinSize() fyne.Size {
	return fyne.NewSize(120, 40+theme.CaptionTextSize()+theme.Padding())
}

// CreateRenderer draws a caption over one bar per window.
func (c *paceChart) CreateRenderer() fyne.WidgetRenderer {
	r := &paceRenderer{c: c, bg: canvas.NewRectangle(color.Transparent), caption: canvas.NewText("", color.Black)}
	r.Refresh()
	return r
}

type paceRenderer struct {
	c       *paceChart
	bg      *canvas.Rectangle
	caption *canvas.Text
	bars    []*canvas.Rectangle
	values  []*canvas.Text // each bar's pace, inside its foot when it fits
	objects []fyne.CanvasObject
}

func (r *paceRenderer) Layout(size fyne.Size) {
	top := r.caption.MinSize().Height + theme.Padding()/2
	r.caption.Move(fyne.NewPos(0, 0))
	r.bg.Move(fyne.NewPos(0, top))
	r.bg.Resize(fyne.NewSize(size.Width, size.Height-top))
	n := len(r.bars)
	if n == 0 {
		return
	}
	h := size.Height - top
	slot := min(size.Width/float32(n), maxBarSlot)
	gap := min(slot/5, 4)
	scale := paceScale(r.c.windows)
	for i, b := range r.bars {
		bh := h * float32(min(r.c.windows[i].WPMEstimate/scale, 1))
		b.Move(fyne.NewPos(float32(i)*slot+gap/2, top+h-bh))
		b.Resize(fyne.NewSize(slot-gap, bh))
		v := r.values[i]
		v.Hidden = slot < v.MinSize().Width+gap
		v.Move(fyne.NewPos(float32(i)*slot+(slot-v.MinSize().Width)/2, top+h-v.MinSize().Height))
	}
}

func (r *paceRenderer) MinSize() fyne.Size { return r.c.MinSize() }

// Refresh rebuilds the bars from the windows.
func (r *paceRenderer) Refresh() {
	r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.caption.Text = paceCaption(r.c.windows)
	r.caption.TextSize = theme.CaptionTextSize()
	r.caption.Color = theme.Color(theme.ColorNameForeground)
	r.bars, r.values = r.bars[:0], r.values[:0]
	r.objects = []fyne.CanvasObject{r.bg, r.caption}
	for _, w := range r.c.windows {
		b := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		v := canvas.NewText(fmt.Sprintf("%.0f", w.WPMEstimate), theme.Color(theme.ColorNameBackground))
		v.TextSize = theme.CaptionTextSize()
		r.bars, r.values = append(r.bars, b), append(r.values, v)
		r.objects = append(r.objects, b, v)
	}
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *paceRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *paceRenderer) Destroy() {}
