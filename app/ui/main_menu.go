package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"matchday/app/text"
	mdwidget "matchday/app/widget"
	"matchday/data"
)

// shortcut is Ctrl+key, or Cmd+key on macOS (fyne.KeyModifierShortcutDefault
// is desktop.SuperModifier there).
func shortcut(key fyne.KeyName) fyne.Shortcut { return mdwidget.Shortcut(key) }

// menuItem is a menu item with its shortcut. Shortcuts live on menu items
// because the driver tries the main menu before the focused widget, so they
// work while the win entry has the cursor.
func menuItem(key string, sc fyne.KeyName, action func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(lang.L(key), action)
	if sc != "" {
		it.Shortcut = shortcut(sc)
	}
	return it
}

// buildMenu is the main window's menu.
func (m *mainWindow) buildMenu() *fyne.MainMenu {
	busy := m.ui.tasks.running != ""
	m.exportItem = menuItem("main.menu.export", "", func() { m.ui.exportDialog(m.win) })
	m.importItem = menuItem("main.menu.import", "", func() { m.ui.importDialog(m.win) })
	m.exportItem.Disabled, m.importItem.Disabled = busy, busy
	quit := menuItem("main.menu.quit", fyne.KeyQ, m.onQuit)
	quit.IsQuit = true
	journal := fyne.NewMenu(lang.L("main.menu.journal"),
		menuItem("main.menu.logWin", fyne.KeyN, m.onFocusEntry),
		menuItem("main.menu.search", fyne.KeyF, m.onSearch),
		undoItem(m.onUndoShortcut),
		fyne.NewMenuItemSeparator(),
		m.exportItem,
		m.importItem,
		fyne.NewMenuItemSeparator(),
	)
	// "Last synced from <device> at <time>", for a journal that syncs; it
	// opens the settings, where the sync is.
	m.lastSync = ""
	if st, err := m.ui.store.SyncStatus(m.ui.ctx); err == nil && st.Folder != "" {
		m.lastSync = text.LastSync(st.Last)
		journal.Items = append(journal.Items, fyne.NewMenuItem(m.lastSync, m.onSettings), fyne.NewMenuItemSeparator())
	}
	journal.Items = append(journal.Items, menuItem("main.menu.close", fyne.KeyW, func() { m.win.Close() }), quit)
	windows := fyne.NewMenu(lang.L("main.menu.go"),
		menuItem("main.menu.morning", fyne.KeyM, m.onMorning),
		menuItem("main.menu.evening", fyne.KeyE, m.onEvening),
		menuItem("main.menu.overview", fyne.KeyO, m.onOverview),
		menuItem("main.menu.week", fyne.KeyR, m.onWeek),
		menuItem("main.menu.clients", fyne.KeyK, m.onClients),
		fyne.NewMenuItemSeparator(),
		menuItem("main.menu.settings", fyne.KeyComma, m.onSettings),
	)
	return fyne.NewMainMenu(journal, windows)
}

// refreshMenu builds the menu again when the last sync it shows is out of
// date (a pass merged something, or the folder was set).
func (m *mainWindow) refreshMenu() {
	st, err := m.ui.store.SyncStatus(m.ui.ctx)
	if err != nil {
		return
	}
	want := ""
	if st.Folder != "" {
		want = text.LastSync(st.Last)
	}
	if want != m.lastSync {
		m.win.SetMainMenu(m.buildMenu())
	}
}

// setDataBusy greys out Export… and Import… while a long task runs.
func (m *mainWindow) setDataBusy(busy bool) {
	m.exportItem.Disabled, m.importItem.Disabled = busy, busy
	if menu := m.win.MainMenu(); menu != nil {
		menu.Refresh()
	}
}

func (m *mainWindow) onMorning()  { m.ui.ShowMorning(data.Day{}) }
func (m *mainWindow) onEvening()  { m.ui.ShowEvening(data.Day{}) }
func (m *mainWindow) onOverview() { m.ui.ShowOverview() }
func (m *mainWindow) onSettings() { m.ui.ShowSettings() }
func (m *mainWindow) onWeek()     { m.ui.ShowWeek(data.Day{}) }
func (m *mainWindow) onClients()  { m.ui.ShowClients() }

// onQuit is "Quit Matchday" (Ctrl+Q): every draft saved, the agent and
// the window process ended.
func (m *mainWindow) onQuit() { m.ui.quitMatchday() }

// undoItem is "Undo delete" on Ctrl+Z. The menu gets Ctrl+Z before the
// focused entry does, so onUndoShortcut hands it on when there is no delete
// to undo.
func undoItem(action func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(lang.L("main.menu.undo"), action)
	it.Shortcut = &fyne.ShortcutUndo{}
	return it
}

// onUndoShortcut brings back the win just deleted while "Undo" shows, and
// otherwise undoes typing in the focused entry, as Ctrl+Z always does.
func (m *mainWindow) onUndoShortcut() {
	if m.undo.shown() {
		m.undo.onUndo()
		return
	}
	if f, ok := m.win.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(&fyne.ShortcutUndo{})
	}
}
