package ui

import (
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

// weekWindow is the matchweek review: the week's wins by day, the best day,
// the clients who came back, how the week's focus was trained, the week's
// "How do I repeat it?" answers side by side, and one question: "What do I
// train next week?". The theme autosaves as a draft; Save review saves it,
// and it becomes the suggested focus of every morning of the next week.
// It is a ritual window on a week: its day is the week's Monday.
type weekWindow struct {
	ritualWindow

	view data.WeekReview

	summary      *widget.Label
	chart        *mdwidget.BarChart
	winLines     *fyne.Container
	clientsTitle *widget.Label
	clients      *fyne.Container
	followTitle  *widget.Label
	followBar    *mdwidget.ShareBar
	follow       *widget.Label
	repeatTitle  *widget.Label
	repeat       *fyne.Container
	noRepeat     *widget.Label
	previous     *widget.Label
	question     *widget.Label
	theme        *widget.Entry
	themeErr     *widget.Label
	counter      *widget.Label
	save         *widget.Button
	saveTip      *widget.Label
}

// ShowWeek shows the review of the week that day lies in; for the zero Day,
// the week up for review (on Sunday this week, from Monday to Saturday the
// week before; see data.ReviewWeekOn). If the window is open it is raised
// and switched to that week, its draft saved first.
func (u *UI) ShowWeek(day data.Day) *weekWindow {
	w := u.week
	if w == nil {
		w = newWeekWindow(u)
		u.week = w
	}
	if day.IsZero() {
		var err error
		if day, err = u.store.ReviewWeek(u.ctx); err != nil {
			u.showError(w.win, err)
			day = u.today(nil)
		}
	}
	w.show(day.WeekStart())
	if w.win.Canvas().Focused() == nil {
		w.win.Canvas().Focus(w.theme)
	}
	return w
}

func newWeekWindow(u *UI) *weekWindow {
	w := &weekWindow{}
	forget := func() {
		if u.week == w {
			u.week = nil
		}
	}
	w.ritualWindow = newRitualWindow(u, "week", w, "week.save.tip", forget)
	w.buildUI()
	w.start(fyne.NewSize(760, 820))
	return w
}

func (w *weekWindow) buildUI() {
	w.switcher = newWeekSwitcher(w.win, func() data.Day { return w.ui.today(nil) }, w.switchTo)

	w.summary = widget.NewLabel("")
	w.summary.TextStyle = fyne.TextStyle{Bold: true}
	w.summary.SizeName = theme.SizeNameSubHeadingText
	w.summary.Wrapping = fyne.TextWrapWord
	w.chart = mdwidget.NewBarChart()
	w.chart.EveryLabel = true
	w.winLines = container.NewVBox()

	w.clientsTitle = sectionLabel(lang.L("week.clients.title"))
	w.clients = container.NewVBox()

	w.followTitle = sectionLabel(lang.L("week.follow.title"))
	w.followBar = mdwidget.NewShareBar()
	w.follow = widget.NewLabel("")
	w.follow.Wrapping = fyne.TextWrapWord

	w.repeatTitle = sectionLabel(lang.L("evening.repeatHow"))
	w.repeat = container.NewGridWithColumns(3)
	w.noRepeat = hintLabel(lang.L("week.repeat.none"))

	w.previous = hintLabel("")
	w.question = promptLabel(lang.L("week.question"))
	w.question.SizeName = theme.SizeNameSubHeadingText
	w.theme = widget.NewEntry()
	w.theme.SetPlaceHolder(lang.L("week.placeholder"))
	w.theme.OnChanged = func(string) { w.onChanged() }
	w.theme.OnSubmitted = func(string) {
		if !w.save.Disabled() {
			w.onSave()
		}
	}
	w.themeErr = widget.NewLabel("")
	w.themeErr.Importance = widget.DangerImportance
	w.themeErr.Wrapping = fyne.TextWrapWord
	w.themeErr.Hide()
	w.counter = hintLabel("")
	w.counter.Alignment = fyne.TextAlignTrailing
	w.counter.Wrapping = fyne.TextWrapOff

	w.status = hintLabel("")
	w.saveTip = hintLabel(lang.L("week.save.tip"))
	w.save = widget.NewButtonWithIcon(lang.L("week.save"), theme.ConfirmIcon(), w.onSave)
	w.save.Importance = widget.HighImportance

	p := theme.InnerPadding()
	inset := func(o fyne.CanvasObject) fyne.CanvasObject {
		return container.New(layout.NewCustomPaddedLayout(0, 0, p, p), o)
	}
	w.body = container.NewVBox(
		w.summary,
		container.NewGridWithColumns(2,
			w.chart,
			container.NewVBox(w.clientsTitle, w.clients, w.followTitle, inset(w.followBar), w.follow),
		),
		w.winLines,
		w.repeatTitle, w.repeat, w.noRepeat,
	)
	w.win.SetContent(w.layout())
}

// layout lays out the window: the week switcher on top, the week's numbers
// and answers scrolling in the middle, and at the bottom, always in view,
// the question with its answer, the status line and Save review.
func (w *weekWindow) layout() fyne.CanvasObject {
	answer := container.NewVBox(
		widget.NewSeparator(),
		w.previous,
		w.question,
		hintLabel(lang.L("week.hint")),
		w.theme,
		container.NewBorder(nil, nil, nil, w.counter, w.themeErr),
		widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, container.NewCenter(w.save), container.NewVBox(w.status, w.saveTip)),
	)
	return container.NewBorder(
		container.NewVBox(w.switcher.content(), widget.NewSeparator()),
		container.NewPadded(answer), nil, nil,
		container.NewVScroll(container.NewPadded(w.body)),
	)
}

// sectionLabel is the heading of one part of the review.
func sectionLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.TextStyle = fyne.TextStyle{Bold: true}
	return l
}

// relabel redraws the window in the language just chosen, keeping the week
// and the theme typed (saved or not).
func (w *weekWindow) relabel() {
	old := w.theme
	hadCursor := w.win.Canvas().Focused() == old
	w.win.SetTitle(lang.L("week.title"))
	w.buildUI()
	w.switcher.setDay(w.day)
	w.showView()
	w.loading = true
	keepTyping(w.theme, old)
	w.loading = false
	w.updateState()
	w.status.SetText(w.standingText())
	if hadCursor {
		w.win.Canvas().Focus(w.theme)
	}
	w.body.Refresh()
}

// load fills the window for the week starting on monday.
func (w *weekWindow) load(monday data.Day) {
	v, err := w.ui.store.WeekReview(w.ui.ctx, monday)
	if err != nil {
		w.ui.showError(w.win, err)
		return
	}
	w.day, w.view = v.Week, v
	w.switcher.setDay(v.Week)
	w.showView()
	w.loading = true
	w.theme.SetText(v.Theme)
	w.loading = false
	w.saver.discard()
	w.updateState()
	w.status.SetText(w.standingText())
	w.body.Refresh() // lay out again: rows came and went
}

// refreshDay shows the week as the journal has it now (a win logged, an
// evening written elsewhere), and its theme too, unless something typed
// here is not saved yet. The journal watcher calls it.
func (w *weekWindow) refreshDay() {
	v, err := w.ui.store.WeekReview(w.ui.ctx, w.day)
	if err != nil {
		w.ui.showError(w.win, err)
		return
	}
	wasReviewed := w.view.Reviewed
	w.view = v
	w.showView()
	if !w.saver.pending() && w.theme.Text != v.Theme {
		w.loading = true
		w.theme.SetText(v.Theme)
		w.loading = false
		w.updateState()
	}
	if v.Reviewed != wasReviewed {
		w.status.SetText(w.standingText())
	}
	w.body.Refresh()
}

// showView puts the week's numbers and answers in the widgets.
func (w *weekWindow) showView() {
	v := w.view
	line := text.Plural("cli.week.wins", v.Wins)
	if best := text.BestDayLine(v.BestDay); best != "" {
		line += " · " + best
	}
	w.summary.SetText(line)

	values := make([]int, len(v.Days))
	labels := make([]string, len(v.Days))
	var lines []fyne.CanvasObject
	for i, d := range v.Days {
		values[i], labels[i] = len(d.Wins), text.WeekdayShort(d.Day.Weekday())
		if len(d.Wins) == 0 {
			continue
		}
		l := widget.NewLabel(text.WeekWinsLine(d))
		l.Wrapping = fyne.TextWrapWord
		if d.OffSeason {
			l.SetText(l.Text + " (" + lang.L("cli.week.offSeason") + ")")
		}
		lines = append(lines, l)
	}
	w.chart.SetValues(values, labels)
	w.winLines.Objects = lines
	w.winLines.Refresh()

	var clients []fyne.CanvasObject
	for _, c := range v.ReturningClients {
		l := widget.NewLabel(text.ReturningClientLine(c))
		l.Wrapping = fyne.TextWrapWord
		clients = append(clients, container.NewBorder(nil, nil,
			widget.NewIcon(theme.NewPrimaryThemedResource(theme.AccountIcon())), nil, l))
	}
	w.clients.Objects = clients
	w.clients.Refresh()
	w.clientsTitle.Hidden = len(clients) == 0
	w.clients.Hidden = len(clients) == 0

	f := v.FollowThrough
	w.followTitle.SetText(text.FollowTitle(lang.L("week.follow.title"), f))
	w.followBar.SetShares(f.Yes, f.Partly, f.No, f.Unanswered)
	w.follow.SetText(text.FollowShares(f))

	// The answers side by side, a card a day.
	var cards []fyne.CanvasObject
	for _, r := range v.RepeatHow {
		day := widget.NewLabel(text.WeekdayName(r.Day.Weekday()))
		day.TextStyle = fyne.TextStyle{Bold: true}
		answer := widget.NewLabel(r.Text)
		answer.Wrapping = fyne.TextWrapWord
		cards = append(cards, widget.NewCard("", "", container.NewVBox(day, answer)))
	}
	w.repeat.Objects = cards
	w.repeat.Layout = layout.NewGridLayoutWithColumns(min(max(len(cards), 1), 3))
	w.repeat.Refresh()
	w.repeat.Hidden = len(cards) == 0
	w.noRepeat.Hidden = len(cards) > 0

	if v.PreviousTheme != "" {
		w.previous.SetText(lang.L("week.previous", map[string]any{"Theme": text.OneLine(v.PreviousTheme)}))
		w.previous.Show()
	} else {
		w.previous.Hide()
	}
}

// standingText says where the week's review stands.
func (w *weekWindow) standingText() string {
	v := w.view
	switch {
	case v.Reviewed && v.MadeUp && v.Review != nil:
		return lang.L("week.status.madeUp", map[string]any{"Day": v.Review.ReviewedAt.In(w.ui.now().Location()).Format("2006-01-02")})
	case v.Reviewed:
		return lang.L("week.status.saved")
	case w.ui.today(nil).After(v.End):
		return lang.L("week.status.late")
	}
	return lang.L("week.status.open")
}

// updateState shows the length, the inline error, and enables Save review
// when there is a theme that fits.
func (w *weekWindow) updateState() {
	n := data.TextLen(w.theme.Text)
	w.counter.SetText(lang.L("morning.counter", map[string]any{"Len": n, "Max": data.MaxTheme}))
	tooLong := showLengthError(w.themeErr, w.theme.Text, data.MaxTheme)
	setEnabled(w.save, n > 0 && !tooLong)
	w.saveTip.Hidden = n > 0
	w.saveTip.Refresh()
}

// saved reports whether the week's review is saved, so a draft save is an
// edit of it.
func (w *weekWindow) saved() bool { return w.view.Reviewed }

// closing has nothing to stop.
func (w *weekWindow) closing() {}

// saveDraft is the draft saver's save (an edit, once the review is saved).
func (w *weekWindow) saveDraft() error {
	r, err := w.ui.store.SaveReviewDraft(w.ui.ctx, w.day, w.theme.Text)
	if err != nil {
		return err
	}
	w.view.Review, w.view.Theme = &r, r.Theme
	w.afterThemeChange()
	return nil
}

// onSave saves the review: the week counts for the weekly-review streak,
// and its theme is the next week's suggested focus.
func (w *weekWindow) onSave() {
	r, err := w.ui.store.SaveReview(w.ui.ctx, w.day, w.theme.Text)
	if err != nil {
		w.saveFailed(err)
		return
	}
	w.saver.discard()
	w.view.Review, w.view.Theme, w.view.Reviewed, w.view.MadeUp = &r, r.Theme, true, r.MadeUp
	w.loading = true
	w.theme.SetText(r.Theme) // as stored: trimmed, normalised
	w.loading = false
	w.status.SetText(w.standingText())
	w.afterThemeChange()
}

// afterThemeChange lets the main window and the morning show the theme.
func (w *weekWindow) afterThemeChange() {
	if w.ui.main != nil {
		w.ui.main.reload()
	}
	if m := w.ui.morning; m != nil && !m.day.IsZero() {
		m.refreshDay()
	}
}
