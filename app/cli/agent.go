package cli

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"fyne.io/fyne/v2/lang"

	"matchday/app/agent"
	"matchday/app/ui"
	"matchday/data"
)

// agentStartTimeout is how long a command waits for the agent it started
// to listen.
const agentStartTimeout = 15 * time.Second

// maxAgentLog is the size above which the agent's log starts over.
const maxAgentLog = 1 << 20

// openWindow opens a window: in this process with --no-agent, otherwise by
// handing "open NAME" to the journal's agent, started first when none runs.
func (c *cli) openWindow(name string) error {
	if c.noAgent {
		return c.runWindow(name)
	}
	// Opened here first, so that a journal that cannot be opened is
	// reported by this command rather than in the agent's log.
	s, err := c.openStore()
	if err != nil {
		if c.hasDisplay() {
			return c.runWindow(name)
		}
		return err
	}
	if !c.hasDisplay() {
		return errNoDisplay()
	}
	db, err := filepath.Abs(s.Path())
	if err != nil {
		return err
	}
	line := "open " + name
	if _, err := agent.Send(db, line); !errors.Is(err, agent.ErrNotRunning) {
		return err
	}
	exited, err := c.startAgent(db)
	if err != nil {
		return err
	}
	failed := errors.New(lang.L("agent.error.start", map[string]any{"Log": agent.LogPath(db)}))
	deadline := time.Now().Add(agentStartTimeout)
	for {
		_, err := agent.Send(db, line)
		if !errors.Is(err, agent.ErrNotRunning) {
			return err
		}
		select {
		case err := <-exited:
			// Exit 0: another agent won the race for the lock; wait for it.
			if err != nil {
				return failed
			}
			exited = nil
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return failed
		}
	}
}

// startAgent starts `matchday --db DB agent` detached, in a session of its
// own with its output in the agent log, and returns a channel that gets its
// exit while this command runs.
func (c *cli) startAgent(db string) (<-chan error, error) {
	if c.env.Exe == "" {
		return nil, errors.New("cannot find the matchday program to start its agent")
	}
	logPath := agent.LogPath(db)
	if fi, err := os.Stat(logPath); err == nil && fi.Size() > maxAgentLog {
		os.Remove(logPath)
	}
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot write the agent's log: %w", err)
	}
	defer logFile.Close()
	cmd := exec.Command(c.env.Exe, "--db", db, "agent")
	cmd.Env = c.childEnv()
	cmd.Stdout, cmd.Stderr = logFile, logFile
	agent.Detach(cmd)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("cannot start the agent: %w", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	return exited, nil
}

// childEnv is the environment for a process this one starts. A clock set by
// MATCHDAY_NOW is handed on at its current time, so the child's clock goes
// on from here instead of starting over.
func (c *cli) childEnv() []string {
	env := os.Environ()
	if c.env.Getenv("MATCHDAY_NOW") != "" {
		env = append(env, "MATCHDAY_NOW="+c.now().Format(time.RFC3339))
	}
	return env
}

// runAgent runs the resident agent until it is quit from the tray, by a
// signal or through its socket. With --login (the autostart entry's
// command) it also opens the main window, unless the settings say to start
// hidden.
func (c *cli) runAgent(args []string) error {
	fs := flags("agent")
	login := fs.Bool("login", false, "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("cli.error.extraArgs", map[string]any{"Command": "agent"})
	}
	s, err := c.openStore()
	if err != nil {
		return err
	}
	db, err := filepath.Abs(s.Path())
	if err != nil {
		return err
	}
	logger := log.New(c.env.Stderr, "", log.LstdFlags)
	a := &agent.Agent{
		Store:         s,
		Now:           c.now,
		DB:            db,
		AppID:         ui.AppID,
		WindowCommand: c.windowProcess(db),
		HasDisplay:    c.hasDisplay,
		Logf:          logger.Printf,
		DailyJob:      dailyBackup(logger.Printf),
		// After a damaged journal was set aside and a backup put in its
		// place (the journal-problem window says "reopen").
		Reopen: func() (*data.Store, error) { return data.Open(db, data.WithClock(c.now)) },
		Login:  *login,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = a.Run(ctx)
	if a.Store != s {
		a.Store.Close() // reopened after a restore; Main closes s
	}
	if errors.Is(err, agent.ErrRunning) {
		fmt.Fprintln(c.env.Stderr, lang.L("agent.running"))
		return nil
	}
	return err
}

// dailyBackup is the agent's daily job: a backup into the data folder's
// backups/, pruned to the last 14 days and 8 weeks.
func dailyBackup(logf func(string, ...any)) func(context.Context, *data.Store) error {
	return func(ctx context.Context, s *data.Store) error {
		path, err := s.DailyBackup(ctx)
		if err == nil {
			logf("matchday agent: daily backup %s", path)
		}
		return err
	}
}

// windowProcess returns the agent's command for a window process of the
// journal at db that opens window first.
func (c *cli) windowProcess(db string) func(window string) *exec.Cmd {
	return func(window string) *exec.Cmd {
		args := []string{"--db", db, "--no-agent"}
		if window != ui.WindowMain {
			args = append(args, window)
		}
		cmd := exec.Command(c.env.Exe, args...)
		cmd.Env = append(c.childEnv(), agent.WindowPipeEnv+"=1")
		cmd.Stderr = c.env.Stderr
		return cmd
	}
}
