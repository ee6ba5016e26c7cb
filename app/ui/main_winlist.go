package ui

import (
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"matchday/app/text"
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
		return w.Client + " · " + text.Amount(*w.Amount)
	case w.Client != "":
		return w.Client
	case w.Amount != nil:
		return text.Amount(*w.Amount)
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
}

// onEdit opens the editor for w.
func (m *mainWindow) onEdit(w data.Win) {
	e := &winEditor{win: w}
	e.text = mdwidget.NewEscEntry(m.onEditCancel)
	e.text.SetText(w.Text)
	e.text.OnSubmitted = func(string) { m.onEditSave() }
	e.client = mdwidget.NewEscEntry(m.onEditCancel)
	e.client.SetPlaceHolder(lang.L("main.entry.client"))
	e.client.SetText(w.Client)
	e.client.OnSubmitted = func(string) { m.onEditSave() }
	e.amount = mdwidget.NewEscEntry(m.onEditCancel)
	e.amount.SetPlaceHolder(lang.L("main.entry.amount"))
	if w.Amount != nil {
		e.amount.SetText(text.Amount(*w.Amount))
	}
	e.amount.OnSubmitted = func(string) { m.onEditSave() }
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
	e.text.CursorColumn = utf8.RuneCountInString(w.Text) // to add to the end
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
	e.dialog.Hide()
	m.reload()
	m.win.Canvas().Focus(m.entry)
}

func (m *mainWindow) onEditCancel() {
	if m.editor != nil {
		m.editor.dialog.Hide()
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
