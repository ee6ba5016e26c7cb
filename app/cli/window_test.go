package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"matchday/app/agent"
)

func TestWindowPipeIsOnlyForTheAgentsWindowProcess(t *testing.T) {
	env := Env{Getenv: func(string) string { return "" }, Stdin: strings.NewReader("open evening\n"), Stdout: &bytes.Buffer{}}
	if in, _ := (&cli{env: env}).agentPipe(); in != nil {
		t.Fatal("a window process not started by the agent takes commands from its stdin")
	}
	env.Stdin = strings.NewReader("")
	env.Getenv = func(k string) string {
		if k == agent.WindowPipeEnv {
			return "1"
		}
		return ""
	}
	if in, _ := (&cli{env: env}).agentPipe(); in == nil {
		t.Fatal("the agent's window process does not take its commands")
	}
}

// TestWindowVerbsWithoutADisplay: without DISPLAY and WAYLAND_DISPLAY every
// window verb says in one line that no window can open, names what works
// without one, and exits 1, with or without the agent; nothing is started.
func TestWindowVerbsWithoutADisplay(t *testing.T) {
	db := filepath.Join(t.TempDir(), "matchday.db")
	for _, args := range [][]string{{}, {"evening"}, {"morning"}, {"overview"}, {"settings"}, {"capture"}, {"--no-agent", "evening"}, {"--no-agent"}} {
		code, out, errOut := runMain(t, map[string]string{"HOME": t.TempDir()}, append([]string{"--db", db}, args...)...)
		if code != 1 || out != "" {
			t.Errorf("%v: exit %d, stdout %q; want exit 1 and nothing on stdout", args, code, out)
		}
		if lines := strings.Split(strings.TrimSpace(errOut), "\n"); len(lines) != 1 || !strings.Contains(errOut, "no display") || !strings.Contains(errOut, "today") {
			t.Errorf("%v: stderr %q; want one line about the missing display", args, errOut)
		}
	}
	if _, err := os.Stat(agent.SocketPath(db)); err == nil {
		t.Error("an agent was started without a display")
	}
}
