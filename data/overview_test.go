package data

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// openAt opens a journal in a temp folder whose clock stands at *now.
func openAt(tb testing.TB, now *time.Time) *Store {
	tb.Helper()
	s, err := Open(filepath.Join(tb.TempDir(), "matchday.db"), WithClock(func() time.Time { return *now }))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func TestDaySummaries(t *testing.T) {
	ctx := context.Background()
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 26, 14, 0, 0, 0, berlin)
	s := openAt(t, &now)
	today := NewDay(2026, time.November, 26)
	d := func(back int) Day { return today.AddDays(-back) }

	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// Two days ago: two wins (and a deleted one), trained, celebrated that evening.
	now = time.Date(2026, 11, 24, 20, 0, 0, 0, berlin)
	must(s.AddWin(ctx, Day{}, NewWin{Text: "Signed Anna"}))
	must(s.AddWin(ctx, Day{}, NewWin{Text: "Tom came back"}))
	gone, err := s.AddWin(ctx, Day{}, NewWin{Text: "typo"})
	must(gone, err)
	must(nil, s.DeleteWin(ctx, gone.UUID))
	must(s.SetMorningFocus(ctx, d(2), "Ask for the next step"))
	must(s.CelebrateEvening(ctx, d(2), EveningAnswers{WentWell: "Asked", FocusResult: FocusYes}))
	// Yesterday: only drafts, which count for nothing.
	now = time.Date(2026, 11, 25, 21, 0, 0, 0, berlin)
	must(s.SaveMorningDraft(ctx, d(1), "half a thought"))
	must(s.SaveEveningDraft(ctx, d(1), EveningAnswers{WentWell: "draft", FocusResult: FocusNo}))
	// Three days ago, celebrated today: made up.
	now = time.Date(2026, 11, 26, 14, 0, 0, 0, berlin)
	must(s.CelebrateEvening(ctx, d(3), EveningAnswers{RepeatHow: "Follow up"}))
	// Today: a win logged after midnight last night still belongs to yesterday.
	now = time.Date(2026, 11, 26, 1, 30, 0, 0, berlin)
	must(s.AddWin(ctx, Day{}, NewWin{Text: "Late invoice paid"}))
	now = time.Date(2026, 11, 26, 14, 0, 0, 0, berlin)
	must(s.AddWin(ctx, Day{}, NewWin{Text: "Workshop sold out"}))

	got, err := s.DaySummaries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []DaySummary{
		{Day: d(3), Celebrated: true, MadeUp: true},
		{Day: d(2), Wins: 2, Trained: true, Celebrated: true, FocusResult: FocusYes},
		{Day: d(1), Wins: 1, FocusResult: FocusNo},
		{Day: d(0), Wins: 1},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d days %+v, want %+v", len(got), got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("day %d: got %+v, want %+v", i, got[i], want[i])
		}
	}

	o, err := s.Overview(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if o.Today != today || o.Year != 2026 || len(o.Days) != 365 {
		t.Errorf("today %s, year %d, %d days", o.Today, o.Year, len(o.Days))
	}
	if o.Counts != (Counts{Today: 1, Week: 4, Season: 4, Career: 4}) {
		t.Errorf("counts %+v", o.Counts)
	}
	wantStreaks := Streaks{
		Celebrated:   Streak{Current: 0, Longest: 2},
		Trained:      Streak{Current: 0, Longest: 1},
		FullMatchday: Streak{Current: 0, Longest: 1},
		WinDay:       Streak{Current: 3, Longest: 3},
	}
	if o.Streaks != wantStreaks {
		t.Errorf("streaks %+v, want %+v", o.Streaks, wantStreaks)
	}
}

func TestBuildOverview(t *testing.T) {
	today := NewDay(2026, time.November, 26) // Thursday
	var h []DaySummary
	add := func(d Day, wins int, trained bool, focus FocusResult, celebrated, madeUp bool) {
		h = append(h, DaySummary{Day: d, Wins: wins, Trained: trained, FocusResult: focus, Celebrated: celebrated, MadeUp: madeUp})
	}
	add(NewDay(2024, time.June, 3), 5, false, "", false, false)
	add(NewDay(2025, time.December, 31), 4, true, FocusYes, true, false)
	add(NewDay(2026, time.January, 1), 3, true, FocusNo, true, false)   // Thursday, week of 29 Dec
	add(NewDay(2026, time.March, 2), 2, true, FocusPartly, true, true)  // Monday
	add(NewDay(2026, time.March, 3), 6, true, FocusYes, true, false)    // same week: 8
	add(NewDay(2026, time.September, 1), 7, false, "", false, false)    // Tuesday, alone: 7
	add(NewDay(2026, time.November, 2), 1, true, FocusYes, true, false) // 12 weeks back? 24 days
	add(NewDay(2026, time.November, 20), 2, true, "", true, false)      // trained, not answered
	add(NewDay(2026, time.November, 25), 3, true, FocusNo, true, false)
	add(today, 1, true, "", false, false) // open today
	add(today.AddDays(3), 9, false, "", false, false)

	o := BuildOverview(h, today, 0, 0)
	if o.Year != 2026 || len(o.Days) != 365 {
		t.Fatalf("year %d with %d days", o.Year, len(o.Days))
	}
	if want := []int{2024, 2025, 2026}; len(o.Years) != 3 || o.Years[0] != want[0] || o.Years[2] != want[2] {
		t.Errorf("years %v, want %v", o.Years, want)
	}
	if o.Counts != (Counts{Today: 1, Week: 4, Season: 25, Career: 34}) {
		t.Errorf("counts %+v", o.Counts)
	}
	if d := o.Days[NewDay(2026, time.March, 2).DaysSince(NewDay(2026, time.January, 1))]; d.Wins != 2 || !d.MadeUp {
		t.Errorf("2 March is %+v", d)
	}
	if len(o.Weeks) != OverviewWeeks || o.Weeks[11].Start != NewDay(2026, time.November, 23) || o.Weeks[0].Start != NewDay(2026, time.September, 7) {
		t.Errorf("weeks %+v", o.Weeks)
	}
	if o.Weeks[11].Wins != 4 || o.Weeks[10].Wins != 2 || o.Weeks[8].Wins != 1 {
		t.Errorf("weeks %+v", o.Weeks)
	}
	// Last 30 days: 2, 20 and 25 November; today is open.
	if want := (FollowThrough{TrainedDays: 3, Yes: 1, No: 1, Unanswered: 1}); o.Last30FollowThrough != want {
		t.Errorf("last 30 days %+v, want %+v", o.Last30FollowThrough, want)
	}
	if want := (FollowThrough{TrainedDays: 6, Yes: 2, Partly: 1, No: 2, Unanswered: 1}); o.SeasonFollowThrough != want {
		t.Errorf("season %+v, want %+v", o.SeasonFollowThrough, want)
	}
	if o.SeasonFollowThrough.Percent(2) != 33 || (FollowThrough{}).Percent(0) != 0 {
		t.Errorf("percent %d", o.SeasonFollowThrough.Percent(2))
	}
	wantSeason := SeasonSummary{
		Year: 2026, Wins: 25, WinDays: 8, DaysCelebrated: 6, DaysMadeUp: 1, DaysTrained: 7,
		BestWeek:  &WeekWins{Start: NewDay(2026, time.March, 2), Wins: 8},
		BestMonth: &MonthWins{Year: 2026, Month: time.March, Wins: 8},
	}
	if !reflect.DeepEqual(o.Season, wantSeason) {
		t.Errorf("season %+v %+v %+v\nwant %+v", o.Season, o.Season.BestWeek, o.Season.BestMonth, wantSeason)
	}

	// An earlier season: its week across New Year counts only its own days.
	o = BuildOverview(h, today, 2025, 0)
	if o.Year != 2025 || o.Season.Wins != 4 || o.Season.BestWeek == nil || *o.Season.BestWeek != (WeekWins{Start: NewDay(2025, time.December, 29), Wins: 4}) {
		t.Errorf("2025: %+v", o.Season)
	}
	if o.SeasonFollowThrough != (FollowThrough{TrainedDays: 1, Yes: 1}) {
		t.Errorf("2025 follow-through %+v", o.SeasonFollowThrough)
	}
	// Out of range: the nearest season.
	if o = BuildOverview(h, today, 1999, 0); o.Year != 2024 || len(o.Days) != 366 {
		t.Errorf("1999 gave %d with %d days", o.Year, len(o.Days))
	}
	if o = BuildOverview(h, today, 2099, 0); o.Year != 2026 {
		t.Errorf("2099 gave %d", o.Year)
	}
	if o = BuildOverview(nil, today, 0, 0); o.Year != 2026 || len(o.Years) != 1 || o.Season.Wins != 0 || o.Season.BestWeek != nil || o.Season.BestMonth != nil {
		t.Errorf("empty: %+v", o.Season)
	}
}

func TestParseDayBytes(t *testing.T) {
	for _, s := range []string{"2026-11-26", "2024-02-29", "0002-01-01", "9999-12-31"} {
		d, err := parseDayBytes([]byte(s))
		if err != nil || d.String() != s {
			t.Errorf("%s: got %s, %v", s, d, err)
		}
	}
	for _, s := range []string{"2026-02-30", "2026-13-01", "2026-1-01", "", "abcd-ef-gh", "2026-11-00"} {
		if _, err := parseDayBytes([]byte(s)); err == nil {
			t.Errorf("%q: no error", s)
		}
	}
}

func TestListItems(t *testing.T) {
	items, err := listItems([]byte("2026-01-0211,2025-12-313,2026-01-011"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2025-12-31 3", "2026-01-01 1", "2026-01-02 11"}
	for i, it := range items {
		if got := it.day.String() + " " + string(it.rest); i >= len(want) || got != want[i] {
			t.Errorf("item %d is %q, want %q", i, got, want[i])
		}
	}
	if items, err := listItems(nil); err != nil || len(items) != 0 {
		t.Errorf("an empty list gave %v, %v", items, err)
	}
	for _, bad := range []string{"2026-01", "2026-13-0111", "2026-01-01,"} {
		if _, err := listItems([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// BenchmarkOverview measures the overview's data on a ten-year demo journal:
// the goal is under 5 ms, so the window opens and switches years within a
// frame or two.
func BenchmarkOverview(b *testing.B) {
	ctx := context.Background()
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 11, 26, 14, 0, 0, 0, berlin)
	s := openAt(b, &now)
	if _, err := s.Demo(ctx, 10, "en", 1); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Overview(ctx, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// TestStreaksAreTheOverviewsStreaks: the main window's streaks are the
// overview's, to the day, with rest days and off-seasons.
func TestStreaksAreTheOverviewsStreaks(t *testing.T) {
	ctx := context.Background()
	s, _ := openTestStore(t)
	today := NewDay(2026, 11, 26) // Thursday
	set := DefaultSettings()
	set.RestDays = set.RestDays.With(time.Sunday, true)
	if err := s.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	// Celebrated: the last five days (Sunday a rest day), and four days
	// two weeks before.
	for _, back := range []int{1, 2, 3, 5, 6, 14, 15, 16, 17} {
		if _, err := s.CelebrateEvening(ctx, today.AddDays(-back), EveningAnswers{WentWell: "x"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.AddOffSeason(ctx, today.AddDays(-13), today.AddDays(-7), "holiday"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Streaks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ov, err := s.Overview(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got != ov.Streaks {
		t.Errorf("Streaks = %+v, overview's %+v", got, ov.Streaks)
	}
	// Yesterday back to the 14th day before, the off-season and Sunday
	// skipped: 5 + 4 = 9, one run.
	if got.Celebrated.Current != 9 || got.Celebrated.Longest != 9 {
		t.Errorf("celebrated = %+v, want 9 in a row, best 9", got.Celebrated)
	}
}
