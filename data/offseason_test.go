package data

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestAddOffSeasonRefusesBadRanges(t *testing.T) {
	ctx := context.Background()
	s, _ := openTestStore(t)
	d := func(m time.Month, day int) Day { return NewDay(2026, m, day) }
	holiday, err := s.AddOffSeason(ctx, d(7, 10), d(7, 20), "Sommerurlaub 🏖")
	if err != nil {
		t.Fatal(err)
	}
	if holiday.Note != "Sommerurlaub 🏖" || holiday.Days() != 11 || holiday.UUID == "" {
		t.Fatalf("stored %+v", holiday)
	}
	cases := []struct {
		name     string
		from, to Day
		note     string
		err      error
		says     string
	}{
		{name: "inverted", from: d(8, 5), to: d(8, 1), err: ErrOffSeasonInverted, says: "2026-08-05 to 2026-08-01 ends before it starts"},
		{name: "overlaps the start", from: d(7, 1), to: d(7, 10), err: ErrOffSeasonOverlap, says: "overlaps the one from 2026-07-10 to 2026-07-20"},
		{name: "overlaps the end", from: d(7, 20), to: d(7, 25), err: ErrOffSeasonOverlap, says: "2026-07-10 to 2026-07-20"},
		{name: "inside", from: d(7, 12), to: d(7, 12), err: ErrOffSeasonOverlap},
		{name: "around", from: d(7, 1), to: d(7, 31), err: ErrOffSeasonOverlap},
		{name: "same start", from: d(7, 10), to: d(7, 11), err: ErrOffSeasonOverlap},
		{name: "before 1900", from: NewDay(1899, 12, 30), to: d(1, 1), says: "out of range"},
		{name: "no day", to: d(1, 1), says: "missing"},
		{name: "note too long", from: d(9, 1), to: d(9, 2), note: strings.Repeat("x", MaxNote+1), err: ErrTooLong},
		{name: "NUL in the note", from: d(9, 1), to: d(9, 2), note: "a\x00b", err: ErrInvalidText},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.AddOffSeason(ctx, c.from, c.to, c.note)
			if err == nil {
				t.Fatal("accepted")
			}
			if c.err != nil && !errors.Is(err, c.err) {
				t.Errorf("err = %v, want %v", err, c.err)
			}
			if !strings.Contains(err.Error(), c.says) {
				t.Errorf("err = %q, want it to say %q", err, c.says)
			}
		})
	}
	var overlap *OverlapError
	_, err = s.AddOffSeason(ctx, d(7, 1), d(7, 10), "")
	if !errors.As(err, &overlap) || overlap.With.UUID != holiday.UUID {
		t.Errorf("overlap error %v does not name the range it overlaps", err)
	}
	// Ranges that touch do not overlap.
	for _, r := range [][2]Day{{d(7, 1), d(7, 9)}, {d(7, 21), d(7, 21)}} {
		if _, err := s.AddOffSeason(ctx, r[0], r[1], ""); err != nil {
			t.Errorf("%s to %s: %v", r[0], r[1], err)
		}
	}
	list, err := s.OffSeasons(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 || list[0].From != d(7, 1) || list[1].From != d(7, 10) || list[2].From != d(7, 21) {
		t.Errorf("list %+v, want three ranges by start", list)
	}
}

func TestRemoveOffSeasonLeavesATombstone(t *testing.T) {
	ctx := context.Background()
	s, _ := openTestStore(t)
	from, to := NewDay(2026, 3, 2), NewDay(2026, 3, 8)
	added, err := s.AddOffSeason(ctx, from, to, "Grippe")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.OffSeasonOn(ctx, NewDay(2026, 3, 5)); err != nil || got.UUID != added.UUID {
		t.Fatalf("OffSeasonOn = %+v, %v", got, err)
	}
	if _, err := s.OffSeasonOn(ctx, to.AddDays(1)); !errors.Is(err, ErrNotFound) {
		t.Errorf("the day after: %v, want ErrNotFound", err)
	}
	if _, err := s.RemoveOffSeason(ctx, from.AddDays(1)); !errors.Is(err, ErrNotFound) {
		t.Errorf("remove by a day that starts no range: %v, want ErrNotFound", err)
	}
	removed, err := s.RemoveOffSeason(ctx, from)
	if err != nil {
		t.Fatal(err)
	}
	if removed.DeletedAt == nil || removed.Note != "Grippe" {
		t.Errorf("removed %+v", removed)
	}
	if list, err := s.OffSeasons(ctx); err != nil || len(list) != 0 {
		t.Errorf("after remove: %+v, %v", list, err)
	}
	if _, err := s.OffSeasonOn(ctx, from); !errors.Is(err, ErrNotFound) {
		t.Errorf("a removed range still holds its days: %v", err)
	}
	if _, err := s.RemoveOffSeason(ctx, from); !errors.Is(err, ErrNotFound) {
		t.Errorf("remove twice: %v, want ErrNotFound", err)
	}
	// The note typed is kept in the tombstone, and the same days can be
	// taken again.
	if n := rowCount(t, s.db, "off_seasons"); n != 1 {
		t.Errorf("%d rows, want the tombstone", n)
	}
	if _, err := s.AddOffSeason(ctx, from, to, "again"); err != nil {
		t.Errorf("re-adding a removed range: %v", err)
	}
}

// TestOffSeasonInTheOverview: an off-season in the middle of a streak keeps
// it, wins logged in it still count as wins, and the overview marks its
// days.
func TestOffSeasonInTheOverview(t *testing.T) {
	ctx := context.Background()
	s, clock := openTestStore(t)
	loc := mustLoc(t, "Europe/Berlin")
	today := NewDay(2026, 11, 26)
	// Ten days of full matchdays, but nothing on 20 to 22 November except
	// a win on the 21st.
	for back := 9; back >= 0; back-- {
		day := today.AddDays(-back)
		clock.Set(time.Date(2026, 11, day.DayOfMonth(), 20, 0, 0, 0, loc))
		if back >= 4 && back <= 6 {
			if back == 5 {
				if _, err := s.AddWin(ctx, Day{}, NewWin{Text: "Holiday sale"}); err != nil {
					t.Fatal(err)
				}
			}
			continue
		}
		if _, err := s.AddWin(ctx, Day{}, NewWin{Text: "Win"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetMorningFocus(ctx, day, "Focus"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CelebrateEvening(ctx, day, EveningAnswers{WentWell: "Good"}); err != nil {
			t.Fatal(err)
		}
	}
	clock.Set(time.Date(2026, 11, 26, 21, 0, 0, 0, loc))
	before, err := s.Overview(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if before.Streaks.FullMatchday.Current != 4 {
		t.Fatalf("without the off-season: full matchday streak %+v, want 4", before.Streaks.FullMatchday)
	}
	if _, err := s.AddOffSeason(ctx, today.AddDays(-6), today.AddDays(-4), "Kurzurlaub"); err != nil {
		t.Fatal(err)
	}
	o, err := s.Overview(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := Streak{Current: 7, Longest: 7}
	for name, got := range map[string]Streak{"celebrated": o.Streaks.Celebrated, "trained": o.Streaks.Trained, "full": o.Streaks.FullMatchday, "win day": o.Streaks.WinDay} {
		if got != want {
			t.Errorf("%s streak %+v, want %+v", name, got, want)
		}
	}
	if o.Counts.Week != 4 || o.Counts.Career != 8 {
		t.Errorf("counts %+v: the holiday win must still count (career 8, week 4)", o.Counts)
	}
	jan1 := NewDay(2026, 1, 1)
	for back := 0; back <= 9; back++ {
		day := today.AddDays(-back)
		if got, want := o.Days[day.DaysSince(jan1)].OffSeason, back >= 4 && back <= 6; got != want {
			t.Errorf("%s marked off-season %v, want %v", day, got, want)
		}
	}
	if r, ok := o.OffSeasonOn(today.AddDays(-5)); !ok || r.Note != "Kurzurlaub" {
		t.Errorf("day details: %+v, %v", r, ok)
	}
	if _, ok := o.OffSeasonOn(today); ok {
		t.Error("today is not in the off-season")
	}
}
