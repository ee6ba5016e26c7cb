package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

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
	if got := stored(t, s.Morning, data.NewDay(2026, 12, 2)); got.Focus != "Follow up within 24 hours" || !got.IsSet() {
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
	if got := stored(t, u.store.Morning, today); got.PlanWhen != "a client hesitates at the price" || got.IsSet() {
		t.Errorf("draft %+v", got)
	}
	if !m.save.Disabled() {
		t.Error("Set focus enabled without the “I will …” part")
	}
	test.Type(m.focus, "name it once and wait")
	test.Tap(m.save)
	got := stored(t, u.store.Morning, today)
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
	if got := stored(t, u.store.Morning, today); got.IsPlan() || got.Focus != "name it once and wait" {
		t.Errorf("back to one line: %+v", got)
	}
}

// richText is what a RichText shows.

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

// fillWithGap logs full matchdays from 16 to 25 November 2026 but for the
// 19th and 20th (a short holiday not yet entered as one); the clock is left
// on Thursday the 26th, noon, with today open.
func fillWithGap(t *testing.T, u *UI, clock *fakeClock) {
	t.Helper()
	for d := 16; d <= 25; d++ {
		if d == 19 || d == 20 {
			continue
		}
		day := data.NewDay(2026, time.November, d)
		clock.Set(at(t, 2026, time.November, d, 20))
		addWins(t, u.store, data.Day{}, "Signed a client")
		if _, err := u.store.SetMorningFocus(u.ctx, day, "Ask for the next step"); err != nil {
			t.Fatal(err)
		}
		if _, err := u.store.CelebrateEvening(u.ctx, day, data.EveningAnswers{WentWell: "Asked"}); err != nil {
			t.Fatal(err)
		}
	}
	clock.Set(testNoon(t))
}

// TestOffSeasonFromTheOverviewKeepsTheStreak: an off-season entered from
// the overview over the gap in a streak keeps it, shades its days on the
// heatmap and names itself in the day details.
func TestOffSeasonFromTheOverviewKeepsTheStreak(t *testing.T) {
	u, _, clock := newTestUI(t)
	fillWithGap(t, u, clock)
	o := u.ShowOverview()
	if now, best, _ := cardTexts(o.cards[0]); now != "5 days in a row" || best != "Best: 5" {
		t.Fatalf("before: %q, %q", now, best)
	}

	test.Tap(o.offSeason)
	d := o.ui.lastOffSeasonDialog
	if d == nil {
		t.Fatal("the off-season dialog did not open")
	}
	if d.from.Text != "2026-11-26" || d.to.Text != "2026-11-26" {
		t.Errorf("the dialog offers %q to %q, want today", d.from.Text, d.to.Text)
	}
	d.from.SetText("2026-11-19")
	d.to.SetText("2026-11-20")
	test.Type(d.note, "Kurzurlaub")
	test.Tap(d.add)
	if d.error.Visible() {
		t.Fatalf("refused: %q", d.error.Text)
	}
	if len(d.list.Objects) != 1 || labelText(t, d.list.Objects[0]) != "Off-season 19–20 November 2026 (2 days): Kurzurlaub" {
		t.Errorf("dialog list %d", len(d.list.Objects))
	}
	for i, want := range []string{"8 days in a row", "8 days in a row", "8 days in a row", "8 days in a row"} {
		if now, _, _ := cardTexts(o.cards[i]); now != want {
			t.Errorf("card %d: %q, want %q", i, now, want)
		}
	}
	days := o.heatmap.Days()
	jan1 := data.NewDay(2026, time.January, 1)
	for _, c := range []struct {
		day data.Day
		off bool
	}{{data.NewDay(2026, 11, 18), false}, {data.NewDay(2026, 11, 19), true}, {data.NewDay(2026, 11, 20), true}, {data.NewDay(2026, 11, 21), false}} {
		if got := days[c.day.DaysSince(jan1)].OffSeason; got != c.off {
			t.Errorf("%s shaded %v, want %v", c.day, got, c.off)
		}
	}
	// The dialog covers the window, so point at the day as the heatmap would.
	o.heatmap.OnHover(data.NewDay(2026, 11, 19).DaysSince(jan1))
	if !o.dayMore.Visible() || o.dayMore.Text != "Off-season 19–20 November 2026: Kurzurlaub" {
		t.Errorf("day details: %v %q", o.dayMore.Visible(), o.dayMore.Text)
	}

	// An overlapping range is refused in words, and what was typed stays.
	d.from.SetText("2026-11-20")
	d.to.SetText("2026-11-22")
	test.Type(d.note, "Noch mehr")
	test.Tap(d.add)
	if !d.error.Visible() || d.error.Text != "The off-season 20–22 November 2026 overlaps the one from 19–20 November 2026. Choose other days, or remove that one first." {
		t.Errorf("overlap: %v %q", d.error.Visible(), d.error.Text)
	}
	if d.note.Text != "Noch mehr" || d.from.Text != "2026-11-20" {
		t.Error("the refused range's fields were cleared")
	}
	d.from.SetText("22 Nov")
	test.Tap(d.add)
	if d.error.Text != "Type the day as YYYY-MM-DD, for example 2026-11-24." {
		t.Errorf("bad date: %q", d.error.Text)
	}

	// Removed, the gap breaks the streak again.
	test.Tap(d.list.Objects[0].(*fyne.Container).Objects[1].(*widget.Button))
	if len(d.list.Objects) != 0 || !d.none.Visible() {
		t.Error("the removed range is still listed")
	}
	if now, _, _ := cardTexts(o.cards[0]); now != "5 days in a row" {
		t.Errorf("after remove: %q", now)
	}
}

// TestEarlierSeasonsInTheDayDetails: pointing at a day shows what the same
// day held in earlier seasons.
func TestEarlierSeasonsInTheDayDetails(t *testing.T) {
	u, s, clock := newTestUI(t)
	clock.Set(at(t, 2024, time.November, 23, 12))
	addWins(t, s, data.Day{}, "First workshop")
	clock.Set(at(t, 2025, time.November, 23, 12))
	addWins(t, s, data.Day{}, "Anna booked", "Tom renewed")
	clock.Set(testNoon(t))
	o := u.ShowOverview()
	test.MoveMouse(o.win.Canvas(), dayCenter(t, o, data.NewDay(2026, 11, 23)))
	want := "Same day in earlier seasons: 23 November 2025 – 2 wins ("
	if !o.dayMore.Visible() || !strings.HasPrefix(o.dayMore.Text, want) || !strings.HasSuffix(o.dayMore.Text, " · 23 November 2024 – 1 win (First workshop)") {
		t.Errorf("day details %q", o.dayMore.Text)
	}
	test.MoveMouse(o.win.Canvas(), dayCenter(t, o, data.NewDay(2026, 11, 24)))
	if o.dayMore.Visible() {
		t.Errorf("a day with nothing earlier shows %q", o.dayMore.Text)
	}
}

// TestSettingsReviewDayAndOffSeason: the review's weekday and reminder are
// saved at once; the off-season line follows the dialog.
func TestSettingsReviewDayAndOffSeason(t *testing.T) {
	u, s, _ := newTestUI(t)
	w := u.ShowSettings()
	if w.reviewDay.Selected != "Sunday" || !w.reviewReminder.Checked || w.offSeasons.Text != "No off-season yet." {
		t.Fatalf("defaults: %q, %v, %q", w.reviewDay.Selected, w.reviewReminder.Checked, w.offSeasons.Text)
	}
	w.reviewDay.SetSelected("Friday")
	test.Tap(w.reviewReminder)
	set, err := s.Settings(u.ctx)
	if err != nil || set.ReviewDay != time.Friday || set.ReviewReminder {
		t.Errorf("saved %s, %v, %v", set.ReviewDay, set.ReviewReminder, err)
	}
	test.Tap(w.offSeasonButton)
	d := u.lastOffSeasonDialog
	d.from.SetText("2026-12-24")
	d.to.SetText("2027-01-01")
	test.Tap(d.add)
	if w.offSeasons.Text != "Off-season 24 December 2026 – 1 January 2027 (9 days)" {
		t.Errorf("settings line %q", w.offSeasons.Text)
	}
}
