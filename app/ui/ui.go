package ui

import (
	"context"
	"errors"
	"log"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"matchday/app/desktop"
	"matchday/assets"
	"matchday/data"
)

// UI is the window process: one Fyne app, the store and the clock, and the
// windows it has open. Each window is built when first opened and kept while
// it is open.
type UI struct {
	app   fyne.App
	store *data.Store
	now   func() time.Time
	ctx   context.Context
	// after schedules the draft autosaves; nil means time.AfterFunc. Tests
	// put a manual timer here.
	after afterFunc

	main     *mainWindow
	evening  *eveningWindow
	morning  *morningWindow
	overview *overviewWindow
	settings *settingsWindow
	week     *weekWindow

	// lastOffSeasonDialog is the off-season dialog opened last (a dialog
	// is not a window of its own); tests reach its fields through it.
	lastOffSeasonDialog *offSeasonDialog
	clients             *clientsWindow

	// live is set in the real window process: windows then start their
	// tickers (the journal watcher, the day rollover). Tests leave it off and
	// call the tick handlers themselves, since the test driver runs fyne.Do
	// on the calling goroutine.
	live bool

	// The one journal watcher all open windows share (watch.go).
	watcher         *data.Watcher
	watchFailed     bool
	watchErrorShown bool
	stopTicker      context.CancelFunc

	// quiet is set while a window opens for a reminder (OpenQuietly).
	quiet bool
	// focusOnShow sets whether windows made from now on take the keyboard
	// when shown (glfwFocusOnShow); nil in tests, which have no GLFW.
	focusOnShow func(on bool)
	// firstRun is set when this process started on a new journal
	// (checkFirstRun): the main window shows the first-run panel, and the
	// tray hint waits for a later launch.
	firstRun bool

	// quit ends the window process's event loop; nil means app.Quit. Tests
	// put a counter here.
	quit func()
	// quitAgent, when set, ends the journal's agent: "Quit Matchday" ends
	// it with the windows (Options.QuitAgent).
	quitAgent func()
	// quitting is set once the event loop is asked to end.
	quitting bool
	// sessionEnded is set once endSession has run (endMu guards it: after
	// the loop ends, the driver's stop and a signal may both call it).
	endMu        sync.Mutex
	sessionEnded bool
	// driverQuitsOn are the signals on which the driver ends the event loop
	// itself (Fyne's desktop driver: SIGINT and SIGTERM); followSignals
	// only saves on them, and loopStopped saves whatever came first.
	driverQuitsOn []os.Signal
	// afterSignal, in tests, is told that followSignals has taken a signal
	// the driver quits on.
	afterSignal func()
	// oldMainSize is the main window's size an earlier Matchday kept in
	// Fyne's preferences, nil when there was none (see preferences.go).
	oldMainSize *fyne.Size

	// autostart is the login entry Settings write and repair; tests point
	// it at a temp folder.
	autostart desktop.Autostart

	// requestSync asks for a sync pass (Options.RequestSync); stopSync
	// stops the pending request's timer.
	requestSync func()
	stopSync    func() bool
	// tasks is the long work on the journal under way (tasks.go).
	tasks tasks
	// lastRepair is the newest repair of the journal in this process.
	lastRepair *data.RepairResult
	// cursor stops the focused entries' cursor blink while nobody types
	// (cursor.go).
	cursor cursorBlink
	// onDamaged hands the windows over to the journal-problem window when
	// a check finds the journal damaged beyond repair; nil in tests.
	onDamaged func(err error)
}

// windowClosed ends the window process once its last window has closed:
// the shared watcher and its ticker go, and the event loop ends (the agent,
// which keeps running, starts a new process when a window is wanted).
// Fyne's desktop driver quits then too; this does not rely on that. Each
// window's close handler calls it after forgetting the window.
func (u *UI) windowClosed() {
	if len(u.openWindows()) > 0 {
		return
	}
	u.dropWatcher()
	u.quitApp()
}

// quitApp ends the event loop, and so the window process; once.
func (u *UI) quitApp() {
	if u.quitting {
		return
	}
	u.quitting = true
	// Every way out saved the drafts already (endSession, or a window's
	// close handler); a timer firing now would write while the journal
	// closes.
	u.stopDraftTimers()
	if u.quit != nil {
		u.quit()
		return
	}
	u.app.Quit()
}

// NewUI wires the windows to a Fyne app (the real one, or test.NewTempApp in
// tests), the store and the clock.
func NewUI(a fyne.App, store *data.Store, now func() time.Time) *UI {
	a.SetIcon(assets.Icon())
	u := &UI{app: a, store: store, now: now, ctx: context.Background(), autostart: desktop.NewAutostart(os.Getenv)}
	if q, ok := a.(*quietApp); ok {
		u.cursor.settings = q.settings
	}
	return u
}

// OpenQuietly shows the named window for a reminder: without the cursor in
// an entry and without asking for the keyboard, so what the user is typing
// elsewhere does not land in it.
func (u *UI) OpenQuietly(name string) {
	u.quiet = true
	defer func() { u.quiet = false }()
	if u.focusOnShow != nil {
		u.focusOnShow(false)
		defer u.focusOnShow(true)
	}
	u.Open(name)
}

// Open shows the named window, building it on first use, and raises it.
func (u *UI) Open(name string) {
	defer u.typed() // a window that comes up blinks its cursor for a while
	switch name {
	case WindowEvening:
		u.ShowEvening(data.Day{})
	case WindowMorning:
		u.ShowMorning(data.Day{})
	case WindowOverview:
		u.ShowOverview()
	case WindowSettings:
		u.ShowSettings()
	case WindowWeek:
		u.ShowWeek(data.Day{})
	case WindowClients:
		u.ShowClients()
	case WindowCapture:
		u.ShowMain().onFocusEntry()
	default:
		u.ShowMain()
	}
}

// today returns the logical day now, or the zero Day after showing why not.
func (u *UI) today(w fyne.Window) data.Day {
	d, err := u.store.Today(u.ctx)
	if err != nil && w != nil {
		u.showError(w, err)
	}
	return d
}

// ShowMain shows the main window.
func (u *UI) ShowMain() *mainWindow {
	if u.main == nil {
		u.main = newMainWindow(u)
		u.watch()
	}
	// The cursor goes into the win entry only when asked (Ctrl+N, "Log a
	// win…"): a focused entry blinks, and the blink repaints the window
	// sixty times a second, which an idle window must not cost.
	u.main.win.Show()
	u.main.win.RequestFocus()
	return u.main
}

// checkFirstRun notes whether the journal waits for its first run. A
// journal that cannot be read is not taken for a new one: the window that
// opens says what is wrong.
func (u *UI) checkFirstRun() {
	isNew, err := u.store.IsNew(u.ctx)
	if err != nil {
		log.Printf("matchday: %v", err)
	}
	u.firstRun = err == nil && isNew
}

// beforeJournal reports whether day comes before the journal's first day
// (data.Store.JournalStart): nothing was kept then, so there is nothing to
// make up. A journal whose first day is unknown (an old one with nothing in
// it) has every day open.
func (u *UI) beforeJournal(day data.Day) bool {
	start, err := u.store.JournalStart(u.ctx)
	if err != nil {
		if !errors.Is(err, data.ErrNotFound) {
			log.Printf("matchday: %v", err)
		}
		return false
	}
	return day.Before(start)
}
