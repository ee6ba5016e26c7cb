package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"maps"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"matchday/app/agent"
	"matchday/app/text"
	"matchday/data"
	"matchday/data/datatest"
)

// weekFixture is datatest.FillWeek in a journal file, and the time to run
// at: Sunday 29 November 2026, 21:00.
func weekFixture(t *testing.T) (path string, env map[string]string) {
	t.Helper()
	clock := newFakeClock(testNoon(t))
	path = filepath.Join(t.TempDir(), "matchday.db")
	s, err := data.Open(path, data.WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	datatest.FillWeek(t, s, clock)
	return path, map[string]string{"MATCHDAY_NOW": "2026-11-29T21:00:00+01:00"}
}

// runIn runs the command line like runMain, in a terminal when terminal is
// true.
func runIn(t *testing.T, terminal bool, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(args, Env{
		Getenv:   func(k string) string { return env[k] },
		Stdin:    strings.NewReader(""),
		Stdout:   &stdout,
		Stderr:   &stderr,
		Terminal: func() bool { return terminal },
	})
	t.Cleanup(func() { text.Load("en") })
	return code, stdout.String(), stderr.String()
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestWeekJSON pins the documented shape of `week --json` (README): its
// snake_case fields and the numbers of the fixture week.
func TestWeekJSON(t *testing.T) {
	path, env := weekFixture(t)
	code, out, errOut := runIn(t, false, env, "--db", path, "week", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	wantKeys := []string{"best_day", "days", "end", "follow_through", "made_up", "previous_theme", "repeat_how",
		"returning_clients", "review", "review_day", "reviewed", "theme", "week", "wins"}
	if got := keys(v); !reflect.DeepEqual(got, wantKeys) {
		t.Errorf("fields %v, want %v", got, wantKeys)
	}
	days := v["days"].([]any)
	wantDayKeys := []string{"celebrated", "day", "focus", "focus_result", "off_season", "plan_when", "rest", "wins"}
	if len(days) != 7 || !reflect.DeepEqual(keys(days[0].(map[string]any)), wantDayKeys) {
		t.Errorf("days: %d, fields %v", len(days), keys(days[0].(map[string]any)))
	}
	want := map[string]any{
		"week": "2026-11-23", "end": "2026-11-29", "review_day": "2026-11-29", "wins": 9.0,
		"best_day": map[string]any{"day": "2026-11-25", "wins": 3.0},
		"theme":    "", "reviewed": false, "made_up": false, "review": nil,
		"previous_theme": "Ask every happy client for a referral",
		"follow_through": map[string]any{"trained_days": 4.0, "yes": 2.0, "partly": 1.0, "no": 0.0, "unanswered": 1.0},
	}
	for k, w := range want {
		if !reflect.DeepEqual(v[k], w) {
			t.Errorf("%s = %#v, want %#v", k, v[k], w)
		}
	}
	clients := v["returning_clients"].([]any)
	if len(clients) != 3 {
		t.Fatalf("returning clients %v", clients)
	}
	anna := clients[0].(map[string]any)
	if !reflect.DeepEqual(keys(anna), []string{"earlier_wins", "first_day", "name", "wins"}) || anna["name"] != "Anna" || anna["first_day"] != "2026-09-03" {
		t.Errorf("Anna: %v", anna)
	}
	tue := days[1].(map[string]any)
	if tue["plan_when"] != "a client hesitates at the price" || tue["focus"] != "name it once and wait" || tue["focus_result"] != "partly" {
		t.Errorf("Tuesday: %v", tue)
	}
	if sat := days[5].(map[string]any); sat["off_season"] != true || len(sat["wins"].([]any)) != 1 {
		t.Errorf("Saturday: %v", sat)
	}
	if repeat := v["repeat_how"].([]any); len(repeat) != 4 || repeat[3].(map[string]any)["day"] != "2026-11-27" {
		t.Errorf("repeat answers %v", repeat)
	}

	// --week takes any day of a week; the week before holds its review.
	code, out, _ = runIn(t, false, env, "--db", path, "week", "--json", "--week", "2026-11-19")
	if code != 0 || !strings.Contains(out, `"week": "2026-11-16"`) || !strings.Contains(out, `"reviewed": true`) ||
		!strings.Contains(out, `"theme": "Ask every happy client for a referral"`) {
		t.Errorf("--week 2026-11-19: %d\n%s", code, out)
	}
}

func TestWeekText(t *testing.T) {
	path, env := weekFixture(t)
	// In a terminal a bare `matchday week` prints; so does --text anywhere.
	for _, c := range []struct {
		terminal bool
		args     []string
	}{{true, nil}, {false, []string{"--text"}}} {
		code, out, errOut := runIn(t, c.terminal, env, append([]string{"--db", path, "week"}, c.args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		for _, line := range []string{
			"Matchweek 23–29 November 2026\n",
			"9 wins this week · Best day: Wednesday, 3 wins\n",
			"  Monday: Anna booked the 800 € course · Published the case study\n",
			"  Saturday: A booking came in on its own (off-season)\n",
			"Came back:\n",
			"  Anna came back: win no. 2, the first on 3 September 2026\n",
			"  Herr Müller came back: win no. 2, the first on 14 October 2026\n", // as first written, not "herr muller"
			"  Tom: 2 wins this week\n",
			"Focus follow-through: 50% yes · 25% partly · 0% no · 25% not answered (4 trained days)\n",
			"  Friday: Block the morning for deep work\n",
			"This week's theme was: Ask every happy client for a referral\n",
			"What do I train next week? Not reviewed yet",
		} {
			if !strings.Contains(out, line) {
				t.Errorf("terminal %v, args %v: output lacks %q:\n%s", c.terminal, c.args, line, out)
			}
		}
	}
	// A week already reviewed shows its theme.
	code, out, _ := runIn(t, true, env, "--db", path, "week", "--week", "2026-11-16", "--text")
	if code != 0 || !strings.Contains(out, "What do I train next week? Ask every happy client for a referral") {
		t.Errorf("the week before: %d\n%s", code, out)
	}
}

func TestWeekErrors(t *testing.T) {
	path, env := weekFixture(t)
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"week", "--week", "2026-12-07"}, 1, "That week has not started yet."},
		{[]string{"week", "--week", "next"}, 2, "is not a day"},
		{[]string{"week", "--json", "--text"}, 2, "choose --json or --text"},
		{[]string{"week", "extra"}, 2, "takes no further arguments"},
	} {
		code, _, errOut := runIn(t, true, env, append([]string{"--db", path}, c.args...)...)
		if code != c.code || !strings.Contains(errOut, c.says) {
			t.Errorf("%v: exit %d, %q; want %d saying %q", c.args, code, errOut, c.code, c.says)
		}
	}
}

// TestWeekWithoutTerminalOpensTheWindow: a bare `matchday week` from a
// desktop hotkey hands "open week" to the running agent and prints
// nothing.
func TestWeekWithoutTerminalOpensTheWindow(t *testing.T) {
	path, env := weekFixture(t)
	env["DISPLAY"] = ":0" // a desktop hotkey runs on a display; the agent is faked
	db, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("unix", agent.SocketPath(db))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	got := make(chan string, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		line, _ := bufio.NewReader(conn).ReadString('\n')
		got <- strings.TrimSpace(line)
		conn.Write([]byte("ok\n"))
	}()
	code, out, errOut := runIn(t, false, env, "--db", path, "week")
	if code != 0 || out != "" {
		t.Fatalf("exit %d, printed %q, %s", code, out, errOut)
	}
	if line := <-got; line != "open week" {
		t.Errorf("the agent got %q, want open week", line)
	}
}

func TestOffSeasonVerbs(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	env := map[string]string{"MATCHDAY_NOW": "2026-11-26T14:00:00+01:00", "MATCHDAY_DB": db}
	run := func(args ...string) (int, string, string) { return runIn(t, true, env, args...) }

	if code, out, _ := run("offseason", "list"); code != 0 || out != "No off-season yet.\n" {
		t.Errorf("empty list: %d %q", code, out)
	}
	code, out, errOut := run("offseason", "add", "2026-07-01", "2026-07-14", "Summer", "holiday")
	if code != 0 || out != "Added: Off-season 1–14 July 2026 (14 days): Summer holiday\n" {
		t.Fatalf("add: %d %q %q", code, out, errOut)
	}
	if code, out, _ := run("offseason", "add", "2026-12-28", "2027-01-02"); code != 0 || out != "Added: Off-season 28 December 2026 – 2 January 2027 (6 days)\n" {
		t.Errorf("add across New Year: %d %q", code, out)
	}
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"offseason", "add", "2026-07-10", "2026-07-20"}, 1, "The off-season 10–20 July 2026 overlaps the one from 1–14 July 2026"},
		{[]string{"offseason", "add", "2026-08-05", "2026-08-01"}, 2, "must end on or after the day it starts"},
		{[]string{"offseason", "add", "2026-08-05"}, 2, "give the first and the last day"},
		{[]string{"offseason", "add", "5 August", "2026-08-06"}, 2, "is not a day"},
		{[]string{"offseason", "remove", "2026-07-02"}, 1, "No off-season starts on 2026-07-02"},
		{[]string{"offseason", "remove"}, 2, "give the first day"},
		{[]string{"offseason"}, 2, "say what to do"},
		{[]string{"offseason", "pause"}, 2, "say what to do"},
		{[]string{"offseason", "list", "now"}, 2, "takes no further arguments"},
	} {
		code, _, errOut := run(c.args...)
		if code != c.code || !strings.Contains(errOut, c.says) {
			t.Errorf("%v: exit %d, %q; want %d saying %q", c.args, code, errOut, c.code, c.says)
		}
	}

	code, out, _ = run("offseason", "list", "--json")
	if code != 0 {
		t.Fatalf("list --json: %d", code)
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(list) != 2 || !reflect.DeepEqual(keys(list[0]), []string{"created_at", "deleted_at", "from", "note", "to", "updated_at", "uuid"}) ||
		list[0]["from"] != "2026-07-01" || list[0]["to"] != "2026-07-14" || list[0]["note"] != "Summer holiday" || list[0]["deleted_at"] != nil {
		t.Errorf("list --json: %v", list)
	}
	if code, out, _ := run("offseason", "remove", "2026-07-01"); code != 0 || out != "Removed: Off-season 1–14 July 2026 (14 days): Summer holiday\n" {
		t.Errorf("remove: %d %q", code, out)
	}
	if code, out, _ := run("offseason", "list"); code != 0 || out != "2026-12-28  Off-season 28 December 2026 – 2 January 2027 (6 days)\n" {
		t.Errorf("list after remove: %d %q", code, out)
	}
	if code, out, _ := run("offseason", "list", "--json"); code != 0 || strings.TrimSpace(out) == "[]" || strings.Count(out, `"uuid"`) != 1 {
		t.Errorf("list --json after remove: %d %q", code, out)
	}
}

// TestOffSeasonVerbsInGerman: the words come from the journal's language.
func TestOffSeasonVerbsInGerman(t *testing.T) {
	clock := newFakeClock(testNoon(t))
	s := newTestStore(t, clock)
	set := data.DefaultSettings()
	set.Language = "de"
	if err := s.SaveSettings(t.Context(), set); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"MATCHDAY_NOW": "2026-11-26T14:00:00+01:00", "MATCHDAY_DB": s.Path()}
	if code, out, _ := runIn(t, true, env, "offseason", "add", "2026-07-01", "2026-07-14", "Urlaub"); code != 0 || out != "Hinzugefügt: Auszeit 1.–14. Juli 2026 (14 Tage): Urlaub\n" {
		t.Errorf("add: %d %q", code, out)
	}
	if code, _, errOut := runIn(t, true, env, "offseason", "add", "2026-07-14", "2026-07-20"); code != 1 || !strings.Contains(errOut, "Die Auszeit 14.–20. Juli 2026 überschneidet sich mit der vom 1.–14. Juli 2026") {
		t.Errorf("overlap: %d %q", code, errOut)
	}
}

// TestStatsWeeklyReviewStreak: the weekly-review streak in `stats`, with
// this week still open.
func TestStatsWeeklyReviewStreak(t *testing.T) {
	path, env := weekFixture(t)
	code, out, _ := runIn(t, true, env, "--db", path, "stats")
	if code != 0 || !strings.Contains(out, "Matchweek reviews: 1 week in a row · Best: 1\n") {
		t.Errorf("stats: %d\n%s", code, out)
	}
	code, out, _ = runIn(t, true, env, "--db", path, "stats", "--json")
	if code != 0 || !strings.Contains(out, `"weekly_review": {
      "current": 1,
      "longest": 1,
      "current_made_up": 0
    }`) {
		t.Errorf("stats --json: %d\n%s", code, out)
	}
}

// readmeFields reads the field table of the README section whose heading
// starts with heading: each row's field names (first cell, "a / b"
// naming two, "x[]" a list) and the sub-fields its text lists in {…}.
func readmeFields(t *testing.T, heading string) map[string][]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	start := strings.Index(readme, "\n"+heading)
	if start < 0 {
		t.Fatalf("README has no section %q", heading)
	}
	section := readme[start+1:]
	if end := strings.Index(section[1:], "\n#"); end >= 0 {
		section = section[:end+1]
	}
	fields := map[string][]string{}
	for _, line := range strings.Split(section, "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(line, "|")
		var sub []string
		if i := strings.Index(cells[2], "{"); i >= 0 {
			if j := strings.Index(cells[2][i:], "}"); j >= 0 {
				for _, f := range strings.Split(cells[2][i+1:i+j], ",") {
					sub = append(sub, strings.TrimSpace(f))
				}
			}
		}
		for _, name := range strings.Split(cells[1], "/") {
			name = strings.Trim(strings.TrimSpace(name), "`")
			fields[strings.TrimSuffix(name, "[]")] = sub
		}
	}
	return fields
}

// TestReadmeDocumentsWeekJSON: the README's table for `week --json` names
// exactly the fields the command prints, and the fields of its days and
// returning clients.
func TestReadmeDocumentsWeekJSON(t *testing.T) {
	doc := readmeFields(t, "### `week [--json")
	path, env := weekFixture(t)
	_, out, _ := runIn(t, false, env, "--db", path, "week", "--json")
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if got, want := keys(v), slices.Sorted(maps.Keys(doc)); !reflect.DeepEqual(got, want) {
		t.Errorf("week --json prints %v, the README documents %v", got, want)
	}
	day := v["days"].([]any)[0].(map[string]any)
	if got, want := keys(day), slices.Sorted(slices.Values(doc["days"])); !reflect.DeepEqual(got, want) {
		t.Errorf("a day has %v, the README documents %v", got, want)
	}
	client := v["returning_clients"].([]any)[0].(map[string]any)
	if got, want := keys(client), slices.Sorted(slices.Values(doc["returning_clients"])); !reflect.DeepEqual(got, want) {
		t.Errorf("a returning client has %v, the README documents %v", got, want)
	}
	if got, want := keys(v["best_day"].(map[string]any)), slices.Sorted(slices.Values(doc["best_day"])); !reflect.DeepEqual(got, want) {
		t.Errorf("best_day has %v, the README documents %v", got, want)
	}
}

// TestReadmeDocumentsOffSeasonJSON: the same for `offseason list --json`.
func TestReadmeDocumentsOffSeasonJSON(t *testing.T) {
	doc := readmeFields(t, "### `offseason add")
	env := map[string]string{"MATCHDAY_NOW": "2026-11-26T14:00:00+01:00", "MATCHDAY_DB": filepath.Join(t.TempDir(), "x.db")}
	if code, _, errOut := runIn(t, true, env, "offseason", "add", "2026-07-01", "2026-07-14"); code != 0 {
		t.Fatal(errOut)
	}
	_, out, _ := runIn(t, true, env, "offseason", "list", "--json")
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) != 1 {
		t.Fatalf("%v: %s", err, out)
	}
	if got, want := keys(list[0]), slices.Sorted(maps.Keys(doc)); !reflect.DeepEqual(got, want) {
		t.Errorf("offseason list --json prints %v, the README documents %v", got, want)
	}
}
