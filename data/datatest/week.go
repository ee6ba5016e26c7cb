package datatest

import (
	"context"
	"testing"
	"time"

	"matchday/data"
	"matchday/data/testclock"
)

// WeekMonday is the Monday of the week FillWeek fills: 23 November 2026.
var WeekMonday = data.NewDay(2026, time.November, 23)

// FillWeek fills the matchweek of 23 to 29 November 2026 as a user would
// have, through the store API, for the review window and `matchday week`:
// wins with returning clients (Anna and Herr Müller from before the week,
// Herr Müller spelt another way; Tom on Tuesday and again on Wednesday),
// a focus a day with its check (one written as a plan), "How do I repeat
// it?" answers, an off-season Saturday with a win, and the review of the
// week before (its theme "Ask every happy client for a referral"). It
// leaves the clock on Sunday 29 November 2026, 21:00 in Berlin, the review
// not yet written. English settings, no rest days.
func FillWeek(t testing.TB, s *data.Store, clock *testclock.Clock) {
	t.Helper()
	ctx := context.Background()
	berlin := testclock.Noon(t).Location()
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	set := data.DefaultSettings()
	set.Language = "en"
	must(nil, s.SaveSettings(ctx, set))
	at := func(m time.Month, d, h, min int) data.Day {
		clock.Set(time.Date(2026, m, d, h, min, 0, 0, berlin))
		return data.NewDay(2026, m, d)
	}
	win := func(text, client string, euros int64) {
		t.Helper()
		clock.Set(clock.Now().Add(time.Minute))
		var amount *data.Cents
		if euros > 0 {
			c := data.Cents(euros * 100)
			amount = &c
		}
		must(s.AddWin(ctx, data.Day{}, data.NewWin{Text: text, Client: client, Amount: amount}))
	}
	// Earlier clients.
	at(time.September, 3, 10, 0)
	win("Anna bought the 60 € starter course", "Anna", 60)
	at(time.October, 14, 10, 0)
	win("Herr Müller booked a workshop", "Herr Müller", 1200)
	// The week before, reviewed on its Sunday.
	at(time.November, 22, 20, 30)
	must(s.SaveReview(ctx, data.NewDay(2026, 11, 16), "Ask every happy client for a referral"))

	mon := at(time.November, 23, 8, 0)
	must(s.SetMorningFocus(ctx, mon, "Call back every lead before noon"))
	at(time.November, 23, 11, 0)
	win("Anna booked the 800 € course", "Anna", 800)
	win("Published the case study", "", 0)
	at(time.November, 23, 20, 0)
	must(s.CelebrateEvening(ctx, mon, data.EveningAnswers{WentWell: "Called before ten", RepeatHow: "Make the calls before ten", FocusResult: data.FocusYes}))

	tue := at(time.November, 24, 8, 0)
	must(s.SetMorningPlan(ctx, tue, "a client hesitates at the price", "name it once and wait"))
	at(time.November, 24, 12, 0)
	win("Lea signed the coaching", "Lea", 2500)
	win("Tom bought the workbook", "Tom", 40)
	at(time.November, 24, 20, 0)
	must(s.CelebrateEvening(ctx, tue, data.EveningAnswers{WentWell: "Stayed calm", RepeatHow: "Say the price, then be quiet", FocusResult: data.FocusPartly}))

	wed := at(time.November, 25, 8, 0)
	must(s.SetMorningFocus(ctx, wed, "Ask for one referral"))
	at(time.November, 25, 15, 0)
	win("Herr Müller renewed for a year", "herr muller", 5000)
	win("Tom booked a session too", "tom", 150)
	win("Workshop seat sold", "", 90)
	at(time.November, 25, 20, 0)
	must(s.CelebrateEvening(ctx, wed, data.EveningAnswers{WentWell: "Asked Tom straight away", RepeatHow: "Offer the next step while they are happy", FocusResult: data.FocusYes}))

	thu := at(time.November, 26, 8, 0)
	must(s.SetMorningFocus(ctx, thu, "Finish the offer before lunch"))
	at(time.November, 26, 16, 0)
	win("Offer sent to Studio Nord", "Studio Nord", 0)

	fri := at(time.November, 27, 21, 0)
	must(s.SaveEveningDraft(ctx, fri, data.EveningAnswers{RepeatHow: "Block the morning for deep work"}))

	sat := data.NewDay(2026, time.November, 28)
	must(s.AddOffSeason(ctx, sat, sat, "Family day"))
	at(time.November, 28, 12, 0)
	win("A booking came in on its own", "", 0)

	at(time.November, 29, 21, 0)
}
