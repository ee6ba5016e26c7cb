package agent

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"matchday/assets"
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
			{"open week", "Matchweek review", "Reminder on Sunday at 20:00"},
			{"open overview", "Overview", ""},
			{"open clients", "Clients", ""},
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
			{"open week", "Wochenrückblick", "Erinnerung am Sonntag um 20:00"},
			{"open overview", "Übersicht", ""},
			{"open clients", "Kundschaft", ""},
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

func TestTrayIconIsTheAppIconScaledDown(t *testing.T) {
	icon, err := png.Decode(bytes.NewReader(trayIcon()))
	if err != nil {
		t.Fatal(err)
	}
	if got := icon.Bounds().Size(); got != image.Pt(trayIconSize, trayIconSize) {
		t.Fatalf("tray icon is %v, want %d×%d", got, trayIconSize, trayIconSize)
	}
	src, err := png.Decode(bytes.NewReader(assets.IconPNG()))
	if err != nil {
		t.Fatal(err)
	}
	// Each pixel is its source block's average: compare the mean colour
	// and coverage of the whole picture.
	mean := func(img image.Image) (r, g, b, a float64) {
		bd := img.Bounds()
		n := float64(bd.Dx() * bd.Dy())
		for y := bd.Min.Y; y < bd.Max.Y; y++ {
			for x := bd.Min.X; x < bd.Max.X; x++ {
				cr, cg, cb, ca := img.At(x, y).RGBA()
				r, g, b, a = r+float64(cr)/n, g+float64(cg)/n, b+float64(cb)/n, a+float64(ca)/n
			}
		}
		return r, g, b, a
	}
	sr, sg, sb, sa := mean(src)
	ir, ig, ib, ia := mean(icon)
	for i, d := range []float64{sr - ir, sg - ig, sb - ib, sa - ia} {
		if d > 0xffff/100 || d < -0xffff/100 {
			t.Errorf("channel %d of the tray icon is off the app icon's by %.0f (of 65535)", i, d)
		}
	}
	if _, _, _, a := icon.At(trayIconSize/2, trayIconSize/2).RGBA(); a == 0 {
		t.Error("the tray icon's centre is transparent")
	}
}
