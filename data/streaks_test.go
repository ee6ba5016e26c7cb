package data

import (
	"testing"
	"time"
)

// history turns a pattern into day summaries, one character a day, the last
// one on end:
//
//	.  nothing            W  a win
//	T  trained            C  celebrated
//	M  celebrated, made up
//	F  trained and celebrated (a full matchday)
//	A  all: trained, celebrated and a win
func history(end Day, pattern string) []DaySummary {
	var out []DaySummary
	start := end.AddDays(1 - len(pattern))
	for i, c := range pattern {
		d := DaySummary{Day: start.AddDays(i)}
		switch c {
		case '.':
			continue
		case 'W':
			d.Wins = 1
		case 'T':
			d.Trained = true
		case 'C':
			d.Celebrated = true
		case 'M':
			d.Celebrated, d.MadeUp = true, true
		case 'F':
			d.Trained, d.Celebrated = true, true
		case 'A':
			d.Trained, d.Celebrated, d.Wins = true, true, 2
		default:
			panic("bad pattern " + string(c))
		}
		out = append(out, d)
	}
	return out
}

// all says the same streak for all four kinds.
func all(current, longest int) Streaks {
	s := Streak{Current: current, Longest: longest}
	return Streaks{Celebrated: s, Trained: s, FullMatchday: s, WinDay: s}
}

func TestComputeStreaks(t *testing.T) {
	thu := NewDay(2026, time.November, 26) // a Thursday
	weekend := Weekdays(0).With(time.Saturday, true).With(time.Sunday, true)
	sunday := NewDay(2026, time.November, 29)
	cases := []struct {
		name  string
		days  []DaySummary
		today Day
		rest  Weekdays
		want  Streaks
	}{
		{name: "no history", today: thu, want: all(0, 0)},
		{name: "today done", days: history(thu, "AAA"), today: thu, want: all(3, 3)},
		{name: "today open does not break", days: history(thu, "AA."), today: thu, want: all(2, 2)},
		{name: "yesterday missed breaks", days: history(thu, "AA.."), today: thu, want: all(0, 2)},
		{name: "gap, then a new run", days: history(thu, "AAA.AA"), today: thu, want: all(2, 3)},
		{name: "longest in the past, current shorter", days: history(thu, "AAAAA..AA."), today: thu, want: all(2, 5)},
		{name: "only today", days: history(thu, "A"), today: thu, want: all(1, 1)},
		{name: "future days are ignored", days: history(thu.AddDays(2), "AAAAA"), today: thu, want: all(3, 3)},
		{
			// Mon 16 to Thu 26 November; the weekend 21/22 is empty.
			name: "rest weekend neither counts nor breaks", days: history(thu, "AAAAA..AAAA"),
			today: thu, rest: weekend, want: all(9, 9),
		},
		{
			name: "wins on a rest day add nothing", days: history(thu, "AAAAAAAAAAA"),
			today: thu, rest: weekend, want: all(9, 9),
		},
		{
			name: "without rest days the empty weekend breaks", days: history(thu, "AAAAA..AAAA"),
			today: thu, want: all(4, 5),
		},
		{
			// Today is Sunday, a rest day: the run up to Friday is current.
			name: "today is a rest day", days: history(sunday, "AAA.."),
			today: sunday, rest: weekend, want: all(3, 3),
		},
		{
			name: "rest day today, Friday missed", days: history(sunday, "AA..."),
			today: sunday, rest: weekend, want: all(0, 2),
		},
		{
			name: "open Monday after a rest weekend", days: history(NewDay(2026, time.November, 30), "AAAAA..."),
			today: NewDay(2026, time.November, 30), rest: weekend, want: all(5, 5),
		},
		{name: "every day a rest day", days: history(thu, "AAAA"), today: thu, rest: 1<<7 - 1, want: all(0, 0)},
		{
			name: "made-up evenings count and are marked", days: history(thu, "CMCM."), today: thu,
			want: Streaks{Celebrated: Streak{Current: 4, Longest: 4, CurrentMadeUp: 2}},
		},
		{
			name: "made-up day before a gap is not in the current run", days: history(thu, "M.CC"), today: thu,
			want: Streaks{Celebrated: Streak{Current: 2, Longest: 2}},
		},
		{
			name: "kinds are counted apart", days: history(thu, "TTFFCW."), today: thu,
			want: Streaks{
				Trained:      Streak{Current: 0, Longest: 4},
				Celebrated:   Streak{Current: 0, Longest: 3},
				FullMatchday: Streak{Current: 0, Longest: 2},
				WinDay:       Streak{Current: 1, Longest: 1},
			},
		},
		{
			name: "streak spans New Year", days: history(NewDay(2026, time.January, 3), "AAAAAAA"),
			today: NewDay(2026, time.January, 3), want: all(7, 7),
		},
		{
			name: "streak spans New Year with rest weekend", days: history(NewDay(2026, time.January, 5), "AA..AAAAA..A"),
			today: NewDay(2026, time.January, 5), rest: weekend, want: all(8, 8),
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ComputeStreaks(c.days, c.today, c.rest)
			if got != c.want {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
		})
	}
}

func TestComputeStreaksMadeUpInFullMatchday(t *testing.T) {
	thu := NewDay(2026, time.November, 26)
	days := history(thu, "FFF")
	days[1].MadeUp = true
	got := ComputeStreaks(days, thu, 0)
	want := Streak{Current: 3, Longest: 3, CurrentMadeUp: 1}
	if got.FullMatchday != want || got.Celebrated != want {
		t.Errorf("got %+v, want full matchday and celebrated %+v", got, want)
	}
	if got.Trained.CurrentMadeUp != 0 {
		t.Errorf("trained days have no made-up days, got %+v", got.Trained)
	}
}

// TestComputeStreaksDST logs every day's entries at wall-clock times around
// the DST changes in Berlin, with the days computed by DayOf as the store
// does: neither change loses or doubles a day.
func TestComputeStreaksDST(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name       string
		from, to   time.Time // the first and last day, at midnight
		wallHour   int       // when entries are logged each night (next calendar day)
		wallMinute int
	}{
		{"spring forward, logged at 02:30", time.Date(2026, 3, 23, 0, 0, 0, 0, berlin), time.Date(2026, 4, 5, 0, 0, 0, 0, berlin), 2, 30},
		{"fall back, logged at 02:30", time.Date(2026, 10, 19, 0, 0, 0, 0, berlin), time.Date(2026, 11, 1, 0, 0, 0, 0, berlin), 2, 30},
		{"spring forward, logged at 23:30", time.Date(2026, 3, 23, 0, 0, 0, 0, berlin), time.Date(2026, 4, 5, 0, 0, 0, 0, berlin), -1, 30},
		{"fall back, logged at 23:30", time.Date(2026, 10, 19, 0, 0, 0, 0, berlin), time.Date(2026, 11, 1, 0, 0, 0, 0, berlin), -1, 30},
	} {
		t.Run(c.name, func(t *testing.T) {
			var days []DaySummary
			seen := map[Day]bool{}
			n := 0
			for d := c.from; !d.After(c.to); d = d.AddDate(0, 0, 1) {
				n++
				// The entry is written that night: after midnight for 02:30,
				// before it for 23:30.
				y, m, dd := d.Date()
				at := time.Date(y, m, dd+1, c.wallHour, c.wallMinute, 0, 0, berlin)
				day := DayOf(at, DefaultDayStartHour)
				if seen[day] {
					t.Fatalf("%v gave day %s twice", at, day)
				}
				seen[day] = true
				days = append(days, DaySummary{Day: day, Wins: 1, Trained: true, Celebrated: true})
			}
			y, m, dd := c.to.Date()
			today := DayOf(time.Date(y, m, dd, 21, 0, 0, 0, berlin), DefaultDayStartHour)
			got := ComputeStreaks(days, today, 0)
			if got != all(n, n) {
				t.Errorf("got %+v, want %d days in a row for every kind", got, n)
			}
		})
	}
}

// TestComputeStreaksTenYears runs the rule over ten years of days.
func TestComputeStreaksTenYears(t *testing.T) {
	today := NewDay(2026, time.November, 26)
	const n = 3652
	pattern := make([]byte, n)
	for i := range pattern {
		pattern[i] = 'A'
		// A missed day every 100 days, except two, which makes the longest
		// run 900..1198.
		if i%100 == 99 && i != 999 && i != 1099 {
			pattern[i] = '.'
		}
	}
	got := ComputeStreaks(history(today, string(pattern)), today, 0)
	if want := all(52, 299); got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}

	// The same ten years with weekends off and nothing logged on them.
	weekend := Weekdays(0).With(time.Saturday, true).With(time.Sunday, true)
	start := today.AddDays(1 - n)
	for i := range pattern {
		pattern[i] = 'A'
		if wd := start.AddDays(i).Weekday(); wd == time.Saturday || wd == time.Sunday {
			pattern[i] = '.'
		}
	}
	workdays := 0
	for i := range pattern {
		if pattern[i] == 'A' {
			workdays++
		}
	}
	got = ComputeStreaks(history(today, string(pattern)), today, weekend)
	if want := all(workdays, workdays); got != want {
		t.Errorf("weekends off: got %+v, want %+v", got, want)
	}
}
