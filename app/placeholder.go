package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"matchday/data"
)

// placeholder is a window whose issue has not landed yet; each is replaced
// by its real window in its own file.
type placeholder struct{ win fyne.Window }

func newPlaceholder(u *UI, titleKey string, onClosed func()) placeholder {
	w := u.app.NewWindow(lang.L(titleKey))
	w.SetContent(container.NewCenter(widget.NewLabel(lang.L("placeholder.soon"))))
	w.Resize(fyne.NewSize(420, 300))
	w.SetOnClosed(onClosed)
	return placeholder{w}
}

type eveningWindow struct{ placeholder }
type morningWindow struct{ placeholder }
type settingsWindow struct{ placeholder }

// ShowEvening shows the evening reflection for day (today when zero).
func (u *UI) ShowEvening(day data.Day) *eveningWindow {
	if u.evening == nil {
		u.evening = &eveningWindow{newPlaceholder(u, "evening.title", func() { u.evening = nil })}
	}
	u.evening.win.Show()
	return u.evening
}

// ShowMorning shows the morning focus for day (today when zero).
func (u *UI) ShowMorning(day data.Day) *morningWindow {
	if u.morning == nil {
		u.morning = &morningWindow{newPlaceholder(u, "morning.title", func() { u.morning = nil })}
	}
	u.morning.win.Show()
	return u.morning
}

// ShowSettings shows the settings.
func (u *UI) ShowSettings() *settingsWindow {
	if u.settings == nil {
		u.settings = &settingsWindow{newPlaceholder(u, "settings.title", func() { u.settings = nil })}
	}
	u.settings.win.Show()
	return u.settings
}
