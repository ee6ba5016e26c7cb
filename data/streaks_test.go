package data

import (
	"slices"
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

// off is an off-season range for the streak tests.
func off(from, to Day) OffSeason { return OffSeason{From: from, To: to} }

func TestComputeStreaksOffSeason(t *testing.T) {
	thu := NewDay(2026, time.November, 26) // a Thursday
	weekend := Weekdays(0).With(time.Saturday, true).With(time.Sunday, true)
	removed := off(thu.AddDays(-5), thu.AddDays(-3))
	gone := portNowUTC()
	removed.DeletedAt = &gone
	cases := []struct {
		name  string
		days  []DaySummary
		today Day
		rest  Weekdays
		off   []OffSeason
		want  Streaks
	}{
		{
			// 17 to 26 November; a holiday 21 to 23 November in the middle.
			name: "off-season in the middle keeps the streak", days: history(thu, "AAAA...AAA"),
			today: thu, off: []OffSeason{off(thu.AddDays(-5), thu.AddDays(-3))}, want: all(7, 7),
		},
		{
			name: "without the off-season the gap breaks", days: history(thu, "AAAA...AAA"),
			today: thu, want: all(3, 4),
		},
		{
			name: "a removed off-season is not one", days: history(thu, "AAAA...AAA"),
			today: thu, off: []OffSeason{removed}, want: all(3, 4),
		},
		{
			name: "wins in the off-season add nothing to a streak", days: history(thu, "AAAAAAAAAA"),
			today: thu, off: []OffSeason{off(thu.AddDays(-5), thu.AddDays(-3))}, want: all(7, 7),
		},
		{
			// Fri 13 worked, the weekend 14/15 rest, Mon 16 to Thu 19 worked,
			// Fri 20 to Tue 24 off (the weekend 21/22 inside), Wed 25 and Thu 26 worked.
			name: "off-season and rest weekend together", days: history(thu, "A..AAAA.....AA"),
			today: thu, rest: weekend, off: []OffSeason{off(thu.AddDays(-6), thu.AddDays(-2))}, want: all(7, 7),
		},
		{
			name: "today in the off-season: the run before it is current", days: history(thu, "AAAA..."),
			today: thu, off: []OffSeason{off(thu.AddDays(-2), thu.AddDays(10))}, want: all(4, 4),
		},
		{
			name: "back from the off-season, today open", days: history(thu, "AAA....."),
			today: thu, off: []OffSeason{off(thu.AddDays(-4), thu.AddDays(-1))}, want: all(3, 3),
		},
		{
			name: "back from the off-season, first day missed", days: history(thu, "AAA......"),
			today: thu, off: []OffSeason{off(thu.AddDays(-5), thu.AddDays(-2))}, want: all(0, 3),
		},
		{
			name: "overlapping ranges are joined", days: history(thu, "AA.....AA"),
			today: thu, off: []OffSeason{off(thu.AddDays(-4), thu.AddDays(-2)), off(thu.AddDays(-6), thu.AddDays(-3))}, want: all(4, 4),
		},
		{
			name: "touching ranges are one pause", days: history(thu, "AA.....AA"),
			today: thu, off: []OffSeason{off(thu.AddDays(-6), thu.AddDays(-5)), off(thu.AddDays(-4), thu.AddDays(-2))}, want: all(4, 4),
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ComputeStreaks(c.days, c.today, c.rest, c.off...)
			got.WeeklyReview = Streak{}
			if got != c.want {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
		})
	}
}

// portNowUTC is a fixed time for tombstones in pure tests.
func portNowUTC() time.Time { return time.Date(2026, 11, 26, 13, 0, 0, 0, time.UTC) }

// reviewed marks the weeks starting on the given Mondays reviewed, made up
// when made is true, merged into days (in order).
func reviewed(days []DaySummary, made bool, mondays ...Day) []DaySummary {
	byDay := map[Day]int{}
	for i, d := range days {
		byDay[d.Day] = i
	}
	for _, m := range mondays {
		if i, ok := byDay[m]; ok {
			days[i].Reviewed, days[i].ReviewMadeUp = true, made
			continue
		}
		days = append(days, DaySummary{Day: m, Reviewed: true, ReviewMadeUp: made})
	}
	slices.SortFunc(days, func(a, b DaySummary) int { return a.Day.t.Compare(b.Day.t) })
	return days
}

func TestComputeStreaksWeeklyReview(t *testing.T) {
	thu := NewDay(2026, time.November, 26) // a Thursday
	this := thu.WeekStart()                // Monday 23 November
	week := func(n int) Day { return this.AddDays(7 * n) }
	weekend := Weekdays(0).With(time.Saturday, true).With(time.Sunday, true)
	cases := []struct {
		name  string
		days  []DaySummary
		made  []DaySummary // reviews made up
		today Day
		rest  Weekdays
		off   []OffSeason
		want  Streak
	}{
		{name: "none", today: thu, want: Streak{}},
		{
			name: "the open week does not break", days: reviewed(nil, false, week(-3), week(-2), week(-1)),
			today: thu, want: Streak{Current: 3, Longest: 3},
		},
		{
			name: "this week reviewed counts", days: reviewed(nil, false, week(-2), week(-1), week(0)),
			today: thu, want: Streak{Current: 3, Longest: 3},
		},
		{
			name: "a missed week breaks", days: reviewed(nil, false, week(-5), week(-4), week(-3), week(-1)),
			today: thu, want: Streak{Current: 1, Longest: 3},
		},
		{
			name: "last week missed: no current run", days: reviewed(nil, false, week(-4), week(-3), week(-2)),
			today: thu, want: Streak{Current: 0, Longest: 3},
		},
		{
			name: "a week wholly in the off-season neither counts nor breaks", days: reviewed(nil, false, week(-4), week(-3), week(-1)),
			today: thu, off: []OffSeason{off(week(-2), week(-2).AddDays(6))}, want: Streak{Current: 3, Longest: 3},
		},
		{
			name: "a week partly in the off-season still asks for a review", days: reviewed(nil, false, week(-4), week(-3), week(-1)),
			today: thu, off: []OffSeason{off(week(-2), week(-2).AddDays(4))}, want: Streak{Current: 1, Longest: 2},
		},
		{
			name: "off-season on weekdays, rest at the weekend: a paused week", days: reviewed(nil, false, week(-4), week(-3), week(-1)),
			today: thu, rest: weekend, off: []OffSeason{off(week(-2), week(-2).AddDays(4))}, want: Streak{Current: 3, Longest: 3},
		},
		{
			name: "this week in the off-season: the run to last week is current", days: reviewed(nil, false, week(-2), week(-1)),
			today: thu, off: []OffSeason{off(week(0), week(1))}, want: Streak{Current: 2, Longest: 2},
		},
		{
			name: "last week in the off-season, this week open", days: reviewed(nil, false, week(-3), week(-2)),
			today: thu, off: []OffSeason{off(week(-1), week(-1).AddDays(6))}, want: Streak{Current: 2, Longest: 2},
		},
		{
			name: "a review written in a paused week adds nothing", days: reviewed(nil, false, week(-3), week(-2), week(-1)),
			today: thu, off: []OffSeason{off(week(-2), week(-2).AddDays(6))}, want: Streak{Current: 2, Longest: 2},
		},
		{
			name: "a review in a paused week alone is no streak", days: reviewed(nil, false, week(-2)),
			today: thu, off: []OffSeason{off(week(-2), week(-2).AddDays(6))}, want: Streak{},
		},
		{
			name: "made-up reviews count and are marked", days: reviewed(reviewed(nil, true, week(-2), week(-1)), false, week(-3)),
			today: thu, want: Streak{Current: 3, Longest: 3, CurrentMadeUp: 2},
		},
		{
			name: "the first day of a new week, last week not yet reviewed", days: reviewed(nil, false, week(-3), week(-2)),
			today: this, want: Streak{Current: 0, Longest: 2},
		},
		{
			name: "across New Year", days: reviewed(nil, false, NewDay(2025, time.December, 22), NewDay(2025, time.December, 29), NewDay(2026, time.January, 5)),
			today: NewDay(2026, time.January, 8), want: Streak{Current: 3, Longest: 3},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ComputeStreaks(c.days, c.today, c.rest, c.off...)
			if got.WeeklyReview != c.want {
				t.Errorf("got  %+v\nwant %+v", got.WeeklyReview, c.want)
			}
		})
	}
}

func TestCalendar(t *testing.T) {
	d := func(m time.Month, day int) Day { return NewDay(2026, m, day) }
	weekend := Weekdays(0).With(time.Saturday, true).With(time.Sunday, true)
	cal := NewCalendar(weekend, []OffSeason{off(d(7, 20), d(7, 31)), off(d(7, 1), d(7, 10)), off(d(7, 8), d(7, 14))})
	cases := []struct {
		name       string
		got, want  Day
		paused     bool
		pausedWant bool
	}{
		{name: "next after a Friday skips the weekend", got: cal.NextDay(d(6, 26)), want: d(6, 29)},
		{name: "next jumps the joined ranges and the weekend after", got: cal.NextDay(d(6, 30)), want: d(7, 15)},
		{name: "prev jumps back over the joined ranges", got: cal.PrevDay(d(7, 15)), want: d(6, 30)},
		{name: "prev from a Monday", got: cal.PrevDay(d(8, 3)), want: d(7, 17)},
		{name: "a week wholly off", got: cal.NextWeek(d(7, 13)), want: d(8, 3)},
		{name: "the week before a paused week", got: cal.PrevWeek(d(8, 3)), want: d(7, 13)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("got %s, want %s", c.got, c.want)
			}
		})
	}
	for _, c := range []struct {
		day  Day
		want bool
	}{{d(6, 30), false}, {d(7, 1), true}, {d(7, 12), true}, {d(7, 14), true}, {d(7, 15), false}, {d(7, 18), true}, {d(7, 31), true}, {d(8, 3), false}} {
		if got := cal.Paused(c.day); got != c.want {
			t.Errorf("Paused(%s) = %v, want %v", c.day, got, c.want)
		}
	}
	if o, ok := cal.OffSeason(d(7, 9)); !ok || o.From != d(7, 1) || o.To != d(7, 14) {
		t.Errorf("OffSeason(9 July) = %+v, %v; want the joined 1–14 July", o, ok)
	}
	for _, c := range []struct {
		monday Day
		want   bool
	}{{d(7, 6), true}, {d(7, 13), false}, {d(7, 20), true}, {d(7, 27), true}, {d(8, 3), false}} {
		if got := cal.WeekPaused(c.monday); got != c.want {
			t.Errorf("WeekPaused(%s) = %v, want %v", c.monday, got, c.want)
		}
	}
}
