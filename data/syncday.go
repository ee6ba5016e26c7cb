package data

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Evenings and mornings are one per day, weekly reviews one per week, and
// two devices may each write one for the same day (week) under different
// UUIDs. So the sync carries a day whole:
// every row of the day, the live one and its tombstones (Import's merges and
// deletes leave those), under one clock reading and a version vector. A
// version that saw the day as held here replaces it; one held here already
// changes nothing; versions written side by side are all kept (heads) and
// combined as Import combines two evenings of a day (combineEvenings: every
// different text kept, the newer first), the one created first staying live
// and the others becoming its tombstones. The result depends only on the
// set of versions, never on the time or order of their arrival, so every
// device comes to the same rows.

// dayOps is what the sync needs to know of a kind kept one per day.
type dayOps[T any] struct {
	kind    string
	column  string // the table's day column
	uuid    func(*T) string
	day     func(*T) Day
	created func(*T) time.Time
	updated func(*T) time.Time
	deleted func(*T) *time.Time
	texts   func(*T) string // the text fields together, to see two differ
	// combine keeps older's texts after newer's (Import's combine); same
	// reports whether two versions hold the same.
	combine func(newer, older T) T
	same    func(a, b T) bool
	// settle makes a combination live under uuid, created and updated as
	// given; bury makes a row a tombstone merged into uuid.
	settle func(t *T, uuid string, created, updated time.Time)
	bury   func(t *T, at time.Time, into string)
	check  func(*T) error
	query  func(ctx context.Context, q queryer, where string, args ...any) ([]T, error)
	upsert string
	args   func(T) []any
}

func eveningOps() dayOps[Evening] {
	return dayOps[Evening]{
		kind:    "evening",
		column:  "day",
		uuid:    func(e *Evening) string { return e.UUID },
		day:     func(e *Evening) Day { return e.Day },
		created: func(e *Evening) time.Time { return e.CreatedAt },
		updated: func(e *Evening) time.Time { return e.UpdatedAt },
		deleted: func(e *Evening) *time.Time { return e.DeletedAt },
		texts:   func(e *Evening) string { return e.WentWell + "\x00" + e.RepeatHow },
		combine: combineEvenings,
		same:    sameEvening,
		settle: func(e *Evening, uuid string, created, updated time.Time) {
			e.UUID, e.CreatedAt, e.UpdatedAt, e.DeletedAt, e.MergedInto = uuid, created, updated, nil, ""
		},
		bury:   func(e *Evening, at time.Time, into string) { e.DeletedAt, e.MergedInto = &at, into },
		check:  (*Evening).check,
		query:  queryEvenings,
		upsert: upsertEveningSQL,
		args:   eveningArgs,
	}
}

func morningOps() dayOps[Morning] {
	return dayOps[Morning]{
		kind:    "morning",
		column:  "day",
		uuid:    func(m *Morning) string { return m.UUID },
		day:     func(m *Morning) Day { return m.Day },
		created: func(m *Morning) time.Time { return m.CreatedAt },
		updated: func(m *Morning) time.Time { return m.UpdatedAt },
		deleted: func(m *Morning) *time.Time { return m.DeletedAt },
		texts:   func(m *Morning) string { return m.Focus + "\x00" + m.PlanWhen },
		combine: combineMornings,
		same:    sameMorning,
		settle: func(m *Morning, uuid string, created, updated time.Time) {
			m.UUID, m.CreatedAt, m.UpdatedAt, m.DeletedAt, m.MergedInto = uuid, created, updated, nil, ""
		},
		bury:   func(m *Morning, at time.Time, into string) { m.DeletedAt, m.MergedInto = &at, into },
		check:  (*Morning).check,
		query:  queryMornings,
		upsert: upsertMorningSQL,
		args:   morningArgs,
	}
}

func reviewOps() dayOps[Review] {
	return dayOps[Review]{
		kind:    "review",
		column:  "week",
		uuid:    func(r *Review) string { return r.UUID },
		day:     func(r *Review) Day { return r.Week },
		created: func(r *Review) time.Time { return r.CreatedAt },
		updated: func(r *Review) time.Time { return r.UpdatedAt },
		deleted: func(r *Review) *time.Time { return r.DeletedAt },
		texts:   func(r *Review) string { return r.Theme },
		combine: combineReviews,
		settle: func(r *Review, uuid string, created, updated time.Time) {
			r.UUID, r.CreatedAt, r.UpdatedAt, r.DeletedAt = uuid, created, updated, nil
		},
		// A review has no merged_into: its tombstone keeps its theme, which
		// the live review holds too.
		bury:   func(r *Review, at time.Time, _ string) { r.DeletedAt = &at },
		check:  (*Review).check,
		query:  queryReviews,
		upsert: upsertReviewSQL,
		args:   reviewArgs,
	}
}

// offSeasonOps: off-seasons are one live range per first day (the
// off_seasons_from index), so the sync carries all the ranges starting on
// a day as one record, as it carries an evening's day. Two devices adding a
// range from the same day keep one, reaching to the later end, with both
// notes; a range removed and added again with other days (how a range is
// changed) replaces the one the other device had; a removal on one device
// while the other added a range from that day leaves the added one.
func offSeasonOps() dayOps[OffSeason] {
	return dayOps[OffSeason]{
		kind:    "off_season",
		column:  "from_day",
		uuid:    func(o *OffSeason) string { return o.UUID },
		day:     func(o *OffSeason) Day { return o.From },
		created: func(o *OffSeason) time.Time { return o.CreatedAt },
		updated: func(o *OffSeason) time.Time { return o.UpdatedAt },
		deleted: func(o *OffSeason) *time.Time { return o.DeletedAt },
		texts:   func(o *OffSeason) string { return o.Note },
		combine: combineOffSeasons,
		settle: func(o *OffSeason, uuid string, created, updated time.Time) {
			o.UUID, o.CreatedAt, o.UpdatedAt, o.DeletedAt = uuid, created, updated, nil
		},
		bury:   func(o *OffSeason, at time.Time, _ string) { o.DeletedAt = &at },
		check:  (*OffSeason).check,
		query:  queryOffSeasons,
		upsert: upsertOffSeasonSQL,
		args:   offSeasonArgs,
	}
}

// isDayKind reports whether kind is synced a day (week) at a time.
func isDayKind(kind string) bool {
	return kind == "evening" || kind == "morning" || kind == "review" || kind == "off_season"
}

// dayHead is one version of a day: its rows, clock reading and vector.
type dayHead[T any] struct {
	HLC  string `json:"hlc"`
	Seen string `json:"seen"`
	Rows []T    `json:"rows"`
}

// checkDayRows applies Import's checks to a line's rows: at least one, all
// of one day, distinct UUIDs, at most one live.
func checkDayRows[T any](ops dayOps[T], raws []json.RawMessage) ([]T, Day, error) {
	if len(raws) == 0 {
		return nil, Day{}, errors.New("it holds no rows")
	}
	rows := make([]T, len(raws))
	var day Day
	live := 0
	uuids := map[string]bool{}
	for i, raw := range raws {
		r := &rows[i]
		if err := strictDecode(raw, r); err != nil {
			return nil, day, err
		}
		if err := ops.check(r); err != nil {
			return nil, day, err
		}
		if i == 0 {
			day = ops.day(r)
		}
		if ops.day(r) != day {
			return nil, day, fmt.Errorf("its rows are for %s and %s", day, ops.day(r))
		}
		if uuids[ops.uuid(r)] {
			return nil, day, fmt.Errorf("uuid %s appears twice", ops.uuid(r))
		}
		uuids[ops.uuid(r)] = true
		if ops.deleted(r) == nil {
			live++
		}
	}
	if live > 1 {
		return nil, day, fmt.Errorf("%d live %ss for %s", live, ops.kind, day)
	}
	return rows, day, nil
}

// combineDay makes the day's rows of the versions kept side by side
// (newest first): the live rows combined into the one created first, the
// others its tombstones (deleted when the combination was last updated, so
// every device writes the same), and every tombstone of any version.
func combineDay[T any](ops dayOps[T], heads []dayHead[T]) []T {
	var lives []T
	tombs := map[string]T{}
	for _, h := range heads {
		for _, r := range h.Rows {
			switch {
			case ops.deleted(&r) == nil:
				lives = append(lives, r)
			default:
				if _, ok := tombs[ops.uuid(&r)]; !ok {
					tombs[ops.uuid(&r)] = r
				}
			}
		}
	}
	var out []T
	if len(lives) > 0 {
		keep := lives[0]
		updated := ops.updated(&keep)
		c := lives[0]
		for _, l := range lives[1:] {
			if ops.created(&l).Before(ops.created(&keep)) || ops.created(&l).Equal(ops.created(&keep)) && ops.uuid(&l) < ops.uuid(&keep) {
				keep = l
			}
			updated = latest(updated, ops.updated(&l))
			c = ops.combine(c, l)
		}
		ops.settle(&c, ops.uuid(&keep), ops.created(&keep), updated)
		for _, l := range lives {
			if ops.uuid(&l) != ops.uuid(&keep) {
				ops.bury(&l, updated, ops.uuid(&keep))
				tombs[ops.uuid(&l)] = l
			}
		}
		delete(tombs, ops.uuid(&keep))
		out = append(out, c)
	}
	uuids := make([]string, 0, len(tombs))
	for u := range tombs {
		uuids = append(uuids, u)
	}
	slices.Sort(uuids)
	for _, u := range uuids {
		out = append(out, tombs[u])
	}
	return out
}

// mergeDay merges one version of a day (see the comment at the top).
func mergeDay[T any](ctx context.Context, m *syncMerger, ops dayOps[T], c syncChange, day Day, rows []T) error {
	heldHLC, seenText, headsText, found, err := m.syncRecord(ctx, ops.kind, day.String())
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
	here, err := dayRows(ctx, m, ops, day)
	if err != nil {
		return err
	}
	var heads []dayHead[T]
	switch {
	case headsText != "":
		if err := json.Unmarshal([]byte(headsText), &heads); err != nil {
			return err
		}
	case found && len(here) > 0:
		heads = append(heads, dayHead[T]{HLC: heldHLC, Seen: seenText, Rows: here})
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
	kept = append(kept, dayHead[T]{HLC: c.hlcText(), Seen: c.seen.String(), Rows: rows})
	slices.SortFunc(kept, func(a, b dayHead[T]) int { return strings.Compare(b.HLC, a.HLC) })
	out := combineDay(ops, kept)

	// A live row here that the result does not hold (written here beside
	// the sync, which cannot be) becomes a tombstone of the result's, so
	// the day keeps one live row and the text.
	into := ""
	if len(out) > 0 && ops.deleted(&out[0]) == nil {
		into = ops.uuid(&out[0])
	}
	inOut := map[string]bool{}
	for i := range out {
		inOut[ops.uuid(&out[i])] = true
	}
	for _, r := range here {
		if ops.deleted(&r) == nil && !inOut[ops.uuid(&r)] && into != "" {
			ops.bury(&r, ops.updated(&out[0]), into)
			out = append(out, r)
		}
	}
	// Tombstones first: the day takes one live row.
	for i := len(out) - 1; i >= 0; i-- {
		if err := m.exec(ctx, ops.upsert, ops.args(out[i])...); err != nil {
			return fmt.Errorf("%s %s: %w", ops.kind, day, err)
		}
	}
	wroteDay(m, ops, day, here, out)
	headsOut := ""
	if len(kept) > 1 {
		b, err := json.Marshal(kept)
		if err != nil {
			return err
		}
		headsOut = string(b)
		texts := map[string]bool{}
		for _, h := range kept {
			for _, r := range h.Rows {
				if ops.deleted(&r) == nil {
					texts[ops.texts(&r)] = true
				}
			}
		}
		if len(texts) > 1 {
			m.rep.Combined++
		}
	}
	m.counted(found)
	return m.putSync(ctx, ops.kind, day.String(), kept[0].HLC, held.join(c.seen).String(), headsOut)
}

// dayLines returns the rows of each given day (every day when days is nil)
// of a kind, for the log.
func dayLines[T any](ctx context.Context, q queryer, ops dayOps[T], days []string) (map[string][]T, error) {
	col := ops.column
	where := `ORDER BY ` + col + `, uuid`
	if days != nil {
		if len(days) == 0 {
			return nil, nil
		}
		quoted := make([]string, len(days))
		for i, d := range days {
			quoted[i] = "'" + d + "'"
		}
		where = `WHERE ` + col + ` IN (` + strings.Join(quoted, ",") + `) ORDER BY ` + col + `, uuid`
	}
	rows, err := ops.query(ctx, q, where)
	if err != nil {
		return nil, err
	}
	out := map[string][]T{}
	for _, r := range rows {
		d := ops.day(&r).String()
		out[d] = append(out[d], r)
	}
	return out, nil
}

// newestUpdate is the latest updated_at among rows.
func newestUpdate[T any](ops dayOps[T], rows []T) time.Time {
	var t time.Time
	for i := range rows {
		t = latest(t, ops.updated(&rows[i]))
	}
	return t
}

// dayRows returns the rows of a day here: from the bulk merge's map (read
// in one query the first time), or with one query.
func dayRows[T any](ctx context.Context, m *syncMerger, ops dayOps[T], day Day) ([]T, error) {
	if !m.bulk {
		return ops.query(ctx, m, `WHERE `+ops.column+` = ? ORDER BY uuid`, day.String())
	}
	byDay, ok := m.days[ops.kind].(map[string][]T)
	if !ok {
		var err error
		if byDay, err = dayLines(ctx, m.tx, ops, nil); err != nil {
			return nil, err
		}
		if byDay == nil {
			byDay = map[string][]T{}
		}
		m.days[ops.kind] = byDay
	}
	return byDay[day.String()], nil
}

// wroteDay keeps the bulk merge's map of a day's rows up to date: what
// was here, with the rows written over it by UUID.
func wroteDay[T any](m *syncMerger, ops dayOps[T], day Day, here, out []T) {
	if !m.bulk {
		return
	}
	rows := map[string]T{}
	for _, r := range here {
		rows[ops.uuid(&r)] = r
	}
	for _, r := range out {
		rows[ops.uuid(&r)] = r
	}
	list := make([]T, 0, len(rows))
	for _, r := range rows {
		list = append(list, r)
	}
	slices.SortFunc(list, func(a, b T) int { return strings.Compare(ops.uuid(&a), ops.uuid(&b)) })
	m.days[ops.kind].(map[string][]T)[day.String()] = list
}
