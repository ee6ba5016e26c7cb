package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
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

type overviewWindow struct{ placeholder }

// ShowOverview shows the streak overview.
func (u *UI) ShowOverview() *overviewWindow {
	if u.overview == nil {
		u.overview = &overviewWindow{newPlaceholder(u, "overview.title", func() { u.overview = nil })}
	}
	u.overview.win.Show()
	return u.overview
}
