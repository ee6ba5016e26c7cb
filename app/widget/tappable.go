package widget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// TappableText is a line of text that does something when tapped, with
// the hand pointer over it.
type TappableText struct {
	widget.BaseWidget
	Text  *widget.RichText
	onTap func()
}

// NewTappableText shows text and runs onTap when tapped.
func NewTappableText(text *widget.RichText, onTap func()) *TappableText {
	t := &TappableText{Text: text, onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer implements fyne.Widget.
func (t *TappableText) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(t.Text)
}

// Tapped implements fyne.Tappable.
func (t *TappableText) Tapped(*fyne.PointEvent) { t.onTap() }

// Cursor implements desktop.Cursorable.
func (t *TappableText) Cursor() desktop.Cursor { return desktop.PointerCursor }
