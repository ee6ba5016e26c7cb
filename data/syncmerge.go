package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"
)

// stampChanges gives every record changed here since the last pass (every
// record, the first time) its hybrid logical clock reading, clears its
// pending mark, and returns the log lines that carry them. The wall time of
// a reading is the change's own updated_at, lifted above everything this
// device has seen, so a change made before a pass that read another
// device's newer one still counts as older.
func stampChanges(ctx context.Context, tx *sql.Tx, clock *hlClock, first bool) ([][]byte, error) {
	where := `WHERE pending = 1`
	if first {
		where = ``
	}
	rows, err := tx.QueryContext(ctx, `SELECT kind, key, hlc, seen, pending FROM sync_records `+where)
	if err != nil {
		return nil, err
	}
	known := map[[2]string]syncRow{}
	pending := map[string]int{}
	for rows.Next() {
		var k [2]string
		var r syncRow
		var p bool
		if err := rows.Scan(&k[0], &k[1], &r.hlc, &r.seen, &p); err != nil {
			rows.Close()
			return nil, err
		}
		if p {
			r.hlc = "" // changed here: stamp anew
			pending[k[0]]++
		}
		known[k] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	type item struct {
		kind, key string
		at        time.Time
		record    any
	}
	var items []item
	// want reports whether a record is to go out; a kind with many pending
	// records is read whole rather than one by one.
	want := func(kind, key string) bool {
		_, ok := known[[2]string{kind, key}]
		return first || ok
	}
	many := func(kind string) bool { return first || pending[kind] > 200 }

	if pending["win"] > 0 || first {
		var wins []Win
		if many("win") {
			wins, err = queryWins(ctx, tx, ``)
		} else {
			for k := range known {
				if k[0] == "win" {
					w, err := winByUUID(ctx, tx, k[1])
					if err == nil {
						wins = append(wins, w)
					} else if !isNotFound(err) {
						return nil, err
					}
				}
			}
		}
		if err != nil {
			return nil, err
		}
		for _, w := range wins {
			if want("win", w.UUID) {
				items = append(items, item{"win", w.UUID, w.UpdatedAt, w})
			}
		}
	}
	for _, kind := range []string{"evening", "morning", "review", "off_season"} {
		if pending[kind] == 0 && !first {
			continue
		}
		var days []string
		if !many(kind) {
			days = []string{}
			for k := range known {
				if _, err := ParseDay(k[1]); err == nil && k[0] == kind {
					days = append(days, k[1])
				}
			}
		}
		add := func(key string, at time.Time, rows any) { items = append(items, item{kind, key, at, rows}) }
		var err error
		switch kind {
		case "evening":
			err = dayItems(ctx, tx, eveningOps(), days, add)
		case "morning":
			err = dayItems(ctx, tx, morningOps(), days, add)
		case "review":
			err = dayItems(ctx, tx, reviewOps(), days, add)
		default:
			err = dayItems(ctx, tx, offSeasonOps(), days, add)
		}
		if err != nil {
			return nil, err
		}
	}
	if pending["setting"] > 0 || first {
		settings, err := querySettings(ctx, tx)
		if err != nil {
			return nil, err
		}
		for _, st := range settings {
			if want("setting", st.Key) {
				items = append(items, item{"setting", st.Key, st.UpdatedAt, st})
			}
		}
	}
	slices.SortFunc(items, func(a, b item) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		if c := strings.Compare(a.kind, b.kind); c != 0 {
			return c
		}
		return strings.Compare(a.key, b.key)
	})

	put, err := tx.PrepareContext(ctx, `INSERT INTO sync_records (kind, key, hlc, seen, heads, pending) VALUES (?, ?, ?, ?, '', 0)
		ON CONFLICT DO UPDATE SET hlc = excluded.hlc, seen = excluded.seen, heads = '', pending = 0`)
	if err != nil {
		return nil, err
	}
	defer put.Close()
	lines := make([][]byte, 0, len(items))
	for _, it := range items {
		old := known[[2]string{it.kind, it.key}]
		h, seen := old.hlc, old.seen
		if h == "" {
			h = clock.stamp(it.at).String()
			if isDayKind(it.kind) {
				vv, err := parseVV(old.seen)
				if err != nil {
					vv = versionVector{}
				}
				vv[clock.device] = h
				seen = vv.String()
			}
			if _, err := put.ExecContext(ctx, it.kind, it.key, h, seen); err != nil {
				return nil, err
			}
		}
		l := logLine{Kind: it.kind, HLC: h, Seen: seen}
		switch rows := it.record.(type) {
		case []Evening:
			l.Rows, err = marshalRows(rows)
		case []Morning:
			l.Rows, err = marshalRows(rows)
		case []Review:
			l.Rows, err = marshalRows(rows)
		case []OffSeason:
			l.Rows, err = marshalRows(rows)
		default:
			l.Record, err = marshalRecord(it.record)
		}
		if err != nil {
			return nil, err
		}
		line, err := marshalRecord(l)
		if err != nil {
			return nil, err
		}
		lines = append(lines, line)
	}
	// What is still pending has no record any more (a restore replaced it).
	if _, err := tx.ExecContext(ctx, `UPDATE sync_records SET pending = 0 WHERE pending = 1`); err != nil {
		return nil, err
	}
	return lines, nil
}

// dayItems hands each given day's rows (every day's when days is nil) of
// a kind kept one per day to add, with the day's newest update.
func dayItems[T any](ctx context.Context, tx *sql.Tx, ops dayOps[T], days []string, add func(key string, at time.Time, rows any)) error {
	byDay, err := dayLines(ctx, tx, ops, days)
	if err != nil {
		return err
	}
	for d, rows := range byDay {
		add(d, newestUpdate(ops, rows), rows)
	}
	return nil
}

// syncRow is a record's clock reading and version vector.
type syncRow struct{ hlc, seen string }

// marshalRows is marshalRecord for each row.
func marshalRows[T any](rows []T) ([]json.RawMessage, error) {
	out := make([]json.RawMessage, len(rows))
	for i, r := range rows {
		b, err := marshalRecord(r)
		if err != nil {
			return nil, err
		}
		out[i] = b
	}
	return out, nil
}

// marshalRecord is JSON without HTML escaping, as the export writes it.
func marshalRecord(v any) ([]byte, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(strings.TrimSuffix(b.String(), "\n")), nil
}

// syncMerger merges checked log lines into the journal inside one
// transaction, through statements prepared once per pass.
type syncMerger struct {
	tx    *sql.Tx
	rep   *SyncReport
	stmts map[string]*sql.Stmt
	// For a merge of many lines (a first pass reading a whole journal),
	// the sync rows and the days' rows are read once, in one scan each,
	// and kept up to date here, instead of one query a line.
	bulk    bool
	records map[[2]string]syncRecordRow
	days    map[string]any // kind -> map[day][]T
}

// syncRecordRow is a sync_records row as the merge reads it.
type syncRecordRow struct{ hlc, seen, heads string }

// bulkLines is the number of lines from which a merge reads in bulk.
const bulkLines = 500

// preload reads every sync row at once, for a bulk merge.
func (m *syncMerger) preload(ctx context.Context) error {
	m.bulk, m.records, m.days = true, map[[2]string]syncRecordRow{}, map[string]any{}
	rows, err := m.tx.QueryContext(ctx, `SELECT kind, key, hlc, seen, heads FROM sync_records`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k [2]string
		var r syncRecordRow
		if err := rows.Scan(&k[0], &k[1], &r.hlc, &r.seen, &r.heads); err != nil {
			return err
		}
		m.records[k] = r
	}
	return rows.Err()
}

func newSyncMerger(tx *sql.Tx, rep *SyncReport) *syncMerger {
	return &syncMerger{tx: tx, rep: rep, stmts: map[string]*sql.Stmt{}}
}

func (m *syncMerger) close() {
	for _, st := range m.stmts {
		st.Close()
	}
}

// stmt returns the prepared form of query.
func (m *syncMerger) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := m.stmts[query]; ok {
		return st, nil
	}
	st, err := m.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	m.stmts[query] = st
	return st, nil
}

func (m *syncMerger) exec(ctx context.Context, query string, args ...any) error {
	st, err := m.stmt(ctx, query)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

// QueryContext, ExecContext and QueryRowContext make the merger a queryer
// whose statements are prepared once per pass.
func (m *syncMerger) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := m.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (m *syncMerger) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := m.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (m *syncMerger) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := m.stmt(ctx, query)
	if err != nil {
		return m.tx.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// syncRecord reads the sync row of a record; found is false when there is
// none.
func (m *syncMerger) syncRecord(ctx context.Context, kind, key string) (hlc, seen, heads string, found bool, err error) {
	if m.bulk {
		r, ok := m.records[[2]string{kind, key}]
		return r.hlc, r.seen, r.heads, ok, nil
	}
	st, err := m.stmt(ctx, `SELECT hlc, seen, heads FROM sync_records WHERE kind = ? AND key = ?`)
	if err != nil {
		return "", "", "", false, err
	}
	err = st.QueryRowContext(ctx, kind, key).Scan(&hlc, &seen, &heads)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", "", false, nil
	}
	return hlc, seen, heads, err == nil, err
}

func (m *syncMerger) putSync(ctx context.Context, kind, key, hlc, seen, heads string) error {
	if m.bulk {
		m.records[[2]string{kind, key}] = syncRecordRow{hlc, seen, heads}
	}
	return m.exec(ctx, `INSERT INTO sync_records (kind, key, hlc, seen, heads, pending) VALUES (?, ?, ?, ?, ?, 0)
		ON CONFLICT DO UPDATE SET hlc = excluded.hlc, seen = excluded.seen, heads = excluded.heads, pending = 0`,
		kind, key, hlc, seen, heads)
}

// apply merges one change: a win or setting when its clock is newer than
// the one held here; an evening's or morning's day, a review's week, the
// off-seasons starting on one day by its version vector (see mergeDay).
func (m *syncMerger) apply(ctx context.Context, c syncChange) error {
	switch c.kind {
	case "win", "setting":
		key := c.key()
		held, _, _, found, err := m.syncRecord(ctx, c.kind, key)
		if err != nil {
			return err
		}
		if found && c.hlcText() <= held {
			m.rep.Unchanged++
			return nil
		}
		if c.win != nil {
			err = m.putWin(ctx, *c.win)
		} else {
			err = m.putSetting(ctx, *c.setting)
		}
		if err != nil {
			return err
		}
		m.counted(found)
		return m.putSync(ctx, c.kind, key, c.hlcText(), "", "")
	case "evening":
		return mergeDay(ctx, m, eveningOps(), c, c.day, c.evenings)
	case "morning":
		return mergeDay(ctx, m, morningOps(), c, c.day, c.mornings)
	case "review":
		return mergeDay(ctx, m, reviewOps(), c, c.day, c.reviews)
	default:
		return mergeDay(ctx, m, offSeasonOps(), c, c.day, c.offSeasons)
	}
}

// counted adds a merged record to the report.
func (m *syncMerger) counted(existed bool) {
	if existed {
		m.rep.Updated++
	} else {
		m.rep.Added++
	}
}

// putWin writes a win as given, as Import does.
func (m *syncMerger) putWin(ctx context.Context, w Win) error {
	return m.exec(ctx, upsertWinSQL, winArgs(w)...)
}

// putSetting writes a setting with its own updated_at, as Import does.
func (m *syncMerger) putSetting(ctx context.Context, st Setting) error {
	return m.exec(ctx, upsertSettingSQL, st.Key, st.Value, formatTS(st.UpdatedAt))
}
