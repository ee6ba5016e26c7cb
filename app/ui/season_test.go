package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"matchday/data"
)

// at is a moment in Berlin.
func at(t *testing.T, y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, testNoon(t).Location())
}

// TestThemeInTheNextWeeksMorning: the theme saved in the review window on
// Sunday is the suggested focus of every morning of the next week, and the
// main window shows it; the morning takes it as its focus with one tap.
func TestThemeInTheNextWeeksMorning(t *testing.T) {
	u, s, clock, _ := newWeekUI(t)
	w := u.ShowWeek(data.Day{})
	test.Type(w.theme, "Follow up within 24 hours")
	test.Tap(w.save)
	w.win.Close()

	// This week's mornings still suggest the theme the week before set.
	m := u.ShowMorning(data.Day{})
	if !m.themeRow.Visible() || m.themeLine.Text != "Theme of the week: Ask every happy client for a referral" {
		t.Errorf("Sunday: theme %v %q", m.themeRow.Visible(), m.themeLine.Text)
	}
	m.win.Close()

	for d := 30; d <= 36; d++ { // Monday 30 November to Sunday 6 December
		clock.Set(at(t, 2026, time.November, d, 7))
		m := u.ShowMorning(data.Day{})
		if !m.themeRow.Visible() || m.themeLine.Text != "Theme of the week: Follow up within 24 hours" {
			t.Errorf("%s: theme %v %q", m.day, m.themeRow.Visible(), m.themeLine.Text)
		}
		m.win.Close()
	}
	main := u.ShowMain()
	if main.theme.Text != "Theme of the week: Follow up within 24 hours" {
		t.Errorf("main window: %q", main.theme.Text)
	}

	// The Monday after that week: no review for it, no theme.
	clock.Set(at(t, 2026, time.December, 7, 7))
	m = u.ShowMorning(data.Day{})
	if m.themeRow.Visible() {
		t.Errorf("a week without a review suggests %q", m.themeLine.Text)
	}
	// Back on a morning of the themed week, the theme becomes the focus.
	m.switcher.goTo(data.NewDay(2026, 12, 2))
	test.Tap(m.useTheme)
	test.Tap(m.save)
	if got := mustMorning(t, s, data.NewDay(2026, 12, 2)); got.Focus != "Follow up within 24 hours" || !got.IsSet() {
		t.Errorf("focus from the theme: %+v", got)
	}
}

// TestYearAgoInTheMorning: the morning shows the same day a year before,
// and 29 February shows on 28 February of a year without one.
func TestYearAgoInTheMorning(t *testing.T) {
	u, s, clock := newTestUI(t)
	write := func(day data.Day, win, wentWell string) {
		t.Helper()
		clock.Set(at(t, day.Year(), day.Month(), day.DayOfMonth(), 20))
		if win != "" {
			addWins(t, s, data.Day{}, win)
		}
		if wentWell != "" {
			if _, err := s.CelebrateEvening(u.ctx, day, data.EveningAnswers{WentWell: wentWell}); err != nil {
				t.Fatal(err)
			}
		}
	}
	write(data.NewDay(2024, 2, 28), "Workshop sold out", "")
	write(data.NewDay(2024, 2, 29), "Leap day deal", "Asked twice")
	write(data.NewDay(2025, 11, 26), "Anna bought the starter course", "I asked for the sale")

	for _, c := range []struct {
		now  time.Time
		want string // "" when the line is hidden
	}{
		{at(t, 2026, time.November, 26, 8), "A year ago: 1 win – Anna bought the starter course · what went well: I asked for the sale"},
		{at(t, 2026, time.November, 27, 8), ""},
		{at(t, 2025, time.February, 28, 8), "A year ago: 2 wins – Workshop sold out · Leap day deal · what went well: Asked twice"},
		{at(t, 2025, time.March, 1, 8), ""},
		{at(t, 2028, time.February, 29, 8), ""},
	} {
		clock.Set(c.now)
		m := u.ShowMorning(data.Day{})
		if c.want == "" && m.yearAgo.Visible() {
			t.Errorf("%s: a year-ago line %q", m.day, m.yearAgo.Text)
		}
		if c.want != "" && (!m.yearAgo.Visible() || m.yearAgo.Text != c.want) {
			t.Errorf("%s: year-ago line %v %q, want %q", m.day, m.yearAgo.Visible(), m.yearAgo.Text, c.want)
		}
		m.win.Close()
	}
}

// TestMorningPlanAndTheEveningCheck: a focus written as an if-then plan is
// stored as one, and the evening's "Did you train it?" shows the plan.
func TestMorningPlanAndTheEveningCheck(t *testing.T) {
	u, timer := newRitualUI(t)
	today := mustToday(t, u)
	m := u.ShowMorning(data.Day{})
	if m.asPlan.Checked || m.planBox.Visible() {
		t.Fatal("the single line is not the default")
	}
	test.Tap(m.asPlan)
	if !m.planBox.Visible() || u.app.Driver().CanvasForObject(m.planWhen).Focused() != m.planWhen {
		t.Fatal("the plan's fields did not open with the cursor in “When …”")
	}
	test.Type(m.planWhen, "a client hesitates at the price")
	timer.fire()
	if got := mustMorning(t, u.store, today); got.PlanWhen != "a client hesitates at the price" || got.IsSet() {
		t.Errorf("draft %+v", got)
	}
	if !m.save.Disabled() {
		t.Error("Set focus enabled without the “I will …” part")
	}
	test.Type(m.focus, "name it once and wait")
	test.Tap(m.save)
	got := mustMorning(t, u.store, today)
	if !got.IsSet() || got.PlanWhen != "a client hesitates at the price" || got.Focus != "name it once and wait" {
		t.Fatalf("plan stored as %+v", got)
	}
	main := u.ShowMain()
	if !strings.Contains(richText(main.focus), "When a client hesitates at the price, I will name it once and wait") {
		t.Errorf("main window focus %q", richText(main.focus))
	}

	e := u.ShowEvening(data.Day{})
	if !e.focusBox.Visible() || e.focusText.Text != "This morning you set out to train: “When a client hesitates at the price, I will name it once and wait”" {
		t.Errorf("evening focus check: %q", e.focusText.Text)
	}
	e.win.Close()

	// Opened again, the morning shows the plan; switched off, it is one
	// line again.
	m.win.Close()
	m = u.ShowMorning(data.Day{})
	if !m.asPlan.Checked || m.planWhen.Text != "a client hesitates at the price" {
		t.Fatalf("reopened: plan %v, when %q", m.asPlan.Checked, m.planWhen.Text)
	}
	test.Tap(m.asPlan)
	test.Tap(m.save)
	if got := mustMorning(t, u.store, today); got.IsPlan() || got.Focus != "name it once and wait" {
		t.Errorf("back to one line: %+v", got)
	}
}

// richText is what a RichText shows.
func richText(r interface{ String() string }) string { return r.String() }

// TestPlanInGerman: the plan's words in German.
func TestPlanInGerman(t *testing.T) {
	u, _ := newRitualUI(t)
	useLook(t, u.app, "de", "light")
	today := mustToday(t, u)
	if _, err := u.store.SetMorningPlan(u.ctx, today, "eine Kundin beim Preis zögert", "nenne ich ihn einmal und warte"); err != nil {
		t.Fatal(err)
	}
	e := u.ShowEvening(today)
	if e.focusText.Text != "Heute Morgen wolltest du trainieren: „Wenn eine Kundin beim Preis zögert, dann nenne ich ihn einmal und warte“" {
		t.Errorf("evening: %q", e.focusText.Text)
	}
	m := u.ShowMorning(today)
	if m.asPlan.Text != "Als Plan schreiben: „Wenn …, dann …“" || !m.asPlan.Checked {
		t.Errorf("morning: %q, checked %v", m.asPlan.Text, m.asPlan.Checked)
	}
}

// TestTellSomeone: the celebration copies a summary of the day's wins to the
// clipboard; a day without wins has nothing to tell.
func TestTellSomeone(t *testing.T) {
	u, _ := newRitualUI(t)
	today := mustToday(t, u)
	e := u.ShowEvening(today)
	test.Type(e.wentWell, "Nothing sold, but I called.")
	test.Tap(e.celebrate)
	if e.celebration.tell.Visible() {
		t.Error("Tell someone on a day without wins")
	}
	test.Tap(e.celebration.back)

	u2, _ := newRitualUI(t)
	today = mustToday(t, u2)
	// Logged at the same (fake) instant: either order is right.
	addWins(t, u2.store, today, "Signed the 800 EUR course", "Anna booked the coaching")
	e = u2.ShowEvening(today)
	test.Type(e.wentWell, "Two clients came back.")
	test.Tap(e.celebrate)
	if !e.celebration.tell.Visible() || e.celebration.told.Visible() {
		t.Fatal("Tell someone is not offered")
	}
	test.Tap(e.celebration.tell)
	got := u2.app.Clipboard().Content()
	if !strings.HasPrefix(got, "Today was a good day – 2 wins:\n– ") || !strings.Contains(got, "– Anna booked the coaching") ||
		!strings.Contains(got, "– Signed the 800 EUR course") || !strings.HasSuffix(got, "Celebrating tonight, back to training tomorrow. 🏆") {
		t.Errorf("clipboard %q", got)
	}
	if !e.celebration.told.Visible() {
		t.Error("no word that it was copied")
	}
}
