package text

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"matchday/data"
)

// The overview's numbers in words, shared by the window and `matchday stats`.

// Plural returns key.one for n == 1 and key.other otherwise, with n as
// {{.Count}}; English and German need no other forms.
func Plural(key string, n int) string {
	suffix := ".other"
	if n == 1 {
		suffix = ".one"
	}
	return lang.L(key+suffix, map[string]any{"Count": n})
}

func MonthName(m time.Month) string { return lang.L("overview.month." + strconv.Itoa(int(m))) }

func MonthShort(m time.Month) string { return lang.L("overview.monthShort." + strconv.Itoa(int(m))) }

func WeekdayShort(d time.Weekday) string {
	return lang.L("overview.weekdayShort." + strconv.Itoa(int(d)))
}

// LongDate is "Thursday, 26 November 2026".
func LongDate(d data.Day) string {
	return lang.L("overview.date.long", map[string]any{
		"Weekday": WeekdayName(d.Weekday()), "Day": d.DayOfMonth(), "Month": MonthName(d.Month()), "Year": d.Year(),
	})
}

// DayMonth is "2 March".
func DayMonth(d data.Day) string {
	return lang.L("overview.date.dayMonth", map[string]any{"Day": d.DayOfMonth(), "Month": MonthName(d.Month())})
}

// ShortDate is "2 Mar" (English) or "2.3." (German), for chart labels.
func ShortDate(d data.Day) string {
	return lang.L("overview.date.short", map[string]any{
		"Day": d.DayOfMonth(), "MonthShort": MonthShort(d.Month()), "MonthNumber": int(d.Month()),
	})
}

// StreakKind names one of the four streaks, for cards and the command line.
type StreakKind struct {
	Key    string
	Streak func(data.Streaks) data.Streak
}

var StreakKinds = []StreakKind{
	{"overview.streak.celebrated", func(s data.Streaks) data.Streak { return s.Celebrated }},
	{"overview.streak.trained", func(s data.Streaks) data.Streak { return s.Trained }},
	{"overview.streak.fullMatchday", func(s data.Streaks) data.Streak { return s.FullMatchday }},
	{"overview.streak.winDay", func(s data.Streaks) data.Streak { return s.WinDay }},
}

// StreakNow is "12 days in a row".
func StreakNow(s data.Streak) string { return Plural("overview.streak.current", s.Current) }

// StreakBest is "Best: 31".
func StreakBest(s data.Streak) string {
	return lang.L("overview.streak.best", map[string]any{"Count": s.Longest})
}

// StreakMadeUp is "2 made up later", or "" when the run has none.
func StreakMadeUp(s data.Streak) string {
	if s.CurrentMadeUp == 0 {
		return ""
	}
	return Plural("overview.streak.madeUp", s.CurrentMadeUp)
}

// FollowThroughText is "60% yes · 20% partly · 10% no · 10% not answered
// (20 trained days)".
func FollowThroughText(f data.FollowThrough) string {
	if f.TrainedDays == 0 {
		return lang.L("overview.follow.none")
	}
	return FollowShares(f) + " (" + Plural("overview.follow.trainedDays", f.TrainedDays) + ")"
}

// FollowShares is "60% yes · 20% partly · 10% no · 10% not answered".
func FollowShares(f data.FollowThrough) string {
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

// FollowTitle is "Last 30 days · 20 trained days".
func FollowTitle(title string, f data.FollowThrough) string {
	if f.TrainedDays == 0 {
		return title
	}
	return title + " · " + Plural("overview.follow.trainedDays", f.TrainedDays)
}

// SeasonLine is "Season 2026: 812 wins · best week: 41 from 2 March · best
// month: March (160) · 201 days celebrated".
func SeasonLine(s data.SeasonSummary) string {
	parts := []string{Plural("overview.season.wins", s.Wins)}
	if s.BestWeek != nil {
		parts = append(parts, lang.L("overview.season.bestWeek", map[string]any{"Wins": s.BestWeek.Wins, "Date": DayMonth(s.BestWeek.Start)}))
	}
	if s.BestMonth != nil {
		parts = append(parts, lang.L("overview.season.bestMonth", map[string]any{"Wins": s.BestMonth.Wins, "Month": MonthName(s.BestMonth.Month)}))
	}
	parts = append(parts, Plural("overview.season.celebrated", s.DaysCelebrated))
	return SeasonTitle(s.Year) + ": " + strings.Join(parts, " · ")
}

func SeasonTitle(year int) string {
	return lang.L("overview.season.title", map[string]any{"Year": year})
}

// DayInfo is "Thursday, 26 November 2026 · 3 wins · evening celebrated".
func DayInfo(d data.DaySummary) string {
	evening := lang.L("overview.day.noEvening")
	switch {
	case d.MadeUp:
		evening = lang.L("overview.day.madeUp")
	case d.Celebrated:
		evening = lang.L("overview.day.celebrated")
	}
	return LongDate(d.Day) + " · " + Plural("overview.day.wins", d.Wins) + " · " + evening
}

// Count writes n with the language's thousands separator: 1,732 or 1.732.
func Count(n int) string {
	s := strconv.Itoa(n)
	if n < 0 || len(s) <= 3 {
		return s
	}
	sep := lang.L("main.thousandsSeparator")
	var b strings.Builder
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// OneLine joins a message's lines, so every error is one line on stderr
// and every search hit one line in a list.
func OneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

// CelebratedStreakLine is "Celebrated evenings: 4 in a row · best 12", the
// line the main window and the celebration show; "" before the first
// celebrated evening, when there is no streak to speak of.
func CelebratedStreakLine(s data.Streak) string {
	if s.Longest == 0 {
		return ""
	}
	return lang.L("main.streak", map[string]any{"Now": s.Current, "Best": s.Longest})
}
