package app

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"matchday/data"
)

// The overview's numbers in words, shared by the window and `matchday stats`.

// plural returns key.one for n == 1 and key.other otherwise, with n as
// {{.Count}}; English and German need no other forms.
func plural(key string, n int) string {
	suffix := ".other"
	if n == 1 {
		suffix = ".one"
	}
	return lang.L(key+suffix, map[string]any{"Count": n})
}

func monthName(m time.Month) string { return lang.L("overview.month." + strconv.Itoa(int(m))) }

func monthShort(m time.Month) string { return lang.L("overview.monthShort." + strconv.Itoa(int(m))) }

func weekdayShort(d time.Weekday) string {
	return lang.L("overview.weekdayShort." + strconv.Itoa(int(d)))
}

// longDate is "Thursday, 26 November 2026".
func longDate(d data.Day) string {
	return lang.L("overview.date.long", map[string]any{
		"Weekday": weekdayName(d.Weekday()), "Day": d.DayOfMonth(), "Month": monthName(d.Month()), "Year": d.Year(),
	})
}

// dayMonth is "2 March".
func dayMonth(d data.Day) string {
	return lang.L("overview.date.dayMonth", map[string]any{"Day": d.DayOfMonth(), "Month": monthName(d.Month())})
}

// shortDate is "2 Mar" (English) or "2.3." (German), for chart labels.
func shortDate(d data.Day) string {
	return lang.L("overview.date.short", map[string]any{
		"Day": d.DayOfMonth(), "MonthShort": monthShort(d.Month()), "MonthNumber": int(d.Month()),
	})
}

// streakKind names one of the four streaks, for cards and the command line.
type streakKind struct {
	key    string
	streak func(data.Streaks) data.Streak
}

var streakKinds = []streakKind{
	{"overview.streak.celebrated", func(s data.Streaks) data.Streak { return s.Celebrated }},
	{"overview.streak.trained", func(s data.Streaks) data.Streak { return s.Trained }},
	{"overview.streak.fullMatchday", func(s data.Streaks) data.Streak { return s.FullMatchday }},
	{"overview.streak.winDay", func(s data.Streaks) data.Streak { return s.WinDay }},
}

// streakNow is "12 days in a row".
func streakNow(s data.Streak) string { return plural("overview.streak.current", s.Current) }

// streakBest is "Best: 31".
func streakBest(s data.Streak) string {
	return lang.L("overview.streak.best", map[string]any{"Count": s.Longest})
}

// streakMadeUp is "2 made up later", or "" when the run has none.
func streakMadeUp(s data.Streak) string {
	if s.CurrentMadeUp == 0 {
		return ""
	}
	return plural("overview.streak.madeUp", s.CurrentMadeUp)
}

// followThroughText is "60% yes · 20% partly · 10% no · 10% not answered
// (20 trained days)".
func followThroughText(f data.FollowThrough) string {
	if f.TrainedDays == 0 {
		return lang.L("overview.follow.none")
	}
	return followShares(f) + " (" + plural("overview.follow.trainedDays", f.TrainedDays) + ")"
}

// followShares is "60% yes · 20% partly · 10% no · 10% not answered".
func followShares(f data.FollowThrough) string {
	if f.TrainedDays == 0 {
		return lang.L("overview.follow.none")
	}
	s := lang.L("overview.follow.shares", map[string]any{
		"Yes": f.Percent(f.Yes), "Partly": f.Percent(f.Partly), "No": f.Percent(f.No),
	})
	if f.Unanswered > 0 {
		s += " · " + lang.L("overview.follow.unanswered", map[string]any{"Percent": f.Percent(f.Unanswered)})
	}
	return s
}

// followTitle is "Last 30 days · 20 trained days".
func followTitle(title string, f data.FollowThrough) string {
	if f.TrainedDays == 0 {
		return title
	}
	return title + " · " + plural("overview.follow.trainedDays", f.TrainedDays)
}

// seasonLine is "Season 2026: 812 wins · best week: 41 from 2 March · best
// month: March (160) · 201 days celebrated".
func seasonLine(s data.SeasonSummary) string {
	parts := []string{plural("overview.season.wins", s.Wins)}
	if s.BestWeek != nil {
		parts = append(parts, lang.L("overview.season.bestWeek", map[string]any{"Wins": s.BestWeek.Wins, "Date": dayMonth(s.BestWeek.Start)}))
	}
	if s.BestMonth != nil {
		parts = append(parts, lang.L("overview.season.bestMonth", map[string]any{"Wins": s.BestMonth.Wins, "Month": monthName(s.BestMonth.Month)}))
	}
	parts = append(parts, plural("overview.season.celebrated", s.DaysCelebrated))
	return seasonTitle(s.Year) + ": " + strings.Join(parts, " · ")
}

func seasonTitle(year int) string {
	return lang.L("overview.season.title", map[string]any{"Year": year})
}

// dayInfo is "Thursday, 26 November 2026 · 3 wins · evening celebrated".
func dayInfo(d data.DaySummary) string {
	evening := lang.L("overview.day.noEvening")
	switch {
	case d.MadeUp:
		evening = lang.L("overview.day.madeUp")
	case d.Celebrated:
		evening = lang.L("overview.day.celebrated")
	}
	return longDate(d.Day) + " · " + plural("overview.day.wins", d.Wins) + " · " + evening
}
