package agent

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"matchday/data"
)

type passResult struct {
	rep data.SyncReport
	err error
}

// syncJournal opens a journal that syncs through folder, unencrypted (the
// agent's tests need no scrypt), with its first pass done.
func syncJournal(t *testing.T, folder string) *data.Store {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "matchday.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Sync(context.Background(), folder, data.SyncOptions{Encryption: data.EncryptionOff}); err != nil {
		t.Fatal(err)
	}
	return s
}

// startSyncer runs a syncer for s and returns its passes.
func startSyncer(t *testing.T, s *data.Store) (*syncer, chan passResult) {
	t.Helper()
	passes := make(chan passResult, 16)
	y := newSyncer(s, t.Logf)
	y.every, y.settle = time.Hour, 20*time.Millisecond
	y.onPass = func(rep data.SyncReport, err error) { passes <- passResult{rep, err} }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { y.run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return y, passes
}

// waitPass waits for a pass that read something (the folder's own events
// may run passes that read nothing first).
func waitPass(t *testing.T, passes chan passResult, read bool) data.SyncReport {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case p := <-passes:
			if p.err != nil {
				t.Fatalf("pass: %v", p.err)
			}
			if !read || p.rep.Files > 0 {
				return p.rep
			}
		case <-deadline:
			t.Fatal("no pass came")
		}
	}
}

func TestSyncerRunsAPassWhenTheFolderChanges(t *testing.T) {
	ctx := context.Background()
	folder := filepath.Join(t.TempDir(), "Sync")
	desk := syncJournal(t, folder)
	laptop := syncJournal(t, folder)
	_, passes := startSyncer(t, desk)
	waitPass(t, passes, false) // the pass at start

	if _, err := laptop.AddWin(ctx, data.Day{}, data.NewWin{Text: "Logged on the laptop"}); err != nil {
		t.Fatal(err)
	}
	if _, err := laptop.Sync(ctx, folder, data.SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	rep := waitPass(t, passes, true)
	if rep.Added != 1 {
		t.Errorf("report %+v, want the laptop's win added", rep)
	}
	today, _ := desk.Today(ctx)
	if wins, _ := desk.WinsOn(ctx, today); len(wins) != 1 || wins[0].Text != "Logged on the laptop" {
		t.Errorf("the desk's wins: %+v", wins)
	}
}

func TestSyncCommandRunsAPass(t *testing.T) {
	ctx := context.Background()
	folder := filepath.Join(t.TempDir(), "Sync")
	desk := syncJournal(t, folder)
	y, passes := startSyncer(t, desk)
	waitPass(t, passes, false)
	a := &Agent{Store: desk, syncer: y}

	if _, err := desk.AddWin(ctx, data.Day{}, data.NewWin{Text: "Saved in a window"}); err != nil {
		t.Fatal(err)
	}
	if reply, _ := a.command("sync"); reply != "ok" {
		t.Fatalf("reply %q", reply)
	}
	for {
		rep := waitPass(t, passes, false)
		if rep.Wrote == 1 {
			break
		}
	}
	if reply, _ := (&Agent{}).command("sync"); reply == "ok" {
		t.Errorf("an agent without a syncer said ok")
	}
}
