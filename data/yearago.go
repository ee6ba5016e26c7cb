package data

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// PastDay is what an earlier season held on a day: its wins and the
// evening's "What went well?".
type PastDay struct {
	Day Day `json:"day"`
	// Wins are the day's wins, oldest first, without deleted ones.
	Wins []Win `json:"wins"`
	// WentWell is the evening's answer ("" when none was written).
	WentWell string `json:"went_well"`
}

// isLeap reports whether year has a 29 February.
func isLeap(year int) bool { return year%4 == 0 && (year%100 != 0 || year%400 == 0) }

// SameDayIn returns the days of year that count as "the same day" as day:
// the same month and day of the month. 29 February exists only in leap
// years, so it is shown on 28 February of a year without one: on 28
// February of a common year, a leap year's 28 and 29 February are both the
// same day. 29 February itself has the same day only in leap years (so on
// 29 February there is no "a year ago"), and nothing is ever shown twice.
func SameDayIn(year int, day Day) []Day {
	m, d := day.Month(), day.DayOfMonth()
	switch {
	case m == time.February && d == 29:
		if !isLeap(year) {
			return nil
		}
	case m == time.February && d == 28 && !isLeap(day.Year()) && isLeap(year):
		return []Day{NewDay(year, m, 28), NewDay(year, m, 29)}
	}
	return []Day{NewDay(year, m, d)}
}

// YearAgoDays returns the days a year before day (see SameDayIn).
func YearAgoDays(day Day) []Day { return SameDayIn(day.Year()-1, day) }

// YearAgo returns what happened on the same day a year before day (see
// SameDayIn for 29 February): the days with wins or a "What went well?",
// oldest first. ErrNotFound when there was nothing.
func (s *Store) YearAgo(ctx context.Context, day Day) ([]PastDay, error) {
	out, err := s.pastDays(ctx, YearAgoDays(day))
	if err == nil && len(out) == 0 {
		err = ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("data: a year before %s: %w", day, err)
	}
	return out, nil
}

// EarlierSeasons returns what happened on the same day (see SameDayIn) in
// every season before day's, oldest first, for the overview's day details;
// seasons with nothing that day are left out, and the list may be empty.
func (s *Store) EarlierSeasons(ctx context.Context, day Day) ([]PastDay, error) {
	var first *string
	err := s.db.QueryRowContext(ctx, `SELECT min(d) FROM (
		SELECT min(day) AS d FROM day_wins WHERE wins > 0 UNION ALL SELECT min(day) FROM evenings WHERE went_well <> '')`).Scan(&first)
	if err != nil {
		return nil, fmt.Errorf("data: earlier seasons of %s: %w", day, err)
	}
	out := []PastDay{}
	if first == nil {
		return out, nil
	}
	from, err := ParseDay(*first)
	if err != nil {
		return nil, fmt.Errorf("data: earlier seasons of %s: %w", day, err)
	}
	var days []Day
	for y := from.Year(); y < day.Year(); y++ {
		days = append(days, SameDayIn(y, day)...)
	}
	found, err := s.pastDays(ctx, days)
	if err != nil {
		return nil, fmt.Errorf("data: earlier seasons of %s: %w", day, err)
	}
	return append(out, found...), nil
}

// pastDays loads the wins and "What went well?" of days (in order), leaving
// out days with neither.
func (s *Store) pastDays(ctx context.Context, days []Day) ([]PastDay, error) {
	if len(days) == 0 {
		return nil, nil
	}
	args := make([]any, len(days))
	for i, d := range days {
		args[i] = d.String()
	}
	in := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(days)), ", ") + ")"
	wins, err := queryWins(ctx, s.db, `WHERE day IN `+in+` AND deleted_at IS NULL ORDER BY day, created_at, uuid`, args...)
	if err != nil {
		return nil, err
	}
	evenings, err := queryEvenings(ctx, s.db, `WHERE day IN `+in+` AND went_well <> ''`, args...)
	if err != nil {
		return nil, err
	}
	var out []PastDay
	for _, d := range days {
		p := PastDay{Day: d, Wins: []Win{}}
		for _, w := range wins {
			if w.Day == d {
				p.Wins = append(p.Wins, w)
			}
		}
		for _, e := range evenings {
			if e.Day == d {
				p.WentWell = e.WentWell
			}
		}
		if len(p.Wins) > 0 || p.WentWell != "" {
			out = append(out, p)
		}
	}
	return out, nil
}
