package agent

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"matchday/data"
)

func TestTrayMenuItemsAndLabels(t *testing.T) {
	env := saveLocaleEnv()
	t.Cleanup(func() { env.use("system") })
	set := data.DefaultSettings()
	set.MorningTime = data.ClockTime{Hour: 6, Minute: 45}
	set.EveningReminder = false

	for _, tc := range []struct {
		lang string
		want []menuItem
	}{
		{"en", []menuItem{
			{"open capture", "Log a win…", ""},
			{},
			{"open morning", "Morning focus", "Reminder at 06:45"},
			{"open evening", "Evening reflection", "Reminder off"},
			{"open overview", "Overview", ""},
			{},
			{"open main", "Show Matchday", ""},
			{"open settings", "Settings", ""},
			{},
			{"quit", "Quit Matchday", ""},
		}},
		{"de", []menuItem{
			{"open capture", "Erfolg eintragen…", ""},
			{},
			{"open morning", "Morgenfokus", "Erinnerung um 06:45"},
			{"open evening", "Abendreflexion", "Erinnerung aus"},
			{"open overview", "Übersicht", ""},
			{},
			{"open main", "Matchday anzeigen", ""},
			{"open settings", "Einstellungen", ""},
			{},
			{"quit", "Matchday beenden", ""},
		}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			set.Language = tc.lang
			env.use(set.Language)
			got := trayMenu(set, lang.L)
			if len(got) != len(tc.want) {
				t.Fatalf("menu has %d items, want %d: %v", len(got), len(tc.want), got)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("item %d = %+v, want %+v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestTrayMenuCommandsAreProtocolLines(t *testing.T) {
	for _, m := range trayMenu(data.DefaultSettings(), lang.L) {
		if m.Command == "" || m.Command == "quit" {
			continue
		}
		verb, window, _ := strings.Cut(m.Command, " ")
		if verb != "open" || !windows[window] {
			t.Errorf("menu command %q is not an open of a known window", m.Command)
		}
	}
}
