package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"matchday/data"
)

// clientsFixture is a journal with clients, filled through the store as a
// user would: Anna climbs 60 → 800 → 5,000 → 9,000 € over three seasons
// under three spellings, Anna M. came once, Jonas twice without amounts,
// and a deleted win that counts nowhere.
func clientsFixture(t *testing.T) (path, now string) {
	t.Helper()
	return fixture(t, func(s *data.Store, clock *fakeClock) {
		ctx := context.Background()
		berlin := testNoon(t).Location()
		add := func(y int, m time.Month, d int, client string, amount data.Cents, text string) data.Win {
			t.Helper()
			clock.Set(time.Date(y, m, d, 11, 0, 0, 0, berlin))
			in := data.NewWin{Text: text, Client: client}
			if amount > 0 {
				in.Amount = &amount
			}
			w, err := s.AddWin(ctx, data.Day{}, in)
			if err != nil {
				t.Fatal(err)
			}
			return w
		}
		add(2024, time.March, 5, "Anna", 6000, "Anna bought the starter course")
		add(2024, time.September, 10, "anna", 80000, "Anna booked the course")
		add(2025, time.February, 14, "Änna", 500000, "Coaching package for Anna")
		add(2025, time.May, 5, "Jonas", 0, "Great call with Jonas")
		add(2026, time.June, 1, "Anna", 900000, "Anna signed the year programme")
		add(2026, time.June, 2, "Anna M.", 12000, "Workshop seat")
		add(2026, time.November, 20, "Jonas", 0, "Jonas sent a referral")
		gone := add(2026, time.November, 25, "Anna", 100, "typo")
		if err := s.DeleteWin(ctx, gone.UUID); err != nil {
			t.Fatal(err)
		}
	})
}

// fieldRE is a field path in a README table's first column.
var fieldRE = regexp.MustCompile("`([a-z_.\\[\\]]+)`")

var uuidRE = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// sameJSONAsFile compares out, its UUIDs blanked, with the fixture file.
func sameJSONAsFile(t *testing.T, out, file string) {
	t.Helper()
	want, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	got := uuidRE.ReplaceAllString(out, "UUID")
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	gb, _ := json.MarshalIndent(g, "", "  ")
	wb, _ := json.MarshalIndent(w, "", "  ")
	if string(gb) != string(wb) {
		t.Errorf("output\n%s\nwant (testdata/%s)\n%s", gb, file, wb)
	}
}

func TestClientsJSON(t *testing.T) {
	path, now := clientsFixture(t)
	env := map[string]string{"MATCHDAY_NOW": now}
	code, out, errOut := runMain(t, env, "--db", path, "clients", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	sameJSONAsFile(t, out, "clients.json")

	code, out, _ = runMain(t, env, "--db", path, "clients", "--json", "--sort", "total")
	var got clientsJSON
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil || len(got.Clients) != 3 || got.Clients[0].Name != "Anna" || got.Clients[2].Name != "Jonas" {
		t.Errorf("--sort total: exit %d, %s", code, out)
	}
	if code, _, errOut := runMain(t, env, "--db", path, "clients", "--json", "--sort", "size"); code != 2 || !strings.Contains(errOut, "size") {
		t.Errorf("--sort size: exit %d, %q", code, errOut)
	}
}

func TestClientJSON(t *testing.T) {
	path, now := clientsFixture(t)
	env := map[string]string{"MATCHDAY_NOW": now}
	// Any spelling, the flag before or after the name.
	for _, args := range [][]string{{"client", "anna", "--json"}, {"client", "--json", "ÄNNA"}} {
		code, out, errOut := runMain(t, env, append([]string{"--db", path}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		sameJSONAsFile(t, out, "client_anna.json")
	}
	code, out, errOut := runMain(t, env, "--db", path, "client", "Anna", "M.", "--json")
	if code != 0 || !strings.Contains(out, `"name": "Anna M."`) {
		t.Errorf("a name with a space: exit %d, %s %s", code, out, errOut)
	}
}

func TestClientText(t *testing.T) {
	path, now := clientsFixture(t)
	env := map[string]string{"MATCHDAY_NOW": now}
	code, out, errOut := runMain(t, env, "--db", path, "client", "Anna")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, line := range []string{
		"Anna: 4 wins · 5 Mar 2024 – 1 Jun 2026 · €14,860 · came back · climb ×150",
		"  5 Mar 2024 · €60 · Anna bought the starter course",
		"  10 Sep 2024 · €800 · ▲ ×13.33 · Anna booked the course",
		"  14 Feb 2025 · €5,000 · ▲ ×6.25 · Coaching package for Anna",
		"Biggest step up: Anna €60 → €800 (×13.33) on 10 Sep 2024",
	} {
		if !strings.Contains(out, line+"\n") {
			t.Errorf("output lacks %q:\n%s", line, out)
		}
	}
	for _, tc := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"client", "Nobody"}, 1, "No client is called “Nobody”"},
		{[]string{"client"}, 2, "Name the client"},
		{[]string{"client", "--yaml", "Anna"}, 2, "--yaml"},
	} {
		code, out, errOut := runMain(t, env, append([]string{"--db", path}, tc.args...)...)
		if code != tc.code || out != "" || !strings.Contains(errOut, tc.says) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", tc.args, code, out, errOut)
		}
	}
}

// TestReadmeDocumentsClientsJSON: every field `clients --json` and `client
// NAME --json` print is in the README's tables, and every field there is
// printed, so the documented contract is the real one.
func TestReadmeDocumentsClientsJSON(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	path, now := clientsFixture(t)
	env := map[string]string{"MATCHDAY_NOW": now}
	for _, tc := range []struct {
		heading string
		args    []string
	}{
		{"### `clients --json`", []string{"clients", "--json"}},
		{"### `client NAME --json`", []string{"client", "Anna", "--json"}},
	} {
		section := readmeSection(t, string(readme), tc.heading)
		documented := map[string]bool{}
		for _, line := range strings.Split(section, "\n") {
			cells := strings.Split(line, "|")
			if len(cells) < 3 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
				continue
			}
			for _, m := range fieldRE.FindAllStringSubmatch(cells[1], -1) {
				documented[m[1]] = true
			}
		}
		_, out, _ := runMain(t, env, append([]string{"--db", path}, tc.args...)...)
		var v any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatal(err)
		}
		printed, leaves := map[string]bool{}, map[string]bool{}
		jsonPaths(v, "", printed, leaves)
		var missing, extra []string
		for p := range leaves {
			if !documented[p] {
				missing = append(missing, p)
			}
		}
		for p := range documented {
			if !printed[p] {
				extra = append(extra, p)
			}
		}
		sort.Strings(missing)
		sort.Strings(extra)
		if len(missing)+len(extra) > 0 {
			t.Errorf("%s: printed but not documented %v; documented but not printed %v", tc.heading, missing, extra)
		}
	}
}

// readmeSection is the README's text from heading to the next heading.
func readmeSection(t *testing.T, readme, heading string) string {
	t.Helper()
	i := strings.Index(readme, heading+"\n")
	if i < 0 {
		t.Fatalf("README has no %q", heading)
	}
	rest := readme[i+len(heading):]
	if j := strings.Index(rest, "\n#"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// jsonPaths collects the field paths of v into all ("clients",
// "clients[].name", "biggest_step_up", "biggest_step_up.factor") and the
// paths of its values that hold no fields into leaves.
func jsonPaths(v any, prefix string, all, leaves map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			all[p] = true
			jsonPaths(e, p, all, leaves)
		}
	case []any:
		for _, e := range x {
			jsonPaths(e, prefix+"[]", all, leaves)
		}
		if len(x) == 0 {
			leaves[prefix] = true
		}
	default:
		leaves[prefix] = true
	}
}

// TestStatsClients: stats --json gains season.clients (fields only added)
// and the text a line, from a journal with clients.
func TestStatsClients(t *testing.T) {
	path, now := clientsFixture(t)
	env := map[string]string{"MATCHDAY_NOW": now}
	code, out, errOut := runMain(t, env, "--db", path, "stats", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Season struct {
			Clients map[string]any `json:"clients"`
		} `json:"season"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	c := got.Season.Clients
	up, _ := c["biggest_step_up"].(map[string]any)
	if c["amount_cents"] != 912000.0 || c["clients"] != 3.0 || c["new_clients"] != 1.0 || c["returning_clients"] != 2.0 ||
		up["client"] != "Anna" || up["factor"] != 1.8 || up["from_cents"] != 500000.0 {
		t.Errorf("season.clients %v", c)
	}
	_, out, _ = runMain(t, env, "--db", path, "stats")
	if want := "Clients 2026: €9,120 logged · 1 new · 2 came back · biggest step up: Anna €5,000 → €9,000 (×1.8)\n"; !strings.Contains(out, want) {
		t.Errorf("stats lacks %q:\n%s", want, out)
	}
}
