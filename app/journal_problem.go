package app

import (
	"context"
	"errors"
	"log"
	"path/filepath"
	"runtime"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"matchday/data"
)

// journalProblem is the window shown instead of the journal when it cannot
// be opened: it says why in plain words and, for a damaged journal with a
// backup, offers to restore the newest backup. The damaged file is set
// aside, never overwritten.
type journalProblem struct {
	app     fyne.App
	win     fyne.Window
	path    string
	err     error
	now     func() time.Time
	backup  *data.BackupFile // the newest backup, for a damaged journal
	message *widget.Label
	restore *widget.Button
	quit    *widget.Button
	// onRestored gets the journal opened after a restore.
	onRestored func(*data.Store)
}

// newJournalProblem shows the problem in host, a window of the journal
// that could not be used, or in a new window when host is nil.
func newJournalProblem(a fyne.App, host fyne.Window, path string, err error, now func() time.Time, onRestored func(*data.Store)) *journalProblem {
	p := &journalProblem{app: a, path: path, err: err, now: now, onRestored: onRestored}
	if errors.Is(err, data.ErrCorrupt) {
		if list, lerr := data.BackupsOf(path); lerr == nil && len(list) > 0 {
			p.backup = &list[0]
		}
	}
	p.win = host
	if p.win == nil {
		p.win = a.NewWindow("")
	}
	p.win.SetTitle(lang.L("problem.title"))
	p.win.SetMainMenu(nil)
	p.win.SetCloseIntercept(nil)
	p.win.SetOnClosed(nil)
	p.buildUI()
	return p
}

func (p *journalProblem) buildUI() {
	heading := widget.NewLabel(lang.L("problem.heading"))
	heading.TextStyle = fyne.TextStyle{Bold: true}
	p.message = widget.NewLabel(UserMessage(p.err))
	p.message.Wrapping = fyne.TextWrapWord
	p.quit = widget.NewButton(lang.L("problem.quit"), p.win.Close)
	buttons := container.NewHBox(p.quit)
	body := container.NewVBox(heading, p.message)
	if p.backup != nil {
		offer := widget.NewLabel(lang.L("problem.offer", map[string]any{"When": backupWhen(*p.backup)}))
		offer.Wrapping = fyne.TextWrapWord
		body.Add(offer)
		p.restore = widget.NewButtonWithIcon(lang.L("problem.restore"), theme.HistoryIcon(), p.onRestore)
		p.restore.Importance = widget.HighImportance
		buttons.Add(p.restore)
	} else if errors.Is(p.err, data.ErrCorrupt) {
		none := widget.NewLabel(lang.L("problem.noBackup", map[string]any{"Folder": filepath.Join(filepath.Dir(p.path), "backups")}))
		none.Wrapping = fyne.TextWrapWord
		body.Add(none)
	}
	p.win.SetContent(container.NewPadded(container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), buttons), nil, nil, body)))
	p.win.Resize(fyne.NewSize(480, 280))
}

// onRestore asks once more, then sets the damaged journal aside and puts
// the newest backup in its place.
func (p *journalProblem) onRestore() {
	dialog.ShowConfirm(lang.L("problem.confirm.title"),
		lang.L("problem.confirm.message", map[string]any{"When": backupWhen(*p.backup)}),
		func(ok bool) {
			if ok {
				p.restoreNow()
			}
		}, p.win)
}

func (p *journalProblem) restoreNow() {
	aside, err := data.ReplaceDamaged(context.Background(), p.path, p.backup.Path, p.now())
	if err != nil {
		dialog.ShowError(errors.New(lang.L("problem.restoreFailed", map[string]any{"Error": UserMessage(err)})), p.win)
		return
	}
	s, err := data.Open(p.path, data.WithClock(p.now))
	if err != nil {
		dialog.ShowError(errors.New(UserMessage(err)), p.win)
		return
	}
	log.Printf("matchday: restored %s from %s; the damaged journal is kept as %s", p.path, p.backup.Path, aside)
	p.onRestored(s)
	p.win.Close()
}

// hasDisplay reports whether a window can be shown; without one, a window
// command reports a journal problem on stderr only.
func (c *cli) hasDisplay() bool {
	if runtime.GOOS != "linux" {
		return true
	}
	return c.env.Getenv("DISPLAY") != "" || c.env.Getenv("WAYLAND_DISPLAY") != ""
}

// runJournalProblem shows why the journal cannot be opened, and opens the
// named window once a restore has put a sound journal in place. It returns
// the original error (exit code 1) when the user quits without restoring.
func (c *cli) runJournalProblem(name string, openErr error) error {
	path, err := c.journalPath()
	if err != nil {
		return openErr
	}
	a := fyneapp.NewWithID(AppID)
	a.Settings().SetTheme(newTheme("system"))
	var restored *data.Store
	p := newJournalProblem(a, nil, path, openErr, c.now, func(s *data.Store) {
		restored = s
		c.store = s
		c.showUI(a, s, name)
	})
	p.win.Show()
	a.Run()
	if restored == nil {
		return openErr
	}
	return nil
}

// followCheck waits for the journal's background check. When it finds the
// journal damaged, the journal's windows make way for the journal-problem
// window, which offers the newest backup; nothing has been written, since
// every write waits for the check.
func (c *cli) followCheck(ui *UI, name string) {
	<-ui.store.Checked()
	if err := ui.store.CheckErr(); err != nil {
		fyne.Do(func() { c.replaceWithProblem(ui, name, err) })
	}
}

// replaceWithProblem turns the journal's window into the problem window
// (closing a window this early can crash the GL driver on a pending mouse
// event) and closes any other.
func (c *cli) replaceWithProblem(ui *UI, name string, err error) *journalProblem {
	log.Printf("matchday: %v", err)
	c.lateErr = err
	ui.quit = func() {} // the problem window keeps the process going
	windows := append([]fyne.Window(nil), ui.app.Driver().AllWindows()...)
	var host fyne.Window
	for _, w := range windows {
		if w == nil {
			continue
		}
		if host == nil {
			host = w
			continue
		}
		w.Close()
	}
	ui.forgetWindows()
	ui.store.Close()
	c.store = nil
	p := newJournalProblem(ui.app, host, ui.store.Path(), err, c.now, func(s *data.Store) {
		c.lateErr = nil
		c.store = s
		c.showUI(ui.app, s, name)
	})
	p.win.Show()
	return p
}
