package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	mdwidget "matchday/app/widget"
	"matchday/data"
	"matchday/data/datatest"
)

// cardTexts returns what a streak card shows.
func cardTexts(c *mdwidget.StreakCard) (now, best, madeUp string) {
	_, now, best, madeUp = c.Lines()
	return now, best, madeUp
}

// dayCenter returns the canvas position of the middle of day's cell.
func dayCenter(t *testing.T, o *overviewWindow, day data.Day) fyne.Position {
	t.Helper()
	for i, d := range o.data.Days {
		if d.Day == day {
			abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(o.heatmap)
			return abs.Add(o.heatmap.CellCenter(i))
		}
	}
	t.Fatalf("%s is not on the heatmap", day)
	return fyne.Position{}
}

func TestOverviewShowsTheSeason(t *testing.T) {
	u, s, clock := newTestUI(t)
	datatest.Fill(t, s, clock)
	o := u.ShowOverview()

	want := []struct{ now, best, madeUp string }{
		{"9 days in a row", "Best: 9", "1 made up later"},
		{"1 day in a row", "Best: 8", ""},
		{"0 days in a row", "Best: 8", ""},
		{"10 days in a row", "Best: 10", ""},
	}
	for i, w := range want {
		now, best, madeUp := cardTexts(o.cards[i])
		if now != w.now || best != w.best || madeUp != w.madeUp {
			t.Errorf("card %d shows %q, %q, %q; want %q, %q, %q", i, now, best, madeUp, w.now, w.best, w.madeUp)
		}
	}
	if !o.restNote.Visible() || o.restNote.Text != "Rest days are left out: Sunday" {
		t.Errorf("rest note %q (visible %v)", o.restNote.Text, o.restNote.Visible())
	}
	if got := o.season.Text; got != "Season 2026: 11 wins · best week: 6 from 16 November · best month: November (11) · 9 days celebrated" {
		t.Errorf("season line %q", got)
	}
	if got := o.last30Title.Text + ": " + o.last30.Text; got != "Last 30 days · 8 trained days: 75% yes · 13% partly · 13% no" {
		t.Errorf("last 30 days %q", got)
	}
	if got := o.seasonTitle.Text + ": " + o.seasonFT.Text; got != "Season 2026 · 8 trained days: 75% yes · 13% partly · 13% no" {
		t.Errorf("season follow-through %q", got)
	}
	if len(o.last30Bar.Shares()) != 4 || o.last30Bar.Shares()[0] != 6 || o.last30Bar.Shares()[1] != 1 || o.last30Bar.Shares()[2] != 1 {
		t.Errorf("share bar %v", o.last30Bar.Shares())
	}
	if len(weekValues(o)) != 12 || weekValues(o)[10] != 6 || weekValues(o)[11] != 5 || weekLabels(o)[11] != "23 Nov" {
		t.Errorf("weeks %v %v", weekValues(o), weekLabels(o))
	}
	if o.yearLabel.Text != "Season 2026" || o.heatTitle.Text != "Wins in 2026" || o.prevYear.Disabled() || !o.nextYear.Disabled() {
		t.Errorf("year %q %q, prev disabled %v, next disabled %v", o.yearLabel.Text, o.heatTitle.Text, o.prevYear.Disabled(), o.nextYear.Disabled())
	}
	if len(o.heatmap.Days()) != 365 {
		t.Errorf("heatmap has %d days", len(o.heatmap.Days()))
	}
}

func TestOverviewHoverAndTap(t *testing.T) {
	u, s, clock := newTestUI(t)
	datatest.Fill(t, s, clock)
	o := u.ShowOverview()
	var opened []data.Day
	o.openEvening = func(d data.Day) { opened = append(opened, d) }
	c := o.win.Canvas()
	hint := o.dayInfo.Text

	test.MoveMouse(c, dayCenter(t, o, data.NewDay(2026, time.November, 23)))
	if got := o.dayInfo.Text; got != "Monday, 23 November 2026 · 2 wins · evening made up later" {
		t.Errorf("hover shows %q", got)
	}
	if o.heatmap.Hovered() < 0 {
		t.Error("the hovered day has no outline")
	}
	test.MoveMouse(c, dayCenter(t, o, data.NewDay(2026, time.November, 26)))
	if got := o.dayInfo.Text; got != "Thursday, 26 November 2026 · 1 win · no evening reflection" {
		t.Errorf("hover shows %q", got)
	}
	test.MoveMouse(c, fyne.NewPos(2, 2))
	if o.dayInfo.Text != hint || o.heatmap.Hovered() != -1 {
		t.Errorf("after the pointer left: %q, hovered %d", o.dayInfo.Text, o.heatmap.Hovered())
	}

	test.TapCanvas(c, dayCenter(t, o, data.NewDay(2026, time.November, 24)))
	if len(opened) != 1 || opened[0] != data.NewDay(2026, time.November, 24) {
		t.Fatalf("tap opened %v, want 2026-11-24", opened)
	}
	if got := o.dayInfo.Text; got != "Tuesday, 24 November 2026 · 1 win · evening celebrated" {
		t.Errorf("tap shows %q", got)
	}
	// Days still to come are not on the map, and a tap there opens nothing.
	pos := dayCenter(t, o, data.NewDay(2026, time.December, 9))
	test.TapCanvas(c, pos)
	if len(opened) != 1 {
		t.Errorf("a tap on a day to come opened %v", opened[1:])
	}
}

func TestOverviewTapOpensEvening(t *testing.T) {
	u, s, clock := newTestUI(t)
	datatest.Fill(t, s, clock)
	o := u.ShowOverview()
	test.TapCanvas(o.win.Canvas(), dayCenter(t, o, data.NewDay(2026, time.November, 20)))
	if u.evening == nil {
		t.Error("tapping a day did not open the evening window")
	}
}

func TestOverviewYearSwitch(t *testing.T) {
	u, s, clock := newTestUI(t)
	datatest.Fill(t, s, clock)
	o := u.ShowOverview()

	test.Tap(o.prevYear)
	if o.yearLabel.Text != "Season 2025" || o.heatTitle.Text != "Wins in 2025" {
		t.Errorf("after back: %q, %q", o.yearLabel.Text, o.heatTitle.Text)
	}
	if !o.prevYear.Disabled() || o.nextYear.Disabled() {
		t.Errorf("2025 is the first season: prev disabled %v, next disabled %v", o.prevYear.Disabled(), o.nextYear.Disabled())
	}
	if got := o.season.Text; got != "Season 2025: 2 wins · best week: 2 from 29 December · best month: December (2) · 0 days celebrated" {
		t.Errorf("season line %q", got)
	}
	if o.seasonTitle.Text != "Season 2025" || o.seasonFT.Text != "No trained days yet" {
		t.Errorf("2025 follow-through %q", o.seasonFT.Text)
	}
	test.MoveMouse(o.win.Canvas(), dayCenter(t, o, data.NewDay(2025, time.December, 30)))
	if got := o.dayInfo.Text; got != "Tuesday, 30 December 2025 · 2 wins · no evening reflection" {
		t.Errorf("hover in 2025 shows %q", got)
	}
	// Streaks and the last twelve weeks do not depend on the season shown.
	if now, _, _ := cardTexts(o.cards[3]); now != "10 days in a row" || weekValues(o)[11] != 5 {
		t.Errorf("streak %q, weeks %v", now, weekValues(o))
	}

	test.Tap(o.nextYear)
	if o.yearLabel.Text != "Season 2026" || !o.nextYear.Disabled() {
		t.Errorf("after forward: %q, next disabled %v", o.yearLabel.Text, o.nextYear.Disabled())
	}
}

func TestOverviewShowAgainRefreshes(t *testing.T) {
	u, s, clock := newTestUI(t)
	datatest.Fill(t, s, clock)
	o := u.ShowOverview()
	if _, err := s.CelebrateEvening(context.Background(), data.NewDay(2026, time.November, 26), data.EveningAnswers{WentWell: "Asked twice"}); err != nil {
		t.Fatal(err)
	}
	if again := u.ShowOverview(); again != o {
		t.Fatal("a second ShowOverview built a second window")
	}
	if now, _, _ := cardTexts(o.cards[0]); now != "10 days in a row" {
		t.Errorf("after celebrating today the card shows %q", now)
	}
	o.win.Close()
	if u.overview != nil {
		t.Error("the closed window is still registered")
	}
}

func TestOverviewEmptyJournal(t *testing.T) {
	u, _, _ := newTestUI(t)
	o := u.ShowOverview()
	if now, best, _ := cardTexts(o.cards[0]); now != "0 days in a row" || best != "Best: 0" {
		t.Errorf("empty card %q, %q", now, best)
	}
	if o.season.Text != "Season 2026: 0 wins · 0 days celebrated" || o.last30.Text != "No trained days yet" {
		t.Errorf("empty season %q, follow-through %q", o.season.Text, o.last30.Text)
	}
	if o.restNote.Visible() || !o.prevYear.Disabled() || !o.nextYear.Disabled() {
		t.Error("an empty journal has no rest note and no other season")
	}
}

func TestOverviewStoreError(t *testing.T) {
	u, s, _ := newTestUI(t)
	o := u.ShowOverview()
	s.Close()
	test.Tap(o.prevYear) // disabled: nothing happens
	o.refresh()
	if o.win.Canvas().Overlays().Top() == nil {
		t.Error("a store error showed no dialog")
	}
	if o.yearLabel.Text != "Season 2026" {
		t.Errorf("the window lost what it showed: %q", o.yearLabel.Text)
	}
}

// TestOverviewGolden renders the overview of a year of demo data in English
// and German, light and dark.
func TestOverviewGolden(t *testing.T) {
	for _, look := range []struct{ lang, variant string }{{"en", "light"}, {"en", "dark"}, {"de", "light"}, {"de", "dark"}} {
		t.Run(look.lang+"_"+look.variant, func(t *testing.T) {
			u, s, _ := newTestUI(t)
			useLook(t, u.app, look.lang, look.variant)
			if _, err := s.Demo(context.Background(), 1, look.lang, 1); err != nil {
				t.Fatal(err)
			}
			o := u.ShowOverview()
			test.MoveMouse(o.win.Canvas(), dayCenter(t, o, data.NewDay(2026, time.November, 23)))
			test.AssertRendersToMarkup(t, "overview_"+look.lang+"_"+look.variant+".xml", o.win.Canvas())
		})
	}
}

func TestOverviewEscapeCloses(t *testing.T) {
	u, _, _ := newTestUI(t)
	o := u.ShowOverview()
	o.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.overview != nil {
		t.Error("Escape did not close the overview")
	}
}

// BenchmarkOverviewWindowRefresh measures what a year switch costs on a
// ten-year demo journal, short of the GL drawing: the data, the heatmap's
// objects, the chart and the layout.
func BenchmarkOverviewWindowRefresh(b *testing.B) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		b.Fatal(err)
	}
	clock := newFakeClock(time.Date(2026, 11, 26, 14, 0, 0, 0, berlin))
	s, err := data.Open(filepath.Join(b.TempDir(), "matchday.db"), data.WithClock(clock.Now))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Demo(context.Background(), 10, "en", 1); err != nil {
		b.Fatal(err)
	}
	a := test.NewTempApp(b)
	a.Settings().SetTheme(newTheme("light"))
	o := NewUI(a, s, clock.Now).ShowOverview()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		o.year = 2026 - i%2
		o.refresh()
	}
}

func TestOverviewRelabelKeepsTheSeason(t *testing.T) {
	u, s, clock := newTestUI(t)
	datatest.Fill(t, s, clock)
	o := u.ShowOverview()
	test.Tap(o.prevYear)

	u.useLanguage("de")

	if o.win.Title() != "Übersicht" || o.yearLabel.Text != "Saison 2025" || o.year != 2025 {
		t.Errorf("after the switch: title %q, season %q (%d)", o.win.Title(), o.yearLabel.Text, o.year)
	}
	if !o.prevYear.Disabled() || o.nextYear.Disabled() {
		t.Error("the season switcher forgot 2025 is the first season")
	}
	test.MoveMouse(o.win.Canvas(), dayCenter(t, o, data.NewDay(2025, time.December, 30)))
	if !strings.HasPrefix(o.dayInfo.Text, "Dienstag") {
		t.Errorf("hover after the switch shows %q", o.dayInfo.Text)
	}
}

func TestOverviewFollowsTheJournal(t *testing.T) {
	u, s, clock := newTestUI(t)
	datatest.Fill(t, s, clock)
	o := u.ShowOverview()
	test.Tap(o.prevYear)
	before := weekValues(o)[11]

	addWins(t, otherHandle(t, u), data.Day{}, "Logged by the agent")
	u.onWatchTick()

	if weekValues(o)[11] != before+1 {
		t.Errorf("this week's bar = %d, want %d", weekValues(o)[11], before+1)
	}
	if o.year != 2025 || o.yearLabel.Text != "Season 2025" {
		t.Errorf("a refresh from the journal left season 2025 for %d", o.year)
	}
}

func weekValues(o *overviewWindow) []int {
	v, _ := o.weeks.Values()
	return v
}

func weekLabels(o *overviewWindow) []string {
	_, l := o.weeks.Values()
	return l
}

// TestOverviewFitsSmallAndUsesLargeScreens: the overview's content fits a
// window on an 800×600 screen, and on a large screen the heatmap grows with
// the window rather than staying small in the middle.
func TestOverviewFitsSmallAndUsesLargeScreens(t *testing.T) {
	for _, language := range []string{"en", "de"} {
		u, s, clock := newTestUI(t)
		useLook(t, u.app, language, "light")
		datatest.Fill(t, s, clock)
		o := u.ShowOverview()
		if w := o.win.Content().MinSize().Width; w > 790 {
			t.Errorf("%s: the overview needs %.0f px, more than an 800-px screen has", language, w)
		}
		o.win.Resize(fyne.NewSize(780, 560))
		small := o.heatmap.Size()
		o.win.Resize(fyne.NewSize(2400, 1300))
		large := o.heatmap.Size()
		if small.Width > 780 || large.Width < 2*small.Width-100 || large.Height <= small.Height {
			t.Errorf("%s: heatmap %v in a small window, %v in a large one; want it to grow", language, small, large)
		}
	}
}
