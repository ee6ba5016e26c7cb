package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"matchday/app/text"
	"matchday/data"
)

// syncSettings is the settings window's "Sync through a folder" section:
// the folder, this device's name, the passphrase, the encryption switch,
// "Sync now" and what the last pass did. A pass runs off the UI goroutine;
// the section says so meanwhile.
type syncSettings struct {
	s *settingsWindow

	folder     *widget.Label
	choose     *widget.Button
	device     *widget.Entry
	passphrase *widget.Entry
	encrypt    *widget.Check
	syncNow    *widget.Button
	status     *widget.Label
	current    string // the folder set, "" when none

	// pickFolder asks for a folder and calls back with it (a folder
	// dialog; tests answer at once). async runs a pass (a goroutine;
	// tests run it inline).
	pickFolder func(func(string))
	async      func(func())
}

func newSyncSettings(s *settingsWindow) *syncSettings {
	y := &syncSettings{s: s, async: func(f func()) { go f() }}
	y.pickFolder = func(done func(string)) {
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				done(u.Path())
			}
		}, s.win)
		d.Resize(fyne.NewSize(600, 500))
		d.Show()
	}
	return y
}

// build makes the section's widgets from the stored state and returns its
// rows.
func (y *syncSettings) build() []formRow {
	st, err := y.s.ui.store.SyncStatus(y.s.ui.ctx)
	if err != nil {
		y.s.ui.showError(y.s.win, err)
	}
	y.current = st.Folder
	y.folder = widget.NewLabel(st.Folder)
	if st.Folder == "" {
		y.folder.SetText(lang.L("settings.sync.noFolder"))
	}
	y.folder.Wrapping = fyne.TextWrapBreak
	y.choose = widget.NewButtonWithIcon(lang.L("settings.sync.choose"), theme.FolderOpenIcon(), y.onChoose)
	y.device = widget.NewEntry()
	y.device.SetText(st.Device.Name)
	y.device.OnChanged = y.onDeviceName
	y.passphrase = widget.NewPasswordEntry()
	y.passphrase.SetText(st.Passphrase)
	y.passphrase.SetPlaceHolder(lang.L("settings.sync.passphrase.placeholder"))
	y.encrypt = widget.NewCheck(lang.L("settings.sync.encrypt"), nil)
	y.encrypt.Checked = st.Folder == "" || st.Encrypted
	y.encrypt.OnChanged = y.onEncrypt
	y.syncNow = widget.NewButtonWithIcon(lang.L("settings.sync.now"), theme.ViewRefreshIcon(), y.onSyncNow)
	y.status = widget.NewLabel(text.LastSync(st.Last))
	y.status.Wrapping = fyne.TextWrapWord
	if st.Folder == "" {
		y.status.SetText(lang.L("settings.sync.intro"))
		y.syncNow.Disable()
	}
	return []formRow{
		{lang.L("settings.sync.folder"), container.NewBorder(nil, nil, nil, container.NewVBox(y.choose), y.folder)},
		{lang.L("settings.sync.device"), container.NewVBox(y.device, hint(lang.L("settings.sync.device.hint")))},
		{lang.L("settings.sync.passphrase"), container.NewVBox(y.passphrase, hint(lang.L("settings.sync.passphrase.hint")))},
		{"", container.NewVBox(y.encrypt, hint(lang.L("settings.sync.encrypt.hint")))},
		{"", container.NewVBox(container.NewHBox(y.syncNow), y.status)},
	}
}

func (y *syncSettings) onChoose() {
	y.pickFolder(func(folder string) { y.run(folder, data.EncryptionKeep) })
}

func (y *syncSettings) onSyncNow() { y.run("", data.EncryptionKeep) }

func (y *syncSettings) onEncrypt(on bool) {
	if y.current == "" {
		return // no folder yet: the first pass takes the choice
	}
	if on {
		y.run("", data.EncryptionOn)
	} else {
		y.run("", data.EncryptionOff)
	}
}

func (y *syncSettings) onDeviceName(name string) {
	if err := y.s.ui.store.SetDeviceName(y.s.ui.ctx, name); err != nil {
		y.status.SetText(text.UserMessage(err))
	}
}

// run runs a pass through folder ("" the one set) with the passphrase
// typed, and shows what it did; a new folder takes the encryption switch.
func (y *syncSettings) run(folder string, enc data.Encryption) {
	opts := data.SyncOptions{Passphrase: strings.TrimSpace(y.passphrase.Text), Encryption: enc}
	if folder != "" && !y.encrypt.Checked {
		opts.Encryption = data.EncryptionOff
	}
	y.choose.Disable()
	y.syncNow.Disable()
	y.status.SetText(lang.L("settings.sync.running"))
	store, ctx := y.s.ui.store, y.s.ui.ctx
	y.async(func() {
		rep, err := store.Sync(ctx, folder, opts)
		fyne.Do(func() { y.done(rep, err) })
	})
}

// done shows a pass's result; a passphrase made up for a new folder is
// shown in a dialog, to be written down.
func (y *syncSettings) done(rep data.SyncReport, err error) {
	y.choose.Enable()
	y.syncNow.Enable()
	if err != nil {
		y.status.SetText(text.SyncMessage(err))
		if y.current == "" {
			y.syncNow.Disable()
		}
		return
	}
	y.current = rep.Folder
	y.folder.SetText(rep.Folder)
	y.status.SetText(strings.Join(text.SyncSummary(rep), "\n"))
	y.encrypt.OnChanged = nil
	y.encrypt.SetChecked(rep.Encrypted)
	y.encrypt.OnChanged = y.onEncrypt
	if rep.NewPassphrase != "" {
		y.passphrase.SetText(rep.NewPassphrase)
		dialog.ShowInformation(lang.L("settings.sync.newPassphrase.title"),
			lang.L("settings.sync.newPassphrase.message", map[string]any{"Passphrase": rep.NewPassphrase}), y.s.win)
	}
}
