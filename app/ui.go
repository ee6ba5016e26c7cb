package app

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

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

	// live is set in the real window process: windows then start their
	// tickers (the journal watcher, the day rollover). Tests leave it off and
	// call the tick handlers themselves, since the test driver runs fyne.Do
	// on the calling goroutine.
	live bool

	// restart asks runWindow to start the window process again once the
	// app has stopped (the settings' "Restart now" after a language change).
	restart bool

	// quit ends the window process's event loop; nil means app.Quit. Tests
	// put a counter here.
	quit func()
}

// windowClosed ends the window process once its last window has closed: it
// then waits for nothing (the agent, which keeps running, starts a new one
// when a window is wanted). Fyne's desktop driver quits then too; this does
// not rely on that.
func (u *UI) windowClosed() {
	if len(u.openWindows()) == 0 {
		u.quitApp()
	}
}

// quitApp ends the event loop, and so the window process.
func (u *UI) quitApp() {
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
	return &UI{app: a, store: store, now: now, ctx: context.Background()}
}

// runWindow opens the named window in this process and runs the Fyne event
// loop until the last window closes.
func (c *cli) runWindow(name string) error {
	s, err := c.openStore()
	if err != nil {
		return err
	}
	ui := NewUI(fyneapp.NewWithID(AppID), s, c.now)
	ui.live = true
	// Settings: the stored theme from the first frame on (openStore has
	// loaded the stored language); "Restart now" comes back here.
	ui.useStoredTheme()
	ui.Open(name)
	c.followAgent(ui)
	ui.app.Run()
	if ui.restart {
		return c.restartWindows(name)
	}
	return nil
}

// Window names, as the command line and the agent say them.
const (
	WindowMain     = "main"
	WindowEvening  = "evening"
	WindowMorning  = "morning"
	WindowOverview = "overview"
	WindowSettings = "settings"
)

// Open shows the named window, building it on first use, and raises it.
func (u *UI) Open(name string) {
	switch name {
	case WindowEvening:
		u.ShowEvening(data.Day{})
	case WindowMorning:
		u.ShowMorning(data.Day{})
	case WindowOverview:
		u.ShowOverview()
	case WindowSettings:
		u.ShowSettings()
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
		if u.live {
			u.main.startTicker()
		}
	}
	// Showing the main window (from the tray's "Log a win…", too) puts the
	// cursor in the win entry: the next thing typed is a win.
	u.main.onFocusEntry()
	return u.main
}
