package e2e

// The first launch on an empty journal, as a new user has it: `matchday`
// starts the agent, which opens the main window with the first-run panel
// in it, and nothing else: no morning window although its reminder time is
// past, no notification, no dialog about the missing tray.

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"matchday/data"
)

func TestE2EFirstLaunchShowsOneWindowThatFits(t *testing.T) {
	// A Monday at 10:00: the morning reminder's time (07:30) is past, so an
	// agent that reminded on a new journal would open the morning focus
	// now. There is a notification service and no tray host.
	s := newSessionOn(t, "2026-11-30T10:00:00+01:00", "800x600x24")
	n := newNotifications(t, s.bus)
	if code, out := s.matchday(); code != 0 {
		t.Fatalf("matchday: exit %d: %s", code, out)
	}
	main := s.waitWindow("^Matchday$")
	// The agent's first check of the reminders ran with the window up, and
	// the window process has taken the agent's "notray".
	s.waitFor("the agent's first reminder check", 15*time.Second, func() bool { return s.checks() >= 1 })
	s.settle(main, 1500*time.Millisecond)
	s.shot("first-launch")

	root, _ := s.x("xdotool", "search", "--maxdepth", "0", "--name", "")
	var visible []string
	for _, id := range s.windows("") {
		if id != root {
			visible = append(visible, id)
		}
	}
	if !slices.Equal(visible, []string{main}) {
		var names []string
		for _, id := range visible {
			name, _ := s.x("xdotool", "getwindowname", id)
			names = append(names, id+" "+strconv.Quote(name))
		}
		t.Errorf("visible windows: %s; want only the main window %s", strings.Join(names, ", "), main)
	}
	x, y, w, h := s.geometry(main)
	if x < 0 || y < 0 || x+w > 800 || y+h > 600 {
		t.Errorf("the main window is %dx%d at %d,%d; want it within the 800x600 screen", w, h, x, y)
	}
	if got := n.summaries(); len(got) != 0 {
		t.Errorf("notifications on the first launch: %q; want none", got)
	}
	if a, w := s.processes(); len(a) != 1 || len(w) != 1 {
		t.Errorf("processes: agents %v, window processes %v; want one of each", a, w)
	}
	// The journal still waits for its first run: nothing was written for
	// the user, not even a reminder's "last fired".
	if isNew, set := s.firstRunState(); !isNew || set != (data.DefaultSettings()) {
		t.Errorf("after the first launch: new %v, settings %+v; want a new journal with the defaults", isNew, set)
	}
	if v := s.state("reminder.morning.last_fired"); v != "" {
		t.Errorf("the morning reminder fired: last fired %q", v)
	}

	// By keyboard: Tab to the evening time, type another, Tab on to Start
	// (past the morning time and "start at login") and press it.
	s.focus(main)
	s.key("Tab", "ctrl+a")
	s.typeText("21:30")
	s.key("Tab", "Tab", "Tab", "space")
	s.waitFor("the first run to end", 15*time.Second, func() bool { isNew, _ := s.firstRunState(); return !isNew })
	_, set := s.firstRunState()
	if set.EveningTime != (data.ClockTime{Hour: 21, Minute: 30}) || set.MorningTime != (data.ClockTime{Hour: 7, Minute: 30}) || !set.StartAtLogin {
		t.Errorf("settings after Start: evening %s, morning %s, start at login %v; want 21:30, 07:30, on",
			set.EveningTime, set.MorningTime, set.StartAtLogin)
	}
	s.settle(main, 1500*time.Millisecond)
	s.shot("after-start")
	if got := s.windows("^.+$"); !slices.Equal(got, []string{main}) {
		t.Errorf("visible windows after Start: %v; want only the main window %s", got, main)
	}
}

// firstRunState reads whether the journal waits for its first run, and its
// settings, without writing.
func (s *session) firstRunState() (bool, data.Settings) {
	s.t.Helper()
	st, err := data.OpenReadOnly(s.db)
	if err != nil {
		s.t.Fatal(err)
	}
	defer st.Close()
	isNew, err := st.IsNew(context.Background())
	if err != nil {
		s.t.Fatal(err)
	}
	set, err := st.Settings(context.Background())
	if err != nil {
		s.t.Fatal(err)
	}
	return isNew, set
}

// state reads one value of the journal's local state without writing.
func (s *session) state(key string) string {
	s.t.Helper()
	st, err := data.OpenReadOnly(s.db)
	if err != nil {
		s.t.Fatal(err)
	}
	defer st.Close()
	v, err := st.State(context.Background(), key)
	if err != nil {
		s.t.Fatal(err)
	}
	return v
}

// geometry returns where window id is and how large, from xdotool.
func (d *desktop) geometry(id string) (x, y, w, h int) {
	d.t.Helper()
	out, err := d.x("xdotool", "getwindowgeometry", "--shell", id)
	if err != nil {
		d.t.Fatalf("getwindowgeometry %s: %v %s", id, err, out)
	}
	v := map[string]int{}
	for _, line := range strings.Split(out, "\n") {
		k, val, _ := strings.Cut(line, "=")
		n, err := strconv.Atoi(val)
		if err == nil {
			v[k] = n
		}
	}
	return v["X"], v["Y"], v["WIDTH"], v["HEIGHT"]
}
