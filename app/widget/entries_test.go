package widget

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestEntriesHandOnWindowShortcuts: Ctrl+Q and Ctrl+W typed in an answer
// or a form entry reach the window's handler (the window itself never sees
// them while an entry has the cursor); Ctrl+Enter submits an answer, and
// editing shortcuts stay with the entry.
func TestEntriesHandOnWindowShortcuts(t *testing.T) {
	test.NewTempApp(t)
	var taken []string
	take := func(s fyne.Shortcut) bool {
		taken = append(taken, s.ShortcutName())
		return s.ShortcutName() != Shortcut(fyne.KeyK).ShortcutName()
	}
	submitted := 0
	a := NewAnswerField(func() { submitted++ })
	a.OnShortcut = take
	f := NewFormEntry()
	f.OnShortcut = take
	for _, e := range []fyne.Shortcutable{a, f} {
		taken = nil
		e.TypedShortcut(Shortcut(fyne.KeyQ))
		e.TypedShortcut(Shortcut(fyne.KeyW))
		e.TypedShortcut(&fyne.ShortcutSelectAll{})
		if len(taken) != 2 || taken[0] != Shortcut(fyne.KeyQ).ShortcutName() || taken[1] != Shortcut(fyne.KeyW).ShortcutName() {
			t.Errorf("%T handed on %v, want Ctrl+Q and Ctrl+W", e, taken)
		}
	}
	a.TypedShortcut(SubmitShortcuts[0])
	if submitted != 1 || len(taken) != 2 {
		t.Errorf("Ctrl+Enter: submitted %d, handed on %v", submitted, taken)
	}
}
