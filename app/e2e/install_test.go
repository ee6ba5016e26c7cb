package e2e

// `make install` and `make uninstall` as a packager runs them (DESTDIR,
// PREFIX=/usr): every file where the desktop looks for it, the installed
// binary's window found by the class the desktop entry names, and nothing
// left behind.

import (
	"bufio"
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

const appID = "app.matchday.Matchday"

// runMake runs make in the repository with args and fails the test when it
// fails.
func runMake(t *testing.T, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "make", append([]string{"--no-print-directory"}, args...)...)
	cmd.Dir = repoRoot
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("make %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// installedFiles returns the files (not folders) below dir, relative to it,
// with their permission bits.
func installedFiles(t *testing.T, dir string) map[string]fs.FileMode {
	t.Helper()
	files := map[string]fs.FileMode{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		files[rel] = info.Mode()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// desktopKey returns key's value in the [Desktop Entry] group of the
// desktop file at path.
func desktopKey(t *testing.T, path, key string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	group := ""
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "[") {
			group = line
			continue
		}
		if k, v, ok := strings.Cut(line, "="); ok && k == key && group == "[Desktop Entry]" {
			return v
		}
	}
	t.Fatalf("%s has no %s", path, key)
	return ""
}

func TestE2EInstallLaunchUninstall(t *testing.T) {
	for _, tool := range []string{"make", "install"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed: %v", tool, err)
		}
	}
	d := newDesktop(t)
	stage := t.TempDir()
	// BIN: the binary the harness built, stamped as make build stamps it;
	// newer than the sources, so make installs it without building again.
	runMake(t, "install", "DESTDIR="+stage, "PREFIX=/usr", "BIN="+binary)

	want := map[string]fs.FileMode{
		"usr/bin/matchday": 0o755,
		"usr/share/applications/" + appID + ".desktop":            0o644,
		"usr/share/metainfo/" + appID + ".metainfo.xml":           0o644,
		"usr/share/icons/hicolor/scalable/apps/" + appID + ".svg": 0o644,
	}
	for _, size := range []string{"16", "22", "24", "32", "48", "64", "128", "256", "512"} {
		want["usr/share/icons/hicolor/"+size+"x"+size+"/apps/"+appID+".png"] = 0o644
	}
	got := installedFiles(t, stage)
	for name, mode := range want {
		if m, ok := got[name]; !ok {
			t.Errorf("%s was not installed", name)
		} else if m.Perm() != mode {
			t.Errorf("%s has mode %v, want %v", name, m.Perm(), mode)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s was installed, but no one asked for it", name)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	for _, name := range []string{"icons/hicolor/16x16/apps/" + appID + ".png", "icons/hicolor/512x512/apps/" + appID + ".png"} {
		src := filepath.Join(repoRoot, "assets", "icons", strings.Split(filepath.Base(filepath.Dir(filepath.Dir(name))), "x")[0]+".png")
		a, _ := os.ReadFile(src)
		b, _ := os.ReadFile(filepath.Join(stage, "usr", "share", name))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s is not assets/icons' icon", name)
		}
	}

	// The launcher runs Exec; the installed binary must be there, by its
	// full path below PREFIX.
	entry := filepath.Join(stage, "usr", "share", "applications", appID+".desktop")
	execLine := desktopKey(t, entry, "Exec")
	if execLine != "/usr/bin/matchday" {
		t.Fatalf("Exec=%q, want the installed binary /usr/bin/matchday", execLine)
	}
	installed := filepath.Join(stage, execLine)
	if out, err := exec.Command(installed, "version").Output(); err != nil || string(out) != "Matchday "+version+"\n" {
		t.Errorf("installed matchday version: %q %v, want Matchday %s", out, err, version)
	}
	class := desktopKey(t, entry, "StartupWMClass")
	if icon := desktopKey(t, entry, "Icon"); icon != appID {
		t.Errorf("Icon=%q, want %s", icon, appID)
	}

	// Started as the launcher starts it, with the staged share/ among the
	// data folders, its window carries the class StartupWMClass names, so
	// the desktop shows launcher and window as one.
	cmd := exec.Command(installed)
	cmd.Env = append(append([]string{}, d.env...),
		"XDG_DATA_DIRS="+filepath.Join(stage, "usr", "share")+":/usr/share",
		"MATCHDAY_NO_AGENT=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
	})
	byClass := func() []string {
		out, err := d.x("xdotool", "search", "--onlyvisible", "--class", "^"+regexp.QuoteMeta(class)+"$")
		if err != nil {
			return nil
		}
		return strings.Fields(out)
	}
	if !poll(60*time.Second, func() bool { return len(byClass()) > 0 }) {
		t.Fatalf("no visible window of class %q; stderr:\n%s", class, stderr.String())
	}
	main := d.waitWindow("^Matchday$")
	if ids := byClass(); !slices.Contains(ids, main) {
		t.Errorf("windows of class %q: %v, not the main window %s", class, ids, main)
	}
	// Every window of the app has the class, not only the main one (GLFW
	// would name each after its title).
	d.focus(main)
	d.key("ctrl+e")
	evening := d.waitWindow("^Evening reflection$")
	if ids := byClass(); !slices.Contains(ids, evening) {
		t.Errorf("windows of class %q: %v, not the evening window %s", class, ids, evening)
	}
	d.shot("installed-windows")
	syscall.Kill(cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-done:
		done <- nil
	case <-time.After(30 * time.Second):
		t.Fatalf("the installed Matchday did not quit on SIGTERM; stderr:\n%s", stderr.String())
	}

	runMake(t, "uninstall", "DESTDIR="+stage, "PREFIX=/usr")
	var left []string
	filepath.WalkDir(stage, func(path string, _ fs.DirEntry, err error) error {
		if path != stage {
			left = append(left, strings.TrimPrefix(path, stage))
		}
		return err
	})
	if len(left) > 0 {
		slices.Sort(left)
		t.Fatalf("make uninstall left %q behind", left)
	}
}
