package ui

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// entryCursor finds the cursor of a focused entry: the thin rectangle the
// entry shows where the next character goes.
func entryCursor(t *testing.T, entry fyne.Widget) *canvas.Rectangle {
	t.Helper()
	var cursor *canvas.Rectangle
	walkObjects(entry, func(o fyne.CanvasObject) bool {
		if r, ok := o.(*canvas.Rectangle); ok && r.Visible() && r.Size().Width <= 3 && r.Size().Height > 10 {
			cursor = r
		}
		return cursor == nil
	})
	if cursor == nil {
		t.Fatal("no cursor in the focused entry")
	}
	return cursor
}

// TestCursorStopsBlinkingWhenIdle: the evening window opens with its
// cursor blinking; idleBlink after the last typing the cursor is drawn
// solid (no animations, so no repaint a frame) and stays in place; typing
// makes it blink again for another idleBlink.
func TestCursorStopsBlinkingWhenIdle(t *testing.T) {
	a := test.NewTempApp(t)
	q := withQuietCursor(a)
	t.Cleanup(func() { fyne.SetCurrentApp(a) })
	useLook(t, a, "en", "light")
	clock := newFakeClock(testNoon(t))
	u := NewUI(q, newTestStore(t, clock), clock.Now)
	timer := &manualTimer{}
	u.after = timer.after
	u.Open(WindowEvening)
	e := u.evening
	e.win.Canvas().Focus(e.wentWell)
	if !q.Settings().ShowAnimations() || timer.waiting() == 0 {
		t.Fatal("the window came up with a still cursor, or no idle timer")
	}

	timer.fire() // idleBlink without typing
	if q.Settings().ShowAnimations() {
		t.Error("after idleBlink the app still shows animations: the cursor keeps fading")
	}
	if e.win.Canvas().Focused() != e.wentWell {
		t.Error("the entry lost the focus")
	}
	cursor := entryCursor(t, e.wentWell)
	if want := theme.Color(theme.ColorNamePrimary); !sameColor(cursor.FillColor, want) {
		t.Errorf("the still cursor is %v, want the solid %v", cursor.FillColor, want)
	}

	test.Type(e.wentWell, "Zugehört")
	if !q.Settings().ShowAnimations() || timer.waiting() == 0 {
		t.Errorf("after typing: animations %t, %d timers; want the blink back and an idle timer", q.Settings().ShowAnimations(), timer.waiting())
	}
	timer.fire() // the idle timer, and the draft's autosave
	if q.Settings().ShowAnimations() {
		t.Error("the cursor blinks on after the second idle time")
	}
	if e.wentWell.Text != "Zugehört" {
		t.Errorf("the entry holds %q", e.wentWell.Text)
	}
}

func sameColor(a, b color.Color) bool {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}
