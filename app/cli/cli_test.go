package cli

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"matchday/app/version"
	"matchday/data"
)

// runCLI runs the command line in-process with env on top of a clean
// environment and returns the exit code, stdout and stderr.
func runCLI(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	getenv := func(k string) string { return env[k] }
	code := Main(args, Env{Getenv: getenv, Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut})
	return code, out.String(), errOut.String()
}

func TestCLIWinAndToday(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	env := map[string]string{"MATCHDAY_NOW": "2026-11-26T14:00:00+01:00"}
	code, out, errOut := runCLI(t, env, "--db", db, "win", "Signed", "the", "800", "EUR", "course")
	if code != 0 || out != "1\n" || errOut != "" {
		t.Fatalf("first win: %d %q %q", code, out, errOut)
	}
	env["MATCHDAY_DB"] = db
	env["MATCHDAY_NOW"] = "2026-11-26T14:05:00+01:00"
	if code, out, _ := runCLI(t, env, "win", "Größter Auftrag 🎉 für Müller"); code != 0 || out != "2\n" {
		t.Fatalf("second win via MATCHDAY_DB: %d %q", code, out)
	}
	if code, out, _ := runCLI(t, env, "win", "--day", "2026-11-20", "Made up"); code != 0 || out != "1\n" {
		t.Fatalf("win --day: %d %q", code, out)
	}
	code, out, _ = runCLI(t, env, "today", "--json")
	if code != 0 {
		t.Fatalf("today --json: %d", code)
	}
	var v struct {
		Day    string `json:"day"`
		Counts struct{ Today, Week, Season, Career int }
		Wins   []struct{ Text string }
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("today --json is not JSON: %v\n%s", err, out)
	}
	if v.Day != "2026-11-26" || len(v.Wins) != 2 || v.Wins[0].Text != "Größter Auftrag 🎉 für Müller" || v.Wins[1].Text != "Signed the 800 EUR course" || v.Counts.Career != 3 || v.Counts.Week != 2 {
		t.Errorf("today --json = %+v", v)
	}
	code, out, _ = runCLI(t, env, "today")
	if code != 0 || !strings.Contains(out, "2 today") || !strings.Contains(out, "Signed the 800 EUR course") {
		t.Errorf("today: %d\n%s", code, out)
	}
	var mode string
	sqlDB, _ := sql.Open("sqlite3", db)
	defer sqlDB.Close()
	sqlDB.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal_mode = %s", mode)
	}
}

func TestCLIExitCodes(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	textDB := filepath.Join(dir, "notes.db")
	os.WriteFile(textDB, []byte("just some notes\n"), 0o600)
	newer := filepath.Join(dir, "newer.db")
	func() {
		s, _ := sql.Open("sqlite3", newer)
		defer s.Close()
		s.Exec("CREATE TABLE t (x)")
		s.Exec("PRAGMA user_version = " + strconv.Itoa(data.SchemaVersion()+1))
		s.Exec("PRAGMA application_id = " + strconv.Itoa(data.ApplicationID))
	}()
	tests := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"unknown command", []string{"--db", db, "frobnicate"}, 2, "not a Matchday command"},
		{"unknown flag", []string{"--db", db, "--colour"}, 2, "colour"},
		{"win without text", []string{"--db", db, "win"}, 2, "say what you won"},
		{"win with blank text", []string{"--db", db, "win", "  "}, 2, "say what you won"},
		{"bad day", []string{"--db", db, "win", "--day", "2026-02-30", "x"}, 2, "YYYY-MM-DD"},
		{"today extra", []string{"--db", db, "today", "extra"}, 2, "no further arguments"},
		{"too long", []string{"--db", db, "win", strings.Repeat("x", 501)}, 1, "at most 500"},
		{"text file", []string{"--db", textDB, "today"}, 1, "is not a Matchday journal"},
		{"newer schema", []string{"--db", newer, "win", "x"}, 1, "newer version of Matchday"},
		{"demo years", []string{"--db", db, "demo", "--years", "0"}, 2, "--years"},
		{"agent flag", []string{"--db", db, "agent", "--hidden"}, 2, "hidden"},
		{"agent extra", []string{"--db", db, "agent", "--login", "now"}, 2, "no further arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hash := func(p string) [32]byte { b, _ := os.ReadFile(p); return sha256.Sum256(b) }
			beforeText, beforeNewer := hash(textDB), hash(newer)
			code, out, errOut := runCLI(t, nil, tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d (stderr %q)", code, tt.code, errOut)
			}
			if !strings.HasPrefix(errOut, "matchday: ") || !strings.Contains(errOut, tt.err) {
				t.Errorf("stderr = %q, want a line with %q", errOut, tt.err)
			}
			if lines := strings.Count(errOut, "\n"); (code == 1 && lines != 1) || (code == 2 && lines != 2) {
				t.Errorf("stderr has %d lines: %q", lines, errOut)
			}
			if out != "" {
				t.Errorf("stdout = %q", out)
			}
			if hash(textDB) != beforeText || hash(newer) != beforeNewer {
				t.Error("a refused file changed")
			}
		})
	}
	if code, out, _ := runCLI(t, nil, "version"); code != 0 || out != "Matchday "+version.Version+"\n" {
		t.Errorf("version: %d %q", code, out)
	}
}

func TestCLIDemoRefusesFullJournal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	if code, _, errOut := runCLI(t, nil, "--db", db, "demo", "--years", "1", "--lang", "de", "--seed", "3"); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	before, _ := os.ReadFile(db)
	code, _, errOut := runCLI(t, nil, "--db", db, "demo")
	if code != 1 || !strings.Contains(errOut, "already has entries") {
		t.Errorf("second demo: %d %q", code, errOut)
	}
	after, _ := os.ReadFile(db)
	if !bytes.Equal(before, after) {
		t.Error("the refused demo changed the journal")
	}
}
