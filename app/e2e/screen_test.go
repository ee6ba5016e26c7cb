package e2e

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"matchday/data"
)

// TestE2EReminderWindowLeavesTheKeyboard is issue 17's "a reminder steals
// typing": the user types in another window (here another journal's
// Matchday, the cursor in its win entry) when the evening reminder opens
// the evening window. What they type goes on landing where they type it,
// and nothing of it in "What went well?".
func TestE2EReminderWindowLeavesTheKeyboard(t *testing.T) {
	s := newSession(t, "2026-11-30T19:59:56+01:00") // a Monday, just before the evening reminder
	s.withSettings(func(set *data.Settings) { set.Language = "en" })
	other := filepath.Join(t.TempDir(), "other.db")
	// A journal in use (a new one opens on the first-run panel).
	if _, errOut, code := s.run(nil, "--db", other, "win", "Signed Anna"); code != 0 {
		t.Fatalf("win: exit %d: %s", code, errOut)
	}
	s.start(nil, "--db", other, "--no-agent", "capture")
	typing := s.waitWindow("^Matchday$")
	s.focus(typing)

	s.startAgent()
	s.waitFor("the evening window", 30*time.Second, func() bool { return len(s.titled("Evening reflection")) == 1 })
	evening := s.waitWindow("^Evening reflection$")
	s.shot("evening-opened-by-the-reminder")
	if got, _ := s.x("xdotool", "getwindowfocus"); got != typing {
		t.Errorf("the keyboard went to window %s; it was in %s (the evening is %s)", got, typing, evening)
	}

	const typed = "Tom came back for more"
	s.typeText(typed)
	s.shot("typed")
	st, err := data.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s.waitFor("the typing in the other window's win entry", 20*time.Second, func() bool {
		d, err := st.WinDraft(context.Background(), "")
		return err == nil && d.Text == typed
	})
	if got := s.wentWell(); got != "" {
		t.Errorf("\"What went well?\" holds %q; the reminder's window took the typing", got)
	}
}

// TestE2EOverviewFitsA800x600Screen: on an 800×600 screen the overview,
// with two years of demo entries, opens no wider than the screen. It is
// opened twice, the first ended by SIGTERM (a logout): that ends cleanly,
// and the second start says nothing of Fyne's preferences (an exit save
// cut off by a panic on SIGTERM left them empty: "Preferences load error:
// EOF").
func TestE2EOverviewFitsA800x600Screen(t *testing.T) {
	d := newDesktopOn(t, "800x600x24")
	db := filepath.Join(t.TempDir(), "matchday.db")
	if _, errOut, code := d.run(nil, "--db", db, "demo", "--lang", "en"); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errOut)
	}
	first := d.start(nil, "--db", db, "--no-agent", "overview")
	d.waitWindow("^Overview$")
	syscall.Kill(first.cmd.Process.Pid, syscall.SIGTERM)
	if err := first.waitExit(t, 15*time.Second); err != nil || strings.Contains(first.stderr.String(), "panic") {
		t.Errorf("SIGTERM: %v\n%s", err, first.stderr)
	}
	second := d.start(nil, "--db", db, "--no-agent", "overview")
	id := d.waitWindow("^Overview$")
	d.settle(id, 1500*time.Millisecond)
	d.shot("overview-800x600")
	out, err := d.x("xdotool", "getwindowgeometry", "--shell", id)
	if err != nil {
		t.Fatalf("getwindowgeometry: %v %s", err, out)
	}
	geo := map[string]int{}
	for _, line := range strings.Fields(out) {
		k, v, _ := strings.Cut(line, "=")
		geo[k], _ = strconv.Atoi(v)
	}
	if geo["WIDTH"] == 0 || geo["WIDTH"] > 800 || geo["HEIGHT"] > 600 {
		t.Errorf("the overview is %d×%d on an 800×600 screen", geo["WIDTH"], geo["HEIGHT"])
	}
	syscall.Kill(second.cmd.Process.Pid, syscall.SIGTERM)
	if err := second.waitExit(t, 15*time.Second); err != nil || strings.Contains(second.stderr.String(), "Preferences") {
		t.Errorf("the second start: %v\n%s", err, second.stderr)
	}
}
