package data

import (
	"errors"
	"fmt"
	"time"
)

// Why a write for a day is refused: a day is never in the future, and no
// journal day comes before FirstDay.
var (
	ErrFutureDay     = errors.New("the day is in the future")
	ErrDayOutOfRange = errors.New("the day is before 1900-01-01")
)

// FirstDay is the earliest day a journal holds, 1 January 1900; ParseDay
// reads nothing earlier.
func FirstDay() Day { return NewDay(1900, time.January, 1) }

// checkWriteDay refuses to write for a day after today or before FirstDay.
func checkWriteDay(day, today Day) error {
	switch {
	case day.After(today):
		return fmt.Errorf("%s is after today (%s): %w", day, today, ErrFutureDay)
	case day.Before(FirstDay()):
		return fmt.Errorf("%s: %w", day, ErrDayOutOfRange)
	}
	return nil
}

// DefaultDayStartHour is the hour at which a new logical day begins: a win
// logged at 01:30 still belongs to the evening before.
const DefaultDayStartHour = 4

// MaxDayStartHour is the latest hour a day may start at.
const MaxDayStartHour = 6

const dayLayout = "2006-01-02"

// Day is a logical journal day: a calendar date with no time and no zone.
// The zero Day is "no day". Days compare with ==, Before and After.
type Day struct {
	t time.Time // midnight UTC of the date
}

// DayOf returns the logical day that the wall-clock time t belongs to when
// days start at startHour. It reads t's own wall clock (t's location), so a
// DST change or a trip moves the hour hand, never the date: the day is the
// calendar date of t, minus one when t is before startHour.
//
// This is the one place in Matchday that turns a time into a day; a record's
// day is computed once, when it is written, and stored.
func DayOf(t time.Time, startHour int) Day {
	if startHour < 0 || startHour > MaxDayStartHour {
		startHour = DefaultDayStartHour
	}
	y, m, d := t.Date()
	day := NewDay(y, m, d)
	if t.Hour() < startHour {
		day = day.AddDays(-1)
	}
	return day
}

// NewDay returns the day y-m-d, normalising out-of-range values like time.Date.
func NewDay(y int, m time.Month, d int) Day {
	return Day{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// ParseDay reads a day written as YYYY-MM-DD, from 1900-01-01 (FirstDay)
// to 9999-12-31.
func ParseDay(s string) (Day, error) {
	t, err := time.Parse(dayLayout, s)
	if err != nil {
		return Day{}, fmt.Errorf("%q is not a day (want YYYY-MM-DD)", s)
	}
	d := Day{t}
	if d.Before(FirstDay()) {
		return Day{}, fmt.Errorf("%q is before 1900-01-01", s)
	}
	return d, nil
}

// String formats the day as YYYY-MM-DD; the zero Day formats as "".
func (d Day) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(dayLayout)
}

// IsZero reports whether d is the zero Day.
func (d Day) IsZero() bool { return d.t.IsZero() }

// AddDays returns the day n days after d (before, for negative n).
func (d Day) AddDays(n int) Day { return Day{d.t.AddDate(0, 0, n)} }

// Before reports whether d comes before e.
func (d Day) Before(e Day) bool { return d.t.Before(e.t) }

// After reports whether d comes after e.
func (d Day) After(e Day) bool { return d.t.After(e.t) }

// DaysSince returns the number of days from e to d (d − e). It counts in
// seconds since 1970, not in time.Duration, which ends after 292 years.
func (d Day) DaysSince(e Day) int {
	return int((d.t.Unix() - e.t.Unix()) / 86400)
}

// Weekday returns the day of the week of d.
func (d Day) Weekday() time.Weekday { return d.t.Weekday() }

// Year returns d's calendar year, the season it belongs to.
func (d Day) Year() int { return d.t.Year() }

// Month returns d's month.
func (d Day) Month() time.Month { return d.t.Month() }

// DayOfMonth returns d's day of the month.
func (d Day) DayOfMonth() int { return d.t.Day() }

// Date returns the day as a time at midnight in loc, for display.
func (d Day) Date(loc *time.Location) time.Time {
	return time.Date(d.t.Year(), d.t.Month(), d.t.Day(), 0, 0, 0, 0, loc)
}

// WeekStart returns the Monday of d's week (ISO weeks start on Monday).
func (d Day) WeekStart() Day {
	back := (int(d.Weekday()) + 6) % 7
	return d.AddDays(-back)
}

// SeasonStart returns 1 January of d's year.
func (d Day) SeasonStart() Day { return NewDay(d.Year(), time.January, 1) }

// MarshalText writes the day as YYYY-MM-DD, for JSON.
func (d Day) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a day written as YYYY-MM-DD.
func (d *Day) UnmarshalText(b []byte) error {
	p, err := ParseDay(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}
