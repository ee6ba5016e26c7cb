package ui

import (
	"errors"

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

// clientsWindow is the Clients window: every client with their first and
// last win, wins, total and whether they came back, sorted by the latest
// win, the total or the climb, filtered as the user types. A client opens
// their ladder: each win a step, the step-ups marked, the wins listed, and
// the client can be renamed or merged into another (with undo).
type clientsWindow struct {
	ui       *UI
	win      fyne.Window
	currency data.Currency

	all   []data.Client // as the journal has them, the most recent first
	shown []data.Client // sorted and filtered
	order data.ClientOrder

	filter *mdwidget.EscEntry
	sort   *widget.RadioGroup
	count  *widget.Label
	list   *widget.List
	empty  *widget.Label
	listUI fyne.CanvasObject

	ladder    data.Ladder // the client on show; zero while the list shows
	name      *widget.Label
	summary   *widget.Label
	steps     *mdwidget.Ladder
	stepsList *fyne.Container
	back      *widget.Button
	rename    *widget.Button
	merge     *widget.Button
	ladderUI  fyne.CanvasObject

	undo undoOffer

	renaming *renameDialog
	merging  *mergeDialog
	content  *fyne.Container
}

// ShowClients shows the Clients window, with fresh numbers, at the list.
func (u *UI) ShowClients() *clientsWindow {
	if u.clients == nil {
		u.clients = newClientsWindow(u)
		u.watch()
	} else {
		u.clients.reload()
	}
	u.clients.win.Show()
	u.clients.win.RequestFocus()
	return u.clients
}

// ShowClientLadder shows the ladder of the client called name in the
// Clients window.
func (u *UI) ShowClientLadder(name string) *clientsWindow {
	c := u.ShowClients()
	c.showLadder(name)
	return c
}

func newClientsWindow(u *UI) *clientsWindow {
	c := &clientsWindow{ui: u, win: u.app.NewWindow(lang.L("clients.title"))}
	c.buildUI()
	c.win.Resize(fyne.NewSize(720, 640))
	c.win.SetOnClosed(func() {
		if u.clients == c {
			u.clients = nil
		}
		u.windowClosed()
	})
	u.addWindowKeys(c.win)
	c.reload()
	return c
}

func (c *clientsWindow) buildUI() {
	c.filter = mdwidget.NewEscEntry(c.onEscape)
	c.filter.SetPlaceHolder(lang.L("clients.filter"))
	c.filter.OnChanged = func(string) { c.showList() }
	c.filter.Keys = c.ui.keysFor(c.win, c.onEscape)
	c.sort = widget.NewRadioGroup([]string{lang.L("clients.sort.last"), lang.L("clients.sort.total"), lang.L("clients.sort.climb")}, c.onSort)
	c.sort.Horizontal = true
	c.sort.Required = true
	c.sort.Selected = c.sort.Options[c.order] // not SetSelected: the list is not built yet
	c.count = widget.NewLabel("")
	c.count.TextStyle = fyne.TextStyle{Bold: true}
	c.empty = widget.NewLabel("")
	c.empty.Wrapping = fyne.TextWrapWord
	c.empty.Hide()
	c.list = widget.NewList(
		func() int { return len(c.shown) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.TextStyle = fyne.TextStyle{Bold: true}
			name.Truncation = fyne.TextTruncateEllipsis
			line := newMutedText("")
			line.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(name, container.New(&mdwidget.TightLayout{}, line))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(c.shown) {
				return
			}
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(c.shown[i].Name)
			setMutedText(box.Objects[1].(*fyne.Container).Objects[0].(*widget.RichText), text.ClientSummary(c.shown[i], c.currency))
		},
	)
	c.list.OnSelected = func(i widget.ListItemID) {
		c.list.UnselectAll()
		if i < len(c.shown) {
			c.showLadder(c.shown[i].Name)
		}
	}
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, c.sort, c.filter),
		c.count, c.empty,
	)
	c.listUI = container.NewBorder(top, nil, nil, nil, c.list)

	c.back = widget.NewButtonWithIcon(lang.L("clients.back"), theme.NavigateBackIcon(), c.showListView)
	c.back.Importance = widget.LowImportance
	c.rename = widget.NewButtonWithIcon(lang.L("clients.rename"), theme.DocumentCreateIcon(), c.onRename)
	c.merge = widget.NewButtonWithIcon(lang.L("clients.merge"), theme.ContentCopyIcon(), c.onMerge)
	c.name = widget.NewLabel("")
	c.name.TextStyle = fyne.TextStyle{Bold: true}
	c.name.SizeName = theme.SizeNameSubHeadingText
	c.name.Truncation = fyne.TextTruncateEllipsis
	c.summary = widget.NewLabel("")
	c.summary.Wrapping = fyne.TextWrapWord
	c.steps = mdwidget.NewLadder()
	c.stepsList = container.NewVBox()
	head := container.NewVBox(
		container.NewBorder(nil, nil, c.back, container.NewHBox(c.rename, c.merge)),
		c.name, c.summary,
		container.NewHScroll(c.steps),
		widget.NewSeparator(),
	)
	c.ladderUI = container.NewBorder(head, nil, nil, nil, container.NewVScroll(c.stepsList))

	undoBar := c.undo.build(func(err error) { c.ui.showError(c.win, err) })

	c.content = container.NewBorder(nil, undoBar, nil, nil, c.listUI)
	c.win.SetContent(container.NewPadded(c.content))
	c.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape && !c.ui.escapeOverlay(c.win) {
			c.onEscape()
		}
	})
}

// relabel redraws the window in the language just chosen, keeping the
// filter, the order, the client on show and an open "Undo".
func (c *clientsWindow) relabel() {
	filter, name := c.filter.Text, c.ladder.Client.Name
	c.win.SetTitle(lang.L("clients.title"))
	c.buildUI()
	c.filter.SetText(filter)
	c.reload()
	if name != "" {
		c.showLadder(name)
	}
}

// reload reads the clients (and the client on show) from the journal.
func (c *clientsWindow) reload() {
	set, err := c.ui.store.Settings(c.ui.ctx)
	if err != nil {
		c.ui.showError(c.win, err)
		return
	}
	c.currency = set.Currency
	all, err := c.ui.store.Clients(c.ui.ctx)
	if err != nil {
		c.ui.showError(c.win, err)
		return
	}
	c.all = all
	c.showList()
	if c.ladder.Client.Key != "" {
		c.showLadder(c.ladder.Client.Name)
	}
}

// journalChanged shows what was written elsewhere; the UI's watcher calls
// it.
func (c *clientsWindow) journalChanged() {
	c.reload()
	c.undo.expire(c.ui.now())
}

// showList sorts and filters the clients into the list.
func (c *clientsWindow) showList() {
	sorted := append([]data.Client(nil), c.all...)
	data.SortClients(sorted, c.order)
	c.shown = data.FilterClients(sorted, c.filter.Text)
	returning := 0
	for _, cl := range c.all {
		if cl.Returning {
			returning++
		}
	}
	c.count.SetText(lang.L("clients.count", map[string]any{
		"Clients": text.Plural("clients.count.clients", len(c.all)), "Returning": text.Count(returning)}))
	switch {
	case len(c.all) == 0:
		c.empty.SetText(lang.L("clients.none"))
		c.empty.Show()
	case len(c.shown) == 0:
		c.empty.SetText(lang.L("clients.noMatch", map[string]any{"Filter": c.filter.Text}))
		c.empty.Show()
	default:
		c.empty.Hide()
	}
	c.list.Refresh()
}

// onSort sorts by the option picked.
func (c *clientsWindow) onSort(label string) {
	for i, o := range c.sort.Options {
		if o == label {
			c.order = data.ClientOrder(i)
		}
	}
	c.showList()
}

// showLadder shows the ladder of the client called name, or the list when
// there is no such client (any more).
func (c *clientsWindow) showLadder(name string) {
	l, err := c.ui.store.Ladder(c.ui.ctx, name)
	if errors.Is(err, data.ErrNotFound) {
		c.showListView()
		return
	}
	if err != nil {
		c.ui.showError(c.win, err)
		return
	}
	c.ladder = l
	c.name.SetText(l.Client.Name)
	c.summary.SetText(text.ClientSummary(l.Client, c.currency))
	steps := make([]mdwidget.LadderStep, len(l.Steps))
	rows := make([]fyne.CanvasObject, 0, len(l.Steps))
	for i, st := range l.Steps {
		s := mdwidget.LadderStep{Date: text.MediumDate(st.Day)}
		line := text.MediumDate(st.Day)
		if st.Amount != nil {
			s.Value, s.Amount = float64(*st.Amount), text.Amount(*st.Amount, c.currency)
			line += " · " + s.Amount
		}
		if st.StepUp > 0 {
			s.StepUp = text.Factor(st.StepUp)
			line += " · ▲ " + s.StepUp
		}
		steps[i] = s
		row := widget.NewLabel(st.Text)
		row.Wrapping = fyne.TextWrapWord
		meta := newMutedText(line)
		rows = append(rows, container.NewVBox(row, container.New(&mdwidget.TightLayout{}, meta)))
	}
	// The latest win first in the list, as in the other windows.
	for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
		rows[i], rows[j] = rows[j], rows[i]
	}
	c.steps.SetSteps(steps)
	c.stepsList.Objects = rows
	c.stepsList.Refresh()
	c.content.Objects[0] = c.ladderUI
	c.content.Refresh()
}

// showListView goes back from a ladder to the list.
func (c *clientsWindow) showListView() {
	c.ladder = data.Ladder{}
	c.content.Objects[0] = c.listUI
	c.content.Refresh()
	c.win.Canvas().Focus(c.filter)
}

// onEscape goes back from a ladder to the list, and closes the window from
// the list.
func (c *clientsWindow) onEscape() {
	switch {
	case c.renaming != nil || c.merging != nil:
		return // the dialog's own Escape
	case c.ladder.Client.Key != "":
		c.showListView()
	default:
		c.win.Close()
	}
}

// onRename asks for the client's new name.
func (c *clientsWindow) onRename() {
	c.renaming = c.newRenameDialog(c.ladder.Client.Name)
}

// onMerge asks which client this one is.
func (c *clientsWindow) onMerge() {
	c.merging = c.newMergeDialog(c.ladder.Client.Name)
}

// changed shows the client after a rename or merge and offers to undo it.
func (c *clientsWindow) changed(ch data.ClientChange, message func() string, show, showAfterUndo string) {
	c.undo.offer(message, func() error { return c.undoChange(ch, showAfterUndo) }, c.ui.now().Add(undoFor))
	c.reload()
	c.showLadder(show)
}

// undoChange puts the names back as they were before the rename or merge,
// and shows the client show.
func (c *clientsWindow) undoChange(ch data.ClientChange, show string) error {
	if err := c.ui.store.UndoClientChange(c.ui.ctx, ch); err != nil {
		return err
	}
	c.reload()
	c.showLadder(show)
	return nil
}

// renameDialog asks for a client's new name.
type renameDialog struct {
	name   string
	entry  *mdwidget.EscEntry
	hint   *widget.Label
	save   *widget.Button
	dialog *dialog.CustomDialog
}

func (c *clientsWindow) newRenameDialog(name string) *renameDialog {
	r := &renameDialog{name: name}
	close := func() {
		r.dialog.Hide()
		c.renaming = nil
	}
	r.entry = mdwidget.NewEscEntry(close)
	r.entry.SetText(name)
	r.entry.OnSubmitted = func(string) { c.onRenameSave() }
	r.hint = widget.NewLabel("")
	r.hint.Importance = widget.DangerImportance
	r.hint.Wrapping = fyne.TextWrapWord
	r.hint.Hide()
	r.save = widget.NewButtonWithIcon(lang.L("clients.rename.save"), theme.ConfirmIcon(), c.onRenameSave)
	r.save.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("main.edit.cancel"), theme.CancelIcon(), close)
	r.dialog = dialog.NewCustomWithoutButtons(lang.L("clients.rename.title", map[string]any{"Name": name}),
		container.NewVBox(r.entry, r.hint), c.win)
	r.dialog.SetButtons([]fyne.CanvasObject{cancel, r.save})
	r.dialog.Resize(fyne.NewSize(420, r.dialog.MinSize().Height))
	r.dialog.Show()
	c.win.Canvas().Focus(r.entry)
	return r
}

// onRenameSave renames the client; a name that is another client's stays
// in the dialog with the reason.
func (c *clientsWindow) onRenameSave() {
	r := c.renaming
	if r == nil {
		return
	}
	ch, err := c.ui.store.RenameClient(c.ui.ctx, r.name, r.entry.Text)
	if err != nil {
		var te *data.TextError
		if errors.Is(err, data.ErrClientExists) || errors.As(err, &te) {
			showHint(r.hint, text.UserMessage(err))
			return
		}
		c.ui.showError(c.win, err)
		return
	}
	r.dialog.Hide()
	c.renaming = nil
	newName := data.ClientKey(r.entry.Text)
	l, err := c.ui.store.Ladder(c.ui.ctx, newName)
	shown := r.entry.Text
	if err == nil {
		shown = l.Client.Name
	}
	from := r.name
	c.changed(ch, func() string { return lang.L("clients.undo.renamed", map[string]any{"From": from, "To": shown}) }, shown, from)
}

// mergeDialog asks which client a client is to be merged into, with the
// same suggestions as the capture.
type mergeDialog struct {
	name    string
	entry   *mdwidget.EscEntry
	clients *clientField
	hint    *widget.Label
	save    *widget.Button
	dialog  *dialog.CustomDialog
}

func (c *clientsWindow) newMergeDialog(name string) *mergeDialog {
	m := &mergeDialog{name: name}
	close := func() {
		m.dialog.Hide()
		c.merging = nil
	}
	m.entry = mdwidget.NewEscEntry(close)
	m.entry.SetPlaceHolder(lang.L("clients.merge.placeholder"))
	m.entry.OnSubmitted = func(string) { c.onMergeSave() }
	m.clients = c.ui.newClientField(&m.entry.Entry)
	m.clients.onPicked = func() { c.win.Canvas().Focus(m.entry) }
	m.hint = widget.NewLabel("")
	m.hint.Importance = widget.DangerImportance
	m.hint.Wrapping = fyne.TextWrapWord
	m.hint.Hide()
	help := hintLabel(lang.L("clients.merge.help", map[string]any{"Name": name}))
	m.save = widget.NewButtonWithIcon(lang.L("clients.merge.save"), theme.ConfirmIcon(), c.onMergeSave)
	m.save.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("main.edit.cancel"), theme.CancelIcon(), close)
	m.dialog = dialog.NewCustomWithoutButtons(lang.L("clients.merge.title", map[string]any{"Name": name}),
		container.NewVBox(help, m.entry, m.clients.suggestions, m.hint), c.win)
	m.dialog.SetButtons([]fyne.CanvasObject{cancel, m.save})
	m.dialog.Resize(fyne.NewSize(460, m.dialog.MinSize().Height))
	m.dialog.Show()
	c.win.Canvas().Focus(m.entry)
	return m
}

// onMergeSave merges the client into the one named; an unknown name stays
// in the dialog with the reason.
func (c *clientsWindow) onMergeSave() {
	m := c.merging
	if m == nil {
		return
	}
	ch, err := c.ui.store.MergeClients(c.ui.ctx, m.name, m.entry.Text)
	switch {
	case errors.Is(err, data.ErrNotFound):
		showHint(m.hint, lang.L("clients.merge.unknown", map[string]any{"Name": m.entry.Text}))
		return
	case errors.Is(err, data.ErrSameClient):
		showHint(m.hint, text.UserMessage(err))
		return
	case err != nil:
		c.ui.showError(c.win, err)
		return
	}
	m.dialog.Hide()
	c.merging = nil
	into := m.entry.Text
	if l, err := c.ui.store.Ladder(c.ui.ctx, into); err == nil {
		into = l.Client.Name
	}
	from := m.name
	c.changed(ch, func() string { return lang.L("clients.undo.merged", map[string]any{"From": from, "To": into}) }, into, from)
}
