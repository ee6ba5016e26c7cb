package widget

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// TestCalendarGreysOutFutureDays: the days after Last cannot be picked and
// the month after Last's cannot be shown; the days up to Last and down to
// First can, and the month before First's cannot be shown either.
func TestCalendarGreysOutFutureDays(t *testing.T) {
	test.NewTempApp(t)
	var picked []time.Time
	c := NewCalendar(day(2026, 11, 20), day(1900, 1, 1), day(2026, 11, 26), func(d time.Time) { picked = append(picked, d) })
	if c.Shown() != day(2026, 11, 1) || len(c.days) != 30 {
		t.Fatalf("shows %s with %d days", c.Shown(), len(c.days))
	}
	for n := 1; n <= 30; n++ {
		if c.Day(n).Disabled() != (n > 26) {
			t.Errorf("26 November is today: day %d disabled %v", n, c.Day(n).Disabled())
		}
	}
	test.Tap(c.Day(27))
	test.Tap(c.Day(26))
	if len(picked) != 1 || picked[0] != day(2026, 11, 26) {
		t.Errorf("picked %v, want only the 26th", picked)
	}
	if !c.Next().Disabled() {
		t.Error("December can be shown")
	}
	c.ShowMonth(day(2027, 5, 1))
	if c.Shown() != day(2026, 11, 1) {
		t.Errorf("a month after today's shows: %s", c.Shown())
	}
	test.Tap(c.Prev())
	if c.Shown() != day(2026, 10, 1) || c.Next().Disabled() || c.Day(31).Disabled() {
		t.Errorf("October: shown %s, next disabled %v", c.Shown(), c.Next().Disabled())
	}
	c.ShowMonth(day(1899, 12, 1))
	if c.Shown() != day(1900, 1, 1) || !c.Prev().Disabled() || c.Day(1).Disabled() {
		t.Errorf("January 1900: shown %s, prev disabled %v, 1st disabled %v", c.Shown(), c.Prev().Disabled(), c.Day(1).Disabled())
	}
	test.Tap(c.Day(1))
	if picked[len(picked)-1] != day(1900, 1, 1) {
		t.Errorf("picked %v", picked)
	}
}
