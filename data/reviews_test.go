package data

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestReviewWeekOn(t *testing.T) {
	d := func(day int) Day { return NewDay(2026, time.November, day) } // 23 November 2026 is a Monday
	cases := []struct {
		today     Day
		reviewDay time.Weekday
		want      Day
	}{
		{d(29), time.Sunday, d(23)},                             // the review day reviews its own week
		{d(30), time.Sunday, d(23)},                             // Monday: still last week (made up)
		{d(28), time.Sunday, d(16)},                             // Saturday: this week is not up yet
		{d(23), time.Sunday, d(16)},                             // Monday
		{d(27), time.Friday, d(23)},                             // Friday review day
		{d(26), time.Friday, d(16)},                             // the day before it
		{d(30), time.Monday, d(23)},                             // a Monday review day reviews the week before
		{d(29), time.Monday, d(16)},                             // the Sunday before that Monday
		{d(24), time.Tuesday, d(23)},                            // Tuesday reviews its own week
		{d(23), time.Tuesday, d(16)},                            //
		{NewDay(2027, 1, 3), time.Sunday, NewDay(2026, 12, 28)}, // across New Year
	}
	for _, c := range cases {
		if got := ReviewWeekOn(c.today, c.reviewDay); got != c.want {
			t.Errorf("ReviewWeekOn(%s %s, %s) = %s, want %s", c.today.Weekday(), c.today, c.reviewDay, got, c.want)
		}
		if due := ReviewDayOf(c.want, c.reviewDay); due.After(c.today) || due.Weekday() != c.reviewDay {
			t.Errorf("ReviewDayOf(%s, %s) = %s: not the review day, or after %s", c.want, c.reviewDay, due, c.today)
		}
	}
}

func TestSaveReview(t *testing.T) {
	ctx := context.Background()
	s, clock := openTestStore(t)
	loc := mustLoc(t, "Europe/Berlin")
	week := NewDay(2026, 11, 23)

	// Sunday evening: a draft, then the review.
	clock.Set(time.Date(2026, 11, 29, 20, 30, 0, 0, loc))
	draft, err := s.SaveReviewDraft(ctx, NewDay(2026, 11, 26), "  Follow up ")
	if err != nil {
		t.Fatal(err)
	}
	if draft.Week != week || draft.Theme != "Follow up" || draft.Reviewed() {
		t.Fatalf("draft %+v: the week is its Monday, the theme trimmed, not reviewed", draft)
	}
	if _, err := s.SaveReview(ctx, week, "   "); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty review: %v, want ErrEmpty", err)
	}
	if _, err := s.SaveReview(ctx, week, strings.Repeat("x", MaxTheme+1)); !errors.Is(err, ErrTooLong) {
		t.Errorf("long theme: %v, want ErrTooLong", err)
	}
	r, err := s.SaveReview(ctx, week.AddDays(6), "Follow up within 24 hours")
	if err != nil {
		t.Fatal(err)
	}
	if r.UUID != draft.UUID || !r.Reviewed() || r.MadeUp {
		t.Errorf("review %+v: same record, reviewed, on time", r)
	}
	at := *r.ReviewedAt
	clock.Set(time.Date(2026, 12, 2, 9, 0, 0, 0, loc))
	if _, err := s.SaveReviewDraft(ctx, week, ""); !errors.Is(err, ErrEmpty) {
		t.Errorf("blanking a saved review: %v, want ErrEmpty", err)
	}
	edited, err := s.SaveReviewDraft(ctx, week, "Follow up within a day")
	if err != nil {
		t.Fatal(err)
	}
	if !edited.ReviewedAt.Equal(at) || edited.MadeUp || edited.Theme != "Follow up within a day" {
		t.Errorf("an edit keeps the first save: %+v", edited)
	}

	// The week that has not started is refused; this week is not.
	if _, err := s.SaveReviewDraft(ctx, NewDay(2026, 12, 7), "too early"); !errors.Is(err, ErrFutureWeek) {
		t.Errorf("next week: %v, want ErrFutureWeek", err)
	}
	if _, err := s.SaveReviewDraft(ctx, NewDay(2026, 12, 6), "this week"); err != nil {
		t.Errorf("this week: %v", err)
	}
	if _, err := s.Review(ctx, NewDay(2026, 11, 16)); !errors.Is(err, ErrNotFound) {
		t.Errorf("a week without a review: %v, want ErrNotFound", err)
	}
}

// TestReviewMadeUpOnMonday: a review written on Monday morning belongs to
// the week it reviews, is marked made up, and counts for the streak.
func TestReviewMadeUpOnMonday(t *testing.T) {
	ctx := context.Background()
	s, clock := openTestStore(t)
	loc := mustLoc(t, "Europe/Berlin")
	lastWeek, thisWeek := NewDay(2026, 11, 23), NewDay(2026, 11, 30)

	// Monday 30 November, 08:00; and 02:00 the same night still belongs to
	// Sunday (day start 04:00), so it is on time.
	for _, c := range []struct {
		at     time.Time
		madeUp bool
	}{
		{time.Date(2026, 11, 30, 2, 0, 0, 0, loc), false},
		{time.Date(2026, 11, 30, 8, 0, 0, 0, loc), true},
	} {
		s, clock := openTestStore(t)
		clock.Set(c.at)
		week, err := s.ReviewWeek(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if week != lastWeek {
			t.Fatalf("at %s the week up for review is %s, want %s", c.at, week, lastWeek)
		}
		r, err := s.SaveReview(ctx, week, "Ask for referrals")
		if err != nil {
			t.Fatal(err)
		}
		if r.Week != lastWeek || r.MadeUp != c.madeUp {
			t.Errorf("at %s: review %+v, want week %s, made up %v", c.at, r, lastWeek, c.madeUp)
		}
	}

	clock.Set(time.Date(2026, 11, 30, 8, 0, 0, 0, loc))
	for _, w := range []Day{lastWeek.AddDays(-14), lastWeek.AddDays(-7)} {
		if _, err := s.SaveReview(ctx, w, "Earlier"); err != nil {
			t.Fatal(err)
		}
	}
	o, err := s.Overview(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if o.Streaks.WeeklyReview.Current != 0 || o.Streaks.WeeklyReview.Longest != 2 {
		t.Errorf("before last week's review: %+v, want current 0, longest 2", o.Streaks.WeeklyReview)
	}
	if _, err := s.SaveReview(ctx, lastWeek, "Ask for referrals"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveReviewDraft(ctx, thisWeek, "a draft counts for nothing"); err != nil {
		t.Fatal(err)
	}
	o, err = s.Overview(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Streak{Current: 3, Longest: 3, CurrentMadeUp: 3}); o.Streaks.WeeklyReview != want {
		t.Errorf("weekly streak %+v, want %+v (all three written on a Monday after their week)", o.Streaks.WeeklyReview, want)
	}
	if _, err := s.Review(ctx, thisWeek); err != nil {
		t.Errorf("this week's draft: %v", err)
	}
}

// TestWeekTheme: the theme of a saved review is the suggested focus of
// every morning of the next week, and of no other week.
func TestWeekTheme(t *testing.T) {
	ctx := context.Background()
	s, clock := openTestStore(t)
	loc := mustLoc(t, "Europe/Berlin")
	clock.Set(time.Date(2026, 11, 29, 20, 0, 0, 0, loc))
	week := NewDay(2026, 11, 23)
	if _, err := s.SaveReviewDraft(ctx, week, "Only drafted"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WeekTheme(ctx, week.AddDays(7)); !errors.Is(err, ErrNotFound) {
		t.Errorf("a draft's theme: %v, want ErrNotFound", err)
	}
	if _, err := s.SaveReview(ctx, week, "Name the price once"); err != nil {
		t.Fatal(err)
	}
	for i := 7; i < 14; i++ {
		day := week.AddDays(i)
		r, err := s.WeekTheme(ctx, day)
		if err != nil || r.Theme != "Name the price once" {
			t.Errorf("%s %s: %q, %v", day.Weekday(), day, r.Theme, err)
		}
	}
	for _, day := range []Day{week.AddDays(6), week, week.AddDays(14)} {
		if r, err := s.WeekTheme(ctx, day); !errors.Is(err, ErrNotFound) {
			t.Errorf("%s: %+v, %v; want ErrNotFound", day, r, err)
		}
	}
}

func TestReviewDaySetting(t *testing.T) {
	ctx := context.Background()
	s, _ := openTestStore(t)
	set, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if set.ReviewDay != time.Sunday || !set.ReviewReminder {
		t.Errorf("defaults: review day %s, reminder %v; want Sunday, on", set.ReviewDay, set.ReviewReminder)
	}
	set.ReviewDay, set.ReviewReminder = time.Friday, false
	if err := s.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	got, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.ReviewDay != time.Friday || got.ReviewReminder {
		t.Errorf("read back %s, %v", got.ReviewDay, got.ReviewReminder)
	}
	set.ReviewDay = time.Weekday(9)
	if err := s.SaveSettings(ctx, set); err == nil {
		t.Error("weekday 9 was saved")
	}
	for _, v := range []string{"mon,tue", "", "funday"} {
		var probe Settings
		for _, f := range settingFields {
			if f.key == "review_day" {
				if err := f.parse(&probe, v); err == nil {
					t.Errorf("review_day %q accepted", v)
				}
			}
		}
	}
}
