package data

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestFutureDayIsRefused is issue 14's `win --day <tomorrow>`: every save
// for a day after today is refused with ErrFutureDay and stores nothing;
// today and the days before are taken. "Today" is the logical day: at
// 02:00 the calendar date is already tomorrow.
func TestFutureDayIsRefused(t *testing.T) {
	ctx := context.Background()
	berlin := mustLoc(t, "Europe/Berlin")
	for _, now := range []time.Time{
		time.Date(2026, 11, 26, 14, 0, 0, 0, berlin),
		time.Date(2026, 11, 27, 2, 0, 0, 0, berlin), // still the 26th
	} {
		clock := &portClock{now}
		s := openPortStore(t, clock)
		today := NewDay(2026, 11, 26)
		writes := []struct {
			name  string
			write func(Day) error
		}{
			{"AddWin", func(d Day) error { _, err := s.AddWin(ctx, d, NewWin{Text: "Morgen"}); return err }},
			{"SaveEveningDraft", func(d Day) error {
				_, err := s.SaveEveningDraft(ctx, d, EveningAnswers{WentWell: "Morgen"})
				return err
			}},
			{"CelebrateEvening", func(d Day) error {
				_, err := s.CelebrateEvening(ctx, d, EveningAnswers{WentWell: "Morgen"})
				return err
			}},
			{"SaveMorningDraft", func(d Day) error { _, err := s.SaveMorningDraft(ctx, d, "Morgen"); return err }},
			{"SetMorningFocus", func(d Day) error { _, err := s.SetMorningFocus(ctx, d, "Morgen"); return err }},
		}
		for _, w := range writes {
			t.Run(now.Format("15h")+"/"+w.name, func(t *testing.T) {
				before := fullDump(t, s)
				for _, d := range []Day{today.AddDays(1), today.AddDays(400), NewDay(9999, 12, 31)} {
					if err := w.write(d); !errors.Is(err, ErrFutureDay) {
						t.Errorf("%s(%s) = %v, want ErrFutureDay", w.name, d, err)
					}
				}
				if err := w.write(NewDay(1899, 12, 31)); !errors.Is(err, ErrDayOutOfRange) {
					t.Errorf("%s(1899-12-31) = %v, want ErrDayOutOfRange", w.name, err)
				}
				sameDump(t, "after refused writes", before, fullDump(t, s))
				for _, d := range []Day{today, today.AddDays(-1)} {
					if err := w.write(d); err != nil {
						t.Errorf("%s(%s): %v", w.name, d, err)
					}
				}
			})
		}
		c, _ := s.WinCounts(ctx, today)
		if o, _ := s.Overview(ctx, 0); o.Counts != c {
			t.Errorf("the counter %+v and the overview %+v disagree", c, o.Counts)
		}
	}
}

// TestImportRefusesAFutureDay: a file with a record for a day after today
// is refused whole.
func TestImportRefusesAFutureDay(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	s := openPortStore(t, clock)
	for _, kind := range []string{"wins", "evenings", "mornings"} {
		t.Run(kind, func(t *testing.T) {
			j := syntheticJournal(20)
			tomorrow := NewDay(2026, 11, 27)
			switch kind {
			case "wins":
				j.Wins[3].Day = tomorrow
			case "evenings":
				j.Evenings[1].Day = tomorrow
			case "mornings":
				j.Mornings[1].Day = tomorrow
			}
			before := fullDump(t, s)
			_, err := s.Import(ctx, bytes.NewReader(marshalJournal(t, j)))
			if !errors.Is(err, ErrBadRecord) || !strings.Contains(err.Error(), "after today") {
				t.Errorf("err = %v, want a bad record after today", err)
			}
			sameDump(t, "after a refused import", before, fullDump(t, s))
		})
	}
}

// TestOldDays is issue 14's "Pick a day before 2000 crashes": 1900-01-01
// and 1999-12-31 go through everything the windows use.
func TestOldDays(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	s := openPortStore(t, clock)
	for _, d := range []Day{NewDay(1900, 1, 1), NewDay(1999, 12, 31)} {
		t.Run(d.String(), func(t *testing.T) {
			if _, err := s.AddWin(ctx, d, NewWin{Text: "Alter Sieg " + d.String()}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.SetMorningFocus(ctx, d, "Zuhören"); err != nil {
				t.Fatal(err)
			}
			e, err := s.CelebrateEvening(ctx, d, EveningAnswers{WentWell: "Gefragt"})
			if err != nil {
				t.Fatal(err)
			}
			if !e.MadeUp {
				t.Error("an evening written today for an old day is not made up")
			}
			v, err := s.DayView(ctx, d)
			if err != nil {
				t.Fatal(err)
			}
			if v.Day != d || len(v.Wins) != 1 || v.Counts.Today != 1 || v.Counts.Week != 1 || v.Focus() != "Zuhören" || !v.Celebrated() {
				t.Errorf("day view %+v", v)
			}
			for _, n := range []int{-1, 1, -7, 7, -366} {
				if got := d.AddDays(n).DaysSince(d); got != n {
					t.Errorf("%s + %d days is %d days later", d, n, got)
				}
			}
			if ws := d.WeekStart(); ws.Weekday() != time.Monday || ws.After(d) || d.DaysSince(ws) > 6 {
				t.Errorf("week of %s starts %s", d, ws)
			}
			if p, err := ParseDay(d.String()); err != nil || p != d {
				t.Errorf("ParseDay(%s) = %s, %v", d, p, err)
			}
			o, err := s.Overview(ctx, d.Year())
			if err != nil {
				t.Fatal(err)
			}
			if o.Year != d.Year() || len(o.Days) != 365 || o.Years[0] != 1900 || o.Years[len(o.Years)-1] != 2026 {
				t.Errorf("overview of %d: year %d, %d days, years %d…%d", d.Year(), o.Year, len(o.Days), o.Years[0], o.Years[len(o.Years)-1])
			}
			if sum := o.Days[d.DaysSince(d.SeasonStart())]; sum.Wins != 1 || !sum.Celebrated || !sum.MadeUp || !sum.Trained {
				t.Errorf("heatmap day %+v", sum)
			}
			if o.Season.Wins != 1 || o.Season.BestWeek == nil || o.Season.BestMonth == nil {
				t.Errorf("season %+v", o.Season)
			}
		})
	}
	o, err := s.Overview(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if o.Counts.Career != 2 || o.Streaks.WinDay.Longest != 1 {
		t.Errorf("overview of today: %+v, %+v", o.Counts, o.Streaks)
	}
	var md bytes.Buffer
	if err := s.ExportMarkdown(ctx, &md, EnglishMarkdownLabels()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "Monday, 1 January 1900") {
		t.Errorf("markdown lacks 1 January 1900:\n%s", md.String())
	}
	dst := openPortStore(t, clock)
	if res := importJSON(t, dst, exportJSON(t, s)); res.Added != 6 {
		t.Errorf("importing the old days: %+v", res)
	}
	if hits, _ := s.Search(ctx, "alter sieg", 0); len(hits) != 2 || hits[1].Day != NewDay(1900, 1, 1) {
		t.Errorf("search: %+v", hits)
	}
}

func TestDaysSinceLongSpans(t *testing.T) {
	for _, tc := range []struct {
		d, e Day
		want int
	}{
		{NewDay(9999, 12, 31), FirstDay(), 2958463},
		{FirstDay(), NewDay(9999, 12, 31), -2958463},
		{NewDay(2026, 11, 26), FirstDay(), 46350},
		{NewDay(2026, 3, 30), NewDay(2026, 3, 29), 1},
	} {
		if got := tc.d.DaysSince(tc.e); got != tc.want {
			t.Errorf("%s − %s = %d days, want %d", tc.d, tc.e, got, tc.want)
		}
	}
}

func TestParseDayRange(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"1900-01-01", true},
		{"1899-12-31", false},
		{"0000-01-01", false},
		{"9999-12-31", true},
		{"2024-02-29", true},
		{"2026-02-29", false},
		{"2026-1-02", false},
		{" 2026-01-02", false},
		{"2026-01-02 ", false},
		{"+2026-01-02", false},
		{"10000-01-01", false},
		{"", false},
	} {
		d, err := ParseDay(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("ParseDay(%q) = %s, %v", tc.in, d, err)
		}
	}
}

// FuzzParseDay: whatever it is given, ParseDay does not panic, and a day
// it accepts is between 1900 and 9999, writes back as given, and reads the
// same through the overview's fast parser; the day arithmetic the windows
// use works on it.
func FuzzParseDay(f *testing.F) {
	for _, s := range []string{"1900-01-01", "1999-12-31", "2026-11-26", "9999-12-31", "1899-12-31", "2026-02-29", "0001-01-01", "x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDay(s)
		if err != nil {
			if !d.IsZero() {
				t.Errorf("ParseDay(%q) failed but returned %s", s, d)
			}
			return
		}
		if d.String() != s || d.Before(FirstDay()) || d.Year() > 9999 {
			t.Fatalf("ParseDay(%q) = %s", s, d)
		}
		if fast, err := parseDayBytes([]byte(s)); err != nil || fast != d {
			t.Errorf("parseDayBytes(%q) = %s, %v; ParseDay says %s", s, fast, err, d)
		}
		var back Day
		if b, _ := d.MarshalText(); back.UnmarshalText(b) != nil || back != d {
			t.Errorf("%s does not round-trip as text", d)
		}
		if ws := d.WeekStart(); ws.Weekday() != time.Monday || ws.After(d) || d.DaysSince(ws) > 6 {
			t.Errorf("week of %s starts %s", d, ws)
		}
		if next := d.AddDays(1); next.DaysSince(d) != 1 || !next.After(d) {
			t.Errorf("the day after %s is %s", d, next)
		}
		if n := d.DaysSince(FirstDay()); n < 0 || FirstDay().AddDays(n) != d || d.SeasonStart().Year() != d.Year() {
			t.Errorf("%s: %d days since 1900", d, n)
		}
		if err := checkWriteDay(d, NewDay(2026, 11, 26)); (err == nil) == d.After(NewDay(2026, 11, 26)) {
			t.Errorf("checkWriteDay(%s) = %v", d, err)
		}
	})
}
