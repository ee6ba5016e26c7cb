package ui

import (
	"log"
	"os"
	"os/signal"
	"slices"
	"syscall"

	"fyne.io/fyne/v2"
)

// Every way out of the window process saves what is typed first. Closing a
// window runs its close handler, which saves its draft; but Quit (Ctrl+Q,
// Journal → Quit Matchday), the agent's quit (the tray's "Quit Matchday",
// which ends the agent and with it the pipe) and a signal (SIGTERM, SIGINT,
// SIGHUP at logout or shutdown) end the event loop without any window's
// close handler, so they go through endSession.

// saveDrafts saves every draft the open windows hold, now: the evening's
// and the morning's answers, the main window's unsent win and the win
// editor's. It runs on the Fyne goroutine. A save that fails is logged:
// the program is on its way out, and a dialog would not be seen.
func (u *UI) saveDrafts() {
	if u.evening != nil {
		u.evening.saveForQuit()
	}
	if u.morning != nil {
		u.morning.saveForQuit()
	}
	if u.evening != nil && u.evening.editor != nil {
		u.evening.editor.saveDraftNow(func(err error) { log.Printf("matchday: edit draft not saved on quit: %v", err) })
	}
	if u.main != nil {
		u.main.saveDrafts(func(err error) { log.Printf("matchday: win draft not saved on quit: %v", err) })
	}
}

// stopDraftTimers stops every pending autosave, as the event loop ends.
func (u *UI) stopDraftTimers() {
	if u.evening != nil {
		u.evening.saver.stopTimer()
		if u.evening.editor != nil {
			u.evening.editor.saver.stopTimer()
		}
	}
	if u.morning != nil {
		u.morning.saver.stopTimer()
	}
	if u.main != nil {
		u.main.draft.stopTimer()
		if u.main.editor != nil {
			u.main.editor.saver.stopTimer()
		}
	}
}

// endSession is what every way out does before the event loop ends: the
// drafts saved, the main window's size kept, the journal ticker stopped (so
// nothing reads the journal while it closes). It runs once: a quit that
// saved first is followed by loopStopped.
func (u *UI) endSession() {
	u.endMu.Lock()
	defer u.endMu.Unlock()
	if u.sessionEnded {
		return
	}
	u.sessionEnded = true
	u.saveDrafts()
	if u.main != nil {
		u.main.rememberSize()
	}
	u.stopWatching()
}

// loopStopped runs when the event loop has ended, however it ended, before
// Run returns and the journal closes: a quit that went through endSession
// has saved already, but Fyne's desktop driver ends the loop on SIGINT and
// SIGTERM by itself, and a save queued with fyne.Do at that moment is
// dropped unrun. The windows are gone from the screen by then; their
// widgets still hold what was typed.
func (u *UI) loopStopped() {
	u.endSession()
	u.quitting = true
	u.stopDraftTimers()
}

// quitMatchday is "Quit Matchday" (Ctrl+Q, the Journal menu): it saves
// every draft, ends the journal's agent (so no tray icon and no reminders
// are left behind, also where the desktop shows no tray to quit from), and
// ends the window process.
func (u *UI) quitMatchday() {
	u.endSession()
	if u.quitAgent != nil {
		u.quitAgent()
	}
	u.quitApp()
}

// quitForAgent ends the window process when the agent went away (it quit,
// or died): drafts first.
func (u *UI) quitForAgent() {
	u.endSession()
	u.quitApp()
}

// quitSignals are what a logout, a shutdown or a terminal sends.
var quitSignals = []os.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP}

// followSignals ends the window process the way Quit does when it gets
// SIGTERM, SIGINT or SIGHUP: the drafts saved on the Fyne goroutine, then
// the event loop ended — by the driver itself for the signals it catches
// (driverQuitsOn), so that a quit asked for after the loop has gone never
// runs on a terminated GLFW. A second signal is not caught: it ends the
// process at once, should the save hang. stop ends the watch.
func (u *UI) followSignals() (stop func()) {
	sigs := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(sigs, quitSignals...)
	go func() {
		select {
		case sig := <-sigs:
			signal.Stop(sigs)
			log.Printf("matchday: %v: saving drafts and quitting", sig)
			if slices.Contains(u.driverQuitsOn, sig) {
				// The driver ends the loop, and loopStopped saves: a save
				// queued now may be dropped, or run beside loopStopped's
				// once the loop has gone.
				if u.afterSignal != nil {
					u.afterSignal()
				}
				return
			}
			fyne.DoAndWait(func() {
				u.endSession()
				u.quitApp()
			})
		case <-done:
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}
