package desktop

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeSystem is a home folder and a system data folder of a test's own,
// with an executable where the tests want one.
type fakeSystem struct {
	t           *testing.T
	home, share string
	env         map[string]string
}

func newFakeSystem(t *testing.T) *fakeSystem {
	root := t.TempDir()
	f := &fakeSystem{t: t, home: filepath.Join(root, "home"), share: filepath.Join(root, "usr", "share")}
	f.env = map[string]string{"HOME": f.home, "XDG_DATA_DIRS": f.share, "PATH": filepath.Join(root, "usr", "bin")}
	return f
}

func (f *fakeSystem) getenv(k string) string { return f.env[k] }

// program puts an executable at path.
func (f *fakeSystem) program(path string) string {
	f.t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		f.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"), 0o755); err != nil {
		f.t.Fatal(err)
	}
	return path
}

// install puts Matchday's desktop entry into the system data folder, with
// the Exec line exec.
func (f *fakeSystem) install(exec string) {
	f.t.Helper()
	dir := filepath.Join(f.share, "applications")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		f.t.Fatal(err)
	}
	entry := "[Desktop Entry]\nType=Application\nName=Matchday\nExec=" + exec + "\n\n[Desktop Action evening]\nExec=nope\n"
	if err := os.WriteFile(filepath.Join(dir, AppID+".desktop"), []byte(entry), 0o644); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fakeSystem) autostart(exe string) Autostart {
	return Autostart{Dir: filepath.Join(f.home, ".config", "autostart"), Exe: exe, Getenv: f.getenv}
}

func readEntry(t *testing.T, a Autostart, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(a.Dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestAutostartSet(t *testing.T) {
	f := newFakeSystem(t)
	a := f.autostart(f.program(filepath.Join(f.home, "src", "matchday", "bin", "matchday")))
	if err := a.Set(false, "agent"); err != nil {
		t.Errorf("removing a missing entry: %v", err)
	}
	if err := a.Set(true, "agent", "--login"); err != nil {
		t.Fatal(err)
	}
	b := readEntry(t, a, AutostartFile)
	for _, line := range []string{"[Desktop Entry]", "Type=Application", "Name=Matchday", "Exec=" + a.Exe + " agent --login", "X-GNOME-Autostart-enabled=true"} {
		if !strings.Contains(b, line+"\n") {
			t.Errorf("entry lacks %q:\n%s", line, b)
		}
	}
	if strings.Contains(b, "Icon=") {
		t.Errorf("an entry for a binary that is not installed names the installed icon:\n%s", b)
	}
	bad := a
	bad.Exe = "/usr/bin/matchday\nevil"
	if err := bad.Set(true, "agent"); err == nil {
		t.Error("a program path with a line break was written into the entry")
	}
	if err := a.Set(false); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(a.Dir); len(entries) != 0 {
		t.Errorf("the folder still holds %v", entries)
	}
}

func TestAutostartUsesTheInstalledEntry(t *testing.T) {
	for _, tc := range []struct {
		name     string
		exec     string // the installed entry's Exec; "" installs none
		running  string // the binary that runs, below the test's root
		wantExec string
		wantIcon bool
	}{
		{"installed, running the installed binary", "{bin}/matchday", "{bin}/matchday", "{bin}/matchday agent --login", true},
		{"installed by name on PATH", "matchday", "{bin}/matchday", "matchday agent --login", true},
		{"installed, running a checkout", "{bin}/matchday", "{home}/src/bin/matchday", "{home}/src/bin/matchday agent --login", false},
		{"not installed", "", "{bin}/matchday", "{bin}/matchday agent --login", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeSystem(t)
			bin := f.env["PATH"]
			expand := strings.NewReplacer("{bin}", bin, "{home}", f.home).Replace
			f.program(filepath.Join(bin, "matchday"))
			exe := f.program(expand(tc.running))
			if tc.exec != "" {
				f.install(expand(tc.exec))
			}
			a := f.autostart(exe)
			if err := a.Set(true, "agent", "--login"); err != nil {
				t.Fatal(err)
			}
			b := readEntry(t, a, AutostartFile)
			if !strings.Contains(b, "\nExec="+expand(tc.wantExec)+"\n") {
				t.Errorf("entry:\n%s\nwant Exec=%s", b, expand(tc.wantExec))
			}
			if strings.Contains(b, "\nIcon="+AppID+"\n") != tc.wantIcon {
				t.Errorf("entry:\n%s\nnames the icon: want %t", b, tc.wantIcon)
			}
		})
	}
}

func TestAutostartRepair(t *testing.T) {
	for _, tc := range []struct {
		name     string
		file     string // the entry found
		exec     string // its Exec; {gone} is a binary that no longer exists
		on       bool   // the setting
		want     Repair
		wantExec string // the entry afterwards; "" when there is none
	}{
		{"working entry stays", AutostartFile, "{exe} agent --login", true, RepairNothing, "{exe} agent --login"},
		{"working entry stays, setting off", AutostartFile, "{exe} agent --login", false, RepairNothing, "{exe} agent --login"},
		{"missing binary, on: rewritten with its arguments", AutostartFile, "{gone} --db /data/j.db agent --login", true, RepairRewritten, "{exe} --db /data/j.db agent --login"},
		{"missing binary, off: removed", AutostartFile, "{gone} agent --login", false, RepairRemoved, ""},
		{"old name, on: moved", "matchday.desktop", "{exe} agent --login", true, RepairRewritten, "{exe} agent --login"},
		{"old name, missing binary, off: removed", "matchday.desktop", "{gone} agent --login", false, RepairRemoved, ""},
		{"no Exec, on: rewritten", AutostartFile, "", true, RepairRewritten, "{exe} agent --login"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeSystem(t)
			exe := f.program(filepath.Join(f.home, "Apps", "Match Day", "matchday"))
			a := f.autostart(exe)
			expand := strings.NewReplacer("{exe}", ExecArg(exe), "{gone}", filepath.Join(f.home, "deleted", "matchday")).Replace
			if err := os.MkdirAll(a.Dir, 0o755); err != nil {
				t.Fatal(err)
			}
			body := "[Desktop Entry]\nType=Application\nName=Matchday\n"
			if tc.exec != "" {
				body += "Exec=" + expand(tc.exec) + "\n"
			}
			if err := os.WriteFile(filepath.Join(a.Dir, tc.file), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := a.Repair(tc.on, "agent", "--login")
			if err != nil || got != tc.want {
				t.Fatalf("Repair = %v, %v; want %v", got, err, tc.want)
			}
			entries, _ := os.ReadDir(a.Dir)
			if tc.wantExec == "" {
				if len(entries) != 0 {
					t.Fatalf("entries left: %v", entries)
				}
				return
			}
			if len(entries) != 1 || entries[0].Name() != AutostartFile {
				t.Fatalf("entries %v, want only %s", entries, AutostartFile)
			}
			if b := readEntry(t, a, AutostartFile); !strings.Contains(b, "\nExec="+expand(tc.wantExec)+"\n") {
				t.Errorf("entry:\n%s\nwant Exec=%s", b, expand(tc.wantExec))
			}
		})
	}
}

func TestSplitExecUndoesExecArg(t *testing.T) {
	for _, args := range [][]string{
		{"/usr/bin/matchday", "agent", "--login"},
		{"/home/ada/My Apps/matchday", "--db", "/data/100% sure/j.db", "agent"},
		{`/tmp/a"b`, "/tmp/$HOME", `C:\x`, "back`tick", ""},
	} {
		quoted := make([]string, len(args))
		for i, a := range args {
			quoted[i] = ExecArg(a)
		}
		got, err := SplitExec(strings.Join(quoted, " "))
		if err != nil || strings.Join(got, "|") != strings.Join(args, "|") {
			t.Errorf("SplitExec(%s) = %q, %v; want %q", strings.Join(quoted, " "), got, err, args)
		}
	}
	// Field codes are the launcher's: left out.
	if got, err := SplitExec("/usr/bin/matchday %U --flag"); err != nil || strings.Join(got, " ") != "/usr/bin/matchday --flag" {
		t.Errorf("field codes: %q %v", got, err)
	}
	for _, bad := range []string{"", "  ", `"/usr/bin/matchday`} {
		if _, err := SplitExec(bad); err == nil {
			t.Errorf("SplitExec(%q) accepted", bad)
		}
	}
}

func TestDesktopExecArg(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/usr/bin/matchday", "/usr/bin/matchday"},
		{"agent", "agent"},
		{"/home/ada/My Apps/matchday", `"/home/ada/My Apps/matchday"`},
		{"/tmp/100%/m", "/tmp/100%%/m"},
		{`/tmp/a"b`, `"/tmp/a\\"b"`},
		{"/tmp/$HOME", `"/tmp/\\$HOME"`},
		{`C:\x`, `"C:\\\\x"`},
		{"", `""`},
	}
	for _, tt := range tests {
		if got := ExecArg(tt.in); got != tt.want {
			t.Errorf("ExecArg(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestAutostartDirAndAgentArgs(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if got, _ := AutostartDir(env(map[string]string{"XDG_CONFIG_HOME": "/x/cfg", "HOME": "/home/ada"})); got != "/x/cfg/autostart" {
		t.Errorf("with XDG_CONFIG_HOME: %s", got)
	}
	if got, _ := AutostartDir(env(map[string]string{"HOME": "/home/ada"})); got != "/home/ada/.config/autostart" {
		t.Errorf("without XDG_CONFIG_HOME: %s", got)
	}
	home := env(map[string]string{"HOME": "/home/ada"})
	if got := AgentArgs("/home/ada/.local/share/matchday/matchday.db", home); strings.Join(got, " ") != "agent --login" {
		t.Errorf("default journal: %v", got)
	}
	if got := AgentArgs("/data/j.db", home); strings.Join(got, " ") != "--db /data/j.db agent --login" {
		t.Errorf("other journal: %v", got)
	}
}
