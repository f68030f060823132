package ui

import (
	"image"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lpcoach/practice/waveform"
)

// span is a stretch of a recording to shade on the waveform, such as a long pause.
type span struct{ start, length time.Duration }

// marker is a labelled line on the waveform, such as a STAR mark.
type marker struct {
	at    time.Duration
	label string
}

// waveView draws a recording's waveform with a playhead, shaded spans and labelled markers;
// tapping it seeks.
type waveView struct {
	widget.BaseWidget
	summary  waveform.Summary
	length   time.Duration // the time the full width stands for
	playhead time.Duration // -1 hides it
	spans    []span
	markers  []marker
	OnSeek   func(time.Duration)
	render   *waveRenderer // set once drawn; lets the playhead move without redrawing the wave
}

func newWaveView() *waveView {
	v := &waveView{playhead: -1}
	v.ExtendBaseWidget(v)
	return v
}

// SetSummary shows s across the full width, which stands for length (at least s's duration).
func (v *waveView) SetSummary(s waveform.Summary, length time.Duration) {
	v.summary, v.length = s, max(length, s.Duration())
	v.Refresh()
}

// SetPlayhead moves the playhead to d; a negative d hides it.
func (v *waveView) SetPlayhead(d time.Duration) {
	if d == v.playhead {
		return
	}
	v.playhead = d
	if v.render == nil {
		return
	}
	v.render.placeHead(v.Size())
	v.render.head.Hidden = d < 0
	canvas.Refresh(v.render.head)
}

// SetOverlays replaces the shaded spans and markers.
func (v *waveView) SetOverlays(spans []span, markers []marker) {
	v.spans, v.markers = spans, markers
	v.Refresh()
}

// Tapped seeks to the tapped point.
func (v *waveView) Tapped(ev *fyne.PointEvent) {
	if v.OnSeek == nil || v.length <= 0 || v.Size().Width <= 0 {
		return
	}
	frac := float64(ev.Position.X / v.Size().Width)
	v.OnSeek(time.Duration(min(max(frac, 0), 1) * float64(v.length)))
}

// MinSize is a strip tall enough to read.
func (v *waveView) MinSize() fyne.Size { return fyne.NewSize(120, 90) }

// CreateRenderer draws the wave as a raster and the overlays as canvas objects.
func (v *waveView) CreateRenderer() fyne.WidgetRenderer {
	r := &waveRenderer{v: v, bg: canvas.NewRectangle(color.Transparent), head: canvas.NewLine(color.Black)}
	r.wave = canvas.NewRaster(r.draw)
	r.head.StrokeWidth = 2
	v.render = r
	return r
}

type waveRenderer struct {
	v       *waveView
	bg      *canvas.Rectangle
	wave    *canvas.Raster
	head    *canvas.Line
	shades  []*canvas.Rectangle
	lines   []*canvas.Line
	labels  []*canvas.Text
	objects []fyne.CanvasObject
	img     *image.RGBA // reused between draws: the live waveform redraws several times a second
}

// draw renders the min/max columns at the raster's pixel size. It draws into an RGBA image,
// which the GL painter uploads as it is (any other kind is converted, a copy each frame).
func (r *waveRenderer) draw(w, h int) image.Image {
	if r.img == nil || r.img.Rect.Dx() != w || r.img.Rect.Dy() != h {
		r.img = image.NewRGBA(image.Rect(0, 0, w, h))
	} else {
		clear(r.img.Pix)
	}
	img := r.img
	if w <= 0 || h <= 0 {
		return img
	}
	s := r.v.summary
	cols := w
	if r.v.length > 0 && s.Duration() < r.v.length {
		cols = int(float64(w) * float64(s.Duration()) / float64(r.v.length))
	}
	lo, hi := s.Columns(cols)
	fg := color.RGBAModel.Convert(theme.Color(theme.ColorNamePrimary)).(color.RGBA)
	mid := float32(h-1) / 2
	for x := range lo {
		top := int(mid - hi[x]*mid)
		bottom := int(mid - lo[x]*mid)
		for y := max(top, 0); y <= min(bottom, h-1); y++ {
			img.SetRGBA(x, y, fg)
		}
	}
	return img
}

func (r *waveRenderer) xOf(d time.Duration, width float32) float32 {
	if r.v.length <= 0 {
		return 0
	}
	return width * float32(float64(d)/float64(r.v.length))
}

func (r *waveRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.wave.Resize(size)
	for i, s := range r.v.spans {
		if i < len(r.shades) {
			x := r.xOf(s.start, size.Width)
			r.shades[i].Move(fyne.NewPos(x, 0))
			r.shades[i].Resize(fyne.NewSize(max(r.xOf(s.length, size.Width), 1), size.Height))
		}
	}
	for i, m := range r.v.markers {
		if i < len(r.lines) {
			x := r.xOf(m.at, size.Width)
			r.lines[i].Position1 = fyne.NewPos(x, 0)
			r.lines[i].Position2 = fyne.NewPos(x, size.Height)
			r.labels[i].Move(fyne.NewPos(x+3, 0))
		}
	}
	r.placeHead(size)
}

// placeHead puts the playhead line at its time.
func (r *waveRenderer) placeHead(size fyne.Size) {
	x := r.xOf(r.v.playhead, size.Width)
	r.head.Position1 = fyne.NewPos(x, 0)
	r.head.Position2 = fyne.NewPos(x, size.Height)
}

func (r *waveRenderer) MinSize() fyne.Size { return r.v.MinSize() }

// Refresh rebuilds the overlay objects and colours from the widget's state.
func (r *waveRenderer) Refresh() {
	r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.head.StrokeColor = theme.Color(theme.ColorNameForeground)
	r.head.Hidden = r.v.playhead < 0
	shade := theme.Color(theme.ColorNameWarning)
	nr, ng, nb, _ := shade.RGBA()
	r.shades = r.shades[:0]
	for range r.v.spans {
		r.shades = append(r.shades, canvas.NewRectangle(color.NRGBA{uint8(nr >> 8), uint8(ng >> 8), uint8(nb >> 8), 0x50}))
	}
	r.lines, r.labels = r.lines[:0], r.labels[:0]
	for _, m := range r.v.markers {
		l := canvas.NewLine(theme.Color(theme.ColorNameForeground))
		l.StrokeWidth = 1
		t := canvas.NewText(m.label, theme.Color(theme.ColorNameForeground))
		t.TextSize = theme.CaptionTextSize()
		r.lines, r.labels = append(r.lines, l), append(r.labels, t)
	}
	r.objects = []fyne.CanvasObject{r.bg}
	for _, s := range r.shades {
		r.objects = append(r.objects, s)
	}
	r.objects = append(r.objects, r.wave)
	for i := range r.lines {
		r.objects = append(r.objects, r.lines[i], r.labels[i])
	}
	r.objects = append(r.objects, r.head)
	r.Layout(r.v.Size())
	canvas.Refresh(r.v)
}

func (r *waveRenderer) Objects() []fyne.CanvasObject {
	if r.objects == nil {
		r.Refresh()
	}
	return r.objects
}

func (r *waveRenderer) Destroy() {}
