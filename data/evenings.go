package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// FocusResult is the evening's answer to "Did you train it?".
type FocusResult string

// The answers to the focus check; FocusUnanswered when there was no focus or
// the user has not said.
const (
	FocusUnanswered FocusResult = ""
	FocusYes        FocusResult = "yes"
	FocusPartly     FocusResult = "partly"
	FocusNo         FocusResult = "no"
)

// Valid reports whether r is one of the four results.
func (r FocusResult) Valid() bool {
	switch r {
	case FocusUnanswered, FocusYes, FocusPartly, FocusNo:
		return true
	}
	return false
}

// Evening is a day's reflection. While CelebratedAt is nil it is only a
// draft; "Celebrate" sets CelebratedAt once and keeps it on later edits.
// MadeUp is set when it was first celebrated after its day had ended. A
// day has at most one live evening; DeletedAt marks a tombstone (an evening
// merged into another one for its day by an import), which every query
// but the export leaves out.
type Evening struct {
	UUID         string      `json:"uuid"`
	Day          Day         `json:"day"`
	WentWell     string      `json:"went_well"`
	RepeatHow    string      `json:"repeat_how"`
	FocusResult  FocusResult `json:"focus_result"`
	CreatedAt    time.Time   `json:"created_at"`
	UpdatedAt    time.Time   `json:"updated_at"`
	CelebratedAt *time.Time  `json:"celebrated_at"`
	MadeUp       bool        `json:"made_up"`
	DeletedAt    *time.Time  `json:"deleted_at"`
	// MergedInto is, on a tombstone an import made by merging two evenings
	// of one day, the UUID of the evening that holds its texts now.
	MergedInto string `json:"merged_into,omitempty"`
}

// Celebrated reports whether the evening was saved with "Celebrate".
func (e Evening) Celebrated() bool { return e.CelebratedAt != nil }

// EveningAnswers is what the user writes in the evening window.
type EveningAnswers struct {
	WentWell    string
	RepeatHow   string
	FocusResult FocusResult
}

func (a EveningAnswers) clean() (EveningAnswers, error) {
	var err error
	if a.WentWell, err = cleanMergeable("went_well", a.WentWell, MaxAnswer); err != nil {
		return a, err
	}
	if a.RepeatHow, err = cleanMergeable("repeat_how", a.RepeatHow, MaxAnswer); err != nil {
		return a, err
	}
	if !a.FocusResult.Valid() {
		return a, fmt.Errorf("data: focus result %q is not yes, partly or no", a.FocusResult)
	}
	return a, nil
}

// Evening returns the day's reflection, or ErrNotFound.
func (s *Store) Evening(ctx context.Context, day Day) (Evening, error) {
	e, err := eveningOn(ctx, s.db, day)
	if err != nil {
		return Evening{}, fmt.Errorf("data: evening %s: %w", day, err)
	}
	return e, nil
}

// SaveEveningDraft autosaves what the user has typed so far. A draft may be
// empty; it never celebrates the day. On an evening already celebrated it
// saves the edit, but refuses to blank both answers. Like every save for a
// day, it refuses a day after today (ErrFutureDay) or before FirstDay.
func (s *Store) SaveEveningDraft(ctx context.Context, day Day, a EveningAnswers) (Evening, error) {
	return s.saveEvening(ctx, day, a, false)
}

// CelebrateEvening saves the reflection and marks the day celebrated. At
// least one answer must be non-empty.
func (s *Store) CelebrateEvening(ctx context.Context, day Day, a EveningAnswers) (Evening, error) {
	return s.saveEvening(ctx, day, a, true)
}

func (s *Store) saveEvening(ctx context.Context, day Day, a EveningAnswers, celebrate bool) (Evening, error) {
	a, err := a.clean()
	if err != nil {
		return Evening{}, err
	}
	var e Evening
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		old, err := eveningOn(ctx, tx, day)
		if err != nil && !isNotFound(err) {
			return err
		}
		exists := err == nil
		if a.WentWell == "" && a.RepeatHow == "" && (celebrate || old.Celebrated()) {
			return &TextError{Field: "went_well", Err: ErrEmpty}
		}
		h, err := s.dayStartHour(ctx, tx)
		if err != nil {
			return err
		}
		today := DayOf(s.now(), h)
		if err := checkWriteDay(day, today); err != nil {
			return err
		}
		now := s.now().UTC()
		e = old
		if !exists {
			e = Evening{UUID: newUUID(), Day: day, CreatedAt: now}
		}
		e.WentWell, e.RepeatHow, e.FocusResult, e.UpdatedAt = a.WentWell, a.RepeatHow, a.FocusResult, now
		if celebrate && e.CelebratedAt == nil {
			e.CelebratedAt = &now
			e.MadeUp = today.After(day)
		}
		return upsertEvening(ctx, tx, e)
	})
	if err != nil {
		return Evening{}, fmt.Errorf("data: save evening %s: %w", day, err)
	}
	return e, nil
}

// upsertEveningSQL writes every column of an evening, by its UUID.
const upsertEveningSQL = `INSERT INTO evenings (` + eveningColumns + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (uuid) DO UPDATE SET day = excluded.day, went_well = excluded.went_well,
		repeat_how = excluded.repeat_how, focus_result = excluded.focus_result, created_at = excluded.created_at,
		updated_at = excluded.updated_at, celebrated_at = excluded.celebrated_at, made_up = excluded.made_up,
		deleted_at = excluded.deleted_at, merged_into = excluded.merged_into`

func eveningArgs(e Evening) []any {
	var focus *string
	if e.FocusResult != FocusUnanswered {
		f := string(e.FocusResult)
		focus = &f
	}
	return []any{e.UUID, e.Day.String(), e.WentWell, e.RepeatHow, focus,
		formatTS(e.CreatedAt), formatTS(e.UpdatedAt), formatTSPtr(e.CelebratedAt), e.MadeUp, formatTSPtr(e.DeletedAt), nullIfEmpty(e.MergedInto)}
}

func upsertEvening(ctx context.Context, q queryer, e Evening) error {
	_, err := q.ExecContext(ctx, upsertEveningSQL, eveningArgs(e)...)
	return err
}

const eveningColumns = `uuid, day, went_well, repeat_how, focus_result, created_at, updated_at, celebrated_at, made_up, deleted_at, merged_into`

// eveningOn returns the day's live evening.
func eveningOn(ctx context.Context, q queryer, day Day) (Evening, error) {
	evenings, err := queryEvenings(ctx, q, `WHERE day = ? AND deleted_at IS NULL`, day.String())
	if err != nil {
		return Evening{}, err
	}
	if len(evenings) == 0 {
		return Evening{}, ErrNotFound
	}
	return evenings[0], nil
}

func eveningByUUID(ctx context.Context, q queryer, uuid string) (Evening, error) {
	evenings, err := queryEvenings(ctx, q, `WHERE uuid = ?`, uuid)
	if err != nil {
		return Evening{}, err
	}
	if len(evenings) == 0 {
		return Evening{}, ErrNotFound
	}
	return evenings[0], nil
}

func queryEvenings(ctx context.Context, q queryer, where string, args ...any) ([]Evening, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+eveningColumns+` FROM evenings `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Evening
	for rows.Next() {
		var (
			e                          Evening
			day, created, upd          string
			focus, celebrated, deleted *string
			mergedInto                 sql.NullString
		)
		if err := rows.Scan(&e.UUID, &day, &e.WentWell, &e.RepeatHow, &focus, &created, &upd, &celebrated, &e.MadeUp, &deleted, &mergedInto); err != nil {
			return nil, err
		}
		if e.Day, err = ParseDay(day); err != nil {
			return nil, err
		}
		if focus != nil {
			e.FocusResult = FocusResult(*focus)
		}
		if e.CreatedAt, err = parseTS(created); err != nil {
			return nil, err
		}
		if e.UpdatedAt, err = parseTS(upd); err != nil {
			return nil, err
		}
		if e.CelebratedAt, err = parseTSPtr(celebrated); err != nil {
			return nil, err
		}
		if e.DeletedAt, err = parseTSPtr(deleted); err != nil {
			return nil, err
		}
		e.MergedInto = mergedInto.String
		out = append(out, e)
	}
	return out, rows.Err()
}
