package agent

import (
	"context"
	"errors"
	"fmt"
	"time"

	"matchday/data"
)

// Reminder names a ritual the agent reminds of; it is also the name of the
// window that ritual is done in.
type Reminder string

// The reminders: the two daily ones, in the order of the day, and the
// weekly matchweek review.
const (
	Morning Reminder = "morning"
	Evening Reminder = "evening"
	Week    Reminder = "week"
)

// reminders are the daily reminders.
var reminders = []Reminder{Morning, Evening}

// lastFiredKey is the store state key holding the logical day a reminder
// last fired on (YYYY-MM-DD; for the weekly review, the Monday of the week
// it reminded of). Keeping it in the journal, not in memory, is what makes a
// restart, a second agent after a crash or a sleep fire a reminder at most
// once a day (a week).
func lastFiredKey(r Reminder) string { return "reminder." + string(r) + ".last_fired" }

// reminderSetting returns whether reminder r is on and its time of day.
func reminderSetting(set data.Settings, r Reminder) (bool, data.ClockTime) {
	if r == Morning {
		return set.MorningReminder, set.MorningTime
	}
	return set.EveningReminder, set.EveningTime
}

// dueAt returns when a reminder set for clock time ct comes due on logical
// day d: at ct on d's date, or on the following date when ct is before the
// day start hour (an evening reminder at 00:30 still belongs to the day
// before). A time that does not exist on that date (02:30 when the clocks
// spring forward) comes due at the same moment an hour later, as time.Date
// normalises it.
func dueAt(d data.Day, ct data.ClockTime, startHour int, loc *time.Location) time.Time {
	date := d
	if ct.Hour < startHour {
		date = d.AddDays(1)
	}
	return time.Date(date.Year(), date.Month(), date.DayOfMonth(), ct.Hour, ct.Minute, 0, 0, loc)
}

// scheduler decides which reminders are due. It keeps no state of its own:
// each check re-reads the settings (so a changed time applies at the next
// check, without a restart) and the stored "last fired" days.
type scheduler struct {
	store *data.Store
	now   func() time.Time
	// begun is set once the journal was found past its first run, which
	// it stays.
	begun bool
}

// checkResult is what one check found.
type checkResult struct {
	Settings data.Settings
	Day      data.Day   // the logical day it is
	Fire     []Reminder // reminders that came due now; already recorded as fired
	// Week is the Monday of the week the Week reminder (in Fire or not) is
	// about.
	Week data.Day
	// Next is the earliest moment a reminder that is on may come due after
	// now, for the agent's wait; zero when every reminder is off.
	Next time.Time
}

// check compares the clock with each reminder's time and records and
// returns those that are due: past their time on today's logical day, not
// fired today (nor on a later day, should the clock have gone back), not on
// a rest day nor in an off-season, and not for a ritual already done
// (morning focus set, evening celebrated). So a reminder missed during sleep
// or before the agent started fires once when the agent next checks, and a
// DST change, which moves the hour hand but not the logical day, cannot fire
// it twice. The weekly review's reminder follows the same rule on the review
// day (see checkWeek). No reminder fires while the journal waits for its
// first run, nor for a time before the first run ended (see firstRun).
func (s *scheduler) check(ctx context.Context) (checkResult, error) {
	now := s.now()
	set, err := s.store.Settings(ctx)
	if err != nil {
		return checkResult{}, err
	}
	cal, err := s.store.Calendar(ctx)
	if err != nil {
		return checkResult{}, err
	}
	res := checkResult{Settings: set, Day: data.DayOf(now, set.DayStartHour)}
	_, offSeason := cal.OffSeason(res.Day)
	quiet, started, err := s.firstRun(ctx)
	if err != nil {
		return res, err
	}
	for _, r := range reminders {
		on, ct := reminderSetting(set, r)
		if !on {
			continue
		}
		at := dueAt(res.Day, ct, set.DayStartHour, now.Location())
		if now.Before(at) {
			res.next(at)
			continue
		}
		res.next(dueAt(res.Day.AddDays(1), ct, set.DayStartHour, now.Location()))
		if set.RestDays.Has(res.Day.Weekday()) || offSeason || quiet || at.Before(started) {
			continue
		}
		fired, err := s.lastFired(ctx, r)
		if err != nil {
			return res, err
		}
		if !fired.IsZero() && !fired.Before(res.Day) {
			continue
		}
		done, err := s.ritualDone(ctx, r, res.Day)
		if err != nil {
			return res, err
		}
		if done {
			continue
		}
		// Recorded before the notification is sent: a crash in between
		// loses one reminder rather than sending it twice.
		if err := s.store.SetState(ctx, lastFiredKey(r), res.Day.String()); err != nil {
			return res, err
		}
		res.Fire = append(res.Fire, r)
	}
	if err := s.checkWeek(ctx, &res, cal, offSeason || quiet, started); err != nil {
		return res, err
	}
	return res, nil
}

// checkWeek adds the weekly review's reminder to res when it is due: on the
// review day (Settings.ReviewDay, default Sunday) at the evening time, for
// the week that day reviews, like a daily reminder on that day: once, also
// after a sleep through its time, never in an off-season, not for a week
// whose every day is a rest weekday or in the off-season, and not when the
// week's review is saved. A rest weekday alone does not keep it quiet: the
// review day is a day of its own choosing.
func (s *scheduler) checkWeek(ctx context.Context, res *checkResult, cal data.Calendar, offSeason bool, started time.Time) error {
	set, now := res.Settings, s.now()
	res.Week = data.ReviewWeekOn(res.Day, set.ReviewDay)
	if !set.ReviewReminder {
		return nil
	}
	reviewDay := data.ReviewDayOf(res.Week, set.ReviewDay)
	at := dueAt(reviewDay, set.EveningTime, set.DayStartHour, now.Location())
	if now.Before(at) {
		res.next(at)
		return nil
	}
	res.next(dueAt(reviewDay.AddDays(7), set.EveningTime, set.DayStartHour, now.Location()))
	if reviewDay != res.Day || offSeason || cal.WeekPaused(res.Week) || at.Before(started) {
		return nil
	}
	fired, err := s.lastFired(ctx, Week)
	if err != nil {
		return err
	}
	if !fired.IsZero() && !fired.Before(res.Week) {
		return nil
	}
	r, err := s.store.Review(ctx, res.Week)
	if err != nil && !errors.Is(err, data.ErrNotFound) {
		return err
	}
	if r.Reviewed() {
		return nil
	}
	if err := s.store.SetState(ctx, lastFiredKey(Week), res.Week.String()); err != nil {
		return err
	}
	res.Fire = append(res.Fire, Week)
	return nil
}

// firstRun reports whether the journal waits for its first run (quiet:
// no reminder fires, since the main window is showing the first-run panel
// and nothing else is to open), and when the first run ended on this
// machine (zero when unknown): a reminder whose time on that day was
// before it does not fire, so confirming the first run at 10:00 does not
// bring up that morning's 07:30 reminder.
func (s *scheduler) firstRun(ctx context.Context) (quiet bool, started time.Time, err error) {
	if !s.begun {
		isNew, err := s.store.IsNew(ctx)
		if err != nil || isNew {
			return isNew, time.Time{}, err
		}
		s.begun = true
	}
	started, err = s.store.StartedAt(ctx)
	if errors.Is(err, data.ErrNotFound) {
		return false, time.Time{}, nil
	}
	return false, started, err
}

func (r *checkResult) next(t time.Time) {
	if r.Next.IsZero() || t.Before(r.Next) {
		r.Next = t
	}
}

// lastFired returns the day reminder r last fired on; the zero Day when it
// never did or the stored value is unreadable.
func (s *scheduler) lastFired(ctx context.Context, r Reminder) (data.Day, error) {
	v, err := s.store.State(ctx, lastFiredKey(r))
	if err != nil || v == "" {
		return data.Day{}, err
	}
	d, err := data.ParseDay(v)
	if err != nil {
		return data.Day{}, nil
	}
	return d, nil
}

// ritualDone reports whether the ritual reminder r is about is already done
// on day: the morning focus set, or the evening celebrated. Drafts do not
// count.
func (s *scheduler) ritualDone(ctx context.Context, r Reminder, day data.Day) (bool, error) {
	var done bool
	var err error
	switch r {
	case Morning:
		var m data.Morning
		m, err = s.store.Morning(ctx, day)
		done = m.IsSet()
	case Evening:
		var e data.Evening
		e, err = s.store.Evening(ctx, day)
		done = e.Celebrated()
	default:
		return false, fmt.Errorf("agent: unknown reminder %q", r)
	}
	if errors.Is(err, data.ErrNotFound) {
		return false, nil
	}
	return done, err
}
