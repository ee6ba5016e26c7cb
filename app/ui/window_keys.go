package ui

import (
	"fyne.io/fyne/v2"

	mdwidget "matchday/app/widget"
	"matchday/data"
)

// windowKey is one of the window process's shortcuts: the same keys work
// in every window (the main window also shows them on its menu).
type windowKey struct {
	key    fyne.KeyName
	action func(w fyne.Window) // w is the window the key was typed in
}

// windowKeys are Ctrl+N (log a win), Ctrl+F (search), Ctrl+E, Ctrl+M,
// Ctrl+O, Ctrl+K, Ctrl+R, Ctrl+, (the other windows), Ctrl+W (close this window)
// and Ctrl+Q (quit); Cmd on macOS.
func (u *UI) windowKeys() []windowKey {
	return []windowKey{
		{fyne.KeyN, func(fyne.Window) { u.ShowMain().onFocusEntry() }},
		{fyne.KeyF, func(fyne.Window) { u.ShowMain().onSearch() }},
		{fyne.KeyE, func(fyne.Window) { u.ShowEvening(data.Day{}) }},
		{fyne.KeyM, func(fyne.Window) { u.ShowMorning(data.Day{}) }},
		{fyne.KeyO, func(fyne.Window) { u.ShowOverview() }},
		{fyne.KeyK, func(fyne.Window) { u.ShowClients() }},
		{fyne.KeyR, func(fyne.Window) { u.ShowWeek(data.Day{}) }},
		{fyne.KeyComma, func(fyne.Window) { u.ShowSettings() }},
		{fyne.KeyW, u.closeWindow},
		{fyne.KeyQ, func(fyne.Window) { u.quitAll() }},
	}
}

// addWindowKeys makes the window process's shortcuts work in w while no
// entry has the cursor; entries hand them on through keysFor.
func (u *UI) addWindowKeys(w fyne.Window) {
	for _, k := range u.windowKeys() {
		w.Canvas().AddShortcut(shortcut(k.key), func(fyne.Shortcut) { k.action(w) })
	}
}

// keysFor is what an entry in w hands on: the window process's shortcuts,
// and Escape to escape (nil to keep Escape in the entry).
func (u *UI) keysFor(w fyne.Window, escape func()) mdwidget.WindowKeys {
	return mdwidget.WindowKeys{
		Shortcut: func(s fyne.Shortcut) bool {
			for _, k := range u.windowKeys() {
				if s.ShortcutName() == shortcut(k.key).ShortcutName() {
					k.action(w)
					return true
				}
			}
			return false
		},
		Escape: escape,
	}
}

// closeWindow closes w as its close button would: a window that saves a
// draft first stays open when the save fails.
func (u *UI) closeWindow(w fyne.Window) {
	switch {
	case u.evening != nil && u.evening.win == w:
		u.evening.onCloseRequested()
	case u.morning != nil && u.morning.win == w:
		u.morning.onCloseRequested()
	default:
		w.Close()
	}
}

// quitAll is Quit Matchday from any window: as the main window's menu does
// (every draft saved, the agent ended too).
func (u *UI) quitAll() { u.quitMatchday() }

// escapeOverlay closes what lies over w's content, a dialog or the Pick a
// day calendar, and reports whether there was something: Escape closes
// that, not the window under it. Fyne's dialogs and pop-ups take no keys
// of their own; with the cursor nowhere, Escape reaches the window. A win
// editor is cancelled as its Cancel button does (its draft forgotten).
func (u *UI) escapeOverlay(w fyne.Window) bool {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return false
	}
	if e := u.editorIn(w); e != nil {
		e.onCancel()
		return true
	}
	top.Hide()
	return true
}

// editorIn is the win editor open over w, nil when none is.
func (u *UI) editorIn(w fyne.Window) *winEditor {
	switch {
	case u.main != nil && u.main.win == w:
		return u.main.editor
	case u.evening != nil && u.evening.win == w:
		return u.evening.editor
	}
	return nil
}
