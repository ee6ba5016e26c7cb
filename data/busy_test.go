package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// TestSaveBlockedByAnotherProgramSaysBusy: another connection (another
// process) holds the write lock and does not let go. Every kind of write —
// a win, an evening draft, an import and a restore, which go through the
// same write path — gives up within its deadline with ErrBusy, having
// written nothing, instead of waiting a minute or failing with SQLite's
// "database is locked". The context's 5 s deadline is the limit: a write
// that waited longer would end with context.DeadlineExceeded instead.
func TestSaveBlockedByAnotherProgramSaysBusy(t *testing.T) {
	export := bytes.NewBuffer(marshalJournal(t, syntheticJournal(30)))
	tests := []struct {
		name  string
		write func(ctx context.Context, s *Store, backup string) error
	}{
		{"win", func(ctx context.Context, s *Store, _ string) error {
			_, err := s.AddWin(ctx, Day{}, NewWin{Text: "Blockiert"})
			return err
		}},
		{"evening draft", func(ctx context.Context, s *Store, _ string) error {
			_, err := s.SaveEveningDraft(ctx, NewDay(2026, 11, 26), EveningAnswers{WentWell: "Blockiert"})
			return err
		}},
		{"import", func(ctx context.Context, s *Store, _ string) error {
			_, err := s.Import(ctx, bytes.NewReader(export.Bytes()))
			return err
		}},
		{"restore", func(ctx context.Context, s *Store, backup string) error {
			_, err := s.Restore(ctx, backup)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "matchday.db")
			s := openJournal(t, path)
			ctx := context.Background()
			if _, err := s.AddWin(ctx, Day{}, NewWin{Text: "Schon da"}); err != nil {
				t.Fatal(err)
			}
			backup, err := s.BackupNow(ctx)
			if err != nil {
				t.Fatal(err)
			}
			other, err := sql.Open("sqlite3", dsn(path, readWrite))
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			holder, err := other.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer holder.Close()
			if _, err := holder.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
				t.Fatal(err)
			}
			defer holder.ExecContext(ctx, "ROLLBACK")

			limited, cancel := context.WithTimeout(ctx, 5*time.Second)
			defer cancel()
			err = tt.write(limited, s, backup)
			if !errors.Is(err, ErrBusy) {
				t.Fatalf("%s while another program holds the write lock: %v, want ErrBusy", tt.name, err)
			}
			var n int
			if err := s.db.QueryRow("SELECT (SELECT count(*) FROM wins) + (SELECT count(*) FROM evenings)").Scan(&n); err != nil || n != 1 {
				t.Errorf("after the refused write the journal holds %d records (%v), want the 1 from before", n, err)
			}
		})
	}
}
