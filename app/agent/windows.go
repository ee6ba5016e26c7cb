package agent

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"time"
)

// WindowPipeEnv is set to "1" in the window process the agent starts. That
// process then reads commands from its stdin, one per line, and answers
// each with "ok" on its stdout:
//
//	open WINDOW   show and raise WINDOW (main, capture, morning, evening, overview, settings, week, clients)
//	notray        no tray icon is shown: tell the user once, in the main window
//
// At the end of its stdin (the agent quit or died) the window process
// closes its windows and exits, so it never outlives its agent and a new
// agent never finds an orphan window process beside its own.
const WindowPipeEnv = "MATCHDAY_WINDOW_PIPE"

// ackTimeout is how long the agent waits for the window process to take a
// command before it stops waiting (the command stays in the pipe).
const ackTimeout = 10 * time.Second

var errExited = errors.New("agent: window process exited")

// WindowQuietEnv is set to "1" in a window process the agent starts for a
// reminder: its first window comes up without taking the keyboard (no
// cursor in an entry, no raise), so what the user is typing elsewhere does
// not land in it. On the pipe, "show WINDOW" is the same for a window
// process already running.
const WindowQuietEnv = "MATCHDAY_WINDOW_QUIET"

// ErrNoDisplay is the agent's answer to "open" where no window can be shown:
// it runs before the desktop, or in an SSH session or a TTY.
var ErrNoDisplay = errors.New("agent: no display to open a window on")

// windowProcess starts the window process and hands it commands. There is
// at most one: a second "open" goes down the pipe of the first.
type windowProcess struct {
	// command returns the command line for a new window process that opens
	// window first.
	command func(window string) *exec.Cmd
	logf    func(format string, args ...any)
	// hasDisplay reports whether a window can be shown; nil means yes. A
	// window process without a display would only crash.
	hasDisplay    func() bool
	toldNoDisplay bool

	mu     sync.Mutex
	child  *child
	noTray bool
}

// child is one running window process.
type child struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	acks   chan struct{}
	exited chan struct{}
	// unanswered counts the commands written whose "ok" has not been read;
	// only the goroutine holding windowProcess.mu touches it.
	unanswered int
}

// open raises window in the window process, starting one when none runs or
// the one running is on its way out.
func (w *windowProcess) open(window string) error { return w.openAs("open", window) }

// show is open for a reminder: the window comes up without taking the
// keyboard (see WindowQuietEnv).
func (w *windowProcess) show(window string) error { return w.openAs("show", window) }

// openAs opens window with the pipe verb ("open" or "show").
func (w *windowProcess) openAs(verb, window string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.hasDisplay != nil && !w.hasDisplay() {
		if !w.toldNoDisplay {
			w.logf("matchday agent: no display (DISPLAY and WAYLAND_DISPLAY are empty), so no window opens; reminders come as notifications")
			w.toldNoDisplay = true
		}
		return ErrNoDisplay
	}
	if w.child != nil {
		if err := w.child.send(verb + " " + window); err == nil {
			return nil
		}
		w.child = nil
	}
	c, err := w.start(window, verb == "show")
	if err != nil {
		return err
	}
	w.child = c
	if w.noTray {
		// Not waited for: the window process takes it once its event loop
		// runs, and the command that started it need not wait for that.
		if err := c.post("notray"); err != nil {
			w.logf("agent: tell the window process about the tray: %v", err)
		}
	}
	return nil
}

// setNoTray records whether the tray icon is missing, for window processes
// started from now on.
func (w *windowProcess) setNoTray(noTray bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.noTray = noTray
}

// running reports whether a window process runs.
func (w *windowProcess) running() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.child == nil {
		return false
	}
	select {
	case <-w.child.exited:
		return false
	default:
		return true
	}
}

func (w *windowProcess) start(window string, quiet bool) (*child, error) {
	cmd := w.command(window)
	if quiet {
		if cmd.Env == nil {
			cmd.Env = os.Environ()
		}
		cmd.Env = append(cmd.Env, WindowQuietEnv+"=1")
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("agent: start window process: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("agent: start window process: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("agent: start window process: %w", err)
	}
	c := &child{cmd: cmd, stdin: stdin, acks: make(chan struct{}, 64), exited: make(chan struct{})}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if sc.Text() == "ok" {
				select {
				case c.acks <- struct{}{}:
				default:
				}
			}
		}
		if err := cmd.Wait(); err != nil {
			w.logf("agent: window process: %v", err)
		}
		close(c.exited)
	}()
	return c, nil
}

// post writes one command without waiting for its answer.
func (c *child) post(line string) error {
	select {
	case <-c.exited:
		return errExited
	default:
	}
	if _, err := io.WriteString(c.stdin, line+"\n"); err != nil {
		return err
	}
	c.unanswered++
	return nil
}

// send writes one command and waits until the window process took it and
// every command before it (the answers come in order).
func (c *child) send(line string) error {
	if err := c.post(line); err != nil {
		return err
	}
	timeout := time.NewTimer(ackTimeout)
	defer timeout.Stop()
	for c.unanswered > 0 {
		select {
		case <-c.acks:
			c.unanswered--
		case <-c.exited:
			return errExited
		case <-timeout.C:
			// Alive but busy: starting a second window process would be
			// worse. Its answers are counted off by the next send.
			return nil
		}
	}
	return nil
}

// stop closes the window process's pipe, which makes it close its windows
// and exit, and waits for that up to wait.
func (w *windowProcess) stop(wait time.Duration) {
	w.mu.Lock()
	c := w.child
	w.child = nil
	w.mu.Unlock()
	if c == nil {
		return
	}
	c.stdin.Close()
	timeout := time.NewTimer(wait)
	defer timeout.Stop()
	select {
	case <-c.exited:
	case <-timeout.C:
		c.cmd.Process.Kill()
		<-c.exited
	}
}
