package ui

import (
	"bytes"
	"errors"
	"io"
	"log"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"matchday/app/text"
	"matchday/data"
)

// This file holds the journal's data actions for the menus and Settings:
// export, import, back up and restore. Each shows its dialogs on top of the
// window it is given, and tells the user in plain words what happened.

// exportForm is the export dialog: the format, then the file to write.
type exportForm struct {
	ui     *UI
	win    fyne.Window
	format *widget.RadioGroup
	dialog *dialog.ConfirmDialog
}

// exportDialog asks for a format and then where to save the export.
func (u *UI) exportDialog(w fyne.Window) *exportForm {
	f := &exportForm{ui: u, win: w}
	f.buildUI()
	f.dialog.Show()
	return f
}

func (f *exportForm) buildUI() {
	labels := make([]string, len(text.ExportFormats))
	for i, format := range text.ExportFormats {
		labels[i] = lang.L("export.format." + format)
	}
	f.format = widget.NewRadioGroup(labels, nil)
	f.format.Required = true
	f.format.SetSelected(labels[0])
	intro := widget.NewLabel(lang.L("export.dialog.intro"))
	f.dialog = dialog.NewCustomConfirm(lang.L("export.dialog.title"), lang.L("export.dialog.choose"), lang.L("export.dialog.cancel"),
		container.NewVBox(intro, f.format), f.onChoose, f.win)
}

// selected returns the chosen format (one of text.ExportFormats).
func (f *exportForm) selected() string {
	for i, format := range text.ExportFormats {
		if f.format.Selected == lang.L("export.format."+format) {
			return text.ExportFormats[i]
		}
	}
	return text.FormatJSON
}

func (f *exportForm) onChoose(ok bool) {
	if !ok {
		return
	}
	format := f.selected()
	save := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		f.ui.onExportChosen(f.win, format, wc, err)
	}, f.win)
	day, _ := f.ui.store.Today(f.ui.ctx)
	save.SetFileName(text.DefaultExportName(day, format))
	save.SetFilter(storage.NewExtensionFileFilter([]string{"." + text.ExportExtension(format)}))
	save.Show()
}

// onExportChosen writes the export to the file the save dialog returned.
// The dialog has already created the file; the export goes to a temporary
// file beside it that replaces it only when complete, and on failure the
// empty file is removed again, so nothing half-written is left behind.
func (u *UI) onExportChosen(w fyne.Window, format string, wc fyne.URIWriteCloser, err error) {
	if err != nil {
		u.showError(w, err)
		return
	}
	if wc == nil {
		return // cancelled
	}
	uri := wc.URI()
	if uri.Scheme() != "file" {
		u.exportToURI(w, format, wc)
		return
	}
	wc.Close()
	path := uri.Path()
	u.runTask(w, lang.L("task.export"), func() error {
		err := text.ExportFile(u.ctx, u.store, format, path)
		if err != nil {
			if info, serr := os.Stat(path); serr == nil && info.Size() == 0 {
				os.Remove(path)
			}
		}
		return err
	}, func(err error) {
		if err != nil {
			u.showError(w, err)
			return
		}
		dialog.ShowInformation(lang.L("export.done.title"), lang.L("export.done", map[string]any{"Path": path}), w)
	})
}

// exportToURI writes an export where the system's file chooser put it (a
// document portal, say), only after the whole export has been made.
func (u *UI) exportToURI(w fyne.Window, format string, wc fyne.URIWriteCloser) {
	u.runTask(w, lang.L("task.export"), func() error {
		var buf bytes.Buffer
		err := text.ExportTo(u.ctx, u.store, format, &buf)
		if err == nil {
			_, err = wc.Write(buf.Bytes())
		}
		if cerr := wc.Close(); err == nil {
			err = cerr
		}
		if err != nil && !errors.Is(err, data.ErrCorrupt) {
			err = &text.WriteError{Path: wc.URI().String(), Err: err}
		}
		return err
	}, func(err error) {
		if err != nil {
			u.showError(w, err)
			return
		}
		dialog.ShowInformation(lang.L("export.done.title"), lang.L("export.done", map[string]any{"Path": wc.URI().String()}), w)
	})
}

// importDialog lets the user pick a JSON export, asks once more, and
// imports it.
func (u *UI) importDialog(w fyne.Window) {
	open := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) { u.onImportChosen(w, rc, err) }, w)
	open.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	open.Show()
}

// onImportChosen asks whether to import the chosen file and does it.
func (u *UI) onImportChosen(w fyne.Window, rc fyne.URIReadCloser, err error) *dialog.ConfirmDialog {
	if err != nil {
		u.showError(w, err)
		return nil
	}
	if rc == nil {
		return nil // cancelled
	}
	name := rc.URI().Name()
	confirm := dialog.NewConfirm(lang.L("export.import.title"), lang.L("export.import.confirm", map[string]any{"Path": name}),
		func(ok bool) {
			if !ok {
				rc.Close()
				return
			}
			u.importFrom(w, name, rc)
		}, w)
	confirm.SetConfirmText(lang.L("export.import.button"))
	confirm.SetDismissText(lang.L("export.dialog.cancel"))
	confirm.Show()
	return confirm
}

// importFrom imports a JSON export (closing r when r is an io.Closer) and
// says what it did.
func (u *UI) importFrom(w fyne.Window, name string, r io.Reader) {
	var res data.ImportResult
	started := u.runTask(w, lang.L("task.import", map[string]any{"Path": name}), func() error {
		if c, ok := r.(io.Closer); ok {
			defer c.Close()
		}
		var err error
		res, err = u.store.Import(u.ctx, r)
		return err
	}, func(err error) {
		if err != nil {
			log.Printf("matchday: import %s: %v", name, err)
			msg := lang.L("export.error.importFailed", map[string]any{"Path": name}) + " " + text.UserMessage(err)
			dialog.ShowError(errors.New(msg), w)
			return
		}
		dialog.ShowInformation(lang.L("export.import.done"), text.ImportSummary(res), w)
	})
	if c, ok := r.(io.Closer); ok && !started {
		c.Close()
	}
}

// backupNow writes a backup into the backups folder and says where.
func (u *UI) backupNow(w fyne.Window) {
	var path string
	u.runTask(w, lang.L("task.backup"), func() error {
		var err error
		path, err = u.store.BackupNow(u.ctx)
		return err
	}, func(err error) {
		if err != nil {
			log.Printf("matchday: back up: %v", err)
			dialog.ShowError(errors.New(lang.L("export.error.backup", map[string]any{"Path": path, "Reason": text.Reason(err)})), w)
			return
		}
		dialog.ShowInformation(lang.L("export.backup.title"), lang.L("export.backup.done", map[string]any{"Path": path}), w)
	})
}

// restoreForm is the restore dialog: the backups in the backups folder, or
// any other file.
type restoreForm struct {
	ui      *UI
	win     fyne.Window
	backups []data.BackupFile
	choice  *widget.Select
	restore *widget.Button
	other   *widget.Button
	dialog  dialog.Dialog
}

// restoreDialog lists the backups; the chosen one is restored after a
// confirmation, and after backing up the current state.
func (u *UI) restoreDialog(w fyne.Window) *restoreForm {
	f := &restoreForm{ui: u, win: w}
	backups, err := u.store.Backups()
	if err != nil {
		u.showError(w, err)
		return nil
	}
	f.backups = backups
	f.buildUI()
	f.dialog.Show()
	return f
}

func (f *restoreForm) buildUI() {
	names := make([]string, len(f.backups))
	for i, b := range f.backups {
		names[i] = backupLabel(b)
	}
	f.choice = widget.NewSelect(names, func(string) { f.restore.Enable() })
	f.restore = widget.NewButton(lang.L("export.restore.button"), f.onRestore)
	f.restore.Importance = widget.HighImportance
	f.restore.Disable()
	f.other = widget.NewButton(lang.L("export.restore.other"), f.onOther)
	folder := widget.NewLabel(lang.L("export.backup.folder", map[string]any{"Path": f.ui.store.BackupDir()}))
	folder.Wrapping = fyne.TextWrapBreak
	var pick fyne.CanvasObject = widget.NewLabel(lang.L("export.restore.none"))
	if len(names) > 0 {
		f.choice.SetSelectedIndex(0)
		pick = container.NewVBox(widget.NewLabel(lang.L("export.restore.pick")), f.choice)
	}
	content := container.NewVBox(folder, pick, container.NewHBox(f.restore, f.other))
	f.dialog = dialog.NewCustom(lang.L("export.restore.title"), lang.L("export.dialog.cancel"), content, f.win)
	f.dialog.Resize(fyne.NewSize(520, 0))
}

// backupLabel names a backup for the list: when, what kind, how large and
// how many wins it holds. The list holds only this journal's backups.
func backupLabel(b data.BackupFile) string {
	wins := lang.L("export.restore.winsUnknown")
	if b.Wins >= 0 {
		wins = text.Plural("export.restore.wins", b.Wins)
	}
	return backupWhen(b) + " · " + lang.L("export.kind."+b.Kind) + " · " + fileSize(b.Size) + " · " + wins
}

// fileSize is a file's size in whole kilobytes, at least 1 KB.
func fileSize(n int64) string {
	return text.Count(int(max(1, (n+512)/1024))) + " KB"
}

// backupWhen is when a backup was taken, in the user's words.
func backupWhen(b data.BackupFile) string {
	if b.Kind == data.BackupDaily {
		return text.WeekdayName(b.Day.Weekday()) + ", " + b.Day.Date(time.UTC).Format(lang.L("export.md.dateLayout"))
	}
	local := b.Time.Local()
	return local.Format(lang.L("export.md.dateLayout")) + " " + local.Format("15:04:05")
}

func (f *restoreForm) onRestore() {
	i := f.choice.SelectedIndex()
	if i < 0 || i >= len(f.backups) {
		return
	}
	f.confirm(f.backups[i].Path, backupWhen(f.backups[i]))
}

func (f *restoreForm) onOther() {
	open := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			f.ui.showError(f.win, err)
			return
		}
		if rc == nil {
			return
		}
		rc.Close()
		f.confirm(rc.URI().Path(), rc.URI().Name())
	}, f.win)
	open.SetFilter(storage.NewExtensionFileFilter([]string{".db"}))
	open.Show()
}

// confirm asks before replacing the journal with the backup at path.
func (f *restoreForm) confirm(path, when string) *dialog.ConfirmDialog {
	c := dialog.NewConfirm(lang.L("export.restore.title"), lang.L("export.restore.confirm", map[string]any{"When": when}),
		func(ok bool) {
			if ok {
				f.dialog.Hide()
				f.ui.restoreFrom(f.win, path, when)
			}
		}, f.win)
	c.SetConfirmText(lang.L("export.restore.button"))
	c.SetDismissText(lang.L("export.dialog.cancel"))
	c.Show()
	return c
}

// restoreFrom restores the backup at path and says where the state before
// it was saved, off the UI goroutine. A backup of another journal asks a
// second question first, and is restored only after a yes.
func (u *UI) restoreFrom(w fyne.Window, path, when string, opts ...data.RestoreOption) {
	var before string
	u.runTask(w, lang.L("task.restore", map[string]any{"When": when}), func() error {
		var err error
		before, err = u.store.Restore(u.ctx, path, opts...)
		return err
	}, func(err error) {
		if errors.Is(err, data.ErrOtherJournal) && len(opts) == 0 {
			u.confirmOtherJournal(w, when, func() { u.restoreFrom(w, path, when, data.AllowOtherJournal()) })
			return
		}
		if err != nil {
			log.Printf("matchday: restore %s: %v", path, err)
			dialog.ShowError(errors.New(lang.L("export.error.restore", map[string]any{"Reason": text.UserMessage(err)})), w)
			return
		}
		dialog.ShowInformation(lang.L("export.restore.doneTitle"), lang.L("export.restore.done", map[string]any{"When": when, "Path": before}), w)
	})
}

// confirmOtherJournal is the second question before a backup of another
// journal replaces this one: yes runs restore.
func (u *UI) confirmOtherJournal(w fyne.Window, when string, restore func()) *dialog.ConfirmDialog {
	c := dialog.NewConfirm(lang.L("export.restore.otherTitle"),
		lang.L("export.restore.otherMessage", map[string]any{"When": when, "Path": u.store.Path()}),
		func(ok bool) {
			if ok {
				restore()
			}
		}, w)
	c.SetConfirmText(lang.L("export.restore.otherConfirm"))
	c.SetDismissText(lang.L("export.dialog.cancel"))
	c.Show()
	return c
}
