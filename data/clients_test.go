package data

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func cp(c Cents) *Cents { return &c }

// addWinAt logs a win on day as if typed that day at the clock's time of
// day (so it is not added later), by moving the clock there and back; the
// clock then moves on a minute, so wins keep the order they were added in.
func addWinAt(t *testing.T, s *Store, clock *testClock, day Day, in NewWin) Win {
	t.Helper()
	saved := clock.Now()
	defer clock.Set(saved.Add(time.Minute))
	clock.Set(time.Date(day.Year(), day.Month(), day.DayOfMonth(), saved.Hour(), saved.Minute(), 0, 0, saved.Location()))
	w, err := s.AddWin(context.Background(), day, in)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// clientFixture is a journal with clients spelled many ways: Anna's ladder
// 60 → 800 → 5,000 → 9,000 under three spellings, "Anna M." apart, Müller
// GmbH twice, Jonas once, a deleted win and a win without client.
type clientFixture struct {
	s     *Store
	clock *testClock
	anna  []Win // in order
	annaM Win
	gone  Win
}

func newClientFixture(t *testing.T) clientFixture {
	t.Helper()
	s, clock := openTestStore(t)
	f := clientFixture{s: s, clock: clock}
	add := func(day Day, client string, amount *Cents, text string) Win {
		return addWinAt(t, s, clock, day, NewWin{Text: text, Client: client, Amount: amount})
	}
	f.anna = []Win{
		add(NewDay(2024, 3, 5), "Anna", cp(6000), "Anna bought the starter course"),
		add(NewDay(2024, 9, 10), "anna ", cp(80000), "Anna booked the course"),
		add(NewDay(2025, 2, 14), "Änna", cp(500000), "Coaching package for Anna"),
		add(NewDay(2026, 6, 1), "Anna", cp(900000), "Anna signed the year programme"),
	}
	f.annaM = add(NewDay(2026, 6, 1), "Anna M.", cp(12000), "Workshop seat")
	add(NewDay(2026, 11, 20), "müller gmbh", nil, "Call with Müller")
	add(NewDay(2026, 11, 26), "Müller GmbH", cp(150000), "Müller GmbH renewed")
	add(NewDay(2025, 5, 5), "Jonas", cp(80000), "Jonas took the course")
	add(NewDay(2026, 11, 26), "", nil, "Finished the sales page")
	f.gone = add(NewDay(2026, 10, 1), "ANNA", cp(9999900), "typo, deleted")
	if err := s.DeleteWin(context.Background(), f.gone.UUID); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestClientKey(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Anna", "anna"},
		{"anna ", "anna"},
		{"  ANNA\t", "anna"},
		{"Änna", "anna"},
		{"A\u0308nna", "anna"}, // NFD, as macOS types it
		{"Anna M.", "anna m."},
		{"Müller GmbH", "muller gmbh"},
		{"Zoë Ångström", "zoe angstrom"},
		{"Straße", "strasse"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := ClientKey(tt.in); got != tt.want {
				t.Errorf("ClientKey(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestClientKeyMatchesMigration: the triggers fold a client's key in SQL
// the way ClientKey folds it in Go, for every letter of the fold table and
// for text the table leaves alone.
func TestClientKeyMatchesMigration(t *testing.T) {
	if !strings.Contains(migrations[6], clientFoldSQL()) { // 7: the clients
		t.Fatal("the clients migration's client_wins_insert trigger does not hold clientFoldSQL(); regenerate it from fold.go")
	}
	s, _ := openTestStore(t)
	ctx := context.Background()
	var all strings.Builder
	for _, p := range foldPairs {
		all.WriteString(p[0])
	}
	names := []string{all.String(), "Plain ASCII Client & Co. [x]", "Ωμέγα Ltd 🎉", "Anna", "ÄNNA"}
	for _, name := range names {
		if _, err := s.AddWin(ctx, Day{}, NewWin{Text: "win", Client: name}); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range names {
		var key string
		if err := s.db.QueryRow(`SELECT c.key FROM client_wins c JOIN wins w ON w.uuid = c.uuid WHERE w.client = ?`, name).Scan(&key); err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		if want := ClientKey(name); key != want {
			t.Errorf("SQL keys %q as %q, Go as %q", name, key, want)
		}
	}
}

func TestClients(t *testing.T) {
	f := newClientFixture(t)
	clients, err := f.s.Clients(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []Client{
		{Key: "muller gmbh", Name: "Müller GmbH", FirstDay: NewDay(2026, 11, 20), LastDay: NewDay(2026, 11, 26), Wins: 2, Total: 150000,
			Returning: true, FirstAmount: cp(150000), LastAmount: cp(150000), Climb: 1},
		{Key: "anna m.", Name: "Anna M.", FirstDay: NewDay(2026, 6, 1), LastDay: NewDay(2026, 6, 1), Wins: 1, Total: 12000,
			FirstAmount: cp(12000), LastAmount: cp(12000), Climb: 1},
		{Key: "anna", Name: "Anna", FirstDay: NewDay(2024, 3, 5), LastDay: NewDay(2026, 6, 1), Wins: 4, Total: 1486000,
			Returning: true, FirstAmount: cp(6000), LastAmount: cp(900000), Climb: 150},
		{Key: "jonas", Name: "Jonas", FirstDay: NewDay(2025, 5, 5), LastDay: NewDay(2025, 5, 5), Wins: 1, Total: 80000,
			FirstAmount: cp(80000), LastAmount: cp(80000), Climb: 1},
	}
	if jsonOf(t, clients) != jsonOf(t, want) {
		t.Errorf("clients:\n got %s\nwant %s", jsonOf(t, clients), jsonOf(t, want))
	}
}

func jsonOf(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSortAndFilterClients(t *testing.T) {
	f := newClientFixture(t)
	all, err := f.s.Clients(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	names := func(cs []Client) string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Name)
		}
		return strings.Join(out, ", ")
	}
	sorts := []struct {
		order ClientOrder
		want  string
	}{
		{ByLast, "Müller GmbH, Anna M., Anna, Jonas"},
		{ByTotal, "Anna, Müller GmbH, Jonas, Anna M."},
		{ByClimb, "Anna, Müller GmbH, Anna M., Jonas"},
	}
	for _, tt := range sorts {
		t.Run(fmt.Sprint("order ", tt.order), func(t *testing.T) {
			cs := slices.Clone(all)
			SortClients(cs, tt.order)
			if got := names(cs); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
	filters := []struct {
		query, want string
	}{
		{"", "Müller GmbH, Anna M., Anna, Jonas"},
		{"ANNA", "Anna M., Anna"},
		{"änna", "Anna M., Anna"},
		{"muller", "Müller GmbH"},
		{"GMBH mül", "Müller GmbH"},
		{"anna m", "Anna M."},
		{"nobody", ""},
		{"nna", ""}, // the start of a word, not its middle
		{"gmbh", "Müller GmbH"},
	}
	for _, tt := range filters {
		t.Run("filter "+tt.query, func(t *testing.T) {
			if got := names(FilterClients(all, tt.query)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLadder(t *testing.T) {
	f := newClientFixture(t)
	ctx := context.Background()
	for _, spelling := range []string{"Anna", "anna", " ÄNNA "} {
		l, err := f.s.Ladder(ctx, spelling)
		if err != nil {
			t.Fatal(err)
		}
		if l.Client.Name != "Anna" || l.Client.Wins != 4 || l.Client.Total != 1486000 || l.Client.Climb != 150 || !l.Client.Returning {
			t.Errorf("%q: client %+v", spelling, l.Client)
		}
		type step struct {
			day     Day
			client  string
			amount  Cents
			booking int
			prev    *Cents
			up      float64
		}
		want := []step{
			{NewDay(2024, 3, 5), "Anna", 6000, 1, nil, 0},
			{NewDay(2024, 9, 10), "anna", 80000, 2, cp(6000), 13.33},
			{NewDay(2025, 2, 14), "Änna", 500000, 3, cp(80000), 6.25},
			{NewDay(2026, 6, 1), "Anna", 900000, 4, cp(500000), 1.8},
		}
		if len(l.Steps) != len(want) {
			t.Fatalf("%d steps, want %d", len(l.Steps), len(want))
		}
		for i, w := range want {
			st := l.Steps[i]
			if st.Day != w.day || st.Client != w.client || *st.Amount != w.amount || st.Booking != w.booking ||
				!reflect.DeepEqual(st.Previous, w.prev) || st.StepUp != w.up || st.UUID != f.anna[i].UUID || st.Text != f.anna[i].Text {
				t.Errorf("step %d: %+v, want %+v", i, st, w)
			}
		}
		up := l.BiggestStepUp
		if up == nil || up.From != 6000 || up.To != 80000 || up.Factor != 13.33 || up.Client != "Anna" || up.UUID != f.anna[1].UUID {
			t.Errorf("biggest step up %+v", up)
		}
	}
	if _, err := f.s.Ladder(ctx, "Nobody"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown client: %v, want ErrNotFound", err)
	}
	// A client whose amounts only fall has no step up; one without any
	// amount has no climb.
	addWinAt(t, f.s, f.clock, NewDay(2026, 1, 1), NewWin{Text: "Big first order", Client: "Lea", Amount: cp(500000)})
	addWinAt(t, f.s, f.clock, NewDay(2026, 2, 1), NewWin{Text: "Small top-up", Client: "Lea", Amount: cp(6000)})
	addWinAt(t, f.s, f.clock, NewDay(2026, 2, 1), NewWin{Text: "Chat", Client: "Tom"})
	if l, err := f.s.Ladder(ctx, "lea"); err != nil || l.BiggestStepUp != nil || l.Client.Climb != 0.01 || l.Steps[1].StepUp != 0 {
		t.Errorf("falling ladder: %+v, %v", l, err)
	}
	if l, err := f.s.Ladder(ctx, "tom"); err != nil || l.Client.Climb != 0 || l.Client.FirstAmount != nil || l.Steps[0].Amount != nil {
		t.Errorf("ladder without amounts: %+v, %v", l, err)
	}
}

func TestSuggestClients(t *testing.T) {
	f := newClientFixture(t)
	addWinAt(t, f.s, f.clock, NewDay(2023, 1, 10), NewWin{Text: "Old lead", Client: "Jo Ångström"})
	ctx := context.Background()
	tests := []struct {
		prefix string
		limit  int
		want   string
	}{
		{"", 0, "Müller GmbH, Anna M., Anna, Jonas, Jo Ångström"},
		{"", 2, "Müller GmbH, Anna M."},
		{"a", 0, "Anna M., Anna, Jo Ångström"}, // a word of "Jo Ångström" starts with "å"
		{"än", 0, "Anna M., Anna, Jo Ångström"},
		{"ANNA ", 0, "Anna M., Anna"},
		{"anna m", 0, "Anna M."},
		{"jo", 0, "Jonas, Jo Ångström"},
		{"gmb", 0, "Müller GmbH"},
		{"mül", 1, "Müller GmbH"},
		{"nna", 0, ""}, // the start of a word, not its middle
		{"x", 0, ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q/%d", tt.prefix, tt.limit), func(t *testing.T) {
			cs, err := f.s.SuggestClients(ctx, tt.prefix, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, c := range cs {
				names = append(names, c.Name)
			}
			if got := strings.Join(names, ", "); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBookings(t *testing.T) {
	f := newClientFixture(t)
	ctx := context.Background()
	day := NewDay(2026, 6, 1)
	// Anna's 4th booking and Anna M.'s first on one day, and a second win of
	// a new client on their first day.
	ben1 := addWinAt(t, f.s, f.clock, day, NewWin{Text: "Ben booked a call", Client: "Ben"})
	ben2 := addWinAt(t, f.s, f.clock, day, NewWin{Text: "Ben bought the course", Client: "ben", Amount: cp(6000)})
	got, err := f.s.Bookings(ctx, day)
	if err != nil {
		t.Fatal(err)
	}
	want := []Booking{
		{UUID: f.anna[3].UUID, Key: "anna", Client: "Anna", Number: 4, Returning: true, Amount: cp(900000), Previous: cp(500000)},
		{UUID: f.annaM.UUID, Key: "anna m.", Client: "Anna M.", Number: 1, Amount: cp(12000)},
		{UUID: ben1.UUID, Key: "ben", Client: "ben", Number: 1},
		{UUID: ben2.UUID, Key: "ben", Client: "ben", Number: 2, Amount: cp(6000)},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("bookings:\n got %s\nwant %s", jsonOf(t, got), jsonOf(t, want))
	}
	if got, err := f.s.Bookings(ctx, NewDay(2020, 1, 1)); err != nil || len(got) != 0 {
		t.Errorf("a day without wins: %v, %v", got, err)
	}
}

func TestSeasonClients(t *testing.T) {
	f := newClientFixture(t)
	ctx := context.Background()
	tests := []struct {
		year int
		want SeasonClients
	}{
		// 2024: Anna new (60, then back for 800 on a later day).
		{2024, SeasonClients{Amount: 86000, Clients: 1, New: 1, Returning: 1,
			BiggestStepUp: &StepUp{Key: "anna", Client: "Anna", UUID: f.anna[1].UUID, Day: NewDay(2024, 9, 10), From: 6000, To: 80000, Factor: 13.33}}},
		// 2025: Anna back (800 → 5,000, the 800 from last season), Jonas new.
		{2025, SeasonClients{Amount: 580000, Clients: 2, New: 1, Returning: 1,
			BiggestStepUp: &StepUp{Key: "anna", Client: "Anna", UUID: f.anna[2].UUID, Day: NewDay(2025, 2, 14), From: 80000, To: 500000, Factor: 6.25}}},
		// 2026: Anna back, Anna M. new, Müller new and back a week later;
		// the deleted win counts nowhere.
		{2026, SeasonClients{Amount: 1062000, Clients: 3, New: 2, Returning: 2,
			BiggestStepUp: &StepUp{Key: "anna", Client: "Anna", UUID: f.anna[3].UUID, Day: NewDay(2026, 6, 1), From: 500000, To: 900000, Factor: 1.8}}},
		{2023, SeasonClients{}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.year), func(t *testing.T) {
			got, err := f.s.SeasonClients(ctx, tt.year)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %s\nwant %s", jsonOf(t, got), jsonOf(t, tt.want))
			}
		})
	}
	o, err := f.s.Overview(ctx, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if o.Season.Clients.Clients != 2 || o.Season.Clients.Amount != 580000 {
		t.Errorf("overview season clients %+v", o.Season.Clients)
	}
	// stats --json gains season.clients; every field before stays.
	var m map[string]any
	if err := json.Unmarshal([]byte(jsonOf(t, o.Season)), &m); err != nil {
		t.Fatal(err)
	}
	c, _ := m["clients"].(map[string]any)
	for _, k := range []string{"amount_cents", "clients", "new_clients", "returning_clients", "biggest_step_up"} {
		if _, ok := c[k]; !ok {
			t.Errorf("season.clients has no %q: %v", k, m)
		}
	}
	for _, k := range []string{"year", "wins", "win_days", "days_celebrated", "days_made_up", "days_trained", "best_week", "best_month"} {
		if _, ok := m[k]; !ok {
			t.Errorf("season lost %q", k)
		}
	}
}

func TestRenameClient(t *testing.T) {
	f := newClientFixture(t)
	ctx := context.Background()
	before := snapshotWins(t, f.s)
	f.clock.Set(f.clock.Now().Add(time.Hour))
	ch, err := f.s.RenameClient(ctx, "anna", "Anna Schmidt")
	if err != nil {
		t.Fatal(err)
	}
	// Every spelling of Anna, the deleted win too; Anna M. stays.
	if len(ch.Wins) != 5 {
		t.Errorf("%d wins changed, want 5: %+v", len(ch.Wins), ch)
	}
	l, err := f.s.Ladder(ctx, "anna schmidt")
	if err != nil || l.Client.Name != "Anna Schmidt" || len(l.Steps) != 4 {
		t.Fatalf("renamed ladder %+v, %v", l.Client, err)
	}
	if _, err := f.s.Ladder(ctx, "anna"); !errors.Is(err, ErrNotFound) {
		t.Errorf("old name still has a ladder: %v", err)
	}
	gone, _ := f.s.Win(ctx, f.gone.UUID)
	if gone.Client != "Anna Schmidt" {
		t.Errorf("deleted win kept %q", gone.Client)
	}
	after := snapshotWins(t, f.s)
	for uuid, w := range after {
		changed := w.Client != before[uuid].Client
		if changed != w.UpdatedAt.After(before[uuid].UpdatedAt) {
			t.Errorf("win %q: client %q → %q, updated_at %v → %v", w.Text, before[uuid].Client, w.Client, before[uuid].UpdatedAt, w.UpdatedAt)
		}
	}

	// Onto another client's name: refused, nothing changed.
	if _, err := f.s.RenameClient(ctx, "Jonas", "ANNA M."); !errors.Is(err, ErrClientExists) {
		t.Errorf("rename onto another client: %v, want ErrClientExists", err)
	}
	// A new spelling of the same client is fine.
	if _, err := f.s.RenameClient(ctx, "jonas", "Jonas Weber"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.RenameClient(ctx, "Jonas Weber", "JONAS WEBER"); err != nil {
		t.Errorf("respelling: %v", err)
	}
	for _, bad := range []struct {
		from, to string
		err      error
	}{{"Nobody", "Somebody", ErrNotFound}, {"Jonas Weber", "  ", ErrEmpty}} {
		if _, err := f.s.RenameClient(ctx, bad.from, bad.to); !errors.Is(err, bad.err) {
			t.Errorf("rename %q → %q: %v, want %v", bad.from, bad.to, err, bad.err)
		}
	}

	// Undo puts every spelling back, except on a win changed since.
	edited := f.anna[0]
	if _, err := f.s.EditWin(ctx, edited.UUID, NewWin{Text: edited.Text, Client: "Anna S.", Amount: edited.Amount}); err != nil {
		t.Fatal(err)
	}
	if err := f.s.UndoClientChange(ctx, ch); err != nil {
		t.Fatal(err)
	}
	undone := snapshotWins(t, f.s)
	for _, w := range append(append([]Win{}, f.anna...), f.gone, f.annaM) {
		want := before[w.UUID].Client
		if w.UUID == edited.UUID {
			want = "Anna S."
		}
		if undone[w.UUID].Client != want {
			t.Errorf("after undo %q has %q, want %q", w.Text, undone[w.UUID].Client, want)
		}
	}
	if l, err := f.s.Ladder(ctx, "anna"); err != nil || len(l.Steps) != 3 || l.Client.Name != "Anna" {
		t.Errorf("Anna after undo: %+v, %v", l.Client, err)
	}
}

// snapshotWins returns every win, deleted ones too, by UUID.
func snapshotWins(t *testing.T, s *Store) map[string]Win {
	t.Helper()
	j, err := s.Journal(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Win{}
	for _, w := range j.Wins {
		out[w.UUID] = w
	}
	return out
}

func TestMergeClients(t *testing.T) {
	f := newClientFixture(t)
	ctx := context.Background()
	ch, err := f.s.MergeClients(ctx, "anna m.", "ANNA")
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Wins) != 1 || ch.Wins[0].UUID != f.annaM.UUID || ch.Wins[0].Before != "Anna M." || ch.Wins[0].After != "Anna" {
		t.Errorf("change %+v", ch)
	}
	l, err := f.s.Ladder(ctx, "Anna")
	if err != nil || len(l.Steps) != 5 || l.Client.Total != 1498000 {
		t.Fatalf("merged ladder %+v, %v", l.Client, err)
	}
	if _, err := f.s.Ladder(ctx, "Anna M."); !errors.Is(err, ErrNotFound) {
		t.Errorf("merged client still there: %v", err)
	}
	clients, _ := f.s.Clients(ctx)
	if len(clients) != 3 {
		t.Errorf("%d clients after the merge, want 3", len(clients))
	}
	if err := f.s.UndoClientChange(ctx, ch); err != nil {
		t.Fatal(err)
	}
	if l, err := f.s.Ladder(ctx, "Anna M."); err != nil || len(l.Steps) != 1 || l.Client.Name != "Anna M." {
		t.Errorf("after undo: %+v, %v", l.Client, err)
	}
	if l, err := f.s.Ladder(ctx, "Anna"); err != nil || len(l.Steps) != 4 {
		t.Errorf("Anna after undo: %+v, %v", l.Client, err)
	}
	for _, bad := range []struct {
		from, into string
		err        error
	}{{"Anna", "änna ", ErrSameClient}, {"Nobody", "Anna", ErrNotFound}, {"Anna", "Nobody", ErrNotFound}} {
		if _, err := f.s.MergeClients(ctx, bad.from, bad.into); !errors.Is(err, bad.err) {
			t.Errorf("merge %q into %q: %v, want %v", bad.from, bad.into, err, bad.err)
		}
	}
}

// expectedClients works out every client from the wins themselves, the
// slow and obvious way, for comparison with the derived tables.
func expectedClients(wins []Win) []Client {
	byKey := map[string][]Win{}
	for _, w := range wins {
		if w.DeletedAt == nil && ClientKey(w.Client) != "" {
			k := ClientKey(w.Client)
			byKey[k] = append(byKey[k], w)
		}
	}
	var out []Client
	for key, ws := range byKey {
		slices.SortFunc(ws, func(a, b Win) int {
			return cmp.Or(a.Day.t.Compare(b.Day.t), a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.UUID, b.UUID))
		})
		c := Client{Key: key, Name: ws[len(ws)-1].Client, FirstDay: ws[0].Day, LastDay: ws[len(ws)-1].Day, Wins: len(ws),
			lastAt: formatTS(ws[len(ws)-1].CreatedAt)}
		for _, w := range ws {
			if w.Amount != nil {
				c.Total += *w.Amount
				if c.FirstAmount == nil {
					c.FirstAmount = cp(*w.Amount)
				}
				c.LastAmount = cp(*w.Amount)
			}
		}
		c.derive()
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Client) int { return cmp.Compare(a.Key, b.Key) })
	return out
}

// checkDerivedClients compares the derived tables with the wins.
func checkDerivedClients(t *testing.T, s *Store, when string) {
	t.Helper()
	ctx := context.Background()
	j, err := s.Journal(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := expectedClients(j.Wins)
	got, err := s.Clients(ctx)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(got, func(a, b Client) int { return cmp.Compare(a.Key, b.Key) })
	if len(want) == 0 {
		want = []Client{}
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: derived clients\n got %s\nwant %s", when, jsonOf(t, got), jsonOf(t, want))
	}
	amounts := map[string]Cents{}
	for _, w := range j.Wins {
		if w.DeletedAt == nil && w.Amount != nil {
			amounts[w.Day.String()] += *w.Amount
		}
	}
	maps.DeleteFunc(amounts, func(_ string, c Cents) bool { return c == 0 })
	rows, err := s.db.Query(`SELECT day, amount_cents FROM day_amounts`)
	if err != nil {
		t.Fatal(err)
	}
	got2 := map[string]Cents{}
	for rows.Next() {
		var day string
		var c Cents
		if err := rows.Scan(&day, &c); err != nil {
			t.Fatal(err)
		}
		got2[day] = c
	}
	rows.Close()
	if !reflect.DeepEqual(got2, amounts) {
		t.Fatalf("%s: day amounts\n got %v\nwant %v", when, got2, amounts)
	}
	for _, c := range want {
		l, err := s.Ladder(ctx, c.Name)
		if err != nil {
			t.Fatalf("%s: ladder of %s: %v", when, c.Name, err)
		}
		if l.Client.Total != c.Total || l.Client.Wins != c.Wins || l.Client.Name != c.Name {
			t.Fatalf("%s: ladder of %s sums up as %+v, want %+v", when, c.Name, l.Client, c)
		}
	}
}

// TestDerivedClientsFollowEveryWrite runs a few hundred random writes (add
// on any past day, edit, delete, restore, rename, merge, undo, import) and
// checks after each that the derived client tables say what the wins say,
// and that a rebuild gives the same.
func TestDerivedClientsFollowEveryWrite(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(16, 4))
	spellings := []string{"Anna", "anna", "Änna ", "ANNA", "Anna M.", "Jonas", "Jönas", "Müller GmbH", "MÜLLER GMBH", "Zoë", "zoe", "Ωmega", "ωmega", "", ""}
	amounts := []*Cents{nil, nil, cp(6000), cp(80000), cp(500000), cp(900000), cp(0)}
	today := NewDay(2026, 11, 26)
	var live, deleted []string
	var changes []ClientChange
	pick := func(list []string) (string, int) {
		i := rng.IntN(len(list))
		return list[i], i
	}
	for step := 0; step < 300; step++ {
		clock.Set(clock.Now().Add(time.Minute))
		var op string
		switch r := rng.IntN(20); {
		case r < 8 || len(live) == 0:
			op = "add"
			day := today.AddDays(-rng.IntN(900))
			w, err := s.AddWin(ctx, day, NewWin{Text: fmt.Sprint("win ", step), Client: spellings[rng.IntN(len(spellings))], Amount: amounts[rng.IntN(len(amounts))]})
			if err != nil {
				t.Fatal(err)
			}
			live = append(live, w.UUID)
		case r < 11:
			op = "edit"
			uuid, _ := pick(live)
			if _, err := s.EditWin(ctx, uuid, NewWin{Text: fmt.Sprint("edited ", step), Client: spellings[rng.IntN(len(spellings))], Amount: amounts[rng.IntN(len(amounts))]}); err != nil {
				t.Fatal(err)
			}
		case r < 13:
			op = "delete"
			uuid, i := pick(live)
			if err := s.DeleteWin(ctx, uuid); err != nil {
				t.Fatal(err)
			}
			live = slices.Delete(live, i, i+1)
			deleted = append(deleted, uuid)
		case r < 14 && len(deleted) > 0:
			op = "restore"
			uuid, i := pick(deleted)
			if err := s.RestoreWin(ctx, uuid); err != nil {
				t.Fatal(err)
			}
			deleted = slices.Delete(deleted, i, i+1)
			live = append(live, uuid)
		case r < 16:
			op = "rename"
			ch, err := s.RenameClient(ctx, spellings[rng.IntN(len(spellings))], spellings[rng.IntN(len(spellings))])
			if err == nil {
				changes = append(changes, ch)
			} else if !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrClientExists) && !errors.Is(err, ErrEmpty) {
				t.Fatal(err)
			}
		case r < 18:
			op = "merge"
			ch, err := s.MergeClients(ctx, spellings[rng.IntN(len(spellings))], spellings[rng.IntN(len(spellings))])
			if err == nil {
				changes = append(changes, ch)
			} else if !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrSameClient) {
				t.Fatal(err)
			}
		case r < 19 && len(changes) > 0:
			op = "undo"
			if err := s.UndoClientChange(ctx, changes[len(changes)-1]); err != nil {
				t.Fatal(err)
			}
			changes = changes[:len(changes)-1]
		default:
			op = "import"
			// A newer version of some wins, as another device would send:
			// moved to another day and client, one deleted.
			j, err := s.Journal(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var sent []Win
			for i, n := range rng.Perm(len(j.Wins))[:min(3, len(j.Wins))] {
				w := j.Wins[n]
				w.Day = w.Day.AddDays(-rng.IntN(30))
				w.Client = spellings[rng.IntN(len(spellings))]
				w.UpdatedAt = clock.Now().Add(time.Duration(i+1) * time.Second).UTC()
				if i == 2 && w.DeletedAt == nil {
					d := w.UpdatedAt
					w.DeletedAt = &d
				}
				sent = append(sent, w)
			}
			j.Wins, j.Evenings, j.Mornings, j.Settings = sent, nil, nil, nil
			var buf bytes.Buffer
			if err := json.NewEncoder(&buf).Encode(j); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Import(ctx, &buf); err != nil {
				t.Fatal(err)
			}
			live, deleted = live[:0], deleted[:0]
			j, _ = s.Journal(ctx)
			for _, w := range j.Wins {
				if w.DeletedAt == nil {
					live = append(live, w.UUID)
				} else {
					deleted = append(deleted, w.UUID)
				}
			}
		}
		checkDerivedClients(t, s, fmt.Sprintf("step %d (%s)", step, op))
	}
	// The rebuild gives the same tables.
	var before []string
	tables := []string{"client_wins", "clients", "day_amounts"}
	for _, table := range tables {
		before = append(before, dumpTable(t, s, table))
	}
	if err := s.RebuildDerived(ctx); err != nil {
		t.Fatal(err)
	}
	for i, table := range tables {
		if got := dumpTable(t, s, table); got != before[i] {
			t.Errorf("%s after the rebuild:\n%s\nbefore:\n%s", table, got, before[i])
		}
	}
}

// dumpTable returns a table's rows, in key order, as text.
func dumpTable(t *testing.T, s *Store, table string) string {
	t.Helper()
	rows, err := s.db.Query(`SELECT * FROM ` + table + ` ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(&b, vals...)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestRebuildClientsRepairs: derived rows lost, changed or made up are put
// right by the rebuild, from the wins.
func TestRebuildClientsRepairs(t *testing.T) {
	f := newClientFixture(t)
	ctx := context.Background()
	want := dumpTable(t, f.s, "clients") + dumpTable(t, f.s, "client_wins") + dumpTable(t, f.s, "day_amounts")
	for _, damage := range []string{
		`UPDATE day_amounts SET amount_cents = 7`,
		`DELETE FROM client_wins WHERE key = 'anna'`,
		`UPDATE clients SET total_cents = 1, name = 'Wrong'`,
		`INSERT INTO clients VALUES ('ghost', 'Ghost', '2020-01-01', '2020-01-01', '', 1, 0, NULL, NULL)`,
	} {
		if _, err := f.s.db.Exec(damage); err != nil {
			t.Fatal(err)
		}
	}
	if got := dumpTable(t, f.s, "clients") + dumpTable(t, f.s, "client_wins") + dumpTable(t, f.s, "day_amounts"); got == want {
		t.Fatal("the damage did not change the tables")
	}
	if err := f.s.RebuildDerived(ctx); err != nil {
		t.Fatal(err)
	}
	if got := dumpTable(t, f.s, "clients") + dumpTable(t, f.s, "client_wins") + dumpTable(t, f.s, "day_amounts"); got != want {
		t.Errorf("after the rebuild:\n%s\nwant:\n%s", got, want)
	}
}

// TestClientsMigrationFillsFromExistingWins: a journal written before the
// client tables existed gets them filled from its wins when it opens.
func TestClientsMigrationFillsFromExistingWins(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	const beforeClients = 6 // 7: the clients
	for _, m := range migrations[:beforeClients] {
		if _, err := db.Exec(m); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec(fmt.Sprintf("PRAGMA user_version = %d; PRAGMA application_id = %d", beforeClients, ApplicationID)); err != nil {
		t.Fatal(err)
	}
	ins := `INSERT INTO wins (uuid, day, text, client, amount_cents, created_at, updated_at, zone, deleted_at) VALUES (?, ?, 'win', ?, ?, ?, ?, 'Europe/Berlin', ?)`
	at := "2026-01-01T10:00:00.000000000Z"
	for i, w := range []struct {
		day, client string
		amount      any
		deleted     any
	}{
		{"2025-01-10", "Änna", 6000, nil},
		{"2025-06-10", "anna", 80000, nil},
		{"2026-01-01", "ANNA ", 500000, nil}, // an old import kept the blank
		{"2026-01-02", "Jonas", nil, nil},
		{"2026-01-03", "Jonas", 1, at},
		{"2026-01-04", "", 5, nil},
	} {
		if _, err := db.Exec(ins, fmt.Sprintf("00000000-0000-4000-8000-%012d", i), w.day, w.client, w.amount, at, at, w.deleted); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkDerivedClients(t, s, "after the migration")
	l, err := s.Ladder(context.Background(), "anna")
	if err != nil || len(l.Steps) != 3 || l.Client.Climb != 83.33 {
		t.Errorf("migrated ladder %+v, %v", l.Client, err)
	}
}

func TestAddWinOnAnyPastDay(t *testing.T) {
	s, clock := openTestStore(t) // Thursday 26 November 2026, 14:00 in Berlin
	ctx := context.Background()
	today := NewDay(2026, 11, 26)
	tests := []struct {
		name       string
		day        Day
		addedLater bool
		err        error
	}{
		{"today", today, false, nil},
		{"zero day is today", Day{}, false, nil},
		{"yesterday", today.AddDays(-1), true, nil},
		{"a year ago", NewDay(2025, 11, 26), true, nil},
		{"1900", NewDay(1900, 1, 1), true, nil},
		{"tomorrow", today.AddDays(1), false, ErrFutureDay},
		{"next year", NewDay(2027, 1, 1), false, ErrFutureDay},
		{"before 1900", NewDay(1899, 12, 31), false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := s.AddWin(ctx, tt.day, NewWin{Text: "Nachgetragen: " + tt.name})
			if tt.name == "before 1900" {
				if err == nil {
					t.Fatal("a win before 1900 was taken")
				}
				return
			}
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if err != nil {
				return
			}
			if w.AddedLater != tt.addedLater {
				t.Errorf("AddWin says added later = %v", w.AddedLater)
			}
			wins, err := s.WinsOn(ctx, w.Day)
			if err != nil {
				t.Fatal(err)
			}
			for _, got := range wins {
				if got.UUID == w.UUID && got.AddedLater != tt.addedLater {
					t.Errorf("read back: added later = %v", got.AddedLater)
				}
			}
		})
	}
	if n, _ := s.WinCounts(ctx, today); n.Career != 5 {
		t.Errorf("career %d after the refused ones, want 5", n.Career)
	}

	// A win logged at 01:30 belongs to the evening before and was not added
	// later; one logged at 04:30 for the day before was.
	clock.Set(time.Date(2026, 11, 27, 1, 30, 0, 0, clock.Now().Location()))
	night, err := s.AddWin(ctx, Day{}, NewWin{Text: "Late call went well"})
	if err != nil || night.Day != today || night.AddedLater {
		t.Errorf("01:30 win: %v on %s, added later %v", err, night.Day, night.AddedLater)
	}
	clock.Set(time.Date(2026, 11, 27, 4, 30, 0, 0, clock.Now().Location()))
	morning, err := s.AddWin(ctx, today, NewWin{Text: "Forgot this one"})
	if err != nil || !morning.AddedLater {
		t.Errorf("04:30 win for the day before: %v, added later %v", err, morning.AddedLater)
	}
	got, _ := s.Win(ctx, night.UUID)
	if got.AddedLater {
		t.Error("01:30 win reads back as added later")
	}
	// The mark is in the JSON, and an import ignores it.
	if js := jsonOf(t, morning); !strings.Contains(js, `"added_later":true`) {
		t.Errorf("JSON %s", js)
	}
}

func TestPastDayWinEditNoteDeleteUndo(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	past := NewDay(2026, 3, 2)
	w, err := s.AddWin(ctx, past, NewWin{Text: "Sold the 60 € course", Client: "Lea", Amount: cp(6000)})
	if err != nil {
		t.Fatal(err)
	}
	counts := func() int {
		c, err := s.WinCounts(ctx, past)
		if err != nil {
			t.Fatal(err)
		}
		return c.Today
	}
	season := func() SeasonClients {
		sc, err := s.SeasonClients(ctx, 2026)
		if err != nil {
			t.Fatal(err)
		}
		return sc
	}
	if counts() != 1 || season().Amount != 6000 {
		t.Fatalf("after add: %d wins, %+v", counts(), season())
	}
	clock.Set(clock.Now().Add(time.Minute))
	edited, err := s.EditWin(ctx, w.UUID, NewWin{Text: "Sold the 800 € course", Client: "Lea", Amount: cp(80000), Note: "after the webinar"})
	if err != nil || edited.Day != past || edited.Text != "Sold the 800 € course" || edited.Note != "after the webinar" || !edited.AddedLater {
		t.Fatalf("edit: %+v, %v", edited, err)
	}
	if season().Amount != 80000 {
		t.Errorf("season amount after the edit: %+v", season())
	}

	// The note alone.
	clock.Set(clock.Now().Add(time.Minute))
	noted, err := s.EditWinNote(ctx, w.UUID, "  she asked for the coaching next  ")
	if err != nil {
		t.Fatal(err)
	}
	if noted.Note != "she asked for the coaching next" || noted.Text != edited.Text || *noted.Amount != 80000 || !noted.UpdatedAt.After(edited.UpdatedAt) {
		t.Errorf("note: %+v", noted)
	}
	if _, err := s.EditWinNote(ctx, w.UUID, strings.Repeat("n", MaxNote+1)); !errors.Is(err, ErrTooLong) {
		t.Errorf("long note: %v", err)
	}
	if _, err := s.EditWinNote(ctx, w.UUID, "bad\x00"); !errors.Is(err, ErrInvalidText) {
		t.Errorf("NUL in note: %v", err)
	}
	if _, err := s.EditWinNote(ctx, "no-such-win", "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown win: %v", err)
	}

	// Delete, and undo.
	if err := s.DeleteWin(ctx, w.UUID); err != nil {
		t.Fatal(err)
	}
	if counts() != 0 || season().Amount != 0 {
		t.Errorf("after delete: %d wins, %+v", counts(), season())
	}
	if _, err := s.Ladder(ctx, "Lea"); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted win still on a ladder: %v", err)
	}
	if _, err := s.EditWinNote(ctx, w.UUID, "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("note on a deleted win: %v", err)
	}
	if err := s.RestoreWin(ctx, w.UUID); err != nil {
		t.Fatal(err)
	}
	back, err := s.Win(ctx, w.UUID)
	if err != nil || back.Note != noted.Note || back.Text != noted.Text || back.DeletedAt != nil {
		t.Errorf("restored %+v, %v", back, err)
	}
	if counts() != 1 || season().Amount != 80000 {
		t.Errorf("after undo: %d wins, %+v", counts(), season())
	}
}

func TestCurrencySetting(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	set, err := s.Settings(ctx)
	if err != nil || set.Currency != EUR {
		t.Fatalf("default currency %q, %v", set.Currency, err)
	}
	for _, c := range Currencies {
		set.Currency = c
		if err := s.SaveSettings(ctx, set); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Settings(ctx); got.Currency != c {
			t.Errorf("saved %s, read %s", c, got.Currency)
		}
	}
	set.Currency = "JPY"
	if err := s.SaveSettings(ctx, set); err == nil {
		t.Error("JPY was saved")
	}
	if err := s.PutRawSetting(ctx, "currency", "Taler"); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Settings(ctx); err != nil || got.Currency != EUR {
		t.Errorf("a bad stored currency reads as %q, %v; want the default", got.Currency, err)
	}
	symbols := map[Currency]string{EUR: "€", USD: "$", GBP: "£", CHF: "CHF"}
	for c, want := range symbols {
		if c.Symbol() != want {
			t.Errorf("%s symbol %q", c, c.Symbol())
		}
	}
}

func TestExportsCarryCurrency(t *testing.T) {
	f := newClientFixture(t)
	ctx := context.Background()
	set, _ := f.s.Settings(ctx)
	set.Currency = GBP
	if err := f.s.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	var csvOut bytes.Buffer
	if err := f.s.ExportCSV(ctx, &csvOut); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&csvOut).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != "day,time,text,client,amount,note,currency" {
		t.Errorf("CSV header %s", got)
	}
	for _, r := range rows[1:] {
		if (r[4] == "") != (r[6] == "") || (r[6] != "" && r[6] != "GBP") {
			t.Errorf("row %q: amount %q with currency %q", r[2], r[4], r[6])
		}
	}
	var jsonOut bytes.Buffer
	if err := f.s.ExportJSON(ctx, &jsonOut); err != nil {
		t.Fatal(err)
	}
	var head struct {
		Currency string `json:"currency"`
		Wins     []map[string]any
	}
	if err := json.Unmarshal(jsonOut.Bytes(), &head); err != nil || head.Currency != "GBP" {
		t.Fatalf("JSON currency %q, %v", head.Currency, err)
	}
	if _, ok := head.Wins[0]["added_later"]; !ok {
		t.Errorf("JSON win without added_later: %v", head.Wins[0])
	}
	// The export reads back; a file in a currency Matchday does not know is
	// refused whole.
	other, _ := openTestStore(t)
	if _, err := other.Import(ctx, bytes.NewReader(jsonOut.Bytes())); err != nil {
		t.Fatalf("import the export: %v", err)
	}
	if got, _ := other.Settings(ctx); got.Currency != GBP {
		t.Errorf("imported currency %s", got.Currency)
	}
	checkDerivedClients(t, other, "after the import")
	bad := bytes.Replace(jsonOut.Bytes(), []byte(`"currency": "GBP"`), []byte(`"currency": "JPY"`), 1)
	if _, err := other.Import(ctx, bytes.NewReader(bad)); !errors.Is(err, ErrBadRecord) || !strings.Contains(err.Error(), "JPY") {
		t.Errorf("JPY file: %v", err)
	}
}

func TestImportCutInsideALiteralIsTruncated(t *testing.T) {
	s, _ := openTestStore(t)
	_, err := s.Import(context.Background(), strings.NewReader(`{"format":"matchday-journal","version":1,"wins":[{"added_later":fal`))
	var ie *ImportError
	if !errors.As(err, &ie) || ie.Code != "truncated" {
		t.Errorf("err = %v, want a truncated file", err)
	}
}

func TestMarkdownClientsSection(t *testing.T) {
	f := newClientFixture(t)
	ctx := context.Background()
	tests := []struct {
		name   string
		labels MarkdownLabels
		want   []string
	}{
		{"English", EnglishMarkdownLabels(), []string{
			"\n## Clients\n",
			"\n### Anna\n\n",
			"- 5 Mar 2024 · 60 € · Anna bought the starter course\n",
			"- 10 Sep 2024 · 800 € (×13.33) · Anna booked the course\n",
			"- 14 Feb 2025 · 5.000 € (×6.25) · Coaching package for Anna\n",
			"- 1 Jun 2026 · 9.000 € (×1.8) · Anna signed the year programme\n",
			"\n### Müller GmbH\n\n",
			"- 20 Nov 2026 · Call with Müller\n",
			"- 26 Nov 2026 · 1.500 € · Müller GmbH renewed\n",
		}},
		{"German", MarkdownLabels{Title: "Erfolgsjournal", Clients: "Kundschaft",
			Amount:   func(c Cents) string { return strings.TrimSuffix(c.String(), " €") + " £" },
			StepUp:   func(f float64) string { return "×" + strings.ReplaceAll(fmt.Sprint(f), ".", ",") },
			ShortDay: func(d Day) string { return d.Date(time.UTC).Format("02.01.2006") }}, []string{
			"\n## Kundschaft\n",
			"\n### Anna\n\n",
			"- 10.09.2024 · 800 £ (×13,33) · Anna booked the course\n",
			"- 14.02.2025 · 5.000 £ (×6,25) · Coaching package for Anna\n",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := f.s.ExportMarkdown(ctx, &buf, tt.labels); err != nil {
				t.Fatal(err)
			}
			md := buf.String()
			at := 0
			for _, w := range tt.want {
				i := strings.Index(md[at:], w)
				if i < 0 {
					t.Fatalf("markdown lacks %q after byte %d:\n%s", w, at, md)
				}
				at += i + len(w)
			}
			// One-off clients get no ladder.
			for _, oneOff := range []string{"### Jonas", "### Anna M."} {
				if strings.Contains(md, oneOff) {
					t.Errorf("a one-off client has a ladder: %s", oneOff)
				}
			}
		})
	}
}

// TestDemoLadders: the demo has clients who climb 60 → 800 → 5,000 →
// 9,000 over the seasons, many one-offs, names in the demo's language, and
// a few wins added later.
func TestDemoLadders(t *testing.T) {
	for _, tt := range []struct {
		lang, star string
		years      int
	}{{"en", "Anna Becker", 3}, {"de", "Anna Schmidt", 3}, {"de", "Anna Schmidt", 1}} {
		t.Run(fmt.Sprint(tt.lang, tt.years), func(t *testing.T) {
			s, _ := openTestStore(t)
			ctx := context.Background()
			if _, err := s.Demo(ctx, tt.years, tt.lang, 1); err != nil {
				t.Fatal(err)
			}
			checkDerivedClients(t, s, "demo")
			l, err := s.Ladder(ctx, tt.star)
			if err != nil {
				t.Fatal(err)
			}
			var amounts []Cents
			for _, st := range l.Steps {
				amounts = append(amounts, *st.Amount)
			}
			if want := []Cents{6000, 80000, 500000, 900000}; !slices.Equal(amounts, want) {
				t.Errorf("%s climbs %v, want %v", tt.star, amounts, want)
			}
			if l.Client.Climb != 150 || l.BiggestStepUp == nil || l.BiggestStepUp.Factor != 13.33 {
				t.Errorf("%s: climb %v, biggest step up %+v", tt.star, l.Client.Climb, l.BiggestStepUp)
			}
			if tt.years > 1 && l.Steps[len(l.Steps)-1].Day.Year() == l.Steps[0].Day.Year() {
				t.Errorf("%s climbs within one season: %s to %s", tt.star, l.Steps[0].Day, l.Steps[len(l.Steps)-1].Day)
			}
			clients, err := s.Clients(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var oneOffs, returning, climbing int
			for _, c := range clients {
				switch {
				case c.Wins == 1:
					oneOffs++
				case c.Returning:
					returning++
				}
				if c.Climb >= 10 {
					climbing++
				}
			}
			if oneOffs < 2*returning || returning < 3 || climbing < 2 {
				t.Errorf("%d one-offs, %d returning, %d climbing", oneOffs, returning, climbing)
			}
			j, _ := s.Journal(ctx)
			later := 0
			for _, w := range j.Wins {
				if w.AddedLater {
					later++
				}
			}
			if later == 0 || later > len(j.Wins)/20 {
				t.Errorf("%d of %d wins added later", later, len(j.Wins))
			}
		})
	}
}
