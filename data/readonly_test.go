package data

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// folderState is every file in dir with its SHA-256: what a read must
// leave exactly as it was.
func folderState(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return "absent"
	}
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range entries {
		lines = append(lines, e.Name()+" "+fileDigest(t, filepath.Join(dir, e.Name())))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// readAll does what `today`, `stats` and `export` do, and returns today's
// number of wins and the career count.
func readAll(t *testing.T, s *Store) (today, career int) {
	t.Helper()
	ctx := context.Background()
	day, err := s.Today(ctx)
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.DayView(ctx, day)
	if err != nil {
		t.Fatal(err)
	}
	o, err := s.Overview(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if o.Counts != v.Counts {
		t.Errorf("overview %+v, day view %+v", o.Counts, v.Counts)
	}
	var buf bytes.Buffer
	if err := s.ExportJSON(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	if err := s.ExportMarkdown(ctx, &buf, EnglishMarkdownLabels()); err != nil {
		t.Fatal(err)
	}
	if err := s.ExportCSV(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddWin(ctx, Day{}, NewWin{Text: "Must not be saved"}); !IsReadOnly(err) {
		t.Errorf("AddWin on a read-only journal: %v, want a read-only error", err)
	}
	return v.Counts.Today, o.Counts.Career
}

// TestOpenReadOnlyChangesNoFile is issue 14's "read commands write": a
// read-only open of every kind of file reads it and leaves every byte of
// the folder as it was: no file made, none changed, no -wal or -shm.
func TestOpenReadOnlyChangesNoFile(t *testing.T) {
	clock := &portClock{portNow(t)}
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, path string)
		wins  int // the career count read
	}{
		{"zero-byte file", func(t *testing.T, path string) { writeFile(t, path, nil) }, 0},
		{"closed journal", func(t *testing.T, path string) {
			s, err := Open(path, WithClock(clock.now))
			if err != nil {
				t.Fatal(err)
			}
			addTexts(t, s, clock, 3, "Closed")
			s.Close()
		}, 3},
		{"journal with a -wal left by a crash", func(t *testing.T, path string) {
			src := filepath.Join(t.TempDir(), "live.db")
			s, err := Open(src, WithClock(clock.now))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			addTexts(t, s, clock, 4, "Crashed")
			// The files as a crash leaves them: the saves in the -wal, no -shm.
			for _, suffix := range []string{"", "-wal"} {
				if err := copyFile(src+suffix, path+suffix); err != nil {
					t.Fatal(err)
				}
			}
			if !walLeft(path) {
				t.Fatal("no -wal to read")
			}
		}, 4},
		{"journal of an older schema", func(t *testing.T, path string) {
			db := journalAtVersion(t, path, tombstoneMigration(t))
			if _, err := db.Exec(`INSERT INTO wins (uuid, day, text, created_at, updated_at) VALUES
				('w1', '2026-11-26', 'Old schema', '2026-11-26T10:00:00.000000000Z', '2026-11-26T10:00:00.000000000Z')`); err != nil {
				t.Fatal(err)
			}
			db.Close()
		}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "journal")
			if err := os.Mkdir(dir, 0o700); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "matchday.db")
			tc.setup(t, path)
			before := folderState(t, dir)

			s, err := OpenReadOnly(path, WithClock(clock.now))
			if err != nil {
				t.Fatal(err)
			}
			if !s.ReadOnly() {
				t.Error("ReadOnly() is false")
			}
			if _, career := readAll(t, s); career != tc.wins {
				t.Errorf("read %d wins, want %d", career, tc.wins)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if after := folderState(t, dir); after != before {
				t.Errorf("the folder changed:\nbefore:\n%s\nafter:\n%s", before, after)
			}
			if s.privateCopy != "" {
				t.Errorf("the private copy %s is left", s.privateCopy)
			}
		})
	}
}

// TestOpenReadOnlyMissingFile: no file reads as an empty journal, and
// nothing is made, not even the folder.
func TestOpenReadOnlyMissingFile(t *testing.T) {
	clock := &portClock{portNow(t)}
	dir := filepath.Join(t.TempDir(), "nowhere")
	s, err := OpenReadOnly(filepath.Join(dir, "matchday.db"), WithClock(clock.now))
	if err != nil {
		t.Fatal(err)
	}
	if today, career := readAll(t, s); today+career != 0 {
		t.Errorf("read %d and %d wins from no file", today, career)
	}
	s.Close()
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the folder was made: %v", err)
	}
}

// TestOpenReadOnlyWhileWritten: a journal the app has open is read with
// its latest saves (still in the -wal), and the read adds no file.
func TestOpenReadOnlyWhileWritten(t *testing.T) {
	clock := &portClock{portNow(t)}
	dir := t.TempDir()
	path := filepath.Join(dir, "matchday.db")
	w, err := Open(path, WithClock(clock.now))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	addTexts(t, w, clock, 2, "Written")
	names := func() string {
		entries, _ := os.ReadDir(dir)
		var n []string
		for _, e := range entries {
			n = append(n, e.Name())
		}
		return strings.Join(n, " ")
	}
	files := names()
	s, err := OpenReadOnly(path, WithClock(clock.now))
	if err != nil {
		t.Fatal(err)
	}
	if today, _ := readAll(t, s); today != 2 {
		t.Errorf("read %d wins, want the 2 saved", today)
	}
	addTexts(t, w, clock, 1, "Later")
	if v, _ := s.DayView(context.Background(), NewDay(2026, 11, 26)); len(v.Wins) != 3 {
		t.Errorf("a later save is not seen: %d wins", len(v.Wins))
	}
	s.Close()
	if names() != files {
		t.Errorf("files %q, were %q", names(), files)
	}
}

// TestOpenReadOnlyRefusesOddFiles: what Open refuses, OpenReadOnly refuses
// too, byte for byte untouched.
func TestOpenReadOnlyRefusesOddFiles(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.db")
	writeFile(t, notes, []byte("Meine Notizen\n"))
	newer := filepath.Join(dir, "newer.db")
	makeRawDB(t, newer, SchemaVersion()+1, ApplicationID)
	for path, want := range map[string]error{notes: ErrNotJournal, newer: ErrNewerSchema} {
		before := folderState(t, dir)
		if _, err := OpenReadOnly(path); !errors.Is(err, want) {
			t.Errorf("OpenReadOnly(%s) = %v, want %v", filepath.Base(path), err, want)
		}
		if after := folderState(t, dir); after != before {
			t.Errorf("%s: the folder changed", filepath.Base(path))
		}
	}
}
