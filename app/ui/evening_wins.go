package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"matchday/app/text"
	mdwidget "matchday/app/widget"
	"matchday/data"
)

// The evening window's wins: every day is editable, so a win forgotten
// yesterday is added to yesterday here (and marked "added later"), a typo
// in last week's win is fixed, a note written, a win deleted with undo.

// buildAddWin builds the line that adds a win to the day on show, with a
// "…" that opens its client (with suggestions) and amount.
func (e *eveningWindow) buildAddWin() {
	e.addEntry = mdwidget.NewEscEntry(nil)
	e.addEntry.SetPlaceHolder(lang.L("evening.addWin"))
	e.addEntry.OnSubmitted = func(string) { e.onAddWin() }
	e.addEntry.OnChanged = func(string) { e.addHint.Hide() }
	e.addEntry.Keys = e.ui.keysFor(e.win, e.onCloseRequested)
	e.addButton = widget.NewButtonWithIcon("", theme.ContentAddIcon(), e.onAddWin)
	e.addDetails = widget.NewButtonWithIcon("", theme.MoreHorizontalIcon(), e.onToggleAddDetails)
	e.addDetails.Importance = widget.LowImportance
	e.addClient = widget.NewEntry()
	e.addClient.SetPlaceHolder(lang.L("main.entry.client"))
	e.addClient.OnSubmitted = func(string) { e.onAddWin() }
	e.addClients = e.ui.newClientField(e.addClient)
	e.addAmount = widget.NewEntry()
	e.addAmount.SetPlaceHolder(lang.L("main.entry.amount"))
	e.addAmount.OnSubmitted = func(string) { e.onAddWin() }
	e.addClients.onPicked = func() { e.win.Canvas().Focus(e.addAmount) }
	e.addMore = container.NewVBox(container.NewGridWithColumns(2, e.addClient, e.addAmount), e.addClients.suggestions)
	e.addMore.Hide()
	e.addHint = widget.NewLabel("")
	e.addHint.Importance = widget.DangerImportance
	e.addHint.Wrapping = fyne.TextWrapWord
	e.addHint.Hide()
}

func (e *eveningWindow) onToggleAddDetails() {
	if e.addMore.Visible() {
		e.addMore.Hide()
		e.win.Canvas().Focus(e.addEntry)
	} else {
		e.addMore.Show()
		e.win.Canvas().Focus(e.addClient)
	}
	e.body.Refresh()
}

// onAddWin adds what is typed as a win of the day on show; bad input is
// refused inline and the text stays.
func (e *eveningWindow) onAddWin() {
	in, ok := readWin(&e.addEntry.Entry, e.addClient, e.addAmount, e.addHint)
	if !ok {
		e.body.Refresh()
		return
	}
	if _, err := e.ui.store.AddWin(e.ui.ctx, e.day, in); err != nil {
		if !showTextError(e.addHint, err) {
			e.ui.showError(e.win, err)
		}
		e.body.Refresh()
		return
	}
	e.addEntry.SetText("")
	e.addClient.SetText("")
	e.addAmount.SetText("")
	e.addHint.Hide()
	e.refreshAll()
	e.win.Canvas().Focus(e.addEntry)
}

// refreshAll shows the day again, and tells the other windows at once (they
// would see it on the watcher's next tick).
func (e *eveningWindow) refreshAll() {
	e.refreshDay()
	if m := e.ui.main; m != nil {
		m.reload()
	}
	if o := e.ui.overview; o != nil {
		o.refresh()
	}
}

// onEdit opens the editor for w: text, client, amount and note.
func (e *eveningWindow) onEdit(w data.Win) {
	e.editor = e.ui.editWin(e.win, w, e.currency, func(saved bool) {
		e.editor = nil
		if saved {
			e.refreshAll()
		}
	})
}

// onDelete deletes a win of the day on show and offers to undo it.
func (e *eveningWindow) onDelete(w data.Win) { e.ui.deleteWin(e.win, &e.undo, w, e.refreshAll) }

// cameBack names the clients who came back on the day on show, once each,
// in the order of their wins.
func (e *eveningWindow) cameBack() []string {
	var names []string
	seen := map[string]bool{}
	for _, b := range e.bookings {
		if b.Returning && !seen[b.Key] {
			seen[b.Key] = true
			names = append(names, b.Client)
		}
	}
	return names
}

// returningLine is the celebration's line for the clients who came back
// ("Came back today: Anna and Jonas"), or "".
func returningLine(names []string, today bool) string {
	if len(names) == 0 {
		return ""
	}
	key := "evening.celebration.cameBackDay"
	if today {
		key = "evening.celebration.cameBackToday"
	}
	return lang.L(key, map[string]any{"Names": text.Names(names)})
}
