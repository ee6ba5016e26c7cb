package data

import (
	"testing"
	"time"
)

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestDayOf(t *testing.T) {
	berlin := mustLoc(t, "Europe/Berlin")
	newYork := mustLoc(t, "America/New_York")
	tests := []struct {
		name      string
		at        time.Time
		startHour int
		want      string
	}{
		{"half past midnight belongs to the evening before", time.Date(2026, 3, 10, 0, 30, 0, 0, berlin), 4, "2026-03-09"},
		{"03:59 still belongs to the evening before", time.Date(2026, 3, 10, 3, 59, 59, 0, berlin), 4, "2026-03-09"},
		{"04:00 starts the new day", time.Date(2026, 3, 10, 4, 0, 0, 0, berlin), 4, "2026-03-10"},
		{"start hour 0 is midnight", time.Date(2026, 3, 10, 0, 30, 0, 0, berlin), 0, "2026-03-10"},
		{"start hour 6", time.Date(2026, 3, 10, 5, 59, 0, 0, berlin), 6, "2026-03-09"},
		{"New Year's night belongs to the old year", time.Date(2027, 1, 1, 1, 0, 0, 0, berlin), 4, "2026-12-31"},
		{"a bad start hour falls back to 4", time.Date(2026, 3, 10, 3, 0, 0, 0, berlin), 99, "2026-03-09"},
		{"Berlin spring forward night, 01:59 CET", time.Date(2026, 3, 29, 1, 59, 0, 0, berlin), 4, "2026-03-28"},
		{"Berlin spring forward, 03:30 CEST", time.Date(2026, 3, 29, 3, 30, 0, 0, berlin), 4, "2026-03-28"},
		{"Berlin spring forward, 04:00 CEST", time.Date(2026, 3, 29, 4, 0, 0, 0, berlin), 4, "2026-03-29"},
		{"Berlin fall back, 02:30 the second time", time.Date(2026, 10, 25, 2, 30, 0, 0, berlin).Add(time.Hour), 4, "2026-10-24"},
		{"Berlin fall back, 04:00", time.Date(2026, 10, 25, 4, 0, 0, 0, berlin), 4, "2026-10-25"},
		{"New York spring forward, 03:30 EDT", time.Date(2026, 3, 8, 3, 30, 0, 0, newYork), 4, "2026-03-07"},
		{"New York fall back, 01:30 EST", time.Date(2026, 11, 1, 1, 30, 0, 0, newYork).Add(time.Hour), 4, "2026-10-31"},
		{"New York fall back, 04:00", time.Date(2026, 11, 1, 4, 0, 0, 0, newYork), 4, "2026-11-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DayOf(tt.at, tt.startHour).String(); got != tt.want {
				t.Errorf("DayOf(%v, %d) = %s, want %s", tt.at, tt.startHour, got, tt.want)
			}
		})
	}
}

// TestDayOfAcrossDST walks every minute through the weeks around both DST
// changes in Berlin and New York: the day never goes backwards, never skips
// a date, and each date is a day of 23, 24 or 25 real hours.
func TestDayOfAcrossDST(t *testing.T) {
	for _, zone := range []string{"Europe/Berlin", "America/New_York"} {
		loc := mustLoc(t, zone)
		for _, month := range []time.Month{time.March, time.October, time.November} {
			t.Run(zone+"/"+month.String(), func(t *testing.T) {
				start := time.Date(2026, month, 1, 12, 0, 0, 0, loc)
				prev := DayOf(start, 4)
				dayBegan := start
				for at := start; at.Before(start.Add(31 * 24 * time.Hour)); at = at.Add(time.Minute) {
					d := DayOf(at, 4)
					if d == prev {
						continue
					}
					if d != prev.AddDays(1) {
						t.Fatalf("at %v the day went from %s to %s", at, prev, d)
					}
					if at != start && dayBegan != start {
						if h := at.Sub(dayBegan).Hours(); h != 23 && h != 24 && h != 25 {
							t.Fatalf("day %s lasted %v hours", prev, h)
						}
					}
					prev, dayBegan = d, at
				}
			})
		}
	}
}

// TestDayOfTravel: a user logs a win at 22:00 in Berlin, flies east nine
// hours and logs the next at 09:00 Tokyo time. Each record gets the day of
// the wall clock where it was written, and no day is lost or doubled.
func TestDayOfTravel(t *testing.T) {
	berlin := mustLoc(t, "Europe/Berlin")
	tokyo := mustLoc(t, "Asia/Tokyo")
	evening := time.Date(2026, 6, 10, 22, 0, 0, 0, berlin)
	arrival := evening.Add(3 * time.Hour).In(tokyo) // 10:00 on 11 June in Tokyo
	if got := DayOf(evening, 4).String(); got != "2026-06-10" {
		t.Errorf("evening in Berlin = %s", got)
	}
	if got := DayOf(arrival, 4).String(); got != "2026-06-11" {
		t.Errorf("morning in Tokyo = %s", got)
	}
	// Flying back west: 23:00 in Tokyo is 16:00 in Berlin the same day.
	back := time.Date(2026, 6, 20, 23, 0, 0, 0, tokyo)
	if DayOf(back, 4) != DayOf(back.In(berlin), 4) {
		t.Errorf("the same evening is %s in Tokyo and %s in Berlin", DayOf(back, 4), DayOf(back.In(berlin), 4))
	}
}

func TestDayArithmetic(t *testing.T) {
	d, err := ParseDay("2026-11-26") // a Thursday
	if err != nil {
		t.Fatal(err)
	}
	if got := d.WeekStart().String(); got != "2026-11-23" {
		t.Errorf("WeekStart = %s", got)
	}
	if got := NewDay(2026, 11, 29).WeekStart().String(); got != "2026-11-23" {
		t.Errorf("Sunday's WeekStart = %s", got)
	}
	if got := d.SeasonStart().String(); got != "2026-01-01" {
		t.Errorf("SeasonStart = %s", got)
	}
	if got := NewDay(2027, 1, 1).AddDays(-1).String(); got != "2026-12-31" {
		t.Errorf("AddDays across New Year = %s", got)
	}
	if n := NewDay(2027, 1, 1).DaysSince(NewDay(2026, 1, 1)); n != 365 {
		t.Errorf("DaysSince = %d", n)
	}
	for _, bad := range []string{"", "2026-13-01", "26-11-2026", "2026-02-30", "yesterday"} {
		if _, err := ParseDay(bad); err == nil {
			t.Errorf("ParseDay(%q) accepted", bad)
		}
	}
	var back Day
	b, _ := d.MarshalText()
	if err := back.UnmarshalText(b); err != nil || back != d {
		t.Errorf("text round trip: %v %v", back, err)
	}
}
