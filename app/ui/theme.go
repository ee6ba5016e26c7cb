package ui

import (
	"image/color"
	"log"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	mdwidget "matchday/app/widget"
)

// matchdayTheme is Fyne's default theme in Matchday's colours (pitch green,
// trophy gold), optionally held to light or dark whatever the system says.
type matchdayTheme struct {
	base    fyne.Theme
	variant *fyne.ThemeVariant // nil: follow the system
}

// newTheme returns the theme for the setting "system", "light" or "dark".
func newTheme(choice string) fyne.Theme {
	t := &matchdayTheme{base: theme.DefaultTheme()}
	switch choice {
	case "light":
		v := theme.VariantLight
		t.variant = &v
	case "dark":
		v := theme.VariantDark
		t.variant = &v
	}
	return t
}

var (
	pitchLight = color.NRGBA{R: 0x1a, G: 0x7a, B: 0x45, A: 0xff}
	pitchDark  = color.NRGBA{R: 0x3d, G: 0xb8, B: 0x72, A: 0xff}
	trophyGold = mdwidget.TrophyGold
)

// Color implements fyne.Theme.
func (t *matchdayTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.variant != nil {
		v = *t.variant
	}
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		if v == theme.VariantDark {
			return pitchDark
		}
		return pitchLight
	case theme.ColorNameFocus:
		c := pitchLight
		if v == theme.VariantDark {
			c = pitchDark
		}
		c.A = 0x7f
		return c
	case theme.ColorNameSelection:
		c := pitchLight
		c.A = 0x40
		return c
	}
	return t.base.Color(n, v)
}

// Gold is the celebration colour.
func (t *matchdayTheme) Gold() color.Color { return trophyGold }

// Font implements fyne.Theme.
func (t *matchdayTheme) Font(s fyne.TextStyle) fyne.Resource { return t.base.Font(s) }

// Icon implements fyne.Theme.
func (t *matchdayTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

// Size implements fyne.Theme.
func (t *matchdayTheme) Size(n fyne.ThemeSizeName) float32 { return t.base.Size(n) }

// useStoredTheme applies the theme the settings name. A journal that cannot
// be read gets the system's look; the window that opens next says why.
func (u *UI) useStoredTheme() {
	set, err := u.store.Settings(u.ctx)
	if err != nil {
		log.Printf("matchday: %v", err)
	}
	u.app.Settings().SetTheme(newTheme(set.Theme))
}
