package data

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// walSize is the size of the journal's -wal file, 0 when there is none.
func walSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path + "-wal")
	if os.IsNotExist(err) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// TestCloseLeavesNoWAL checks that a clean quit folds the write-ahead log
// into the journal: after Close the -wal file is gone or empty, also while
// another process (the agent) still has the journal open, when SQLite's own
// last-connection checkpoint does not run.
func TestCloseLeavesNoWAL(t *testing.T) {
	ctx := context.Background()
	for _, others := range []int{0, 1} {
		t.Run([]string{"alone", "agent still open"}[others], func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "matchday.db")
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			if others > 0 {
				agent := openJournal(t, path)
				if _, err := agent.AddWin(ctx, Day{}, NewWin{Text: "Vom Agenten"}); err != nil {
					t.Fatal(err)
				}
			}
			for _, text := range []string{"Angebot angenommen", "Kundin kam wieder 🎉"} {
				if _, err := s.AddWin(ctx, Day{}, NewWin{Text: text}); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := s.SaveEveningDraft(ctx, NewDay(2026, 11, 29), EveningAnswers{WentWell: "Zugehört"}); err != nil {
				t.Fatal(err)
			}
			if walSize(t, path) == 0 {
				t.Fatal("the saves left no -wal content to fold in; the test proves nothing")
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if n := walSize(t, path); n != 0 {
				t.Errorf("after Close the -wal holds %d bytes, want none", n)
			}
			// The journal file alone holds everything: a copy of it without
			// its -wal has every save.
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			copied := filepath.Join(t.TempDir(), "copy.db")
			if err := os.WriteFile(copied, b, 0o600); err != nil {
				t.Fatal(err)
			}
			s = openJournal(t, copied)
			today, err := s.Today(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if c, err := s.WinCounts(ctx, today); err != nil || c.Today != 2+others {
				t.Errorf("counts %+v, %v; want %d wins today", c, err, 2+others)
			}
		})
	}
}
