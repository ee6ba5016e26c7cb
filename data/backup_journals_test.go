package data

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// openIn opens the journal name in dir on clock.
func openIn(t *testing.T, dir, name string, clock *portClock) *Store {
	t.Helper()
	s, err := Open(filepath.Join(dir, name), WithClock(clock.now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func addTexts(t *testing.T, s *Store, clock *portClock, n int, text string) {
	t.Helper()
	for i := 0; i < n; i++ {
		clock.advance(time.Minute)
		if _, err := s.AddWin(context.Background(), Day{}, NewWin{Text: text}); err != nil {
			t.Fatal(err)
		}
	}
}

// legacyCopy makes a backup of s the way Matchday made them before journals
// had ids: no journal table, named by kind and time only, in the backups
// folder.
func legacyCopy(t *testing.T, s *Store, name string) string {
	t.Helper()
	p := filepath.Join(s.BackupDir(), name)
	if err := os.MkdirAll(s.BackupDir(), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", "file:"+p)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DROP TABLE journal`); err != nil {
		t.Fatal(err)
	}
	return p
}

func paths(list []BackupFile) []string {
	var out []string
	for _, b := range list {
		out = append(out, filepath.Base(b.Path))
	}
	return out
}

// TestTwoJournalsInOneFolder is issue 14's "two journals share backups":
// work.db and home.db side by side both get their daily and manual
// backups; each lists only its own, old-style backups included; a restore
// of the other's backup asks first.
func TestTwoJournalsInOneFolder(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	dir := t.TempDir()
	home := openIn(t, dir, "home.db", clock)
	addTexts(t, home, clock, 2, "Home win")
	work := openIn(t, dir, "work.db", clock)
	addTexts(t, work, clock, 5, "Work win")
	workID, _ := work.JournalID(ctx)
	homeID, _ := home.JournalID(ctx)
	if len(workID) != 36 || workID == homeID {
		t.Fatalf("journal ids %q and %q", workID, homeID)
	}

	// Old-style backups from before journals had ids, one of each.
	workLegacy := legacyCopy(t, work, "daily-2026-11-20.db")
	homeLegacy := legacyCopy(t, home, "manual-20261120-120000.db")
	// Home then imports work's wins: work's old backup is still not home's.
	importJSON(t, home, exportJSON(t, work))

	for _, s := range []*Store{work, home} {
		p, err := s.DailyBackup(ctx)
		if err != nil || p == "" {
			t.Fatalf("daily backup of %s: %q, %v", s.Path(), p, err)
		}
		if again, err := s.DailyBackup(ctx); again != "" || err != nil {
			t.Errorf("second daily backup of %s: %q, %v", s.Path(), again, err)
		}
		if _, err := s.BackupNow(ctx); err != nil {
			t.Fatal(err)
		}
	}

	for _, tc := range []struct {
		s      *Store
		stem   string
		id     string
		legacy string
		wins   map[string]int // kind -> wins in that backup
	}{
		{work, "work", workID, workLegacy, map[string]int{BackupDaily: 5, BackupManual: 5}},
		{home, "home", homeID, homeLegacy, map[string]int{BackupDaily: 7, BackupManual: 7, BackupBeforeImport: 2}},
	} {
		list, err := tc.s.Backups()
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != len(tc.wins)+1 {
			t.Errorf("%s lists %v, want its own %d and its old one", tc.stem, paths(list), len(tc.wins))
		}
		for _, b := range list {
			if b.Path == tc.legacy {
				if b.JournalID != "" || b.Wins != map[string]int{"work": 5, "home": 2}[tc.stem] {
					t.Errorf("%s: old backup %+v", tc.stem, b)
				}
				continue
			}
			if !strings.HasPrefix(filepath.Base(b.Path), tc.stem+"-"+tc.id[:8]+"-") || b.JournalID != tc.id {
				t.Errorf("%s lists %s (journal %s)", tc.stem, b.Path, b.JournalID)
			}
			if b.Wins != tc.wins[b.Kind] || b.Size == 0 || b.Time.IsZero() {
				t.Errorf("%s: backup %+v, want %d wins, a size and a time", tc.stem, b, tc.wins[b.Kind])
			}
		}
		unopened, err := BackupsOf(tc.s.Path())
		if err != nil || strings.Join(paths(unopened), " ") != strings.Join(paths(list), " ") {
			t.Errorf("BackupsOf(%s) = %v (%v), want %v", tc.stem, paths(unopened), err, paths(list))
		}
	}

	// Restoring the other journal's backup asks first.
	before := fullDump(t, work)
	homeList, _ := home.Backups()
	for _, b := range homeList {
		if _, err := work.Restore(ctx, b.Path); !errors.Is(err, ErrOtherJournal) {
			t.Errorf("restoring home's %s into work: %v, want ErrOtherJournal", filepath.Base(b.Path), err)
		}
	}
	sameDump(t, "after refused restores", before, fullDump(t, work))
	workList, _ := work.Backups()
	for _, b := range workList {
		if _, err := work.Restore(ctx, b.Path); err != nil {
			t.Errorf("restoring work's own %s: %v", filepath.Base(b.Path), err)
		}
	}
	if _, err := work.Restore(ctx, homeList[0].Path, AllowOtherJournal()); err != nil {
		t.Fatalf("restoring home's backup when the user confirmed: %v", err)
	}
	if c, _ := work.WinCounts(ctx, NewDay(2026, 11, 26)); c.Career != 7 {
		t.Errorf("work after restoring home's backup: %d wins, want 7", c.Career)
	}
	if id, _ := work.JournalID(ctx); id != workID {
		t.Errorf("a restore changed the journal's id to %s", id)
	}

	// Pruning one journal's daily backups leaves the other's alone.
	for i := 0; i < KeepDaily+KeepWeekly*7; i++ {
		clock.advance(24 * time.Hour)
		if _, err := work.DailyBackup(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if after, _ := home.Backups(); strings.Join(paths(after), " ") != strings.Join(paths(homeList), " ") {
		t.Errorf("pruning work's backups changed home's: %v, was %v", paths(after), paths(homeList))
	}
}

// TestRenamedJournalKeepsItsBackups: a journal file renamed (home.db to
// office.db) still lists the backups made under its old name; a new
// journal made under the old name lists none of them.
func TestRenamedJournalKeepsItsBackups(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	dir := t.TempDir()
	home, err := Open(filepath.Join(dir, "home.db"), WithClock(clock.now))
	if err != nil {
		t.Fatal(err)
	}
	addTexts(t, home, clock, 3, "Home win")
	if _, err := home.BackupNow(ctx); err != nil {
		t.Fatal(err)
	}
	home.Close()
	if err := os.Rename(filepath.Join(dir, "home.db"), filepath.Join(dir, "office.db")); err != nil {
		t.Fatal(err)
	}
	office := openIn(t, dir, "office.db", clock)
	if list, _ := office.Backups(); len(list) != 1 || list[0].Wins != 3 {
		t.Errorf("the renamed journal lists %v", paths(list))
	}
	fresh := openIn(t, dir, "home.db", clock)
	if list, _ := fresh.Backups(); len(list) != 0 {
		t.Errorf("a new journal under the old name lists %v", paths(list))
	}
}

// TestReplaceDamagedAsksForAnotherJournalsBackup: putting another
// journal's backup in place of a damaged journal needs the user's yes.
func TestReplaceDamagedAsksForAnotherJournalsBackup(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	dir := t.TempDir()
	home := openIn(t, dir, "home.db", clock)
	addTexts(t, home, clock, 1, "Home win")
	homeBackup, err := home.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	work, err := Open(filepath.Join(dir, "work.db"), WithClock(clock.now))
	if err != nil {
		t.Fatal(err)
	}
	addTexts(t, work, clock, 2, "Work win")
	work.Close()
	workPath := filepath.Join(dir, "work.db")
	was := fileDigest(t, workPath)
	if _, err := ReplaceDamaged(ctx, workPath, homeBackup, clock.t); !errors.Is(err, ErrOtherJournal) {
		t.Fatalf("ReplaceDamaged with home's backup: %v, want ErrOtherJournal", err)
	}
	if fileDigest(t, workPath) != was {
		t.Error("a refused ReplaceDamaged changed the journal")
	}
	if _, err := ReplaceDamaged(ctx, workPath, homeBackup, clock.t, AllowOtherJournal()); err != nil {
		t.Fatalf("ReplaceDamaged confirmed: %v", err)
	}
}
