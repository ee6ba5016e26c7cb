// Package assets holds what Matchday ships inside its binary: the icon and
// the translations.
package assets

import (
	"embed"

	"fyne.io/fyne/v2"
)

// Translations holds translations/en.json and translations/de.json, for
// lang.AddTranslationsFS(Translations, "translations").
//
//go:embed translations/*.json
var Translations embed.FS

//go:embed icon.png
var iconPNG []byte

// Icon returns the app icon, a trophy on a pitch.
func Icon() fyne.Resource { return fyne.NewStaticResource("icon.png", iconPNG) }

// IconPNG returns the icon's PNG bytes, for the tray.
func IconPNG() []byte { return iconPNG }
