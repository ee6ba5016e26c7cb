package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"matchday/app/text"
	"matchday/data"
	"matchday/data/datatest"
)

// statsFixture builds a journal through the store API, as a user would
// have filled it (see datatest.Fill), and returns its path and the time to
// run at.
func statsFixture(t *testing.T) (path, now string) {
	t.Helper()
	return fixture(t, func(s *data.Store, clock *fakeClock) { datatest.Fill(t, s, clock) })
}

// fixture makes a journal at noon of the test day, fills it with fill
// through the store, closes it and returns its path and the time to run
// the command line at.
func fixture(t *testing.T, fill func(s *data.Store, clock *fakeClock)) (path, now string) {
	t.Helper()
	clock := newFakeClock(testNoon(t))
	path = filepath.Join(t.TempDir(), "matchday.db")
	s, err := data.Open(path, data.WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fill(s, clock)
	clock.Set(testNoon(t))
	return path, "2026-11-26T14:00:00+01:00"
}

// runMain runs the command line in-process and returns the exit code and
// both outputs.
func runMain(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(args, Env{
		Getenv: func(k string) string { return env[k] },
		Stdin:  strings.NewReader(""),
		Stdout: &stdout,
		Stderr: &stderr,
	})
	t.Cleanup(func() { text.Load("en") })
	return code, stdout.String(), stderr.String()
}

func TestStatsJSON(t *testing.T) {
	path, now := statsFixture(t)
	code, out, errOut := runMain(t, map[string]string{"MATCHDAY_NOW": now}, "--db", path, "stats", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := `{
  "today": "2026-11-26",
  "counts": {"today": 1, "week": 5, "season": 11, "career": 13},
  "streaks": {
    "celebrated":    {"current": 9,  "longest": 9,  "current_made_up": 1},
    "trained":       {"current": 1,  "longest": 8,  "current_made_up": 0},
    "full_matchday": {"current": 0,  "longest": 8,  "current_made_up": 0},
    "win_day":       {"current": 10, "longest": 10, "current_made_up": 0},
    "weekly_review": {"current": 0,  "longest": 0,  "current_made_up": 0}
  },
  "weeks": [
    {"start": "2026-09-07", "wins": 0}, {"start": "2026-09-14", "wins": 0}, {"start": "2026-09-21", "wins": 0},
    {"start": "2026-09-28", "wins": 0}, {"start": "2026-10-05", "wins": 0}, {"start": "2026-10-12", "wins": 0},
    {"start": "2026-10-19", "wins": 0}, {"start": "2026-10-26", "wins": 0}, {"start": "2026-11-02", "wins": 0},
    {"start": "2026-11-09", "wins": 0}, {"start": "2026-11-16", "wins": 6}, {"start": "2026-11-23", "wins": 5}
  ],
  "follow_through": {
    "last_30_days": {"trained_days": 8, "yes": 6, "partly": 1, "no": 1, "unanswered": 0,
                     "yes_percent": 75, "partly_percent": 13, "no_percent": 13},
    "season":       {"trained_days": 8, "yes": 6, "partly": 1, "no": 1, "unanswered": 0,
                     "yes_percent": 75, "partly_percent": 13, "no_percent": 13}
  },
  "season": {
    "year": 2026, "wins": 11, "win_days": 10, "days_celebrated": 9, "days_made_up": 1, "days_trained": 9,
    "best_week": {"start": "2026-11-16", "wins": 6},
    "best_month": {"year": 2026, "month": 11, "wins": 11},
    "clients": {"amount_cents": 0, "clients": 0, "new_clients": 0, "returning_clients": 0, "biggest_step_up": null}
  }
}`
	var got, exp any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if err := json.Unmarshal([]byte(want), &exp); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, exp) {
		t.Errorf("stats --json gave\n%s\nwant\n%s", out, want)
	}
}

func TestStatsText(t *testing.T) {
	path, now := statsFixture(t)
	code, out, errOut := runMain(t, map[string]string{"MATCHDAY_NOW": now}, "--db", path, "stats")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, line := range []string{
		"Wins: 1 today · 5 this week · 11 this season · 13 career",
		"Celebrated evenings: 9 days in a row · Best: 9 · 1 made up later",
		"Morning training: 1 day in a row · Best: 8",
		"Full matchdays: 0 days in a row · Best: 8",
		"Days with a win: 10 days in a row · Best: 10",
		"Matchweek reviews: 0 weeks in a row · Best: 0",
		"Wins per week, last 12 weeks (oldest first): 0 0 0 0 0 0 0 0 0 0 6 5",
		"Focus follow-through, last 30 days: 75% yes · 13% partly · 13% no (8 trained days)",
		"Focus follow-through, season 2026: 75% yes · 13% partly · 13% no (8 trained days)",
		"Season 2026: 11 wins · best week: 6 from 16 November · best month: November (11) · 9 days celebrated",
		"Clients 2026: €0 logged · 0 new · 0 came back",
	} {
		if !strings.Contains(out, line+"\n") {
			t.Errorf("output lacks %q:\n%s", line, out)
		}
	}
}

func TestStatsTextGerman(t *testing.T) {
	path, now := statsFixture(t)
	s, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	set, err := s.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	set.Language = "de"
	if err := s.SaveSettings(context.Background(), set); err != nil {
		t.Fatal(err)
	}
	s.Close()
	code, out, errOut := runMain(t, map[string]string{"MATCHDAY_NOW": now}, "--db", path, "stats")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, line := range []string{
		"Gefeierte Abende: 9 Tage in Folge · Bestwert: 9 · 1 davon nachgetragen",
		"Morgentraining: 1 Tag in Folge · Bestwert: 8",
		"Wochenrückblicke: 0 Wochen in Folge · Bestwert: 0",
		"Fokus umgesetzt, letzte 30 Tage: 75 % ja · 13 % teilweise · 13 % nein (8 Trainingstage)",
		"Saison 2026: 11 Erfolge · beste Woche: 6 ab 16. November · bester Monat: November (11) · 9 Tage gefeiert",
	} {
		if !strings.Contains(out, line+"\n") {
			t.Errorf("output lacks %q:\n%s", line, out)
		}
	}
}

func TestStatsUsage(t *testing.T) {
	path, now := statsFixture(t)
	code, out, errOut := runMain(t, map[string]string{"MATCHDAY_NOW": now}, "--db", path, "stats", "extra")
	if code != 2 || out != "" || !strings.Contains(errOut, "stats") {
		t.Errorf("exit %d, stdout %q, stderr %q; want 2 and a usage message", code, out, errOut)
	}
	code, _, errOut = runMain(t, map[string]string{"MATCHDAY_NOW": now}, "--db", path, "stats", "--yaml")
	if code != 2 {
		t.Errorf("--yaml: exit %d, stderr %q; want 2", code, errOut)
	}
}

func TestStatsEmptyJournal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	code, out, errOut := runMain(t, map[string]string{"MATCHDAY_NOW": "2026-11-26T14:00:00+01:00"}, "--db", path, "stats", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got statsJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Today.String() != "2026-11-26" || got.Counts.Career != 0 || got.Streaks.WinDay.Longest != 0 || len(got.Weeks) != 12 || got.Season.Year != 2026 || got.Season.BestWeek != nil || !strings.Contains(out, `"best_week": null`) {
		t.Errorf("empty journal: %+v", got)
	}
}
