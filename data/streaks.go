package data

import (
	"slices"
	"sort"
)

// DaySummary is what one day holds, as far as streaks and the overview care.
type DaySummary struct {
	Day         Day         `json:"day"`
	Wins        int         `json:"wins"`
	Trained     bool        `json:"trained"`
	Celebrated  bool        `json:"celebrated"`
	MadeUp      bool        `json:"made_up"`
	FocusResult FocusResult `json:"focus_result"`
	// Reviewed is set on a Monday whose week's review was saved (not only
	// drafted); ReviewMadeUp when it was saved after the week had ended.
	Reviewed     bool `json:"reviewed"`
	ReviewMadeUp bool `json:"review_made_up"`
	// OffSeason marks a day inside an off-season range (the overview sets
	// it, for the heatmap's shade).
	OffSeason bool `json:"off_season"`
}

// FullMatchday reports whether the day was both trained and celebrated.
func (d DaySummary) FullMatchday() bool { return d.Trained && d.Celebrated }

// WinDay reports whether the day has at least one win.
func (d DaySummary) WinDay() bool { return d.Wins > 0 }

// Streak is one kind of streak: how many days in a row it runs now, and the
// longest run ever. CurrentMadeUp counts the days of the current run whose
// reflection was written after the day had ended; they count, and the
// overview says so.
type Streak struct {
	Current       int `json:"current"`
	Longest       int `json:"longest"`
	CurrentMadeUp int `json:"current_made_up"`
}

// Streaks are the four day streaks of DESIGN.md and the weekly-review
// streak.
type Streaks struct {
	Celebrated   Streak `json:"celebrated"`
	Trained      Streak `json:"trained"`
	FullMatchday Streak `json:"full_matchday"`
	WinDay       Streak `json:"win_day"`
	// WeeklyReview counts weeks, not days: weeks in a row whose matchweek
	// review was saved; CurrentMadeUp counts reviews written after their
	// week had ended.
	WeeklyReview Streak `json:"weekly_review"`
}

// streakRun follows one kind of streak through the days (or weeks) in order.
type streakRun struct {
	counts  func(DaySummary) bool
	madeUp  func(DaySummary) bool
	out     *Streak
	last    Day // last counting day of the run so far
	run     int
	runMade int
}

// add counts unit (a day, or a week's Monday) into the run; next is the
// first unit after the run's last one that can count.
func (r *streakRun) add(d DaySummary, unit Day, next func(Day) Day) {
	if r.run > 0 && next(r.last) == unit {
		r.run++
	} else {
		r.run, r.runMade = 1, 0
	}
	if r.madeUp != nil && r.madeUp(d) {
		r.runMade++
	}
	r.last = unit
	r.out.Longest = max(r.out.Longest, r.run)
}

// finish makes the run current when it reaches now (when now can count) or
// before, the last unit before now that can count.
func (r *streakRun) finish(now, before Day, nowCounts bool) {
	if r.run > 0 && ((nowCounts && r.last == now) || r.last == before) {
		r.out.Current, r.out.CurrentMadeUp = r.run, r.runMade
	}
}

// ComputeStreaks is the one streak rule. days must be in ascending order of
// Day, at most one summary per day; days after today are ignored. off are
// the off-season ranges (in any order; tombstones are left out).
//
// A streak is the number of consecutive days that count, ending today when
// today already counts, else ending yesterday: an open today never breaks a
// streak. Rest weekdays and off-season days neither count nor break: they
// are skipped as if they were not on the calendar, so a win logged on such a
// day adds nothing to a streak and such a day without one takes nothing
// away (the win still counts as a win everywhere else). A reflection made up
// later for a past day counts like any other; CurrentMadeUp says how many
// such days the current run holds. The longest streak follows the same rule
// over all the days given.
//
// The weekly-review streak is the same rule with weeks (Monday to Sunday)
// for days: a week counts when its review is saved (DaySummary.Reviewed on
// its Monday), the current week still open never breaks it, and a week
// whose every day is a rest weekday or in the off-season neither counts nor
// breaks.
func ComputeStreaks(days []DaySummary, today Day, rest Weekdays, off ...OffSeason) Streaks {
	var s Streaks
	if rest == allWeekdays {
		return s
	}
	cal := NewCalendar(rest, off)
	celebratedMadeUp := func(d DaySummary) bool { return d.MadeUp }
	runs := []*streakRun{
		{counts: func(d DaySummary) bool { return d.Celebrated }, madeUp: celebratedMadeUp, out: &s.Celebrated},
		{counts: func(d DaySummary) bool { return d.Trained }, out: &s.Trained},
		{counts: DaySummary.FullMatchday, madeUp: celebratedMadeUp, out: &s.FullMatchday},
		{counts: DaySummary.WinDay, out: &s.WinDay},
	}
	weekly := &streakRun{madeUp: func(d DaySummary) bool { return d.ReviewMadeUp }, out: &s.WeeklyReview}
	thisWeek := today.WeekStart()
	for _, d := range days {
		if d.Day.After(today) {
			break
		}
		if d.Reviewed {
			if week := d.Day.WeekStart(); !cal.WeekPaused(week) {
				weekly.add(d, week, cal.NextWeek)
			}
		}
		if cal.Paused(d.Day) {
			continue
		}
		for _, r := range runs {
			if r.counts(d) {
				r.add(d, d.Day, cal.NextDay)
			}
		}
	}
	// A run is current when it reaches today, or the last day before today
	// that can count (today still open, or a rest or off-season day).
	yesterday, todayCounts := cal.PrevDay(today), !cal.Paused(today)
	for _, r := range runs {
		r.finish(today, yesterday, todayCounts)
	}
	weekly.finish(thisWeek, cal.PrevWeek(thisWeek), !cal.WeekPaused(thisWeek))
	return s
}

// allWeekdays is every day of the week; with all of them rest days nothing
// can count.
const allWeekdays Weekdays = 1<<7 - 1

// Calendar says which days the streaks skip: the rest weekdays and the
// off-season ranges. The agent asks it too, since no reminder fires on a day
// the streaks skip.
type Calendar struct {
	rest Weekdays
	off  []OffSeason // live ranges, by From, overlapping ones joined
}

// NewCalendar returns the calendar of rest weekdays and off-season ranges
// (in any order; tombstones are left out).
func NewCalendar(rest Weekdays, off []OffSeason) Calendar {
	c := Calendar{rest: rest}
	for _, o := range off {
		if o.DeletedAt == nil && !o.From.IsZero() && !o.To.Before(o.From) {
			c.off = append(c.off, o)
		}
	}
	slices.SortFunc(c.off, func(a, b OffSeason) int { return a.From.t.Compare(b.From.t) })
	// Join overlapping and touching ranges (an import may bring ranges that
	// overlap ones typed here), so a lookup finds at most one.
	joined := c.off[:0]
	for _, o := range c.off {
		if n := len(joined); n > 0 && !o.From.After(joined[n-1].To.AddDays(1)) {
			if o.To.After(joined[n-1].To) {
				joined[n-1].To = o.To
			}
			continue
		}
		joined = append(joined, o)
	}
	c.off = joined
	return c
}

// OffSeason returns the off-season range that holds d, if any. Ranges that
// overlapped are reported joined.
func (c Calendar) OffSeason(d Day) (OffSeason, bool) {
	i := sort.Search(len(c.off), func(i int) bool { return c.off[i].From.After(d) })
	if i > 0 && !d.After(c.off[i-1].To) {
		return c.off[i-1], true
	}
	return OffSeason{}, false
}

// Rest reports whether d is a rest weekday.
func (c Calendar) Rest(d Day) bool { return c.rest.Has(d.Weekday()) }

// Paused reports whether d neither counts nor breaks a streak: a rest
// weekday or a day in the off-season.
func (c Calendar) Paused(d Day) bool {
	if c.Rest(d) {
		return true
	}
	_, off := c.OffSeason(d)
	return off
}

// NextDay returns the first day after d that is not paused.
func (c Calendar) NextDay(d Day) Day {
	if c.rest == allWeekdays {
		return d.AddDays(1)
	}
	d = d.AddDays(1)
	for {
		if o, ok := c.OffSeason(d); ok {
			d = o.To.AddDays(1)
			continue
		}
		if !c.Rest(d) {
			return d
		}
		d = d.AddDays(1)
	}
}

// PrevDay returns the last day before d that is not paused.
func (c Calendar) PrevDay(d Day) Day {
	if c.rest == allWeekdays {
		return d.AddDays(-1)
	}
	d = d.AddDays(-1)
	for {
		if o, ok := c.OffSeason(d); ok {
			d = o.From.AddDays(-1)
			continue
		}
		if !c.Rest(d) {
			return d
		}
		d = d.AddDays(-1)
	}
}

// WeekPaused reports whether every day of the week starting on monday is
// paused, so the week neither counts nor breaks the weekly-review streak
// and its review is not asked for.
func (c Calendar) WeekPaused(monday Day) bool {
	monday = monday.WeekStart()
	return c.NextDay(monday.AddDays(-1)).After(monday.AddDays(6))
}

// NextWeek returns the Monday of the first week after monday's that is not
// wholly paused.
func (c Calendar) NextWeek(monday Day) Day {
	return c.NextDay(monday.WeekStart().AddDays(6)).WeekStart()
}

// PrevWeek returns the Monday of the last week before monday's that is not
// wholly paused.
func (c Calendar) PrevWeek(monday Day) Day {
	return c.PrevDay(monday.WeekStart()).WeekStart()
}
