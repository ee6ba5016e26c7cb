package desktop

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSetAutostart(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "config", "autostart")
	if err := SetAutostart(dir, false, "/usr/bin/matchday", "agent"); err != nil {
		t.Errorf("removing a missing entry: %v", err)
	}
	if err := SetAutostart(dir, true, "/usr/bin/matchday", "agent"); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "matchday.desktop"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"Type=Application", "Name=Matchday", "Exec=/usr/bin/matchday agent"} {
		if !strings.Contains(string(b), line+"\n") {
			t.Errorf("entry lacks %q:\n%s", line, b)
		}
	}
	if err := SetAutostart(dir, true, "/usr/bin/matchday\nevil", "agent"); err == nil {
		t.Error("a program path with a line break was written into the entry")
	}
	if err := SetAutostart(dir, false, "", "agent"); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the folder still holds %v", entries)
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
