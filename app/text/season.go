package text

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"matchday/data"
)

// The season's rhythm in words: the matchweek review, the off-season, a
// year ago and the if-then plan, shared by the command line and the windows.

// DateRange is "23–29 November 2026", "30 November – 6 December 2026" or
// "28 December 2026 – 3 January 2027"; one day is "3 March 2026".
func DateRange(from, to data.Day) string {
	full := func(d data.Day) string {
		return lang.L("date.full", map[string]any{"Day": d.DayOfMonth(), "Month": MonthName(d.Month()), "Year": d.Year()})
	}
	switch {
	case from == to:
		return full(from)
	case from.Year() != to.Year():
		return lang.L("date.range", map[string]any{"From": full(from), "To": full(to)})
	case from.Month() != to.Month():
		return lang.L("date.range", map[string]any{"From": DayMonth(from), "To": full(to)})
	}
	return lang.L("date.rangeInMonth", map[string]any{"From": from.DayOfMonth(), "To": to.DayOfMonth(), "Month": MonthName(to.Month()), "Year": to.Year()})
}

// MatchweekTitle is "Matchweek 23–29 November 2026".
func MatchweekTitle(monday data.Day) string {
	monday = monday.WeekStart()
	return lang.L("week.heading", map[string]any{"Range": DateRange(monday, monday.AddDays(6))})
}

// OffSeasonTitle is "Off-season 1–14 July 2026".
func OffSeasonTitle(o data.OffSeason) string {
	return lang.L("offseason.heading", map[string]any{"Range": DateRange(o.From, o.To)})
}

// OffSeasonLine is "Off-season 1–14 July 2026 (14 days): Holiday".
func OffSeasonLine(o data.OffSeason) string {
	s := OffSeasonTitle(o) + " (" + Plural("offseason.days", o.Days()) + ")"
	if o.Note != "" {
		s += ": " + OneLine(o.Note)
	}
	return s
}

// PlanText writes a focus set as an if-then plan: "When a client
// hesitates, I will name the price once"; a focus in one line as it is.
func PlanText(m data.Morning) string {
	if !m.IsPlan() {
		return m.Focus
	}
	return Plan(m.PlanWhen, m.Focus)
}

// Plan is "When <when>, I will <will>".
func Plan(when, will string) string {
	return lang.L("plan.sentence", map[string]any{"When": when, "Will": will})
}

// WeekStreakNow is "3 weeks in a row".
func WeekStreakNow(s data.Streak) string { return Plural("overview.streak.weeks", s.Current) }

// ReturningClientLine is "Anna came back: 2nd win, first on 3 September
// 2026" or "Tom: 2 wins this week".
func ReturningClientLine(c data.ReturningClient) string {
	if c.EarlierWins == 0 {
		return lang.L("week.client.again", map[string]any{"Name": c.Name, "Count": c.Wins})
	}
	return lang.L("week.client.back", map[string]any{"Name": c.Name, "Nth": c.EarlierWins + 1,
		"First": lang.L("date.full", map[string]any{"Day": c.FirstDay.DayOfMonth(), "Month": MonthName(c.FirstDay.Month()), "Year": c.FirstDay.Year()})})
}

// BestDayLine is "Best day: Wednesday, 3 wins", or "" without wins.
func BestDayLine(b *data.DayWins) string {
	if b == nil {
		return ""
	}
	return lang.L("week.bestDay", map[string]any{"Day": WeekdayName(b.Day.Weekday()), "Wins": Plural("overview.day.wins", b.Wins)})
}

// WeekWinsLine is "Monday: Anna booked the 800 € course · Published the
// case study" for one day of a week.
func WeekWinsLine(d data.WeekDay) string {
	texts := make([]string, len(d.Wins))
	for i, w := range d.Wins {
		texts[i] = OneLine(w.Text)
	}
	return WeekdayName(d.Day.Weekday()) + ": " + strings.Join(texts, " · ")
}

// TellSomeone is the day's wins as a short message to share: "Today was a
// good day: 3 wins – Signed Anna, … Celebrating tonight, back to training
// tomorrow."
func TellSomeone(wins []data.Win, today bool) string {
	if len(wins) == 0 {
		return ""
	}
	texts := make([]string, len(wins))
	for i, w := range wins {
		texts[len(wins)-1-i] = "– " + OneLine(w.Text) // oldest first, as the day went
	}
	key := "tell.day"
	if today {
		key = "tell.today"
	}
	return lang.L(key, map[string]any{"Wins": Plural("tell.wins", len(wins))}) + "\n" +
		strings.Join(texts, "\n") + "\n" + lang.L("tell.closing")
}

// seasonMessage puts the season's errors in words, or returns "".
func seasonMessage(err error) string {
	var oe *data.OverlapError
	switch {
	case errors.As(err, &oe):
		return lang.L("offseason.error.overlap", map[string]any{"Range": DateRange(oe.From, oe.To), "Other": DateRange(oe.With.From, oe.With.To)})
	case errors.Is(err, data.ErrOffSeasonInverted):
		return lang.L("offseason.error.inverted")
	case errors.Is(err, data.ErrFutureWeek):
		return lang.L("week.error.future")
	}
	return ""
}

// EarlierSeasonsLine is the same day in earlier seasons, for the overview's
// day details: "Same day in earlier seasons: 2025 – 2 wins (Workshop sold
// out · …) · 2024 – what went well: Asked twice"; "" when there is none.
func EarlierSeasonsLine(past []data.PastDay) string {
	var parts []string
	for i := len(past) - 1; i >= 0; i-- { // the latest season first
		p := past[i]
		var what []string
		if len(p.Wins) > 0 {
			texts := make([]string, len(p.Wins))
			for j, w := range p.Wins {
				texts[j] = OneLine(w.Text)
			}
			what = append(what, Plural("overview.day.wins", len(p.Wins))+" ("+strings.Join(texts, " · ")+")")
		}
		if p.WentWell != "" {
			what = append(what, lang.L("morning.yearAgo.wentWell", map[string]any{"Text": OneLine(p.WentWell)}))
		}
		parts = append(parts, DayMonth(p.Day)+" "+strconv.Itoa(p.Day.Year())+" – "+strings.Join(what, ", "))
	}
	if len(parts) == 0 {
		return ""
	}
	return lang.L("overview.day.earlier", map[string]any{"Seasons": strings.Join(parts, " · ")})
}

// OffSeasonDayLine is "Off-season 1–14 July 2026: Holiday" for the day
// details.
func OffSeasonDayLine(o data.OffSeason) string {
	s := OffSeasonTitle(o)
	if o.Note != "" {
		s += ": " + OneLine(o.Note)
	}
	return s
}
