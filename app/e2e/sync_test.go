package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// syncthing is one Syncthing instance of a test: its own home, its GUI and
// REST API and its sync protocol on 127.0.0.1 ports of its own, and global
// discovery, local discovery, relays, NAT traversal, usage and crash
// reports and upgrades off, so it talks to nothing but the other instance.
type syncthing struct {
	t      *testing.T
	name   string
	home   string
	id     string
	apiKey string
	gui    string // host:port of the REST API
	listen string // tcp://host:port of the sync protocol
	out    bytes.Buffer
}

// freePort returns a 127.0.0.1 port nothing listens on now.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func startSyncthing(t *testing.T, name string) *syncthing {
	t.Helper()
	if _, err := exec.LookPath("syncthing"); err != nil {
		t.Fatalf("syncthing is not installed (make test installs it): %v", err)
	}
	st := &syncthing{t: t, name: name, home: t.TempDir()}
	gen, err := exec.Command("syncthing", "generate", "--home="+st.home, "--no-default-folder", "--skip-port-probing").CombinedOutput()
	if err != nil {
		t.Fatalf("syncthing generate: %v\n%s", err, gen)
	}
	m := regexp.MustCompile(`Device ID: (\S+)`).FindSubmatch(gen)
	if m == nil {
		t.Fatalf("syncthing generate named no device:\n%s", gen)
	}
	st.id = string(m[1])
	st.gui = fmt.Sprintf("127.0.0.1:%d", freePort(t))
	st.listen = fmt.Sprintf("tcp://127.0.0.1:%d", freePort(t))

	cfgPath := filepath.Join(st.home, "config.xml")
	b, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	cfg := string(b)
	for _, r := range []struct{ from, to string }{
		{"<address>127.0.0.1:8384</address>", "<address>" + st.gui + "</address>"},
		{"<listenAddress>default</listenAddress>", "<listenAddress>" + st.listen + "</listenAddress>"},
		{"<globalAnnounceEnabled>true</globalAnnounceEnabled>", "<globalAnnounceEnabled>false</globalAnnounceEnabled>"},
		{"<localAnnounceEnabled>true</localAnnounceEnabled>", "<localAnnounceEnabled>false</localAnnounceEnabled>"},
		{"<relaysEnabled>true</relaysEnabled>", "<relaysEnabled>false</relaysEnabled>"},
		{"<natEnabled>true</natEnabled>", "<natEnabled>false</natEnabled>"},
		{"<startBrowser>true</startBrowser>", "<startBrowser>false</startBrowser>"},
		{"<urAccepted>0</urAccepted>", "<urAccepted>-1</urAccepted>"},
		{"<autoUpgradeIntervalH>12</autoUpgradeIntervalH>", "<autoUpgradeIntervalH>0</autoUpgradeIntervalH>"},
		{"<crashReportingEnabled>true</crashReportingEnabled>", "<crashReportingEnabled>false</crashReportingEnabled>"},
		{"<announceLANAddresses>true</announceLANAddresses>", "<announceLANAddresses>false</announceLANAddresses>"},
		{"<stunServer>default</stunServer>", ""},
	} {
		if !strings.Contains(cfg, r.from) {
			t.Fatalf("syncthing's config.xml has no %s", r.from)
		}
		cfg = strings.Replace(cfg, r.from, r.to, 1)
	}
	key := regexp.MustCompile(`<apikey>([^<]+)</apikey>`).FindStringSubmatch(cfg)
	if key == nil {
		t.Fatal("syncthing's config.xml has no API key")
	}
	st.apiKey = key[1]
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command("syncthing", "serve", "--home="+st.home, "--no-browser", "--no-restart", "--gui-address=http://"+st.gui)
	cmd.Env = append(cleanEnv(), "HOME="+st.home, "STNOUPGRADE=1", "STNODEFAULTFOLDER=1")
	cmd.Stdout, cmd.Stderr = &st.out, &st.out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
		if t.Failed() {
			t.Logf("syncthing %s said:\n%s", name, st.out.String())
		}
	})
	waitFor(t, "syncthing "+name+"'s REST API", 60*time.Second, func() bool {
		_, err := st.call("GET", "/rest/system/ping", nil)
		return err == nil
	})
	return st
}

// call sends one REST request and returns the answer's body.
func (st *syncthing) call(method, path string, body any) ([]byte, error) {
	var in io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		in = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, "http://"+st.gui+path, in)
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-API-Key", st.apiKey)
	req.Header.Set("Content-Type", "application/json")
	c := http.Client{Timeout: 10 * time.Second}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 {
		return nil, fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, out)
	}
	return out, err
}

func (st *syncthing) mustCall(method, path string, body any) []byte {
	st.t.Helper()
	out, err := st.call(method, path, body)
	if err != nil {
		st.t.Fatalf("syncthing %s: %v", st.name, err)
	}
	return out
}

// share introduces other to st by its id and address and shares folder
// with it; both sides call it.
func (st *syncthing) share(other *syncthing, folder string) {
	st.t.Helper()
	st.mustCall("POST", "/rest/config/devices", map[string]any{
		"deviceID": other.id, "name": other.name, "addresses": []string{other.listen},
	})
	st.mustCall("POST", "/rest/config/folders", map[string]any{
		"id": "matchday", "label": "Matchday", "path": folder, "type": "sendreceive",
		"devices":          []map[string]string{{"deviceID": st.id}, {"deviceID": other.id}},
		"fsWatcherEnabled": true, "fsWatcherDelayS": 1, "rescanIntervalS": 5,
	})
}

// connectedTo reports whether st has a connection to other.
func (st *syncthing) connectedTo(other *syncthing) bool {
	out, err := st.call("GET", "/rest/system/connections", nil)
	if err != nil {
		return false
	}
	var v struct {
		Connections map[string]struct{ Connected bool } `json:"connections"`
	}
	return json.Unmarshal(out, &v) == nil && v.Connections[other.id].Connected
}

// TestSyncThroughTwoSyncthings: two journals, each with its agent running,
// sync through a folder that two real Syncthing instances replicate. A win
// logged on A shows in B's `today --json` within 30 seconds, and one logged
// on B in A's.
func TestSyncThroughTwoSyncthings(t *testing.T) {
	d := newDesktop(t)
	root := t.TempDir()
	dbA, dbB := filepath.Join(root, "a", "matchday.db"), filepath.Join(root, "b", "matchday.db")
	folderA, folderB := filepath.Join(root, "SyncA"), filepath.Join(root, "SyncB")
	for _, f := range []string{folderA, folderB} {
		if err := os.MkdirAll(filepath.Join(f, ".stfolder"), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	stA, stB := startSyncthing(t, "A"), startSyncthing(t, "B")
	stA.share(stB, folderA)
	stB.share(stA, folderB)
	waitFor(t, "the two Syncthings to connect", 60*time.Second, func() bool {
		return stA.connectedTo(stB) && stB.connectedTo(stA)
	})

	// A sets the folder up and shows the passphrase; B, once Syncthing has
	// brought the folder's settings, joins with it.
	out, errOut, code := d.run(nil, "--db", dbA, "sync", "--folder", folderA)
	if code != 0 {
		t.Fatalf("sync on A: exit %d: %s", code, errOut)
	}
	m := regexp.MustCompile(`passphrase is: (\S+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("A's first sync showed no passphrase:\n%s", out)
	}
	waitFor(t, "folder.json on B", 60*time.Second, func() bool {
		_, err := os.Stat(filepath.Join(folderB, "matchday-sync", "folder.json"))
		return err == nil
	})
	if _, errOut, code := d.run([]string{"MATCHDAY_SYNC_PASSPHRASE=" + m[1]}, "--db", dbB, "sync", "--folder", folderB); code != 0 {
		t.Fatalf("sync on B: exit %d: %s", code, errOut)
	}

	agentA := d.start(nil, "--db", dbA, "agent")
	agentB := d.start(nil, "--db", dbB, "agent")
	for _, db := range []string{dbA, dbB} {
		waitFor(t, "the agent of "+db, 30*time.Second, func() bool {
			_, _, code := d.run(nil, "--db", db, "today", "--json")
			_, err := os.Stat(db + ".agent.sock")
			return code == 0 && err == nil
		})
	}
	has := func(db, text string) func() bool {
		return func() bool {
			for _, w := range d.today(db).Wins {
				if w.Text == text {
					return true
				}
			}
			return false
		}
	}
	for _, step := range []struct{ from, to, text string }{
		{dbA, dbB, "Signed Anna, logged on the desk"},
		{dbB, dbA, "Jonas renewed, logged on the laptop"},
	} {
		start := time.Now()
		if _, errOut, code := d.run(nil, "--db", step.from, "win", step.text); code != 0 {
			t.Fatalf("win: exit %d: %s", code, errOut)
		}
		if !poll(30*time.Second, has(step.to, step.text)) {
			t.Fatalf("%q did not reach %s within 30 s\nagent A: %s\nagent B: %s", step.text, step.to, agentA.stderr, agentB.stderr)
		}
		t.Logf("%q reached the other journal in %v", step.text, time.Since(start).Round(100*time.Millisecond))
	}
	for _, db := range []string{dbA, dbB} {
		if v := d.today(db); v.Counts.Today != 2 {
			t.Errorf("%s: %d wins today, want 2", db, v.Counts.Today)
		}
	}
	// Only the change logs and the folder's settings are in the folders.
	for _, f := range []string{folderA, folderB} {
		filepath.WalkDir(f, func(p string, e os.DirEntry, err error) error {
			if err == nil && !e.IsDir() && strings.HasSuffix(p, ".db") {
				t.Errorf("a journal file in the synced folder: %s", p)
			}
			return nil
		})
	}
}
