package agent

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"time"

	"fyne.io/systray"

	"matchday/assets"
	"matchday/data"
)

// menuItem is one entry of the tray menu. Command is the line the agent runs
// when it is clicked, in the socket protocol's words; an empty Command is a
// separator.
type menuItem struct {
	Command string
	Label   string
	Tooltip string
}

// localizer translates a key, like lang.L.
type localizer func(key string, data ...any) string

// trayMenu is the tray menu for the settings, in the language l speaks
// (lang.L once the settings' language is loaded). It is the only place the
// menu is described; the tray shows what it returns.
func trayMenu(set data.Settings, l localizer) []menuItem {
	reminder := func(on bool, at data.ClockTime) string {
		if on {
			return l("agent.tray.reminderAt", map[string]any{"Time": at.String()})
		}
		return l("agent.tray.reminderOff")
	}
	return []menuItem{
		// The main window opens with its win entry focused.
		{Command: "open capture", Label: l("agent.tray.logWin")},
		{},
		{Command: "open morning", Label: l("agent.tray.morning"), Tooltip: reminder(set.MorningReminder, set.MorningTime)},
		{Command: "open evening", Label: l("agent.tray.evening"), Tooltip: reminder(set.EveningReminder, set.EveningTime)},
		{Command: "open week", Label: l("agent.tray.week"), Tooltip: reviewReminder(set, l)},
		{Command: "open overview", Label: l("agent.tray.overview")},
		{Command: "open clients", Label: l("agent.tray.clients")},
		{},
		{Command: "open main", Label: l("agent.tray.show")},
		{Command: "open settings", Label: l("agent.tray.settings")},
		{},
		{Command: "quit", Label: l("agent.tray.quit")},
	}
}

// dayKeys are the weekdays' translation keys, Sunday first.
var dayKeys = [...]string{"day.sunday", "day.monday", "day.tuesday", "day.wednesday", "day.thursday", "day.friday", "day.saturday"}

// reviewReminder is the tooltip of the weekly review's item: when its
// reminder comes, or that it is off.
func reviewReminder(set data.Settings, l localizer) string {
	if !set.ReviewReminder || set.ReviewDay < time.Sunday || set.ReviewDay > time.Saturday {
		return l("agent.tray.reminderOff")
	}
	return l("agent.tray.reviewAt", map[string]any{"Day": l(dayKeys[set.ReviewDay]), "Time": set.EveningTime.String()})
}

// tray is the icon and menu shown through fyne.io/systray (a
// StatusNotifierItem on the session bus on Linux). It needs no window and
// no GL, and costs nothing while nobody clicks.
type tray struct {
	menu  []menuItem
	items []*systray.MenuItem // nil for separators
}

// startTray shows the icon with menu; a click runs onClick with the item's
// Command.
func startTray(menu []menuItem, tooltip string, onClick func(command string)) *tray {
	t := &tray{menu: menu}
	ready := make(chan struct{})
	start, _ := systray.RunWithExternalLoop(func() {
		defer close(ready)
		systray.SetIcon(trayIcon())
		systray.SetTitle("Matchday")
		systray.SetTooltip(tooltip)
		for _, m := range menu {
			if m.Command == "" {
				systray.AddSeparator()
				t.items = append(t.items, nil)
				continue
			}
			it := systray.AddMenuItem(m.Label, m.Tooltip)
			t.items = append(t.items, it)
			go func() {
				for range it.ClickedCh {
					onClick(m.Command)
				}
			}()
		}
	}, nil)
	start()
	<-ready
	return t
}

// update relabels the items whose text changed (a new language or time).
func (t *tray) update(menu []menuItem) {
	for i, m := range menu {
		if i >= len(t.items) || t.items[i] == nil || m == t.menu[i] {
			continue
		}
		t.items[i].SetTitle(m.Label)
		t.items[i].SetTooltip(m.Tooltip)
	}
	t.menu = menu
}

// trayIconSize is the tray icon's side in pixels. Tray hosts draw it at 16
// to 48 pixels (somewhat more on HiDPI screens), and fyne.io/systray keeps
// the icon as uncompressed ARGB all day: 1 MB at the app icon's 512 pixels,
// 16 KB at 64.
const trayIconSize = 64

// trayIcon returns the app icon scaled down to trayIconSize, as PNG.
func trayIcon() []byte {
	src, err := png.Decode(bytes.NewReader(assets.IconPNG()))
	if err != nil {
		return assets.IconPNG() // embedded and checked by a test; cannot happen
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, scaleDown(src, trayIconSize)); err != nil {
		return assets.IconPNG()
	}
	return buf.Bytes()
}

// scaleDown shrinks src to size×size pixels, each the average of the source
// pixels it covers (in premultiplied colour, so transparent edges do not
// darken).
func scaleDown(src image.Image, size int) *image.RGBA {
	b := src.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, size, size))
	for y := range size {
		y0, y1 := b.Min.Y+y*b.Dy()/size, b.Min.Y+(y+1)*b.Dy()/size
		for x := range size {
			x0, x1 := b.Min.X+x*b.Dx()/size, b.Min.X+(x+1)*b.Dx()/size
			var r, g, bl, a, n uint64
			for sy := y0; sy < max(y1, y0+1); sy++ {
				for sx := x0; sx < max(x1, x0+1); sx++ {
					cr, cg, cb, ca := src.At(sx, sy).RGBA()
					r, g, bl, a, n = r+uint64(cr), g+uint64(cg), bl+uint64(cb), a+uint64(ca), n+1
				}
			}
			dst.SetRGBA(x, y, color.RGBA{R: uint8(r / n >> 8), G: uint8(g / n >> 8), B: uint8(bl / n >> 8), A: uint8(a / n >> 8)})
		}
	}
	return dst
}
