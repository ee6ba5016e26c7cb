package ui

import (
	"log"
	"strings"
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

// winRow is one win in a list, with its edit and delete buttons: its text,
// a line with its client ("Anna · 3rd time · €800") and its note.
type winRow struct {
	win    data.Win
	lead   fyne.CanvasObject // the time, or an icon
	text   *widget.Label
	meta   *widget.RichText // nil without client, amount or mark
	note   *widget.RichText // nil without a note
	edit   *widget.Button
	delete *widget.Button
	box    fyne.CanvasObject
}

// newWinRow builds the row of w with lead on its left (the time, an icon)
// and meta under its text.
func newWinRow(w data.Win, lead fyne.CanvasObject, meta string, onEdit, onDelete func(data.Win)) *winRow {
	r := &winRow{win: w, lead: lead}
	r.text = widget.NewLabel(w.Text)
	r.text.Wrapping = fyne.TextWrapWord
	r.edit = widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { onEdit(w) })
	r.edit.Importance = widget.LowImportance
	r.delete = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { onDelete(w) })
	r.delete.Importance = widget.LowImportance

	lines := []fyne.CanvasObject{r.text}
	caption := func(s string, italic bool) *widget.RichText {
		l := newMutedText(s)
		seg := l.Segments[0].(*widget.TextSegment)
		seg.Style.SizeName = theme.SizeNameCaptionText
		seg.Style.TextStyle.Italic = italic
		l.Truncation = fyne.TextTruncateEllipsis
		lines = append(lines, container.New(&mdwidget.TightLayout{}, l))
		return l
	}
	if meta != "" {
		r.meta = caption(meta, false)
	}
	if w.Note != "" {
		r.note = caption(w.Note, true)
	}
	body := fyne.CanvasObject(r.text)
	if len(lines) > 1 {
		body = container.NewVBox(lines...)
	}
	// The lead and the buttons stay level with the text's first line when
	// a long win wraps.
	line := mdwidget.FirstLineLayout{Line: widget.NewLabel("0").MinSize().Height}
	r.box = container.NewBorder(nil, nil, container.New(line, lead), container.New(line, container.NewHBox(r.edit, r.delete)), body)
	return r
}

func (m *mainWindow) newWinRow(w data.Win) *winRow {
	at := newMutedText(w.CreatedAt.In(m.ui.now().Location()).Format("15:04"))
	return newWinRow(w, at, winMeta(w, m.bookings[w.UUID], m.currency), m.onEdit, m.onDelete)
}

// winMeta is the line under a win: its client, the how-many-th booking
// ("Anna · 3rd time"), its amount, and "added later" for a win logged on a
// later day.
func winMeta(w data.Win, b data.Booking, cur data.Currency) string {
	var parts []string
	switch {
	case w.Client != "":
		parts = append(parts, text.BookingMeta(w.Client, b.Number, w.Amount, cur))
	case w.Amount != nil:
		parts = append(parts, text.Amount(*w.Amount, cur))
	}
	if w.AddedLater {
		parts = append(parts, lang.L("wins.addedLater"))
	}
	return strings.Join(parts, " · ")
}

// bookingsByWin maps each win's UUID to its booking.
func bookingsByWin(bs []data.Booking) map[string]data.Booking {
	out := make(map[string]data.Booking, len(bs))
	for _, b := range bs {
		out[b.UUID] = b
	}
	return out
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

// winEditor is the dialog that edits one win, of today or of any past day:
// its text, client (with suggestions), amount and note.
type winEditor struct {
	ui      *UI
	parent  fyne.Window
	win     data.Win
	text    *mdwidget.EscEntry
	client  *mdwidget.EscEntry
	clients *clientField
	amount  *mdwidget.EscEntry
	note    *mdwidget.EscEntry
	hint    *widget.Label
	save    *widget.Button
	cancel  *widget.Button
	dialog  *dialog.CustomDialog
	// done runs when the dialog has closed, saved reporting whether the
	// win was saved.
	done func(saved bool)
	// saver autosaves the edit as a draft of the win (never the win),
	// until it is saved or cancelled; the draft comes back when the
	// editor opens again. loading is set while the editor fills itself.
	saver   *draftSaver
	loading bool
}

// editWin opens the editor for w over parent, with the edit a closed
// window left as a draft, if any.
func (u *UI) editWin(parent fyne.Window, w data.Win, cur data.Currency, done func(saved bool)) *winEditor {
	e := &winEditor{ui: u, parent: parent, win: w, done: done}
	e.saver = newDraftSaver(u.after, e.saveDraft)
	e.saver.failed = func(err error) { log.Printf("matchday: edit draft not saved: %v", err) }
	draft := data.WinDraft{Text: w.Text, Client: w.Client, Note: w.Note}
	if w.Amount != nil {
		draft.Amount = text.Amount(*w.Amount, cur)
	}
	if d, err := u.store.WinDraft(u.ctx, w.UUID); err == nil {
		draft = d
	}
	changed := func(string) {
		if !e.loading {
			e.saver.changed()
		}
	}
	e.loading = true
	e.text = mdwidget.NewEscEntry(e.onCancel)
	e.text.SetText(draft.Text)
	e.text.OnSubmitted = func(string) { e.onSave() }
	e.text.OnChanged = changed
	e.client = mdwidget.NewEscEntry(e.onCancel)
	e.client.SetPlaceHolder(lang.L("main.entry.client"))
	e.client.SetText(draft.Client)
	e.client.OnSubmitted = func(string) { e.onSave() }
	e.client.OnChanged = changed // the suggestions chain on to it
	e.clients = u.newClientField(&e.client.Entry)
	e.clients.onPicked = func() { parent.Canvas().Focus(e.amount) }
	e.amount = mdwidget.NewEscEntry(e.onCancel)
	e.amount.SetPlaceHolder(lang.L("main.entry.amount"))
	e.amount.SetText(draft.Amount)
	e.amount.OnSubmitted = func(string) { e.onSave() }
	e.amount.OnChanged = changed
	e.note = mdwidget.NewEscEntry(e.onCancel)
	e.note.SetPlaceHolder(lang.L("main.entry.note"))
	e.note.SetText(draft.Note)
	e.note.OnSubmitted = func(string) { e.onSave() }
	e.note.OnChanged = changed
	e.loading = false
	e.hint = widget.NewLabel("")
	e.hint.Importance = widget.DangerImportance
	e.hint.Wrapping = fyne.TextWrapWord
	e.hint.Hide()
	e.save = widget.NewButtonWithIcon(lang.L("main.edit.save"), theme.ConfirmIcon(), e.onSave)
	e.save.Importance = widget.HighImportance
	e.cancel = widget.NewButtonWithIcon(lang.L("main.edit.cancel"), theme.CancelIcon(), e.onCancel)

	content := container.NewVBox(e.text, container.NewGridWithColumns(2, e.client, e.amount), e.clients.suggestions, e.note, e.hint)
	e.dialog = dialog.NewCustomWithoutButtons(lang.L("main.edit.title"), content, parent)
	e.dialog.SetButtons([]fyne.CanvasObject{e.cancel, e.save})
	size := parent.Canvas().Size()
	e.dialog.Resize(fyne.NewSize(min(size.Width-2*theme.Padding(), 520), e.dialog.MinSize().Height))
	e.dialog.Show()
	parent.Canvas().Focus(e.text)
	e.text.CursorColumn = utf8.RuneCountInString(draft.Text) // to add to the end
	e.text.Refresh()
	return e
}

// onSave saves the editor's win; bad input stays in the open dialog.
func (e *winEditor) onSave() {
	in, ok := readWin(&e.text.Entry, &e.client.Entry, &e.amount.Entry, e.hint)
	if !ok {
		return
	}
	in.Note = e.note.Text
	if _, err := e.ui.store.EditWin(e.ui.ctx, e.win.UUID, in); err != nil {
		if showTextError(e.hint, err) {
			return
		}
		e.ui.showError(e.parent, err)
		return
	}
	e.forgetDraft()
	e.dialog.Hide()
	e.done(true)
}

// onCancel closes the editor and forgets its edit: the user said so.
func (e *winEditor) onCancel() {
	e.forgetDraft()
	e.dialog.Hide()
	e.done(false)
}

// saveDraft stores what the editor holds as a draft of its win.
func (e *winEditor) saveDraft() error {
	return e.ui.store.SaveWinDraft(e.ui.ctx, data.WinDraft{Of: e.win.UUID, Text: e.text.Text,
		Client: e.client.Text, Amount: e.amount.Text, Note: e.note.Text})
}

// saveDraftNow saves the edit at once (the window closing, the program
// quitting); failed hears of a save that did not happen.
func (e *winEditor) saveDraftNow(failed func(error)) {
	e.saver.failed = failed
	_ = e.saver.saveNow()
}

// forgetDraft drops the edit's draft once the edit is saved or cancelled.
func (e *winEditor) forgetDraft() {
	e.saver.discard()
	if err := e.ui.store.SaveWinDraft(e.ui.ctx, data.WinDraft{Of: e.win.UUID}); err != nil {
		log.Printf("matchday: forget the edit draft: %v", err)
	}
}

// onEdit opens the editor for w.
func (m *mainWindow) onEdit(w data.Win) {
	m.editor = m.ui.editWin(m.win, w, m.currency, func(saved bool) {
		m.editor = nil
		if saved {
			m.reload()
		}
		m.win.Canvas().Focus(m.entry)
	})
}

func (m *mainWindow) onEditCancel() {
	if m.editor != nil {
		m.editor.onCancel()
		return
	}
	m.win.Canvas().Focus(m.entry)
}

// onTypedKey gets the keys no widget has taken: Escape closes the editor
// when nothing in it has the cursor.
func (m *mainWindow) onTypedKey(k *fyne.KeyEvent) {
	switch {
	case k.Name != fyne.KeyEscape:
	case m.editor != nil:
		m.onEditCancel()
	default:
		m.ui.escapeOverlay(m.win) // a dialog
	}
}
