package e2e

// The agent end to end: reminders and notifications, one agent and one
// window process per journal, the tray menu, a notification click. A test
// server owns org.freedesktop.Notifications on the test's bus and counts
// the Notify calls; a fake tray host reads the tray menu over D-Bus.

import (
	"errors"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"matchday/app/agent"
	"matchday/data"
)

func TestE2EMorningReminderNotifiesOnceAndOpensTheWindow(t *testing.T) {
	// A Monday, four seconds before the default morning time.
	s := newSession(t, "2026-11-30T07:29:56+01:00")
	n := newNotifications(t, s.bus)
	s.withSettings(func(set *data.Settings) { set.Language = "en" })
	s.startAgent()

	if got := s.titled("Morning focus"); len(got) != 0 {
		t.Fatalf("morning window open before its time: %v", got)
	}
	s.waitFor("the morning notification", 30*time.Second, func() bool { return len(n.summaries()) > 0 })
	s.waitFor("the morning window", 30*time.Second, func() bool { return len(s.titled("Morning focus")) == 1 })
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

	if code, out := s.matchday("evening"); code != 0 {
		t.Fatalf("matchday evening: exit %d: %s", code, out)
	}
	s.waitFor("the evening window", 30*time.Second, func() bool { return len(s.titled("Evening reflection")) == 1 })
	_, windowProcs := s.processes()
	if len(windowProcs) != 1 {
		t.Fatalf("window processes after the first evening: %v, want one", windowProcs)
	}
	first := s.titled("Evening reflection")

	if code, out := s.matchday("evening"); code != 0 {
		t.Fatalf("second matchday evening: exit %d: %s", code, out)
	}
	if got := s.titled("Evening reflection"); len(got) != 1 || got[0] != first[0] {
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
	if code, out := s.matchday(); code != 0 {
		t.Fatalf("matchday after the agent was killed: exit %d: %s", code, out)
	}
	s.waitFor("the main window", 30*time.Second, func() bool { return len(s.titled("Matchday")) == 1 })
	agents, windowProcs = s.processes()
	if len(agents) != 1 || agents[0] == firstAgents[0] || len(windowProcs) != 1 {
		t.Fatalf("after restart: agents %v, window processes %v; want one new agent and one window process", agents, windowProcs)
	}
}

func TestE2ETrayMenuOpensWindowsAndQuits(t *testing.T) {
	s := newSession(t, "2026-11-30T05:00:00+01:00")
	s.withSettings(func(set *data.Settings) {
		set.MorningReminder, set.EveningReminder = false, false
		set.Language = "de"
	})
	conn := connect(t, s.bus)
	w := newWatcher(t, conn)
	s.startAgent()
	s.waitFor("the tray icon to register", 15*time.Second, func() bool { return len(w.registered()) == 1 })
	if reply, err := agent.Send(s.db, "status"); err != nil || !strings.Contains(reply, "tray=true") {
		t.Fatalf("status %q, %v: want tray=true", reply, err)
	}

	var menu []trayEntry
	want := []string{"Erfolg eintragen…", "Morgenfokus", "Abendreflexion", "Wochenrückblick", "Übersicht", "Kundschaft", "Matchday anzeigen", "Einstellungen", "Matchday beenden"}
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
	s.waitFor("the evening window, in German", 30*time.Second, func() bool { return len(s.titled("Abendreflexion")) == 1 })
	click("Matchday anzeigen")
	s.waitFor("the main window", 30*time.Second, func() bool { return len(s.titled("Matchday")) == 1 })
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
	s.waitFor("the evening window", 30*time.Second, func() bool { return len(s.titled("Evening reflection")) == 1 })
}
