package agent

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"matchday/data"
	"matchday/data/datatest"
	"matchday/data/testclock"
)

// damagedJournal writes a journal of 300 wins whose wins table is damaged,
// in WAL mode with a -wal a crash left (a save that does not touch the
// damaged page), or in rollback mode (a backup copied in place by hand).
func damagedJournal(t *testing.T, path string, wal bool) {
	t.Helper()
	ctx := context.Background()
	src := filepath.Join(t.TempDir(), "src.db")
	s, err := data.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 300 {
		if _, err := s.AddWin(ctx, data.NewDay(2026, 11, 1+i%28), data.NewWin{Text: fmt.Sprintf("Kunde %d hat wieder gebucht", i)}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	datatest.DamageRecords(t, src)
	db, err := sql.Open("sqlite3", "file:"+src)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !wal {
		if _, err := db.Exec("PRAGMA journal_mode = DELETE"); err != nil {
			t.Fatal(err)
		}
		db.Close()
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return
	}
	if _, err := db.Exec(`INSERT INTO settings (key, value, updated_at) VALUES ('theme', 'dark', 'now')`); err != nil {
		t.Fatal(err)
	}
	for _, x := range []string{"", "-wal"} { // copied while open, as a crash leaves them
		b, err := os.ReadFile(src + x)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path+x, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if fi, err := os.Stat(path + "-wal"); err != nil || fi.Size() == 0 {
		t.Fatal("no -wal content; the test proves nothing")
	}
}

// logRecorder collects an agent's log lines.
type logRecorder struct {
	mu    sync.Mutex
	lines []string
}

func (l *logRecorder) Logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *logRecorder) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// TestAgentLeavesADamagedJournalUntouched runs the agent on a journal
// damaged in its records, at a time both reminders are due and the daily
// backup too: its first tick checks the journal before any write, so no
// reminder's "last fired" is written, no backup is made, no notification
// is sent, and after more ticks and Close the journal and its -wal keep
// their exact bytes, in WAL mode and in rollback mode.
func TestAgentLeavesADamagedJournalUntouched(t *testing.T) {
	ctx := context.Background()
	for _, wal := range []bool{true, false} {
		t.Run(map[bool]string{true: "wal", false: "rollback"}[wal], func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "matchday.db")
			damagedJournal(t, path, wal)
			before := map[string]string{"": datatest.Digest(t, path), "-wal": datatest.Digest(t, path+"-wal")}

			clock := testclock.New(time.Date(2026, 11, 30, 21, 0, 0, 0, berlin(t)))
			s, err := data.Open(path, data.WithClock(clock.Now))
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			n := &fakeNotifier{}
			logs := &logRecorder{}
			jobRan := false
			a := &Agent{Store: s, Now: clock.Now, Notifier: n, Logf: logs.Logf, sched: scheduler{store: s, now: clock.Now},
				DailyJob: func(ctx context.Context, s *data.Store) error {
					jobRan = true
					_, err := s.DailyBackup(ctx)
					return err
				}}
			a.tick(ctx)
			clock.Set(time.Date(2026, 12, 1, 21, 0, 0, 0, berlin(t)))
			a.tick(ctx)
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if jobRan || len(n.shown) > 0 {
				t.Errorf("on a damaged journal the daily job ran (%t) and reminders were sent (%q)", jobRan, n.shown)
			}
			if got := strings.Count(logs.String(), "the journal is damaged"); got != 1 {
				t.Errorf("the damage was logged %d times, want once:\n%s", got, logs)
			}
			for x, want := range before {
				if got := datatest.Digest(t, path+x); got != want {
					t.Errorf("matchday.db%s changed (sha256 %s, was %s)", x, got, want)
				}
			}
			if entries, _ := os.ReadDir(filepath.Join(filepath.Dir(path), "backups")); len(entries) > 0 {
				t.Errorf("backups of the damaged journal were made: %v", entries)
			}
		})
	}
}

// TestAgentRepairsDerivedDamage: per-day counts that disagree with the
// wins are repaired by the daily check (a copy set aside first), and the
// daily backup then runs.
func TestAgentRepairsDerivedDamage(t *testing.T) {
	ctx := context.Background()
	a, _, _, _ := newTestAgent(t, time.Date(2026, 11, 30, 10, 0, 0, 0, berlin(t)))
	logs := &logRecorder{}
	a.Logf = logs.Logf
	if _, err := a.Store.AddWin(ctx, data.Day{}, data.NewWin{Text: "Vertrag unterschrieben"}); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", "file:"+a.Store.Path())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE day_wins SET wins = wins + 2`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	jobRan := false
	a.DailyJob = func(ctx context.Context, _ *data.Store) error { jobRan = true; return nil }
	a.tick(ctx)
	if !jobRan {
		t.Errorf("the daily job did not run after the repair:\n%s", logs)
	}
	if !strings.Contains(logs.String(), "repaired") || !strings.Contains(logs.String(), "before-repair") {
		t.Errorf("the log does not say what was repaired and where the copy is:\n%s", logs)
	}
	today, _ := a.Store.Today(ctx)
	if c, err := a.Store.WinCounts(ctx, today); err != nil || c.Today != 1 {
		t.Errorf("counts after the repair: %+v, %v; want 1 today", c, err)
	}
}

// TestAgentStopWritingAndReopen: told that the journal is damaged, the
// agent writes nothing more (a due reminder is not recorded nor sent) and
// answers only when no save is under way; "reopen" then opens the journal
// put in its place, and the agent goes on.
func TestAgentStopWritingAndReopen(t *testing.T) {
	ctx := context.Background()
	a, clock, n, _ := newTestAgent(t, time.Date(2026, 11, 30, 10, 0, 0, 0, berlin(t)))
	a.tick(ctx) // the day's check, and the morning reminder
	if len(n.shown) != 1 {
		t.Fatalf("at 10:00 the reminders sent are %q, want the morning's", n.shown)
	}
	a.Reopen = func() (*data.Store, error) { return data.Open(a.Store.Path(), data.WithClock(clock.Now)) }
	if got, _ := a.command("stop-writing"); got != "ok" {
		t.Fatalf("stop-writing = %q", got)
	}
	if _, err := a.Store.AddWin(ctx, data.Day{}, data.NewWin{Text: "must not be written"}); !errors.Is(err, data.ErrCorrupt) {
		t.Errorf("a save after stop-writing: %v, want ErrCorrupt", err)
	}
	clock.Set(time.Date(2026, 11, 30, 21, 0, 0, 0, berlin(t)))
	a.tick(ctx)
	if len(n.shown) != 1 {
		t.Errorf("reminders sent after stop-writing: %q", n.shown[1:])
	}
	if got, _ := a.command("reopen"); got != "ok" {
		t.Fatalf("reopen = %q", got)
	}
	t.Cleanup(func() { a.Store.Close() })
	a.tick(ctx)
	if len(n.shown) != 2 || !strings.HasPrefix(n.shown[1], "evening") {
		t.Errorf("after reopen the evening reminder was not sent: %q", n.shown)
	}
}
