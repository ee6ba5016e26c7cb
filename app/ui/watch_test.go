package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"matchday/data"
)

func TestOneWatcherTellsEveryOpenWindow(t *testing.T) {
	u, _ := newRitualUI(t)
	today := mustToday(t, u)
	m := u.ShowMain()
	w := u.watcher
	e := u.ShowEvening(data.Day{})
	mo := u.ShowMorning(data.Day{})
	o := u.ShowOverview()
	if w == nil || u.watcher != w {
		t.Fatal("the windows do not share one journal watcher")
	}

	other := otherHandle(t, u)
	addWins(t, other, today, "Logged from the command line")
	addWins(t, other, today.AddDays(-1), "Logged for yesterday")
	u.onWatchTick()

	if m.counter.Counts().Today != 1 || len(e.wins.Objects) != 1 || o.data.Streaks.WinDay.Current != 2 {
		t.Errorf("after one tick: main %d, evening %d wins, overview streak %d",
			m.counter.Counts().Today, len(e.wins.Objects), o.data.Streaks.WinDay.Current)
	}
	if mo.winsBefore.Text != winsLine([]data.Win{{Text: "Logged for yesterday"}}, true) {
		t.Errorf("morning shows %q", mo.winsBefore.Text)
	}
}

func TestWatcherGoesWithTheLastWindow(t *testing.T) {
	u, _ := newRitualUI(t)
	m := u.ShowMain()
	e := u.ShowEvening(data.Day{})
	test.Type(e.wentWell, "Saved on close")

	m.win.Close()
	if u.watcher == nil {
		t.Fatal("the watcher closed while the evening window is still open")
	}
	e.win.Close()
	if u.watcher != nil {
		t.Error("the watcher stays open after the last window closed")
	}
	if ev := stored(t, u.store.Evening, mustToday(t, u)); ev.WentWell != "Saved on close" {
		t.Errorf("draft on close = %q", ev.WentWell)
	}
}

func TestAChangedJournalAsksForOneSyncPass(t *testing.T) {
	u, timer := newRitualUI(t)
	asked := make(chan struct{}, 4)
	u.requestSync = func() { asked <- struct{}{} }
	today := mustToday(t, u)
	u.ShowMain()
	u.onWatchTick()
	if n := timer.waiting(); n != 0 {
		t.Fatalf("%d sync requests waiting before any change", n)
	}
	other := otherHandle(t, u)
	addWins(t, other, today, "First save")
	u.onWatchTick()
	addWins(t, other, today, "Second save, before the first settled")
	u.onWatchTick()
	if n := timer.waiting(); n != 1 {
		t.Fatalf("%d sync requests waiting, want one for both saves", n)
	}
	timer.fire()
	select {
	case <-asked:
	case <-time.After(10 * time.Second):
		t.Fatal("no sync pass was asked for")
	}
	if len(asked) != 0 {
		t.Errorf("%d more requests", len(asked))
	}
}

func TestWithoutAnAgentTheWindowProcessSyncsItself(t *testing.T) {
	u, _ := newRitualUI(t)
	folder := t.TempDir()
	if _, err := u.store.Sync(u.ctx, folder, data.SyncOptions{Encryption: data.EncryptionOff}); err != nil {
		t.Fatal(err)
	}
	u.ShowMain()
	addWins(t, otherHandle(t, u), mustToday(t, u), "Saved while no agent runs")
	u.syncHere()
	rep, err := u.store.Sync(u.ctx, "", data.SyncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Wrote != 0 {
		t.Errorf("the change was still waiting after the window process's pass: %+v", rep)
	}
}
