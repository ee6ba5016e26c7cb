package agent

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"matchday/data"
	"matchday/data/testclock"
)

// fakeClock is the tests' one clock (data/testclock), moved by hand.
type fakeClock = testclock.Clock

func berlin(t *testing.T) *time.Location { return testclock.Berlin(t) }

// newTestScheduler returns a scheduler on a temp-dir journal whose clock
// starts at start. The journal is past its first run (its settings saved),
// as every journal that reminds is.
func newTestScheduler(t *testing.T, start time.Time) (*scheduler, *fakeClock) {
	t.Helper()
	sch, clock := newNewJournalScheduler(t, start)
	if err := sch.store.SaveSettings(context.Background(), data.DefaultSettings()); err != nil {
		t.Fatal(err)
	}
	return sch, clock
}

// newNewJournalScheduler returns a scheduler on a journal just created,
// waiting for its first run.
func newNewJournalScheduler(t *testing.T, start time.Time) (*scheduler, *fakeClock) {
	t.Helper()
	clock := testclock.New(start)
	s, err := data.Open(filepath.Join(t.TempDir(), "matchday.db"), data.WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return &scheduler{store: s, now: clock.Now}, clock
}

func TestSchedulerIsQuietUntilTheFirstRun(t *testing.T) {
	ctx := context.Background()
	loc := berlin(t)
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, 29+d, h, m, 0, 0, loc) }
	// Sunday 07:00: a new journal, its first launch before any reminder.
	sch, clock := newNewJournalScheduler(t, at(0, 7, 0))
	wantFire(t, fireAt(t, sch, clock, at(0, 7, 30)))
	wantFire(t, fireAt(t, sch, clock, at(0, 20, 0)))
	// Still new the next day: the first-run panel waits, nothing reminds.
	wantFire(t, fireAt(t, sch, clock, at(1, 7, 45)))

	// The first run ends on Monday at 10:00: that morning's 07:30 is past
	// and does not fire; the evening does, and the next morning.
	clock.Set(at(1, 10, 0))
	if err := sch.store.StartJournal(ctx, data.DefaultSettings()); err != nil {
		t.Fatal(err)
	}
	wantFire(t, fireAt(t, sch, clock, at(1, 10, 0)))
	wantFire(t, fireAt(t, sch, clock, at(1, 19, 59)))
	wantFire(t, fireAt(t, sch, clock, at(1, 20, 0)), Evening)
	wantFire(t, fireAt(t, sch, clock, at(2, 7, 30)), Morning)
}

func TestSchedulerWeekIsQuietBeforeTheFirstRun(t *testing.T) {
	ctx := context.Background()
	loc := berlin(t)
	// Sunday, the review day, at 19:00 a new journal starts; the review
	// reminder at 20:00 fires, the one before the start would not.
	sunday := func(h, m int) time.Time { return time.Date(2026, 11, 29, h, m, 0, 0, loc) }
	sch, clock := newNewJournalScheduler(t, sunday(19, 0))
	set := data.DefaultSettings()
	set.MorningReminder, set.EveningReminder = false, false
	wantFire(t, fireAt(t, sch, clock, sunday(20, 0)))
	clock.Set(sunday(20, 30))
	if err := sch.store.StartJournal(ctx, set); err != nil {
		t.Fatal(err)
	}
	wantFire(t, fireAt(t, sch, clock, sunday(20, 31)))
	wantFire(t, fireAt(t, sch, clock, sunday(20, 31).AddDate(0, 0, 7)), Week)
}

// fireAt sets the clock to at and returns what a check fires.
func fireAt(t *testing.T, s *scheduler, c *fakeClock, at time.Time) []Reminder {
	t.Helper()
	c.Set(at)
	res, err := s.check(context.Background())
	if err != nil {
		t.Fatalf("check at %s: %v", at, err)
	}
	return res.Fire
}

func wantFire(t *testing.T, got []Reminder, want ...Reminder) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("fired %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("fired %v, want %v", got, want)
		}
	}
}

func TestSchedulerFiresOnceAtTheSetTime(t *testing.T) {
	loc := berlin(t)
	at := func(h, m, s int) time.Time { return time.Date(2026, 11, 30, h, m, s, 0, loc) }
	sch, clock := newTestScheduler(t, at(7, 0, 0))

	wantFire(t, fireAt(t, sch, clock, at(7, 29, 59)))
	wantFire(t, fireAt(t, sch, clock, at(7, 30, 0)), Morning)
	wantFire(t, fireAt(t, sch, clock, at(7, 30, 30)))
	wantFire(t, fireAt(t, sch, clock, at(12, 0, 0)))
	wantFire(t, fireAt(t, sch, clock, at(19, 59, 59)))
	wantFire(t, fireAt(t, sch, clock, at(20, 0, 0)), Evening)
	wantFire(t, fireAt(t, sch, clock, at(23, 59, 0)))
	// 02:00 still belongs to the same logical day (day start 04:00).
	wantFire(t, fireAt(t, sch, clock, at(26, 0, 0)))
	// The next day fires again.
	wantFire(t, fireAt(t, sch, clock, at(24+7, 30, 0)), Morning)

	got, err := sch.store.State(context.Background(), lastFiredKey(Morning))
	if err != nil || got != "2026-12-01" {
		t.Fatalf("last fired = %q, %v; want 2026-12-01", got, err)
	}
}

func TestSchedulerNextIsTheComingReminder(t *testing.T) {
	loc := berlin(t)
	sch, clock := newTestScheduler(t, time.Date(2026, 11, 30, 7, 29, 55, 0, loc))
	res, err := sch.check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 11, 30, 7, 30, 0, 0, loc); !res.Next.Equal(want) {
		t.Errorf("next = %s, want %s", res.Next, want)
	}
	wantFire(t, fireAt(t, sch, clock, time.Date(2026, 11, 30, 7, 30, 0, 0, loc)), Morning)
	res, err = sch.check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 11, 30, 20, 0, 0, 0, loc); !res.Next.Equal(want) {
		t.Errorf("after the morning: next = %s, want %s", res.Next, want)
	}
}

func TestSchedulerFiresOnceAfterSleep(t *testing.T) {
	loc := berlin(t)
	sch, clock := newTestScheduler(t, time.Date(2026, 11, 30, 6, 50, 0, 0, loc))
	wantFire(t, fireAt(t, sch, clock, time.Date(2026, 11, 30, 6, 50, 0, 0, loc)))
	// The laptop sleeps through 07:30 and wakes at 11:42.
	wantFire(t, fireAt(t, sch, clock, time.Date(2026, 11, 30, 11, 42, 0, 0, loc)), Morning)
	wantFire(t, fireAt(t, sch, clock, time.Date(2026, 11, 30, 11, 42, 30, 0, loc)))
	// It sleeps again through 20:00 and past midnight.
	wantFire(t, fireAt(t, sch, clock, time.Date(2026, 12, 1, 1, 15, 0, 0, loc)), Evening)
	wantFire(t, fireAt(t, sch, clock, time.Date(2026, 12, 1, 1, 16, 0, 0, loc)))
}

func TestSchedulerLateStartFiresBothOnce(t *testing.T) {
	loc := berlin(t)
	start := time.Date(2026, 11, 30, 21, 0, 0, 0, loc)
	sch, clock := newTestScheduler(t, start)
	wantFire(t, fireAt(t, sch, clock, start), Morning, Evening)
	// A second agent on the same journal (a restart) does not fire again.
	again := &scheduler{store: sch.store, now: clock.Now}
	wantFire(t, fireAt(t, again, clock, start.Add(time.Minute)))
}

func TestSchedulerSkipsARitualAlreadyDone(t *testing.T) {
	ctx := context.Background()
	loc := berlin(t)
	sch, clock := newTestScheduler(t, time.Date(2026, 11, 30, 7, 0, 0, 0, loc))
	day := data.NewDay(2026, time.November, 30)

	// A draft is not a focus: the reminder still fires on a draft.
	if _, err := sch.store.SaveMorningDraft(ctx, day, "Ask for referrals"); err != nil {
		t.Fatal(err)
	}
	if _, err := sch.store.SaveEveningDraft(ctx, day, data.EveningAnswers{WentWell: "Half written"}); err != nil {
		t.Fatal(err)
	}
	wantFire(t, fireAt(t, sch, clock, time.Date(2026, 11, 30, 7, 30, 0, 0, loc)), Morning)

	if _, err := sch.store.CelebrateEvening(ctx, day, data.EveningAnswers{WentWell: "Two renewals"}); err != nil {
		t.Fatal(err)
	}
	wantFire(t, fireAt(t, sch, clock, time.Date(2026, 11, 30, 20, 0, 0, 0, loc)))

	// The focus is set on its own morning (a day is never in the future),
	// before the reminder's time.
	next := data.NewDay(2026, time.December, 1)
	clock.Set(time.Date(2026, 12, 1, 6, 0, 0, 0, loc))
	if _, err := sch.store.SetMorningFocus(ctx, next, "Call back every lead the same day"); err != nil {
		t.Fatal(err)
	}
	wantFire(t, fireAt(t, sch, clock, time.Date(2026, 12, 1, 7, 30, 0, 0, loc)))
	wantFire(t, fireAt(t, sch, clock, time.Date(2026, 12, 1, 20, 0, 0, 0, loc)), Evening)
}

func TestSchedulerOnceADayAcrossDST(t *testing.T) {
	loc := berlin(t)
	for _, tc := range []struct {
		name      string
		from      time.Time // three days before the change
		morning   data.ClockTime
		startHour int
	}{
		{"spring forward", time.Date(2026, 3, 26, 12, 0, 0, 0, loc), data.ClockTime{Hour: 7, Minute: 30}, 4},
		{"fall back", time.Date(2026, 10, 22, 12, 0, 0, 0, loc), data.ClockTime{Hour: 7, Minute: 30}, 4},
		// 02:30 does not exist on the spring day and happens twice on the autumn one.
		{"spring forward at 02:30", time.Date(2026, 3, 26, 12, 0, 0, 0, loc), data.ClockTime{Hour: 2, Minute: 30}, 0},
		{"fall back at 02:30", time.Date(2026, 10, 22, 12, 0, 0, 0, loc), data.ClockTime{Hour: 2, Minute: 30}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sch, clock := newTestScheduler(t, tc.from)
			set := data.DefaultSettings()
			set.MorningTime = tc.morning
			set.DayStartHour = tc.startHour
			if err := sch.store.SaveSettings(context.Background(), set); err != nil {
				t.Fatal(err)
			}
			fired := map[string]int{}
			// Real elapsed time in 10-minute steps, so the hour that is
			// skipped is skipped and the hour that repeats is lived twice.
			for now := tc.from; now.Before(tc.from.Add(6 * 24 * time.Hour)); now = now.Add(10 * time.Minute) {
				for _, r := range fireAt(t, sch, clock, now) {
					fired[string(r)+" "+data.DayOf(now, tc.startHour).String()]++
				}
			}
			first := data.DayOf(tc.from, tc.startHour).AddDays(1)
			for d := first; d.Before(first.AddDays(5)); d = d.AddDays(1) {
				for _, r := range reminders {
					if n := fired[string(r)+" "+d.String()]; n != 1 {
						t.Errorf("%s on %s fired %d times, want once", r, d, n)
					}
				}
			}
		})
	}
}

func TestSchedulerChangedTimeApplies(t *testing.T) {
	ctx := context.Background()
	loc := berlin(t)
	at := func(h, m int) time.Time { return time.Date(2026, 11, 30, h, m, 0, 0, loc) }
	sch, clock := newTestScheduler(t, at(7, 0))
	wantFire(t, fireAt(t, sch, clock, at(7, 0)))

	set := data.DefaultSettings()
	set.MorningTime = data.ClockTime{Hour: 9, Minute: 15}
	if err := sch.store.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	wantFire(t, fireAt(t, sch, clock, at(7, 30)))
	wantFire(t, fireAt(t, sch, clock, at(9, 14)))
	wantFire(t, fireAt(t, sch, clock, at(9, 15)), Morning)

	// An earlier evening time set after it passed fires at the next check.
	set.EveningTime = data.ClockTime{Hour: 9, Minute: 0}
	if err := sch.store.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	wantFire(t, fireAt(t, sch, clock, at(9, 16)), Evening)
}

func TestSchedulerOffAndRestDays(t *testing.T) {
	ctx := context.Background()
	loc := berlin(t)
	monday := time.Date(2026, 11, 30, 21, 0, 0, 0, loc)
	sch, clock := newTestScheduler(t, monday)

	set := data.DefaultSettings()
	set.MorningReminder = false
	set.EveningReminder = false
	set.ReviewReminder = false
	if err := sch.store.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	clock.Set(monday)
	res, err := sch.check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Fire) != 0 || !res.Next.IsZero() {
		t.Fatalf("reminders off: fired %v, next %s; want nothing", res.Fire, res.Next)
	}

	set = data.DefaultSettings()
	set.RestDays = set.RestDays.With(time.Monday, true)
	if err := sch.store.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	wantFire(t, fireAt(t, sch, clock, monday))
	wantFire(t, fireAt(t, sch, clock, monday.Add(24*time.Hour)), Morning, Evening)
}

func TestSchedulerClockGoingBackDoesNotRefire(t *testing.T) {
	loc := berlin(t)
	sch, clock := newTestScheduler(t, time.Date(2026, 11, 30, 8, 0, 0, 0, loc))
	wantFire(t, fireAt(t, sch, clock, time.Date(2026, 11, 30, 8, 0, 0, 0, loc)), Morning)
	// The clock is set back a day (a wrong NTP answer, a hand-set clock).
	wantFire(t, fireAt(t, sch, clock, time.Date(2026, 11, 29, 8, 0, 0, 0, loc)))
}

// TestSchedulerSilentInOffSeason: no reminder fires inside an off-season,
// neither the daily ones nor the weekly review's, and they come back the day
// after it.
func TestSchedulerSilentInOffSeason(t *testing.T) {
	ctx := context.Background()
	loc := berlin(t)
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, loc) }
	sch, clock := newTestScheduler(t, at(26, 6, 0))
	// Friday 27 to Sunday 29 November; the review day is Sunday the 29th.
	if _, err := sch.store.AddOffSeason(ctx, data.NewDay(2026, 11, 27), data.NewDay(2026, 11, 29), "Kurzurlaub"); err != nil {
		t.Fatal(err)
	}
	wantFire(t, fireAt(t, sch, clock, at(26, 7, 30)), Morning)
	wantFire(t, fireAt(t, sch, clock, at(26, 20, 0)), Evening)
	for d := 27; d <= 29; d++ {
		wantFire(t, fireAt(t, sch, clock, at(d, 7, 30)))
		wantFire(t, fireAt(t, sch, clock, at(d, 20, 0)))
		wantFire(t, fireAt(t, sch, clock, at(d, 23, 0)))
	}
	// Monday after: the daily reminders are back; the review day has passed.
	wantFire(t, fireAt(t, sch, clock, at(30, 7, 30)), Morning)
	wantFire(t, fireAt(t, sch, clock, at(30, 20, 0)), Evening)
}

// TestSchedulerWeeklyReview: the review's reminder comes on the review day
// at the evening time, once, also after a sleep through it, and not when the
// review is saved.
func TestSchedulerWeeklyReview(t *testing.T) {
	ctx := context.Background()
	loc := berlin(t)
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, loc) }

	t.Run("on Sunday at the evening time, once", func(t *testing.T) {
		sch, clock := newTestScheduler(t, at(time.November, 29, 7, 0))
		wantFire(t, fireAt(t, sch, clock, at(time.November, 29, 7, 30)), Morning)
		wantFire(t, fireAt(t, sch, clock, at(time.November, 29, 19, 59)))
		wantFire(t, fireAt(t, sch, clock, at(time.November, 29, 20, 0)), Evening, Week)
		wantFire(t, fireAt(t, sch, clock, at(time.November, 29, 23, 0)))
		// A second agent (a restart) does not fire it again.
		again := &scheduler{store: sch.store, now: clock.Now}
		wantFire(t, fireAt(t, again, clock, at(time.November, 29, 23, 30)))
		got, err := sch.store.State(ctx, lastFiredKey(Week))
		if err != nil || got != "2026-11-23" {
			t.Errorf("last fired %q, %v; want the week's Monday 2026-11-23", got, err)
		}
		// Not on the other days of the week; again next Sunday.
		for d := 30; d <= 31+5; d++ {
			day := at(time.November, d, 20, 0)
			if day.Weekday() == time.Sunday {
				wantFire(t, fireAt(t, sch, clock, day), Morning, Evening, Week)
				continue
			}
			wantFire(t, fireAt(t, sch, clock, day), Morning, Evening)
		}
	})
	t.Run("after a sleep through it, once the same night", func(t *testing.T) {
		sch, clock := newTestScheduler(t, at(time.November, 29, 19, 0))
		wantFire(t, fireAt(t, sch, clock, at(time.November, 29, 19, 0)), Morning)
		// Asleep from 19:00 to 01:30; the logical day is still Sunday.
		wantFire(t, fireAt(t, sch, clock, at(time.November, 30, 1, 30)), Evening, Week)
		wantFire(t, fireAt(t, sch, clock, at(time.November, 30, 1, 31)))
	})
	t.Run("not the next day: Monday's made-up review is the user's to open", func(t *testing.T) {
		sch, clock := newTestScheduler(t, at(time.November, 29, 19, 0))
		wantFire(t, fireAt(t, sch, clock, at(time.November, 29, 19, 0)), Morning)
		wantFire(t, fireAt(t, sch, clock, at(time.November, 30, 8, 0)), Morning)
	})
	t.Run("silent when the review is saved; a draft is not", func(t *testing.T) {
		sch, clock := newTestScheduler(t, at(time.November, 29, 7, 30))
		week := data.NewDay(2026, 11, 23)
		if _, err := sch.store.SaveReviewDraft(ctx, week, "half"); err != nil {
			t.Fatal(err)
		}
		wantFire(t, fireAt(t, sch, clock, at(time.November, 29, 7, 30)), Morning)
		if _, err := sch.store.SaveReview(ctx, week, "Follow up within a day"); err != nil {
			t.Fatal(err)
		}
		wantFire(t, fireAt(t, sch, clock, at(time.November, 29, 20, 0)), Evening)
	})
	t.Run("the chosen weekday, off, and rest days", func(t *testing.T) {
		sch, clock := newTestScheduler(t, at(time.November, 27, 7, 0))
		set := data.DefaultSettings()
		set.MorningReminder, set.EveningReminder = false, false
		set.ReviewDay = time.Friday
		set.RestDays = set.RestDays.With(time.Friday, true)
		if err := sch.store.SaveSettings(ctx, set); err != nil {
			t.Fatal(err)
		}
		res, err := sch.check(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := at(time.November, 27, 20, 0); !res.Next.Equal(want) {
			t.Errorf("next %s, want Friday 20:00", res.Next)
		}
		// A rest weekday does not keep the review quiet.
		wantFire(t, fireAt(t, sch, clock, at(time.November, 27, 20, 0)), Week)
		res, err = sch.check(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := at(time.December, 4, 20, 0); !res.Next.Equal(want) {
			t.Errorf("after it: next %s, want the Friday after", res.Next)
		}
		wantFire(t, fireAt(t, sch, clock, at(time.November, 29, 20, 0)))
		set.ReviewReminder = false
		if err := sch.store.SaveSettings(ctx, set); err != nil {
			t.Fatal(err)
		}
		wantFire(t, fireAt(t, sch, clock, at(time.December, 4, 20, 0)))
	})
	t.Run("a week wholly in the off-season is not asked for", func(t *testing.T) {
		sch, clock := newTestScheduler(t, at(time.November, 29, 7, 0))
		set := data.DefaultSettings()
		set.RestDays = set.RestDays.With(time.Sunday, true)
		if err := sch.store.SaveSettings(ctx, set); err != nil {
			t.Fatal(err)
		}
		if _, err := sch.store.AddOffSeason(ctx, data.NewDay(2026, 11, 23), data.NewDay(2026, 11, 28), ""); err != nil {
			t.Fatal(err)
		}
		wantFire(t, fireAt(t, sch, clock, at(time.November, 29, 20, 0)))
		if _, err := sch.store.RemoveOffSeason(ctx, data.NewDay(2026, 11, 23)); err != nil {
			t.Fatal(err)
		}
		wantFire(t, fireAt(t, sch, clock, at(time.November, 29, 20, 1)), Week)
	})
}
