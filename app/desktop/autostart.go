// Package desktop is what talks to the desktop: the data folder's place, the
// login autostart entry (and, in locale/, the system locale).
package desktop

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// AppID is Matchday's reverse-DNS id: the name of its installed desktop
// entry (AppID.desktop), its icon and its login entry.
const AppID = "app.matchday.Matchday"

// AutostartFile is the name of Matchday's XDG autostart entry: the desktop
// entry's id, so the desktop knows the login entry belongs to the app.
const AutostartFile = AppID + ".desktop"

// legacyAutostartFile is the name Matchday 0.1 gave its login entry; Repair
// moves such an entry to AutostartFile.
const legacyAutostartFile = "matchday.desktop"

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

// Autostart is Matchday's login entry in one autostart folder.
type Autostart struct {
	// Dir is the autostart folder (AutostartDir).
	Dir string
	// Exe is the running binary.
	Exe string
	// Getenv finds the installed desktop entry (XDG_DATA_HOME,
	// XDG_DATA_DIRS, HOME).
	Getenv func(string) string
}

// NewAutostart is the login entry of the running binary in the user's
// autostart folder; Dir is empty when that folder cannot be found.
func NewAutostart(getenv func(string) string) Autostart {
	exe, _ := os.Executable()
	dir, _ := AutostartDir(getenv)
	return Autostart{Dir: dir, Exe: exe, Getenv: getenv}
}

// Set writes (on) or removes (off) the entry that makes the desktop run
// Matchday with args at login. When the running binary is the one the
// installed desktop entry starts (make install, a package), the login entry
// runs that entry's Exec, so it follows the installation; otherwise it
// runs the running binary by its path. Removing an entry that is not there
// is not an error.
func (a Autostart) Set(on bool, args ...string) error {
	if !on {
		return a.remove()
	}
	if a.Exe == "" {
		return errors.New("cannot find the Matchday program file")
	}
	program, icon := []string{a.Exe}, false
	if entry, ok := FindInstalled(a.Getenv); ok && sameFile(entry.Program(a.Getenv), a.Exe) {
		program, icon = entry.Exec, true
	}
	return a.write(append(append([]string{}, program...), args...), icon)
}

// Repair is what Autostart.Repair did.
type Repair int

const (
	// RepairNothing: no entry, or one that works.
	RepairNothing Repair = iota
	// RepairRewritten: the entry was written again for the running binary.
	RepairRewritten
	// RepairRemoved: the entry was removed.
	RepairRemoved
)

// Repair looks at the login entry (Settings do, when they open). An entry
// whose program no longer exists (Matchday moved or uninstalled, a checkout
// deleted), or one under the old name, is written again for the running
// binary, with the arguments it had, when on (the setting says start at
// login), and removed otherwise. A working entry stays as it is.
func (a Autostart) Repair(on bool, args ...string) (Repair, error) {
	legacy := filepath.Join(a.Dir, legacyAutostartFile)
	current := filepath.Join(a.Dir, AutostartFile)
	for _, path := range []string{current, legacy} {
		words, err := readExec(path)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err == nil && path == current && programExists(words[0], a.Getenv) {
			return RepairNothing, nil
		}
		if !on {
			return RepairRemoved, a.remove()
		}
		if err == nil && len(words) > 1 {
			args = agentArgsOf(words[1:])
		}
		if err := a.Set(true, args...); err != nil {
			return RepairNothing, err
		}
		return RepairRewritten, nil
	}
	return RepairNothing, nil
}

// agentArgsOf returns the arguments that follow the program in an old
// entry's Exec, from the first that is Matchday's own (an installed
// entry's Exec may have had arguments of its own before them).
func agentArgsOf(words []string) []string {
	for i, w := range words {
		if w == "--db" || w == "agent" {
			return words[i:]
		}
	}
	return words
}

// remove deletes the login entry under either name.
func (a Autostart) remove() error {
	for _, name := range []string{AutostartFile, legacyAutostartFile} {
		if err := os.Remove(filepath.Join(a.Dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// write writes the entry running words, through a file beside it that is
// renamed, so a full disk never leaves half an entry; an entry under the
// old name goes.
func (a Autostart) write(words []string, icon bool) error {
	entry, err := autostartEntry(words, icon)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(a.Dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(a.Dir, ".matchday-*.desktop")
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
	if err := os.Rename(tmp.Name(), filepath.Join(a.Dir, AutostartFile)); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(a.Dir, legacyAutostartFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// autostartEntry is the login entry's text; icon names the installed icon.
func autostartEntry(words []string, icon bool) (string, error) {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = ExecArg(w)
	}
	exec := strings.Join(quoted, " ")
	if strings.ContainsAny(exec, "\n\r") {
		return "", fmt.Errorf("the path %q has a line break, which an autostart entry cannot hold", words[0])
	}
	var b strings.Builder
	b.WriteString("[Desktop Entry]\n" +
		"Type=Application\n" +
		"Name=Matchday\n" +
		"Comment=Celebrate tonight. Train tomorrow.\n")
	if icon {
		b.WriteString("Icon=" + AppID + "\n")
	}
	b.WriteString("Exec=" + exec + "\n" +
		"Terminal=false\n" +
		"X-GNOME-Autostart-enabled=true\n")
	return b.String(), nil
}

// InstalledEntry is Matchday's desktop entry as installed.
type InstalledEntry struct {
	// Path is the file, e.g. /usr/share/applications/app.matchday.Matchday.desktop.
	Path string
	// Exec is its Exec line split into words, field codes left out.
	Exec []string
}

// Program is the file the entry runs: Exec's first word, looked up on
// PATH when it has no slash.
func (e InstalledEntry) Program(getenv func(string) string) string {
	return lookPath(e.Exec[0], getenv)
}

// FindInstalled returns Matchday's installed desktop entry: the first
// AppID.desktop in the applications folder of $XDG_DATA_HOME
// (~/.local/share), then of each $XDG_DATA_DIRS (/usr/local/share:/usr/share),
// the order in which the desktop looks. ok is false when there is none.
func FindInstalled(getenv func(string) string) (entry InstalledEntry, ok bool) {
	for _, dir := range dataDirs(getenv) {
		path := filepath.Join(dir, "applications", AppID+".desktop")
		words, err := readExec(path)
		if err == nil {
			return InstalledEntry{Path: path, Exec: words}, true
		}
	}
	return InstalledEntry{}, false
}

// dataDirs are the XDG data folders, most important first.
func dataDirs(getenv func(string) string) []string {
	var dirs []string
	if home, err := XDGDir(getenv, "XDG_DATA_HOME", ".local", "share"); err == nil {
		dirs = append(dirs, home)
	}
	system := getenv("XDG_DATA_DIRS")
	if system == "" {
		system = "/usr/local/share:/usr/share"
	}
	for _, d := range strings.Split(system, ":") {
		if d != "" {
			dirs = append(dirs, d)
		}
	}
	return dirs
}

// readExec reads the Exec line of a desktop file's [Desktop Entry] group
// and splits it into words.
func readExec(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	group := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			group = line
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if ok && group == "[Desktop Entry]" && strings.TrimSpace(k) == "Exec" {
			return SplitExec(strings.TrimSpace(v))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("%s has no Exec line", path)
}

// SplitExec splits an Exec value into words, undoing ExecArg: the string
// value's escapes, then the quoting of arguments; field codes (%f, %u, …)
// are left out and %% is a %.
func SplitExec(v string) ([]string, error) {
	// The string value's own escapes.
	var s strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] != '\\' || i+1 == len(v) {
			s.WriteByte(v[i])
			continue
		}
		i++
		switch v[i] {
		case 's':
			s.WriteByte(' ')
		case 'n':
			s.WriteByte('\n')
		case 't':
			s.WriteByte('\t')
		case 'r':
			s.WriteByte('\r')
		case '\\':
			s.WriteByte('\\')
		default: // not a string escape: kept for the argument's quoting
			s.WriteByte('\\')
			s.WriteByte(v[i])
		}
	}
	var words []string
	var w strings.Builder
	inWord, quoted := false, false
	line := s.String()
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quoted && c == '\\' && i+1 < len(line):
			i++
			w.WriteByte(line[i])
		case quoted && c == '%' && i+1 < len(line) && line[i+1] == '%':
			i++
			w.WriteByte('%')
		case quoted && c == '"':
			quoted = false
		case quoted:
			w.WriteByte(c)
		case c == '"':
			quoted, inWord = true, true
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case c == '%' && i+1 < len(line):
			i++
			if line[i] == '%' {
				w.WriteByte('%')
				inWord = true
			}
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if quoted {
		return nil, fmt.Errorf("exec line %q has an unclosed quote", v)
	}
	if inWord {
		words = append(words, w.String())
	}
	if len(words) == 0 {
		return nil, fmt.Errorf("exec line %q is empty", v)
	}
	return words, nil
}

// lookPath finds program on getenv's PATH when it has no slash.
func lookPath(program string, getenv func(string) string) string {
	if strings.Contains(program, "/") {
		return program
	}
	for _, dir := range filepath.SplitList(getenv("PATH")) {
		p := filepath.Join(dir, program)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p
		}
	}
	return program
}

// programExists reports whether an entry's program is there to run.
func programExists(program string, getenv func(string) string) bool {
	fi, err := os.Stat(lookPath(program, getenv))
	return err == nil && !fi.IsDir()
}

// sameFile reports whether two paths name one file.
func sameFile(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
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
