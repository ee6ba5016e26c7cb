package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// mainWindow is the window the user sees all day: today's win counter.
type mainWindow struct {
	ui    *UI
	win   fyne.Window
	count *canvas.Text
	label *widget.Label
}

func newMainWindow(ui *UI) *mainWindow {
	m := &mainWindow{ui: ui, win: ui.app.NewWindow(lang.L("main.title"))}
	m.buildUI()
	m.refresh()
	return m
}

func (m *mainWindow) buildUI() {
	m.count = canvas.NewText("0", theme.Color(theme.ColorNamePrimary))
	m.count.TextSize = 96
	m.count.TextStyle = fyne.TextStyle{Bold: true}
	m.count.Alignment = fyne.TextAlignCenter
	m.label = widget.NewLabel(lang.L("main.winsToday"))
	m.label.Alignment = fyne.TextAlignCenter
	m.win.SetContent(container.NewCenter(container.NewVBox(m.count, m.label)))
	m.win.Resize(fyne.NewSize(420, 560))
}

// refresh reads today's count from the store.
func (m *mainWindow) refresh() {
	day, err := m.ui.store.Today(m.ui.ctx)
	if err != nil {
		m.ui.showError(m.win, err)
		return
	}
	c, err := m.ui.store.WinCounts(m.ui.ctx, day)
	if err != nil {
		m.ui.showError(m.win, err)
		return
	}
	m.count.Text = strconv.Itoa(c.Today)
	m.count.Refresh()
}
