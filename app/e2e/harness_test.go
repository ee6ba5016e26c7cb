package e2e

// The one harness for every end-to-end test: the real binary, built once in
// TestMain, under an X server and a session bus that each test starts for
// itself (CI has neither a display nor a session bus), with its own home
// folders, so nothing reaches the developer's journal, display, bus or
// preferences. xdotool types and finds windows by title; /proc tells which
// Matchday processes run; screenshots go to test-artifacts/<TestName>/.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// binary is the matchday binary built once for all tests in TestMain.
var binary string

// repoRoot is the repository's top folder.
var repoRoot string

// version is what the Makefile stamps into a build (packaging/version), and
// so what the binary's `matchday version` says.
var version string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "matchday-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	repoRoot, _ = filepath.Abs(filepath.Join("..", ".."))
	binary = filepath.Join(dir, "matchday")
	out, err := exec.Command(filepath.Join(repoRoot, "packaging", "version")).Output()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: packaging/version:", err)
		os.Exit(1)
	}
	version = strings.TrimSpace(string(out))
	// Stamped as the Makefile stamps it, so `make install BIN=…` installs
	// what make build would have built.
	build := exec.Command("go", "build", "-ldflags", "-X matchday/app/version.Version="+version, "-o", binary, ".")
	build.Dir = repoRoot
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: build matchday:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// poll calls cond every 50 ms until it holds or within passes, and reports
// whether it held. End-to-end tests wait for real processes and windows, so
// polling with a deadline is the method.
func poll(within time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(within)
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
func waitFor(t *testing.T, what string, within time.Duration, cond func() bool) {
	t.Helper()
	if !poll(within, cond) {
		t.Fatalf("timed out after %v waiting for %s", within, what)
	}
}

// desktop is an X server, a session bus and home folders of the test's own.
type desktop struct {
	t       *testing.T
	display string
	bus     string
	env     []string
	shots   string
	step    int
}

// newDesktop starts Xvfb (on a free display it picks itself) and a session
// D-Bus, both stopped when the test ends.
func newDesktop(t *testing.T) *desktop { return newDesktopOn(t, defaultScreen) }

// defaultScreen is the test screen's size and depth, as Xvfb takes it.
const defaultScreen = "1280x800x24"

// newDesktopOn is newDesktop with a screen of the given size ("800x600x24").
func newDesktopOn(t *testing.T, screen string) *desktop {
	t.Helper()
	for _, tool := range []string{"Xvfb", "xdotool", "xmodmap", "dbus-daemon", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed (make test installs it): %v", tool, err)
		}
	}
	d := &desktop{t: t, display: startXvfb(t, screen), bus: startBus(t)}
	home := t.TempDir()
	d.env = append(cleanEnv(),
		"DISPLAY="+d.display,
		"DBUS_SESSION_BUS_ADDRESS="+d.bus,
		"LANG=C.UTF-8",
		"XDG_CONFIG_HOME="+filepath.Join(home, "config"),
		"XDG_DATA_HOME="+filepath.Join(home, "data"),
		"XDG_CACHE_HOME="+filepath.Join(home, "cache"),
	)
	d.shots = filepath.Join(repoRoot, "test-artifacts", t.Name())
	os.RemoveAll(d.shots) // the last run's screenshots; made again at the first shot
	return d
}

// startXvfb starts an X server on a display it picks itself (-displayfd)
// and returns its DISPLAY. -noreset keeps the server's state (the keys
// mapKeys maps) when its last client goes, between one process and the
// next.
func startXvfb(t *testing.T, screen string) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	xvfb := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", screen, "-nolisten", "tcp", "-noreset")
	xvfb.ExtraFiles = []*os.File{w}
	if err := xvfb.Start(); err != nil {
		t.Fatalf("start Xvfb: %v", err)
	}
	w.Close()
	t.Cleanup(func() { xvfb.Process.Kill(); xvfb.Wait() })
	line, err := bufio.NewReader(r).ReadString('\n')
	r.Close()
	if err != nil {
		t.Fatalf("Xvfb did not say its display: %v", err)
	}
	return ":" + strings.TrimSpace(line)
}

// startBus starts a private session bus and returns its address.
func startBus(t *testing.T) string {
	t.Helper()
	addr := "unix:path=" + filepath.Join(t.TempDir(), "bus")
	bus := exec.Command("dbus-daemon", "--session", "--nofork", "--nopidfile", "--address="+addr, "--print-address=1")
	out, err := bus.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := bus.Start(); err != nil {
		t.Fatalf("start dbus-daemon: %v", err)
	}
	t.Cleanup(func() { bus.Process.Kill(); bus.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("dbus-daemon did not say its address: %v", err)
	}
	return strings.TrimSpace(line)
}

// cleanEnv is the test's environment without anything that would point the
// binary at the developer's own journal, clock, display, bus, language or
// folders.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(k, "MATCHDAY_"), strings.HasPrefix(k, "XDG_"), strings.HasPrefix(k, "LC_"),
			k == "DISPLAY", k == "DBUS_SESSION_BUS_ADDRESS", k == "LANG", k == "LANGUAGE", k == "WAYLAND_DISPLAY":
			continue
		}
		env = append(env, kv)
	}
	return env
}

// x runs an X tool on the test's display and returns its output.
func (d *desktop) x(name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = d.env
	out, err := cmd.CombinedOutput()
	return strings.TrimSpace(string(out)), err
}

// mapKeys gives each non-ASCII character in texts a keycode of its own, so
// xdotool types umlauts and emoji without remapping keys while the app
// reads them (GLFW drops characters typed on a key remapped meanwhile).
// Call it before the app starts.
func (d *desktop) mapKeys(texts ...string) {
	d.t.Helper()
	seen := map[rune]bool{}
	args := []string{}
	code := 150
	for _, text := range texts {
		for _, r := range text {
			if r < 128 || seen[r] {
				continue
			}
			seen[r] = true
			args = append(args, "-e", fmt.Sprintf("keycode %d = U%04X", code, r))
			code++
		}
	}
	if len(args) == 0 {
		return
	}
	if out, err := d.x("xmodmap", args...); err != nil {
		d.t.Fatalf("xmodmap: %v: %s", err, out)
	}
}

// windows returns the IDs of visible windows whose title matches the
// regular expression name ("^Matchday$" for exactly "Matchday").
func (d *desktop) windows(name string) []string {
	out, err := d.x("xdotool", "search", "--onlyvisible", "--name", name)
	if err != nil || out == "" {
		return nil // xdotool exits 1 when there is none
	}
	return strings.Fields(out)
}

// waitWindow waits for a visible window named like name to be drawn and
// returns its ID.
func (d *desktop) waitWindow(name string) string {
	d.t.Helper()
	var id string
	waitFor(d.t, "window "+name, 30*time.Second, func() bool {
		ids := d.windows(name)
		if len(ids) > 0 {
			id = ids[0]
		}
		return id != ""
	})
	waitFor(d.t, "window "+name+" to be drawn", 30*time.Second, func() bool { return d.drawn(id) })
	return id
}

// drawn reports whether window id shows something: a window is mapped
// before its first frame, and until then it is all black.
func (d *desktop) drawn(id string) bool {
	out, err := d.x("import", "-window", id, "-format", "%[fx:maxima]", "info:")
	if err != nil {
		return false
	}
	v, err := strconv.ParseFloat(out, 64)
	return err == nil && v > 0.2
}

// settle waits until window id has looked the same for still (longer than
// the app's one-second tick), so a screenshot shows what the window shows
// once it has caught up with the journal.
func (d *desktop) settle(id string, still time.Duration) {
	d.t.Helper()
	// A focused entry's blinking cursor flips the window between two
	// pictures forever; a third picture means something else changed.
	var prev, last string
	since := time.Now()
	waitFor(d.t, "window "+id+" to settle", 30*time.Second, func() bool {
		sig, err := d.x("import", "-window", id, "-format", "%#", "info:")
		if err != nil {
			return false
		}
		if sig != last && sig != prev {
			prev, last, since = last, sig, time.Now()
			return false
		}
		return time.Since(since) >= still
	})
}

// focus gives window id the keyboard focus (Xvfb has no window manager).
func (d *desktop) focus(id string) {
	d.t.Helper()
	if out, err := d.x("xdotool", "windowfocus", "--sync", id); err != nil {
		d.t.Fatalf("focus %s: %v %s", id, err, out)
	}
}

// typeText types text into the focused window.
func (d *desktop) typeText(text string) {
	d.t.Helper()
	if out, err := d.x("xdotool", "type", "--delay", "40", text); err != nil {
		d.t.Fatalf("type: %v %s", err, out)
	}
}

// key presses keys ("Return", "ctrl+e") in the focused window.
func (d *desktop) key(keys ...string) {
	d.t.Helper()
	args := append([]string{"key", "--delay", "60"}, keys...)
	if out, err := d.x("xdotool", args...); err != nil {
		d.t.Fatalf("key %v: %v %s", keys, err, out)
	}
}

// shot saves a screenshot of the whole screen as the next numbered step,
// test-artifacts/<TestName>/NN-name.png at the repository root.
func (d *desktop) shot(name string) {
	d.t.Helper()
	d.step++
	if err := os.MkdirAll(d.shots, 0o755); err != nil {
		d.t.Fatal(err)
	}
	path := filepath.Join(d.shots, fmt.Sprintf("%02d-%s.png", d.step, name))
	if out, err := d.x("import", "-window", "root", path); err != nil {
		d.t.Errorf("screenshot %s: %v %s", name, err, out)
	}
}

// app is a running matchday process that the test started itself.
type app struct {
	cmd    *exec.Cmd
	stderr *bytes.Buffer
	done   chan error
}

// start runs the matchday binary with args on the desktop, in a process
// group that is killed when the test ends.
func (d *desktop) start(extraEnv []string, args ...string) *app {
	d.t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(append([]string{}, d.env...), extraEnv...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		d.t.Fatalf("start matchday: %v", err)
	}
	a := &app{cmd: cmd, stderr: &stderr, done: make(chan error, 1)}
	go func() { a.done <- cmd.Wait() }()
	d.t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-a.done
	})
	return a
}

// waitExit waits for the process to end by itself and returns its error.
func (a *app) waitExit(t *testing.T, within time.Duration) error {
	t.Helper()
	select {
	case err := <-a.done:
		a.done <- err // keep it for Cleanup
		return err
	case <-time.After(within):
		t.Fatalf("matchday did not exit within %v; stderr:\n%s", within, a.stderr)
		return nil
	}
}

// run runs a matchday command line to completion and returns its stdout,
// stderr and exit code.
func (d *desktop) run(extraEnv []string, args ...string) (string, string, int) {
	d.t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(append([]string{}, d.env...), extraEnv...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return out.String(), errOut.String(), ee.ExitCode()
	}
	if err != nil {
		d.t.Fatalf("run %v: %v", args, err)
	}
	return out.String(), errOut.String(), 0
}

// todayJSON is the part of `matchday today --json` the tests read.
type todayJSON struct {
	Day        string `json:"day"`
	Focus      string `json:"focus"`
	Celebrated bool   `json:"celebrated"`
	Counts     struct {
		Today, Week, Season, Career int
	} `json:"counts"`
	Wins []struct {
		UUID string `json:"uuid"`
		Text string `json:"text"`
	} `json:"wins"`
	Evening *struct {
		WentWell  string `json:"went_well"`
		RepeatHow string `json:"repeat_how"`
	} `json:"evening"`
}

// today runs `matchday --db DB today --json` and decodes it.
func (d *desktop) today(db string) todayJSON {
	d.t.Helper()
	out, errOut, code := d.run(nil, "--db", db, "today", "--json")
	if code != 0 {
		d.t.Fatalf("today --json: exit %d: %s", code, errOut)
	}
	var v todayJSON
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		d.t.Fatalf("today --json: %v\n%s", err, out)
	}
	return v
}

// walSize is the size of the journal's write-ahead log; 0 when there is
// none.
func walSize(t *testing.T, db string) int64 {
	t.Helper()
	fi, err := os.Stat(db + "-wal")
	if errors.Is(err, os.ErrNotExist) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}
