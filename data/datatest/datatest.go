// Package datatest holds journals the tests of the command line and the
// windows share: a fixture filled as a user would have, through the store.
package datatest

import (
	"context"
	"testing"
	"time"

	"matchday/data"
	"matchday/data/testclock"
)

// Fill fills a journal as a user would have, through the store API,
// and leaves the clock at testNoon: Thursday 26 November 2026, 14:00 in
// Berlin. Sunday is a rest day. The numbers it gives are in TestStatsJSON.
func Fill(t testing.TB, s *data.Store, clock *testclock.Clock) {
	t.Helper()
	berlin := testclock.Noon(t).Location()
	ctx := context.Background()
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	set := data.DefaultSettings()
	set.RestDays = set.RestDays.With(time.Sunday, true)
	set.Language = "en"
	must(nil, s.SaveSettings(ctx, set))
	at := func(month time.Month, day, hour int) data.Day {
		clock.Set(time.Date(2026, month, day, hour, 0, 0, 0, berlin))
		return data.NewDay(2026, month, day)
	}
	// Last season: two wins on 30 December.
	clock.Set(time.Date(2025, 12, 30, 12, 0, 0, 0, berlin))
	must(s.AddWin(ctx, data.Day{}, data.NewWin{Text: "Year-end offer signed"}))
	must(s.AddWin(ctx, data.Day{}, data.NewWin{Text: "Invoice paid"}))
	// Monday 16 to Saturday 21 November: full matchdays with a win each.
	for d := 16; d <= 21; d++ {
		day := at(time.November, d, 8)
		must(s.SetMorningFocus(ctx, day, "Ask for the next step"))
		at(time.November, d, 12)
		must(s.AddWin(ctx, data.Day{}, data.NewWin{Text: "Signed a client"}))
		at(time.November, d, 21)
		must(s.CelebrateEvening(ctx, day, data.EveningAnswers{WentWell: "Asked", FocusResult: data.FocusYes}))
	}
	// Sunday 22: rest. Monday 23: two wins, trained, evening made up on Tuesday.
	mon := at(time.November, 23, 8)
	must(s.SetMorningFocus(ctx, mon, "Follow up"))
	must(s.AddWin(ctx, data.Day{}, data.NewWin{Text: "Anna came back"}))
	must(s.AddWin(ctx, data.Day{}, data.NewWin{Text: "Workshop sold out"}))
	tue := at(time.November, 24, 9)
	must(s.CelebrateEvening(ctx, mon, data.EveningAnswers{RepeatHow: "Follow up at once", FocusResult: data.FocusPartly}))
	// Tuesday: trained, a win, celebrated, focus not trained.
	must(s.SetMorningFocus(ctx, tue, "Name the price"))
	must(s.AddWin(ctx, data.Day{}, data.NewWin{Text: "Raised my rate"}))
	at(time.November, 24, 22)
	must(s.CelebrateEvening(ctx, tue, data.EveningAnswers{WentWell: "Stayed calm", FocusResult: data.FocusNo}))
	// Wednesday: a win, celebrated without training.
	wed := at(time.November, 25, 12)
	must(s.AddWin(ctx, data.Day{}, data.NewWin{Text: "Referral from Tom"}))
	at(time.November, 25, 20)
	must(s.CelebrateEvening(ctx, wed, data.EveningAnswers{WentWell: "Listened"}))
	// Today: trained, one win (and one deleted), the evening still open.
	today := at(time.November, 26, 8)
	must(s.SetMorningFocus(ctx, today, "One referral request"))
	at(time.November, 26, 11)
	must(s.AddWin(ctx, data.Day{}, data.NewWin{Text: "Case study published"}))
	typo, err := s.AddWin(ctx, data.Day{}, data.NewWin{Text: "typo"})
	must(typo, err)
	must(nil, s.DeleteWin(ctx, typo.UUID))
	clock.Set(testclock.Noon(t))
}
