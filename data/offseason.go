package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// OffSeason is a range of days (a holiday, an illness, a break) during which
// no streak counts or breaks and no reminder fires, like rest weekdays. Wins
// logged in it still count as wins. From and To are inclusive. Removing a
// range leaves a tombstone (DeletedAt), so an export and a sync see it.
type OffSeason struct {
	UUID      string     `json:"uuid"`
	From      Day        `json:"from"`
	To        Day        `json:"to"`
	Note      string     `json:"note"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
	DeletedAt *time.Time `json:"deleted_at"`
}

// Contains reports whether d lies in the range.
func (o OffSeason) Contains(d Day) bool { return !d.Before(o.From) && !d.After(o.To) }

// Days returns how many days the range holds.
func (o OffSeason) Days() int { return o.To.DaysSince(o.From) + 1 }

// Why AddOffSeason refuses a range.
var (
	ErrOffSeasonInverted = errors.New("ends before it starts")
	ErrOffSeasonOverlap  = errors.New("overlaps another off-season")
)

// OverlapError is AddOffSeason refusing a range that overlaps With, a range
// already in the journal. It wraps ErrOffSeasonOverlap.
type OverlapError struct {
	From, To Day
	With     OffSeason
}

func (e *OverlapError) Error() string {
	return fmt.Sprintf("the off-season %s to %s overlaps the one from %s to %s", e.From, e.To, e.With.From, e.With.To)
}

func (e *OverlapError) Unwrap() error { return ErrOffSeasonOverlap }

// checkRange refuses a range that ends before it starts or lies outside the
// days the journal can show.
func checkRange(from, to Day) error {
	if err := checkDay(from); err != nil {
		return fmt.Errorf("from: %w", err)
	}
	if err := checkDay(to); err != nil {
		return fmt.Errorf("to: %w", err)
	}
	if to.Before(from) {
		return fmt.Errorf("the off-season %s to %s %w", from, to, ErrOffSeasonInverted)
	}
	return nil
}

// AddOffSeason adds the off-season from..to (inclusive) with an optional
// note. It may lie in the past (a week of illness found later) or in the
// future (a planned holiday). A range that ends before it starts is refused
// with ErrOffSeasonInverted, one that overlaps a range already there with an
// *OverlapError.
func (s *Store) AddOffSeason(ctx context.Context, from, to Day, note string) (OffSeason, error) {
	if err := checkRange(from, to); err != nil {
		return OffSeason{}, fmt.Errorf("data: add off-season: %w", err)
	}
	note, err := cleanMergeable("note", note, MaxNote)
	if err != nil {
		return OffSeason{}, err
	}
	now := s.now().UTC()
	o := OffSeason{UUID: newUUID(), From: from, To: to, Note: note, CreatedAt: now, UpdatedAt: now}
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		other, err := queryOffSeasons(ctx, tx, `WHERE deleted_at IS NULL AND from_day <= ? AND to_day >= ? ORDER BY from_day LIMIT 1`,
			to.String(), from.String())
		if err != nil {
			return err
		}
		if len(other) > 0 {
			return &OverlapError{From: from, To: to, With: other[0]}
		}
		return upsertOffSeason(ctx, tx, o)
	})
	if err != nil {
		return OffSeason{}, fmt.Errorf("data: add off-season: %w", err)
	}
	return o, nil
}

// OffSeasons returns the off-season ranges, oldest first, without removed
// ones.
func (s *Store) OffSeasons(ctx context.Context) ([]OffSeason, error) {
	out, err := queryOffSeasons(ctx, s.db, `WHERE deleted_at IS NULL ORDER BY from_day`)
	if err != nil {
		return nil, fmt.Errorf("data: off-seasons: %w", err)
	}
	if out == nil {
		out = []OffSeason{}
	}
	return out, nil
}

// OffSeasonOn returns the off-season range that holds day, or ErrNotFound.
func (s *Store) OffSeasonOn(ctx context.Context, day Day) (OffSeason, error) {
	out, err := queryOffSeasons(ctx, s.db, `WHERE deleted_at IS NULL AND from_day <= ?1 AND to_day >= ?1 ORDER BY from_day LIMIT 1`, day.String())
	if err != nil {
		return OffSeason{}, fmt.Errorf("data: off-season on %s: %w", day, err)
	}
	if len(out) == 0 {
		return OffSeason{}, fmt.Errorf("data: off-season on %s: %w", day, ErrNotFound)
	}
	return out[0], nil
}

// RemoveOffSeason removes the off-season that starts on from, leaving a
// tombstone, and returns it; ErrNotFound when no range starts that day.
func (s *Store) RemoveOffSeason(ctx context.Context, from Day) (OffSeason, error) {
	var o OffSeason
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		found, err := queryOffSeasons(ctx, tx, `WHERE deleted_at IS NULL AND from_day = ?`, from.String())
		if err != nil {
			return err
		}
		if len(found) == 0 {
			return ErrNotFound
		}
		o = found[0]
		now := s.now().UTC()
		o.UpdatedAt, o.DeletedAt = now, &now
		return upsertOffSeason(ctx, tx, o)
	})
	if err != nil {
		return OffSeason{}, fmt.Errorf("data: remove the off-season from %s: %w", from, err)
	}
	return o, nil
}

// Calendar returns the rest weekdays and the off-season ranges: the days
// that streaks skip and reminders keep quiet on.
func (s *Store) Calendar(ctx context.Context) (Calendar, error) {
	set, err := s.Settings(ctx)
	if err != nil {
		return Calendar{}, err
	}
	off, err := s.OffSeasons(ctx)
	if err != nil {
		return Calendar{}, err
	}
	return NewCalendar(set.RestDays, off), nil
}

const offSeasonColumns = `uuid, from_day, to_day, note, created_at, updated_at, deleted_at`

// upsertOffSeasonSQL writes every column of an off-season, by its UUID.
const upsertOffSeasonSQL = `INSERT INTO off_seasons (` + offSeasonColumns + `) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (uuid) DO UPDATE SET from_day = excluded.from_day, to_day = excluded.to_day, note = excluded.note,
			created_at = excluded.created_at, updated_at = excluded.updated_at, deleted_at = excluded.deleted_at`

func offSeasonArgs(o OffSeason) []any {
	return []any{o.UUID, o.From.String(), o.To.String(), o.Note, formatTS(o.CreatedAt), formatTS(o.UpdatedAt), formatTSPtr(o.DeletedAt)}
}

func upsertOffSeason(ctx context.Context, q queryer, o OffSeason) error {
	_, err := q.ExecContext(ctx, upsertOffSeasonSQL, offSeasonArgs(o)...)
	return err
}

// combineOffSeasons is combineEvenings for two ranges starting on one day:
// older's note after newer's, and the later end of the two.
func combineOffSeasons(newer, older OffSeason) OffSeason {
	c := newer
	c.Note = MergeTexts(newer.Note, older.Note)
	if older.To.After(c.To) {
		c.To = older.To
	}
	return c
}

func queryOffSeasons(ctx context.Context, q queryer, where string, args ...any) ([]OffSeason, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+offSeasonColumns+` FROM off_seasons `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []OffSeason
	for rows.Next() {
		var (
			o                     OffSeason
			from, to, created, up string
			deleted               *string
		)
		if err := rows.Scan(&o.UUID, &from, &to, &o.Note, &created, &up, &deleted); err != nil {
			return nil, err
		}
		if o.From, err = ParseDay(from); err != nil {
			return nil, err
		}
		if o.To, err = ParseDay(to); err != nil {
			return nil, err
		}
		if o.CreatedAt, err = parseTS(created); err != nil {
			return nil, err
		}
		if o.UpdatedAt, err = parseTS(up); err != nil {
			return nil, err
		}
		if o.DeletedAt, err = parseTSPtr(deleted); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
