// Package desktop is what talks to the desktop: the data folder's place, the
// login autostart entry (and, in locale/, the system locale).
package desktop

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// AutostartFile is the name of Matchday's XDG autostart entry.
const AutostartFile = "matchday.desktop"

// AutostartDir is where a Linux desktop looks for programs to start at
// login: $XDG_CONFIG_HOME/autostart, ~/.config/autostart by default.
func AutostartDir(getenv func(string) string) (string, error) {
	dir, err := XDGDir(getenv, "XDG_CONFIG_HOME", ".config")
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "autostart"), nil
}

// AgentArgs are the arguments that start the agent at login for the
// journal at dbPath: `agent --login`, which also opens the main window
// unless the settings say to start hidden. The default journal needs no
// --db, so the entry keeps following XDG_DATA_HOME.
func AgentArgs(dbPath string, getenv func(string) string) []string {
	if def, err := DefaultDBPath(getenv); err == nil && def == dbPath {
		return []string{"agent", "--login"}
	}
	return []string{"--db", dbPath, "agent", "--login"}
}

// SetAutostart writes (on) or removes (off) dir/matchday.desktop, the entry
// that makes the desktop run exe with args at login. Removing an entry that
// is not there is not an error.
func SetAutostart(dir string, on bool, exe string, args ...string) error {
	path := filepath.Join(dir, AutostartFile)
	if !on {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		return nil
	}
	if exe == "" {
		return errors.New("cannot find the Matchday program file")
	}
	entry, err := desktopEntry(exe, args)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// Written beside and renamed, so a full disk never leaves half an entry.
	tmp, err := os.CreateTemp(dir, ".matchday-*.desktop")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(entry); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// desktopEntry is the autostart entry's text.
func desktopEntry(exe string, args []string) (string, error) {
	words := []string{ExecArg(exe)}
	for _, a := range args {
		words = append(words, ExecArg(a))
	}
	exec := strings.Join(words, " ")
	if strings.ContainsAny(exec, "\n\r") {
		return "", fmt.Errorf("the path %q has a line break, which an autostart entry cannot hold", exe)
	}
	return "[Desktop Entry]\n" +
		"Type=Application\n" +
		"Name=Matchday\n" +
		"Comment=Celebrate tonight. Train tomorrow.\n" +
		"Exec=" + exec + "\n" +
		"Terminal=false\n" +
		"X-GNOME-Autostart-enabled=true\n", nil
}

// ExecArg quotes one argument for an Exec line as the Desktop Entry
// Specification asks: an argument with a reserved character goes in double
// quotes with ", `, $ and \ escaped; % is doubled (it starts field codes);
// and because Exec is itself a string value, every backslash is doubled
// once more.
func ExecArg(a string) string {
	a = strings.ReplaceAll(a, "%", "%%")
	if a != "" && !strings.ContainsAny(a, " \t\n\"'\\><~|&;$*?#()`") {
		return a
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range a {
		switch r {
		case '"', '`', '$', '\\':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return strings.ReplaceAll(b.String(), `\`, `\\`)
}
