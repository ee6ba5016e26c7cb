package widget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Shortcut is Ctrl+key, or Cmd+key on macOS (fyne.KeyModifierShortcutDefault
// is desktop.SuperModifier there).
func Shortcut(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// SubmitShortcuts are Ctrl+Enter on either Enter key: they submit a form.
var SubmitShortcuts = []fyne.Shortcut{Shortcut(fyne.KeyReturn), Shortcut(fyne.KeyEnter)}

// AnswerField is a multi-line answer that leaves Tab to move on to the next
// field (an answer has no use for a tab character) and hands Ctrl+Enter to
// submit: the focused entry gets shortcuts before the window does, so the
// window's own shortcut would never see it.
type AnswerField struct {
	widget.Entry
	submit func()
	// OnShortcut, when set, is offered the shortcuts an entry has no use
	// for (see PassShortcut).
	OnShortcut func(fyne.Shortcut) bool
}

// NewAnswerField returns an empty answer; Ctrl+Enter runs submit.
func NewAnswerField(submit func()) *AnswerField {
	a := &AnswerField{submit: submit}
	a.MultiLine = true
	a.Wrapping = fyne.TextWrapWord
	a.ExtendBaseWidget(a)
	return a
}

// AcceptsTab is false, so Tab and Shift+Tab move the focus.
func (a *AnswerField) AcceptsTab() bool { return false }

// TypedShortcut runs submit on Ctrl+Enter; other shortcuts (copy, paste,
// word moves) go to the entry.
func (a *AnswerField) TypedShortcut(s fyne.Shortcut) {
	for _, sc := range SubmitShortcuts {
		if s.ShortcutName() == sc.ShortcutName() && a.submit != nil {
			a.submit()
			return
		}
	}
	if PassShortcut(s, a.OnShortcut) {
		return
	}
	a.Entry.TypedShortcut(s)
}

// PassShortcut offers the window's own shortcuts (Ctrl+Q, Ctrl+W: a
// modifier with a key an entry does not edit with) to take, which the
// window never sees while an entry has the cursor: the focused widget gets
// every shortcut first. It reports whether take took it.
func PassShortcut(s fyne.Shortcut, take func(fyne.Shortcut) bool) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	return ok && take != nil && cs.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0 && take(s)
}

// FormEntry is a one-line entry that offers the window's own shortcuts to
// OnShortcut, as AnswerField does.
type FormEntry struct {
	widget.Entry
	OnShortcut func(fyne.Shortcut) bool
}

// NewFormEntry returns an empty one-line entry.
func NewFormEntry() *FormEntry {
	e := &FormEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut hands the window's shortcuts on, and the rest to the entry.
func (e *FormEntry) TypedShortcut(s fyne.Shortcut) {
	if PassShortcut(s, e.OnShortcut) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// EscEntry is an entry that calls onEscape on Escape: the entries of a
// dialog, which a plain entry would keep the key from.
type EscEntry struct {
	widget.Entry
	onEscape func()
}

// NewEscEntry returns an entry that runs onEscape on Escape.
func NewEscEntry(onEscape func()) *EscEntry {
	e := &EscEntry{onEscape: onEscape}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey implements fyne.Focusable.
func (e *EscEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}
