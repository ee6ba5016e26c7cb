package ui

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// noTrayToldKey is the store state key set once the user was told that the
// desktop shows no tray icon: they are told once, not at every start.
const noTrayToldKey = "agent.no_tray_told"

// followPipe runs the agent's commands from in, answers each with "ok" on
// out once done, and quits the app at the end of in: the agent quit (the
// tray's "Quit Matchday") or died, and a window process must not outlive
// it. The drafts are saved first.
func (u *UI) followPipe(in io.Reader, out io.Writer) {
	sc := bufio.NewScanner(in)
	noTray := false
	for sc.Scan() {
		verb, arg, _ := strings.Cut(strings.TrimSpace(sc.Text()), " ")
		fyne.DoAndWait(func() {
			switch verb {
			case "open":
				u.Open(arg)
				u.raise(arg)
			case "show": // a reminder: shown, but the keyboard stays where it is
				u.OpenQuietly(arg)
			case "notray":
				noTray = true
			}
			// Told in the main window, so wait until it is open.
			if noTray && u.main != nil {
				u.noteNoTray()
				noTray = false
			}
		})
		fmt.Fprintln(out, "ok")
	}
	fyne.Do(u.quitForAgent)
}

// raise asks the window manager to bring the named window to the front, so
// a second `matchday evening` shows the window already open.
func (u *UI) raise(name string) {
	if name == "" || name == WindowCapture {
		name = WindowMain
	}
	title := lang.L(name + ".title")
	for _, w := range u.app.Driver().AllWindows() {
		if w.Title() == title {
			w.RequestFocus()
		}
	}
}

// noteNoTray tells the user, once ever, in a line in the main window that
// they can dismiss (not a dialog in their way), that the agent has no tray
// icon on this desktop and how to get one. Not on the journal's first
// launch, which has the first-run panel to show: the line waits for a later
// one. It does nothing while the main window is closed.
func (u *UI) noteNoTray() {
	if u.main == nil || u.firstRun {
		return
	}
	told, err := u.store.State(u.ctx, noTrayToldKey)
	if err != nil || told != "" {
		return
	}
	// Shown even when this cannot be recorded: better twice than never.
	_ = u.store.SetState(u.ctx, noTrayToldKey, u.now().UTC().Format(time.RFC3339))
	u.main.showTrayHint()
}
