package agent

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"

	"matchday/data"
)

// Sync timing: a pass every syncEvery, and syncSettle after the folder last
// changed (a sync tool delivers a log as several events; the pass waits
// for them to end).
const (
	syncEvery  = 5 * time.Minute
	syncSettle = 2 * time.Second
)

// syncer runs the agent's sync passes (issue 20): when the sync folder
// changes, every few minutes, and when asked (the window process asks after
// a save, through the socket's "sync"). A journal without a sync folder
// costs a timer.
type syncer struct {
	store  *data.Store
	logf   func(format string, args ...any)
	every  time.Duration
	settle time.Duration
	// onPass, when set, gets every pass's report and error (tests).
	onPass func(data.SyncReport, error)

	kick    chan struct{}
	watcher *fsnotify.Watcher
	watched string // the folder the watcher follows
	lastErr string // the last error logged, so a lasting one is logged once
}

func newSyncer(store *data.Store, logf func(string, ...any)) *syncer {
	return &syncer{store: store, logf: logf, every: syncEvery, settle: syncSettle, kick: make(chan struct{}, 1)}
}

// request asks for a pass soon; it never blocks.
func (y *syncer) request() {
	select {
	case y.kick <- struct{}{}:
	default:
	}
}

// run runs passes until ctx ends.
func (y *syncer) run(ctx context.Context) {
	defer func() {
		if y.watcher != nil {
			y.watcher.Close()
		}
	}()
	every := time.NewTimer(0) // a pass at start
	defer every.Stop()
	settle := time.NewTimer(time.Hour)
	settle.Stop()
	defer settle.Stop()
	for {
		var events chan fsnotify.Event
		var errs chan error
		if y.watcher != nil {
			events, errs = y.watcher.Events, y.watcher.Errors
		}
		select {
		case <-ctx.Done():
			return
		case <-every.C:
			y.pass(ctx)
			every.Reset(y.every)
		case <-y.kick:
			y.pass(ctx)
		case ev, ok := <-events:
			if !ok {
				y.watcher = nil
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					_ = y.watcher.Add(ev.Name) // a new device's folder
				}
			}
			settle.Reset(y.settle)
		case err := <-errs:
			y.logf("matchday agent: watch the sync folder: %v", err)
		case <-settle.C:
			y.pass(ctx)
		}
	}
}

// pass runs one sync pass if a folder is set, and follows the folder with
// the watcher.
func (y *syncer) pass(ctx context.Context) {
	folder, err := y.store.SyncFolder(ctx)
	if err != nil || folder == "" {
		y.report(data.SyncReport{}, err)
		return
	}
	rep, err := y.store.Sync(ctx, folder, data.SyncOptions{})
	// The merge reads the logs through SQLite's page cache; the agent's
	// footprint is what it holds all day.
	y.store.ReleaseMemory()
	y.report(rep, err)
	if err == nil {
		y.watch(folder)
	}
}

func (y *syncer) report(rep data.SyncReport, err error) {
	if y.onPass != nil {
		defer y.onPass(rep, err)
	}
	if err != nil {
		if msg := err.Error(); msg != y.lastErr {
			y.lastErr = msg
			y.logf("matchday agent: sync: %v", err)
		}
		return
	}
	y.lastErr = ""
	if rep.Files > 0 || rep.Wrote > 0 {
		y.logf("matchday agent: sync: wrote %d records, read %d from %d logs (%d new, %d updated, %d days with both texts kept)",
			rep.Wrote, rep.Read, rep.Files, rep.Added, rep.Updated, rep.Combined)
	}
	for _, n := range rep.Notes {
		y.logf("matchday agent: sync: skipped %s", n)
	}
}

// watch makes the watcher follow folder's logs: the sync folder and each
// device's folder in it (fsnotify does not watch below a folder).
func (y *syncer) watch(folder string) {
	if folder == y.watched && y.watcher != nil {
		return
	}
	if y.watcher != nil {
		y.watcher.Close()
		y.watcher = nil
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		y.logf("matchday agent: watch the sync folder: %v", err)
		return
	}
	root := filepath.Join(folder, data.SyncDirName)
	if err := w.Add(root); err != nil {
		w.Close()
		if !errors.Is(err, os.ErrNotExist) {
			y.logf("matchday agent: watch the sync folder: %v", err)
		}
		return
	}
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if e.IsDir() {
			_ = w.Add(filepath.Join(root, e.Name()))
		}
	}
	y.watcher, y.watched = w, folder
}
