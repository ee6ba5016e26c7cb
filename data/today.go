package data

import (
	"context"
	"fmt"
)

// TodayView is everything the main window and `matchday today` show for one
// day: the focus, the wins, the counter and whether the evening is done.
type TodayView struct {
	Day     Day      `json:"day"`
	Morning *Morning `json:"morning"`
	Evening *Evening `json:"evening"`
	Wins    []Win    `json:"wins"`
	Counts  Counts   `json:"counts"`
}

// Focus returns the day's set focus, or "".
func (v TodayView) Focus() string {
	if v.Morning != nil && v.Morning.IsSet() {
		return v.Morning.Focus
	}
	return ""
}

// Celebrated reports whether the day's evening was celebrated.
func (v TodayView) Celebrated() bool { return v.Evening != nil && v.Evening.Celebrated() }

// DayView loads the view of one day with a handful of indexed queries.
func (s *Store) DayView(ctx context.Context, day Day) (TodayView, error) {
	v := TodayView{Day: day, Wins: []Win{}}
	var err error
	if v.Wins, err = s.WinsOn(ctx, day); err != nil {
		return v, err
	}
	if v.Wins == nil {
		v.Wins = []Win{}
	}
	if v.Counts, err = s.WinCounts(ctx, day); err != nil {
		return v, err
	}
	if m, err := morningOn(ctx, s.db, day); err == nil {
		v.Morning = &m
	} else if !isNotFound(err) {
		return v, fmt.Errorf("data: morning %s: %w", day, err)
	}
	if e, err := eveningOn(ctx, s.db, day); err == nil {
		v.Evening = &e
	} else if !isNotFound(err) {
		return v, fmt.Errorf("data: evening %s: %w", day, err)
	}
	return v, nil
}
