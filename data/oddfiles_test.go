package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// fileDigest is a file's SHA-256, or "absent".
func fileDigest(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return "absent"
	}
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", sha256.Sum256(b))
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// assertUntouched checks that the journal's bytes are still want, and that
// no -wal with content was left beside it, which SQLite would fold into
// the file on the next open.
func assertUntouched(t *testing.T, path, want string) {
	t.Helper()
	if got := fileDigest(t, path); got != want {
		t.Errorf("%s changed: sha256 %s, was %s", filepath.Base(path), got, want)
	}
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		t.Errorf("a -wal with %d bytes was left beside %s", fi.Size(), filepath.Base(path))
	}
}

// assertNoSidecars checks that SQLite never opened the file: no -wal, no -shm.
func assertNoSidecars(t *testing.T, path string) {
	t.Helper()
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + suffix); err == nil {
			t.Errorf("%s%s was created", filepath.Base(path), suffix)
		}
	}
}

// foreignDB writes an SQLite file with database/sql directly, as another
// program or a newer Matchday would, in rollback-journal mode.
func foreignDB(t *testing.T, path string, appID, userVersion int, schema string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stmts := fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = %d; %s", appID, userVersion, schema)
	if _, err := db.Exec(stmts); err != nil {
		t.Fatal(err)
	}
}

// TestOpenRefusesOddFiles opens files that are not a journal this version
// may write: each is refused with the right error, before SQLite touches
// it, and its bytes stay as they were.
func TestOpenRefusesOddFiles(t *testing.T) {
	tests := []struct {
		name  string
		write func(t *testing.T, path string)
		want  error
	}{
		{"text file", func(t *testing.T, path string) {
			writeFile(t, path, []byte(strings.Repeat("Einkaufsliste: Milch, Brot, Käse\n", 200)))
		}, ErrNotJournal},
		{"cut-off SQLite header", func(t *testing.T, path string) {
			writeFile(t, path, []byte("SQLite format 3\x00\x10\x00"))
		}, ErrNotJournal},
		{"newer schema", func(t *testing.T, path string) {
			foreignDB(t, path, ApplicationID, SchemaVersion()+1, "CREATE TABLE wins (uuid TEXT PRIMARY KEY, text TEXT, sync_id TEXT);")
		}, ErrNewerSchema},
		{"another program's database", func(t *testing.T, path string) {
			foreignDB(t, path, 0x46697265, 3, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);")
		}, ErrNotJournal},
		{"database without any marks", func(t *testing.T, path string) {
			foreignDB(t, path, 0, 0, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me');")
		}, ErrNotJournal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "matchday.db")
			tt.write(t, path)
			before := fileDigest(t, path)
			s, err := Open(path)
			if err == nil {
				s.Close()
				t.Fatal("Open accepted the file")
			}
			var oe *OpenError
			if !errors.As(err, &oe) || !errors.Is(err, tt.want) {
				t.Fatalf("Open: %v, want an *OpenError with %v", err, tt.want)
			}
			assertUntouched(t, path, before)
			assertNoSidecars(t, path)
		})
	}
}

// journalWithWins writes a closed journal holding n wins and one evening.
func journalWithWins(t *testing.T, path string, n int) {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i := range n {
		if _, err := s.AddWin(ctx, Day{}, NewWin{Text: fmt.Sprintf("Kunde %d hat wieder gebucht", i), Client: "Müller GmbH"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.CelebrateEvening(ctx, NewDay(2026, 11, 26), EveningAnswers{WentWell: "Zugehört", RepeatHow: "Wieder fragen"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// winsLeaf returns the file offset and size of a leaf page of the wins
// table, found by walking its b-tree from the root page named in
// sqlite_schema.
func winsLeaf(t *testing.T, path string) (offset, size int64) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var root int64
	err = db.QueryRow("SELECT rootpage FROM sqlite_schema WHERE name = 'wins'").Scan(&root)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	size = int64(binary.BigEndian.Uint16(b[16:18]))
	page := root
	for {
		off := (page - 1) * size
		switch b[off] {
		case 0x0a, 0x0d: // index or table leaf
			return off, size
		case 0x02, 0x05: // interior: follow the right-most child
			page = int64(binary.BigEndian.Uint32(b[off+8 : off+12]))
		default:
			t.Fatalf("page %d of wins has type %#x", page, b[off])
		}
	}
}

// TestCheckFindsDamagedRecords flips bytes in the b-tree structure of a
// data page of the wins: Open reads no data page, so it either opens the
// journal or (when the page is the one its cheap checks read) refuses it as
// damaged; the full check then finds damage in the records, saves are
// refused, Open refuses the journal from then on, and the file is left as
// it was.
func TestCheckFindsDamagedRecords(t *testing.T) {
	tests := []struct {
		name string
		at   func(page []byte) []int // offsets within the page to flip
	}{
		{"page type", func([]byte) []int { return []int{0} }},
		{"cell count", func([]byte) []int { return []int{3, 4} }},
		{"cell content start", func([]byte) []int { return []int{5, 6} }},
		{"cell pointers", func([]byte) []int { return []int{8, 9, 10, 11, 12, 13} }},
		{"first cell's header", func(p []byte) []int {
			c := int(binary.BigEndian.Uint16(p[8:10]))
			return []int{c, c + 1, c + 2}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "matchday.db")
			journalWithWins(t, path, 300)
			off, size := winsLeaf(t, path)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, i := range tt.at(b[off : off+size]) {
				b[off+int64(i)] ^= 0xa5
			}
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
			before := fileDigest(t, path)
			ctx := context.Background()
			s, err := Open(path)
			if err == nil {
				res, cerr := s.Check(ctx)
				if cerr != nil || res.Damage != RecordDamage {
					t.Errorf("Check = %+v, %v; want record damage", res, cerr)
				}
				if _, err := s.AddWin(ctx, Day{}, NewWin{Text: "must not be written"}); !errors.Is(err, ErrCorrupt) {
					t.Errorf("a save after the check: %v, want ErrCorrupt", err)
				}
				s.Close()
				_, err = Open(path)
			}
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Open: %v, want ErrCorrupt", err)
			}
			assertUntouched(t, path, before)
		})
	}
}

// TestOpenFolderCannotBeCreated puts the journal under a regular file: Open
// fails saying so, and the file is left alone.
func TestOpenFolderCannotBeCreated(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "Dokumente")
	if err := os.WriteFile(blocker, []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := fileDigest(t, blocker)
	s, err := Open(filepath.Join(blocker, "matchday", "matchday.db"))
	if err == nil {
		s.Close()
		t.Fatal("Open succeeded under a regular file")
	}
	if !errors.Is(err, syscall.ENOTDIR) || !strings.Contains(err.Error(), "data folder") {
		t.Errorf("Open: %v, want ENOTDIR about the data folder", err)
	}
	if got := fileDigest(t, blocker); got != before {
		t.Errorf("the file in the way changed")
	}
}

// run runs a system command the test needs (mount, chattr).
func run(t *testing.T, name string, args ...string) error {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %v: %s", name, strings.Join(args, " "), err, out)
	}
	return nil
}

// makeReadOnly makes path unwritable for this process, and writable again
// at the end of the test. Root ignores permission bits, so as root it uses
// what stops root too: an immutable file (chattr +i) or a read-only bind
// mount.
func makeReadOnly(t *testing.T, path string, isDir bool) {
	t.Helper()
	if os.Geteuid() != 0 {
		mode := os.FileMode(0o444)
		if isDir {
			mode = 0o555
		}
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(path, mode|0o200) })
		return
	}
	if !isDir && run(t, "chattr", "+i", path) == nil {
		t.Cleanup(func() { run(t, "chattr", "-i", path) })
		return
	}
	if err := run(t, "mount", "--bind", path, path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := run(t, "umount", path); err != nil {
			t.Error(err)
		}
	})
	if err := run(t, "mount", "-o", "remount,bind,ro", path); err != nil {
		t.Fatal(err)
	}
}

// TestOpenReadOnlyJournal opens a journal that cannot be written: it opens
// read-only and shows its data, every save fails with an error for which
// IsReadOnly is true, and the file is unchanged.
func TestOpenReadOnlyJournal(t *testing.T) {
	for _, what := range []string{"file", "folder"} {
		t.Run(what, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "matchday")
			path := filepath.Join(dir, "matchday.db")
			journalWithWins(t, path, 3)
			before := fileDigest(t, path)
			if what == "file" {
				makeReadOnly(t, path, false)
			} else {
				makeReadOnly(t, dir, true)
			}

			s, err := Open(path)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			if !s.ReadOnly() {
				t.Error("ReadOnly() is false")
			}
			ctx := context.Background()
			today, err := s.Today(ctx)
			if err != nil {
				t.Fatal(err)
			}
			v, err := s.DayView(ctx, today)
			if err != nil {
				t.Fatal(err)
			}
			if len(v.Wins) != 3 || v.Wins[0].Client != "Müller GmbH" {
				t.Errorf("read %d wins (%+v), want the 3 saved", len(v.Wins), v.Wins)
			}
			if e, err := s.Evening(ctx, NewDay(2026, 11, 26)); err != nil || e.WentWell != "Zugehört" {
				t.Errorf("evening: %+v, %v", e, err)
			}
			if err := s.IntegrityCheck(ctx); err != nil {
				t.Error(err)
			}

			_, err = s.AddWin(ctx, Day{}, NewWin{Text: "Neuer Kunde"})
			if !IsReadOnly(err) {
				t.Errorf("AddWin: %v, want a read-only error", err)
			}
			_, err = s.SaveEveningDraft(ctx, today, EveningAnswers{WentWell: "Entwurf"})
			if !IsReadOnly(err) {
				t.Errorf("SaveEveningDraft: %v, want a read-only error", err)
			}
			if err := s.SaveSettings(ctx, DefaultSettings()); !IsReadOnly(err) {
				t.Errorf("SaveSettings: %v, want a read-only error", err)
			}
			if err := s.Close(); err != nil {
				t.Error(err)
			}
			assertUntouched(t, path, before)
		})
	}
}

var corruptEvery = flag.Int("corrupt.every", 61, "TestDamagedPageSweep flips every n-th byte of a data page (1 for all)")

// TestDamagedPageSweep flips single bytes across a data page of the wins
// table, one copy of the journal each. SQLite keeps no checksums, so a flip
// inside a win's text is not damage it can see; what the test holds is that
// every flip is either refused as damaged (by Open's cheap checks or the
// full check) or read back without an error other than ErrCorrupt, and
// that no file is ever changed. It logs how many flips were caught.
func TestDamagedPageSweep(t *testing.T) {
	dir := t.TempDir()
	pristine := filepath.Join(dir, "pristine.db")
	journalWithWins(t, pristine, 300)
	off, size := winsLeaf(t, pristine)
	orig, err := os.ReadFile(pristine)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var refused, caughtByCheck, readError, textChanged, same int
	for i := int64(0); i < size; i += int64(*corruptEvery) {
		path := filepath.Join(dir, fmt.Sprintf("flip%d.db", i))
		b := append([]byte(nil), orig...)
		b[off+i] ^= 0xff
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		before := fileDigest(t, path)
		s, err := Open(path)
		switch {
		case errors.Is(err, ErrCorrupt):
			refused++
		case err != nil:
			t.Errorf("byte %d: Open: %v, want ErrCorrupt or success", i, err)
		default:
			today, _ := s.Today(ctx)
			wins, err := s.WinsOn(ctx, today)
			switch {
			case err != nil:
				readError++ // SQLite's "malformed", or a field no longer parses
			case len(wins) != 300:
				textChanged++
			default:
				changed := false
				for _, w := range wins {
					changed = changed || !strings.HasPrefix(w.Text, "Kunde ") || w.Client != "Müller GmbH"
				}
				if changed {
					textChanged++
				} else {
					same++
				}
			}
			if res, err := s.Check(ctx); err != nil {
				t.Errorf("byte %d: Check: %v", i, err)
			} else if !res.OK() {
				caughtByCheck++
			}
			s.Close()
		}
		assertUntouched(t, path, before)
		os.Remove(path)
	}
	t.Logf("%d flips in a %d-byte leaf page: %d refused by Open; of the rest, the full check caught %d; reading them gave %d errors, %d changed wins, %d unchanged",
		(size+int64(*corruptEvery)-1)/int64(*corruptEvery), size, refused, caughtByCheck, readError, textChanged, same)
	if refused+caughtByCheck == 0 {
		t.Error("neither Open nor the check caught any of the flips")
	}
}

// TestOpenReadOnlyWithLeftoverWAL opens a read-only folder holding a -wal
// that a crash left behind. With its -shm also left, SQLite reads the
// journal including the -wal's saves; without it, SQLite cannot read the
// -wal there, and Open fails with a read-only error rather than show the
// journal without its newest saves. Either way the journal and its -wal
// stay as they were.
func TestOpenReadOnlyWithLeftoverWAL(t *testing.T) {
	for _, shmLeft := range []bool{true, false} {
		t.Run(map[bool]string{true: "with -shm", false: "without -shm"}[shmLeft], func(t *testing.T) {
			ctx := context.Background()
			src := filepath.Join(t.TempDir(), "matchday.db")
			s := openJournal(t, src)
			if _, err := s.AddWin(ctx, Day{}, NewWin{Text: "Nur im WAL"}); err != nil {
				t.Fatal(err)
			}
			// Copy the files while the store is open, as a crash leaves them.
			dir := filepath.Join(t.TempDir(), "matchday")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "matchday.db")
			suffixes := []string{"", "-wal"}
			if shmLeft {
				suffixes = append(suffixes, "-shm")
			}
			before := map[string]string{}
			for _, x := range suffixes {
				b, err := os.ReadFile(src + x)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path+x, b, 0o644); err != nil {
					t.Fatal(err)
				}
				before[x] = fileDigest(t, path+x)
			}
			if walSize(t, path) == 0 {
				t.Fatal("no -wal content to leave behind")
			}
			makeReadOnly(t, dir, true)

			ro, err := Open(path)
			if shmLeft {
				if err != nil {
					t.Fatalf("Open: %v", err)
				}
				today, err := ro.Today(ctx)
				if err != nil {
					t.Fatal(err)
				}
				wins, err := ro.WinsOn(ctx, today)
				if err != nil || len(wins) != 1 || wins[0].Text != "Nur im WAL" {
					t.Errorf("read %+v, %v; want the win from the -wal", wins, err)
				}
				ro.Close()
			} else if err == nil || !IsReadOnly(err) {
				if err == nil {
					ro.Close()
				}
				t.Fatalf("Open: %v, want a read-only error", err)
			}
			// The -shm is SQLite's scratch index, which readers may update
			// where they can; the journal and its -wal must stay.
			for _, x := range []string{"", "-wal"} {
				if got := fileDigest(t, path+x); got != before[x] {
					t.Errorf("matchday.db%s changed", x)
				}
			}
		})
	}
}

// TestOpenNewJournalInReadOnlyFolder has no journal yet in a folder that
// cannot be written: Open fails with a read-only error and creates nothing.
func TestOpenNewJournalInReadOnlyFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "matchday")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	makeReadOnly(t, dir, true)
	s, err := Open(filepath.Join(dir, "matchday.db"))
	if err == nil {
		s.Close()
		t.Fatal("Open created a journal in a read-only folder")
	}
	if !IsReadOnly(err) {
		t.Errorf("Open: %v, want a read-only error", err)
	}
	if entries, err := os.ReadDir(dir); err != nil || len(entries) != 0 {
		t.Errorf("the folder holds %v, %v; want nothing", entries, err)
	}
}
