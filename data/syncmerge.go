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
	if pending["evening"] > 0 || first {
		evenings, err := queryEvenings(ctx, tx, dayFilter(known, "evening", many("evening")))
		if err != nil {
			return nil, err
		}
		for _, e := range evenings {
			if want("evening", e.Day.String()) {
				items = append(items, item{"evening", e.Day.String(), e.UpdatedAt, e})
			}
		}
	}
	if pending["morning"] > 0 || first {
		mornings, err := queryMornings(ctx, tx, dayFilter(known, "morning", many("morning")))
		if err != nil {
			return nil, err
		}
		for _, m := range mornings {
			if want("morning", m.Day.String()) {
				items = append(items, item{"morning", m.Day.String(), m.UpdatedAt, m})
			}
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
			if it.kind == "evening" || it.kind == "morning" {
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
		rec, err := marshalRecord(it.record)
		if err != nil {
			return nil, err
		}
		line, err := marshalRecord(logLine{Kind: it.kind, HLC: h, Seen: seen, Record: rec})
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

// syncRow is a record's clock reading and version vector.
type syncRow struct{ hlc, seen string }

// dayFilter is the WHERE clause that reads the pending days of kind, or
// every day.
func dayFilter(known map[[2]string]syncRow, kind string, all bool) string {
	if all {
		return ``
	}
	var days []string
	for k := range known {
		if k[0] == kind {
			if d, err := ParseDay(k[1]); err == nil {
				days = append(days, "'"+d.String()+"'")
			}
		}
	}
	if len(days) == 0 {
		return `WHERE 0`
	}
	return `WHERE day IN (` + strings.Join(days, ",") + `)`
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

// syncHead is one of the versions of an evening or morning that two
// devices wrote side by side, kept until a change that saw both replaces
// them.
type syncHead struct {
	HLC     string   `json:"hlc"`
	Seen    string   `json:"seen"`
	Evening *Evening `json:"evening,omitempty"`
	Morning *Morning `json:"morning,omitempty"`
}

// syncMerger merges checked log lines into the journal inside one
// transaction, through statements prepared once per pass.
type syncMerger struct {
	tx    *sql.Tx
	rep   *SyncReport
	stmts map[string]*sql.Stmt
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

// syncRecord reads the sync row of a record; found is false when there is
// none.
func (m *syncMerger) syncRecord(ctx context.Context, kind, key string) (hlc, seen, heads string, found bool, err error) {
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
	return m.exec(ctx, `INSERT INTO sync_records (kind, key, hlc, seen, heads, pending) VALUES (?, ?, ?, ?, ?, 0)
		ON CONFLICT DO UPDATE SET hlc = excluded.hlc, seen = excluded.seen, heads = excluded.heads, pending = 0`,
		kind, key, hlc, seen, heads)
}

// apply merges one change: a win or setting when its clock is newer than
// the one held here; an evening or morning by its day (see mergeDay).
func (m *syncMerger) apply(ctx context.Context, c syncChange) error {
	switch c.kind {
	case "win", "setting":
		key := ""
		if c.win != nil {
			key = c.win.UUID
		} else {
			key = c.setting.Key
		}
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
	default:
		return m.mergeDay(ctx, c)
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

// mergeDay merges an evening or morning. Each is one per day; the devices'
// versions of a day are told apart by what they had seen (version vectors):
// a version that saw the one held here replaces it, one already seen
// changes nothing, and versions written side by side are all kept and
// combined field by field: different texts of a field both kept, newest
// first.
func (m *syncMerger) mergeDay(ctx context.Context, c syncChange) error {
	var day Day
	if c.evening != nil {
		day = c.evening.Day
	} else {
		day = c.morning.Day
	}
	heldHLC, seenText, headsText, found, err := m.syncRecord(ctx, c.kind, day.String())
	if err != nil {
		return err
	}
	held, err := parseVV(seenText)
	if err != nil {
		return err
	}
	if found && held.covers(c.seen) {
		m.rep.Unchanged++
		return nil
	}
	var heads []syncHead
	if headsText != "" {
		if err := json.Unmarshal([]byte(headsText), &heads); err != nil {
			return err
		}
	} else if found {
		h := syncHead{HLC: heldHLC, Seen: seenText}
		if c.evening != nil {
			if e, err := eveningOn(ctx, m.tx, day); err == nil {
				h.Evening = &e
			} else if !isNotFound(err) {
				return err
			}
		} else if mo, err := morningOn(ctx, m.tx, day); err == nil {
			h.Morning = &mo
		} else if !isNotFound(err) {
			return err
		}
		if h.Evening != nil || h.Morning != nil {
			heads = append(heads, h)
		}
	}
	kept := heads[:0]
	for _, h := range heads {
		vv, err := parseVV(h.Seen)
		if err != nil {
			return err
		}
		if !c.seen.covers(vv) {
			kept = append(kept, h)
		}
	}
	kept = append(kept, syncHead{HLC: c.hlcText(), Seen: c.seen.String(), Evening: c.evening, Morning: c.morning})
	slices.SortFunc(kept, func(a, b syncHead) int { return strings.Compare(b.HLC, a.HLC) })

	headsOut := ""
	if len(kept) > 1 {
		b, err := json.Marshal(kept)
		if err != nil {
			return err
		}
		headsOut = string(b)
	}
	if c.evening != nil {
		e := combineEvenings(kept)
		if err := m.putEvening(ctx, e); err != nil {
			return err
		}
		if len(kept) > 1 && (distinct(kept, func(h syncHead) string { return h.Evening.WentWell }) > 1 ||
			distinct(kept, func(h syncHead) string { return h.Evening.RepeatHow }) > 1) {
			m.rep.Combined++
		}
	} else {
		mo := combineMornings(kept)
		if err := m.putMorning(ctx, mo); err != nil {
			return err
		}
		if len(kept) > 1 && distinct(kept, func(h syncHead) string { return h.Morning.Focus }) > 1 {
			m.rep.Combined++
		}
	}
	m.counted(found)
	return m.putSync(ctx, c.kind, day.String(), kept[0].HLC, held.join(c.seen).String(), headsOut)
}

// distinct counts the different non-empty values of a field among heads.
func distinct(heads []syncHead, field func(syncHead) string) int {
	seen := map[string]bool{}
	for _, h := range heads {
		if v := field(h); v != "" {
			seen[v] = true
		}
	}
	return len(seen)
}

// TextDivider stands between two texts of one field that two devices (or
// an import) wrote for the same day: both are kept, the newer first.
const TextDivider = "\n\n———\n\n"

// joinTexts keeps every different non-empty text, in the order given.
func joinTexts(texts []string) string {
	var out []string
	for _, t := range texts {
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return strings.Join(out, TextDivider)
}

// combineEvenings makes one evening of the versions kept side by side,
// newest first: each text field keeps every different text; the focus
// check comes from the newest that has one; the day counts as celebrated
// from the first celebration. The result depends only on the set of
// versions, so every device comes to the same evening.
func combineEvenings(heads []syncHead) Evening {
	e := *heads[0].Evening
	var well, how []string
	var celebratedBy *Evening
	for _, h := range heads {
		v := h.Evening
		well, how = append(well, v.WentWell), append(how, v.RepeatHow)
		e.UUID = min(e.UUID, v.UUID)
		if e.FocusResult == FocusUnanswered {
			e.FocusResult = v.FocusResult
		}
		if v.CreatedAt.Before(e.CreatedAt) {
			e.CreatedAt = v.CreatedAt
		}
		if v.UpdatedAt.After(e.UpdatedAt) {
			e.UpdatedAt = v.UpdatedAt
		}
		if v.CelebratedAt != nil && (celebratedBy == nil || v.CelebratedAt.Before(*celebratedBy.CelebratedAt)) {
			celebratedBy = v
		}
	}
	e.WentWell, e.RepeatHow = joinTexts(well), joinTexts(how)
	e.CelebratedAt, e.MadeUp = nil, false
	if celebratedBy != nil {
		e.CelebratedAt, e.MadeUp = celebratedBy.CelebratedAt, celebratedBy.MadeUp
	}
	return e
}

// combineMornings is combineEvenings for mornings.
func combineMornings(heads []syncHead) Morning {
	mo := *heads[0].Morning
	var focus []string
	for _, h := range heads {
		v := h.Morning
		focus = append(focus, v.Focus)
		mo.UUID = min(mo.UUID, v.UUID)
		if v.CreatedAt.Before(mo.CreatedAt) {
			mo.CreatedAt = v.CreatedAt
		}
		if v.UpdatedAt.After(mo.UpdatedAt) {
			mo.UpdatedAt = v.UpdatedAt
		}
		if v.SetAt != nil && (mo.SetAt == nil || v.SetAt.Before(*mo.SetAt)) {
			mo.SetAt = v.SetAt
		}
	}
	mo.Focus = joinTexts(focus)
	return mo
}

// putWin writes a win as given, over the one with its UUID.
func (m *syncMerger) putWin(ctx context.Context, w Win) error {
	return m.exec(ctx, `INSERT INTO wins (`+winColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (uuid) DO UPDATE SET day = excluded.day, text = excluded.text, note = excluded.note,
			client = excluded.client, amount_cents = excluded.amount_cents, created_at = excluded.created_at,
			updated_at = excluded.updated_at, zone = excluded.zone, deleted_at = excluded.deleted_at`,
		w.UUID, w.Day.String(), w.Text, w.Note, w.Client, w.Amount,
		formatTS(w.CreatedAt), formatTS(w.UpdatedAt), w.Zone, formatTSPtr(w.DeletedAt))
}

// putSetting writes a setting with its own updated_at.
func (m *syncMerger) putSetting(ctx context.Context, st Setting) error {
	return m.exec(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		st.Key, st.Value, formatTS(st.UpdatedAt))
}

// putEvening writes the day's evening as given, over whatever evening
// the day had (its UUID may change to the one the devices agree on).
func (m *syncMerger) putEvening(ctx context.Context, e Evening) error {
	var focus *string
	if e.FocusResult != FocusUnanswered {
		f := string(e.FocusResult)
		focus = &f
	}
	return m.exec(ctx, `INSERT INTO evenings (`+eveningColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (day) DO UPDATE SET uuid = excluded.uuid, went_well = excluded.went_well,
			repeat_how = excluded.repeat_how, focus_result = excluded.focus_result, created_at = excluded.created_at,
			updated_at = excluded.updated_at, celebrated_at = excluded.celebrated_at, made_up = excluded.made_up`,
		e.UUID, e.Day.String(), e.WentWell, e.RepeatHow, focus,
		formatTS(e.CreatedAt), formatTS(e.UpdatedAt), formatTSPtr(e.CelebratedAt), e.MadeUp)
}

// putMorning is putEvening for mornings.
func (m *syncMerger) putMorning(ctx context.Context, mo Morning) error {
	return m.exec(ctx, `INSERT INTO mornings (uuid, day, focus, created_at, updated_at, set_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (day) DO UPDATE SET uuid = excluded.uuid, focus = excluded.focus, created_at = excluded.created_at,
			updated_at = excluded.updated_at, set_at = excluded.set_at`,
		mo.UUID, mo.Day.String(), mo.Focus, formatTS(mo.CreatedAt), formatTS(mo.UpdatedAt), formatTSPtr(mo.SetAt))
}
