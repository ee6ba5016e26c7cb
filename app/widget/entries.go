package widget

import (
	"strings"

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

// WindowKeys hands a window's own shortcuts (Ctrl+E, Ctrl+W, …) and Escape
// on from a focused entry, which the driver gives every shortcut first and
// which would otherwise keep them: Shortcut reports whether the window took
// one, Escape runs on Escape. Either may be nil.
type WindowKeys struct {
	Shortcut func(fyne.Shortcut) bool
	Escape   func()
}

// shortcut offers s to the window; true when it was the window's.
func (k *WindowKeys) shortcut(s fyne.Shortcut) bool {
	if _, custom := s.(*desktop.CustomShortcut); !custom || k.Shortcut == nil {
		return false // copy, paste, undo… stay the entry's
	}
	return k.Shortcut(s)
}

// escape runs Escape; true when there was one.
func (k *WindowKeys) escape(key *fyne.KeyEvent) bool {
	if key.Name != fyne.KeyEscape || k.Escape == nil {
		return false
	}
	k.Escape()
	return true
}

// AnswerField is a multi-line answer that leaves Tab to move on to the next
// field (an answer has no use for a tab character) and hands Ctrl+Enter to
// submit: the focused entry gets shortcuts before the window does, so the
// window's own shortcut would never see it. The window's other shortcuts
// and Escape go to Keys.
type AnswerField struct {
	widget.Entry
	Keys   WindowKeys
	submit func()
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

// TypedShortcut runs submit on Ctrl+Enter and hands the window's shortcuts
// on; other shortcuts (copy, paste, word moves) go to the entry.
func (a *AnswerField) TypedShortcut(s fyne.Shortcut) {
	for _, sc := range SubmitShortcuts {
		if s.ShortcutName() == sc.ShortcutName() && a.submit != nil {
			a.submit()
			return
		}
	}
	if a.Keys.shortcut(s) {
		return
	}
	a.Entry.TypedShortcut(s)
}

// TypedKey implements fyne.Focusable: Escape goes to the window.
func (a *AnswerField) TypedKey(k *fyne.KeyEvent) {
	if a.Keys.escape(k) {
		return
	}
	a.Entry.TypedKey(k)
}

// EscEntry is a one-line entry that hands Escape and the window's
// shortcuts to Keys: the entries of a dialog or a ritual window, which a
// plain entry would keep the keys from.
type EscEntry struct {
	widget.Entry
	Keys WindowKeys
}

// NewEscEntry returns an entry that runs onEscape on Escape.
func NewEscEntry(onEscape func()) *EscEntry {
	e := &EscEntry{Keys: WindowKeys{Escape: onEscape}}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey implements fyne.Focusable.
func (e *EscEntry) TypedKey(k *fyne.KeyEvent) {
	if e.Keys.escape(k) {
		return
	}
	e.Entry.TypedKey(k)
}

// TypedShortcut hands the window's shortcuts on and pastes several lines
// as one; the others stay the entry's.
func (e *EscEntry) TypedShortcut(s fyne.Shortcut) {
	if e.Keys.shortcut(s) {
		return
	}
	if p, ok := s.(*fyne.ShortcutPaste); ok {
		e.typedPaste(p)
		return
	}
	e.Entry.TypedShortcut(s)
}

// typedPaste pastes text of several lines as one line: each line break with the blank space around it (a
// blank line too) becomes one space, where Fyne's one-line entry would
// leave a double space for a blank line.
func (e *EscEntry) typedPaste(p *fyne.ShortcutPaste) {
	if e.MultiLine || p.Clipboard == nil {
		e.Entry.TypedShortcut(p)
		return
	}
	e.Entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: &oneLineClipboard{p.Clipboard}})
}

// oneLineClipboard is a clipboard seen through OneLine.
type oneLineClipboard struct{ fyne.Clipboard }

// Content implements fyne.Clipboard.
func (c *oneLineClipboard) Content() string { return OneLine(c.Clipboard.Content()) }

// OneLine joins the lines of s with single spaces, dropping blank lines and
// the blank space around each line break; text within a line is kept.
func OneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	lines := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
	kept := lines[:0]
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, " ")
}
