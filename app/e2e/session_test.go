package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"matchday/app/agent"
	"matchday/data"
)

// session is a desktop with one journal that Matchday's agent and window
// processes use, at a clock the test sets. When the test ends its agent is
// quit, and no Matchday process of the journal may be left.
type session struct {
	*desktop
	db string
}

// newSession starts a desktop for a journal in a temp folder, with
// MATCHDAY_NOW set to now (RFC 3339; the processes' clocks run on from it).
func newSession(t *testing.T, now string) *session {
	t.Helper()
	return newSessionOn(t, now, defaultScreen)
}

// newSessionOn is newSession on a screen of the given size ("800x600x24").
func newSessionOn(t *testing.T, now, screen string) *session {
	t.Helper()
	s := &session{desktop: newDesktopOn(t, screen), db: filepath.Join(t.TempDir(), "matchday.db")}
	s.env = append(s.env, "MATCHDAY_NOW="+now)
	t.Cleanup(s.stopMatchday)
	return s
}

// setNow sets MATCHDAY_NOW for the processes started from now on.
func (s *session) setNow(now string) {
	for i, kv := range s.env {
		if strings.HasPrefix(kv, "MATCHDAY_NOW=") {
			s.env[i] = "MATCHDAY_NOW=" + now
		}
	}
}

// waitFor is poll that fails the test on timeout, showing the agent's log.
func (s *session) waitFor(what string, within time.Duration, cond func() bool) {
	s.t.Helper()
	if !poll(within, cond) {
		s.t.Fatalf("timed out after %s waiting for %s\nagent log:\n%s", within, what, s.agentLog())
	}
}

func (s *session) agentLog() string {
	b, _ := os.ReadFile(agent.LogPath(s.db))
	return string(b)
}

// matchday runs `matchday --db DB args…` to its end and returns its exit
// code and its output (stdout and stderr).
func (s *session) matchday(args ...string) (int, string) {
	s.t.Helper()
	out, errOut, code := s.run(nil, append([]string{"--db", s.db}, args...)...)
	return code, out + errOut
}

// startAgent starts `matchday agent` as the test's child, logging to the
// agent log, and waits until its socket answers. stopMatchday ends it.
func (s *session) startAgent() {
	s.t.Helper()
	logFile, err := os.OpenFile(agent.LogPath(s.db), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		s.t.Fatal(err)
	}
	defer logFile.Close()
	cmd := exec.Command(binary, "--db", s.db, "agent")
	cmd.Env = s.env
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		s.t.Fatalf("start agent: %v", err)
	}
	go cmd.Wait()
	s.waitFor("the agent's socket", 15*time.Second, func() bool {
		_, err := agent.Send(s.db, "ping")
		return err == nil
	})
}

// processes returns the pids of this journal's agents and window processes
// (a window process is started by the agent with --no-agent).
func (s *session) processes() (agents, windows []int) {
	s.t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		s.t.Fatal(err)
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		raw, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil || len(raw) == 0 {
			continue // gone, or a zombie
		}
		args := strings.Split(strings.TrimRight(string(raw), "\x00"), "\x00")
		if args[0] != binary || !contains(args, s.db) {
			continue
		}
		switch {
		case contains(args, "agent"):
			agents = append(agents, pid)
		case contains(args, "--no-agent"):
			windows = append(windows, pid)
		}
	}
	return agents, windows
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// titled returns the visible windows whose title is exactly title.
func (s *session) titled(title string) []string {
	return s.windows("^" + regexp.QuoteMeta(title) + "$")
}

// stopMatchday quits the journal's agent and makes sure no Matchday process
// of the journal outlives the test.
func (s *session) stopMatchday() {
	agent.Send(s.db, "quit")
	if poll(10*time.Second, func() bool {
		a, w := s.processes()
		return len(a)+len(w) == 0
	}) {
		return
	}
	a, w := s.processes()
	for _, pid := range append(a, w...) {
		syscall.Kill(pid, syscall.SIGKILL)
	}
	s.t.Errorf("Matchday processes left after quit: agents %v, windows %v", a, w)
}

// withSettings writes settings into the journal before Matchday starts.
func (s *session) withSettings(change func(*data.Settings)) {
	s.t.Helper()
	st, err := data.Open(s.db)
	if err != nil {
		s.t.Fatal(err)
	}
	defer st.Close()
	set := data.DefaultSettings()
	change(&set)
	if err := st.SaveSettings(context.Background(), set); err != nil {
		s.t.Fatal(err)
	}
}

// checks returns how many reminder checks the running agent has done.
func (s *session) checks() int {
	s.t.Helper()
	reply, err := agent.Send(s.db, "status")
	if err != nil {
		return -1
	}
	for _, f := range strings.Fields(reply) {
		if v, ok := strings.CutPrefix(f, "checks="); ok {
			n, _ := strconv.Atoi(v)
			return n
		}
	}
	s.t.Fatalf("status %q has no checks", reply)
	return 0
}
