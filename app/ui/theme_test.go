package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// luminance is the WCAG 2.1 relative luminance of c (over white when it is
// translucent).
func luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	a := float64(n.A) / 255
	ch := func(v uint8) float64 {
		s := (float64(v)/255)*a + (1 - a) // composed over white
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(n.R) + 0.7152*ch(n.G) + 0.0722*ch(n.B)
}

// contrast is the WCAG contrast ratio of two colours, from 1 to 21.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func nrgba(c color.Color) color.NRGBA { return color.NRGBAModel.Convert(c).(color.NRGBA) }

// TestThemePalette pins Matchday's colours in each variant: a wrong colour
// in either (the markup goldens only record colour names) fails here.
func TestThemePalette(t *testing.T) {
	for _, tt := range []struct {
		choice  string
		variant fyne.ThemeVariant
		primary color.NRGBA
		darkBg  bool
	}{
		{"light", theme.VariantLight, color.NRGBA{R: 0x1a, G: 0x7a, B: 0x45, A: 0xff}, false},
		{"dark", theme.VariantDark, color.NRGBA{R: 0x3d, G: 0xb8, B: 0x72, A: 0xff}, true},
	} {
		t.Run(tt.choice, func(t *testing.T) {
			th := newTheme(tt.choice)
			// The held variant wins over what the system asks for.
			for _, asked := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
				if got := nrgba(th.Color(theme.ColorNamePrimary, asked)); got != tt.primary {
					t.Errorf("primary (system %v) = %v, want %v", asked, got, tt.primary)
				}
				if got := nrgba(th.Color(theme.ColorNameHyperlink, asked)); got != tt.primary {
					t.Errorf("hyperlink = %v, want the primary %v", got, tt.primary)
				}
				focus := tt.primary
				focus.A = 0x7f
				if got := nrgba(th.Color(theme.ColorNameFocus, asked)); got != focus {
					t.Errorf("focus = %v, want %v", got, focus)
				}
				bg := th.Color(theme.ColorNameBackground, asked)
				if dark := luminance(bg) < 0.2; dark != tt.darkBg {
					t.Errorf("background %v: dark %v, want %v", nrgba(bg), dark, tt.darkBg)
				}
			}
			if gold, ok := th.(interface{ Gold() color.Color }); !ok || nrgba(gold.Gold()) != (color.NRGBA{R: 0xf4, G: 0xc0, B: 0x3e, A: 0xff}) {
				t.Error("the theme's celebration gold is wrong")
			}
		})
	}
}

// over is fg drawn over the opaque bg.
func over(fg, bg color.Color) color.NRGBA {
	f, b := nrgba(fg), nrgba(bg)
	a := float64(f.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{R: mix(f.R, b.R), G: mix(f.G, b.G), B: mix(f.B, b.B), A: 0xff}
}

// menuShortcutColour is the colour Fyne 2.7.1's menu draws shortcut labels
// in (widget/menu_item.go's shortcutColor), byte for byte: it means the
// foreground at 95 % opacity, but keeps the low byte of 16-bit,
// premultiplied values, so an opaque foreground comes out at 20 %.
func menuShortcutColour(th fyne.Theme, v fyne.ThemeVariant) color.Color {
	r, g, b, a := th.Color(theme.ColorNameForeground, v).RGBA()
	a = uint32(float32(a) * 0.95)
	return color.NRGBA{R: uint8(r), G: uint8(g), B: uint8(b), A: uint8(a)}
}

// menuShortcutColourMeant is the foreground at 95 % opacity, as a Fyne
// that mends shortcutColor will draw it.
func menuShortcutColourMeant(th fyne.Theme, v fyne.ThemeVariant) color.Color {
	c := nrgba(th.Color(theme.ColorNameForeground, v))
	c.A = uint8(float32(c.A) * 0.95)
	return c
}

// TestThemeContrast: text reads at least 4.5:1 against what it is drawn
// on, and controls (the primary colour of buttons and links, the radios'
// and entries' borders) at least 3:1 (WCAG 2.1), in both variants. The
// pairs are the ones Fyne 2.7.1 draws: a radio's ring is the input border
// (the foreground once chosen, the disabled colour when disabled), a
// disabled button's label is the disabled colour on the disabled-button
// background, a low-importance label (search's "2 found", hint lines) is
// the disabled colour, an entry's placeholder is drawn on the input
// background, a menu's shortcut label on the menu background.
func TestThemeContrast(t *testing.T) {
	const text, control = 4.5, 3.0
	for _, choice := range []string{"light", "dark"} {
		th := newTheme(choice)
		v := theme.VariantLight // held by the theme: the variant asked does not matter
		c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v) }
		for _, p := range []struct {
			what   string
			fg, bg color.Color
			min    float64
		}{
			{"text", over(c(theme.ColorNameForeground), c(theme.ColorNameBackground)), c(theme.ColorNameBackground), text},
			{"text in an entry", over(c(theme.ColorNameForeground), c(theme.ColorNameInputBackground)), c(theme.ColorNameInputBackground), text},
			{"primary (buttons, counter)", c(theme.ColorNamePrimary), c(theme.ColorNameBackground), control},
			{"link", c(theme.ColorNameHyperlink), c(theme.ColorNameBackground), control},
			{"radio ring", c(theme.ColorNameInputBorder), c(theme.ColorNameBackground), control},
			{"entry border on the input background", c(theme.ColorNameInputBorder), c(theme.ColorNameInputBackground), control},
			{"chosen radio ring", over(c(theme.ColorNameForeground), c(theme.ColorNameBackground)), c(theme.ColorNameBackground), control},
			{"chosen radio dot", c(theme.ColorNamePrimary), c(theme.ColorNameBackground), control},
			{"disabled radio ring", c(theme.ColorNameDisabled), c(theme.ColorNameBackground), control},
			{"disabled text (hints, status lines, disabled labels)", c(theme.ColorNameDisabled), c(theme.ColorNameBackground), text},
			{"disabled button's label", c(theme.ColorNameDisabled), c(theme.ColorNameDisabledButton), text},
			{"disabled entry's text", c(theme.ColorNameDisabled), c(theme.ColorNameInputBackground), text},
			{"placeholder", c(theme.ColorNamePlaceHolder), c(theme.ColorNameInputBackground), text},
			{"placeholder-coloured line on the window", c(theme.ColorNamePlaceHolder), c(theme.ColorNameBackground), text},
			{"menu item", over(c(theme.ColorNameForeground), c(theme.ColorNameMenuBackground)), c(theme.ColorNameMenuBackground), text},
			{"menu shortcut label (Fyne 2.7.1)", over(menuShortcutColour(th, v), c(theme.ColorNameMenuBackground)), c(theme.ColorNameMenuBackground), text},
			{"menu shortcut label (as meant)", over(menuShortcutColourMeant(th, v), c(theme.ColorNameMenuBackground)), c(theme.ColorNameMenuBackground), text},
			{"button label", over(c(theme.ColorNameForeground), c(theme.ColorNameButton)), c(theme.ColorNameButton), text},
			{"label on a primary button", c(theme.ColorNameForegroundOnPrimary), c(theme.ColorNamePrimary), text},
		} {
			if r := contrast(p.fg, p.bg); r < p.min {
				t.Errorf("%s: %s %v on %v is %.2f:1, want at least %.1f:1", choice, p.what, nrgba(p.fg), nrgba(p.bg), r, p.min)
			}
		}
	}
}
