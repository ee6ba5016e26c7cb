package widget

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The heatmap's geometry: one column a week (Monday on top), one cell a day.
const (
	heatCell     = 13 // a day's square (at the default pitch), in the legend
	heatPitch    = 16 // cell plus gap, by default
	heatMinPitch = 11 // the smallest pitch FitWidth picks: a season in 613 px
	heatMaxPitch = 30 // the largest: a season in 1620 px
	heatLabelW   = 30 // weekday labels on the left
	heatMonthH   = 18 // month labels on top
	heatLegendH  = 26 // legend underneath
	heatMarkDot  = 6  // the dot on a celebrated day
)

// heatSteps are the win counts where the five colour steps start: none, 1,
// 2, 3–4, 5 and more.
var heatSteps = [...]int{0, 1, 2, 3, 5}

// heatStep returns the colour step (0–4) for a day's wins.
func heatStep(wins int) int {
	step := 0
	for i, from := range heatSteps {
		if wins >= from {
			step = i
		}
	}
	return step
}

// heatColors are the five steps, from the theme: a faint tint of the text
// colour for no wins, then the primary colour mixed into the background
// ever more strongly, so both variants read from faint to strong.
func heatColors() [5]color.Color {
	bg := theme.Color(theme.ColorNameBackground)
	fg := theme.Color(theme.ColorNameForeground)
	pr := theme.Color(theme.ColorNamePrimary)
	return [5]color.Color{Blend(bg, fg, 0.10), Blend(bg, pr, 0.32), Blend(bg, pr, 0.54), Blend(bg, pr, 0.77), Blend(bg, pr, 1)}
}

// markEdge rims the gold reflection mark, so it shows on light cells as
// well as on dark ones.
var markEdge = color.NRGBA{R: 0x5c, G: 0x40, B: 0x00, A: 0xff}

// offSeasonBlue is the off-season's own shade: a calm blue, apart from
// the pitch green of the wins and the gold of the evenings.
var offSeasonBlue = color.NRGBA{R: 0x5b, G: 0x8d, B: 0xd6, A: 0xff}

// OffSeasonColor is the fill of an off-season day without wins, and the
// strip along the bottom of one with wins, in the current theme.
func OffSeasonColor() color.Color {
	return Blend(theme.Color(theme.ColorNameBackground), offSeasonBlue, 0.55)
}

// offSeasonStrip is how tall the strip on an off-season day with wins is.
const offSeasonStrip = 4

// HeatDay is one day of a Heatmap.
type HeatDay struct {
	Date       time.Time // the calendar date; the time of day is ignored
	Wins       int
	Celebrated bool // the day's evening was celebrated
	MadeUp     bool // ... later, on another day
	Future     bool // after today: left blank
	// OffSeason is a day in an off-season: drawn in its own shade (a day
	// with wins keeps their colour, with a strip of the shade).
	OffSeason bool
}

// HeatmapLabels are the heatmap's words, in the user's language.
type HeatmapLabels struct {
	Months                    [12]string // short month names, January first
	Monday, Wednesday, Friday string     // short weekday names
	Fewer, More               string
	Celebrated, MadeUp        string
	OffSeason                 string
}

// Heatmap draws one season as 53 (rarely 54) weeks × 7 days with canvas
// primitives. Pointing at a day reports its index to OnHover (-1 when the
// pointer leaves); tapping one reports it to OnTap. Future days are blank.
type Heatmap struct {
	widget.BaseWidget
	days    []HeatDay // the whole year, dense
	labels  HeatmapLabels
	OnHover func(i int)
	OnTap   func(i int)
	hovered int               // index into days, -1 for none
	outline *canvas.Rectangle // around the hovered day
	pitch   float32           // cell plus gap: FitWidth sets it
}

// cell is a day's square at the current pitch.
func (h *Heatmap) cell() float32 { return h.pitch * heatCell / heatPitch }

// FitWidth sets the cell size so the season fills width (within a smallest
// and a largest size) and reports whether it changed: a large screen gets
// a large heatmap, a small one a heatmap that still fits.
func (h *Heatmap) FitWidth(width float32) bool {
	p := float32(int((width - heatLabelW) / float32(h.columns())))
	p = max(heatMinPitch, min(heatMaxPitch, p))
	if p == h.pitch {
		return false
	}
	h.pitch = p
	h.Refresh()
	return true
}

// MinWidth is the heatmap's width at its smallest cells.
func (h *Heatmap) MinWidth() float32 { return heatLabelW + float32(h.columns()*heatMinPitch) }

// NewHeatmap returns an empty heatmap.
func NewHeatmap() *Heatmap {
	h := &Heatmap{hovered: -1, outline: canvas.NewRectangle(color.Transparent), pitch: heatPitch}
	h.outline.StrokeWidth = 1.5
	h.outline.CornerRadius = 3
	h.outline.Hidden = true
	h.ExtendBaseWidget(h)
	return h
}

// SetDays shows a season.
func (h *Heatmap) SetDays(days []HeatDay) {
	h.days, h.hovered = days, -1
	h.Refresh()
}

// SetLabels changes the heatmap's words (a language change).
func (h *Heatmap) SetLabels(l HeatmapLabels) {
	h.labels = l
	h.Refresh()
}

// Days returns the days shown.
func (h *Heatmap) Days() []HeatDay { return h.days }

// offset is the row of 1 January (Monday is row 0).
func (h *Heatmap) offset() int {
	if len(h.days) == 0 {
		return 0
	}
	return weekRow(h.days[0].Date.Weekday())
}

func weekRow(d time.Weekday) int { return (int(d) + 6) % 7 }

func (h *Heatmap) columns() int {
	if len(h.days) == 0 {
		return 53
	}
	return (h.offset()+len(h.days)-1)/7 + 1
}

// Hovered returns the index of the day with the outline around it, or -1.
func (h *Heatmap) Hovered() int {
	if h.outline.Hidden {
		return -1
	}
	return h.hovered
}

// CellCenter is the middle of day i's square, relative to the heatmap.
func (h *Heatmap) CellCenter(i int) fyne.Position {
	return h.cellPos(i).AddXY(h.cell()/2, h.cell()/2)
}

// cellPos is where day i's square starts.
func (h *Heatmap) cellPos(i int) fyne.Position {
	n := i + h.offset()
	return fyne.NewPos(heatLabelW+float32(n/7)*h.pitch, heatMonthH+float32(n%7)*h.pitch)
}

// dayAt returns the index of the day under pos, or -1.
func (h *Heatmap) dayAt(pos fyne.Position) int {
	x, y := pos.X-heatLabelW, pos.Y-heatMonthH
	if x < 0 || y < 0 || y >= 7*h.pitch {
		return -1
	}
	i := int(x/h.pitch)*7 + int(y/h.pitch) - h.offset()
	if i < 0 || i >= len(h.days) || h.days[i].Future {
		return -1
	}
	return i
}

// MinSize implements fyne.Widget.
func (h *Heatmap) MinSize() fyne.Size {
	return fyne.NewSize(heatLabelW+float32(h.columns())*h.pitch, heatMonthH+7*h.pitch+heatLegendH)
}

// MouseIn implements desktop.Hoverable.
func (h *Heatmap) MouseIn(e *desktop.MouseEvent) { h.MouseMoved(e) }

// MouseMoved implements desktop.Hoverable.
func (h *Heatmap) MouseMoved(e *desktop.MouseEvent) { h.hover(h.dayAt(e.Position)) }

// MouseOut implements desktop.Hoverable.
func (h *Heatmap) MouseOut() { h.hover(-1) }

func (h *Heatmap) hover(i int) {
	if i == h.hovered {
		return
	}
	h.hovered = i
	if h.OnHover != nil {
		h.OnHover(i)
	}
	// Only the outline moves; the picture stays.
	h.placeOutline()
	h.outline.Refresh()
}

func (h *Heatmap) placeOutline() {
	h.outline.Hidden = h.hovered < 0
	if h.hovered >= 0 {
		// Around the cell, in the gap, where it shows against the background.
		h.outline.Move(h.cellPos(h.hovered).SubtractXY(2, 2))
		h.outline.Resize(fyne.NewSquareSize(h.cell() + 4))
	}
}

// Tapped implements fyne.Tappable: a tap shows the day like a hover (for
// touch screens) and opens it.
func (h *Heatmap) Tapped(e *fyne.PointEvent) {
	i := h.dayAt(e.Position)
	if i < 0 {
		return
	}
	h.hover(i)
	if h.OnTap != nil {
		h.OnTap(i)
	}
}

// CreateRenderer implements fyne.Widget.
func (h *Heatmap) CreateRenderer() fyne.WidgetRenderer {
	r := &heatmapRenderer{h: h}
	r.build()
	return r
}

type heatmapRenderer struct {
	h        *Heatmap
	cells    []*canvas.Rectangle // one per day up to today
	months   []*canvas.Text
	weekdays []*canvas.Text
	legend   []fyne.CanvasObject
	objects  []fyne.CanvasObject
}

// build makes the objects for the current days and theme.
func (r *heatmapRenderer) build() {
	h := r.h
	colors := heatColors()
	fg := theme.Color(theme.ColorNameForeground)
	caption := theme.CaptionTextSize()
	r.cells, r.months, r.weekdays, r.legend = nil, nil, nil, nil
	r.objects = nil

	for i, d := range h.days {
		if d.Future {
			break
		}
		fill := colors[heatStep(d.Wins)]
		if d.OffSeason && d.Wins == 0 {
			fill = OffSeasonColor()
		}
		cell := canvas.NewRectangle(fill)
		cell.CornerRadius = 2
		cell.Move(h.cellPos(i))
		cell.Resize(fyne.NewSquareSize(h.cell()))
		r.cells = append(r.cells, cell)
		r.objects = append(r.objects, cell)
		if d.OffSeason && d.Wins > 0 {
			strip := canvas.NewRectangle(OffSeasonColor())
			strip.Move(h.cellPos(i).AddXY(0, heatCell-offSeasonStrip))
			strip.Resize(fyne.NewSize(heatCell, offSeasonStrip))
			r.objects = append(r.objects, strip)
		}
		if d.Celebrated {
			r.objects = append(r.objects, r.mark(h.cellPos(i), h.cell(), d.MadeUp, cell.FillColor)...)
		}
	}

	// Month labels over the week that holds the 1st, when there is room.
	lastEnd := float32(-1)
	for i, d := range h.days {
		if d.Date.Day() != 1 {
			continue
		}
		t := canvas.NewText(h.labels.Months[d.Date.Month()-1], fg)
		t.TextSize = caption
		pos := fyne.NewPos(h.cellPos(i).X, 0)
		if pos.X < lastEnd+4 {
			continue
		}
		t.Move(pos)
		t.Resize(t.MinSize())
		lastEnd = pos.X + t.MinSize().Width
		r.months = append(r.months, t)
		r.objects = append(r.objects, t)
	}
	for _, wd := range []struct {
		day  time.Weekday
		name string
	}{{time.Monday, h.labels.Monday}, {time.Wednesday, h.labels.Wednesday}, {time.Friday, h.labels.Friday}} {
		t := canvas.NewText(wd.name, fg)
		t.TextSize = caption
		t.Move(fyne.NewPos(0, heatMonthH+float32(weekRow(wd.day))*h.pitch+(h.cell()-t.MinSize().Height)/2))
		t.Resize(t.MinSize())
		r.weekdays = append(r.weekdays, t)
		r.objects = append(r.objects, t)
	}
	r.buildLegend(colors, fg, caption)
	r.objects = append(r.objects, r.legend...)

	h.outline.StrokeColor = fg
	h.placeOutline()
	r.objects = append(r.objects, h.outline)
}

// mark draws the reflection mark on the cell at pos: a solid gold dot with
// a dark rim for an evening celebrated that evening; for one made up later
// a wide gold ring, rimmed inside and out, whose hole (half its width, the
// cell's own colour) shows on any cell, so the two never look alike (the
// ring's hole was a 3-px speck that a bright cell made look like a dot).
func (r *heatmapRenderer) mark(pos fyne.Position, side float32, madeUp bool, cell color.Color) []fyne.CanvasObject {
	circle := func(fill color.Color, size float32) *canvas.Circle {
		c := canvas.NewCircle(fill)
		c.StrokeColor, c.StrokeWidth = markEdge, 1
		c.Move(pos.AddXY((side-size)/2, (side-size)/2))
		c.Resize(fyne.NewSquareSize(size))
		return c
	}
	if !madeUp {
		return []fyne.CanvasObject{circle(TrophyGold, markDot(side))}
	}
	outer := markRing(side)
	return []fyne.CanvasObject{circle(TrophyGold, outer), circle(cell, outer/2)}
}

// markDot is the celebrated dot's width on a cell of side px; markRing the
// made-up ring's.
func markDot(side float32) float32  { return fyne.Max(heatMarkDot, side*0.45) }
func markRing(side float32) float32 { return fyne.Min(side-2, fyne.Max(heatMarkDot+4, side*0.7)) }

// buildLegend lays out "Fewer ■■■■■ More   ● Evening celebrated   ○ Made up
// later   ■ Off-season".
func (r *heatmapRenderer) buildLegend(colors [5]color.Color, fg color.Color, caption float32) {
	y := heatMonthH + 7*r.h.pitch + 8
	x := float32(heatLabelW)
	text := func(s string) {
		t := canvas.NewText(s, fg)
		t.TextSize = caption
		t.Move(fyne.NewPos(x, y+(heatCell-t.MinSize().Height)/2))
		t.Resize(t.MinSize())
		x += t.MinSize().Width + 6
		r.legend = append(r.legend, t)
	}
	text(r.h.labels.Fewer)
	for _, c := range colors {
		sq := canvas.NewRectangle(c)
		sq.CornerRadius = 2
		sq.Move(fyne.NewPos(x, y))
		sq.Resize(fyne.NewSquareSize(heatCell))
		r.legend = append(r.legend, sq)
		x += heatPitch
	}
	x += 2
	text(r.h.labels.More)
	x += 18
	for _, madeUp := range []bool{false, true} {
		bg := canvas.NewRectangle(colors[0])
		bg.CornerRadius = 2
		bg.Move(fyne.NewPos(x, y))
		bg.Resize(fyne.NewSquareSize(heatCell))
		r.legend = append(r.legend, bg)
		r.legend = append(r.legend, r.mark(fyne.NewPos(x, y), heatCell, madeUp, colors[0])...)
		x += heatPitch + 2
		if madeUp {
			text(r.h.labels.MadeUp)
		} else {
			text(r.h.labels.Celebrated)
			x += 12
		}
	}
	if r.h.labels.OffSeason != "" {
		x += 12
		sq := canvas.NewRectangle(OffSeasonColor())
		sq.CornerRadius = 2
		sq.Move(fyne.NewPos(x, y))
		sq.Resize(fyne.NewSquareSize(heatCell))
		r.legend = append(r.legend, sq)
		x += heatPitch + 2
		text(r.h.labels.OffSeason)
	}
}

func (r *heatmapRenderer) Layout(fyne.Size)             {}
func (r *heatmapRenderer) MinSize() fyne.Size           { return r.h.MinSize() }
func (r *heatmapRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *heatmapRenderer) Destroy()                     {}

// Refresh rebuilds the picture: the days or the theme changed.
func (r *heatmapRenderer) Refresh() {
	r.build()
	canvas.Refresh(r.h)
}

// HeatmapFit lays out a Heatmap across the width it gets: its cells grow on
// a large screen and shrink on a small one (within limits), and it sits in
// the middle. OnResize runs when the cells changed size, so the window can
// lay out again for the heatmap's new height.
type HeatmapFit struct {
	Heatmap  *Heatmap
	OnResize func()
}

// MinSize implements fyne.Layout: the heatmap's smallest width, its height
// at the cell size it has.
func (l *HeatmapFit) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(l.Heatmap.MinWidth(), l.Heatmap.MinSize().Height)
}

// Layout implements fyne.Layout.
func (l *HeatmapFit) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	changed := l.Heatmap.FitWidth(size.Width)
	ms := l.Heatmap.MinSize()
	l.Heatmap.Resize(ms)
	l.Heatmap.Move(fyne.NewPos(max(0, (size.Width-ms.Width)/2), 0))
	if changed && l.OnResize != nil {
		l.OnResize()
	}
}
