package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"matchday/app/text"
	mdwidget "matchday/app/widget"
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

	cards       [4]*mdwidget.StreakCard
	weekCard    *mdwidget.StreakCard // the weekly-review streak, in weeks
	restNote    *widget.Label
	offSeason   *widget.Button // opens the off-season dialog
	prevYear    *widget.Button
	nextYear    *widget.Button
	yearLabel   *widget.Label
	heatTitle   *widget.Label
	heatmap     *mdwidget.Heatmap
	dayInfo     *widget.Label
	dayMore     *widget.Label // the day's off-season and earlier seasons
	season      *widget.Label
	clients     *widget.Label // the season's clients
	clientsBtn  *widget.Button
	weeks       *mdwidget.BarChart
	last30Title *widget.Label
	last30      *widget.Label
	last30Bar   *mdwidget.ShareBar
	seasonTitle *widget.Label
	seasonFT    *widget.Label
	seasonBar   *mdwidget.ShareBar
	content     *fyne.Container

	// openEvening opens a day's evening reflection; tests replace it.
	openEvening func(data.Day)
}

// ShowOverview shows the streak overview, with fresh numbers.
func (u *UI) ShowOverview() *overviewWindow {
	if u.overview == nil {
		u.overview = newOverviewWindow(u)
		u.watch()
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
	o.win.Resize(fitScreen(fyne.NewSize(960, 720)))
	o.win.SetOnClosed(func() {
		u.overview = nil
		u.windowClosed()
	})
	o.refresh()
	return o
}

func (o *overviewWindow) buildUI() {
	for i, k := range text.StreakKinds {
		o.cards[i] = mdwidget.NewStreakCard(lang.L(k.Key))
	}
	o.weekCard = mdwidget.NewStreakCard(lang.L("overview.streak.weeklyReview"))
	o.offSeason = widget.NewButtonWithIcon(lang.L("overview.offSeason"), theme.CalendarIcon(), o.onOffSeason)
	o.offSeason.Importance = widget.LowImportance
	o.restNote = widget.NewLabel("")
	o.restNote.TextStyle = fyne.TextStyle{Italic: true}
	o.restNote.Hide()

	o.heatTitle = widget.NewLabel("")
	o.heatTitle.TextStyle = fyne.TextStyle{Bold: true}
	o.prevYear = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), o.onPrevYear)
	o.nextYear = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), o.onNextYear)
	o.yearLabel = widget.NewLabel("")
	o.yearLabel.Alignment = fyne.TextAlignCenter
	switcher := container.NewHBox(o.offSeason, o.prevYear, o.yearLabel, o.nextYear)

	o.heatmap = mdwidget.NewHeatmap()
	o.heatmap.SetLabels(heatmapLabels())
	o.heatmap.OnHover = func(i int) {
		if i < 0 {
			o.onHoverDay(nil)
			return
		}
		d := o.data.Days[i]
		o.onHoverDay(&d)
	}
	o.heatmap.OnTap = func(i int) { o.onTapDay(o.data.Days[i]) }
	o.dayInfo = widget.NewLabel(lang.L("overview.heatmap.hint"))
	o.dayMore = hintLabel("")
	o.dayMore.Hide()
	o.season = widget.NewLabel("")
	o.season.Wrapping = fyne.TextWrapWord
	o.clients = widget.NewLabel("")
	o.clients.Wrapping = fyne.TextWrapWord
	o.clientsBtn = widget.NewButtonWithIcon(lang.L("overview.clients"), theme.AccountIcon(), func() { o.ui.ShowClients() })

	o.weeks = mdwidget.NewBarChart()
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
	o.last30Bar = mdwidget.NewShareBar()
	o.seasonTitle = widget.NewLabel("")
	o.seasonFT = widget.NewLabel("")
	o.seasonFT.Wrapping = fyne.TextWrapWord
	o.seasonBar = mdwidget.NewShareBar()
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
		container.New(&mdwidget.WrapGrid{Min: 2, Max: 4, OnResize: o.onHeatmapResized}, o.cards[0], o.cards[1], o.cards[2], o.cards[3]),
		// The weekly-review streak counts weeks: a card of its own, with
		// the note on rest days beside it.
		container.NewBorder(nil, nil, o.weekCard, nil, container.NewVBox(
			o.restNote, layout.NewSpacer(), container.NewBorder(nil, nil, o.heatTitle, switcher))),
		container.New(&mdwidget.HeatmapFit{Heatmap: o.heatmap, OnResize: o.onHeatmapResized}, o.heatmap),
		o.dayInfo,
		o.dayMore,
		o.season,
		container.NewBorder(nil, nil, nil, container.NewCenter(o.clientsBtn), o.clients),
		widget.NewSeparator(),
		container.New(&mdwidget.WrapGrid{Min: 1, Max: 2, OnResize: o.onHeatmapResized}, weeks, follow),
	)
	o.win.SetContent(container.NewVScroll(container.NewPadded(o.content)))
	o.ui.addWindowKeys(o.win)
	o.win.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape && !o.ui.escapeOverlay(o.win) {
			o.win.Close()
		}
	})
}

// onHeatmapResized lays the window out again for a new height: the
// heatmap's cells or the rows of cards changed with the window's width.
func (o *overviewWindow) onHeatmapResized() {
	relayout := func() {
		if c := o.win.Content(); c != nil {
			c.Refresh() // the scroll gives its content the new height
		}
	}
	if !o.ui.live {
		relayout() // tests: fyne.Do would run on another goroutine
		return
	}
	// After the layout pass this is called from, which would otherwise
	// place what follows the heatmap at its old height.
	go fyne.Do(relayout)
}

// relabel redraws the window in the language just chosen, on the season
// it shows.
func (o *overviewWindow) relabel() {
	o.win.SetTitle(lang.L("overview.title"))
	o.buildUI()
	o.show(o.data)
}

// journalChanged is the journal watcher's call: fresh numbers for the
// season shown.
func (o *overviewWindow) journalChanged() { o.refresh() }

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
	for i, k := range text.StreakKinds {
		st := k.Streak(ov.Streaks)
		o.cards[i].SetLines(text.StreakNow(st), text.StreakBest(st), text.StreakMadeUp(st))
	}
	wr := ov.Streaks.WeeklyReview
	o.weekCard.SetLines(text.WeekStreakNow(wr), text.StreakBest(wr), text.StreakMadeUp(wr))
	if ov.RestDays != 0 {
		var names []string
		for i := range 7 {
			d := time.Weekday((i + 1) % 7) // Monday first
			if ov.RestDays.Has(d) {
				names = append(names, text.WeekdayName(d))
			}
		}
		o.restNote.SetText(lang.L("overview.streak.restDays", map[string]any{"Days": strings.Join(names, ", ")}))
		o.restNote.Show()
	} else {
		o.restNote.Hide()
	}

	o.heatTitle.SetText(lang.L("overview.heatmap.title", map[string]any{"Year": ov.Year}))
	o.yearLabel.SetText(text.SeasonTitle(ov.Year))
	setEnabled(o.prevYear, len(ov.Years) > 0 && ov.Year > ov.Years[0])
	setEnabled(o.nextYear, len(ov.Years) > 0 && ov.Year < ov.Years[len(ov.Years)-1])
	o.heatmap.SetDays(heatDays(ov.Days, ov.Today))
	o.dayInfo.SetText(lang.L("overview.heatmap.hint"))
	o.dayMore.Hide()
	o.season.SetText(text.SeasonLine(ov.Season))
	o.clients.SetText(text.SeasonClientsLine(ov.Year, ov.Season.Clients, ov.Currency))

	values := make([]int, len(ov.Weeks))
	labels := make([]string, len(ov.Weeks))
	for i, w := range ov.Weeks {
		values[i], labels[i] = w.Wins, text.ShortDate(w.Start)
	}
	o.weeks.SetValues(values, labels)

	l30, sft := ov.Last30FollowThrough, ov.SeasonFollowThrough
	o.last30Title.SetText(text.FollowTitle(lang.L("overview.follow.last30"), l30))
	o.last30.SetText(text.FollowShares(l30))
	o.last30Bar.SetShares(l30.Yes, l30.Partly, l30.No, l30.Unanswered)
	o.seasonTitle.SetText(text.FollowTitle(text.SeasonTitle(ov.Year), sft))
	o.seasonFT.SetText(text.FollowShares(sft))
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
		o.dayMore.Hide()
		return
	}
	o.showDay(*d)
}

// onTapDay opens the day's evening reflection, to read it or make it up.
func (o *overviewWindow) onTapDay(d data.DaySummary) {
	o.showDay(d)
	o.openEvening(d.Day)
}

// showDay puts a day's details under the heatmap: its summary, and, when
// they hold anything, its off-season and the same day in earlier seasons.
func (o *overviewWindow) showDay(d data.DaySummary) {
	o.dayInfo.SetText(text.DayInfo(d))
	var more []string
	if r, ok := o.data.OffSeasonOn(d.Day); ok {
		more = append(more, text.OffSeasonDayLine(r))
	}
	past, err := o.ui.store.EarlierSeasons(o.ui.ctx, d.Day)
	if err != nil {
		o.ui.showError(o.win, err)
	} else if line := text.EarlierSeasonsLine(past); line != "" {
		more = append(more, line)
	}
	if len(more) == 0 {
		o.dayMore.Hide()
	} else {
		o.dayMore.SetText(strings.Join(more, "\n"))
		o.dayMore.Show()
	}
	o.content.Refresh() // the details' height changes
}

// onOffSeason opens the off-season dialog, starting a new range today.
func (o *overviewWindow) onOffSeason() {
	o.ui.showOffSeasons(o.win, o.ui.today(o.win), o.refresh)
}

// heatDays are a season's days as the heatmap draws them.
func heatDays(days []data.DaySummary, today data.Day) []mdwidget.HeatDay {
	out := make([]mdwidget.HeatDay, len(days))
	for i, d := range days {
		out[i] = mdwidget.HeatDay{
			Date: d.Day.Date(time.UTC), Wins: d.Wins,
			Celebrated: d.Celebrated, MadeUp: d.MadeUp, Future: d.Day.After(today),
			OffSeason: d.OffSeason,
		}
	}
	return out
}

// heatmapLabels are the heatmap's words in the current language.
func heatmapLabels() mdwidget.HeatmapLabels {
	l := mdwidget.HeatmapLabels{
		Monday:     text.WeekdayShort(time.Monday),
		Wednesday:  text.WeekdayShort(time.Wednesday),
		Friday:     text.WeekdayShort(time.Friday),
		Fewer:      lang.L("overview.legend.fewer"),
		More:       lang.L("overview.legend.more"),
		Celebrated: lang.L("overview.legend.celebrated"),
		MadeUp:     lang.L("overview.legend.madeUp"),
		OffSeason:  lang.L("overview.legend.offSeason"),
	}
	for m := range l.Months {
		l.Months[m] = text.MonthShort(time.Month(m + 1))
	}
	return l
}
