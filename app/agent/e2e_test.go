package agent_test

// End-to-end tests: the real binary, built into a temp folder, under an Xvfb
// and a D-Bus session bus that each test starts for itself (CI has neither
// a display nor a session bus). A test server owns
// org.freedesktop.Notifications on that bus and counts the Notify calls;
// xdotool finds the windows by title; /proc tells which Matchday processes
// run.

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"matchday/app/agent"
	"matchday/data"
)

var (
	buildOnce sync.Once
	buildErr  error
)

// binary builds matchday once per test run, into agent.E2EBinDir.
func binary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(agent.E2EBinDir, "matchday")
	buildOnce.Do(func() {
		goTool, err := exec.LookPath("go")
		if err != nil {
			goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
		}
		if out, err := exec.Command(goTool, "build", "-o", bin, "matchday").CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return bin
}

// session is one test's desktop: a display, a session bus, a journal and the
// environment for Matchday's processes.
type session struct {
	t       *testing.T
	bin     string
	db      string
	display string
	bus     string
	env     []string
}

func newSession(t *testing.T, now string) *session {
	t.Helper()
	s := &session{t: t, bin: binary(t), db: filepath.Join(t.TempDir(), "matchday.db")}
	s.display = startXvfb(t)
	s.bus = startBus(t)
	home := t.TempDir()
	env := []string{}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(k, "MATCHDAY_"), strings.HasPrefix(k, "XDG_"), strings.HasPrefix(k, "LC_"),
			k == "DISPLAY", k == "DBUS_SESSION_BUS_ADDRESS", k == "LANG", k == "LANGUAGE", k == "WAYLAND_DISPLAY":
			continue
		}
		env = append(env, kv)
	}
	s.env = append(env,
		"DISPLAY="+s.display,
		"DBUS_SESSION_BUS_ADDRESS="+s.bus,
		"LANG=C.UTF-8",
		"XDG_CONFIG_HOME="+filepath.Join(home, "config"),
		"XDG_DATA_HOME="+filepath.Join(home, "data"),
		"XDG_CACHE_HOME="+filepath.Join(home, "cache"),
		"MATCHDAY_NOW="+now,
	)
	t.Cleanup(s.stopMatchday)
	return s
}

// startXvfb starts an X server on the first free display from :120 and
// returns its DISPLAY.
func startXvfb(t *testing.T) string {
	t.Helper()
	for n := 120; n < 200; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
			continue
		}
		cmd := exec.Command("Xvfb", fmt.Sprintf(":%d", n), "-screen", "0", "1280x800x24", "-nolisten", "tcp")
		if err := cmd.Start(); err != nil {
			t.Fatalf("start Xvfb: %v", err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		sock := fmt.Sprintf("/tmp/.X11-unix/X%d", n)
		up := false
		poll(t, "Xvfb :"+strconv.Itoa(n)+" to listen", 10*time.Second, func() bool {
			select {
			case <-exited:
				return true // display taken meanwhile: try the next
			default:
			}
			_, err := os.Stat(sock)
			up = err == nil
			return up
		})
		if !up {
			continue
		}
		t.Cleanup(func() {
			cmd.Process.Kill()
			<-exited
		})
		return fmt.Sprintf(":%d", n)
	}
	t.Fatal("no free X display from :120 to :199")
	return ""
}

// startBus starts a private session bus and returns its address.
func startBus(t *testing.T) string {
	t.Helper()
	addr := "unix:path=" + filepath.Join(t.TempDir(), "bus")
	cmd := exec.Command("dbus-daemon", "--session", "--nofork", "--nopidfile", "--address="+addr, "--print-address=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start dbus-daemon: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("dbus-daemon printed no address: %v", err)
	}
	return strings.TrimSpace(line)
}

// poll calls cond every 50 ms until it holds or timeout passes, and reports
// whether it held.
func poll(t *testing.T, what string, timeout time.Duration, cond func() bool) bool {
	t.Helper()
	deadline := time.Now().Add(timeout)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		<-tick.C
	}
}

// waitFor is poll that fails the test on timeout.
func (s *session) waitFor(what string, timeout time.Duration, cond func() bool) {
	s.t.Helper()
	if !poll(s.t, what, timeout, cond) {
		s.t.Fatalf("timed out after %s waiting for %s\nagent log:\n%s", timeout, what, s.agentLog())
	}
}

func (s *session) agentLog() string {
	b, _ := os.ReadFile(agent.LogPath(s.db))
	return string(b)
}

// run runs a matchday command to its end and returns its exit code.
func (s *session) run(args ...string) (int, string) {
	s.t.Helper()
	cmd := exec.Command(s.bin, append([]string{"--db", s.db}, args...)...)
	cmd.Env = s.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), out.String()
	}
	if err != nil {
		s.t.Fatalf("run matchday %v: %v", args, err)
	}
	return 0, out.String()
}

// startAgent starts `matchday agent` as the test's child.
func (s *session) startAgent() *exec.Cmd {
	s.t.Helper()
	logFile, err := os.OpenFile(agent.LogPath(s.db), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		s.t.Fatal(err)
	}
	defer logFile.Close()
	cmd := exec.Command(s.bin, "--db", s.db, "agent")
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
	return cmd
}

// processes returns the pids of this session's agents and window processes.
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
		if args[0] != s.bin || !contains(args, s.db) {
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

// windows returns the X windows whose title is exactly title.
func (s *session) windows(title string) []string {
	cmd := exec.Command("xdotool", "search", "--name", "^"+title+"$")
	cmd.Env = s.env
	out, _ := cmd.Output() // exit 1 when there is none
	return strings.Fields(string(out))
}

// stopMatchday quits the session's agent and makes sure no Matchday process
// of the session outlives the test.
func (s *session) stopMatchday() {
	agent.Send(s.db, "quit")
	if poll(s.t, "Matchday to quit", 10*time.Second, func() bool {
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

// notifications owns org.freedesktop.Notifications on a bus and records
// what it is asked to show.
type notifications struct {
	conn  *dbus.Conn
	mu    sync.Mutex
	shown []string // summaries
}

// Notify is org.freedesktop.Notifications.Notify.
func (n *notifications) Notify(app string, replaces uint32, icon, summary, body string, actions []string, hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.shown = append(n.shown, summary)
	return uint32(len(n.shown)), nil
}

func (n *notifications) summaries() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]string(nil), n.shown...)
}

func newNotifications(t *testing.T, bus string) *notifications {
	t.Helper()
	conn, err := dbus.Connect(bus)
	if err != nil {
		t.Fatalf("connect to the test bus: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	n := &notifications{conn: conn}
	if err := conn.Export(n, "/org/freedesktop/Notifications", "org.freedesktop.Notifications"); err != nil {
		t.Fatal(err)
	}
	reply, err := conn.RequestName("org.freedesktop.Notifications", dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own org.freedesktop.Notifications: %v, %v", reply, err)
	}
	return n
}

// withSettings writes settings into the session's journal before Matchday
// starts.
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

func TestE2EMorningReminderNotifiesOnceAndOpensTheWindow(t *testing.T) {
	// A Monday, four seconds before the default morning time.
	s := newSession(t, "2026-11-30T07:29:56+01:00")
	n := newNotifications(t, s.bus)
	s.withSettings(func(set *data.Settings) { set.Language = "en" })
	s.startAgent()

	if got := s.windows("Morning focus"); len(got) != 0 {
		t.Fatalf("morning window open before its time: %v", got)
	}
	s.waitFor("the morning notification", 30*time.Second, func() bool { return len(n.summaries()) > 0 })
	s.waitFor("the morning window", 30*time.Second, func() bool { return len(s.windows("Morning focus")) == 1 })
	if got := n.summaries(); len(got) != 1 || got[0] != "Morning focus" {
		t.Fatalf("notifications = %q, want exactly one \"Morning focus\"", got)
	}
	if a, w := s.processes(); len(a) != 1 || len(w) != 1 {
		t.Fatalf("processes: agents %v, window processes %v; want one of each", a, w)
	}

	// Quit from the socket ends both processes; an agent started again
	// after the morning time (a restart, a login) does not remind again.
	if _, err := agent.Send(s.db, "quit"); err != nil {
		t.Fatal(err)
	}
	s.waitFor("the agent and window process to quit", 15*time.Second, func() bool {
		a, w := s.processes()
		return len(a)+len(w) == 0
	})
	s.setNow("2026-11-30T07:31:00+01:00")
	s.startAgent()
	s.waitFor("the new agent's first check", 15*time.Second, func() bool { return s.checks() >= 1 })
	if got := n.summaries(); len(got) != 1 {
		t.Fatalf("notifications after a restart = %q, want still one", got)
	}
	if _, w := s.processes(); len(w) != 0 {
		t.Fatalf("window processes after a restart: %v, want none", w)
	}
}

// setNow sets MATCHDAY_NOW for the processes started from now on.
func (s *session) setNow(now string) {
	for i, kv := range s.env {
		if strings.HasPrefix(kv, "MATCHDAY_NOW=") {
			s.env[i] = "MATCHDAY_NOW=" + now
		}
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

func TestE2EOneAgentOneWindowProcess(t *testing.T) {
	// Before any reminder is due, and reminders off, so only the commands
	// open windows.
	s := newSession(t, "2026-11-30T05:00:00+01:00")
	s.withSettings(func(set *data.Settings) {
		set.MorningReminder, set.EveningReminder = false, false
		set.Language = "en"
	})
	s.startAgent()
	firstAgents, _ := s.processes()

	if code, out := s.run("evening"); code != 0 {
		t.Fatalf("matchday evening: exit %d: %s", code, out)
	}
	s.waitFor("the evening window", 30*time.Second, func() bool { return len(s.windows("Evening reflection")) == 1 })
	_, windowProcs := s.processes()
	if len(windowProcs) != 1 {
		t.Fatalf("window processes after the first evening: %v, want one", windowProcs)
	}
	first := s.windows("Evening reflection")

	if code, out := s.run("evening"); code != 0 {
		t.Fatalf("second matchday evening: exit %d: %s", code, out)
	}
	if got := s.windows("Evening reflection"); len(got) != 1 || got[0] != first[0] {
		t.Fatalf("evening windows after the second evening: %v, want the first one %v", got, first)
	}
	agents, again := s.processes()
	if len(agents) != 1 || agents[0] != firstAgents[0] || len(again) != 1 || again[0] != windowProcs[0] {
		t.Fatalf("processes: agents %v (first %v), window processes %v (first %v); want the same one of each",
			agents, firstAgents, again, windowProcs)
	}

	// A killed agent takes its window process along and leaves a stale lock
	// file and socket behind; `matchday` starts a new agent all the same.
	if err := syscall.Kill(agents[0], syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	s.waitFor("the killed agent and its window process to go", 15*time.Second, func() bool {
		a, w := s.processes()
		return len(a)+len(w) == 0
	})
	if _, err := os.Stat(agent.LockPath(s.db)); err != nil {
		t.Fatalf("the lock file should be left behind by SIGKILL: %v", err)
	}
	if code, out := s.run(); code != 0 {
		t.Fatalf("matchday after the agent was killed: exit %d: %s", code, out)
	}
	s.waitFor("the main window", 30*time.Second, func() bool { return len(s.windows("Matchday")) == 1 })
	agents, windowProcs = s.processes()
	if len(agents) != 1 || agents[0] == firstAgents[0] || len(windowProcs) != 1 {
		t.Fatalf("after restart: agents %v, window processes %v; want one new agent and one window process", agents, windowProcs)
	}
}

// watcher owns org.kde.StatusNotifierWatcher on a bus, as a desktop with a
// tray does, and records who registered a tray icon.
type watcher struct {
	mu    sync.Mutex
	items []string // bus names of the registered items
}

// RegisterStatusNotifierItem is the watcher's method the tray calls.
func (w *watcher) RegisterStatusNotifierItem(sender dbus.Sender, path string) *dbus.Error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.items = append(w.items, string(sender))
	return nil
}

func (w *watcher) registered() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.items...)
}

func newWatcher(t *testing.T, conn *dbus.Conn) *watcher {
	t.Helper()
	w := &watcher{}
	if err := conn.Export(w, "/StatusNotifierWatcher", "org.kde.StatusNotifierWatcher"); err != nil {
		t.Fatal(err)
	}
	reply, err := conn.RequestName("org.kde.StatusNotifierWatcher", dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own org.kde.StatusNotifierWatcher: %v, %v", reply, err)
	}
	return w
}

// trayEntry is one item of the tray menu as a desktop reads it over
// com.canonical.dbusmenu.
type trayEntry struct {
	id    int32
	label string
}

// trayMenuOf reads the tray menu of the item at dest.
func trayMenuOf(t *testing.T, conn *dbus.Conn, dest string) []trayEntry {
	t.Helper()
	var revision uint32
	var layout struct {
		ID       int32
		Props    map[string]dbus.Variant
		Children []dbus.Variant
	}
	err := conn.Object(dest, "/StatusNotifierMenu").Call("com.canonical.dbusmenu.GetLayout", 0,
		int32(0), int32(-1), []string{}).Store(&revision, &layout)
	if err != nil {
		t.Fatalf("read the tray menu: %v", err)
	}
	var entries []trayEntry
	for _, c := range layout.Children {
		fields, ok := c.Value().([]any)
		if !ok || len(fields) < 2 {
			t.Fatalf("menu child %v is not (ia{sv}av)", c)
		}
		props, _ := fields[1].(map[string]dbus.Variant)
		if tp, ok := props["type"]; ok && tp.Value() == "separator" {
			continue
		}
		if v, ok := props["visible"]; ok && v.Value() == false {
			continue
		}
		label, _ := props["label"].Value().(string)
		entries = append(entries, trayEntry{fields[0].(int32), label})
	}
	return entries
}

func TestE2ETrayMenuOpensWindowsAndQuits(t *testing.T) {
	s := newSession(t, "2026-11-30T05:00:00+01:00")
	s.withSettings(func(set *data.Settings) {
		set.MorningReminder, set.EveningReminder = false, false
		set.Language = "de"
	})
	conn, err := dbus.Connect(s.bus)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	w := newWatcher(t, conn)
	s.startAgent()
	s.waitFor("the tray icon to register", 15*time.Second, func() bool { return len(w.registered()) == 1 })
	if reply, err := agent.Send(s.db, "status"); err != nil || !strings.Contains(reply, "tray=true") {
		t.Fatalf("status %q, %v: want tray=true", reply, err)
	}

	var menu []trayEntry
	want := []string{"Erfolg eintragen…", "Morgenfokus", "Abendreflexion", "Übersicht", "Matchday anzeigen", "Einstellungen", "Matchday beenden"}
	s.waitFor("the tray menu", 15*time.Second, func() bool {
		menu = trayMenuOf(t, conn, w.registered()[0])
		return len(menu) == len(want)
	})
	byLabel := map[string]int32{}
	for i, e := range menu {
		if e.label != want[i] {
			t.Fatalf("tray menu %v, want labels %q", menu, want)
		}
		byLabel[e.label] = e.id
	}
	click := func(label string) {
		t.Helper()
		err := conn.Object(w.registered()[0], "/StatusNotifierMenu").Call("com.canonical.dbusmenu.Event", 0,
			byLabel[label], "clicked", dbus.MakeVariant(""), uint32(0)).Err
		if err != nil {
			t.Fatalf("click %s: %v", label, err)
		}
	}

	click("Abendreflexion")
	s.waitFor("the evening window, in German", 30*time.Second, func() bool { return len(s.windows("Abendreflexion")) == 1 })
	click("Matchday anzeigen")
	s.waitFor("the main window", 30*time.Second, func() bool { return len(s.windows("Matchday")) == 1 })
	if a, ws := s.processes(); len(a) != 1 || len(ws) != 1 {
		t.Fatalf("processes: agents %v, window processes %v; want one of each", a, ws)
	}

	click("Matchday beenden")
	s.waitFor("the agent and its window process to quit", 15*time.Second, func() bool {
		a, ws := s.processes()
		return len(a)+len(ws) == 0
	})
	if _, err := os.Stat(agent.SocketPath(s.db)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("socket left after quit: %v", err)
	}
}

func TestE2ENotificationClickOpensTheWindow(t *testing.T) {
	s := newSession(t, "2026-11-30T19:59:58+01:00")
	n := newNotifications(t, s.bus)
	s.withSettings(func(set *data.Settings) {
		set.OpenWithReminder = false
		set.MorningReminder = false
		set.Language = "en"
	})
	s.startAgent()
	s.waitFor("the evening notification", 30*time.Second, func() bool { return len(n.summaries()) == 1 })
	if got := n.summaries()[0]; got != "Evening reflection" {
		t.Fatalf("notification %q, want \"Evening reflection\"", got)
	}
	if _, ws := s.processes(); len(ws) != 0 {
		t.Fatalf("a window opened although the settings say not to: %v", ws)
	}
	// The user clicks the notification (id 1, its "default" action).
	if err := n.conn.Emit("/org/freedesktop/Notifications", "org.freedesktop.Notifications.ActionInvoked", uint32(1), "default"); err != nil {
		t.Fatal(err)
	}
	s.waitFor("the evening window", 30*time.Second, func() bool { return len(s.windows("Evening reflection")) == 1 })
}
