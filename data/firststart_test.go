package data

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestIsNewUntilAnythingIsWritten(t *testing.T) {
	ctx := context.Background()
	today := NewDay(2026, 11, 26)
	cases := []struct {
		name  string
		write func(t *testing.T, s *Store)
	}{
		{"a setting", func(t *testing.T, s *Store) { mustDo(t, s.SaveSettings(ctx, DefaultSettings())) }},
		{"a win", func(t *testing.T, s *Store) { _, err := s.AddWin(ctx, today, NewWin{Text: "Signed"}); mustDo(t, err) }},
		{"a deleted win", func(t *testing.T, s *Store) {
			w, err := s.AddWin(ctx, today, NewWin{Text: "Signed"})
			mustDo(t, err)
			mustDo(t, s.DeleteWin(ctx, w.UUID))
		}},
		{"an evening draft", func(t *testing.T, s *Store) {
			_, err := s.SaveEveningDraft(ctx, today, EveningAnswers{WentWell: "x"})
			mustDo(t, err)
		}},
		{"a morning draft", func(t *testing.T, s *Store) { _, err := s.SaveMorningDraft(ctx, today, "x"); mustDo(t, err) }},
		{"a review draft", func(t *testing.T, s *Store) { _, err := s.SaveReviewDraft(ctx, today, "x"); mustDo(t, err) }},
		{"an off-season", func(t *testing.T, s *Store) {
			_, err := s.AddOffSeason(ctx, today.AddDays(-3), today, "")
			mustDo(t, err)
		}},
		{"the first run", func(t *testing.T, s *Store) { mustDo(t, s.StartJournal(ctx, DefaultSettings())) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _ := openTestStore(t)
			if isNew, err := s.IsNew(ctx); err != nil || !isNew {
				t.Fatalf("a journal just created: IsNew = %v, %v; want true", isNew, err)
			}
			// Machine state other than the start (a draft of a win, the
			// agent's last reminder) does not end the first run.
			mustDo(t, s.SetState(ctx, "reminder.morning.last_fired", today.String()))
			if isNew, err := s.IsNew(ctx); err != nil || !isNew {
				t.Fatalf("after a state write: IsNew = %v, %v; want true", isNew, err)
			}
			c.write(t, s)
			if isNew, err := s.IsNew(ctx); err != nil || isNew {
				t.Fatalf("after %s: IsNew = %v, %v; want false", c.name, isNew, err)
			}
		})
	}
}

func TestStartJournalSavesSettingsAndTheStart(t *testing.T) {
	ctx := context.Background()
	s, clock := openTestStore(t)
	set := DefaultSettings()
	set.EveningTime, set.MorningTime, set.StartAtLogin = ClockTime{21, 15}, ClockTime{6, 45}, true
	if _, err := s.StartedAt(ctx); !errors.Is(err, ErrNotFound) {
		t.Fatalf("StartedAt before the first run: %v, want ErrNotFound", err)
	}
	mustDo(t, s.StartJournal(ctx, set))
	got, err := s.Settings(ctx)
	mustDo(t, err)
	if got != set {
		t.Errorf("settings = %+v, want %+v", got, set)
	}
	at, err := s.StartedAt(ctx)
	if err != nil || !at.Equal(clock.Now()) {
		t.Errorf("StartedAt = %v, %v; want %v", at, err, clock.Now())
	}
	if d, err := s.JournalStart(ctx); err != nil || d != NewDay(2026, 11, 26) {
		t.Errorf("JournalStart = %v, %v; want 2026-11-26", d, err)
	}
	bad := DefaultSettings()
	bad.DayStartHour = 99
	if err := s.StartJournal(ctx, bad); err == nil {
		t.Error("StartJournal took a day start hour of 99")
	}
}

func TestJournalStartIsTheEarliestDay(t *testing.T) {
	ctx := context.Background()
	s, clock := openTestStore(t)
	today := NewDay(2026, 11, 26)
	if _, err := s.JournalStart(ctx); !errors.Is(err, ErrNotFound) {
		t.Fatalf("an empty journal's start: %v, want ErrNotFound", err)
	}
	// The day start hour decides the start's day: 02:00 is still the day
	// before.
	clock.Set(clock.Now().Add(12 * time.Hour)) // 02:00 the next date
	mustDo(t, s.StartJournal(ctx, DefaultSettings()))
	if d, err := s.JournalStart(ctx); err != nil || d != today {
		t.Fatalf("start at 02:00: JournalStart = %v, %v; want %v", d, err, today)
	}
	steps := []struct {
		name  string
		write func()
		want  Day
	}{
		{"a later win leaves it", func() { _, err := s.AddWin(ctx, today, NewWin{Text: "a"}); mustDo(t, err) }, today},
		{"a morning written in for an earlier day", func() {
			_, err := s.SetMorningFocus(ctx, today.AddDays(-5), "Call back")
			mustDo(t, err)
		}, today.AddDays(-5)},
		{"an evening further back", func() {
			_, err := s.CelebrateEvening(ctx, today.AddDays(-9), EveningAnswers{WentWell: "x"})
			mustDo(t, err)
		}, today.AddDays(-9)},
		{"a deleted win does not count", func() {
			w, err := s.AddWin(ctx, today.AddDays(-30), NewWin{Text: "b"})
			mustDo(t, err)
			mustDo(t, s.DeleteWin(ctx, w.UUID))
		}, today.AddDays(-9)},
		{"a win further back", func() { _, err := s.AddWin(ctx, today.AddDays(-12), NewWin{Text: "c"}); mustDo(t, err) }, today.AddDays(-12)},
	}
	for _, st := range steps {
		st.write()
		if d, err := s.JournalStart(ctx); err != nil || d != st.want {
			t.Errorf("%s: JournalStart = %v, %v; want %v", st.name, d, err, st.want)
		}
	}
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
