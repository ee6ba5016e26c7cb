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

// offSeasonDialog lists the off-season ranges, with a Remove button each,
// and adds one: from, to (inclusive) and an optional note. Settings and the
// overview open it. A range the store refuses (it overlaps another, it ends
// before it starts) is explained inline, and what was typed stays.
type offSeasonDialog struct {
	ui       *UI
	dlg      *dialog.CustomDialog
	onChange func()

	list  *fyne.Container
	none  *widget.Label
	from  *widget.Entry
	to    *widget.Entry
	note  *widget.Entry
	add   *widget.Button
	error *widget.Label
}

// showOffSeasons opens the off-season dialog over parent, with from as the
// first day offered for a new range; onChange runs after each change.
func (u *UI) showOffSeasons(parent fyne.Window, from data.Day, onChange func()) *offSeasonDialog {
	d := &offSeasonDialog{ui: u, onChange: onChange}
	d.list = container.NewVBox()
	d.none = hintLabel(lang.L("offseason.none"))
	d.from = widget.NewEntry()
	d.from.SetPlaceHolder("YYYY-MM-DD")
	d.from.SetText(from.String())
	d.to = widget.NewEntry()
	d.to.SetPlaceHolder("YYYY-MM-DD")
	d.to.SetText(from.String())
	d.note = widget.NewEntry()
	d.note.SetPlaceHolder(lang.L("offseason.notePlaceholder"))
	d.note.OnSubmitted = func(string) { d.onAdd() }
	d.add = widget.NewButtonWithIcon(lang.L("offseason.add"), theme.ContentAddIcon(), d.onAdd)
	d.add.Importance = widget.HighImportance
	d.error = widget.NewLabel("")
	d.error.Importance = widget.DangerImportance
	d.error.Wrapping = fyne.TextWrapWord
	d.error.Hide()

	form := container.NewGridWithColumns(2,
		container.NewVBox(formLabelLeading(lang.L("offseason.from")), d.from),
		container.NewVBox(formLabelLeading(lang.L("offseason.to")), d.to),
	)
	content := container.NewVBox(
		hintLabel(lang.L("offseason.explain")),
		d.list, d.none,
		widget.NewSeparator(),
		form,
		formLabelLeading(lang.L("offseason.note")), d.note,
		container.NewHBox(d.add),
		d.error,
	)
	d.refresh()
	d.dlg = dialog.NewCustom(lang.L("offseason.title"), lang.L("offseason.close"), container.NewVScroll(content), parent)
	d.dlg.Resize(fyne.NewSize(560, 560))
	d.dlg.Show()
	u.lastOffSeasonDialog = d
	parent.Canvas().Focus(d.from)
	return d
}

// formLabelLeading is a field's name over it.
func formLabelLeading(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// refresh lists the ranges as the journal has them.
func (d *offSeasonDialog) refresh() {
	list, err := d.ui.store.OffSeasons(d.ui.ctx)
	if err != nil {
		d.showError(text.UserMessage(err))
		return
	}
	rows := make([]fyne.CanvasObject, 0, len(list))
	for _, o := range list {
		l := widget.NewLabel(text.OffSeasonLine(o))
		l.Wrapping = fyne.TextWrapWord
		from := o.From
		remove := widget.NewButtonWithIcon(lang.L("offseason.remove"), theme.DeleteIcon(), func() { d.onRemove(from) })
		remove.Importance = widget.LowImportance
		rows = append(rows, container.NewBorder(nil, nil, nil, remove, l))
	}
	d.list.Objects = rows
	d.list.Refresh()
	d.none.Hidden = len(rows) > 0
	d.none.Refresh()
}

// onAdd adds the range typed.
func (d *offSeasonDialog) onAdd() {
	from, err1 := data.ParseDay(strings.TrimSpace(d.from.Text))
	to, err2 := data.ParseDay(strings.TrimSpace(d.to.Text))
	if err1 != nil || err2 != nil {
		d.showError(lang.L("day.badDate"))
		return
	}
	// Refusals (an overlap, a range that ends before it starts, a note too
	// long) and failures alike are said inline; the fields keep the text.
	if _, err := d.ui.store.AddOffSeason(d.ui.ctx, from, to, d.note.Text); err != nil {
		d.showError(text.UserMessage(err))
		return
	}
	d.error.Hide()
	d.note.SetText("")
	d.changed()
}

// onRemove removes the range that starts on from.
func (d *offSeasonDialog) onRemove(from data.Day) {
	if _, err := d.ui.store.RemoveOffSeason(d.ui.ctx, from); err != nil {
		d.showError(text.UserMessage(err))
		return
	}
	d.error.Hide()
	d.changed()
}

func (d *offSeasonDialog) changed() {
	d.refresh()
	if d.onChange != nil {
		d.onChange()
	}
}

func (d *offSeasonDialog) showError(msg string) {
	d.error.SetText(msg)
	d.error.Show()
}
