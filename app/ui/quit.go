package ui

import (
	"log"
	"os"
	"os/signal"
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
// nothing reads the journal while it closes). It runs once; a second call
// (the window process's, once the loop has ended) waits for the first.
func (u *UI) endSession() { u.sessionEnd.Do(u.endSessionOnce) }

func (u *UI) endSessionOnce() {
	u.saveDrafts()
	if u.main != nil {
		u.main.rememberSize()
	}
	u.stopWatching()
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

// quitAfterSignal ends the event loop after a signal. Fyne has a SIGTERM
// and SIGINT handler of its own, which ends the loop and GLFW with it,
// maybe first: closing the windows one by one then (app.Quit) panicked in
// GLFW, and the panic cut off Fyne's save of its preferences file halfway
// (see preferences.go). The driver's Quit ends the loop once, whoever comes
// first, and touches no window; the drafts are saved by then.
func (u *UI) quitAfterSignal() {
	if u.quitting {
		return
	}
	u.quitting = true
	u.stopDraftTimers()
	if u.quit != nil {
		u.quit()
		return
	}
	u.app.Driver().Quit()
}

// afterLoop runs in the window process once the event loop has ended: when
// Fyne's own signal handler ended it before Matchday's had saved the
// drafts (a function queued for the loop as it ends is dropped), they are
// saved now. After any other way out it finds nothing left to do.
func (u *UI) afterLoop() { u.endSession() }

// quitSignals are what a logout, a shutdown or a terminal sends.
var quitSignals = []os.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP}

// followSignals ends the window process the way Quit does when it gets
// SIGTERM, SIGINT or SIGHUP: the drafts saved on the Fyne goroutine, then
// the event loop ended. A second signal is not caught: it ends the process
// at once, should the save hang. stop ends the watch.
func (u *UI) followSignals() (stop func()) {
	sigs := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(sigs, quitSignals...)
	go func() {
		select {
		case sig := <-sigs:
			signal.Stop(sigs)
			log.Printf("matchday: %v: saving drafts and quitting", sig)
			fyne.DoAndWait(u.endSession)
			fyne.Do(u.quitAfterSignal)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}
