package ui

import (
	"log"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	mdwidget "matchday/app/widget"
	"matchday/data"
)

// winRow is one of today's wins in the list, with its edit and delete
// buttons.
type winRow struct {
	win    data.Win
	text   *widget.Label
	edit   *widget.Button
	delete *widget.Button
	box    fyne.CanvasObject
}

func (m *mainWindow) newWinRow(w data.Win) *winRow {
	r := &winRow{win: w}
	r.text = widget.NewLabel(w.Text)
	r.text.Wrapping = fyne.TextWrapWord
	r.edit = widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { m.onEdit(w) })
	r.edit.Importance = widget.LowImportance
	r.delete = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { m.onDelete(w) })
	r.delete.Importance = widget.LowImportance

	at := newMutedText(w.CreatedAt.In(m.ui.now().Location()).Format("15:04"))
	body := fyne.CanvasObject(r.text)
	if meta := winMeta(w); meta != "" {
		l := newMutedText(meta)
		l.Segments[0].(*widget.TextSegment).Style.SizeName = theme.SizeNameCaptionText
		l.Truncation = fyne.TextTruncateEllipsis
		body = container.NewVBox(r.text, container.New(&mdwidget.TightLayout{}, l))
	}
	r.box = container.NewBorder(nil, nil, at, container.NewHBox(r.edit, r.delete), body)
	return r
}

// winMeta is the line under a win: its client and amount.
func winMeta(w data.Win) string {
	switch {
	case w.Client != "" && w.Amount != nil:
		return w.Client + " · " + w.Amount.String()
	case w.Client != "":
		return w.Client
	case w.Amount != nil:
		return w.Amount.String()
	}
	return ""
}

// showWins lists the day's wins, newest first.
func (m *mainWindow) showWins() {
	m.rows = m.rows[:0]
	objs := make([]fyne.CanvasObject, 0, 2*len(m.view.Wins))
	for i, w := range m.view.Wins {
		if i > 0 {
			objs = append(objs, widget.NewSeparator())
		}
		r := m.newWinRow(w)
		m.rows = append(m.rows, r)
		objs = append(objs, r.box)
	}
	m.winsBox.Objects = objs
	m.winsBox.Refresh()
	if len(m.view.Wins) == 0 {
		m.noWins.Show()
	} else {
		m.noWins.Hide()
	}
}

// winEditor is the dialog that edits one win.
type winEditor struct {
	win    data.Win
	text   *mdwidget.EscEntry
	client *mdwidget.EscEntry
	amount *mdwidget.EscEntry
	hint   *widget.Label
	save   *widget.Button
	cancel *widget.Button
	dialog *dialog.CustomDialog
	// saver autosaves the edit as a draft of the win, until it is saved
	// or cancelled.
	saver   *draftSaver
	loading bool
}

// onEdit opens the editor for w, with the edit a closed window left as a
// draft, if any.
func (m *mainWindow) onEdit(w data.Win) {
	e := &winEditor{win: w}
	e.saver = newDraftSaver(m.ui.after, func() error {
		return m.ui.store.SaveWinDraft(m.ui.ctx, data.WinDraft{Of: w.UUID, Text: e.text.Text, Client: e.client.Text, Amount: e.amount.Text})
	})
	e.saver.failed = func(err error) { log.Printf("matchday: edit draft not saved: %v", err) }
	changed := func(string) {
		if !e.loading {
			e.saver.changed()
		}
	}
	draft := data.WinDraft{Text: w.Text, Client: w.Client}
	if w.Amount != nil {
		draft.Amount = w.Amount.String()
	}
	if d, err := m.ui.store.WinDraft(m.ui.ctx, w.UUID); err == nil {
		draft = d
	}
	e.loading = true
	e.text = mdwidget.NewEscEntry(m.onEditCancel)
	e.text.SetText(draft.Text)
	e.text.OnSubmitted = func(string) { m.onEditSave() }
	e.text.OnChanged = changed
	e.client = mdwidget.NewEscEntry(m.onEditCancel)
	e.client.SetPlaceHolder(lang.L("main.entry.client"))
	e.client.SetText(draft.Client)
	e.client.OnSubmitted = func(string) { m.onEditSave() }
	e.client.OnChanged = changed
	e.amount = mdwidget.NewEscEntry(m.onEditCancel)
	e.amount.SetPlaceHolder(lang.L("main.entry.amount"))
	e.amount.SetText(draft.Amount)
	e.amount.OnSubmitted = func(string) { m.onEditSave() }
	e.amount.OnChanged = changed
	e.loading = false
	e.hint = widget.NewLabel("")
	e.hint.Importance = widget.DangerImportance
	e.hint.Wrapping = fyne.TextWrapWord
	e.hint.Hide()
	e.save = widget.NewButtonWithIcon(lang.L("main.edit.save"), theme.ConfirmIcon(), m.onEditSave)
	e.save.Importance = widget.HighImportance
	e.cancel = widget.NewButtonWithIcon(lang.L("main.edit.cancel"), theme.CancelIcon(), m.onEditCancel)

	content := container.NewVBox(e.text, container.NewGridWithColumns(2, e.client, e.amount), e.hint)
	e.dialog = dialog.NewCustomWithoutButtons(lang.L("main.edit.title"), content, m.win)
	e.dialog.SetButtons([]fyne.CanvasObject{e.cancel, e.save})
	size := m.win.Canvas().Size()
	e.dialog.Resize(fyne.NewSize(min(size.Width-2*theme.Padding(), 520), e.dialog.MinSize().Height))
	m.editor = e
	e.dialog.Show()
	m.win.Canvas().Focus(e.text)
	e.text.CursorColumn = utf8.RuneCountInString(draft.Text) // to add to the end
	e.text.Refresh()
}

// onEditSave saves the editor's win; bad input stays in the open dialog.
func (m *mainWindow) onEditSave() {
	e := m.editor
	if e == nil {
		return
	}
	in, ok := m.readWin(&e.text.Entry, &e.client.Entry, &e.amount.Entry, e.hint)
	if !ok {
		return
	}
	if _, err := m.ui.store.EditWin(m.ui.ctx, e.win.UUID, in); err != nil {
		if showTextError(e.hint, err) {
			return
		}
		m.ui.showError(m.win, err)
		return
	}
	m.editor = nil
	e.saver.discard()
	m.dropWinDraft(e.win.UUID)
	e.dialog.Hide()
	m.reload()
	m.win.Canvas().Focus(m.entry)
}

// onEditCancel closes the editor and forgets its edit: the user said so.
func (m *mainWindow) onEditCancel() {
	if e := m.editor; e != nil {
		e.saver.discard()
		m.dropWinDraft(e.win.UUID)
		e.dialog.Hide()
		m.editor = nil
	}
	m.win.Canvas().Focus(m.entry)
}

// onTypedKey gets the keys no widget has taken: Escape closes the editor
// when nothing in it has the cursor.
func (m *mainWindow) onTypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && m.editor != nil {
		m.onEditCancel()
	}
}
