package data

// DaySummary is what one day holds, as far as streaks and the overview care.
type DaySummary struct {
	Day         Day         `json:"day"`
	Wins        int         `json:"wins"`
	Trained     bool        `json:"trained"`
	Celebrated  bool        `json:"celebrated"`
	MadeUp      bool        `json:"made_up"`
	FocusResult FocusResult `json:"focus_result"`
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

// Streaks are the four streaks of DESIGN.md.
type Streaks struct {
	Celebrated   Streak `json:"celebrated"`
	Trained      Streak `json:"trained"`
	FullMatchday Streak `json:"full_matchday"`
	WinDay       Streak `json:"win_day"`
}

// streakRun follows one kind of streak through the days in order.
type streakRun struct {
	counts  func(DaySummary) bool
	madeUp  func(DaySummary) bool
	out     *Streak
	last    Day // last counting day of the run so far
	run     int
	runMade int
}

// ComputeStreaks is the one streak rule. days must be in ascending order of
// Day, at most one summary per day; days after today are ignored.
//
// A streak is the number of consecutive days that count, ending today when
// today already counts, else ending yesterday: an open today never breaks a
// streak. Rest weekdays neither count nor break: they are skipped as if they
// were not on the calendar, so a win logged on a rest day adds nothing and a
// rest day without one takes nothing away. A reflection made up later for a
// past day counts like any other; CurrentMadeUp says how many such days the
// current run holds. The longest streak follows the same rule over all the
// days given.
func ComputeStreaks(days []DaySummary, today Day, rest Weekdays) Streaks {
	var s Streaks
	if rest == allWeekdays {
		return s
	}
	celebratedMadeUp := func(d DaySummary) bool { return d.MadeUp }
	runs := []*streakRun{
		{counts: func(d DaySummary) bool { return d.Celebrated }, madeUp: celebratedMadeUp, out: &s.Celebrated},
		{counts: func(d DaySummary) bool { return d.Trained }, out: &s.Trained},
		{counts: DaySummary.FullMatchday, madeUp: celebratedMadeUp, out: &s.FullMatchday},
		{counts: DaySummary.WinDay, out: &s.WinDay},
	}
	for _, d := range days {
		if d.Day.After(today) {
			break
		}
		if rest.Has(d.Day.Weekday()) {
			continue
		}
		for _, r := range runs {
			if !r.counts(d) {
				continue
			}
			if r.run > 0 && nextWorkday(r.last, rest) == d.Day {
				r.run++
			} else {
				r.run, r.runMade = 1, 0
			}
			if r.madeUp != nil && r.madeUp(d) {
				r.runMade++
			}
			r.last = d.Day
			r.out.Longest = max(r.out.Longest, r.run)
		}
	}
	// The run is current when it reaches today, or the last workday before
	// today (today still open, or a rest day).
	yesterday := prevWorkday(today, rest)
	todayCounts := !rest.Has(today.Weekday())
	for _, r := range runs {
		if r.run > 0 && ((todayCounts && r.last == today) || r.last == yesterday) {
			r.out.Current, r.out.CurrentMadeUp = r.run, r.runMade
		}
	}
	return s
}

// allWeekdays is every day of the week; with all of them rest days nothing
// can count.
const allWeekdays Weekdays = 1<<7 - 1

// nextWorkday returns the first day after d that is not a rest day.
func nextWorkday(d Day, rest Weekdays) Day {
	d = d.AddDays(1)
	for i := 0; i < 7 && rest.Has(d.Weekday()); i++ {
		d = d.AddDays(1)
	}
	return d
}

// prevWorkday returns the last day before d that is not a rest day.
func prevWorkday(d Day, rest Weekdays) Day {
	d = d.AddDays(-1)
	for i := 0; i < 7 && rest.Has(d.Weekday()); i++ {
		d = d.AddDays(-1)
	}
	return d
}
