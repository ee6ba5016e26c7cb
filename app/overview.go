package app

import (
	"image/color"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"matchday/data"
)

// overviewWindow is the streak overview: a picture of the user's season.
// Four streak cards, the season's heatmap with a year switcher, the wins of
// the last twelve weeks, the focus follow-through and the season summary.
type overviewWindow struct {
	ui   *UI
	win  fyne.Window
	year int // the season shown; 0 for today's
	data data.Overview

	cards       [4]*streakCard
	restNote    *widget.Label
	prevYear    *widget.Button
	nextYear    *widget.Button
	yearLabel   *widget.Label
	heatTitle   *widget.Label
	heatmap     *heatmap
	dayInfo     *widget.Label
	season      *widget.Label
	weeks       *barChart
	last30Title *widget.Label
	last30      *widget.Label
	last30Bar   *shareBar
	seasonTitle *widget.Label
	seasonFT    *widget.Label
	seasonBar   *shareBar
	content     *fyne.Container

	// openEvening opens a day's evening reflection; tests replace it.
	openEvening func(data.Day)
}

// ShowOverview shows the streak overview, with fresh numbers.
func (u *UI) ShowOverview() *overviewWindow {
	if u.overview == nil {
		u.overview = newOverviewWindow(u)
	} else {
		u.overview.refresh()
	}
	u.overview.win.Show()
	u.overview.win.RequestFocus()
	return u.overview
}

func newOverviewWindow(u *UI) *overviewWindow {
	o := &overviewWindow{ui: u, win: u.app.NewWindow(lang.L("overview.title"))}
	o.openEvening = func(d data.Day) { u.ShowEvening(d) }
	o.buildUI()
	o.win.SetOnClosed(func() {
		u.overview = nil
		u.windowClosed()
	})
	o.refresh()
	return o
}

func (o *overviewWindow) buildUI() {
	for i, k := range streakKinds {
		o.cards[i] = newStreakCard(lang.L(k.key))
	}
	o.restNote = widget.NewLabel("")
	o.restNote.TextStyle = fyne.TextStyle{Italic: true}
	o.restNote.Hide()

	o.heatTitle = widget.NewLabel("")
	o.heatTitle.TextStyle = fyne.TextStyle{Bold: true}
	o.prevYear = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), o.onPrevYear)
	o.nextYear = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), o.onNextYear)
	o.yearLabel = widget.NewLabel("")
	o.yearLabel.Alignment = fyne.TextAlignCenter
	switcher := container.NewHBox(o.prevYear, o.yearLabel, o.nextYear)

	o.heatmap = newHeatmap()
	o.heatmap.onHover = o.onHoverDay
	o.heatmap.onTap = o.onTapDay
	o.dayInfo = widget.NewLabel(lang.L("overview.heatmap.hint"))
	o.season = widget.NewLabel("")
	o.season.Wrapping = fyne.TextWrapWord

	o.weeks = newBarChart()
	weeksTitle := widget.NewLabel(lang.L("overview.weeks.title"))
	weeksTitle.TextStyle = fyne.TextStyle{Bold: true}
	weeksAxis := widget.NewLabel(lang.L("overview.weeks.axis"))
	weeksAxis.TextStyle = fyne.TextStyle{Italic: true}
	weeksAxis.Alignment = fyne.TextAlignCenter

	followTitle := widget.NewLabel(lang.L("overview.follow.title"))
	followTitle.TextStyle = fyne.TextStyle{Bold: true}
	question := widget.NewLabel(lang.L("overview.follow.question"))
	question.TextStyle = fyne.TextStyle{Italic: true}
	o.last30Title = widget.NewLabel("")
	o.last30 = widget.NewLabel("")
	o.last30.Wrapping = fyne.TextWrapWord
	o.last30Bar = newShareBar()
	o.seasonTitle = widget.NewLabel("")
	o.seasonFT = widget.NewLabel("")
	o.seasonFT.Wrapping = fyne.TextWrapWord
	o.seasonBar = newShareBar()
	// The bars line up with the labels' text.
	inset := func(o fyne.CanvasObject) fyne.CanvasObject {
		p := theme.InnerPadding()
		return container.New(layout.NewCustomPaddedLayout(0, 0, p, p), o)
	}
	follow := container.NewVBox(followTitle, question,
		o.last30Title, inset(o.last30Bar), o.last30,
		o.seasonTitle, inset(o.seasonBar), o.seasonFT)

	weeks := container.NewBorder(weeksTitle, weeksAxis, nil, nil, o.weeks)
	o.content = container.NewVBox(
		container.NewGridWithColumns(4, o.cards[0], o.cards[1], o.cards[2], o.cards[3]),
		o.restNote,
		container.NewBorder(nil, nil, o.heatTitle, switcher),
		container.NewCenter(o.heatmap),
		o.dayInfo,
		o.season,
		widget.NewSeparator(),
		container.NewGridWithColumns(2, weeks, follow),
	)
	o.win.SetContent(container.NewVScroll(container.NewPadded(o.content)))
	o.win.Resize(fyne.NewSize(960, 720))
	o.win.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape {
			o.win.Close()
		}
	})
}

// refresh reloads the numbers for the season shown.
func (o *overviewWindow) refresh() {
	ov, err := o.ui.store.Overview(o.ui.ctx, o.year)
	if err != nil {
		o.ui.showError(o.win, err)
		return
	}
	o.show(ov)
}

// show puts an overview on screen.
func (o *overviewWindow) show(ov data.Overview) {
	o.data, o.year = ov, ov.Year
	for i, k := range streakKinds {
		o.cards[i].SetStreak(k.streak(ov.Streaks))
	}
	if ov.RestDays != 0 {
		var names []string
		for i := range 7 {
			d := time.Weekday((i + 1) % 7) // Monday first
			if ov.RestDays.Has(d) {
				names = append(names, weekdayName(d))
			}
		}
		o.restNote.SetText(lang.L("overview.streak.restDays", map[string]any{"Days": strings.Join(names, ", ")}))
		o.restNote.Show()
	} else {
		o.restNote.Hide()
	}

	o.heatTitle.SetText(lang.L("overview.heatmap.title", map[string]any{"Year": ov.Year}))
	o.yearLabel.SetText(seasonTitle(ov.Year))
	setEnabled(o.prevYear, len(ov.Years) > 0 && ov.Year > ov.Years[0])
	setEnabled(o.nextYear, len(ov.Years) > 0 && ov.Year < ov.Years[len(ov.Years)-1])
	o.heatmap.SetDays(ov.Days, ov.Today)
	o.dayInfo.SetText(lang.L("overview.heatmap.hint"))
	o.season.SetText(seasonLine(ov.Season))

	values := make([]int, len(ov.Weeks))
	labels := make([]string, len(ov.Weeks))
	for i, w := range ov.Weeks {
		values[i], labels[i] = w.Wins, shortDate(w.Start)
	}
	o.weeks.SetValues(values, labels)

	l30, sft := ov.Last30FollowThrough, ov.SeasonFollowThrough
	o.last30Title.SetText(followTitle(lang.L("overview.follow.last30"), l30))
	o.last30.SetText(followShares(l30))
	o.last30Bar.SetShares(l30.Yes, l30.Partly, l30.No, l30.Unanswered)
	o.seasonTitle.SetText(followTitle(seasonTitle(ov.Year), sft))
	o.seasonFT.SetText(followShares(sft))
	o.seasonBar.SetShares(sft.Yes, sft.Partly, sft.No, sft.Unanswered)
	// New texts have new widths: lay the window out again.
	o.content.Refresh()
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

func (o *overviewWindow) onPrevYear() {
	o.year = o.data.Year - 1
	o.refresh()
}

func (o *overviewWindow) onNextYear() {
	o.year = o.data.Year + 1
	o.refresh()
}

// onHoverDay shows the day under the pointer, or the hint again.
func (o *overviewWindow) onHoverDay(d *data.DaySummary) {
	if d == nil {
		o.dayInfo.SetText(lang.L("overview.heatmap.hint"))
		return
	}
	o.dayInfo.SetText(dayInfo(*d))
}

// onTapDay opens the day's evening reflection, to read it or make it up.
func (o *overviewWindow) onTapDay(d data.DaySummary) {
	o.dayInfo.SetText(dayInfo(d))
	o.openEvening(d.Day)
}

// streakCard shows one streak: its name, "12 days in a row", "Best: 31"
// and, when the run holds any, how many evenings were made up later.
type streakCard struct {
	widget.BaseWidget
	title  string
	streak data.Streak
}

func newStreakCard(title string) *streakCard {
	c := &streakCard{title: title}
	c.ExtendBaseWidget(c)
	return c
}

// SetStreak shows a streak.
func (c *streakCard) SetStreak(s data.Streak) {
	c.streak = s
	c.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (c *streakCard) CreateRenderer() fyne.WidgetRenderer {
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
	c                        *streakCard
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
	r.bg.FillColor = blend(bg, fg, 0.06)
	r.title.Text, r.title.Color, r.title.TextSize = r.c.title, blend(bg, fg, 0.75), theme.CaptionTextSize()
	r.now.Text, r.now.Color, r.now.TextSize = streakNow(r.c.streak), theme.Color(theme.ColorNamePrimary), theme.TextSize()*1.6
	r.best.Text, r.best.Color, r.best.TextSize = streakBest(r.c.streak), fg, theme.TextSize()
	// Keep the line even when empty, so all cards have the same height.
	r.madeUp.Text, r.madeUp.Color, r.madeUp.TextSize = streakMadeUp(r.c.streak), blend(bg, fg, 0.75), theme.CaptionTextSize()
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

// weeksText is the bar chart's numbers as text, oldest first, for the
// command line.
func weeksText(weeks []data.WeekWins) string {
	parts := make([]string, len(weeks))
	for i, w := range weeks {
		parts[i] = strconv.Itoa(w.Wins)
	}
	return strings.Join(parts, " ")
}
