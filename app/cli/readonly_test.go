package cli

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"matchday/data/datatest"
)

// folderDigest is every file in dir with its SHA-256, or "absent".
func folderDigest(t *testing.T, dir string) string {
	t.Helper()
	sums := datatest.Digests(t, dir)
	if sums == nil {
		return "absent"
	}
	var lines []string
	for name, sum := range sums {
		lines = append(lines, name+" "+sum)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// TestReadVerbsChangeNoFile is issue 14's "read commands write": today,
// stats and export, on a journal that does not exist, an empty file and a
// journal with wins, leave every byte of its folder as it was: no file
// made, none changed, no -wal or -shm.
func TestReadVerbsChangeNoFile(t *testing.T) {
	env := map[string]string{"MATCHDAY_NOW": "2026-11-26T14:00:00+01:00"}
	for _, tc := range []struct {
		name   string
		setup  func(t *testing.T, db string)
		career string
	}{
		{"no file", func(*testing.T, string) {}, `"career": 0`},
		{"zero-byte file", func(t *testing.T, db string) {
			if err := os.WriteFile(db, nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}, `"career": 0`},
		{"journal with wins", func(t *testing.T, db string) {
			for _, w := range []string{"Signed Anna", "Tom came back"} {
				if code, _, errOut := runCLI(t, env, "--db", db, "win", w); code != 0 {
					t.Fatal(errOut)
				}
			}
		}, `"career": 2`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "journal")
			if err := os.Mkdir(dir, 0o700); err != nil {
				t.Fatal(err)
			}
			db := filepath.Join(dir, "matchday.db")
			tc.setup(t, db)
			before := folderDigest(t, dir)
			for _, args := range [][]string{
				{"today"}, {"today", "--json"}, {"stats"}, {"stats", "--json"},
				{"export", "--format", "json"}, {"export", "--format", "md"}, {"export", "--format", "csv"},
			} {
				code, out, errOut := runCLI(t, env, append([]string{"--db", db}, args...)...)
				if code != 0 || errOut != "" {
					t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
				}
				if args[0] == "stats" && len(args) == 2 && !strings.Contains(out, tc.career) {
					t.Errorf("%v: %s, want %s", args, out, tc.career)
				}
				if after := folderDigest(t, dir); after != before {
					t.Fatalf("%v changed the folder:\nbefore:\n%s\nafter:\n%s", args, before, after)
				}
			}
		})
	}
}

// TestWinOnAFutureDay is issue 14's `win --day <tomorrow>`: exit 2 with a
// message saying why, and nothing stored.
func TestWinOnAFutureDay(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	// 02:00 on the 27th is still the 26th: the day starts at 04:00.
	env := map[string]string{"MATCHDAY_NOW": "2026-11-27T02:00:00+01:00"}
	if code, out, errOut := runCLI(t, env, "--db", db, "win", "Today's win"); code != 0 || out != "1\n" {
		t.Fatalf("win: %d %q %q", code, out, errOut)
	}
	for _, day := range []string{"2026-11-27", "2027-01-01", "9999-12-31"} {
		code, out, errOut := runCLI(t, env, "--db", db, "win", "--day", day, "Tomorrow's win")
		if code != 2 || out != "" || !strings.Contains(errOut, day+" is after today (2026-11-26)") || !strings.Contains(errOut, "nothing was saved") {
			t.Errorf("win --day %s: exit %d, stdout %q, stderr %q", day, code, out, errOut)
		}
	}
	for _, day := range []string{"1899-12-31", "2026-13-01"} {
		if code, _, errOut := runCLI(t, env, "--db", db, "win", "--day", day, "x"); code != 2 || !strings.Contains(errOut, "is not a day") {
			t.Errorf("win --day %s: exit %d, stderr %q", day, code, errOut)
		}
	}
	if code, out, _ := runCLI(t, env, "--db", db, "stats", "--json"); code != 0 || !strings.Contains(out, `"career": 1`) {
		t.Errorf("after the refused wins: %s", out)
	}
	if code, out, _ := runCLI(t, env, "--db", db, "win", "--day", "1900-01-01", "Oldest win"); code != 0 || out != "1\n" {
		t.Errorf("win --day 1900-01-01: %d %q", code, out)
	}
}
