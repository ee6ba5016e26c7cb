package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"matchday/data"
)

// undoFor is how long an "Undo" stays offered.
const undoFor = 8 * time.Second

// undoOffer is the line under a list that offers to take back what the
// user just did there — a win deleted, a client renamed or merged — until
// it expires. Its zero value offers nothing; build makes its widgets (again
// after a change of language, keeping an open offer).
type undoOffer struct {
	bar    *fyne.Container
	label  *widget.Label
	button *widget.Button

	say    func() string // the line, in the language on show
	undo   func() error  // nil when nothing is offered
	until  time.Time
	failed func(error)
}

// build makes the offer's line, hidden unless an offer is open; failed
// shows an undo that could not be done.
func (o *undoOffer) build(failed func(error)) fyne.CanvasObject {
	o.failed = failed
	o.label = widget.NewLabel("")
	o.label.Truncation = fyne.TextTruncateEllipsis
	o.button = widget.NewButtonWithIcon(lang.L("main.undo.button"), theme.ContentUndoIcon(), o.onUndo)
	o.bar = container.NewBorder(nil, nil, nil, o.button, o.label)
	o.bar.Hide()
	if o.undo != nil {
		o.label.SetText(o.say())
		o.bar.Show()
	}
	return o.bar
}

// offer shows the line say gives and offers undo until the time given.
func (o *undoOffer) offer(say func() string, undo func() error, until time.Time) {
	o.say, o.undo, o.until = say, undo, until
	o.label.SetText(say())
	o.bar.Show()
}

// shown reports whether an offer is open.
func (o *undoOffer) shown() bool { return o.undo != nil }

// onUndo takes the change back; the offer stays when that fails.
func (o *undoOffer) onUndo() {
	if o.undo == nil {
		return
	}
	if err := o.undo(); err != nil {
		o.failed(err)
		return
	}
	o.hide()
}

// expire lets an offer go once its time has passed.
func (o *undoOffer) expire(now time.Time) {
	if o.undo != nil && !now.Before(o.until) {
		o.hide()
	}
}

// hide withdraws the offer.
func (o *undoOffer) hide() {
	o.undo, o.say = nil, nil
	if o.bar != nil {
		o.bar.Hide()
	}
}

// deleteWin deletes w, shows it gone (refresh) and offers in undo, for
// undoFor, to bring it back exactly as it was; an error is shown over win.
func (u *UI) deleteWin(win fyne.Window, undo *undoOffer, w data.Win, refresh func()) {
	if err := u.store.DeleteWin(u.ctx, w.UUID); err != nil {
		u.showError(win, err)
		return
	}
	restore := func() error {
		if err := u.store.RestoreWin(u.ctx, w.UUID); err != nil {
			return err
		}
		refresh()
		return nil
	}
	undo.offer(func() string { return lang.L("main.undo.deleted", map[string]any{"Text": w.Text}) }, restore, u.now().Add(undoFor))
	refresh()
}
