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

// WrapGrid lays its objects out in equal cells, as many to a row as the
// width allows, up to Max and down to Min: four streak cards side by side
// on a wide window, two by two on a small one (rows are always full). OnResize runs when the
// number of rows changed, so the window can lay out again for the height.
type WrapGrid struct {
	Min, Max int
	OnResize func()
	cols     int // columns at the last layout; 0 before it
}

func (g *WrapGrid) cell(objs []fyne.CanvasObject) fyne.Size {
	var c fyne.Size
	for _, o := range objs {
		c = c.Max(o.MinSize())
	}
	return c
}

func (g *WrapGrid) columns() int {
	if g.cols == 0 {
		return g.Min
	}
	return g.cols
}

// MinSize implements fyne.Layout: Min cells wide, as high as the rows the
// last layout needed.
func (g *WrapGrid) MinSize(objs []fyne.CanvasObject) fyne.Size {
	c, pad := g.cell(objs), theme.Padding()
	rows := (len(objs) + g.columns() - 1) / g.columns()
	return fyne.NewSize(float32(g.Min)*c.Width+float32(g.Min-1)*pad, float32(rows)*c.Height+float32(max(rows-1, 0))*pad)
}

// Layout implements fyne.Layout.
func (g *WrapGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	c, pad := g.cell(objs), theme.Padding()
	cols := int((size.Width + pad) / (c.Width + pad))
	cols = max(g.Min, min(g.Max, cols, len(objs)))
	for cols > g.Min && len(objs)%cols != 0 {
		cols-- // full rows: four cards two by two, not three and one
	}
	w := (size.Width - float32(cols-1)*pad) / float32(cols)
	for i, o := range objs {
		o.Move(fyne.NewPos(float32(i%cols)*(w+pad), float32(i/cols)*(c.Height+pad)))
		o.Resize(fyne.NewSize(w, c.Height))
	}
	if cols != g.cols {
		g.cols = cols
		if g.OnResize != nil {
			g.OnResize()
		}
	}
}

// FirstLineLayout lays out one object at its minimum size at the top,
// centred in the height of one line of text (Line: a one-line label's
// height), so an icon, a time or buttons beside a wrapped text stay level
// with its first line rather than with its middle.
type FirstLineLayout struct{ Line float32 }

func (l FirstLineLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := objs[0].MinSize()
	return fyne.NewSize(s.Width, fyne.Max(s.Height, l.Line))
}

func (l FirstLineLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	s := objs[0].MinSize()
	objs[0].Resize(fyne.NewSize(size.Width, s.Height))
	objs[0].Move(fyne.NewPos(0, fyne.Max(0, (l.Line-s.Height)/2)))
}
