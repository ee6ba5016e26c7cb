package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// buildTrayHint builds the tray hint's line, shown when it was shown before
// the window was drawn again (a change of language).
func (m *mainWindow) buildTrayHint() {
	shown := m.trayHint != nil && m.trayHint.Visible()
	m.trayHintText = widget.NewLabel(lang.L("main.trayHint"))
	m.trayHintText.Wrapping = fyne.TextWrapWord
	m.trayHintDismiss = widget.NewButtonWithIcon(lang.L("main.trayHint.dismiss"), theme.ConfirmIcon(), m.onDismissTrayHint)
	m.trayHintDismiss.Importance = widget.LowImportance
	m.trayHint = container.NewVBox(
		widget.NewSeparator(),
		container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), nil, m.trayHintText),
		container.NewHBox(layout.NewSpacer(), m.trayHintDismiss),
	)
	if !shown {
		m.trayHint.Hide()
	}
}

// showTrayHint shows the line about the missing tray icon.
func (m *mainWindow) showTrayHint() { m.trayHint.Show() }

// onDismissTrayHint puts the line away; it was recorded as told when shown.
func (m *mainWindow) onDismissTrayHint() { m.trayHint.Hide() }
