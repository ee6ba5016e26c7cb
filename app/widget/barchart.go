package widget

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// BarChart draws counts as bars with a value on each, a y axis (0, half,
// top) and labels under the bars.
type BarChart struct {
	widget.BaseWidget
	values []int
	labels []string
	// EveryLabel labels every bar (the seven days of a week); otherwise
	// every other one is labelled, counted back from the last, so twelve
	// weeks' dates fit.
	EveryLabel bool
}

// NewBarChart returns an empty bar chart.
func NewBarChart() *BarChart {
	b := &BarChart{}
	b.ExtendBaseWidget(b)
	return b
}

// Values returns the values and labels shown.
func (b *BarChart) Values() (values []int, labels []string) { return b.values, b.labels }

// SetValues shows values with labels under them.
func (b *BarChart) SetValues(values []int, labels []string) {
	b.values, b.labels = values, labels
	b.Refresh()
}

const (
	barAxisW   = 34 // y labels
	barLabelH  = 20 // x labels
	barValueH  = 16 // values over the bars
	barMinBarW = 30
)

// MinSize implements fyne.Widget.
func (b *BarChart) MinSize() fyne.Size {
	return fyne.NewSize(barAxisW+float32(max(len(b.values), 1)*barMinBarW), 170)
}

// CreateRenderer implements fyne.Widget.
func (b *BarChart) CreateRenderer() fyne.WidgetRenderer {
	return &barChartRenderer{b: b}
}

// axisTop rounds the largest value up to 2, 4, 6 or 10 times a power of
// ten (at least 2), so the half-way line is a whole number.
func axisTop(most int) int {
	for unit := 1; ; unit *= 10 {
		for _, m := range []int{2, 4, 6, 10} {
			if most <= m*unit {
				return m * unit
			}
		}
	}
}

type barChartRenderer struct {
	b       *BarChart
	objects []fyne.CanvasObject
	size    fyne.Size
}

func (r *barChartRenderer) Layout(size fyne.Size) {
	r.size = size
	r.build()
}

func (r *barChartRenderer) MinSize() fyne.Size           { return r.b.MinSize() }
func (r *barChartRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *barChartRenderer) Destroy()                     {}

func (r *barChartRenderer) Refresh() {
	r.build()
	canvas.Refresh(r.b)
}

func (r *barChartRenderer) build() {
	b, size := r.b, r.size
	r.objects = nil
	if size.Width == 0 || size.Height == 0 {
		return
	}
	fg := theme.Color(theme.ColorNameForeground)
	grid := Blend(theme.Color(theme.ColorNameBackground), fg, 0.18)
	primary := theme.Color(theme.ColorNamePrimary)
	caption := theme.CaptionTextSize()

	most := 0
	for _, v := range b.values {
		most = max(most, v)
	}
	top := axisTop(most)
	plotTop := float32(barValueH)
	plotBottom := size.Height - barLabelH
	plotH := plotBottom - plotTop
	plotW := size.Width - barAxisW
	y := func(v int) float32 { return plotBottom - plotH*float32(v)/float32(top) }

	text := func(s string, pos fyne.Position, align fyne.TextAlign, width float32) {
		t := canvas.NewText(s, fg)
		t.TextSize = caption
		ms := t.MinSize()
		switch align {
		case fyne.TextAlignTrailing:
			pos.X += width - ms.Width
		case fyne.TextAlignCenter:
			pos.X += (width - ms.Width) / 2
		}
		t.Move(pos)
		t.Resize(ms)
		r.objects = append(r.objects, t)
	}
	// Axis: gridlines with labels at 0, half and top.
	for _, v := range []int{0, top / 2, top} {
		line := canvas.NewLine(grid)
		line.StrokeWidth = 1
		line.Position1 = fyne.NewPos(barAxisW, y(v))
		line.Position2 = fyne.NewPos(size.Width, y(v))
		r.objects = append(r.objects, line)
		text(strconv.Itoa(v), fyne.NewPos(0, y(v)-caption*0.7), fyne.TextAlignTrailing, barAxisW-6)
	}
	if len(b.values) == 0 {
		return
	}
	pitch := plotW / float32(len(b.values))
	barW := pitch * 0.62
	for i, v := range b.values {
		x := barAxisW + pitch*float32(i)
		if v > 0 {
			bar := canvas.NewRectangle(primary)
			bar.CornerRadius = 2
			bar.Move(fyne.NewPos(x+(pitch-barW)/2, y(v)))
			bar.Resize(fyne.NewSize(barW, plotBottom-y(v)))
			r.objects = append(r.objects, bar)
		}
		text(strconv.Itoa(v), fyne.NewPos(x, y(v)-barValueH), fyne.TextAlignCenter, pitch)
		// Every other label, counted back from the last bar so it is labelled.
		if i < len(b.labels) && (b.EveryLabel || (len(b.values)-1-i)%2 == 0) {
			text(b.labels[i], fyne.NewPos(x-pitch/2, plotBottom+3), fyne.TextAlignCenter, pitch*2)
		}
	}
}

// ShareBar is one horizontal bar split into coloured shares, for the focus
// follow-through: yes, partly, no, unanswered.
type ShareBar struct {
	widget.BaseWidget
	shares []int
}

// NewShareBar returns an empty share bar.
func NewShareBar() *ShareBar {
	s := &ShareBar{}
	s.ExtendBaseWidget(s)
	return s
}

// Shares returns the shares shown.
func (s *ShareBar) Shares() []int { return s.shares }

// SetShares shows the shares (any whole numbers; only their ratio counts).
func (s *ShareBar) SetShares(shares ...int) {
	s.shares = shares
	s.Refresh()
}

// shareColors are yes, partly, no and unanswered.
func shareColors() []color.Color {
	bg := theme.Color(theme.ColorNameBackground)
	fg := theme.Color(theme.ColorNameForeground)
	return []color.Color{theme.Color(theme.ColorNamePrimary), TrophyGold, Blend(bg, fg, 0.45), Blend(bg, fg, 0.12)}
}

// MinSize implements fyne.Widget.
func (s *ShareBar) MinSize() fyne.Size { return fyne.NewSize(120, 12) }

// CreateRenderer implements fyne.Widget.
func (s *ShareBar) CreateRenderer() fyne.WidgetRenderer { return &shareBarRenderer{s: s} }

type shareBarRenderer struct {
	s       *ShareBar
	objects []fyne.CanvasObject
	size    fyne.Size
}

func (r *shareBarRenderer) Layout(size fyne.Size)        { r.size = size; r.build() }
func (r *shareBarRenderer) MinSize() fyne.Size           { return r.s.MinSize() }
func (r *shareBarRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *shareBarRenderer) Destroy()                     {}
func (r *shareBarRenderer) Refresh()                     { r.build(); canvas.Refresh(r.s) }

func (r *shareBarRenderer) build() {
	r.objects = nil
	total := 0
	for _, n := range r.s.shares {
		total += n
	}
	colors := shareColors()
	h := float32(12)
	if total == 0 {
		empty := canvas.NewRectangle(colors[len(colors)-1])
		empty.CornerRadius = 3
		empty.Resize(fyne.NewSize(r.size.Width, h))
		r.objects = append(r.objects, empty)
		return
	}
	x := float32(0)
	for i, n := range r.s.shares {
		if n == 0 {
			continue
		}
		w := r.size.Width * float32(n) / float32(total)
		seg := canvas.NewRectangle(colors[min(i, len(colors)-1)])
		seg.Move(fyne.NewPos(x, 0))
		seg.Resize(fyne.NewSize(w, h))
		r.objects = append(r.objects, seg)
		x += w
	}
}
