package data

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// fullDisk is a place for a journal whose disk can be filled and freed.
type fullDisk struct {
	name string
	// setup returns the folder for the journal; fill is called with the
	// open store and makes further growth fail; free, called after that
	// store is closed, undoes it.
	setup func(t *testing.T) (dir string, fill, free func(t *testing.T, s *Store))
}

// tmpfsDisk is a real 1 MB filesystem (a tmpfs, so mounting needs root),
// filled with a file until the system says "no space left". The journal's
// write-ahead log is never checkpointed on the full disk, so after the space
// is freed it must still hold the schema (every migration's) and the saves
// that follow; freeing it gives back only what the filler took, and every
// save also writes the career total's page.
var tmpfsDisk = fullDisk{"1 MB tmpfs", func(t *testing.T) (string, func(*testing.T, *Store), func(*testing.T, *Store)) {
	dir := t.TempDir()
	if err := run(t, "mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := run(t, "umount", dir); err != nil {
			t.Error(err)
		}
	})
	filler := filepath.Join(dir, "filler")
	fill := func(t *testing.T, _ *Store) {
		f, err := os.Create(filler)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		block := make([]byte, 1024)
		for {
			if _, err := f.Write(block); err != nil {
				if !errors.Is(err, syscall.ENOSPC) {
					t.Fatal(err)
				}
				return
			}
		}
	}
	free := func(t *testing.T, _ *Store) {
		if err := os.Remove(filler); err != nil {
			t.Fatal(err)
		}
	}
	return dir, fill, free
}}

// pageLimitDisk needs no privileges: SQLite's max_page_count caps the
// journal at its current size, and SQLite then fails a growing save with
// the same SQLITE_FULL ("database or disk is full") a full disk gives. The
// store is held to one connection so the per-connection pragma covers all.
var pageLimitDisk = fullDisk{"max_page_count", func(t *testing.T) (string, func(*testing.T, *Store), func(*testing.T, *Store)) {
	fill := func(t *testing.T, s *Store) {
		s.db.SetMaxOpenConns(1)
		var pages int
		if err := s.db.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages)); err != nil {
			t.Fatal(err)
		}
	}
	// The limit is per connection and went with the closed store.
	free := func(*testing.T, *Store) {}
	return t.TempDir(), fill, free
}}

// TestDiskFull fills the disk under an open journal: a save that does not
// fit fails with an error for which IsDiskFull is true, what was saved
// stays readable and intact, and the same save succeeds once space is
// freed. The tmpfs runs when the test runs as root (as in CI); the
// max_page_count stand-in runs always.
func TestDiskFull(t *testing.T) {
	disks := []fullDisk{pageLimitDisk}
	if os.Geteuid() == 0 {
		disks = append(disks, tmpfsDisk)
	}
	for _, disk := range disks {
		t.Run(disk.name, func(t *testing.T) {
			dir, fill, free := disk.setup(t)
			path := filepath.Join(dir, "matchday.db")
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer func() { s.Close() }()
			ctx := context.Background()
			saved := written{wins: map[string]string{}, evenings: map[Day]string{}, mornings: map[Day]string{}}
			addWin := func(text string) error {
				w, err := s.AddWin(ctx, Day{}, NewWin{Text: text})
				if err == nil {
					saved.wins[w.UUID] = w.Text
				}
				return err
			}
			saveEvening := func(day Day, text string) error {
				_, err := s.SaveEveningDraft(ctx, day, EveningAnswers{WentWell: text, RepeatHow: strings.Repeat("Nachfassen. ", 800)})
				if err == nil {
					saved.evenings[day] = text
				}
				return err
			}
			for i := range 5 {
				if err := addWin(fmt.Sprintf("Vor dem Füllen %d", i)); err != nil {
					t.Fatal(err)
				}
			}
			first := NewDay(2026, 11, 1)
			if err := saveEvening(first, "Vor dem Füllen"); err != nil {
				t.Fatal(err)
			}

			fill(t, s)
			long := strings.Repeat("ü", MaxWin-10)
			var failedWin string
			for i := 0; i < 2000 && failedWin == ""; i++ {
				text := fmt.Sprintf("%04d %s", i, long)
				if err := addWin(text); err != nil {
					if !IsDiskFull(err) {
						t.Fatalf("AddWin on a full disk: %v, want a disk-full error", err)
					}
					failedWin = text
				}
			}
			if failedWin == "" {
				t.Fatal("every AddWin fitted; the disk never filled")
			}
			var failedDay Day
			for i := 1; i < 200 && failedDay.IsZero(); i++ {
				if err := saveEvening(first.AddDays(i), "Während voll"); err != nil {
					if !IsDiskFull(err) {
						t.Fatalf("SaveEveningDraft on a full disk: %v, want a disk-full error", err)
					}
					failedDay = first.AddDays(i)
				}
			}
			if failedDay.IsZero() {
				t.Fatal("every SaveEveningDraft fitted; the disk never filled")
			}
			// Still full: what is saved reads back, and survives a quit
			// whose checkpoint cannot grow the file.
			saved.check(t, s)
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			free(t, s)
			if s, err = Open(path); err != nil {
				t.Fatal(err)
			}
			saved.check(t, s)

			if err := addWin(failedWin); err != nil {
				t.Fatalf("AddWin after freeing space: %v", err)
			}
			if err := saveEvening(failedDay, "Während voll"); err != nil {
				t.Fatalf("SaveEveningDraft after freeing space: %v", err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if s, err = Open(path); err != nil {
				t.Fatal(err)
			}
			if err := s.IntegrityCheck(ctx); err != nil {
				t.Fatal(err)
			}
			saved.check(t, s)
			today, err := s.Today(ctx)
			if err != nil {
				t.Fatal(err)
			}
			wins, err := s.WinsOn(ctx, today)
			if err != nil {
				t.Fatal(err)
			}
			if len(wins) != len(saved.wins) {
				t.Errorf("%d wins stored, %d confirmed: a failed save left a row behind", len(wins), len(saved.wins))
			}
			t.Logf("%d wins and %d evenings saved; the failed ones saved on retry", len(saved.wins), len(saved.evenings))
		})
	}
}
