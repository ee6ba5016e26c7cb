package ui

import (
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
)

// A focused entry's cursor fades in and out, and Fyne repaints the window
// for every step of the fade for as long as the entry has the focus: an
// evening window that the 20:00 reminder opened and nobody typed in cost
// 10–12 % CPU here, against under 2 % for a bare window. Like GNOME, the
// window process lets the cursor blink only for idleBlink after the last
// typing, then draws it solid (Fyne's entry draws a solid cursor when the
// app's settings say no animations), until the next keystroke.

// idleBlink is how long a focused entry's cursor blinks without typing.
const idleBlink = 10 * time.Second

// quietSettings are the app's settings, with animations turned off while
// nobody types.
type quietSettings struct {
	fyne.Settings
	still atomic.Bool
}

// ShowAnimations is false while the cursor stays still.
func (s *quietSettings) ShowAnimations() bool {
	return !s.still.Load() && s.Settings.ShowAnimations()
}

// quietApp is the Fyne app with quietSettings. Widgets read the settings
// through fyne.CurrentApp, so it is made the current app.
type quietApp struct {
	fyne.App
	settings *quietSettings
}

// Settings returns the settings that can keep the cursor still.
func (a *quietApp) Settings() fyne.Settings { return a.settings }

// withQuietCursor wraps a so that the cursor can stop blinking, and makes
// the wrapper the current app.
func withQuietCursor(a fyne.App) *quietApp {
	q := &quietApp{App: a, settings: &quietSettings{Settings: a.Settings()}}
	fyne.SetCurrentApp(q)
	return q
}

// cursorBlink is the UI's control of the cursor's blink.
type cursorBlink struct {
	settings *quietSettings // nil when the app cannot keep it still
	stop     func() bool    // the idle timer, nil when none runs
}

// typed is told of typing (and of a window coming up): the cursor blinks
// again, and stays still idleBlink after the last call.
func (u *UI) typed() {
	c := &u.cursor
	if c.settings == nil {
		return
	}
	if c.settings.still.Swap(false) {
		u.refocus() // the fade starts again at the next refresh
	}
	if c.stop != nil {
		c.stop()
	}
	after := u.after
	if after == nil {
		after = realAfter
	}
	c.stop = after(idleBlink, func() { fyne.Do(u.cursorStill) })
}

// cursorStill draws the focused entries' cursors solid: with animations
// off, an entry that gains the focus does not start the fade, and one that
// loses it stops the fade it runs.
func (u *UI) cursorStill() {
	if u.cursor.settings == nil || u.cursor.settings.still.Swap(true) {
		return
	}
	u.cursor.stop = nil
	u.refocus()
}

// focusable is a focused widget whose focus can be given again (an entry).
type focusable interface {
	FocusGained()
	FocusLost()
}

// refocus has every window's focused entry lose and gain the focus again,
// so it draws its cursor as the settings now say.
func (u *UI) refocus() {
	for _, w := range u.app.Driver().AllWindows() {
		if w == nil || w.Canvas() == nil {
			continue
		}
		if f, ok := w.Canvas().Focused().(focusable); ok {
			f.FocusLost()
			f.FocusGained()
		}
	}
}
