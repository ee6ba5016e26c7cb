package e2e

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoDisplayNoCrash: the real binary, with no DISPLAY and no
// WAYLAND_DISPLAY (an SSH session, a TTY), answers every window verb with
// one line and exit 1 instead of a GLFW panic, while `win` still works.
func TestNoDisplayNoCrash(t *testing.T) {
	home := t.TempDir()
	db := filepath.Join(home, "matchday.db")
	env := append(cleanEnv(), "HOME="+home, "XDG_DATA_HOME="+home, "XDG_RUNTIME_DIR="+home)
	run := func(args ...string) (string, int) {
		cmd := exec.Command(binary, append([]string{"--db", db}, args...)...)
		cmd.Env = env
		out, _ := cmd.CombinedOutput()
		return string(out), cmd.ProcessState.ExitCode()
	}
	if out, code := run("win", "Signed without a screen"); code != 0 || strings.TrimSpace(out) != "1" {
		t.Fatalf("win without a display: exit %d, %q", code, out)
	}
	for _, verb := range []string{"", "evening", "morning", "overview", "settings", "capture"} {
		args := []string{}
		if verb != "" {
			args = append(args, verb)
		}
		out, code := run(args...)
		if code != 1 || strings.Count(strings.TrimSpace(out), "\n") != 0 || !strings.Contains(out, "no display") {
			t.Errorf("matchday %s without a display: exit %d, output %q", verb, code, out)
		}
		if strings.Contains(out, "goroutine") || strings.Contains(out, "panic") {
			t.Errorf("matchday %s without a display crashed: %s", verb, out)
		}
	}
}
