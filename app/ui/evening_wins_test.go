package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"matchday/data"
)

// TestPastDayWinAddEditNoteDeleteUndo: from a past day's evening a win is
// added to that day (and marked added later), edited, given a note, deleted
// and brought back; the overview and the stats follow every step.
func TestPastDayWinAddEditNoteDeleteUndo(t *testing.T) {
	u, _, clock := newTestUI(t)
	u.after = (&manualTimer{}).after
	ctx := context.Background()
	today := mustToday(t, u)
	lastWeek := today.AddDays(-7)
	addWins(t, u.store, lastWeek, "Finished the sales page")
	addWin(t, u.store, today.AddDays(-30), data.NewWin{Text: "Anna bought the starter course", Client: "Anna", Amount: cents(6000)})
	o := u.ShowOverview()
	defer o.win.Close()
	stats := func() data.Overview {
		t.Helper()
		ov, err := u.store.Overview(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		return ov
	}
	dayWins := func() int {
		t.Helper()
		for _, d := range o.data.Days {
			if d.Day == lastWeek {
				return d.Wins
			}
		}
		t.Fatalf("the overview has no %s", lastWeek)
		return 0
	}
	before := stats()

	e := u.ShowEvening(lastWeek)
	if e.day != lastWeek || len(e.rows) != 1 {
		t.Fatalf("evening of %s shows %d wins", e.day, len(e.rows))
	}

	// Add: Anna's second booking, a week late.
	clock.Advance(time.Minute)
	test.Type(e.addEntry, "Anna booked the 800 € course")
	test.Tap(e.addDetails)
	test.Type(e.addClient, "an")
	if got := e.addClients.suggested(); len(got) != 1 || got[0] != "Anna" {
		t.Fatalf("suggestions %q", got)
	}
	test.Tap(e.addClients.buttons[0])
	test.Type(e.addAmount, "800")
	test.Tap(e.addButton)
	wins, err := u.store.WinsOn(ctx, lastWeek)
	if err != nil || len(wins) != 2 {
		t.Fatalf("%d wins on %s after adding, %v", len(wins), lastWeek, err)
	}
	added := wins[0]
	if added.Text != "Anna booked the 800 € course" || added.Client != "Anna" || *added.Amount != 80000 || !added.AddedLater {
		t.Errorf("added %+v", added)
	}
	if e.addEntry.Text != "" || len(e.rows) != 2 {
		t.Errorf("after adding: entry %q, %d rows", e.addEntry.Text, len(e.rows))
	}
	// Anna came back: her win is listed first, says so, and is marked.
	first := richText(e.rows[0].meta)
	if e.rows[0].win.UUID != added.UUID || !strings.Contains(first, "Anna came back: 2nd booking, €60 → €800") || !strings.Contains(first, "added later") {
		t.Errorf("first row %q: %q", e.rows[0].win.Text, first)
	}
	after := stats()
	if after.Season.Wins != before.Season.Wins+1 || after.Season.Clients.Amount != before.Season.Clients.Amount+80000 ||
		after.Season.Clients.Returning != before.Season.Clients.Returning+1 {
		t.Errorf("stats after adding: %+v, before %+v", after.Season, before.Season)
	}
	if dayWins() != 2 {
		t.Errorf("the overview shows %d wins on %s", dayWins(), lastWeek)
	}

	// Edit and note.
	clock.Advance(time.Minute)
	test.Tap(e.rows[0].edit)
	ed := e.editor
	if ed == nil || ed.text.Text != added.Text || ed.amount.Text != "€800" || ed.client.Text != "Anna" {
		t.Fatalf("editor: %+v", ed)
	}
	ed.text.SetText("Anna booked the 800 € course, paid at once")
	test.Type(ed.note, "She asked about coaching next")
	test.Tap(ed.save)
	got, err := u.store.Win(ctx, added.UUID)
	if err != nil || got.Text != "Anna booked the 800 € course, paid at once" || got.Note != "She asked about coaching next" || got.Day != lastWeek {
		t.Fatalf("after edit: %+v, %v", got, err)
	}
	if e.editor != nil || e.rows[0].note == nil || richText(e.rows[0].note) != got.Note {
		t.Error("the note is not shown under the win")
	}

	// Delete, and undo.
	test.Tap(e.rows[0].delete)
	if len(e.rows) != 1 || !e.undo.shown() {
		t.Fatalf("after delete: %d rows, undo shown %v", len(e.rows), e.undo.shown())
	}
	if s := stats(); s.Season.Wins != before.Season.Wins || s.Season.Clients.Amount != before.Season.Clients.Amount {
		t.Errorf("stats after delete %+v, want as before %+v", s.Season, before.Season)
	}
	if dayWins() != 1 {
		t.Errorf("the overview shows %d wins after delete", dayWins())
	}
	test.Tap(e.undo.button)
	back, _ := u.store.Win(ctx, added.UUID)
	if back.DeletedAt != nil || back.Note != got.Note || len(e.rows) != 2 || e.undo.shown() {
		t.Errorf("after undo: %+v, %d rows", back, len(e.rows))
	}
	if s := stats(); s.Season.Wins != after.Season.Wins || dayWins() != 2 {
		t.Errorf("stats after undo %+v", s.Season)
	}

	// The future is refused inline, the text kept.
	e.show(today)
	e.day = today.AddDays(1)
	test.Type(e.addEntry, "Tomorrow's win")
	test.Tap(e.addButton)
	if e.addEntry.Text != "Tomorrow's win" || e.win.Canvas().Overlays().Top() == nil {
		t.Error("a win for tomorrow was not refused with the text kept")
	}
}

// TestCelebrationNamesReturningClients: the celebration says who came back.
func TestCelebrationNamesReturningClients(t *testing.T) {
	u, _, clock := newTestUI(t)
	u.after = (&manualTimer{}).after
	today := mustToday(t, u)
	addWin(t, u.store, today.AddDays(-40), data.NewWin{Text: "Course", Client: "Jonas", Amount: cents(6000)})
	addWin(t, u.store, today.AddDays(-20), data.NewWin{Text: "Course", Client: "Anna", Amount: cents(6000)})
	for _, w := range []data.NewWin{
		{Text: "Coaching", Client: "anna", Amount: cents(500000)},
		{Text: "Workshop", Client: "Jonas", Amount: cents(80000)},
		{Text: "New client", Client: "Lea"}, // the newest, yet listed last
	} {
		clock.Advance(time.Minute)
		addWin(t, u.store, today, w)
	}
	e := u.ShowEvening(today)
	if len(e.rows) != 3 || e.rows[2].win.Client != "Lea" || e.rows[0].win.Client != "Jonas" {
		t.Fatalf("returning clients are not first: %d rows, first %q", len(e.rows), e.rows[0].win.Client)
	}
	test.Type(e.wentWell, "Two came back.")
	test.Tap(e.celebrate)
	if got := e.celebration.cameBack.Text; !e.celebration.cameBack.Visible() || got != "Came back today: anna and Jonas" {
		t.Errorf("celebration says %q", got)
	}
}
