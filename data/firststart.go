package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// The local_state keys of a journal's start on this machine: when its first
// run was confirmed, and the logical day that was (computed once, then, like
// every record's day).
const (
	startedAtKey  = "journal.started_at"
	startedDayKey = "journal.started_day"
)

// IsNew reports whether the journal waits for its first run: nothing was
// ever written to it (no win, evening, morning, review or off-season, not
// even a deleted one), no setting was ever saved, and no first run was
// confirmed on this machine. A journal that has any of them, an old one
// included, is past its first run.
func (s *Store) IsNew(ctx context.Context) (bool, error) {
	var used bool
	err := s.db.QueryRowContext(ctx, `SELECT
		EXISTS (SELECT 1 FROM settings) OR
		EXISTS (SELECT 1 FROM wins) OR
		EXISTS (SELECT 1 FROM evenings) OR
		EXISTS (SELECT 1 FROM mornings) OR
		EXISTS (SELECT 1 FROM reviews) OR
		EXISTS (SELECT 1 FROM off_seasons) OR
		EXISTS (SELECT 1 FROM local_state WHERE key = ?)`, startedAtKey).Scan(&used)
	if err != nil {
		return false, fmt.Errorf("data: is the journal new: %w", err)
	}
	return !used, nil
}

// StartJournal ends the journal's first run: it saves set (the reminder
// times and "start at login" the user confirmed, through the one path every
// settings save takes) and records in this machine's local state when the
// journal started, in one transaction. The start is local state, not a
// setting, because it is this machine's: a reminder is not sent for a time
// before it (the agent on this machine), and "start at login" is this
// machine's login entry; a synced journal arrives elsewhere with records,
// which end the first run there.
func (s *Store) StartJournal(ctx context.Context, set Settings) error {
	if err := set.Validate(); err != nil {
		return err
	}
	now := s.now()
	day := DayOf(now, set.DayStartHour)
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if err := saveSettings(ctx, tx, set, formatTS(now)); err != nil {
			return err
		}
		for k, v := range map[string]string{startedAtKey: formatTS(now), startedDayKey: day.String()} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO local_state (key, value, updated_at) VALUES (?, ?, ?)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
				k, v, formatTS(now)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("data: start the journal: %w", err)
	}
	return nil
}

// StartedAt returns when the journal's first run was confirmed on this
// machine; ErrNotFound for a journal started before first runs were
// recorded, or not started yet.
func (s *Store) StartedAt(ctx context.Context) (time.Time, error) {
	v, err := s.State(ctx, startedAtKey)
	if err != nil {
		return time.Time{}, err
	}
	if v == "" {
		return time.Time{}, fmt.Errorf("data: journal start: %w", ErrNotFound)
	}
	t, err := parseTS(v)
	if err != nil {
		return time.Time{}, fmt.Errorf("data: journal start: %w", err)
	}
	return t, nil
}

// JournalStart returns the journal's first day: the earliest day any live
// win, evening or morning is for (a day written in later counts), or the
// day its first run was confirmed, whichever comes first. There is nothing
// to make up before it. ErrNotFound when the journal holds no record and
// no start was recorded (an old, empty journal): its first day is unknown.
func (s *Store) JournalStart(ctx context.Context) (Day, error) {
	var first sql.NullString
	// Each min() reads one end of a day index, so this costs the same on
	// thirty years as on one.
	err := s.db.QueryRowContext(ctx, `SELECT min(d) FROM (
		SELECT min(day) AS d FROM wins WHERE deleted_at IS NULL
		UNION ALL SELECT min(day) FROM evenings WHERE deleted_at IS NULL
		UNION ALL SELECT min(day) FROM mornings WHERE deleted_at IS NULL
		UNION ALL SELECT value FROM local_state WHERE key = ?)`, startedDayKey).Scan(&first)
	if err != nil {
		return Day{}, fmt.Errorf("data: journal start: %w", err)
	}
	if !first.Valid || first.String == "" {
		return Day{}, fmt.Errorf("data: journal start: %w", ErrNotFound)
	}
	d, err := ParseDay(first.String)
	if err != nil {
		return Day{}, fmt.Errorf("data: journal start: %w", err)
	}
	return d, nil
}
