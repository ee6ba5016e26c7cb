package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"matchday/app/text"
	"matchday/data"
)

// typeShortcut delivers s as the desktop driver does for a window without
// a menu: to the focused widget when it takes shortcuts, else the canvas.
func typeShortcut(w fyne.Window, s fyne.Shortcut) {
	if f, ok := w.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
		return
	}
	w.Canvas().(fyne.Shortcutable).TypedShortcut(s)
}

// typeEscape delivers Escape as the driver does: to the focused widget, or
// to the canvas's key handler.
func typeEscape(w fyne.Window) {
	esc := &fyne.KeyEvent{Name: fyne.KeyEscape}
	if f := w.Canvas().Focused(); f != nil {
		f.TypedKey(esc)
		return
	}
	if h := w.Canvas().OnTypedKey(); h != nil {
		h(esc)
	}
}

// openers open each window that has no menu, and report its window, with
// the cursor in its first entry when focus is set.
var openers = map[string]func(u *UI, focus bool) fyne.Window{
	"evening": func(u *UI, focus bool) fyne.Window {
		e := u.ShowEvening(data.Day{})
		if !focus {
			e.win.Canvas().Unfocus()
		}
		return e.win
	},
	"morning": func(u *UI, focus bool) fyne.Window {
		m := u.ShowMorning(data.Day{})
		if focus {
			m.win.Canvas().Focus(m.focus)
		}
		return m.win
	},
	"overview": func(u *UI, _ bool) fyne.Window { return u.ShowOverview().win },
	"settings": func(u *UI, _ bool) fyne.Window { return u.ShowSettings().win },
}

// isOpen reports whether the named window is open.
func isOpen(u *UI, name string) bool {
	switch name {
	case "main":
		return u.main != nil
	case "evening":
		return u.evening != nil
	case "morning":
		return u.morning != nil
	case "overview":
		return u.overview != nil
	case "settings":
		return u.settings != nil
	}
	return false
}

// TestShortcutsWorkInEveryWindow: Ctrl+N, Ctrl+F, Ctrl+E, Ctrl+M, Ctrl+O,
// Ctrl+, and Ctrl+W do their job in the evening, the morning, the overview
// and settings, with the cursor in an entry and without.
func TestShortcutsWorkInEveryWindow(t *testing.T) {
	keys := []struct {
		key   fyne.KeyName
		opens string // the window that must be open afterwards
	}{
		{fyne.KeyN, "main"}, {fyne.KeyF, "main"}, {fyne.KeyE, "evening"},
		{fyne.KeyM, "morning"}, {fyne.KeyO, "overview"}, {fyne.KeyComma, "settings"},
	}
	for name, open := range openers {
		for _, focus := range []bool{false, true} {
			for _, k := range keys {
				u, _ := newRitualUI(t)
				w := open(u, focus)
				if k.opens == name {
					continue // the window itself
				}
				if isOpen(u, k.opens) {
					t.Fatalf("%s is open before its key", k.opens)
				}
				typeShortcut(w, shortcut(k.key))
				if !isOpen(u, k.opens) {
					t.Errorf("in %s (cursor in an entry %v): Ctrl+%s did not open %s", name, focus, k.key, k.opens)
				}
				if k.key == fyne.KeyN && (u.main == nil || u.main.win.Canvas().Focused() != u.main.entry) {
					t.Errorf("in %s: Ctrl+N did not put the cursor in the win entry", name)
				}
				if k.key == fyne.KeyF && (u.main == nil || !u.main.searching()) {
					t.Errorf("in %s: Ctrl+F did not open the search", name)
				}
			}
			u, _ := newRitualUI(t)
			w := open(u, focus)
			typeShortcut(w, shortcut(fyne.KeyW))
			if isOpen(u, name) {
				t.Errorf("in %s (cursor in an entry %v): Ctrl+W did not close it", name, focus)
			}
		}
	}
}

// TestEscapeClosesWindowsAndThePicker: Escape closes the evening and the
// morning (from an entry too), the overview and settings, and the Pick a
// day calendar without closing its window.
func TestEscapeClosesWindowsAndThePicker(t *testing.T) {
	for name, open := range openers {
		for _, focus := range []bool{false, true} {
			u, _ := newRitualUI(t)
			w := open(u, focus)
			typeEscape(w)
			if isOpen(u, name) {
				t.Errorf("Escape in %s (cursor in an entry %v) did not close it", name, focus)
			}
		}
	}
	u, _ := newRitualUI(t)
	e := u.ShowEvening(data.Day{})
	test.Tap(e.switcher.pick)
	if !e.switcher.popup.Visible() || e.win.Canvas().Focused() != e.switcher.dateEntry {
		t.Fatal("Pick a day did not open with the cursor in its date entry")
	}
	typeEscape(e.win)
	if e.switcher.popup.Visible() || u.evening == nil {
		t.Errorf("Escape in the calendar: popup visible %v, evening open %v; want the popup gone and the evening open", e.switcher.popup.Visible(), u.evening != nil)
	}
}

// TestEscapeKeepsAnUnsavedEveningWhenTheSaveFails: Escape saves the draft
// first, like the close button; when the save fails the window stays open
// with the text.
func TestEscapeSavesTheEveningFirst(t *testing.T) {
	u, _ := newRitualUI(t)
	e := u.ShowEvening(data.Day{})
	test.Type(e.wentWell, "Asked for the referral")
	typeEscape(e.win)
	if u.evening != nil {
		t.Fatal("Escape did not close the evening")
	}
	if got := stored(t, u.store.Evening, e.day); got.WentWell != "Asked for the referral" {
		t.Errorf("after Escape the draft reads %q", got.WentWell)
	}
}

// menuTexts renders menu as Fyne's menu bar does off macOS and returns the
// texts it draws.
func menuTexts(t *testing.T, menu *fyne.Menu) []string {
	t.Helper()
	w := test.NewWindow(widget.NewMenu(menu))
	defer w.Close()
	var texts []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *canvas.Text:
			texts = append(texts, o.Text)
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(o).Objects() {
				walk(c)
			}
		}
	}
	walk(w.Content())
	return texts
}

// TestMenuShortcutLabelsInTheUsersLanguage: German menus say "Strg+N",
// not Fyne's own "Ctrl+N"; the items still answer the same keys.
func TestMenuShortcutLabelsInTheUsersLanguage(t *testing.T) {
	for _, tt := range []struct {
		lang, ctrl, not string
	}{
		{"en", "Ctrl", "Strg"},
		{"de", "Strg", "Ctrl"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			m, _, _ := newTestMain(t)
			useLook(t, m.ui.app, tt.lang, "light")
			m.win.SetMainMenu(m.buildMenu())
			var all []string
			for _, menu := range m.win.MainMenu().Items {
				all = append(all, menuTexts(t, menu)...)
			}
			joined := strings.Join(all, " | ")
			for _, key := range []string{"N", "F", "Z", "W", "Q", "M", "E", "O", ","} {
				if !slices.Contains(all, tt.ctrl+"+"+key) {
					t.Errorf("no %q among the menu's texts: %s", tt.ctrl+"+"+key, joined)
				}
			}
			if strings.Contains(joined, tt.not+"+") {
				t.Errorf("%q in the menu: %s", tt.not+"+", joined)
			}
		})
	}
}

// TestPickADayCalendar: the Pick a day calendar's weeks start on Monday
// in English and in German (Monday's column leftmost, 1 November 2026, a
// Sunday, in the last column), and Escape closes it, also once the cursor
// has left its date entry, without closing the window.
func TestPickADayCalendar(t *testing.T) {
	for _, language := range []string{"en", "de"} {
		t.Run(language, func(t *testing.T) {
			u, _ := newRitualUI(t)
			useLook(t, u.app, language, "light")
			e := u.ShowEvening(data.NewDay(2026, time.November, 3))
			test.Tap(e.switcher.pick)
			c := e.switcher.calendar
			if c.Shown() != time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC) {
				t.Fatalf("the calendar shows %s", c.Shown())
			}
			d := fyne.CurrentApp().Driver()
			headers := map[string]float32{}
			walkObjects(c, func(o fyne.CanvasObject) bool {
				if l, ok := o.(*widget.Label); ok {
					headers[l.Text] = d.AbsolutePositionForObject(l).X
				}
				return true
			})
			monday, okM := headers[text.WeekdayShort(time.Monday)]
			sunday, okS := headers[text.WeekdayShort(time.Sunday)]
			if !okM || !okS {
				t.Fatalf("no weekday headers among %v", headers)
			}
			for name, x := range headers {
				if x < monday {
					t.Errorf("%q (at %v) left of Monday's %q (at %v)", name, x, text.WeekdayShort(time.Monday), monday)
				}
			}
			if x := d.AbsolutePositionForObject(c.Day(1)).X; x != sunday {
				t.Errorf("1 November (a Sunday) at x %v, Sunday's column at %v", x, sunday)
			}
			if x := d.AbsolutePositionForObject(c.Day(2)).X; x != monday {
				t.Errorf("2 November (a Monday) at x %v, Monday's column at %v", x, monday)
			}

			// Escape with the cursor in the date entry, and after the
			// month was changed and the cursor is nowhere.
			typeEscape(e.win)
			if e.switcher.popup.Visible() || u.evening == nil {
				t.Fatalf("Escape in the date entry: popup visible %v, evening open %v", e.switcher.popup.Visible(), u.evening != nil)
			}
			test.Tap(e.switcher.pick)
			test.Tap(e.switcher.calendar.Prev())
			e.win.Canvas().Unfocus()
			typeEscape(e.win)
			if e.switcher.popup.Visible() || u.evening == nil {
				t.Errorf("Escape with no cursor: popup visible %v, evening open %v; want the popup gone and the evening open", e.switcher.popup.Visible(), u.evening != nil)
			}
		})
	}
}

// TestEscapeClosesADialogNotItsWindow: with a dialog open over the
// evening, the morning, the overview, settings or the main window (the
// cursor nowhere), Escape closes the dialog and the window stays; the next
// Escape closes the window (the main window stays, it closes by Ctrl+W).
func TestEscapeClosesADialogNotItsWindow(t *testing.T) {
	all := map[string]func(u *UI, focus bool) fyne.Window{
		"main": func(u *UI, _ bool) fyne.Window { return u.ShowMain().win },
	}
	for name, open := range openers {
		all[name] = open
	}
	for name, open := range all {
		t.Run(name, func(t *testing.T) {
			u, _ := newRitualUI(t)
			w := open(u, false)
			w.Canvas().Unfocus()
			u.restoreDialog(w)
			if w.Canvas().Overlays().Top() == nil {
				t.Fatal("no dialog")
			}
			typeEscape(w)
			if w.Canvas().Overlays().Top() != nil || !isOpen(u, name) {
				t.Fatalf("Escape: dialog still open %v, %s open %v", w.Canvas().Overlays().Top() != nil, name, isOpen(u, name))
			}
			typeEscape(w)
			if isOpen(u, name) != (name == "main") {
				t.Errorf("the second Escape: %s open %v", name, isOpen(u, name))
			}
		})
	}
}

// TestEscapeCancelsTheEveningsWinEditor: Escape with the win editor open
// over the evening (the cursor nowhere) cancels the edit as its Cancel
// button does, and the evening stays.
func TestEscapeCancelsTheEveningsWinEditor(t *testing.T) {
	u, _ := newRitualUI(t)
	w, err := u.store.AddWin(u.ctx, data.Day{}, data.NewWin{Text: "Signed Anna"})
	if err != nil {
		t.Fatal(err)
	}
	e := u.ShowEvening(data.Day{})
	e.onEdit(w)
	test.Type(e.editor.text, " for the course")
	e.editor.saveDraftNow(func(err error) { t.Fatal(err) })
	e.win.Canvas().Unfocus()
	typeEscape(e.win)
	if e.editor != nil || e.win.Canvas().Overlays().Top() != nil || u.evening == nil {
		t.Fatalf("Escape: editor %v, overlay %v, evening open %v", e.editor != nil, e.win.Canvas().Overlays().Top() != nil, u.evening != nil)
	}
	if _, err := u.store.WinDraft(u.ctx, w.UUID); err == nil {
		t.Error("the cancelled edit's draft is still kept")
	}
}
