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
// windows it has open. Windows are built when first opened.
type UI struct {
	app   fyne.App
	store *data.Store
	now   func() time.Time
	ctx   context.Context

	main *mainWindow
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
	ui.Open(name)
	ui.app.Run()
	return nil
}

// Open shows the named window ("main", …), building it on first use.
func (u *UI) Open(name string) {
	switch name {
	default:
		u.ShowMain()
	}
}

// ShowMain shows the main window.
func (u *UI) ShowMain() *mainWindow {
	if u.main == nil {
		u.main = newMainWindow(u)
	}
	u.main.win.Show()
	return u.main
}
