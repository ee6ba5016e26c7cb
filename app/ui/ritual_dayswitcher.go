package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"matchday/app/text"
	mdwidget "matchday/app/widget"
	"matchday/data"
)

// daySwitcher picks the day a ritual window shows: previous and next day,
// and a picker (a calendar, or a day typed as YYYY-MM-DD). It never goes
// past today: the future has no wins to celebrate yet. A weekly switcher
// (the review window's) picks weeks the same way: its day is a Monday, the
// arrows go a week back and forth, and a day picked stands for its week.
type daySwitcher struct {
	win      fyne.Window
	today    func() data.Day
	onChange func(data.Day)
	weekly   bool

	day   data.Day
	prev  *widget.Button
	next  *widget.Button
	pick  *widget.Button
	label *widget.Label

	// The picker pop-up, built each time it opens.
	popup     *widget.PopUp
	calendar  *mdwidget.Calendar
	dateEntry *mdwidget.EscEntry
	dateError *widget.Label
	goButton  *widget.Button
	// popupWidth is the picker's width; PopUp.Size is the whole canvas.
	popupWidth float32

	box *fyne.Container
}

func newDaySwitcher(win fyne.Window, today func() data.Day, onChange func(data.Day)) *daySwitcher {
	s := &daySwitcher{win: win, today: today, onChange: onChange}
	s.buildUI()
	return s
}

// newWeekSwitcher is a daySwitcher for weeks (see daySwitcher).
func newWeekSwitcher(win fyne.Window, today func() data.Day, onChange func(data.Day)) *daySwitcher {
	s := &daySwitcher{win: win, today: today, onChange: onChange, weekly: true}
	s.buildUI()
	return s
}

// step is how far the arrows go, in days.
func (s *daySwitcher) step() int {
	if s.weekly {
		return 7
	}
	return 1
}

func (s *daySwitcher) buildUI() {
	s.prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), s.onPrev)
	s.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), s.onNext)
	pick := lang.L("day.pick")
	if s.weekly {
		pick = lang.L("week.pick")
	}
	s.pick = widget.NewButtonWithIcon(pick, theme.CalendarIcon(), s.onPick)
	s.prev.Importance, s.next.Importance = widget.LowImportance, widget.LowImportance
	s.label = widget.NewLabel("")
	s.label.Alignment = fyne.TextAlignCenter
	s.label.TextStyle = fyne.TextStyle{Bold: true}
	s.box = container.NewBorder(nil, nil, s.prev, container.NewHBox(s.next, s.pick), s.label)
}

// content is the switcher's row, to put at the top of a window.
func (s *daySwitcher) content() fyne.CanvasObject { return s.box }

// setDay shows day without telling onChange.
func (s *daySwitcher) setDay(day data.Day) {
	if s.weekly {
		day = day.WeekStart()
		s.label.SetText(weekTitle(day, s.today()))
	} else {
		s.label.SetText(dayTitle(day, s.today()))
	}
	s.day = day
	if !day.AddDays(s.step()).After(s.today()) {
		s.next.Enable()
	} else {
		s.next.Disable()
	}
	if day.After(data.FirstDay()) {
		s.prev.Enable()
	} else {
		s.prev.Disable()
	}
}

// goTo moves to day (a week: the week day lies in), unless it is in the
// future or before the first day a journal holds, and tells onChange.
func (s *daySwitcher) goTo(day data.Day) bool {
	if s.weekly {
		day = day.WeekStart()
	}
	if day.IsZero() || day.After(s.today()) || day.Before(data.FirstDay()) {
		return false
	}
	s.setDay(day)
	s.onChange(day)
	return true
}

func (s *daySwitcher) onPrev() { s.goTo(s.day.AddDays(-s.step())) }
func (s *daySwitcher) onNext() { s.goTo(s.day.AddDays(s.step())) }

// onPick opens the picker under the pick button.
func (s *daySwitcher) onPick() {
	s.buildPicker() // anew, so the calendar opens on the day shown
	s.dateEntry.SetText(s.day.String())
	s.dateError.Hide()
	c := s.win.Canvas()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.pick)
	pos = pos.Add(fyne.NewPos(s.pick.Size().Width-s.popupWidth, s.pick.Size().Height))
	if pos.X < 0 {
		pos.X = 0
	}
	s.popup.ShowAtPosition(pos)
	c.Focus(s.dateEntry)
}

func (s *daySwitcher) buildPicker() {
	// Days after today are greyed out: they cannot be picked.
	s.calendar = mdwidget.NewCalendar(s.day.Date(time.UTC), data.FirstDay().Date(time.UTC), s.today().Date(time.UTC), func(t time.Time) {
		s.onPicked(data.NewDay(t.Date()))
	})
	s.calendar.MonthTitle = func(m time.Time) string { return text.MonthName(m.Month()) + " " + strconv.Itoa(m.Year()) }
	for i := range s.calendar.Weekdays {
		s.calendar.Weekdays[i] = text.WeekdayShort(time.Weekday((i + 1) % 7))
	}
	s.calendar.Refresh()
	s.dateEntry = mdwidget.NewEscEntry(func() { s.popup.Hide() })
	s.dateEntry.SetPlaceHolder("YYYY-MM-DD")
	s.dateEntry.OnSubmitted = func(string) { s.onDateTyped() }
	s.goButton = widget.NewButton(lang.L("day.go"), s.onDateTyped)
	s.dateError = widget.NewLabel("")
	s.dateError.Importance = widget.DangerImportance
	s.dateError.Wrapping = fyne.TextWrapWord
	s.dateError.Hide()
	box := container.NewVBox(
		s.calendar,
		container.NewBorder(nil, nil, nil, s.goButton, s.dateEntry),
		s.dateError,
	)
	s.popup = widget.NewPopUp(container.NewPadded(box), s.win.Canvas())
	s.popupWidth = max(300, s.popup.MinSize().Width)
	s.popup.Resize(fyne.NewSize(s.popupWidth, s.popup.MinSize().Height))
}

// onDateTyped goes to the day typed in the picker's entry.
func (s *daySwitcher) onDateTyped() {
	typed := strings.TrimSpace(s.dateEntry.Text)
	day, err := data.ParseDay(typed)
	if err != nil {
		if _, perr := time.Parse("2006-01-02", typed); perr == nil {
			s.showDateError(lang.L("day.tooEarly")) // a real date, before 1900
			return
		}
		s.showDateError(lang.L("day.badDate"))
		return
	}
	s.onPicked(day)
}

func (s *daySwitcher) onPicked(day data.Day) {
	if day.After(s.today()) {
		s.showDateError(lang.L("day.future"))
		return
	}
	if day.Before(data.FirstDay()) {
		s.showDateError(lang.L("day.tooEarly"))
		return
	}
	s.popup.Hide()
	s.goTo(day)
}

func (s *daySwitcher) showDateError(msg string) {
	s.dateError.SetText(msg)
	s.dateError.Show()
	s.popup.Resize(fyne.NewSize(s.popupWidth, s.popup.MinSize().Height))
}

// dayTitle names day for a window's heading in the language's one long
// date format: "Today · Thursday, 26 November 2026".
func dayTitle(day, today data.Day) string {
	name := text.LongDate(day)
	switch today.DaysSince(day) {
	case 0:
		return lang.L("day.today") + " · " + name
	case 1:
		return lang.L("day.yesterday") + " · " + name
	}
	return name
}

// weekTitle names a week for the review window's heading: "This week ·
// Matchweek 23–29 November 2026".
func weekTitle(monday, today data.Day) string {
	name := text.MatchweekTitle(monday)
	switch today.WeekStart().DaysSince(monday) {
	case 0:
		return lang.L("week.thisWeek") + " · " + name
	case 7:
		return lang.L("week.lastWeek") + " · " + name
	}
	return name
}
