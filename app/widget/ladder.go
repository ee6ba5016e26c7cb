package widget

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// LadderStep is one rung of a client's ladder: one win, drawn as a step as
// high as its amount, with the amount over it, the date under it and, when
// the amount rose over the one before, the step up marked.
type LadderStep struct {
	// Value is the amount in any unit (cents); 0 or less for a win without
	// one, which is drawn as a low step.
	Value float64
	// Amount is the amount in words ("€5,000"), "" for none.
	Amount string
	// Date is the day in words ("14 Feb 2025").
	Date string
	// StepUp is the rise over the amount before in words ("×6.25"), "" when
	// the amount did not rise.
	StepUp string
}

// Ladder draws a client's wins as rising steps: a client who bought for 60,
// then 800, then 5,000 climbs. Heights grow with the square root of the
// amount, so a 60 next to a 9,000 still shows. OnTap, when set, gets the
// index of a tapped step.
type Ladder struct {
	widget.BaseWidget
	steps []LadderStep
	OnTap func(i int)
}

// NewLadder returns an empty ladder.
func NewLadder() *Ladder {
	l := &Ladder{}
	l.ExtendBaseWidget(l)
	return l
}

// Steps returns the steps shown.
func (l *Ladder) Steps() []LadderStep { return l.steps }

// SetSteps shows steps, oldest first.
func (l *Ladder) SetSteps(steps []LadderStep) {
	l.steps = steps
	l.Refresh()
}

const (
	ladderMinStepW = 64  // a step wide enough for "€9,000"
	ladderMaxStepW = 150 // a few steps stay steps, not blocks
	ladderTopH     = 36  // the amount and the step up over the highest step
	ladderDateH    = 20  // the dates under the steps
	ladderMinRise  = 10  // the lowest step
	ladderHeight   = 220 // the whole ladder
)

// MinSize implements fyne.Widget.
func (l *Ladder) MinSize() fyne.Size {
	return fyne.NewSize(float32(max(len(l.steps), 3)*ladderMinStepW), ladderHeight)
}

// Tapped implements fyne.Tappable: it reports the step under the tap.
func (l *Ladder) Tapped(e *fyne.PointEvent) {
	if l.OnTap == nil || len(l.steps) == 0 {
		return
	}
	pitch := l.Size().Width / float32(len(l.steps))
	if i := int(e.Position.X / pitch); i >= 0 && i < len(l.steps) {
		l.OnTap(i)
	}
}

// Cursor implements desktop.Cursorable: a hand where a step can be tapped.
func (l *Ladder) Cursor() desktop.Cursor {
	if l.OnTap == nil {
		return desktop.DefaultCursor
	}
	return desktop.PointerCursor
}

// badgeText is the colour of a step up on its gold badge.
var badgeText = color.NRGBA{R: 0x2a, G: 0x22, B: 0x08, A: 0xff}

// CreateRenderer implements fyne.Widget.
func (l *Ladder) CreateRenderer() fyne.WidgetRenderer { return &ladderRenderer{l: l} }

type ladderRenderer struct {
	l       *Ladder
	objects []fyne.CanvasObject
	size    fyne.Size
}

func (r *ladderRenderer) Layout(size fyne.Size)        { r.size = size; r.build() }
func (r *ladderRenderer) MinSize() fyne.Size           { return r.l.MinSize() }
func (r *ladderRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *ladderRenderer) Destroy()                     {}
func (r *ladderRenderer) Refresh()                     { r.build(); canvas.Refresh(r.l) }

// stepHeights returns each step's height within plotH: the square root of
// its share of the largest amount, never below the lowest step.
func stepHeights(steps []LadderStep, plotH float32) []float32 {
	most := 0.0
	for _, s := range steps {
		most = math.Max(most, s.Value)
	}
	hs := make([]float32, len(steps))
	for i, s := range steps {
		hs[i] = ladderMinRise
		if s.Value > 0 && most > 0 {
			hs[i] = ladderMinRise + (plotH-ladderMinRise)*float32(math.Sqrt(s.Value/most))
		}
	}
	return hs
}

func (r *ladderRenderer) build() {
	l, size := r.l, r.size
	r.objects = nil
	if size.Width == 0 || size.Height == 0 || len(l.steps) == 0 {
		return
	}
	fg := theme.Color(theme.ColorNameForeground)
	bg := theme.Color(theme.ColorNameBackground)
	primary := theme.Color(theme.ColorNamePrimary)
	calm := Blend(bg, primary, 0.45)
	caption := theme.CaptionTextSize()

	plotTop := float32(ladderTopH)
	plotBottom := size.Height - ladderDateH
	heights := stepHeights(l.steps, plotBottom-plotTop)
	pitch := min(size.Width/float32(len(l.steps)), ladderMaxStepW)
	// Labels need room: with narrow steps only every nth date and amount
	// is written (counted back from the latest), and every step up.
	every := int(math.Ceil(float64(ladderMinStepW) / float64(pitch)))

	text := func(s string, x, y, width float32, bold bool, col color.Color) {
		t := canvas.NewText(s, col)
		t.TextSize = caption
		t.TextStyle = fyne.TextStyle{Bold: bold}
		ms := t.MinSize()
		t.Move(fyne.NewPos(x+(width-ms.Width)/2, y))
		t.Resize(ms)
		r.objects = append(r.objects, t)
	}
	// badge is a step up: dark text on a gold badge, readable in both
	// themes.
	badge := func(s string, x, y, width float32) {
		t := canvas.NewText(s, badgeText)
		t.TextSize = caption
		t.TextStyle = fyne.TextStyle{Bold: true}
		ms := t.MinSize()
		pad := float32(4)
		b := canvas.NewRectangle(TrophyGold)
		b.CornerRadius = (ms.Height + 2) / 2
		b.Move(fyne.NewPos(x+(width-ms.Width)/2-pad, y-1))
		b.Resize(fyne.NewSize(ms.Width+2*pad, ms.Height+2))
		t.Move(fyne.NewPos(x+(width-ms.Width)/2, y))
		t.Resize(ms)
		r.objects = append(r.objects, b, t)
	}
	base := canvas.NewLine(Blend(bg, fg, 0.3))
	base.StrokeWidth = 1
	base.Position1 = fyne.NewPos(0, plotBottom)
	base.Position2 = fyne.NewPos(size.Width, plotBottom)
	r.objects = append(r.objects, base)

	for i, s := range l.steps {
		x := pitch * float32(i)
		top := plotBottom - heights[i]
		fill := calm
		if s.StepUp != "" {
			fill = primary
		}
		step := canvas.NewRectangle(fill)
		step.CornerRadius = 2
		gap := min(pitch*0.08, 4)
		step.Move(fyne.NewPos(x+gap/2, top))
		step.Resize(fyne.NewSize(pitch-gap, heights[i]))
		r.objects = append(r.objects, step)

		labelled := (len(l.steps)-1-i)%every == 0
		if s.StepUp != "" {
			badge("▲ "+s.StepUp, x-pitch, top-2*caption-8, pitch*3)
		}
		if s.Amount != "" && (labelled || s.StepUp != "") {
			text(s.Amount, x-pitch/2, top-caption-4, pitch*2, false, fg)
		}
		if labelled {
			text(s.Date, x-pitch, plotBottom+3, pitch*3, false, fg)
		}
	}
}
