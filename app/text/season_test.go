package text

import (
	"fmt"
	"strings"
	"testing"

	"matchday/data"
)

func TestSeasonWords(t *testing.T) {
	d := data.NewDay
	o := data.OffSeason{From: d(2026, 7, 1), To: d(2026, 7, 14), Note: "Summer\nholiday"}
	plan := data.Morning{PlanWhen: "a client hesitates", Focus: "name the price once"}
	wins := []data.Win{{Text: "Lea signed"}, {Text: "Anna came\nback"}} // newest first, as the store gives them
	for _, c := range []struct {
		language string
		got      func() string
		want     string
	}{
		{"en", func() string { return DateRange(d(2026, 11, 23), d(2026, 11, 29)) }, "23–29 November 2026"},
		{"de", func() string { return DateRange(d(2026, 11, 23), d(2026, 11, 29)) }, "23.–29. November 2026"},
		{"en", func() string { return DateRange(d(2026, 11, 30), d(2026, 12, 6)) }, "30 November – 6 December 2026"},
		{"de", func() string { return DateRange(d(2026, 11, 30), d(2026, 12, 6)) }, "30. November – 6. Dezember 2026"},
		{"en", func() string { return DateRange(d(2026, 12, 28), d(2027, 1, 3)) }, "28 December 2026 – 3 January 2027"},
		{"en", func() string { return DateRange(d(2026, 3, 3), d(2026, 3, 3)) }, "3 March 2026"},
		{"en", func() string { return MatchweekTitle(d(2026, 11, 26)) }, "Matchweek 23–29 November 2026"},
		{"de", func() string { return MatchweekTitle(d(2026, 11, 26)) }, "Spielwoche 23.–29. November 2026"},
		{"en", func() string { return OffSeasonLine(o) }, "Off-season 1–14 July 2026 (14 days): Summer holiday"},
		{"de", func() string { return OffSeasonLine(o) }, "Auszeit 1.–14. Juli 2026 (14 Tage): Summer holiday"},
		{"en", func() string { return PlanText(plan) }, "When a client hesitates, I will name the price once"},
		{"de", func() string { return PlanText(plan) }, "Wenn a client hesitates, dann name the price once"},
		{"en", func() string { return PlanText(data.Morning{Focus: "One line"}) }, "One line"},
		{"en", func() string { return TellSomeone(wins, true) }, "Today was a good day – 2 wins:\n– Anna came back\n– Lea signed\nCelebrating tonight, back to training tomorrow. 🏆"},
		{"de", func() string { return TellSomeone(wins[:1], false) }, "Das war ein guter Tag – 1 Erfolg:\n– Lea signed\nHeute Abend wird gefeiert, morgen geht es zurück ins Training. 🏆"},
		{"en", func() string { return TellSomeone(nil, true) }, ""},
		{"en", func() string { return BestDayLine(&data.DayWins{Day: d(2026, 11, 25), Wins: 1}) }, "Best day: Wednesday, 1 win"},
		{"en", func() string {
			return ReturningClientLine(data.ReturningClient{Name: "Anna", Wins: 1, EarlierWins: 2, FirstDay: d(2026, 9, 3)})
		}, "Anna came back: win no. 3, the first on 3 September 2026"},
		{"de", func() string { return WeekStreakNow(data.Streak{Current: 1}) }, "1 Woche in Folge"},
		{"en", func() string { return CelebratedStreakLine(data.Streak{Current: 4, Longest: 12}) }, "Celebrated evenings: 4 in a row · best 12"},
		{"de", func() string { return CelebratedStreakLine(data.Streak{Current: 0, Longest: 3}) }, "Gefeierte Abende: 0 in Folge · Bestwert 3"},
		{"en", func() string { return CelebratedStreakLine(data.Streak{}) }, ""},
	} {
		useLanguage(t, c.language)
		if got := c.got(); got != c.want {
			t.Errorf("%s: got %q, want %q", c.language, got, c.want)
		}
	}
}

func TestSeasonErrorsInWords(t *testing.T) {
	d := data.NewDay
	overlap := fmt.Errorf("data: add off-season: %w", &data.OverlapError{From: d(2026, 7, 10), To: d(2026, 7, 20),
		With: data.OffSeason{From: d(2026, 7, 1), To: d(2026, 7, 14)}})
	for _, c := range []struct {
		err    error
		en, de string
	}{
		{overlap, "The off-season 10–20 July 2026 overlaps the one from 1–14 July 2026.", "Die Auszeit 10.–20. Juli 2026 überschneidet sich mit der vom 1.–14. Juli 2026."},
		{fmt.Errorf("data: add off-season: the off-season x %w", data.ErrOffSeasonInverted), "must end on or after the day it starts", "muss am Tag ihres Beginns oder danach enden"},
		{fmt.Errorf("data: week review: %w", data.ErrFutureWeek), "That week has not started yet.", "Diese Woche hat noch nicht begonnen."},
	} {
		for _, language := range []string{"en", "de"} {
			useLanguage(t, language)
			want := c.en
			if language == "de" {
				want = c.de
			}
			if got := UserMessage(c.err); !strings.Contains(got, want) {
				t.Errorf("%s: %q, want it to say %q", language, got, want)
			}
		}
	}
}

func TestMarkdownLabelsForTheSeason(t *testing.T) {
	useLanguage(t, "de")
	l := MarkdownLabels(data.DefaultCurrency)
	if got := l.Matchweek(data.NewDay(2026, 11, 23)); got != "Spielwoche 23.–29. November 2026" {
		t.Errorf("matchweek %q", got)
	}
	if l.Theme != "Was trainiere ich nächste Woche?" || l.Plan("x", "y") != "Wenn x, dann y" {
		t.Errorf("theme %q, plan %q", l.Theme, l.Plan("x", "y"))
	}
	if got := l.OffSeason(data.OffSeason{From: data.NewDay(2026, 12, 24), To: data.NewDay(2027, 1, 1)}); got != "Auszeit 24. Dezember 2026 – 1. Januar 2027" {
		t.Errorf("off-season %q", got)
	}
}
