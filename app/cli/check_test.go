package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"matchday/data/datatest"
)

// TestCLICheck: `matchday check` says in plain words that a sound journal
// is sound (exit 0) and what is wrong with a damaged one (exit 1), and
// changes no file; `check --repair` repairs index damage after setting a
// copy aside (exit 0, and the journal then checks sound), and refuses
// damage in the records (exit 1).
func TestCLICheck(t *testing.T) {
	tests := []struct {
		name     string
		damage   func(t *testing.T, path string)
		code     int
		says     string
		repair   int
		repaired string
	}{
		{"sound", func(*testing.T, string) {}, 0, "All good", 0, "All good"},
		{"index damage", func(t *testing.T, path string) { datatest.DamageIndex(t, path, "wins_day") }, 1, "indexes or counts only", 0, "Repaired"},
		{"record damage", func(t *testing.T, path string) { datatest.DamageRecords(t, path) }, 1, "cannot be repaired", 1, "cannot be repaired"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := dataCLIJournal(t)
			tt.damage(t, db)
			dir := filepath.Dir(db)
			before := datatest.Digests(t, dir)
			code, stdout, stderr := runDataCLI(t, db, nil, "check")
			if code != tt.code || !strings.Contains(stdout+stderr, tt.says) {
				t.Errorf("check: exit %d, %q %q; want %d saying %q", code, stdout, stderr, tt.code, tt.says)
			}
			if strings.Contains(stdout+stderr, "malformed") || strings.Contains(stdout+stderr, "Tree ") {
				t.Errorf("check shows SQLite's own words: %q", stdout+stderr)
			}
			after := datatest.Digests(t, dir)
			for name, sum := range before {
				if after[name] != sum {
					t.Errorf("check without --repair changed %s", name)
				}
			}
			for name := range after {
				if _, ok := before[name]; !ok && !strings.HasSuffix(name, "-shm") && !strings.HasSuffix(name, "-wal") {
					t.Errorf("check without --repair created %s", name)
				}
			}

			code, stdout, stderr = runDataCLI(t, db, nil, "check", "--repair")
			if code != tt.repair || !strings.Contains(stdout+stderr, tt.repaired) {
				t.Errorf("check --repair: exit %d, %q %q; want %d saying %q", code, stdout, stderr, tt.repair, tt.repaired)
			}
			if tt.repair == 0 {
				if code, stdout, _ := runDataCLI(t, db, nil, "check"); code != 0 {
					t.Errorf("check after the repair: exit %d, %q", code, stdout)
				}
			}
		})
	}
}

// TestCLICheckWithoutJournal says so and creates nothing.
func TestCLICheckWithoutJournal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "matchday.db")
	code, _, stderr := runDataCLI(t, db, nil, "check")
	if code != 1 || !strings.Contains(stderr, "no journal") {
		t.Errorf("check of no journal: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("check created the journal: %v", err)
	}
}
