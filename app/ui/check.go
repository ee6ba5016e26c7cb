package ui

import (
	"errors"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"matchday/app/text"
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

// lastCheckText is Settings' line about the newest full check of the
// journal in this window process: "Checked today at 09:12: all good."
func (u *UI) lastCheckText() string {
	res, ok := u.store.LastCheck()
	if !ok {
		return lang.L("settings.check.none")
	}
	at := res.At.In(u.now().Location())
	now := u.now()
	when := lang.L("settings.check.on", map[string]any{"Date": text.DayMonth(data.NewDay(at.Year(), at.Month(), at.Day())), "Time": at.Format("15:04")})
	if y, m, d := now.Date(); at.Year() == y && at.Month() == m && at.Day() == d {
		when = lang.L("settings.check.today", map[string]any{"Time": at.Format("15:04")})
	}
	switch {
	case !res.OK():
		return lang.L("settings.check.damaged", map[string]any{"When": when})
	case u.lastRepair != nil && u.lastRepair.After.At.Equal(res.At):
		return lang.L("settings.check.repaired", map[string]any{"When": when})
	}
	return lang.L("settings.check.ok", map[string]any{"When": when})
}

// checkDone follows a finished check: Settings shows it.
func (u *UI) checkDone() {
	if u.settings != nil {
		u.settings.lastCheck.SetText(u.lastCheckText())
	}
}

// checkNow runs the full check off the UI goroutine, repairs damage in the
// indexes and counts as the background check does, and says what it found
// over w. Damage in the records hands the windows over to the
// journal-problem window (onDamaged).
func (u *UI) checkNow(w fyne.Window) {
	var rr data.RepairResult
	u.runTask(w, lang.L("task.check"), func() error {
		var err error
		rr, err = u.store.Repair(u.ctx)
		return err
	}, func(err error) {
		if rr.Aside != "" {
			u.lastRepair = &rr
		}
		u.checkDone()
		switch {
		case err != nil && errors.Is(err, data.ErrCorrupt) && u.onDamaged != nil:
			u.onDamaged(err)
		case err != nil:
			u.showError(w, err)
		case rr.Aside != "":
			u.showRepaired(rr)
		default:
			dialog.ShowInformation(lang.L("check.result.title"), lang.L("check.result.ok"), w)
		}
	})
}
