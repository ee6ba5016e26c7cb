package ui

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// workArea returns the size of the primary screen's work area (without
// panels and docks), in the app's units, for a window to fit in; ok is
// false where it is not known (the test driver, a display GLFW cannot
// ask). It must run on the main goroutine of a running Fyne GL app.
var workArea = func() (size fyne.Size, ok bool) { return fyne.Size{}, false }

// glfwWorkArea asks GLFW, which Fyne's desktop driver has started, for the
// primary monitor's work area.
func glfwWorkArea() (size fyne.Size, ok bool) {
	defer func() {
		if recover() != nil { // GLFW not running: unknown
			ok = false
		}
	}()
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return fyne.Size{}, false
	}
	_, _, w, h := m.GetWorkarea()
	if w <= 0 || h <= 0 {
		return fyne.Size{}, false
	}
	scale := float32(1)
	if x, _ := m.GetContentScale(); x > 0 {
		scale = x
	}
	return fyne.NewSize(float32(w)/scale, float32(h)/scale), true
}

// fitScreen is size made to fit the screen's work area, less a margin for
// the window's frame and title bar; a window never opens larger than the
// screen it opens on.
func fitScreen(size fyne.Size) fyne.Size {
	area, ok := workArea()
	if !ok {
		return size
	}
	const frameW, frameH = 16, 48
	return fyne.NewSize(min(size.Width, area.Width-frameW), min(size.Height, area.Height-frameH))
}

// fitWindows shrinks every open window that is larger than the screen's
// work area to fit it.
func fitWindows() {
	for _, w := range fyne.CurrentApp().Driver().AllWindows() {
		size := w.Canvas().Size()
		if fit := fitScreen(size); fit != size {
			w.Resize(fit)
		}
	}
}
