package data

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestSameDayIn(t *testing.T) {
	d := NewDay
	cases := []struct {
		name string
		year int
		day  Day
		want []Day
	}{
		{"an ordinary day", 2025, d(2026, 11, 26), []Day{d(2025, 11, 26)}},
		{"1 March after a leap year", 2024, d(2025, 3, 1), []Day{d(2024, 3, 1)}},
		{"28 February of a common year shows a leap year's 29th too", 2024, d(2025, 2, 28), []Day{d(2024, 2, 28), d(2024, 2, 29)}},
		{"28 February of a common year, a common year before", 2025, d(2026, 2, 28), []Day{d(2025, 2, 28)}},
		{"28 February of a leap year shows only the 28th", 2024, d(2028, 2, 28), []Day{d(2024, 2, 28)}},
		{"29 February: no such day a year before", 2027, d(2028, 2, 29), nil},
		{"29 February in an earlier leap year", 2024, d(2028, 2, 29), []Day{d(2024, 2, 29)}},
		{"1900 was not a leap year", 1900, d(2025, 2, 28), []Day{d(1900, 2, 28)}},
		{"2000 was", 2000, d(2025, 2, 28), []Day{d(2000, 2, 28), d(2000, 2, 29)}},
		{"New Year's Eve", 2025, d(2026, 12, 31), []Day{d(2025, 12, 31)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := SameDayIn(c.year, c.day); !reflect.DeepEqual(got, c.want) {
				t.Errorf("SameDayIn(%d, %s) = %v, want %v", c.year, c.day, got, c.want)
			}
		})
	}
	// Every day of a leap year is shown exactly once in the year after.
	shown := map[Day]int{}
	for d := NewDay(2025, 1, 1); d.Year() == 2025; d = d.AddDays(1) {
		for _, ago := range YearAgoDays(d) {
			shown[ago]++
		}
	}
	for d := NewDay(2024, 1, 1); d.Year() == 2024; d = d.AddDays(1) {
		if shown[d] != 1 {
			t.Errorf("%s is shown %d times in 2025", d, shown[d])
		}
	}
}

func TestYearAgo(t *testing.T) {
	ctx := context.Background()
	s, clock := openTestStore(t)
	loc := mustLoc(t, "Europe/Berlin")
	write := func(day Day, win, wentWell string) {
		t.Helper()
		clock.Set(time.Date(day.Year(), day.Month(), day.DayOfMonth(), 20, 0, 0, 0, loc))
		if win != "" {
			if _, err := s.AddWin(ctx, Day{}, NewWin{Text: win}); err != nil {
				t.Fatal(err)
			}
		}
		if wentWell != "" {
			if _, err := s.CelebrateEvening(ctx, day, EveningAnswers{WentWell: wentWell}); err != nil {
				t.Fatal(err)
			}
		}
	}
	write(NewDay(2024, 2, 28), "Workshop sold out", "")
	write(NewDay(2024, 2, 29), "Leap day deal", "Asked twice")
	write(NewDay(2024, 3, 1), "", "Only a reflection")
	write(NewDay(2025, 2, 28), "A year later", "")
	deleted, err := s.AddWin(ctx, NewDay(2025, 2, 27), NewWin{Text: "deleted"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteWin(ctx, deleted.UUID); err != nil {
		t.Fatal(err)
	}

	t.Run("28 February 2025 shows the 28th and the 29th", func(t *testing.T) {
		got, err := s.YearAgo(ctx, NewDay(2025, 2, 28))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].Day != NewDay(2024, 2, 28) || got[1].Day != NewDay(2024, 2, 29) {
			t.Fatalf("got %+v", got)
		}
		if got[0].Wins[0].Text != "Workshop sold out" || got[1].Wins[0].Text != "Leap day deal" || got[1].WentWell != "Asked twice" {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("1 March 2025 shows 1 March only", func(t *testing.T) {
		got, err := s.YearAgo(ctx, NewDay(2025, 3, 1))
		if err != nil || len(got) != 1 || got[0].WentWell != "Only a reflection" || len(got[0].Wins) != 0 {
			t.Errorf("got %+v, %v", got, err)
		}
	})
	t.Run("nothing a year ago", func(t *testing.T) {
		for _, d := range []Day{NewDay(2025, 3, 2), NewDay(2026, 2, 27), NewDay(2028, 2, 29)} {
			if got, err := s.YearAgo(ctx, d); !errors.Is(err, ErrNotFound) {
				t.Errorf("%s: %+v, %v; want ErrNotFound", d, got, err)
			}
		}
	})
	t.Run("28 February 2026 shows 2025 only", func(t *testing.T) {
		got, err := s.YearAgo(ctx, NewDay(2026, 2, 28))
		if err != nil || len(got) != 1 || got[0].Day != NewDay(2025, 2, 28) {
			t.Errorf("got %+v, %v", got, err)
		}
	})
	t.Run("earlier seasons", func(t *testing.T) {
		got, err := s.EarlierSeasons(ctx, NewDay(2026, 2, 28))
		if err != nil {
			t.Fatal(err)
		}
		var days []Day
		for _, p := range got {
			days = append(days, p.Day)
		}
		if want := []Day{NewDay(2024, 2, 28), NewDay(2024, 2, 29), NewDay(2025, 2, 28)}; !reflect.DeepEqual(days, want) {
			t.Errorf("days %v, want %v", days, want)
		}
		if got, err := s.EarlierSeasons(ctx, NewDay(2024, 2, 29)); err != nil || len(got) != 0 {
			t.Errorf("the first season has no earlier ones: %+v, %v", got, err)
		}
	})
}

func TestEarlierSeasonsOfAnEmptyJournal(t *testing.T) {
	s, _ := openTestStore(t)
	got, err := s.EarlierSeasons(context.Background(), NewDay(2026, 11, 26))
	if err != nil || got == nil || len(got) != 0 {
		t.Errorf("got %#v, %v; want an empty list", got, err)
	}
}

func TestMorningPlan(t *testing.T) {
	ctx := context.Background()
	s, _ := openTestStore(t)
	day := NewDay(2026, 11, 26)
	if _, err := s.SaveMorningPlanDraft(ctx, day, "a client hesitates", ""); err != nil {
		t.Fatalf("a half-written plan is a draft: %v", err)
	}
	if _, err := s.SetMorningPlan(ctx, day, "a client hesitates", " "); !errors.Is(err, ErrEmpty) {
		t.Errorf("a plan without its action: %v, want ErrEmpty", err)
	}
	m, err := s.SetMorningPlan(ctx, day, " a client hesitates ", "name the price once")
	if err != nil {
		t.Fatal(err)
	}
	if !m.IsSet() || !m.IsPlan() || m.PlanWhen != "a client hesitates" || m.Focus != "name the price once" {
		t.Errorf("plan %+v", m)
	}
	// The evening's "Did you train it?" reads the plan from the day.
	v, err := s.DayView(ctx, day)
	if err != nil {
		t.Fatal(err)
	}
	if v.Morning == nil || v.Morning.PlanWhen != "a client hesitates" || v.Focus() != "name the price once" {
		t.Errorf("day view morning %+v", v.Morning)
	}
	// Back to one line: the plan's first part goes.
	if m, err = s.SetMorningFocus(ctx, day, "Call back every lead"); err != nil || m.IsPlan() {
		t.Errorf("one line again: %+v, %v", m, err)
	}
	if _, err := s.SetMorningPlan(ctx, day, strings.Repeat("x", MaxFocus+1), "x"); !errors.Is(err, ErrTooLong) {
		t.Errorf("an overlong plan: %v, want ErrTooLong", err)
	}
}
