package cli

import (
	"errors"
	"io"
	"path/filepath"
	"runtime"

	"fyne.io/fyne/v2/lang"

	"matchday/app/agent"
	"matchday/app/text"
	"matchday/app/ui"
)

// runWindow opens the named window in this process (the window process)
// and runs it until its last window closes.
func (c *cli) runWindow(name string) error {
	path, err := c.journalPath()
	if err != nil {
		return err
	}
	if !c.hasDisplay() {
		// Without a display Fyne's driver would panic; a journal problem
		// is still worth saying first.
		if s, err := c.openStore(); err != nil {
			return err
		} else if s != nil {
			return errNoDisplay()
		}
	}
	o := ui.Options{Path: path, Open: c.open, Now: c.now, Window: name, HasDisplay: c.hasDisplay(), TellAgent: tellAgent(path)}
	o.AskAgentToSync = func() bool {
		db, err := filepath.Abs(path)
		if err == nil {
			_, err = agent.Send(db, "sync")
		}
		return err == nil
	}
	o.Pipe, o.PipeOut = c.agentPipe()
	o.Quiet = o.Pipe != nil && c.env.Getenv(agent.WindowQuietEnv) == "1"
	return ui.Run(o)
}

// tellAgent returns what sends a line to the agent of the journal at path
// and waits for its answer; no agent running is no error.
func tellAgent(path string) func(line string) error {
	return func(line string) error {
		db, err := filepath.Abs(path)
		if err != nil {
			return err
		}
		_, err = agent.Send(db, line)
		if errors.Is(err, agent.ErrNotRunning) {
			return nil
		}
		return err
	}
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

// errNoDisplay says in one line that no window can open here, and what
// works without one.
func errNoDisplay() error {
	return text.Message{Text: lang.L("cli.error.noDisplay")}
}
