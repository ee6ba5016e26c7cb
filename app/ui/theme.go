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

// The colours Fyne's defaults leave too faint to read or to find (WCAG 2.1:
// text 4.5:1, controls 3:1 against what they are drawn on; checked by
// TestThemeContrast). Fyne draws a radio's ring and an entry's border in
// the input border colour, a disabled button's label, a disabled radio and
// low-importance labels (status and hint lines) in the disabled colour.
//
// The text colours are a touch translucent for Fyne 2.7.1's menus: they
// draw a shortcut label ("Ctrl+N") in the foreground "at 95 %", but keep
// the low byte of a 16-bit alpha, which turns an opaque foreground into
// one at 20 % (widget/menu_item.go, shortcutColor). At alpha 0xef the low
// byte comes out at 0xef too, and the labels read as well as the items.
var (
	inkLight         = color.NRGBA{R: 0x10, G: 0x10, B: 0x10, A: 0xef} // #1f1f1f on white
	inkDark          = color.NRGBA{R: 0xfe, G: 0xfe, B: 0xfe, A: 0xef} // #efefef on the dark background
	disabledLight    = color.NRGBA{R: 0x6e, G: 0x6e, B: 0x6e, A: 0xff}
	placeholderLight = color.NRGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff} // apart from disabled, so goldens name each
	inputBorderLight = color.NRGBA{R: 0x85, G: 0x85, B: 0x85, A: 0xff}
	disabledDark     = color.NRGBA{R: 0x9e, G: 0x9e, B: 0x9e, A: 0xff}
	inputBorderDark  = color.NRGBA{R: 0x7c, G: 0x7c, B: 0x7c, A: 0xff}
	onPitchDark      = color.NRGBA{R: 0x10, G: 0x10, B: 0x10, A: 0xff} // a label on the dark theme's green
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
	case theme.ColorNameForeground:
		if v == theme.VariantDark {
			return inkDark
		}
		return inkLight
	case theme.ColorNameDisabled:
		if v == theme.VariantDark {
			return disabledDark
		}
		return disabledLight
	case theme.ColorNamePlaceHolder:
		if v != theme.VariantDark { // Fyne's dark placeholder reads well
			return placeholderLight
		}
	case theme.ColorNameInputBorder:
		if v == theme.VariantDark {
			return inputBorderDark
		}
		return inputBorderLight
	case theme.ColorNameForegroundOnPrimary:
		if v == theme.VariantDark {
			return onPitchDark
		}
	}
	return t.base.Color(n, v)
}

// Gold is the celebration colour.
func (t *matchdayTheme) Gold() color.Color { return trophyGold }

// Font implements fyne.Theme.
func (t *matchdayTheme) Font(s fyne.TextStyle) fyne.Resource { return t.base.Font(s) }

// Icon implements fyne.Theme.
func (t *matchdayTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

// captionSize is the size of hint and status lines: Fyne's 11 was too
// small to read at a glance.
const captionSize = 12

// Size implements fyne.Theme.
func (t *matchdayTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameCaptionText {
		return captionSize
	}
	return t.base.Size(n)
}

// useStoredTheme applies the theme the settings name. A journal that cannot
// be read gets the system's look; the window that opens next says why.
func (u *UI) useStoredTheme() {
	set, err := u.store.Settings(u.ctx)
	if err != nil {
		log.Printf("matchday: %v", err)
	}
	u.app.Settings().SetTheme(newTheme(set.Theme))
}
