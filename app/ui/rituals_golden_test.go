package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"matchday/data"
)

// ritualLooks are the language × theme pairs every ritual window is pinned in.
var ritualLooks = []struct{ lang, variant string }{
	{"en", "light"}, {"en", "dark"}, {"de", "light"}, {"de", "dark"},
}

// fillRitualDays gives the golden renders something real to show: wins
// yesterday and today, last evening's answers, and today's focus.
func fillRitualDays(t *testing.T, u *UI, clock *fakeClock, language string) data.Day {
	t.Helper()
	today := mustToday(t, u)
	yesterday := today.AddDays(-1)
	wins, went, repeat, focus := []string{"Signed the 800 EUR course", "Anna booked the 5,000 coaching"},
		"Anna said yes because I showed her the next step.", "End every course with one clear offer.", "Ask every client what they want next"
	if language == "de" {
		wins, went, repeat, focus = []string{"Kurs für 800 EUR verkauft", "Anna hat das Coaching für 5.000 gebucht"},
			"Anna hat zugesagt, weil ich ihr den nächsten Schritt gezeigt habe.", "Jeden Kurs mit einem klaren Angebot beenden.", "Jede Kundin fragen, was sie als Nächstes will"
	}
	for _, day := range []data.Day{yesterday, today} {
		for _, w := range wins {
			clock.Advance(-time.Minute) // distinct times, so the order is fixed
			addWins(t, u.store, day, w)
		}
	}
	clock.Set(testNoon(t))
	if _, err := u.store.CelebrateEvening(u.ctx, yesterday, data.EveningAnswers{WentWell: went, RepeatHow: repeat}); err != nil {
		t.Fatal(err)
	}
	if _, err := u.store.SetMorningFocus(u.ctx, today, focus); err != nil {
		t.Fatal(err)
	}
	return today
}

func TestEveningGolden(t *testing.T) {
	for _, look := range ritualLooks {
		t.Run(look.lang+"_"+look.variant, func(t *testing.T) {
			u, _, clock := newTestUI(t)
			timer := &manualTimer{}
			u.after = timer.after
			useLook(t, u.app, look.lang, look.variant)
			today := fillRitualDays(t, u, clock, look.lang)
			e := u.ShowEvening(today)
			e.focusCheck.SetSelected(focusLabel(data.FocusPartly))
			test.Type(e.wentWell, "Two clients came back.")
			timer.fire()
			test.AssertRendersToMarkup(t, "evening_"+look.lang+"_"+look.variant+".xml", e.win.Canvas())

			test.Tap(e.celebrate)
			test.AssertRendersToMarkup(t, "evening_celebrated_"+look.lang+"_"+look.variant+".xml", e.win.Canvas())
		})
	}
}

func TestMorningGolden(t *testing.T) {
	for _, look := range ritualLooks {
		t.Run(look.lang+"_"+look.variant, func(t *testing.T) {
			u, _, clock := newTestUI(t)
			useLook(t, u.app, look.lang, look.variant)
			today := fillRitualDays(t, u, clock, look.lang)
			m := u.ShowMorning(today)
			test.AssertRendersToMarkup(t, "morning_"+look.lang+"_"+look.variant+".xml", m.win.Canvas())
		})
	}
}
