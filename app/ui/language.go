package ui

import "matchday/app/text"

// relabeler is a window that can redraw its texts after a language change,
// keeping what the user typed and what the window shows. Every Matchday
// window is one, so a language change never needs a restart.
type relabeler interface{ relabel() }

var (
	_ relabeler = (*mainWindow)(nil)
	_ relabeler = (*eveningWindow)(nil)
	_ relabeler = (*morningWindow)(nil)
	_ relabeler = (*overviewWindow)(nil)
	_ relabeler = (*settingsWindow)(nil)
	_ relabeler = (*weekWindow)(nil)
	_ relabeler = (*clientsWindow)(nil)
)

// openWindows lists the windows open in this process.
func (u *UI) openWindows() []any {
	var ws []any
	if u.main != nil {
		ws = append(ws, u.main)
	}
	if u.evening != nil {
		ws = append(ws, u.evening)
	}
	if u.morning != nil {
		ws = append(ws, u.morning)
	}
	if u.overview != nil {
		ws = append(ws, u.overview)
	}
	if u.settings != nil {
		ws = append(ws, u.settings)
	}
	if u.week != nil {
		ws = append(ws, u.week)
	}
	if u.clients != nil {
		ws = append(ws, u.clients)
	}
	return ws
}

// useLanguage makes choice ("system", "de" or "en") the language of every
// text from now on and redraws the open windows in it.
func (u *UI) useLanguage(choice string) {
	text.Load(choice)
	for _, w := range u.openWindows() {
		if r, ok := w.(relabeler); ok {
			r.relabel()
		}
	}
}
