package ui

import (
	"context"
	"errors"
	"log"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"matchday/app/text"
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
	// tellAgent sends a line to the journal's agent (nil: none to tell):
	// it stops writing before the damaged file is moved, and opens the
	// restored journal after.
	tellAgent func(line string) error
	// working is the line that says a restore is under way.
	working *widget.Label
	// done is closed when a restore started by restoreNow has finished
	// (tests wait for it).
	done chan struct{}
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
	p.message = widget.NewLabel(text.UserMessage(p.err))
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
	p.working = widget.NewLabel("")
	p.working.Hide()
	body.Add(p.working)
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

// restoreNow sets the damaged journal aside and puts the backup in its
// place, off the UI goroutine (it copies and checks the whole backup), with
// a line saying so and the buttons disabled. The agent is told first to
// stop writing to the journal, and the file is moved only once it has
// answered; afterwards it opens the restored journal. A backup whose
// journal id is not the damaged journal's is put in place only after a
// second question.
func (p *journalProblem) restoreNow(opts ...data.RestoreOption) {
	p.working.SetText(lang.L("problem.working"))
	p.working.Show()
	p.restore.Disable()
	p.quit.Disable()
	p.done = make(chan struct{})
	go func() {
		defer close(p.done)
		s, aside, err := p.replace(opts...)
		fyne.Do(func() {
			p.working.Hide()
			p.restore.Enable()
			p.quit.Enable()
			if errors.Is(err, data.ErrOtherJournal) && len(opts) == 0 {
				p.confirmOtherJournal()
				return
			}
			if err != nil {
				dialog.ShowError(err, p.win)
				return
			}
			log.Printf("matchday: restored %s from %s; the damaged journal is kept as %s", p.path, p.backup.Path, aside)
			p.onRestored(s)
			p.win.Close()
		})
	}()
}

// replace does restoreNow's work and returns the restored journal, opened,
// and where the damaged one was set aside; its error is in the user's
// words.
func (p *journalProblem) replace(opts ...data.RestoreOption) (*data.Store, string, error) {
	if p.tellAgent != nil {
		if err := p.tellAgent("stop-writing"); err != nil {
			return nil, "", errors.New(lang.L("problem.agentDidNotStop"))
		}
	}
	aside, err := data.ReplaceDamaged(context.Background(), p.path, p.backup.Path, p.now(), opts...)
	if errors.Is(err, data.ErrOtherJournal) {
		return nil, "", err
	}
	if err != nil {
		return nil, "", errors.New(lang.L("problem.restoreFailed", map[string]any{"Error": text.UserMessage(err)}))
	}
	s, err := data.Open(p.path, data.WithClock(p.now))
	if err != nil {
		return nil, "", errors.New(text.UserMessage(err))
	}
	if p.tellAgent != nil {
		p.tellAgent("reopen") // a failure is logged; the agent's next start opens it anyway
	}
	return s, aside, nil
}

// confirmOtherJournal asks before a backup of another journal (its id is
// not the one the damaged journal still shows) takes the journal's place.
func (p *journalProblem) confirmOtherJournal() *dialog.ConfirmDialog {
	c := dialog.NewConfirm(lang.L("export.restore.otherTitle"),
		lang.L("export.restore.otherMessage", map[string]any{"When": backupWhen(*p.backup), "Path": p.path}),
		func(ok bool) {
			if ok {
				p.restoreNow(data.AllowOtherJournal())
			}
		}, p.win)
	c.SetConfirmText(lang.L("export.restore.otherConfirm"))
	c.Show()
	return c
}
