package cli

import (
	"bytes"
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
