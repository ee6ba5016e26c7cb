package widget

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// StreakCard shows one streak: its name, "12 days in a row", "Best: 31"
// and, when the run holds any, how many evenings were made up later.
type StreakCard struct {
	widget.BaseWidget
	title             string
	now, best, madeUp string
}

// NewStreakCard returns a card for the streak called title.
func NewStreakCard(title string) *StreakCard {
	c := &StreakCard{title: title}
	c.ExtendBaseWidget(c)
	return c
}

// SetLines shows a streak in words: "12 days in a row", "Best: 31", and
// how many evenings of the run were made up ("" for none).
func (c *StreakCard) SetLines(now, best, madeUp string) {
	c.now, c.best, c.madeUp = now, best, madeUp
	c.Refresh()
}

// SetTitle renames the card (a language change).
func (c *StreakCard) SetTitle(title string) {
	c.title = title
	c.Refresh()
}

// Lines returns what the card says, for tests.
func (c *StreakCard) Lines() (title, now, best, madeUp string) {
	return c.title, c.now, c.best, c.madeUp
}

// CreateRenderer implements fyne.Widget.
func (c *StreakCard) CreateRenderer() fyne.WidgetRenderer {
	r := &streakCardRenderer{c: c,
		bg:     canvas.NewRectangle(color.Transparent),
		title:  canvas.NewText("", color.Black),
		now:    canvas.NewText("", color.Black),
		best:   canvas.NewText("", color.Black),
		madeUp: canvas.NewText("", color.Black),
	}
	r.bg.CornerRadius = 8
	r.now.TextStyle = fyne.TextStyle{Bold: true}
	r.madeUp.TextStyle = fyne.TextStyle{Italic: true}
	r.Refresh()
	return r
}

type streakCardRenderer struct {
	c                        *StreakCard
	bg                       *canvas.Rectangle
	title, now, best, madeUp *canvas.Text
}

const cardPad = 12

func (r *streakCardRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	y := float32(cardPad)
	for _, t := range []*canvas.Text{r.title, r.now, r.best, r.madeUp} {
		t.Move(fyne.NewPos(cardPad, y))
		t.Resize(fyne.NewSize(size.Width-2*cardPad, t.MinSize().Height))
		y += t.MinSize().Height + 2
	}
}

func (r *streakCardRenderer) MinSize() fyne.Size {
	w, h := float32(0), float32(2*cardPad)
	for _, t := range []*canvas.Text{r.title, r.now, r.best, r.madeUp} {
		ms := t.MinSize()
		w = max(w, ms.Width)
		h += ms.Height + 2
	}
	return fyne.NewSize(w+2*cardPad, h)
}

func (r *streakCardRenderer) Refresh() {
	fg := theme.Color(theme.ColorNameForeground)
	bg := theme.Color(theme.ColorNameBackground)
	r.bg.FillColor = Blend(bg, fg, 0.06)
	r.title.Text, r.title.Color, r.title.TextSize = r.c.title, Blend(bg, fg, 0.75), theme.CaptionTextSize()
	r.now.Text, r.now.Color, r.now.TextSize = r.c.now, theme.Color(theme.ColorNamePrimary), theme.TextSize()*1.6
	r.best.Text, r.best.Color, r.best.TextSize = r.c.best, fg, theme.TextSize()
	// Keep the line even when empty, so all cards have the same height.
	r.madeUp.Text, r.madeUp.Color, r.madeUp.TextSize = r.c.madeUp, Blend(bg, fg, 0.75), theme.CaptionTextSize()
	if r.madeUp.Text == "" {
		r.madeUp.Text = " "
	}
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *streakCardRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.title, r.now, r.best, r.madeUp}
}

func (r *streakCardRenderer) Destroy() {}
