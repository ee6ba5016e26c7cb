package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// rootPage returns the root page of the named table or index.
func rootPage(t *testing.T, path, name string) int64 {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var root int64
	if err := db.QueryRow("SELECT rootpage FROM sqlite_schema WHERE name = ?", name).Scan(&root); err != nil {
		t.Fatal(err)
	}
	return root
}

// treePages returns every page of the b-tree whose root is root, in the
// file's bytes b, by walking its interior pages' child pointers
// (sqlite.org/fileformat.html, 1.6).
func treePages(t *testing.T, b []byte, root int64) []int64 {
	t.Helper()
	size := int64(binary.BigEndian.Uint16(b[16:18]))
	var pages []int64
	var walk func(p int64)
	walk = func(p int64) {
		pages = append(pages, p)
		off := (p - 1) * size
		hdr := off
		if p == 1 {
			hdr += 100
		}
		switch b[hdr] {
		case 0x02, 0x05: // interior: a child in each cell, and the right-most
			n := int64(binary.BigEndian.Uint16(b[hdr+3 : hdr+5]))
			for i := range n {
				cell := off + int64(binary.BigEndian.Uint16(b[hdr+12+2*i:]))
				walk(int64(binary.BigEndian.Uint32(b[cell:])))
			}
			walk(int64(binary.BigEndian.Uint32(b[hdr+8 : hdr+12])))
		case 0x0a, 0x0d:
		default:
			t.Fatalf("page %d has type %#x", p, b[hdr])
		}
	}
	walk(root)
	return pages
}

// flipUUIDInIndex flips one byte of a win's uuid where the index entry
// holds it, on a leaf page of the index's b-tree: the entry then points at
// no row, and the row is missing from the index. It returns the win's uuid.
func flipUUIDInIndex(t *testing.T, path, index string, uuids []string) string {
	t.Helper()
	root := rootPage(t, path, index)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	size := int64(binary.BigEndian.Uint16(b[16:18]))
	for _, p := range treePages(t, b, root) {
		page := b[(p-1)*size : p*size]
		if page[0] != 0x0a {
			continue // an interior page's keys only guide the search
		}
		for _, u := range uuids {
			if i := bytes.Index(page, []byte(u)); i >= 0 {
				page[i+20] ^= 0x01 // a digit of the last group: still 36 characters
				writeFile(t, path, b)
				return u
			}
		}
	}
	t.Fatalf("no uuid found on the pages of %s", index)
	return ""
}

// TestIndexDamageIsFoundAndRepaired flips one byte of a win's uuid inside
// the index of wins by day: the journal opens (Open reads no index), but a
// day lists one win less than its counter says. The full check finds it as
// damage confined to indexes, writes stop, and Repair sets the journal as
// found aside, rebuilds the indexes and derived tables and checks again:
// every win is back, integrity_check is ok, and writes go on.
func TestIndexDamageIsFoundAndRepaired(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "matchday.db")
	clock := &testClock{t: time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)}
	s, err := Open(path, WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	var uuids []string
	for i := range 300 {
		w, err := s.AddWin(ctx, Day{}, NewWin{Text: "Kunde " + itoa(i) + " hat wieder gebucht", Client: "Müller GmbH"})
		if err != nil {
			t.Fatal(err)
		}
		uuids = append(uuids, w.UUID)
	}
	today, _ := s.Today(ctx)
	s.Close()
	flipped := flipUUIDInIndex(t, path, "wins_day", uuids)
	damaged := fileDigest(t, path)

	s, err = Open(path, WithClock(clock.Now))
	if err != nil {
		t.Fatalf("Open of a journal with a damaged index: %v", err)
	}
	defer s.Close()
	if wins, _ := s.WinsOn(ctx, today); len(wins) != 299 {
		t.Fatalf("before the repair the day lists %d wins; the damage should hide one of 300", len(wins))
	}
	res, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Damage != IndexDamage || !res.Repairable() || !strings.Contains(strings.Join(res.Rebuild, " "), "wins_day") {
		t.Fatalf("Check = %+v, want index damage in wins_day", res)
	}
	if _, err := s.AddWin(ctx, Day{}, NewWin{Text: "must wait for the repair"}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("a save to the damaged journal: %v, want ErrCorrupt", err)
	}
	if _, err := os.Stat(markPath(path)); err == nil {
		t.Error("index damage left the damage mark; it is repairable")
	}
	// An export now would miss the hidden win without a word.
	if err := s.ExportCSV(ctx, io.Discard); !errors.Is(err, ErrCorrupt) {
		t.Errorf("an export of the damaged journal: %v, want ErrCorrupt", err)
	}

	rr, err := s.Repair(ctx)
	if err != nil {
		t.Fatalf("Repair: %v", err)
	}
	if rr.Aside == "" || fileDigest(t, rr.Aside) != damaged {
		t.Errorf("the journal as found was not set aside byte for byte (aside %q)", rr.Aside)
	}
	if filepath.Dir(rr.Aside) != dir || !strings.Contains(filepath.Base(rr.Aside), "before-repair") {
		t.Errorf("set aside as %s, want a before-repair copy beside the journal", rr.Aside)
	}
	if !rr.After.OK() {
		t.Errorf("the check after the repair: %+v", rr.After)
	}
	wins, err := s.WinsOn(ctx, today)
	if err != nil || len(wins) != 300 {
		t.Fatalf("after the repair the day lists %d wins (%v), want 300", len(wins), err)
	}
	found := false
	for _, w := range wins {
		found = found || w.UUID == flipped
	}
	if !found {
		t.Error("the win whose index entry was damaged is still missing")
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Errorf("integrity_check after the repair: %v", err)
	}
	if _, err := s.AddWin(ctx, Day{}, NewWin{Text: "after the repair"}); err != nil {
		t.Errorf("a save after the repair: %v", err)
	}
}

// TestDerivedDamageIsRepaired: per-day counts that disagree with the wins
// (the counter says 3, the list shows 2) are damage in a derived table:
// the check finds it, Repair rebuilds them from the wins.
func TestDerivedDamageIsRepaired(t *testing.T) {
	ctx := context.Background()
	s := openJournal(t, filepath.Join(t.TempDir(), "matchday.db"))
	for i := range 5 {
		if _, err := s.AddWin(ctx, NewDay(2026, 11, 20+i%2), NewWin{Text: "Win " + itoa(i)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.db.Exec(`UPDATE day_wins SET wins = wins + 1 WHERE day = '2026-11-20'`); err != nil {
		t.Fatal(err)
	}
	res, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Damage != IndexDamage || len(res.Rebuild) != 1 || res.Rebuild[0] != "day_wins" {
		t.Fatalf("Check = %+v, want derived damage in day_wins", res)
	}
	if _, err := s.Repair(ctx); err != nil {
		t.Fatal(err)
	}
	if c, err := s.WinCounts(ctx, NewDay(2026, 11, 20)); err != nil || c.Today != 3 || c.Career != 5 {
		t.Errorf("counts after the repair: %+v, %v; want 3 that day, 5 in all", c, err)
	}
}

// TestWinTotalDamageIsRepaired: a career total that disagrees with the
// wins is derived damage; Repair recounts it.
func TestWinTotalDamageIsRepaired(t *testing.T) {
	ctx := context.Background()
	s := openJournal(t, filepath.Join(t.TempDir(), "matchday.db"))
	for i := range 4 {
		if _, err := s.AddWin(ctx, NewDay(2026, 11, 20), NewWin{Text: "Win " + itoa(i)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.db.Exec(`UPDATE win_total SET wins = 40`); err != nil {
		t.Fatal(err)
	}
	res, err := s.Check(ctx)
	if err != nil || res.Damage != IndexDamage || strings.Join(res.Rebuild, " ") != "win_total" {
		t.Fatalf("Check = %+v, %v; want derived damage in win_total", res, err)
	}
	if _, err := s.Repair(ctx); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.WinCounts(ctx, NewDay(2026, 11, 20)); c.Career != 4 {
		t.Errorf("career %d after the repair, want 4", c.Career)
	}
}

// TestMigrationCountsTheCareer: a journal of schema 1 gets its career
// total counted by migration 2.
func TestMigrationCountsTheCareer(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "matchday.db")
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL")
	if err != nil {
		t.Fatal(err)
	}
	stmts := migrations[0] + fmt.Sprintf("PRAGMA user_version = 1; PRAGMA application_id = %d;", ApplicationID)
	for i := range 7 {
		deleted := "NULL"
		if i == 3 {
			deleted = "'2026-11-20T10:00:00.000000000Z'"
		}
		stmts += fmt.Sprintf(`INSERT INTO wins (uuid, day, text, created_at, updated_at, deleted_at) VALUES ('u%d', '2026-11-2%d', 'Win', 'x', 'x', %s);`, i, i, deleted)
	}
	if _, err := db.Exec(stmts); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s := openJournal(t, path)
	if c, err := s.WinCounts(ctx, NewDay(2026, 11, 26)); err != nil || c.Career != 6 {
		t.Errorf("career after the migration: %+v, %v; want 6 live wins", c, err)
	}
	if _, ok := s.LastCheck(); !ok {
		t.Error("the journal was migrated without a full check first")
	}
}

// TestRecordDamageIsNotRepaired: damage in the wins table itself is not
// repaired; the journal is marked damaged, so another process's saves and
// Open refuse it, Open with ForCheck still looks at it, and ReplaceDamaged
// clears the mark along with the damaged file.
func TestRecordDamageIsNotRepaired(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "matchday.db")
	journalWithWins(t, path, 300)
	sound := filepath.Join(dir, "sound.db")
	if err := copyFile(path, sound); err != nil {
		t.Fatal(err)
	}
	damage(t, path)
	before := fileDigest(t, path)

	other, err := Open(path) // another process, before the check
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer other.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	res, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Damage != RecordDamage || res.Repairable() {
		t.Fatalf("Check = %+v, want record damage", res)
	}
	if _, err := s.Repair(ctx); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Repair of record damage: %v, want ErrCorrupt", err)
	}
	if _, err := other.AddWin(ctx, Day{}, NewWin{Text: "must not be written"}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("another process's save after the check: %v, want ErrCorrupt", err)
	}
	s.Close()
	other.Close()
	assertUntouched(t, path, before)
	if _, err := Open(path); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Open of a journal marked damaged: %v, want ErrCorrupt", err)
	}
	look, err := Open(path, ForCheck())
	if err != nil {
		t.Fatalf("Open with ForCheck: %v", err)
	}
	if res, err := look.Check(ctx); err != nil || res.Damage != RecordDamage {
		t.Errorf("ForCheck's check: %+v, %v", res, err)
	}
	look.Close()
	assertUntouched(t, path, before)

	if _, err := ReplaceDamaged(ctx, path, sound, time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(markPath(path)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the damage mark outlived the damaged journal: %v", err)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatalf("Open after the restore: %v", err)
	}
	defer s.Close()
	if _, err := s.AddWin(ctx, Day{}, NewWin{Text: "after the restore"}); err != nil {
		t.Errorf("a save after the restore: %v", err)
	}
}

// crashedCopy copies the journal at src with its -wal while it is open, as
// a crash leaves them, to dst.
func crashedCopy(t *testing.T, src, dst string) {
	t.Helper()
	for _, x := range []string{"", "-wal"} {
		b, err := os.ReadFile(src + x)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dst+x, b)
	}
}

// TestDamagedJournalKeepsItsBytes: a journal damaged in its records keeps
// its exact bytes, and a -wal left by a crash its own, through Open, a
// save refused after the check, the check itself and Close; in WAL mode
// (Close does not checkpoint a journal not known sound, and SQLite's own
// checkpoint by the last connection does not run) and in rollback mode, as
// a backup copied in place by hand is (Open does not switch it to WAL).
func TestDamagedJournalKeepsItsBytes(t *testing.T) {
	ctx := context.Background()
	for _, mode := range []string{"wal with a crash's -wal", "rollback"} {
		t.Run(mode, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "matchday.db")
			src := filepath.Join(dir, "src.db")
			journalWithWins(t, src, 300)
			damage(t, src)
			if mode == "rollback" {
				db, err := sql.Open("sqlite3", "file:"+src)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := db.Exec("PRAGMA journal_mode = DELETE"); err != nil {
					t.Fatal(err)
				}
				db.Close()
				if err := copyFile(src, path); err != nil {
					t.Fatal(err)
				}
			} else {
				// A save that does not touch the damaged page, left in the
				// -wal by a crash.
				db, err := sql.Open("sqlite3", "file:"+src)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := db.Exec(`INSERT INTO settings (key, value, updated_at) VALUES ('theme', 'dark', 'now')`); err != nil {
					t.Fatal(err)
				}
				crashedCopy(t, src, path)
				db.Close()
				if walSize(t, path) == 0 {
					t.Fatal("no -wal content; the test proves nothing")
				}
			}
			digest := map[string]string{"": fileDigest(t, path), "-wal": fileDigest(t, path+"-wal")}
			same := func(when string) {
				t.Helper()
				for x, want := range digest {
					if got := fileDigest(t, path+x); got != want {
						t.Errorf("%s: matchday.db%s changed (sha256 %s, was %s)", when, x, got, want)
					}
				}
			}

			s, err := Open(path)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			s.Close()
			same("after Open and Close")

			s, err = Open(path, WithCheckLater())
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			if _, err := s.AddWin(ctx, Day{}, NewWin{Text: "must not be written"}); !errors.Is(err, ErrCorrupt) {
				t.Errorf("a save to the damaged journal: %v, want ErrCorrupt", err)
			}
			if err := s.SaveSettings(ctx, DefaultSettings()); !errors.Is(err, ErrCorrupt) {
				t.Errorf("a settings save to the damaged journal: %v, want ErrCorrupt", err)
			}
			s.Close()
			same("after a refused save and Close")

			s, err = Open(path, ForCheck())
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			if res, err := s.Check(ctx); err != nil || res.OK() {
				t.Errorf("Check = %+v, %v; want damage", res, err)
			}
			if _, err := s.BackupNow(ctx); !errors.Is(err, ErrCorrupt) {
				t.Errorf("a backup of the damaged journal: %v, want ErrCorrupt", err)
			}
			s.Close()
			same("after the check, a refused backup and Close")
		})
	}
}

// TestRollbackJournalSwitchesToWALOnFirstSave: a sound journal in rollback
// mode (a backup copied in place) is not switched by Open, only by the
// first save, after a full check.
func TestRollbackJournalSwitchesToWALOnFirstSave(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "matchday.db")
	src := openJournal(t, filepath.Join(dir, "src.db"))
	if _, err := src.AddWin(ctx, Day{}, NewWin{Text: "Im Backup"}); err != nil {
		t.Fatal(err)
	}
	if err := src.Backup(ctx, path); err != nil { // VACUUM INTO: rollback mode
		t.Fatal(err)
	}
	before := fileDigest(t, path)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var mode string
	s.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode != "delete" {
		t.Fatalf("the backup is in %s mode, want rollback (delete)", mode)
	}
	today, _ := s.Today(ctx)
	if wins, err := s.WinsOn(ctx, today); err != nil || len(wins) != 1 {
		t.Errorf("read %d wins, %v", len(wins), err)
	}
	s.Close()
	if got := fileDigest(t, path); got != before {
		t.Error("Open and Close changed a journal in rollback mode")
	}
	s = openJournal(t, path)
	if _, err := s.AddWin(ctx, Day{}, NewWin{Text: "Nach dem Zurückspielen"}); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.LastCheck(); !ok {
		t.Error("the switch to WAL did not check the journal first")
	}
	s.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode != "wal" {
		t.Errorf("after the first save the journal is in %s mode, want wal", mode)
	}
}

// TestMarkDamagedStopsWrites: a store told that another process found the
// journal damaged writes nothing more and does not checkpoint on Close.
func TestMarkDamagedStopsWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "matchday.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddWin(ctx, Day{}, NewWin{Text: "before"}); err != nil {
		t.Fatal(err)
	}
	s.MarkDamaged(nil)
	if _, err := s.AddWin(ctx, Day{}, NewWin{Text: "after"}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("a save after MarkDamaged: %v, want ErrCorrupt", err)
	}
	wal := walSize(t, path)
	if wal == 0 {
		t.Fatal("no -wal content; the test proves nothing")
	}
	s.Close()
	if got := walSize(t, path); got != wal {
		t.Errorf("Close after MarkDamaged changed the -wal from %d to %d bytes (a checkpoint)", wal, got)
	}
}

// TestClassify sorts integrity_check's lines by what a repair can fix.
func TestClassify(t *testing.T) {
	objects := map[int64]schemaObject{
		2: {"table", "wins", "wins"}, 3: {"index", "wins_day", "wins"}, 4: {"table", "day_wins", "day_wins"},
		5: {"table", "evenings", "evenings"}, 6: {"index", "sqlite_autoindex_evenings_1", "evenings"},
		7: {"table", "search_text", "search_text"},
	}
	tests := []struct {
		name    string
		lines   []string
		damage  Damage
		rebuild string
	}{
		{"sound", nil, NoDamage, ""},
		{"row missing from an index", []string{"row 17 missing from index wins_day"}, IndexDamage, "wins_day"},
		{"count of an index", []string{"wrong # of entries in index sqlite_autoindex_evenings_1"}, IndexDamage, "sqlite_autoindex_evenings_1"},
		{"b-tree of an index", []string{"Tree 3 page 9 cell 2: Rowid 5 out of order"}, IndexDamage, "wins_day"},
		{"b-tree of a derived table", []string{"Tree 4 page 12: btreeInitPage() returns error code 11", "Tree 7 page 40 cell 0: invalid page number 9999"}, IndexDamage, "day_wins search_text"},
		{"NULL in a derived table", []string{"NULL value in day_wins.wins"}, IndexDamage, "day_wins"},
		{"b-tree of the wins", []string{"Tree 2 page 5 cell 0: invalid page number 77"}, RecordDamage, ""},
		{"value in the records", []string{"NULL value in evenings.day"}, RecordDamage, ""},
		{"a page never used", []string{"Page 31: never used"}, RecordDamage, ""},
		{"index and records", []string{"row 1 missing from index wins_day", "Tree 5 page 8: free space corruption"}, RecordDamage, ""},
		{"an unknown index", []string{"row 1 missing from index nope"}, RecordDamage, ""},
		{"a line never seen", []string{"something new"}, RecordDamage, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			damage, rebuild := classify(tt.lines, objects)
			if damage != tt.damage || strings.Join(rebuild, " ") != tt.rebuild {
				t.Errorf("classify = %v %q, want %v %q", damage, rebuild, tt.damage, tt.rebuild)
			}
		})
	}
}

// TestBackgroundCheckFindsIndexDamage: the window process's check
// (WithCheckLater, StartCheck) is the full check: it finds index damage
// that quick_check would not, and repairs it before the writes that wait
// for it go on.
func TestBackgroundCheckFindsIndexDamage(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "matchday.db")
	s := openJournal(t, path)
	var uuids []string
	for i := range 200 {
		w, err := s.AddWin(ctx, NewDay(2026, 1, 1+i%28), NewWin{Text: "a win with some text " + itoa(i)})
		if err != nil {
			t.Fatal(err)
		}
		uuids = append(uuids, w.UUID)
	}
	s.Close()
	flipUUIDInIndex(t, path, "wins_live_day", uuids)
	var quick string
	if db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro"); err == nil {
		db.QueryRow("PRAGMA quick_check").Scan(&quick)
		db.Close()
	}
	if quick != "ok" {
		t.Fatalf("quick_check says %q; the damage should be one only the full check sees", quick)
	}
	s, err := Open(path, WithCheckLater())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// A save before the check starts it, and waits for the check and the
	// repair.
	if _, err := s.AddWin(ctx, Day{}, NewWin{Text: "during the check"}); err != nil {
		t.Errorf("a save waiting for the check and the repair: %v", err)
	}
	<-s.Checked()
	if err := s.CheckErr(); err != nil {
		t.Fatalf("CheckErr = %v, want nil: the damage is repaired", err)
	}
	rr, ok := s.Repaired()
	if !ok || !rr.Before.Repairable() || !rr.After.OK() || rr.Aside == "" {
		t.Fatalf("Repaired = %+v, %t; want the index damage repaired and a copy set aside", rr, ok)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

// TestOpenMigratesAnEmptyDatabase: an SQLite file with no schema yet (made
// by the sqlite3 shell, say) is checked and migrated like a new journal.
func TestOpenMigratesAnEmptyDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "matchday.db")
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA application_id = 0"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		t.Fatalf("no empty database to open: %v", err)
	}
	s := openJournal(t, path)
	if _, err := s.AddWin(context.Background(), Day{}, NewWin{Text: "Erster Sieg"}); err != nil {
		t.Fatal(err)
	}
}
