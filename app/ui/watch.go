package ui

import (
	"context"
	"log"
	"time"

	"fyne.io/fyne/v2"

	"matchday/data"
)

// tickEvery is how often the window process looks at the clock and at the
// journal's data_version: cheap enough to idle at, quick enough that a win
// logged from the command line shows up within two seconds.
const tickEvery = time.Second

// journalFollower is an open window that shows what was written to the
// journal elsewhere (the command line, the agent, another window).
type journalFollower interface{ journalChanged() }

// watch opens the one journal watcher all windows share, and in the real
// window process starts the ticker that asks it every tickEvery. Each
// window's Show calls it; it does nothing once running.
func (u *UI) watch() {
	if u.watcher == nil && !u.watchFailed {
		w, err := u.store.NewWatcher(u.ctx)
		if err != nil {
			// Without a watcher the windows still work; they only miss
			// what was written elsewhere until they load again.
			u.watchFailed = true
			log.Printf("matchday: %v", err)
		}
		u.watcher = w
	}
	if u.live {
		u.startTicker()
	}
}

// startTicker runs onTick on the UI thread every tickEvery until the last
// window closes. Tests do not start it; they call the tick handlers.
func (u *UI) startTicker() {
	if u.stopTicker != nil {
		return
	}
	ctx, cancel := context.WithCancel(u.ctx)
	u.stopTicker = cancel
	go func() {
		t := time.NewTicker(tickEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				fyne.Do(func() {
					if ctx.Err() == nil {
						u.onTick()
					}
				})
			}
		}
	}()
}

// onTick is the ticker's work: the journal first, then the main window's
// clock (a new day, a stale "Undo", the evening call) and size.
func (u *UI) onTick() {
	u.onWatchTick()
	if u.main != nil {
		u.main.onTick()
	}
}

// onWatchTick tells every open window when anyone, this process or another,
// has written to the journal since the last tick: one PRAGMA, nothing more
// when nothing moved.
func (u *UI) onWatchTick() {
	if u.watcher == nil {
		return
	}
	changed, err := u.watcher.Changed(u.ctx)
	if err != nil {
		if !u.watchErrorShown {
			u.watchErrorShown = true
			log.Printf("matchday: %v", err)
		}
		return
	}
	if !changed {
		return
	}
	u.scheduleSync()
	for _, w := range u.openWindows() {
		if f, ok := w.(journalFollower); ok {
			f.journalChanged()
		}
	}
}

// stopWatching stops the ticker, before the event loop ends (after which
// fyne.Do would run ticks inline).
func (u *UI) stopWatching() {
	if u.stopTicker != nil {
		u.stopTicker()
		u.stopTicker = nil
	}
}

// forgetWindows lets go of every window and the watcher without closing the
// windows (the journal-problem window takes one of them over).
func (u *UI) forgetWindows() {
	u.dropWatcher()
	u.main, u.evening, u.morning, u.overview, u.settings, u.week, u.clients = nil, nil, nil, nil, nil, nil, nil
}

// dropWatcher stops the ticker and closes the shared watcher.
func (u *UI) dropWatcher() {
	u.stopWatching()
	if u.watcher != nil {
		u.watcher.Close()
		u.watcher = nil
	}
}

// syncSettle is how long after the journal last changed the window process
// asks for a sync pass: a typed evening autosaves every few seconds, and one
// change log per pause is enough.
const syncSettle = 10 * time.Second

// scheduleSync asks for a sync pass syncSettle after the latest change (a
// save here or anywhere; a pass that finds nothing new writes nothing).
func (u *UI) scheduleSync() {
	if u.requestSync == nil {
		return
	}
	if u.stopSync != nil {
		u.stopSync()
	}
	after := u.after
	if after == nil {
		after = realAfter
	}
	request := u.requestSync
	u.stopSync = after(syncSettle, func() { go request() })
}

// syncHere runs a sync pass in this process, when a folder is set; what it
// meets is logged (Settings shows the last sync).
func (u *UI) syncHere() {
	folder, err := u.store.SyncFolder(u.ctx)
	if err != nil || folder == "" {
		return
	}
	if _, err := u.store.Sync(u.ctx, folder, data.SyncOptions{}); err != nil {
		log.Printf("matchday: sync: %v", err)
	}
}
