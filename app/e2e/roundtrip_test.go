package e2e

import (
	"strings"
	"testing"
	"time"

	"matchday/app/agent"
	"matchday/data"
)

// TestWinAndEveningSurviveARestart is the day as a user lives it, in real
// windows: `matchday` (which starts the agent, as from the desktop's menu),
// Ctrl+N and a win typed with umlauts and an emoji and Enter, Ctrl+E, both evening
// answers typed (Tab between them), Ctrl+Enter to celebrate, Ctrl+Q (Quit
// Matchday: the window process and the agent end); then
// `matchday` and `matchday evening` again show the win and the celebrated
// evening, and `matchday today --json` has the win
// and the evening exactly as typed. A clean quit leaves no write-ahead log.
//
// The clock is set to 05:00, after the day's start and before the morning
// reminder (07:30), so no reminder window opens in between; the desktop has
// a tray, so no "no tray" note takes the focus either.
func TestWinAndEveningSurviveARestart(t *testing.T) {
	const (
		winText   = "Jörg kauft das Coaching für 5.000 € 🎉"
		wentWell  = "Zwei Kundinnen kamen wieder – Grüße an Jörg! 🙌"
		repeatHow = "Übermorgen nachfassen, gleich nach dem Kurs ✅"
	)
	s := newSession(t, "2026-11-30T05:00:00+01:00")
	// A journal past its first run (its settings saved), so the main
	// window opens with its win entry, not the first-run panel.
	s.withSettings(func(*data.Settings) {})
	tray := newWatcher(t, connect(t, s.bus))
	s.mapKeys(winText, wentWell, repeatHow)

	if code, out := s.matchday(); code != 0 {
		t.Fatalf("matchday: exit %d: %s", code, out)
	}
	mainWin := s.waitWindow("^Matchday$")
	s.waitFor("the tray icon", 15*time.Second, func() bool { return len(tray.registered()) == 1 })
	agents, windows := s.processes()
	if len(agents) != 1 || len(windows) != 1 {
		t.Fatalf("after matchday: agents %v, window processes %v; want one of each", agents, windows)
	}
	s.shot("main-window-open")

	// Ctrl+N puts the cursor in the win entry.
	s.focus(mainWin)
	s.key("ctrl+n")
	s.typeText(winText)
	s.shot("win-typed")
	s.key("Return")
	s.waitFor("the win in the journal", 15*time.Second, func() bool { return len(s.today(s.db).Wins) == 1 })
	s.shot("win-logged")

	s.key("ctrl+e")
	evening := s.waitWindow("^Evening reflection$")
	s.focus(evening)
	// "What went well?" has the cursor when the window opens; Tab moves on.
	s.typeText(wentWell)
	s.key("Tab")
	s.typeText(repeatHow)
	s.shot("evening-typed")
	s.key("ctrl+Return")
	s.waitFor("the evening celebrated", 15*time.Second, func() bool { return s.today(s.db).Celebrated })
	s.shot("celebrated")

	// Ctrl+Q in the main window is Quit Matchday: the window process, with
	// the evening window, and the agent end.
	s.focus(mainWin)
	s.key("ctrl+q")
	s.waitFor("the window process and the agent to end", 15*time.Second, func() bool {
		a, w := s.processes()
		return len(a)+len(w) == 0
	})
	if got := s.windows("^(Matchday|Evening reflection)$"); len(got) != 0 {
		t.Fatalf("windows left after Ctrl+Q: %v", got)
	}
	if n := walSize(t, s.db); n != 0 {
		t.Errorf("Ctrl+Q left %d bytes of write-ahead log", n)
	}
	s.shot("quit")

	// Start again: a new agent opens a new window process, which shows
	// the win.
	if code, out := s.matchday(); code != 0 {
		t.Fatalf("matchday again: exit %d: %s", code, out)
	}
	s.waitWindow("^Matchday$")
	if a, w := s.processes(); len(a) != 1 || a[0] == agents[0] || len(w) != 1 || w[0] == windows[0] {
		t.Fatalf("after the restart: agents %v, window processes %v; want new ones (the first were %v, %v)", a, w, agents, windows)
	}
	s.shot("restarted")
	if code, out := s.matchday("evening"); code != 0 {
		t.Fatalf("matchday evening: exit %d: %s", code, out)
	}
	s.waitWindow("^Evening reflection$")
	s.shot("restarted-evening")

	v := s.today(s.db)
	if len(v.Wins) != 1 || v.Wins[0].Text != winText {
		t.Errorf("wins after the restart: %+v, want exactly %q", v.Wins, winText)
	}
	if v.Counts.Today != 1 {
		t.Errorf("today's count %d, want 1", v.Counts.Today)
	}
	if !v.Celebrated || v.Evening == nil {
		t.Fatalf("evening after the restart: celebrated %v, %+v", v.Celebrated, v.Evening)
	}
	if v.Evening.WentWell != wentWell || v.Evening.RepeatHow != repeatHow {
		t.Errorf("evening after the restart: %q / %q, want %q / %q", v.Evening.WentWell, v.Evening.RepeatHow, wentWell, repeatHow)
	}

	// Quit Matchday (the tray's "Quit Matchday"): agent and window process
	// end, and the journal is one file again.
	if _, err := agent.Send(s.db, "quit"); err != nil {
		t.Fatal(err)
	}
	s.waitFor("the agent and window process to quit", 15*time.Second, func() bool {
		a, w := s.processes()
		return len(a)+len(w) == 0
	})
	if n := walSize(t, s.db); n != 0 {
		t.Errorf("quitting Matchday left %d bytes of write-ahead log", n)
	}
	if strings.Contains(strings.ToLower(s.agentLog()), "locked") {
		t.Errorf("the agent met a locked database:\n%s", s.agentLog())
	}
}
