package app

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

// relabeler is a window that can redraw its texts after a language change.
// A window that is not one keeps its old language until Matchday restarts,
// and the settings window says so.
type relabeler interface{ relabel() }

// openWindows lists the windows open in this process.
func (u *UI) openWindows() []any {
	var ws []any
	if u.main != nil {
		ws = append(ws, u.main)
	}
	if u.evening != nil {
		ws = append(ws, u.evening)
	}
	if u.morning != nil {
		ws = append(ws, u.morning)
	}
	if u.overview != nil {
		ws = append(ws, u.overview)
	}
	if u.settings != nil {
		ws = append(ws, u.settings)
	}
	return ws
}

// useLanguage makes choice ("system", "de" or "en") the language of every
// text from now on and redraws the open windows that can; when one cannot,
// the settings window offers a restart.
func (u *UI) useLanguage(choice string) {
	loadTranslations(choice)
	var stale bool
	for _, w := range u.openWindows() {
		if _, ok := w.(relabeler); !ok {
			stale = true
		}
	}
	if stale && u.settings != nil {
		u.settings.restartNeeded = true
	}
	for _, w := range u.openWindows() {
		if r, ok := w.(relabeler); ok {
			r.relabel()
		}
	}
}

// onRestart ends the window process; runWindow then starts it again.
func (s *settingsWindow) onRestart() {
	s.ui.restart = true
	s.ui.app.Quit()
}

// restartArgs are the arguments that open the window process again as it
// was started (MATCHDAY_DB and MATCHDAY_NOW come along in the environment).
func (c *cli) restartArgs(window string) []string {
	var args []string
	if c.dbPath != "" {
		args = append(args, "--db", c.dbPath)
	}
	if c.noAgent {
		args = append(args, "--no-agent")
	}
	if window == WindowMain {
		return args // the main window is what no command opens
	}
	return append(args, window)
}

// restartWindows replaces this process by a fresh one that opens window,
// after the Fyne app has stopped; the new one reads the language and theme
// from the journal. Where the process cannot be replaced in place
// (Windows), it starts a new one and lets this one end.
func (c *cli) restartWindows(window string) error {
	exe := c.env.Exe
	if exe == "" {
		return errors.New("cannot restart: the Matchday program file was not found")
	}
	if c.store != nil {
		if err := c.store.Close(); err != nil {
			return err
		}
		c.store = nil
	}
	args := c.restartArgs(window)
	err := syscall.Exec(exe, append([]string{exe}, args...), os.Environ())
	cmd := exec.Command(exe, args...)
	cmd.Stdout, cmd.Stderr = c.env.Stdout, c.env.Stderr
	if serr := cmd.Start(); serr != nil {
		return fmt.Errorf("cannot restart: %v; %w", err, serr)
	}
	return cmd.Process.Release()
}
