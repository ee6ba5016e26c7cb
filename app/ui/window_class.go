package ui

import "github.com/go-gl/glfw/v3.3/glfw"

// WindowClass is the X11 class (WM_CLASS) of every Matchday window, which
// the desktop entry's StartupWMClass names, so the desktop shows each window
// under the launcher's icon.
const WindowClass = "Matchday"

// setWindowClass gives the windows this process creates from now on the
// class WindowClass. Fyne sets no class, and GLFW then takes each window's
// title ("Evening reflection", "Abendreflexion"), so only the main window
// would belong to the launcher. GLFW keeps the hint for every later window;
// Fyne's own glfw.Init, on the first window, finds GLFW initialised and
// leaves it so. Only for the real driver, on the main thread, before the
// first window is shown.
func setWindowClass() {
	if err := glfw.Init(); err != nil {
		return // no display: Fyne reports it on the first window
	}
	glfw.WindowHintString(glfw.X11ClassName, WindowClass)
	glfw.WindowHintString(glfw.X11InstanceName, "matchday")
}

// glfwFocusOnShow sets whether the windows GLFW creates from now on take
// the keyboard as they are shown (GLFW's FocusOnShow, on by default). A
// window opened for a reminder is made with it off: GLFW gives a window it
// shows the input focus itself (XSetInputFocus, where no window manager
// does it), and what the user was typing in another window then went to
// the reminder's. Only on the main thread; nothing without GLFW.
func glfwFocusOnShow(on bool) {
	defer func() { _ = recover() }() // GLFW not initialised: no window to make
	v := glfw.False
	if on {
		v = glfw.True
	}
	glfw.WindowHint(glfw.FocusOnShow, v)
}
