package cli

import (
	"io"
	"path/filepath"
	"runtime"

	"matchday/app/agent"
	"matchday/app/ui"
)

// runWindow opens the named window in this process (the window process)
// and runs it until its last window closes.
func (c *cli) runWindow(name string) error {
	path, err := c.journalPath()
	if err != nil {
		return err
	}
	o := ui.Options{Path: path, Open: c.open, Now: c.now, Window: name, HasDisplay: c.hasDisplay()}
	o.AskAgentToSync = func() bool {
		db, err := filepath.Abs(path)
		if err == nil {
			_, err = agent.Send(db, "sync")
		}
		return err == nil
	}
	o.Pipe, o.PipeOut = c.agentPipe()
	return ui.Run(o)
}

// agentPipe is where the agent's commands come from and the answers go:
// a window process that the agent started (WindowPipeEnv is "1") takes
// them from its stdin (see agent.WindowPipeEnv). Anyone else's ignores its
// stdin, which may be a terminal: nil.
func (c *cli) agentPipe() (io.Reader, io.Writer) {
	if c.env.Getenv(agent.WindowPipeEnv) != "1" || c.env.Stdin == nil {
		return nil, nil
	}
	return c.env.Stdin, c.env.Stdout
}

// hasDisplay reports whether a window can be shown; without one, a window
// command reports a journal problem on stderr only.
func (c *cli) hasDisplay() bool {
	if runtime.GOOS != "linux" {
		return true
	}
	return c.env.Getenv("DISPLAY") != "" || c.env.Getenv("WAYLAND_DISPLAY") != ""
}
