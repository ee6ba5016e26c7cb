package widget

import (
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
)

// ModifierWords name the modifier keys in a menu's shortcut labels, in the
// user's language: "Ctrl", "Alt", "Shift", "Super" in English; "Strg",
// "Alt", "Umschalt", "Super" in German.
type ModifierWords struct{ Control, Alt, Shift, Super string }

// MenuShortcut is sc as a menu item shows it in the user's language. On
// Linux and Windows Fyne's menu writes the modifiers itself, in English
// (the constant "Ctrl+" in fyne's widget/menu_item_other.go, which no
// translation reaches), and the key after them; so the shortcut returned
// has no modifiers and the whole label, "Strg+N", as its key. It still
// matches the keys sc does: the driver finds a menu item's shortcut by its
// ShortcutName, which is sc's. On macOS the menu draws the ⌘ symbols, and
// sc is returned as it is.
func MenuShortcut(sc fyne.KeyboardShortcut, words ModifierWords) fyne.KeyboardShortcut {
	if runtime.GOOS == "darwin" {
		return sc
	}
	return &menuShortcut{name: sc.ShortcutName(), label: fyne.KeyName(MenuLabel(sc, words))}
}

// MenuLabel is the label of sc in a menu off macOS: "Strg+Umschalt+N".
func MenuLabel(sc fyne.KeyboardShortcut, words ModifierWords) string {
	mod := sc.Mod() // KeyModifierShortcutDefault is Control off macOS
	var b strings.Builder
	for _, m := range []struct {
		bit  fyne.KeyModifier
		word string
	}{
		{fyne.KeyModifierControl, words.Control},
		{fyne.KeyModifierAlt, words.Alt},
		{fyne.KeyModifierShift, words.Shift},
		{fyne.KeyModifierSuper, words.Super},
	} {
		if mod&m.bit != 0 {
			b.WriteString(m.word + "+")
		}
	}
	b.WriteString(string(sc.Key()))
	return b.String()
}

// menuShortcut is a shortcut whose key is its whole label.
type menuShortcut struct {
	name  string
	label fyne.KeyName
}

func (s *menuShortcut) ShortcutName() string  { return s.name }
func (s *menuShortcut) Key() fyne.KeyName     { return s.label }
func (s *menuShortcut) Mod() fyne.KeyModifier { return 0 }
