package widget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// ColumnLayout centres its one object and gives it the full height and at
// most max width.
type ColumnLayout struct{ Max float32 }

func (l *ColumnLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (l *ColumnLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := max(min(size.Width, l.Max), objs[0].MinSize().Width)
	objs[0].Resize(fyne.NewSize(w, size.Height))
	objs[0].Move(fyne.NewPos((size.Width-w)/2, 0))
}

// TightLayout lays out one object at its minimum height less the label's
// inner padding, so a caption sits close under the line above it.
type TightLayout struct{}

func (*TightLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := objs[0].MinSize()
	return fyne.NewSize(s.Width, s.Height-3*theme.InnerPadding()+1.5*theme.Padding())
}

func (*TightLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	s := objs[0].MinSize()
	objs[0].Resize(fyne.NewSize(size.Width, s.Height))
	objs[0].Move(fyne.NewPos(0, -2*theme.InnerPadding()+theme.Padding()/2))
}

// MinWidthLayout gives its one object at least a fixed width.
type MinWidthLayout struct{ Width float32 }

func (l MinWidthLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l MinWidthLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var min fyne.Size
	for _, o := range objects {
		min = min.Max(o.MinSize())
	}
	min.Width = fyne.Max(min.Width, l.Width)
	return min
}
