package agent

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// One agent per journal. Beside the journal file (the data folder) the
// agent keeps:
//
//	<journal>.agent.lock  an exclusive flock held while the agent runs. The
//	                      kernel drops it when the process dies, even by
//	                      SIGKILL, so a stale file never blocks a new agent.
//	                      It is a file of its own: a lock on the database file
//	                      would be dropped by SQLite closing another handle.
//	<journal>.agent.sock  the agent's unix socket (mode 0600), or, when that
//	                      path is too long for a socket address,
//	                      $XDG_RUNTIME_DIR (else the temp folder)/
//	                      matchday-<hash of the journal path>.sock.
//	<journal>.agent.log   the detached agent's stdout and stderr.
//
// The socket speaks lines of UTF-8: a client connects, writes one command
// line, reads one reply line, and closes.
//
//	open WINDOW   WINDOW is main, capture (main with the cursor in the win
//	              entry), morning, evening, overview or settings: raise that
//	              window in the window process, starting the window
//	              process when none runs.   → "ok"
//	ping          → "ok PID"
//	status        → "ok pid=PID checks=N tray=BOOL window=BOOL": reminder
//	              checks done so far, whether a tray watcher was found at
//	              start, whether a window process runs
//	quit          end the window process and the agent.   → "ok"
//
// Any failure replies "error TEXT".

// ErrNotRunning is returned by Send when no agent runs for the journal.
var ErrNotRunning = errors.New("agent: not running")

// ErrRunning is returned by Run when another agent already runs for the
// journal.
var ErrRunning = errors.New("agent: already running")

// LockPath returns the agent's lock file for the journal at db.
func LockPath(db string) string { return db + ".agent.lock" }

// LogPath returns where a detached agent's output goes.
func LogPath(db string) string { return db + ".agent.log" }

// maxSocketPath is below the 108 bytes of Linux's sun_path (104 on macOS),
// with room for the terminating NUL.
const maxSocketPath = 100

// SocketPath returns the agent's socket for the journal at db.
func SocketPath(db string) string {
	p := db + ".agent.sock"
	if len(p) <= maxSocketPath {
		return p
	}
	dir := os.Getenv("XDG_RUNTIME_DIR")
	if dir == "" {
		dir = os.TempDir()
	}
	sum := sha256.Sum256([]byte(db))
	return filepath.Join(dir, "matchday-"+hex.EncodeToString(sum[:8])+".sock")
}

// instanceLock is the held lock file.
type instanceLock struct{ f *os.File }

// acquireLock takes the journal's agent lock without waiting; ErrRunning
// when another process holds it.
func acquireLock(db string) (*instanceLock, error) {
	f, err := os.OpenFile(LockPath(db), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("agent: lock: %w", err)
	}
	if err := flock(f); err != nil {
		f.Close()
		return nil, err
	}
	// For people looking at the folder; the lock itself is the flock.
	f.Truncate(0)
	fmt.Fprintf(f, "%d\n", os.Getpid())
	return &instanceLock{f}, nil
}

// release drops the lock. The file stays: removing it could let two agents
// lock two different files of the same name.
func (l *instanceLock) release() error { return l.f.Close() }

// listen opens the agent's socket, replacing a stale one left by an agent
// that died. Call it only while holding the lock, so the socket replaced
// cannot belong to a live agent.
func listen(db string) (net.Listener, error) {
	p := SocketPath(db)
	if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("agent: remove stale socket: %w", err)
	}
	ln, err := net.Listen("unix", p)
	if err != nil {
		return nil, fmt.Errorf("agent: listen: %w", err)
	}
	if err := os.Chmod(p, 0o600); err != nil {
		ln.Close()
		return nil, fmt.Errorf("agent: listen: %w", err)
	}
	return ln, nil
}

// sendTimeout bounds one exchange with the agent, which answers an "open"
// after the window process took it.
const sendTimeout = 20 * time.Second

// Send hands one command line to the agent of the journal at db and returns
// its reply without the leading "ok". ErrNotRunning when no agent listens;
// an error carrying the agent's text when it replied "error …".
func Send(db, line string) (string, error) {
	conn, err := net.DialTimeout("unix", SocketPath(db), sendTimeout)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ENOENT) {
			return "", ErrNotRunning
		}
		return "", fmt.Errorf("agent: connect: %w", err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(sendTimeout))
	if _, err := fmt.Fprintln(conn, line); err != nil {
		return "", fmt.Errorf("agent: send: %w", err)
	}
	reply, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return "", fmt.Errorf("agent: no reply to %q: %w", line, err)
	}
	reply = strings.TrimRight(reply, "\r\n")
	if rest, ok := strings.CutPrefix(reply, "error"); ok {
		return "", fmt.Errorf("agent: %s", strings.TrimSpace(rest))
	}
	rest, ok := strings.CutPrefix(reply, "ok")
	if !ok {
		return "", fmt.Errorf("agent: unexpected reply %q", reply)
	}
	return strings.TrimSpace(rest), nil
}
