package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Win is one thing that went right: a sale, a client who came back, a good
// session. Deleting a win leaves a tombstone (DeletedAt), so an undo, an
// export and a later sync all see it.
type Win struct {
	UUID      string     `json:"uuid"`
	Day       Day        `json:"day"`
	Text      string     `json:"text"`
	Note      string     `json:"note"`
	Client    string     `json:"client"`
	Amount    *Cents     `json:"amount_cents"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
	Zone      string     `json:"zone"`
	DeletedAt *time.Time `json:"deleted_at"`
	// AddedLater is derived, never stored: the win was logged on a later
	// day than the one it belongs to (DayOf its created_at, on the wall
	// clock of its zone, is after Day). The app marks it, as it marks
	// made-up evenings. An import ignores it.
	AddedLater bool `json:"added_later"`
}

// NewWin is what the user types for a win; only Text is required.
type NewWin struct {
	Text   string
	Note   string
	Client string
	Amount *Cents
}

func (w NewWin) clean() (NewWin, error) {
	var err error
	if w.Text, err = CleanText("win", w.Text, MaxWin); err != nil {
		return w, err
	}
	if w.Note, err = cleanOptional("note", w.Note, MaxNote); err != nil {
		return w, err
	}
	if w.Client, err = cleanOptional("client", w.Client, MaxClient); err != nil {
		return w, err
	}
	if w.Amount != nil && (*w.Amount < 0 || *w.Amount > MaxAmount) {
		return w, fmt.Errorf("data: amount %d: %w", *w.Amount, ErrBadAmount)
	}
	return w, nil
}

// AddWin logs a win on day, or today when day is zero, and returns it as
// stored. It returns only after the commit. A past day takes a win as
// today does (it is marked AddedLater); a day after today is refused with
// ErrFutureDay, one before FirstDay with ErrDayOutOfRange.
func (s *Store) AddWin(ctx context.Context, day Day, in NewWin) (Win, error) {
	in, err := in.clean()
	if err != nil {
		return Win{}, err
	}
	now := s.now()
	w := Win{
		UUID: newUUID(), Day: day, Text: in.Text, Note: in.Note, Client: in.Client,
		Amount: in.Amount, CreatedAt: now.UTC(), UpdatedAt: now.UTC(), Zone: zoneName(now),
	}
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		h, err := s.dayStartHour(ctx, tx)
		if err != nil {
			return err
		}
		today := DayOf(now, h)
		if w.Day.IsZero() {
			w.Day = today
		}
		if err := checkWriteDay(w.Day, today); err != nil {
			return err
		}
		w.AddedLater = today.After(w.Day)
		return insertWin(ctx, tx, w)
	})
	if err != nil {
		return Win{}, fmt.Errorf("data: add win: %w", err)
	}
	return w, nil
}

func insertWin(ctx context.Context, q queryer, w Win) error {
	_, err := q.ExecContext(ctx, `INSERT INTO wins
		(uuid, day, text, note, client, amount_cents, created_at, updated_at, zone, deleted_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		w.UUID, w.Day.String(), w.Text, w.Note, w.Client, w.Amount,
		formatTS(w.CreatedAt), formatTS(w.UpdatedAt), w.Zone, formatTSPtr(w.DeletedAt))
	return err
}

// EditWin replaces a win's text, note, client and amount; its day stays.
func (s *Store) EditWin(ctx context.Context, uuid string, in NewWin) (Win, error) {
	in, err := in.clean()
	if err != nil {
		return Win{}, err
	}
	var w Win
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE wins SET text = ?, note = ?, client = ?, amount_cents = ?, updated_at = ?
			WHERE uuid = ? AND deleted_at IS NULL`,
			in.Text, in.Note, in.Client, in.Amount, formatTS(s.now()), uuid)
		if err := expectOne(res, err); err != nil {
			return err
		}
		w, err = winByUUID(ctx, tx, uuid)
		return err
	})
	if err != nil {
		return Win{}, fmt.Errorf("data: edit win: %w", err)
	}
	return w, nil
}

// EditWinNote replaces only a win's note (empty removes it); its text,
// client and amount stay as they are, even if another window changed them
// meanwhile.
func (s *Store) EditWinNote(ctx context.Context, uuid, note string) (Win, error) {
	note, err := cleanOptional("note", note, MaxNote)
	if err != nil {
		return Win{}, err
	}
	var w Win
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE wins SET note = ?, updated_at = ? WHERE uuid = ? AND deleted_at IS NULL`,
			note, formatTS(s.now()), uuid)
		if err := expectOne(res, err); err != nil {
			return err
		}
		w, err = winByUUID(ctx, tx, uuid)
		return err
	})
	if err != nil {
		return Win{}, fmt.Errorf("data: edit note: %w", err)
	}
	return w, nil
}

// DeleteWin marks a win deleted; RestoreWin undoes it.
func (s *Store) DeleteWin(ctx context.Context, uuid string) error {
	now := formatTS(s.now())
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE wins SET deleted_at = ?, updated_at = ? WHERE uuid = ? AND deleted_at IS NULL`, now, now, uuid)
		return expectOne(res, err)
	})
	if err != nil {
		return fmt.Errorf("data: delete win: %w", err)
	}
	return nil
}

// RestoreWin brings back a deleted win exactly as it was.
func (s *Store) RestoreWin(ctx context.Context, uuid string) error {
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE wins SET deleted_at = NULL, updated_at = ? WHERE uuid = ? AND deleted_at IS NOT NULL`, formatTS(s.now()), uuid)
		return expectOne(res, err)
	})
	if err != nil {
		return fmt.Errorf("data: restore win: %w", err)
	}
	return nil
}

// Win returns the win with the given UUID, deleted or not.
func (s *Store) Win(ctx context.Context, uuid string) (Win, error) {
	w, err := winByUUID(ctx, s.db, uuid)
	if err != nil {
		return Win{}, fmt.Errorf("data: win %s: %w", uuid, err)
	}
	return w, nil
}

// WinsOn returns the day's wins, newest first, without deleted ones.
func (s *Store) WinsOn(ctx context.Context, day Day) ([]Win, error) {
	wins, err := queryWins(ctx, s.db, `WHERE day = ? AND deleted_at IS NULL ORDER BY created_at DESC`, day.String())
	if err != nil {
		return nil, fmt.Errorf("data: wins on %s: %w", day, err)
	}
	return wins, nil
}

// upsertWinSQL writes every column of a win, by its UUID.
const upsertWinSQL = `INSERT INTO wins (` + winColumns + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (uuid) DO UPDATE SET day = excluded.day, text = excluded.text, note = excluded.note,
		client = excluded.client, amount_cents = excluded.amount_cents, created_at = excluded.created_at,
		updated_at = excluded.updated_at, zone = excluded.zone, deleted_at = excluded.deleted_at`

func winArgs(w Win) []any {
	return []any{w.UUID, w.Day.String(), w.Text, w.Note, w.Client, w.Amount,
		formatTS(w.CreatedAt), formatTS(w.UpdatedAt), w.Zone, formatTSPtr(w.DeletedAt)}
}

const winColumns = `uuid, day, text, note, client, amount_cents, created_at, updated_at, zone, deleted_at`

func winByUUID(ctx context.Context, q queryer, uuid string) (Win, error) {
	wins, err := queryWins(ctx, q, `WHERE uuid = ?`, uuid)
	if err != nil {
		return Win{}, err
	}
	if len(wins) == 0 {
		return Win{}, ErrNotFound
	}
	return wins[0], nil
}

// addedLater reports whether w was logged on a later day than its own:
// DayOf its created_at on the wall clock of its zone is after w.Day. Most
// wins are clear from UTC alone (every zone is within 14 hours of it), so
// the zone is looked up only for those near midnight.
func addedLater(w Win, h int, zones zoneCache) bool {
	next := w.Day.AddDays(1).t
	shifted := w.CreatedAt.Add(-time.Duration(h) * time.Hour) // DayOf's day is the date of this, on the wall clock
	switch {
	case shifted.Add(14 * time.Hour).Before(next):
		return false
	case !shifted.Add(-14 * time.Hour).Before(next):
		return true
	}
	return DayOf(zones.local(w), h).After(w.Day)
}

// queryWins reads wins, with AddedLater worked out by the day start hour in
// the settings.
func queryWins(ctx context.Context, q queryer, where string, args ...any) ([]Win, error) {
	h, err := dayStartHourIn(ctx, q)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT `+winColumns+` FROM wins `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var wins []Win
	zones := zoneCache{}
	for rows.Next() {
		w, err := scanWin(rows)
		if err != nil {
			return nil, err
		}
		w.AddedLater = addedLater(w, h, zones)
		wins = append(wins, w)
	}
	return wins, rows.Err()
}

func scanWin(rows *sql.Rows) (Win, error) {
	var (
		w                 Win
		day, created, upd string
		deleted           *string
		amount            *int64
	)
	if err := rows.Scan(&w.UUID, &day, &w.Text, &w.Note, &w.Client, &amount, &created, &upd, &w.Zone, &deleted); err != nil {
		return w, err
	}
	var err error
	if w.Day, err = ParseDay(day); err != nil {
		return w, err
	}
	if amount != nil {
		c := Cents(*amount)
		w.Amount = &c
	}
	if w.CreatedAt, err = parseTS(created); err != nil {
		return w, err
	}
	if w.UpdatedAt, err = parseTS(upd); err != nil {
		return w, err
	}
	w.DeletedAt, err = parseTSPtr(deleted)
	return w, err
}

// Counts are the win counter's numbers for one day.
type Counts struct {
	Today  int `json:"today"`
	Week   int `json:"week"`
	Season int `json:"season"`
	Career int `json:"career"`
}

// WinCounts counts the wins of day, of its week (Monday to Sunday), of its
// season (calendar year) and of all time, from the per-day counts and the
// career total the triggers keep (at most a year of small rows and one
// more, however long the history).
func (s *Store) WinCounts(ctx context.Context, day Day) (Counts, error) {
	var c Counts
	err := s.db.QueryRowContext(ctx, `SELECT
		coalesce((SELECT wins FROM day_wins WHERE day = ?1), 0),
		coalesce((SELECT sum(wins) FROM day_wins WHERE day >= ?2 AND day <= ?1), 0),
		coalesce((SELECT sum(wins) FROM day_wins WHERE day >= ?3 AND day <= ?1), 0),
		coalesce((SELECT wins FROM win_total WHERE id = 1), 0)`,
		day.String(), day.WeekStart().String(), day.SeasonStart().String()).
		Scan(&c.Today, &c.Week, &c.Season, &c.Career)
	if err != nil {
		return c, fmt.Errorf("data: count wins: %w", err)
	}
	return c, nil
}

// expectOne turns "no row changed" into ErrNotFound.
func expectOne(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// isNotFound reports whether err is, or wraps, sql.ErrNoRows or ErrNotFound.
func isNotFound(err error) bool {
	return errors.Is(err, sql.ErrNoRows) || errors.Is(err, ErrNotFound)
}
