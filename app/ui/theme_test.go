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

// TestThemeContrast: text reads at least 4.5:1 against the background, and
// the primary colour (buttons, links, the counter) at least 3:1 (WCAG 2.1),
// in both variants.
func TestThemeContrast(t *testing.T) {
	for _, choice := range []string{"light", "dark"} {
		th := newTheme(choice)
		bg := th.Color(theme.ColorNameBackground, theme.VariantLight)
		for _, c := range []struct {
			name fyne.ThemeColorName
			min  float64
		}{
			{theme.ColorNameForeground, 4.5},
			{theme.ColorNamePrimary, 3},
			{theme.ColorNameHyperlink, 3},
		} {
			if r := contrast(th.Color(c.name, theme.VariantLight), bg); r < c.min {
				t.Errorf("%s: %s on the background is %.2f:1, want at least %.1f:1", choice, c.name, r, c.min)
			}
		}
	}
}
