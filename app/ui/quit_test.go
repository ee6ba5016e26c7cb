package ui

import (
	"io"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	mdwidget "matchday/app/widget"
	"matchday/data"
)

// typedEverywhere opens every window that holds a draft and types into it,
// with the autosave timers held: nothing is saved yet. It returns the win
// being edited.
func typedEverywhere(t *testing.T, u *UI) data.Win {
	t.Helper()
	w, err := u.store.AddWin(u.ctx, data.Day{}, data.NewWin{Text: "Signed Anna"})
	if err != nil {
		t.Fatal(err)
	}
	m := u.ShowMain()
	test.Type(m.entry, "Tom came back")
	m.onEdit(w)
	test.Type(m.editor.text, " for the 5.000 coaching")
	e := u.ShowEvening(data.Day{})
	test.Type(e.wentWell, "Asked for the sale")
	mo := u.ShowMorning(data.Day{})
	test.Type(mo.focus, "Listen first")
	for _, nothing := range []error{errOf(u.store.Evening(u.ctx, mustToday(t, u))), errOf(u.store.WinDraft(u.ctx, ""))} {
		if nothing == nil {
			t.Fatal("a draft was saved before the pause")
		}
	}
	return w
}

func errOf[T any](_ T, err error) error { return err }

// draftsSaved checks that what typedEverywhere typed is in the journal.
func draftsSaved(t *testing.T, u *UI, edited data.Win) {
	t.Helper()
	today := mustToday(t, u)
	if e, err := u.store.Evening(u.ctx, today); err != nil || e.WentWell != "Asked for the sale" || e.Celebrated() {
		t.Errorf("evening: %+v, %v; want the draft", e, err)
	}
	if m, err := u.store.Morning(u.ctx, today); err != nil || m.Focus != "Listen first" || m.IsSet() {
		t.Errorf("morning: %+v, %v; want the draft", m, err)
	}
	if d, err := u.store.WinDraft(u.ctx, ""); err != nil || d.Text != "Tom came back" {
		t.Errorf("unsent win: %+v, %v", d, err)
	}
	if d, err := u.store.WinDraft(u.ctx, edited.UUID); err != nil || d.Text != "Signed Anna for the 5.000 coaching" {
		t.Errorf("edit: %+v, %v", d, err)
	}
	if c, _ := u.store.WinCounts(u.ctx, today); c.Today != 1 {
		t.Errorf("%d wins today: a draft became a win", c.Today)
	}
}

// quitCounters replaces the event loop's end and the agent's with counters.
func quitCounters(u *UI) (quits, agentQuits *int) {
	quits, agentQuits = new(int), new(int)
	u.quit = func() { *quits++ }
	u.quitAgent = func() { *agentQuits++ }
	return quits, agentQuits
}

// TestEveryWayOutSavesTheDrafts is issue 14's "Quit loses drafts": Quit
// (Ctrl+Q on the main window's menu), Ctrl+Q in the evening window while
// its answer has the cursor, the agent's quit (the end of the pipe) and
// SIGTERM/SIGINT/SIGHUP all save every draft first; "Quit Matchday" ends
// the agent too.
func TestEveryWayOutSavesTheDrafts(t *testing.T) {
	for _, tc := range []struct {
		name      string
		out       func(t *testing.T, u *UI)
		endsAgent bool
		ends      int // how often the UI itself ends the loop
	}{
		{"Quit on the main menu", func(t *testing.T, u *UI) { menuAction(t, u.main.win, "Quit Matchday")() }, true, 1},
		{"Ctrl+Q in the evening's answer", func(t *testing.T, u *UI) {
			u.evening.win.Canvas().Focus(u.evening.wentWell)
			u.evening.wentWell.TypedShortcut(mdwidget.Shortcut(fyne.KeyQ))
		}, true, 1},
		{"Ctrl+Q in the morning's focus", func(t *testing.T, u *UI) {
			u.morning.focus.TypedShortcut(mdwidget.Shortcut(fyne.KeyQ))
		}, true, 1},
		{"the agent quit", func(t *testing.T, u *UI) { u.followPipe(strings.NewReader(""), io.Discard) }, false, 1},
		{"SIGTERM", signalOut(syscall.SIGTERM, false), false, 1},
		{"SIGINT", signalOut(syscall.SIGINT, false), false, 1},
		{"SIGHUP", signalOut(syscall.SIGHUP, false), false, 1},
		// Fyne's desktop driver ends the loop on SIGTERM itself: the UI
		// asks for no second end, and the loop's stop saves.
		{"SIGTERM, which the driver ends the loop on", signalOut(syscall.SIGTERM, true), false, 0},
		// The driver's end came first and the signal's save was dropped
		// from its queue: the loop's stop saves.
		{"the event loop stopped by the driver alone", func(t *testing.T, u *UI) { u.loopStopped() }, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, _ := newRitualUI(t)
			quits, agentQuits := quitCounters(u)
			edited := typedEverywhere(t, u)
			tc.out(t, u)
			draftsSaved(t, u, edited)
			if *quits != tc.ends {
				t.Errorf("the event loop was ended %d times, want %d", *quits, tc.ends)
			}
			if want := map[bool]int{true: 1, false: 0}[tc.endsAgent]; *agentQuits != want {
				t.Errorf("the agent was told to quit %d times, want %d", *agentQuits, want)
			}
			if u.stopTicker != nil {
				t.Error("the journal ticker still runs")
			}
		})
	}
}

// signalOut sends the window process (this test) sig while followSignals
// watches, and waits for the save and, unless the driver ends the loop on
// sig (driverQuits), the quit it leads to.
func signalOut(sig syscall.Signal, driverQuits bool) func(t *testing.T, u *UI) {
	return func(t *testing.T, u *UI) {
		done := make(chan struct{})
		if driverQuits {
			u.driverQuitsOn = []os.Signal{sig}
			u.afterSignal = func() { close(done) }
		} else {
			count := u.quit
			u.quit = func() {
				count()
				close(done)
			}
		}
		stop := u.followSignals()
		defer stop()
		if err := syscall.Kill(syscall.Getpid(), sig); err != nil {
			t.Fatal(err)
		}
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Fatal("no save after the signal")
		}
		if driverQuits {
			u.loopStopped()
		}
	}
}

// menuAction finds the main menu item labelled label.
func menuAction(t *testing.T, w fyne.Window, label string) func() {
	t.Helper()
	for _, menu := range w.MainMenu().Items {
		for _, it := range menu.Items {
			if it.Label == label {
				return it.Action
			}
		}
	}
	t.Fatalf("no menu item %q", label)
	return nil
}

// TestUnsentWinComesBack is issue 14's "a half-typed win vanishes": what is
// typed in the win entry, and in the editor of a win, autosaves as a draft
// and is back when the main window opens again; it never becomes a win
// until it is logged, and logging or saving it forgets the draft.
func TestUnsentWinComesBack(t *testing.T) {
	u, timer := newRitualUI(t)
	today := mustToday(t, u)
	w, err := u.store.AddWin(u.ctx, data.Day{}, data.NewWin{Text: "Signed Anna"})
	if err != nil {
		t.Fatal(err)
	}
	m := u.ShowMain()
	test.Type(m.entry, "Tom came")
	timer.advance(autosaveMaxWait) // typing on: saved while it goes on
	if d, err := u.store.WinDraft(u.ctx, ""); err != nil || d.Text != "Tom came" {
		t.Fatalf("while typing: %+v, %v", d, err)
	}
	test.Type(m.entry, " back")
	m.onToggleDetails()
	test.Type(m.amount, "800")
	m.onEdit(w)
	test.Type(m.editor.text, "!")
	m.win.Close()

	m = u.ShowMain()
	if m.entry.Text != "Tom came back" || m.amount.Text != "800" || !m.details.Visible() {
		t.Errorf("reopened with %q, amount %q", m.entry.Text, m.amount.Text)
	}
	if m.editor == nil || m.editor.text.Text != "Signed Anna!" {
		t.Fatal("the edit of a win did not come back in its editor")
	}
	if c, _ := u.store.WinCounts(u.ctx, today); c.Today != 1 {
		t.Errorf("%d wins: a draft became a win", c.Today)
	}
	m.editor.onSave()
	if _, err := u.store.WinDraft(u.ctx, w.UUID); err == nil {
		t.Error("the edit's draft outlived the save")
	}
	m.onSubmit()
	if _, err := u.store.WinDraft(u.ctx, ""); err == nil {
		t.Error("the win's draft outlived logging it")
	}
	if c, _ := u.store.WinCounts(u.ctx, today); c.Today != 2 {
		t.Errorf("%d wins after logging the draft, want 2", c.Today)
	}
	if got, _ := u.store.Win(u.ctx, w.UUID); got.Text != "Signed Anna!" {
		t.Errorf("edited win %q", got.Text)
	}
}

// TestEveningSavesWhileTyping: a key every 120 ms in the evening window,
// with no pause, is saved while the typing goes on.
func TestEveningSavesWhileTyping(t *testing.T) {
	u, timer := newRitualUI(t)
	today := mustToday(t, u)
	e := u.ShowEvening(data.Day{})
	typed := ""
	for i := 0; i < 50; i++ {
		r := string(rune('a' + i%26))
		test.Type(e.wentWell, r)
		typed += r
		timer.advance(120 * time.Millisecond)
		if time.Duration(i)*120*time.Millisecond < 2*time.Second {
			continue
		}
		ev, err := u.store.Evening(u.ctx, today)
		if err != nil {
			t.Fatalf("after %d keys nothing is saved", i+1)
		}
		// At most the last 2 s of typing are missing.
		if missing := len(typed) - len(ev.WentWell); missing > int(2*time.Second/(120*time.Millisecond)) || !strings.HasPrefix(typed, ev.WentWell) {
			t.Fatalf("after %d keys the saved draft is %q of %q", i+1, ev.WentWell, typed)
		}
	}
}
