package ui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"matchday/data"
)

// showRepaired tells, in one sentence over the first open window, that the
// background check found damage in the journal's indexes or counts and
// repaired it, and where the journal as found is kept.
func (u *UI) showRepaired(rr data.RepairResult) dialog.Dialog {
	w := u.anyWindow()
	if w == nil {
		return nil
	}
	d := dialog.NewInformation(lang.L("repair.title"), lang.L("repair.done", map[string]any{"Aside": filepath.Base(rr.Aside)}), w)
	d.Show()
	return d
}

// anyWindow is an open window of the journal to show a message over: the
// main window if it is open, otherwise the first the driver knows.
func (u *UI) anyWindow() fyne.Window {
	if u.main != nil {
		return u.main.win
	}
	for _, w := range u.app.Driver().AllWindows() {
		if w != nil {
			return w
		}
	}
	return nil
}
