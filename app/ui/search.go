package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"matchday/app/text"
	"matchday/data"
)

// searchLimit is how many hits the panel lists.
const searchLimit = data.DefaultSearchLimit

// searchPanel is the search field and its results: wins, evening answers and
// morning foci holding every word typed, newest first, each with its day.
// Choosing a result calls onPick with its day.
type searchPanel struct {
	ui      *UI
	onPick  func(data.Day)
	entry   *widget.Entry
	status  *widget.Label
	results *widget.List
	top     *fyne.Container // the entry and the status line
	hits    []data.SearchHit
	content fyne.CanvasObject
}

// newSearchPanel builds the search panel; put its content where it belongs.
func newSearchPanel(u *UI, onPick func(data.Day)) *searchPanel {
	p := &searchPanel{ui: u, onPick: onPick}
	p.buildUI()
	return p
}

func (p *searchPanel) buildUI() {
	p.entry = widget.NewEntry()
	p.entry.SetPlaceHolder(lang.L("search.placeholder"))
	p.entry.OnChanged = p.onQuery
	p.status = widget.NewLabel("")
	p.status.Importance = widget.LowImportance
	p.status.Hide()
	p.results = widget.NewList(
		func() int { return len(p.hits) },
		func() fyne.CanvasObject {
			when := widget.NewLabel("")
			when.TextStyle = fyne.TextStyle{Bold: true}
			text := widget.NewLabel("")
			text.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(when, text)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < 0 || id >= len(p.hits) {
				return
			}
			labels := o.(*fyne.Container).Objects
			labels[0].(*widget.Label).SetText(hitHeading(p.hits[id]))
			labels[1].(*widget.Label).SetText(text.OneLine(p.hits[id].Text))
		})
	p.results.OnSelected = p.onSelect
	p.top = container.NewVBox(p.entry, p.status)
	p.content = container.NewBorder(p.top, nil, nil, nil, p.results)
}

// hitHeading is a result's first line: the day and where the words were
// found, "Thursday, 26 November 2026 · Win".
func hitHeading(h data.SearchHit) string {
	return text.WeekdayName(h.Day.Weekday()) + ", " + h.Day.Date(time.UTC).Format(lang.L("export.md.dateLayout")) +
		" · " + lang.L("search.field."+string(h.Field))
}

// onQuery searches as the user types; a search of a 10-year journal takes
// a few milliseconds, so it runs right here.
func (p *searchPanel) onQuery(q string) {
	hits, err := p.ui.store.Search(p.ui.ctx, q, searchLimit)
	p.hits = hits
	p.results.UnselectAll()
	p.results.Refresh()
	p.results.ScrollToTop()
	switch {
	case err != nil:
		p.status.SetText(text.UserMessage(err))
	case text.OneLine(q) == "":
		p.status.SetText("")
	case len(hits) == 0:
		p.status.SetText(lang.L("search.none", map[string]any{"Query": text.OneLine(q)}))
	case len(hits) >= searchLimit:
		p.status.SetText(lang.L("search.limit", map[string]any{"N": len(hits)}))
	default:
		p.status.SetText(lang.L("search.count", map[string]any{"N": len(hits)}))
	}
	if visible := p.status.Text != ""; visible != p.status.Visible() {
		if visible {
			p.status.Show()
		} else {
			p.status.Hide()
		}
		p.top.Refresh() // lay the status line out, or give its place back
		p.content.Refresh()
	}
}

// onSelect opens the result's day, and lets go of the row so the same
// result can be chosen again.
func (p *searchPanel) onSelect(id widget.ListItemID) {
	if id < 0 || id >= len(p.hits) {
		return
	}
	day := p.hits[id].Day
	p.results.Unselect(id)
	if p.onPick != nil {
		p.onPick(day)
	}
}

// refresh runs the search again, for when the journal changed (a win
// logged, an import, a restore).
func (p *searchPanel) refresh() { p.onQuery(p.entry.Text) }
