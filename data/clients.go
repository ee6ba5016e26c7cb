package data

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// A client is everyone whose name a win carries. "Anna", "anna " and
// "Änna" are one client: their key is the same (ClientKey). "Anna M." is
// another one until the user merges it.

// ErrClientExists is returned by RenameClient when the new name is already
// another client's; MergeClients is the way to join the two.
var ErrClientExists = errors.New("is already another client")

// ErrSameClient is returned by MergeClients for two names of one client.
var ErrSameClient = errors.New("is the same client")

// ClientKey returns the key under which a client's wins are kept together:
// the name trimmed, NFC, folded as search folds text (ASCII letters lowered,
// accents taken off): "Änna ", "ANNA" and "anna" have one key. The derived
// client tables fold with the same table in SQL (migration 5).
func ClientKey(name string) string {
	return Fold(strings.TrimSpace(norm.NFC.String(name)))
}

// Client is one client's record over all their wins (deleted wins left out).
type Client struct {
	Key string `json:"key"`
	// Name is the most recent spelling: the client of their latest win.
	Name     string `json:"name"`
	FirstDay Day    `json:"first_day"`
	LastDay  Day    `json:"last_day"`
	Wins     int    `json:"wins"`
	Total    Cents  `json:"total_cents"`
	// Returning: they came back, with a win on a later day than their first.
	Returning bool `json:"returning"`
	// FirstAmount and LastAmount are the amounts of their first and latest
	// wins that carry one; nil when none does.
	FirstAmount *Cents `json:"first_amount_cents"`
	LastAmount  *Cents `json:"last_amount_cents"`
	// Climb is LastAmount / FirstAmount, rounded to two decimals: how far
	// the client has come (60 → 9,000: 150). 0 without two amounts.
	Climb float64 `json:"climb"`

	lastAt string // when their latest win was logged, for sorting
}

func (c *Client) derive() {
	c.Returning = c.LastDay.After(c.FirstDay)
	c.Climb = 0
	if c.FirstAmount != nil && c.LastAmount != nil && *c.FirstAmount > 0 {
		c.Climb = factor(*c.FirstAmount, *c.LastAmount)
	}
}

// factor is to / from, rounded to two decimals (800 → 5,000: 6.25).
func factor(from, to Cents) float64 {
	return math.Round(float64(to)/float64(from)*100) / 100
}

// Clients returns every client, the most recent first (by their latest
// win). It reads the derived clients table: one row per client.
func (s *Store) Clients(ctx context.Context) ([]Client, error) {
	clients, err := queryClients(ctx, s.db, `ORDER BY last_day DESC, last_at DESC, key`)
	if err != nil {
		return nil, fmt.Errorf("data: clients: %w", err)
	}
	return clients, nil
}

// DefaultSuggestions is how many clients SuggestClients returns when asked
// for 0.
const DefaultSuggestions = 8

// SuggestClients returns the clients whose name, or a word of it, starts
// with prefix, case- and accent-insensitively ("an" and "än" find "Anna" and
// "Jo Ångström"), the most recent first, at most limit. An empty prefix
// suggests the most recent clients.
func (s *Store) SuggestClients(ctx context.Context, prefix string, limit int) ([]Client, error) {
	if limit <= 0 {
		limit = DefaultSuggestions
	}
	key := ClientKey(prefix)
	clients, err := queryClients(ctx, s.db, `WHERE ?1 = '' OR substr(key, 1, length(?1)) = ?1 OR instr(key, ' ' || ?1) > 0
		ORDER BY last_day DESC, last_at DESC, key LIMIT ?2`, key, limit)
	if err != nil {
		return nil, fmt.Errorf("data: suggest clients: %w", err)
	}
	return clients, nil
}

func queryClients(ctx context.Context, q queryer, where string, args ...any) ([]Client, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+clientColumns+`, last_at FROM clients `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	clients := []Client{}
	for rows.Next() {
		var (
			c               Client
			first, last     string
			firstAm, lastAm *int64
		)
		if err := rows.Scan(&c.Key, &c.Name, &first, &last, &c.Wins, &c.Total, &firstAm, &lastAm, &c.lastAt); err != nil {
			return nil, err
		}
		if c.FirstDay, err = ParseDay(first); err != nil {
			return nil, err
		}
		if c.LastDay, err = ParseDay(last); err != nil {
			return nil, err
		}
		c.FirstAmount, c.LastAmount = centsPtr(firstAm), centsPtr(lastAm)
		c.derive()
		clients = append(clients, c)
	}
	return clients, rows.Err()
}

func centsPtr(n *int64) *Cents {
	if n == nil {
		return nil
	}
	c := Cents(*n)
	return &c
}

// ClientOrder is how the Clients window sorts.
type ClientOrder int

// The orders of the Clients window.
const (
	ByLast  ClientOrder = iota // the most recent win first
	ByTotal                    // the largest total first
	ByClimb                    // the largest climb first
)

// SortClients sorts clients in place by order; ties go to the more recent
// client, then by key.
func SortClients(clients []Client, order ClientOrder) {
	slices.SortStableFunc(clients, func(a, b Client) int {
		var c int
		switch order {
		case ByTotal:
			c = cmp.Compare(b.Total, a.Total)
		case ByClimb:
			c = cmp.Compare(b.Climb, a.Climb)
		}
		if c != 0 {
			return c
		}
		if c = cmp.Or(b.LastDay.t.Compare(a.LastDay.t), cmp.Compare(b.lastAt, a.lastAt)); c != 0 {
			return c
		}
		return cmp.Compare(a.Key, b.Key)
	})
}

// FilterClients returns the clients whose name holds every word of query
// at the start of one of its words, case- and accent-insensitively ("mül
// gm" finds "Müller GmbH", "anna" finds "Anna M." but not "Hannah"), in
// their order. An empty query keeps them all.
func FilterClients(clients []Client, query string) []Client {
	words := strings.Fields(ClientKey(query))
	if len(words) == 0 {
		return clients
	}
	out := make([]Client, 0, len(clients))
next:
	for _, c := range clients {
		for _, w := range words {
			if !strings.HasPrefix(c.Key, w) && !strings.Contains(c.Key, " "+w) {
				continue next
			}
		}
		out = append(out, c)
	}
	return out
}

// Ladder is one client's wins in order, the steps of their ladder.
type Ladder struct {
	Client Client `json:"client"`
	Steps  []Step `json:"steps"`
	// BiggestStepUp is the largest step up, or nil when the amounts never
	// rose.
	BiggestStepUp *StepUp `json:"biggest_step_up"`
}

// Step is one win of a client's ladder.
type Step struct {
	UUID string `json:"uuid"`
	Day  Day    `json:"day"`
	Text string `json:"text"`
	Note string `json:"note"`
	// Client is the name as this win spells it.
	Client string `json:"client"`
	Amount *Cents `json:"amount_cents"`
	// Booking counts the client's wins: 1 for the first, 3 for "3rd time".
	Booking int `json:"booking"`
	// Previous is the amount of the client's latest earlier win that has
	// one; nil when none has.
	Previous *Cents `json:"previous_amount_cents"`
	// StepUp is Amount / Previous when the amount rose (800 → 5,000: 6.25),
	// else 0.
	StepUp float64 `json:"step_up"`
}

// StepUp is a client's amount rising from one win to a later one.
type StepUp struct {
	Key    string  `json:"key"`
	Client string  `json:"client"`
	UUID   string  `json:"uuid"` // the win that stepped up
	Day    Day     `json:"day"`
	From   Cents   `json:"from_cents"`
	To     Cents   `json:"to_cents"`
	Factor float64 `json:"factor"`
}

// bigger reports whether u is a bigger step up than v (nil is none): the
// larger factor, then the larger amount, then the earlier day.
func (u StepUp) bigger(v *StepUp) bool {
	switch {
	case v == nil:
		return true
	case u.Factor != v.Factor:
		return u.Factor > v.Factor
	case u.To != v.To:
		return u.To > v.To
	}
	return u.Day.Before(v.Day)
}

// Ladder returns the ladder of the client called name (any spelling of
// them), or ErrNotFound. It reads the client's index range and their wins'
// texts: a few hundred rows for the most loyal client.
func (s *Store) Ladder(ctx context.Context, name string) (Ladder, error) {
	ladders, err := queryLadders(ctx, s.db, `c.key = ?`, ClientKey(name))
	if err == nil && len(ladders) == 0 {
		err = ErrNotFound
	}
	if err != nil {
		return Ladder{}, fmt.Errorf("data: ladder of %s: %w", name, err)
	}
	return ladders[0], nil
}

// queryLadders reads the ladders of the clients that where (on client_wins
// c and clients k) selects, in the order of their keys.
func queryLadders(ctx context.Context, q queryer, where string, args ...any) ([]Ladder, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.key, c.uuid, c.day, w.text, w.note, w.client, c.amount_cents
		FROM client_wins c JOIN clients k ON k.key = c.key JOIN wins w ON w.uuid = c.uuid
		WHERE `+where+` ORDER BY c.key, c.day, c.at, c.uuid`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ladders []Ladder
	for rows.Next() {
		var st Step
		var key, day string
		var amount *int64
		if err := rows.Scan(&key, &st.UUID, &day, &st.Text, &st.Note, &st.Client, &amount); err != nil {
			return nil, err
		}
		if st.Day, err = parseDayBytes([]byte(day)); err != nil {
			return nil, err
		}
		st.Amount = centsPtr(amount)
		if n := len(ladders); n == 0 || ladders[n-1].Client.Key != key {
			ladders = append(ladders, Ladder{Client: Client{Key: key}})
		}
		l := &ladders[len(ladders)-1]
		l.Steps = append(l.Steps, st)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range ladders {
		ladders[i].build()
	}
	return ladders, nil
}

// build numbers the steps, finds the step-ups and sums the client up.
func (l *Ladder) build() {
	c := &l.Client
	c.FirstDay, c.LastDay = l.Steps[0].Day, l.Steps[len(l.Steps)-1].Day
	c.Name = l.Steps[len(l.Steps)-1].Client
	c.Wins = len(l.Steps)
	var prev *Cents
	for i := range l.Steps {
		st := &l.Steps[i]
		st.Booking = i + 1
		st.Previous = prev
		if st.Amount == nil {
			continue
		}
		c.Total += *st.Amount
		if c.FirstAmount == nil {
			c.FirstAmount = st.Amount
		}
		c.LastAmount = st.Amount
		if prev != nil && *prev > 0 && *st.Amount > *prev {
			st.StepUp = factor(*prev, *st.Amount)
			up := StepUp{Key: c.Key, UUID: st.UUID, Day: st.Day, From: *prev, To: *st.Amount, Factor: st.StepUp}
			if up.bigger(l.BiggestStepUp) {
				l.BiggestStepUp = &up
			}
		}
		prev = st.Amount
	}
	c.derive()
	if l.BiggestStepUp != nil {
		l.BiggestStepUp.Client = c.Name
	}
}

// SortLadders sorts ladders by their client's total, the largest first,
// then by name.
func SortLadders(ladders []Ladder) {
	slices.SortStableFunc(ladders, func(a, b Ladder) int {
		if c := cmp.Compare(b.Client.Total, a.Client.Total); c != 0 {
			return c
		}
		return cmp.Compare(a.Client.Key, b.Client.Key)
	})
}

// Booking is where a win stands among its client's wins: "Anna · 3rd time".
type Booking struct {
	UUID string `json:"uuid"` // the win's
	Key  string `json:"key"`
	// Client is the client's name (their most recent spelling).
	Client string `json:"client"`
	// Number counts the client's wins up to this one: 3 for the third.
	Number int `json:"booking"`
	// Returning: the client had a win on an earlier day.
	Returning bool   `json:"returning"`
	Amount    *Cents `json:"amount_cents"`
	// Previous is the amount of the client's latest earlier win that has
	// one, nil when none has: "800 → 5,000".
	Previous *Cents `json:"previous_amount_cents"`
}

// Bookings returns a Booking for each of the day's wins that has a client,
// in the order the wins were logged. The evening lists the returning
// clients first; the win list says "Anna · 3rd time". It costs one index
// range per win.
func (s *Store) Bookings(ctx context.Context, day Day) ([]Booking, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT c.uuid, c.key, k.name, c.amount_cents, k.first_day < c.day,
		(SELECT count(*) FROM client_wins p WHERE p.key = c.key AND (p.day, p.at, p.uuid) <= (c.day, c.at, c.uuid)),
		(SELECT p.amount_cents FROM client_wins p WHERE p.key = c.key AND (p.day, p.at, p.uuid) < (c.day, c.at, c.uuid)
			AND p.amount_cents IS NOT NULL ORDER BY p.day DESC, p.at DESC, p.uuid DESC LIMIT 1)
		FROM wins w JOIN client_wins c ON c.uuid = w.uuid JOIN clients k ON k.key = c.key
		WHERE w.day = ? AND w.deleted_at IS NULL ORDER BY c.at, c.uuid`, day.String())
	if err != nil {
		return nil, fmt.Errorf("data: bookings on %s: %w", day, err)
	}
	defer rows.Close()
	out := []Booking{}
	for rows.Next() {
		var b Booking
		var amount, prev *int64
		if err := rows.Scan(&b.UUID, &b.Key, &b.Client, &amount, &b.Returning, &b.Number, &prev); err != nil {
			return nil, fmt.Errorf("data: bookings on %s: %w", day, err)
		}
		b.Amount, b.Previous = centsPtr(amount), centsPtr(prev)
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("data: bookings on %s: %w", day, err)
	}
	return out, nil
}

// SeasonClients sums up a season's clients (calendar year).
type SeasonClients struct {
	// Amount is every amount logged in the season, with a client or not.
	Amount Cents `json:"amount_cents"`
	// Clients had a win in the season.
	Clients int `json:"clients"`
	// New had their first win ever in the season.
	New int `json:"new_clients"`
	// Returning had a win in the season on a later day than their first
	// ever (a client new in March who came back in June counts in both).
	Returning int `json:"returning_clients"`
	// BiggestStepUp is the largest step up of a win in the season (its
	// previous amount may be from an earlier season), or nil.
	BiggestStepUp *StepUp `json:"biggest_step_up"`
}

// SeasonClients sums up the clients of season year. It reads the season's
// wins only, so it costs the same in the thirtieth year as in the first.
func (s *Store) SeasonClients(ctx context.Context, year int) (SeasonClients, error) {
	sc, err := seasonClients(ctx, s.db, year)
	if err != nil {
		return SeasonClients{}, fmt.Errorf("data: clients of %d: %w", year, err)
	}
	return sc, nil
}

func seasonClients(ctx context.Context, q queryer, year int) (SeasonClients, error) {
	var sc SeasonClients
	from, to := NewDay(year, 1, 1).String(), NewDay(year, 12, 31).String()
	err := q.QueryRowContext(ctx, `SELECT
		coalesce((SELECT sum(amount_cents) FROM day_amounts WHERE day BETWEEN ?1 AND ?2), 0),
		count(*), coalesce(sum(first_day >= ?1), 0), coalesce(sum(last_here > first_day), 0)
		FROM (SELECT max(c.day) AS last_here, k.first_day FROM wins w JOIN client_wins c ON c.uuid = w.uuid
			JOIN clients k ON k.key = c.key
			WHERE w.day BETWEEN ?1 AND ?2 AND w.deleted_at IS NULL GROUP BY c.key)`, from, to).
		Scan(&sc.Amount, &sc.Clients, &sc.New, &sc.Returning)
	if err != nil {
		return sc, err
	}
	// The step-ups of the season's wins: each amount against the one
	// before it, within the season by lag(), for the first by one look
	// back. The biggest comes first; bigger() agrees with the order.
	rows, err := q.QueryContext(ctx, `WITH here AS (SELECT DISTINCT c.key FROM wins w JOIN client_wins c ON c.uuid = w.uuid
			WHERE w.day BETWEEN ?1 AND ?2 AND w.deleted_at IS NULL),
		steps AS (SELECT c.key, c.uuid, c.day, c.amount_cents AS amount,
			lag(c.amount_cents) OVER (PARTITION BY c.key ORDER BY c.day, c.at, c.uuid) AS prev
			FROM here JOIN client_wins c ON c.key = here.key
			WHERE c.day BETWEEN ?1 AND ?2 AND c.amount_cents IS NOT NULL),
		ups AS (SELECT key, uuid, day, amount, coalesce(prev, (SELECT p.amount_cents FROM client_wins p
			WHERE p.key = steps.key AND p.day < ?1 AND p.amount_cents IS NOT NULL
			ORDER BY p.day DESC, p.at DESC, p.uuid DESC LIMIT 1)) AS prev FROM steps)
		SELECT ups.uuid, ups.key, k.name, ups.day, ups.amount, ups.prev FROM ups JOIN clients k ON k.key = ups.key
		WHERE ups.prev > 0 AND ups.amount > ups.prev
		ORDER BY round(ups.amount * 1.0 / ups.prev, 2) DESC, ups.amount DESC, ups.day LIMIT 1`, from, to)
	if err != nil {
		return sc, err
	}
	defer rows.Close()
	for rows.Next() {
		var up StepUp
		var day string
		if err := rows.Scan(&up.UUID, &up.Key, &up.Client, &day, &up.To, &up.From); err != nil {
			return sc, err
		}
		if up.Day, err = ParseDay(day); err != nil {
			return sc, err
		}
		up.Factor = factor(up.From, up.To)
		if up.bigger(sc.BiggestStepUp) {
			sc.BiggestStepUp = &up
		}
	}
	return sc, rows.Err()
}

// ClientChange is what a rename or a merge changed, for UndoClientChange.
type ClientChange struct {
	// Wins are the wins whose client was changed, deleted ones included (so
	// a win restored later belongs to the right client).
	Wins []ClientWinChange `json:"wins"`
}

// ClientWinChange is one win's client before and after a change.
type ClientWinChange struct {
	UUID   string `json:"uuid"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// RenameClient gives every win of the client called name (any spelling)
// the new name, deleted wins included, and returns what it changed for
// UndoClientChange. A new name that is only a new spelling ("anna" →
// "Anna") is fine; one that is another client's fails with
// ErrClientExists (MergeClients joins two clients). Each changed win gets a
// new updated_at, so an export and a sync carry the change.
func (s *Store) RenameClient(ctx context.Context, name, newName string) (ClientChange, error) {
	newName, err := CleanText("client", newName, MaxClient)
	if err != nil {
		return ClientChange{}, err
	}
	var ch ClientChange
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		from, to := ClientKey(name), ClientKey(newName)
		if from != to {
			if _, err := clientName(ctx, tx, to); err == nil {
				return fmt.Errorf("%q %w", newName, ErrClientExists)
			} else if !isNotFound(err) {
				return err
			}
		}
		ch, err = s.reassignClient(ctx, tx, from, newName)
		return err
	})
	if err != nil {
		return ClientChange{}, fmt.Errorf("data: rename client %s: %w", name, err)
	}
	return ch, nil
}

// MergeClients makes the client called from one with the client called
// into: every win of from (deleted ones included) gets into's name (its most
// recent spelling). It returns what it changed for UndoClientChange.
func (s *Store) MergeClients(ctx context.Context, from, into string) (ClientChange, error) {
	var ch ClientChange
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		fromKey, intoKey := ClientKey(from), ClientKey(into)
		if fromKey == intoKey {
			return fmt.Errorf("%q and %q %w", from, into, ErrSameClient)
		}
		if _, err := clientName(ctx, tx, fromKey); err != nil {
			return err
		}
		name, err := clientName(ctx, tx, intoKey)
		if err != nil {
			return err
		}
		ch, err = s.reassignClient(ctx, tx, fromKey, name)
		return err
	})
	if err != nil {
		return ClientChange{}, fmt.Errorf("data: merge client %s into %s: %w", from, into, err)
	}
	return ch, nil
}

// clientName returns the name of the client with key, or ErrNotFound.
func clientName(ctx context.Context, q queryer, key string) (string, error) {
	var name string
	err := q.QueryRowContext(ctx, `SELECT name FROM clients WHERE key = ?`, key).Scan(&name)
	if err == sql.ErrNoRows {
		return "", ErrNotFound
	}
	return name, err
}

// reassignClient sets the client of every win with key (live ones from the
// derived index, deleted ones by folding their names) to name.
func (s *Store) reassignClient(ctx context.Context, tx *sql.Tx, key, name string) (ClientChange, error) {
	var ch ClientChange
	collect := func(query string, args ...any) error {
		rows, err := tx.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c ClientWinChange
			if err := rows.Scan(&c.UUID, &c.Before); err != nil {
				return err
			}
			if ClientKey(c.Before) == key && c.Before != name {
				c.After = name
				ch.Wins = append(ch.Wins, c)
			}
		}
		return rows.Err()
	}
	if err := collect(`SELECT c.uuid, w.client FROM client_wins c JOIN wins w ON w.uuid = c.uuid WHERE c.key = ?`, key); err != nil {
		return ch, err
	}
	if err := collect(`SELECT uuid, client FROM wins WHERE deleted_at IS NOT NULL AND client <> ''`); err != nil {
		return ch, err
	}
	if len(ch.Wins) == 0 {
		if _, err := clientName(ctx, tx, key); err != nil {
			return ch, err // no such client; one spelled as asked already is fine
		}
	}
	return ch, setClients(ctx, tx, ch.Wins, false, formatTS(s.now()))
}

// setClients writes each change's After (or, undoing, its Before) to its
// win, where the win still holds the other one.
func setClients(ctx context.Context, tx *sql.Tx, changes []ClientWinChange, undo bool, now string) error {
	stmt, err := tx.PrepareContext(ctx, `UPDATE wins SET client = ?, updated_at = ? WHERE uuid = ? AND client = ?`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, c := range changes {
		to, from := c.After, c.Before
		if undo {
			to, from = from, to
		}
		if _, err := stmt.ExecContext(ctx, to, now, c.UUID, from); err != nil {
			return err
		}
	}
	return nil
}

// UndoClientChange puts back the names a rename or merge replaced. A win
// whose client was changed again since keeps its newer name.
func (s *Store) UndoClientChange(ctx context.Context, ch ClientChange) error {
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		return setClients(ctx, tx, ch.Wins, true, formatTS(s.now()))
	})
	if err != nil {
		return fmt.Errorf("data: undo client change: %w", err)
	}
	return nil
}
