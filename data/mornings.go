package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Morning is a day's training focus, the answer to "What will I improve
// today?". While SetAt is nil it is only a draft. A day has at most one live
// morning; DeletedAt marks a tombstone, as for evenings.
//
// The focus may be written as an if-then plan, "When <PlanWhen>, I will
// <Focus>": two fields rather than one structured text, so Focus always
// holds the action (what search, the exports and older versions read) and
// the plan's wording stays the app's, in the user's language. PlanWhen is ""
// for a focus in one line.
type Morning struct {
	UUID      string     `json:"uuid"`
	Day       Day        `json:"day"`
	Focus     string     `json:"focus"`
	PlanWhen  string     `json:"plan_when"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
	SetAt     *time.Time `json:"set_at"`
	DeletedAt *time.Time `json:"deleted_at"`
	// MergedInto is, on a tombstone an import made by merging two mornings
	// of one day, the UUID of the morning that holds its focus now.
	MergedInto string `json:"merged_into,omitempty"`
}

// IsSet reports whether the focus was saved, not only drafted.
func (m Morning) IsSet() bool { return m.SetAt != nil }

// IsPlan reports whether the focus is written as an if-then plan.
func (m Morning) IsPlan() bool { return m.PlanWhen != "" }

// Morning returns the day's focus, or ErrNotFound.
func (s *Store) Morning(ctx context.Context, day Day) (Morning, error) {
	m, err := morningOn(ctx, s.db, day)
	if err != nil {
		return Morning{}, fmt.Errorf("data: morning %s: %w", day, err)
	}
	return m, nil
}

// SaveMorningDraft autosaves the focus typed so far; it may be empty, unless
// the focus was already set. A day after today is refused (ErrFutureDay). A
// plan's "When …" part is cleared: the focus is one line again.
func (s *Store) SaveMorningDraft(ctx context.Context, day Day, focus string) (Morning, error) {
	return s.saveMorning(ctx, day, "", focus, false)
}

// SetMorningFocus saves the day's focus and marks the day trained. A plan's
// "When …" part is cleared: the focus is one line again.
func (s *Store) SetMorningFocus(ctx context.Context, day Day, focus string) (Morning, error) {
	return s.saveMorning(ctx, day, "", focus, true)
}

// SaveMorningPlanDraft autosaves a focus written as an if-then plan, "When
// <when>, I will <will>"; either part may be empty, unless the focus was
// already set.
func (s *Store) SaveMorningPlanDraft(ctx context.Context, day Day, when, will string) (Morning, error) {
	return s.saveMorning(ctx, day, when, will, false)
}

// SetMorningPlan saves the day's focus as an if-then plan, "When <when>, I
// will <will>", and marks the day trained. <will> is the focus and must not
// be empty; an empty <when> makes it a focus in one line.
func (s *Store) SetMorningPlan(ctx context.Context, day Day, when, will string) (Morning, error) {
	return s.saveMorning(ctx, day, when, will, true)
}

func (s *Store) saveMorning(ctx context.Context, day Day, when, focus string, set bool) (Morning, error) {
	focus, err := cleanMergeable("focus", focus, MaxFocus)
	if err != nil {
		return Morning{}, err
	}
	if when, err = cleanOptional("plan_when", when, MaxFocus); err != nil {
		return Morning{}, err
	}
	var m Morning
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		old, err := morningOn(ctx, tx, day)
		if err != nil && !isNotFound(err) {
			return err
		}
		exists := err == nil
		if focus == "" && (set || old.IsSet()) {
			return &TextError{Field: "focus", Err: ErrEmpty}
		}
		h, err := s.dayStartHour(ctx, tx)
		if err != nil {
			return err
		}
		if err := checkWriteDay(day, DayOf(s.now(), h)); err != nil {
			return err
		}
		now := s.now().UTC()
		m = old
		if !exists {
			m = Morning{UUID: newUUID(), Day: day, CreatedAt: now}
		}
		m.Focus, m.PlanWhen, m.UpdatedAt = focus, when, now
		if set && m.SetAt == nil {
			m.SetAt = &now
		}
		return upsertMorning(ctx, tx, m)
	})
	if err != nil {
		return Morning{}, fmt.Errorf("data: save morning %s: %w", day, err)
	}
	return m, nil
}

// upsertMorningSQL writes every column of a morning, by its UUID.
const upsertMorningSQL = `INSERT INTO mornings (` + morningColumns + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (uuid) DO UPDATE SET day = excluded.day, focus = excluded.focus, created_at = excluded.created_at,
		updated_at = excluded.updated_at, set_at = excluded.set_at, deleted_at = excluded.deleted_at,
		merged_into = excluded.merged_into, plan_when = excluded.plan_when`

func morningArgs(m Morning) []any {
	return []any{m.UUID, m.Day.String(), m.Focus, formatTS(m.CreatedAt), formatTS(m.UpdatedAt), formatTSPtr(m.SetAt), formatTSPtr(m.DeletedAt), nullIfEmpty(m.MergedInto), m.PlanWhen}
}

func upsertMorning(ctx context.Context, q queryer, m Morning) error {
	_, err := q.ExecContext(ctx, upsertMorningSQL, morningArgs(m)...)
	return err
}

const morningColumns = `uuid, day, focus, created_at, updated_at, set_at, deleted_at, merged_into, plan_when`

// morningOn returns the day's live morning.
func morningOn(ctx context.Context, q queryer, day Day) (Morning, error) {
	mornings, err := queryMornings(ctx, q, `WHERE day = ? AND deleted_at IS NULL`, day.String())
	if err != nil {
		return Morning{}, err
	}
	if len(mornings) == 0 {
		return Morning{}, ErrNotFound
	}
	return mornings[0], nil
}

func morningByUUID(ctx context.Context, q queryer, uuid string) (Morning, error) {
	mornings, err := queryMornings(ctx, q, `WHERE uuid = ?`, uuid)
	if err != nil {
		return Morning{}, err
	}
	if len(mornings) == 0 {
		return Morning{}, ErrNotFound
	}
	return mornings[0], nil
}

func queryMornings(ctx context.Context, q queryer, where string, args ...any) ([]Morning, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+morningColumns+` FROM mornings `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Morning
	for rows.Next() {
		var (
			m                 Morning
			day, created, upd string
			set, deleted      *string
			mergedInto        sql.NullString
		)
		if err := rows.Scan(&m.UUID, &day, &m.Focus, &created, &upd, &set, &deleted, &mergedInto, &m.PlanWhen); err != nil {
			return nil, err
		}
		if m.Day, err = ParseDay(day); err != nil {
			return nil, err
		}
		if m.CreatedAt, err = parseTS(created); err != nil {
			return nil, err
		}
		if m.UpdatedAt, err = parseTS(upd); err != nil {
			return nil, err
		}
		if m.SetAt, err = parseTSPtr(set); err != nil {
			return nil, err
		}
		if m.DeletedAt, err = parseTSPtr(deleted); err != nil {
			return nil, err
		}
		m.MergedInto = mergedInto.String
		out = append(out, m)
	}
	return out, rows.Err()
}
