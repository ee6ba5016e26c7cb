package e2e

import (
	"bufio"
	"bytes"
	"encoding/json"
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

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "matchday-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	repoRoot, _ = filepath.Abs(filepath.Join("..", ".."))
	binary = filepath.Join(dir, "matchday")
	build := exec.Command("go", "build", "-o", binary, ".")
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

// desktop is an X server and a session bus of the test's own.
type desktop struct {
	t       *testing.T
	display string
	bus     string
	env     []string
	shots   string
	step    int
}

// waitFor polls cond until it holds or the deadline passes; e2e tests wait
// for real processes and windows, so polling with a deadline is the method.
func waitFor(t *testing.T, what string, within time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", within, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// newDesktop starts Xvfb (on a free display it picks itself) and a session
// D-Bus, both stopped when the test ends.
func newDesktop(t *testing.T) *desktop {
	t.Helper()
	for _, tool := range []string{"Xvfb", "xdotool", "xmodmap", "dbus-daemon", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed (make test installs it): %v", tool, err)
		}
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	xvfb := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
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
	d := &desktop{t: t, display: ":" + strings.TrimSpace(line)}

	bus := exec.Command("dbus-daemon", "--session", "--nofork", "--print-address=1")
	out, err := bus.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := bus.Start(); err != nil {
		t.Fatalf("start dbus-daemon: %v", err)
	}
	t.Cleanup(func() { bus.Process.Kill(); bus.Wait() })
	addr, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("dbus-daemon did not say its address: %v", err)
	}
	d.bus = strings.TrimSpace(addr)

	d.env = append(cleanEnv(), "DISPLAY="+d.display, "DBUS_SESSION_BUS_ADDRESS="+d.bus, "LANG=C.UTF-8")
	d.shots = filepath.Join(repoRoot, "test-artifacts", t.Name())
	os.RemoveAll(d.shots)
	if err := os.MkdirAll(d.shots, 0o755); err != nil {
		t.Fatal(err)
	}
	return d
}

// cleanEnv is the test's environment without anything that would point the
// binary at the developer's own journal, display or bus.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "MATCHDAY_DB", "MATCHDAY_NOW", "MATCHDAY_NO_AGENT", "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES":
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
// reads them. Call it before the app starts.
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

// windows returns the IDs of visible windows whose name matches the regexp.
func (d *desktop) windows(name string) []string {
	out, err := d.x("xdotool", "search", "--onlyvisible", "--name", name)
	if err != nil || out == "" {
		return nil
	}
	return strings.Fields(out)
}

// waitWindow waits for a visible window named like name and returns its ID.
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
	return id
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

// shot saves a screenshot of the whole screen as the next numbered step.
func (d *desktop) shot(name string) {
	d.t.Helper()
	d.step++
	path := filepath.Join(d.shots, fmt.Sprintf("%02d-%s.png", d.step, name))
	if out, err := d.x("import", "-window", "root", path); err != nil {
		d.t.Errorf("screenshot %s: %v %s", name, err, out)
	}
}

// app is a running matchday process.
type app struct {
	cmd    *exec.Cmd
	stderr *bytes.Buffer
	done   chan error
}

// start runs the matchday binary with args on the desktop.
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

// run runs a matchday command line to completion and returns its stdout.
func (d *desktop) run(extraEnv []string, args ...string) (string, string, int) {
	d.t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(append([]string{}, d.env...), extraEnv...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		d.t.Fatalf("run %v: %v", args, err)
	}
	return out.String(), errOut.String(), code
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

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }
