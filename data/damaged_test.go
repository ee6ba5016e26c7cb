package data

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestReplaceDamaged: a journal damaged after a backup is found damaged by
// the check, and then refused by Open; ReplaceDamaged sets it aside byte
// for byte and puts the newest backup in its place, which opens with the
// backed-up wins.
func TestReplaceDamaged(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "matchday.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i := 0; i < 300; i++ {
		if _, err := s.AddWin(ctx, NewDay(2026, 1, 1+i%28), NewWin{Text: "Backed-up win, long enough to fill pages " + itoa(i)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.BackupNow(ctx); err != nil {
		t.Fatal(err)
	}
	s.Close()
	damage(t, path)
	damaged, _ := os.ReadFile(path)
	s, err = Open(path)
	if err != nil {
		t.Fatalf("Open of the damaged journal: %v (Open reads no data page)", err)
	}
	if err := s.IntegrityCheck(ctx); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("the check of the damaged journal: %v", err)
	}
	s.Close()
	if _, err := Open(path); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Open of the journal found damaged: %v", err)
	}
	backups, err := BackupsOf(path)
	if err != nil || len(backups) != 1 {
		t.Fatalf("backups of the damaged journal: %+v %v", backups, err)
	}
	aside, err := ReplaceDamaged(ctx, path, backups[0].Path, time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if kept, _ := os.ReadFile(aside); !bytes.Equal(kept, damaged) {
		t.Error("the damaged journal was not kept byte for byte")
	}
	s, err = Open(path)
	if err != nil {
		t.Fatalf("Open after the restore: %v", err)
	}
	defer s.Close()
	if c, _ := s.WinCounts(ctx, NewDay(2026, 1, 28)); c.Career != 300 {
		t.Errorf("career after the restore = %d, want 300", c.Career)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

// TestReplaceDamagedRefusesADamagedBackup leaves everything as it was.
func TestReplaceDamagedRefusesADamagedBackup(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "matchday.db")
	os.WriteFile(path, []byte("damaged journal"), 0o600)
	bad := filepath.Join(dir, "backups", "manual-20261129-090000.db")
	os.MkdirAll(filepath.Dir(bad), 0o700)
	os.WriteFile(bad, []byte("not a database either"), 0o600)
	if _, err := ReplaceDamaged(context.Background(), path, bad, time.Now()); err == nil {
		t.Fatal("restored from a damaged backup")
	}
	if b, _ := os.ReadFile(path); string(b) != "damaged journal" {
		t.Error("the journal changed")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("left files behind: %v", entries)
	}
}

// damage flips the page type of a wins leaf page, which quick_check finds.
func damage(t *testing.T, path string) {
	t.Helper()
	off, _ := winsLeaf(t, path)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[off] ^= 0xa5
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestCheckLater: with the check left for later, Open returns at once even
// for a damaged journal, but the first write starts the check and waits for
// it, and so does every other: nothing is written to a damaged journal. A
// sound journal takes writes as usual.
func TestCheckLater(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "matchday.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 300; i++ {
		if _, err := s.AddWin(ctx, NewDay(2026, 1, 1+i%28), NewWin{Text: "A win long enough to fill pages " + itoa(i)}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	sound, err := Open(path, WithCheckLater())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sound.AddWin(ctx, Day{}, NewWin{Text: "after the check"}); err != nil {
		t.Errorf("a write to a sound journal: %v", err)
	}
	<-sound.Checked()
	if err := sound.CheckErr(); err != nil {
		t.Errorf("a sound journal's check: %v", err)
	}
	sound.Close()

	damage(t, path)
	before, _ := os.ReadFile(path)
	s, err = Open(path, WithCheckLater())
	if err != nil {
		t.Fatalf("Open with the check left for later: %v", err)
	}
	if _, err := s.AddWin(ctx, Day{}, NewWin{Text: "must not be written"}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("a write to the damaged journal: %v, want ErrCorrupt", err)
	}
	if _, err := s.SaveEveningDraft(ctx, NewDay(2026, 1, 2), EveningAnswers{WentWell: "x"}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("a draft to the damaged journal: %v", err)
	}
	<-s.Checked()
	var oe *OpenError
	if err := s.CheckErr(); !errors.As(err, &oe) || !errors.Is(err, ErrCorrupt) {
		t.Errorf("CheckErr = %v", err)
	}
	s.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the damaged journal changed")
	}
}
