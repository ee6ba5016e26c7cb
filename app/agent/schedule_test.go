package agent

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"matchday/data"
)

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func berlin(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// newTestScheduler returns a scheduler on a temp-dir journal whose clock
// starts at start.
func newTestScheduler(t *testing.T, start time.Time) (*scheduler, *fakeClock) {
	t.Helper()
	clock := &fakeClock{t: start}
	s, err := data.Open(filepath.Join(t.TempDir(), "matchday.db"), data.WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return &scheduler{store: s, now: clock.Now}, clock
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

	// The next day, before the morning time: the focus is set early.
	next := data.NewDay(2026, time.December, 1)
	clock.Set(time.Date(2026, 12, 1, 6, 45, 0, 0, loc))
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
