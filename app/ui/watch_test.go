package ui

import (
	"testing"

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
