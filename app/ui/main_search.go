package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"matchday/data"
)

// onSearch opens the search in place of today's wins (Ctrl+F, or the
// magnifier), or closes it again. A result opens its day's evening window,
// which shows that day's wins, focus and reflection.
func (m *mainWindow) onSearch() {
	if m.searching() {
		m.closeSearch()
		return
	}
	if m.search == nil {
		m.search = newSearchPanel(m.ui, func(day data.Day) { m.ui.ShowEvening(day) })
	}
	m.center.Objects = []fyne.CanvasObject{m.search.content}
	m.center.Refresh()
	m.winsTitle.SetText(lang.L("main.search.title"))
	m.searchButton.SetIcon(theme.CancelIcon())
	m.win.Canvas().Focus(m.search.entry)
}

// closeSearch shows today's wins again.
func (m *mainWindow) closeSearch() {
	m.center.Objects = []fyne.CanvasObject{m.list}
	m.center.Refresh()
	m.winsTitle.SetText(lang.L("main.wins.title"))
	m.searchButton.SetIcon(theme.SearchIcon())
	m.win.Canvas().Focus(m.entry)
}

// searching reports whether the search is open.
func (m *mainWindow) searching() bool {
	return m.search != nil && len(m.center.Objects) == 1 && m.center.Objects[0] == m.search.content
}
