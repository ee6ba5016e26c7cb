package widget

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Calendar is a month of days to pick one from, weeks starting on Monday.
// Days after Last (and before First) are greyed out and cannot be picked,
// and the month buttons stop at their months: a journal day is never in
// the future. Fyne's own calendar cannot disable a day.
//
// Days are dates at midnight UTC; MonthTitle and Weekdays give the words,
// so the widget needs no translations.
type Calendar struct {
	widget.BaseWidget

	// First and Last are the earliest and latest days that can be picked.
	First, Last time.Time
	// MonthTitle names a month for the heading ("November 2026").
	MonthTitle func(month time.Time) string
	// Weekdays head the columns, Monday first.
	Weekdays [7]string
	// OnPicked gets the day tapped.
	OnPicked func(day time.Time)

	shown    time.Time // the first of the month on show
	selected time.Time
	box      *fyne.Container
	prev     *widget.Button
	next     *widget.Button
	title    *widget.Label
	days     []*widget.Button
}

// NewCalendar shows the month of selected, with selected marked.
func NewCalendar(selected, first, last time.Time, onPicked func(time.Time)) *Calendar {
	c := &Calendar{First: dateOf(first), Last: dateOf(last), OnPicked: onPicked, selected: dateOf(selected)}
	c.MonthTitle = func(m time.Time) string { return m.Format("January 2006") }
	c.Weekdays = [7]string{"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"}
	c.shown = firstOfMonth(c.selected)
	c.prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { c.ShowMonth(c.shown.AddDate(0, -1, 0)) })
	c.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { c.ShowMonth(c.shown.AddDate(0, 1, 0)) })
	c.prev.Importance, c.next.Importance = widget.LowImportance, widget.LowImportance
	c.title = widget.NewLabel("")
	c.title.Alignment = fyne.TextAlignCenter
	c.box = container.NewVBox()
	c.ExtendBaseWidget(c)
	c.build()
	return c
}

// CreateRenderer implements fyne.Widget.
func (c *Calendar) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(c.box) }

// Refresh draws the calendar anew, with its words and limits as set now.
func (c *Calendar) Refresh() {
	c.build()
	c.BaseWidget.Refresh()
}

// ShowMonth shows the month of day, kept between First's and Last's months.
func (c *Calendar) ShowMonth(day time.Time) {
	m := firstOfMonth(dateOf(day))
	if !c.First.IsZero() && m.Before(firstOfMonth(c.First)) {
		m = firstOfMonth(c.First)
	}
	if !c.Last.IsZero() && m.After(firstOfMonth(c.Last)) {
		m = firstOfMonth(c.Last)
	}
	c.shown = m
	c.build()
	c.box.Refresh()
}

// Shown is the first day of the month on show.
func (c *Calendar) Shown() time.Time { return c.shown }

// Day is the button of day n (from 1) of the month on show.
func (c *Calendar) Day(n int) *widget.Button { return c.days[n-1] }

// Prev and Next are the buttons to the month before and after.
func (c *Calendar) Prev() *widget.Button { return c.prev }

// Next is the button to the month after.
func (c *Calendar) Next() *widget.Button { return c.next }

// build fills the box for the month on show.
func (c *Calendar) build() {
	c.title.SetText(c.MonthTitle(c.shown))
	setEnabled(c.prev, c.First.IsZero() || c.shown.After(firstOfMonth(c.First)))
	setEnabled(c.next, c.Last.IsZero() || c.shown.Before(firstOfMonth(c.Last)))
	cells := make([]fyne.CanvasObject, 0, 7+6*7)
	for _, w := range c.Weekdays {
		l := widget.NewLabel(w)
		l.Alignment = fyne.TextAlignCenter
		cells = append(cells, l)
	}
	for i := 0; i < (int(c.shown.Weekday())+6)%7; i++ { // Monday first
		cells = append(cells, layout.NewSpacer())
	}
	c.days = c.days[:0]
	for d := c.shown; d.Month() == c.shown.Month(); d = d.AddDate(0, 0, 1) {
		day := d
		b := widget.NewButton(strconv.Itoa(d.Day()), func() {
			if c.OnPicked != nil {
				c.OnPicked(day)
			}
		})
		b.Importance = widget.LowImportance
		if day.Equal(c.selected) {
			b.Importance = widget.HighImportance
		}
		if (!c.Last.IsZero() && day.After(c.Last)) || (!c.First.IsZero() && day.Before(c.First)) {
			b.Disable()
		}
		c.days = append(c.days, b)
		cells = append(cells, b)
	}
	c.box.Objects = []fyne.CanvasObject{
		container.NewBorder(nil, nil, c.prev, c.next, c.title),
		container.NewGridWithColumns(7, cells...),
	}
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// dateOf is t's calendar date at midnight UTC.
func dateOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func firstOfMonth(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}
