package data

import (
	"context"
	"fmt"
	"slices"
)

// WeekReview is what the matchweek review window and `matchday week` show
// for one week, Monday to Sunday: the wins by day, the best day, the clients
// who came back, how the week's focus was trained, the week's "How do I
// repeat it?" answers side by side, and the review itself, whose theme
// answers "What do I train next week?".
type WeekReview struct {
	Week Day `json:"week"` // the Monday
	End  Day `json:"end"`  // the Sunday
	// ReviewDay is the day the week is reviewed on, by the settings.
	ReviewDay Day `json:"review_day"`
	// Days are the seven days, Monday first; days after today are empty.
	Days []WeekDay `json:"days"`
	Wins int       `json:"wins"`
	// BestDay is the day with the most wins (the earlier one on a tie), nil
	// in a week without wins.
	BestDay          *DayWins          `json:"best_day"`
	ReturningClients []ReturningClient `json:"returning_clients"`
	// FollowThrough is the evening's "Did you train it?" on the week's
	// trained days; an open today is left out.
	FollowThrough FollowThrough `json:"follow_through"`
	// RepeatHow are the week's answers to "How do I repeat it?", by day.
	RepeatHow []DayText `json:"repeat_how"`
	// Theme is the review's answer to "What do I train next week?", saved
	// or drafted; "" when there is none.
	Theme    string `json:"theme"`
	Reviewed bool   `json:"reviewed"`
	MadeUp   bool   `json:"made_up"`
	// Review is the review record, nil when none was started.
	Review *Review `json:"review"`
	// PreviousTheme is the theme of the week before, the one this week
	// trained ("" when that week has no saved review).
	PreviousTheme string `json:"previous_theme"`
}

// WeekDay is one day of a reviewed week.
type WeekDay struct {
	Day Day `json:"day"`
	// Wins are the day's wins, oldest first, without deleted ones.
	Wins []Win `json:"wins"`
	// Focus and PlanWhen are the day's saved focus ("" without one).
	Focus       string      `json:"focus"`
	PlanWhen    string      `json:"plan_when"`
	FocusResult FocusResult `json:"focus_result"`
	Celebrated  bool        `json:"celebrated"`
	// Rest and OffSeason say the day is a rest weekday or in the
	// off-season: it neither counts nor breaks a streak.
	Rest      bool `json:"rest"`
	OffSeason bool `json:"off_season"`
}

// DayWins is a day and its number of wins.
type DayWins struct {
	Day  Day `json:"day"`
	Wins int `json:"wins"`
}

// DayText is a day and a text written on it.
type DayText struct {
	Day  Day    `json:"day"`
	Text string `json:"text"`
}

// ReturningClient is a client who came back in the week: a win of theirs
// in it is on a later day than their first win ever (they won before the
// week, or on an earlier day of it), as the clients window counts a client
// who came back. Names match as ClientKey matches them ("anna ", "Anna"
// and "ÄNNA" are one client).
type ReturningClient struct {
	// Name is the client as written in their first win ever.
	Name string `json:"name"`
	// Wins are their wins in the week, EarlierWins those before it.
	Wins        int `json:"wins"`
	EarlierWins int `json:"earlier_wins"`
	// FirstDay is the day of their first win ever.
	FirstDay Day `json:"first_day"`
}

// WeekReview loads the review of the week that day lies in. A week that
// has not started is refused with ErrFutureWeek.
func (s *Store) WeekReview(ctx context.Context, day Day) (WeekReview, error) {
	week := day.WeekStart()
	if err := checkDay(week); err != nil {
		return WeekReview{}, fmt.Errorf("data: week review: %w", err)
	}
	set, err := s.Settings(ctx)
	if err != nil {
		return WeekReview{}, err
	}
	today := DayOf(s.now(), set.DayStartHour)
	if week.After(today) {
		return WeekReview{}, fmt.Errorf("data: week review: the week of %s %w", week, ErrFutureWeek)
	}
	end := week.AddDays(6)
	v := WeekReview{Week: week, End: end, ReviewDay: ReviewDayOf(week, set.ReviewDay),
		ReturningClients: []ReturningClient{}, RepeatHow: []DayText{}}
	err = s.readSnapshot(ctx, func(q queryer) error {
		from, to := week.String(), end.String()
		wins, err := queryWins(ctx, q, `WHERE day BETWEEN ? AND ? AND deleted_at IS NULL ORDER BY day, created_at, uuid`, from, to)
		if err != nil {
			return err
		}
		mornings, err := queryMornings(ctx, q, `WHERE day BETWEEN ? AND ? AND set_at IS NOT NULL`, from, to)
		if err != nil {
			return err
		}
		evenings, err := queryEvenings(ctx, q, `WHERE day BETWEEN ? AND ?`, from, to)
		if err != nil {
			return err
		}
		off, err := queryOffSeasons(ctx, q, `WHERE deleted_at IS NULL AND from_day <= ? AND to_day >= ?`, to, from)
		if err != nil {
			return err
		}
		cal := NewCalendar(set.RestDays, off)
		v.Days = make([]WeekDay, 7)
		for i := range v.Days {
			d := &v.Days[i]
			d.Day = week.AddDays(i)
			d.Wins = []Win{}
			d.Rest = cal.Rest(d.Day)
			_, d.OffSeason = cal.OffSeason(d.Day)
		}
		for _, w := range wins {
			d := &v.Days[w.Day.DaysSince(week)]
			d.Wins = append(d.Wins, w)
			v.Wins++
		}
		for _, m := range mornings {
			d := &v.Days[m.Day.DaysSince(week)]
			d.Focus, d.PlanWhen = m.Focus, m.PlanWhen
		}
		for _, e := range evenings {
			d := &v.Days[e.Day.DaysSince(week)]
			d.FocusResult, d.Celebrated = e.FocusResult, e.Celebrated()
			if e.RepeatHow != "" {
				v.RepeatHow = append(v.RepeatHow, DayText{Day: e.Day, Text: e.RepeatHow})
			}
		}
		slices.SortFunc(v.RepeatHow, func(a, b DayText) int { return a.Day.t.Compare(b.Day.t) })
		for _, d := range v.Days {
			if len(d.Wins) > 0 && (v.BestDay == nil || len(d.Wins) > v.BestDay.Wins) {
				v.BestDay = &DayWins{Day: d.Day, Wins: len(d.Wins)}
			}
			if d.Day.After(today) || (d.Day == today && d.FocusResult == FocusUnanswered) {
				continue
			}
			v.FollowThrough.add(DaySummary{Trained: d.Focus != "", FocusResult: d.FocusResult})
		}
		if v.ReturningClients, err = returningClients(ctx, q, week, wins); err != nil {
			return err
		}
		if r, err := reviewOf(ctx, q, week); err == nil {
			v.Review, v.Theme, v.Reviewed, v.MadeUp = &r, r.Theme, r.Reviewed(), r.MadeUp
		} else if !isNotFound(err) {
			return err
		}
		if r, err := reviewOf(ctx, q, week.AddDays(-7)); err == nil && r.Reviewed() {
			v.PreviousTheme = r.Theme
		} else if err != nil && !isNotFound(err) {
			return err
		}
		return nil
	})
	if err != nil {
		return WeekReview{}, fmt.Errorf("data: week review of %s: %w", week, err)
	}
	return v, nil
}

// returningClients finds the clients of the week's wins (in day order) who
// came back: one query counts every client's wins before the week, by the
// name as written; the names are then matched by ClientKey.
func returningClients(ctx context.Context, q queryer, week Day, wins []Win) ([]ReturningClient, error) {
	out := []ReturningClient{}
	index := map[string]int{}
	lastDay := map[int]Day{} // a client's last win day in the week
	for _, w := range wins {
		if w.Client == "" {
			continue
		}
		key := ClientKey(w.Client)
		i, ok := index[key]
		if !ok {
			i = len(out)
			index[key] = i
			out = append(out, ReturningClient{Name: w.Client, FirstDay: w.Day})
		}
		out[i].Wins++
		lastDay[i] = w.Day
	}
	if len(out) == 0 {
		return out, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT client, count(*), min(day) FROM wins
		WHERE deleted_at IS NULL AND client <> '' AND day < ? GROUP BY client`, week.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			name, first string
			n           int
		)
		if err := rows.Scan(&name, &n, &first); err != nil {
			return nil, err
		}
		i, ok := index[ClientKey(name)]
		if !ok {
			continue
		}
		out[i].EarlierWins += n
		if d, err := ParseDay(first); err == nil && d.Before(out[i].FirstDay) {
			out[i].FirstDay, out[i].Name = d, name
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	returning := out[:0]
	for i, c := range out {
		if lastDay[i].After(c.FirstDay) {
			returning = append(returning, c)
		}
	}
	return returning, nil
}
