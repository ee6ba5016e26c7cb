package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"matchday/data"
)

// addClientWins logs Anna's ladder (60 → 800 → 5,000 € over three days,
// spelled three ways), Anna M. once and Müller GmbH twice (the latest
// spelling counts), on past days.
func addClientWins(t *testing.T, s *data.Store, clock *fakeClock) {
	t.Helper()
	today, err := s.Today(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []struct {
		back   int
		client string
		amount data.Cents
		text   string
	}{
		{300, "Anna", 6000, "Anna bought the starter course"},
		{200, "anna", 80000, "Anna booked the course"},
		{100, "Änna", 500000, "Coaching package for Anna"},
		{50, "Anna M.", 12000, "Workshop seat"},
		{20, "müller gmbh", 150000, "Müller GmbH renewed"},
		{10, "Müller GmbH", 150000, "Müller GmbH renewed again"},
	} {
		clock.Advance(time.Minute)
		addWin(t, s, today.AddDays(-w.back), data.NewWin{Text: w.text, Client: w.client, Amount: cents(w.amount)})
	}
}

func newTestClients(t *testing.T) (*clientsWindow, *data.Store, *fakeClock) {
	t.Helper()
	u, s, clock := newTestUI(t)
	addClientWins(t, s, clock)
	c := u.ShowClients()
	c.win.Resize(fyne.NewSize(720, 640))
	t.Cleanup(func() {
		if u.clients == c {
			c.win.Close()
		}
	})
	return c, s, clock
}

func shownNames(c *clientsWindow) string {
	var names []string
	for _, cl := range c.shown {
		names = append(names, cl.Name)
	}
	return strings.Join(names, ", ")
}

func TestClientsListSortsAndFilters(t *testing.T) {
	c, _, _ := newTestClients(t)
	if got := shownNames(c); got != "Müller GmbH, Anna M., Änna" {
		t.Errorf("by latest: %s", got)
	}
	if got := c.count.Text; got != "3 clients · 2 came back" {
		t.Errorf("count %q", got)
	}
	c.sort.SetSelected(c.sort.Options[data.ByTotal])
	if got := shownNames(c); got != "Änna, Müller GmbH, Anna M." {
		t.Errorf("by total: %s", got)
	}
	c.sort.SetSelected(c.sort.Options[data.ByClimb])
	if got := shownNames(c); !strings.HasPrefix(got, "Änna") {
		t.Errorf("by climb: %s", got)
	}
	test.Type(c.filter, "MUL")
	if got := shownNames(c); got != "Müller GmbH" {
		t.Errorf("filtered by MUL: %s", got)
	}
	c.filter.SetText("ann")
	if got := shownNames(c); got != "Änna, Anna M." {
		t.Errorf("filtered by ann: %s", got)
	}
	c.filter.SetText("nobody")
	if len(c.shown) != 0 || !c.empty.Visible() || !strings.Contains(c.empty.Text, "nobody") {
		t.Errorf("no match: %d shown, %q", len(c.shown), c.empty.Text)
	}
	// The list draws what is shown.
	c.filter.SetText("")
	if c.list.Length() != 3 {
		t.Errorf("the list has %d rows", c.list.Length())
	}
}

func TestClientsLadderOfAClient(t *testing.T) {
	c, _, _ := newTestClients(t)
	c.sort.SetSelected(c.sort.Options[data.ByTotal])
	c.list.Select(0) // Änna
	if c.ladder.Client.Key != "anna" || c.content.Objects[0] != c.ladderUI {
		t.Fatalf("selecting a client did not open the ladder: %+v", c.ladder.Client)
	}
	steps := c.steps.Steps()
	if len(steps) != 3 || steps[0].Amount != "€60" || steps[2].Amount != "€5,000" {
		t.Fatalf("ladder steps %+v", steps)
	}
	if steps[0].StepUp != "" || steps[1].StepUp != "×13.33" || steps[2].StepUp != "×6.25" {
		t.Errorf("step-ups %q %q %q", steps[0].StepUp, steps[1].StepUp, steps[2].StepUp)
	}
	if !strings.Contains(c.summary.Text, "3 wins") || !strings.Contains(c.summary.Text, "€5,860") || !strings.Contains(c.summary.Text, "came back") {
		t.Errorf("summary %q", c.summary.Text)
	}
	if len(c.stepsList.Objects) != 3 {
		t.Errorf("%d wins listed", len(c.stepsList.Objects))
	}
	// Escape goes back to the list.
	c.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.content.Objects[0] != c.listUI {
		t.Error("Escape did not go back to the list")
	}
}

func TestClientsRenameAndMergeWithUndo(t *testing.T) {
	c, s, clock := newTestClients(t)
	ctx := context.Background()
	c.showLadder("anna m.")

	// Rename onto another client's name: refused in the dialog.
	test.Tap(c.rename)
	r := c.renaming
	if r == nil || r.entry.Text != "Anna M." {
		t.Fatal("the rename dialog did not open with the name")
	}
	r.entry.SetText("ANNA")
	test.Tap(r.save)
	if c.renaming == nil || !r.hint.Visible() {
		t.Fatal("renaming onto another client was not refused inline")
	}
	r.entry.SetText("Anna Müller")
	test.Tap(r.save)
	if c.renaming != nil || c.ladder.Client.Name != "Anna Müller" || !c.undo.shown() {
		t.Fatalf("after rename: dialog %v, showing %q, undo %v", c.renaming != nil, c.ladder.Client.Name, c.undo.shown())
	}
	test.Tap(c.undo.button)
	if _, err := s.Ladder(ctx, "Anna M."); err != nil || c.ladder.Client.Name != "Anna M." || c.undo.shown() {
		t.Fatalf("undo of the rename: %v, showing %q", err, c.ladder.Client.Name)
	}

	// Merge Anna M. into Anna, picking the suggestion.
	clock.Advance(time.Minute)
	test.Tap(c.merge)
	m := c.merging
	if m == nil {
		t.Fatal("the merge dialog did not open")
	}
	test.Type(m.entry, "än")
	if got := strings.Join(m.clients.suggested(), ", "); !strings.Contains(got, "Änna") {
		t.Fatalf("suggestions %q", got)
	}
	for _, b := range m.clients.buttons {
		if b.Text == "Änna" {
			test.Tap(b)
		}
	}
	if m.entry.Text != "Änna" {
		t.Fatalf("picking the suggestion put %q in the entry", m.entry.Text)
	}
	test.Tap(m.save)
	l, err := s.Ladder(ctx, "anna")
	if err != nil || len(l.Steps) != 4 || c.ladder.Client.Key != "anna" {
		t.Fatalf("after the merge Anna has %d wins (%v), window shows %q", len(l.Steps), err, c.ladder.Client.Key)
	}
	if _, err := s.Ladder(ctx, "Anna M."); err == nil {
		t.Error("Anna M. is still a client after the merge")
	}
	if !strings.Contains(c.undo.label.Text, "Anna M.") {
		t.Errorf("undo says %q", c.undo.label.Text)
	}
	test.Tap(c.undo.button)
	if l, err := s.Ladder(ctx, "Anna M."); err != nil || len(l.Steps) != 1 {
		t.Errorf("undo of the merge: %v", err)
	}
	if l, _ := s.Ladder(ctx, "anna"); len(l.Steps) != 3 {
		t.Errorf("Anna has %d wins after the undo", len(l.Steps))
	}

	// An unknown name to merge into stays in the dialog.
	test.Tap(c.merge)
	c.merging.entry.SetText("Nobody")
	test.Tap(c.merging.save)
	if c.merging == nil || !c.merging.hint.Visible() {
		t.Error("merging into an unknown client was not refused inline")
	}
}

func TestClientsLadderOfADemoClient(t *testing.T) {
	u, s, _ := newTestUI(t)
	if _, err := s.Demo(context.Background(), 3, "en", 1); err != nil {
		t.Fatal(err)
	}
	c := u.ShowClientLadder("Anna Becker")
	defer c.win.Close()
	var amounts []string
	for _, st := range c.steps.Steps() {
		amounts = append(amounts, st.Amount)
	}
	if got := strings.Join(amounts, " "); got != "€60 €800 €5,000 €9,000" {
		t.Errorf("Anna Becker climbs %s", got)
	}
	if n := len(c.stepsList.Objects); n != 4 {
		t.Errorf("%d wins listed", n)
	}
	if !strings.Contains(c.summary.Text, "climb ×150") {
		t.Errorf("summary %q", c.summary.Text)
	}
}

func TestCaptureSuggestsAClient(t *testing.T) {
	m, s, clock := newTestMain(t)
	addClientWins(t, s, clock)
	test.Tap(m.detailsButton)
	test.Type(m.entry, "Booked the year programme")
	test.Type(m.client, "än")
	got := m.clients.suggested()
	if len(got) != 2 || got[0] != "Anna M." || got[1] != "Änna" {
		t.Fatalf("suggestions %q, want the most recent first", got)
	}
	if !m.clients.suggestions.Visible() {
		t.Fatal("the suggestions are not shown")
	}
	test.Tap(m.clients.buttons[1])
	if m.client.Text != "Änna" || m.clients.suggestions.Visible() {
		t.Fatalf("picked %q; suggestions still shown: %v", m.client.Text, m.clients.suggestions.Visible())
	}
	if m.win.Canvas().Focused() != m.amount {
		t.Error("the cursor did not move on to the amount")
	}
	test.Type(m.amount, "9000")
	pressEnter(m.amount)
	l, err := s.Ladder(context.Background(), "anna")
	if err != nil || len(l.Steps) != 4 {
		t.Fatalf("the win did not join Anna's ladder: %v", err)
	}
	// The list says which time it is.
	if m.rows[0].meta == nil || !strings.Contains(richText(m.rows[0].meta), "Änna · 4th time · €9,000") {
		t.Errorf("win line %q", richText(m.rows[0].meta))
	}
	// A typed name that is exactly one client suggests nothing more.
	test.Tap(m.detailsButton)
	test.Tap(m.detailsButton)
	m.client.SetText("Müller GmbH")
	if m.clients.suggestions.Visible() {
		t.Errorf("suggests %q for a complete name", m.clients.suggested())
	}
}

// richText is the text of a RichText's segments.
func richText(r *widget.RichText) string {
	var b strings.Builder
	for _, s := range r.Segments {
		if ts, ok := s.(*widget.TextSegment); ok {
			b.WriteString(ts.Text)
		}
	}
	return b.String()
}
