package data

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

func TestIntegrityCheck(t *testing.T) {
	ctx := context.Background()
	t.Run("sound journal", func(t *testing.T) {
		s, err := Open(filepath.Join(t.TempDir(), "j.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.AddWin(ctx, Day{}, NewWin{Text: "Signed the 800 EUR course"}); err != nil {
			t.Fatal(err)
		}
		if err := s.IntegrityCheck(ctx); err != nil {
			t.Fatalf("IntegrityCheck = %v, want nil", err)
		}
	})
	t.Run("damaged index", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "j.db")
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 200; i++ {
			if _, err := s.AddWin(ctx, NewDay(2026, 1, 1+i%28), NewWin{Text: "a win with some text to fill pages"}); err != nil {
				t.Fatal(err)
			}
		}
		// Redefine the index's column order behind SQLite's back: table and
		// index now disagree, which only the full check notices.
		if _, err := s.db.Exec(`PRAGMA writable_schema = ON`); err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.Exec(`UPDATE sqlite_schema SET sql = replace(sql, 'day, created_at', 'created_at, day') WHERE name = 'wins_day'`); err != nil {
			t.Fatal(err)
		}
		s.Close()
		s2, err := Open(path)
		if err != nil {
			// Open's quick_check may already refuse it; that is fine too.
			t.Logf("refused at open: %v", err)
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Open = %v, want nil or ErrCorrupt", err)
			}
			return
		}
		defer s2.Close()
		err = s2.IntegrityCheck(ctx)
		if !errors.Is(err, ErrCorrupt) {
			t.Fatalf("IntegrityCheck = %v, want ErrCorrupt", err)
		}
	})
}
