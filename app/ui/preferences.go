package ui

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
)

// Matchday keeps nothing in Fyne's preferences. The main window's size is
// machine-local state in the journal (local_state, never synced), like
// everything else a device remembers.
//
// Why: Fyne 2.7.1 writes its preferences.json on every exit (and on every
// change) by truncating the file and writing it again (app/preferences.go,
// os.Create then json.Encode). A window process that ended between the two
// left the file empty, and every start after that logged "Preferences load
// error: EOF". That happened on most SIGTERMs (a logout, the agent's stop,
// a terminal's Ctrl+C): Fyne's own signal handler ends the event loop and
// GLFW, and Matchday's then closed the windows through GLFW and panicked
// while the exit save had just truncated the file (mended in quit.go); a
// process killed at that moment does the same. Two window processes (two
// journals) also shared the one file, one reading it while the other wrote
// it.

// windowSizeKey is the local-state key of the main window's size, "480x680".
const windowSizeKey = "window.main.size"

// fynePreferencesFile is where Fyne keeps the app's preferences on Linux
// and the BSDs (fyne's internal/app/config_xdg.go: the user's config
// folder, fyne, the app id).
func fynePreferencesFile() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "fyne", AppID, "preferences.json")
}

// takeOldPreferences reads the main window's size an earlier Matchday kept
// in Fyne's preferences at path, and removes the file, which nothing
// writes any more (left empty, it made Fyne log "Preferences load error:
// EOF" at every start). ok is false when there was no size to take.
func takeOldPreferences(path string) (size fyne.Size, ok bool) {
	if path == "" {
		return fyne.Size{}, false
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return fyne.Size{}, false
	}
	_ = os.Remove(path)
	var old struct {
		Width  float32 `json:"main.width"`
		Height float32 `json:"main.height"`
	}
	if json.Unmarshal(b, &old) != nil || old.Width < 1 || old.Height < 1 {
		return fyne.Size{}, false
	}
	return fyne.NewSize(old.Width, old.Height), true
}

// keepFyneFromSavingPreferences stops the Fyne app a from writing its
// preferences file when it ends (it does so even when nothing was set).
// Fyne offers no switch for it; its lifecycle has the hook, exported on an
// internal type, and a Fyne without it leaves the save in place (nothing
// is set, so the file it writes is empty of values, but whole).
func keepFyneFromSavingPreferences(a fyne.App) bool {
	l, ok := a.Lifecycle().(interface{ SetOnStoppedHookExecuted(func()) })
	if ok {
		l.SetOnStoppedHookExecuted(func() {})
	}
	return ok
}

// formatSize and parseSize write and read a window size as "480x680".
func formatSize(s fyne.Size) string { return fmt.Sprintf("%.0fx%.0f", s.Width, s.Height) }

func parseSize(v string) (fyne.Size, bool) {
	var w, h float32
	if _, err := fmt.Sscanf(v, "%fx%f", &w, &h); err != nil || w < 1 || h < 1 {
		return fyne.Size{}, false
	}
	return fyne.NewSize(w, h), true
}
