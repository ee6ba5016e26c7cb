package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Why Import refused a file; an *ImportError wraps one of them. The journal
// is unchanged after any of them.
var (
	ErrNotJSON     = errors.New("is not JSON")
	ErrNotExport   = errors.New("is not a Matchday JSON export")
	ErrNewerExport = errors.New("comes from a newer version of Matchday")
	ErrBadRecord   = errors.New("holds a record that cannot be imported")
	ErrTooLarge    = errors.New("is too large")
)

// MaxImportSize is the largest file Import reads (a 50-year journal is well
// under a tenth of it).
const MaxImportSize = 256 << 20

// ImportError says why a file was not imported: Err is one of ErrNotJSON,
// ErrNotExport, ErrNewerExport, ErrBadRecord or ErrTooLarge; Record names the
// bad record, if any; Detail says what is wrong (in English, technical).
type ImportError struct {
	Err    error
	Record *RecordRef
	Detail string
	// Code names the commonest whole-file problems, so the app can say them
	// in the user's language: "empty", "truncated", or "".
	Code string
	// Cause is what the check of a bad record returned (a *TextError for a
	// text that breaks the text rules), so the app can say it in the
	// user's language; nil for a whole-file problem.
	Cause error
}

// RecordRef names a record of an export file: its kind ("win", "evening",
// "morning", "review", "off-season", "setting", or "file" for the file's own
// fields), its place in its list (from 1) and its UUID, day, week or key.
type RecordRef struct {
	Kind string
	N    int
	ID   string
}

func (r RecordRef) String() string {
	if r.Kind == "file" {
		return "the file"
	}
	s := fmt.Sprintf("%s %d", r.Kind, r.N)
	if r.ID != "" {
		s += " (" + r.ID + ")"
	}
	return s
}

func (e *ImportError) Error() string {
	msg := "data: import: the file " + e.Err.Error()
	if e.Record != nil {
		msg += ": " + e.Record.String()
	}
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	return msg
}

func (e *ImportError) Unwrap() []error {
	if e.Cause != nil {
		return []error{e.Err, e.Cause}
	}
	return []error{e.Err}
}

func badRecord(record RecordRef, err error) error {
	return &ImportError{Err: ErrBadRecord, Record: &record, Detail: detail(err), Cause: err}
}

// detail is err's message without the package prefixes.
func detail(err error) string {
	msg := err.Error()
	for _, p := range []string{"data: ", "json: "} {
		if len(msg) > len(p) && msg[:len(p)] == p {
			msg = msg[len(p):]
		}
	}
	return msg
}

// ImportResult counts what an import did.
type ImportResult struct {
	Added     int // records that were new here
	Updated   int // records the file had in a newer version
	Unchanged int // records already here as new or newer
	// Merged counts the evenings and mornings of the file that met another
	// one for their day here, and the reviews and off-seasons that met one
	// for their week or first day: the two became one, keeping both texts.
	Merged int
	Backup string // the backup taken before the import
}

// Import merges a JSON export (see Journal) into the journal. The file is
// checked completely first: unknown fields, wrong types, bad days (one
// after today included), bad or oversize text make it fail with an
// *ImportError naming the record. Then a backup is taken and everything is
// merged in one transaction, all or nothing: records are matched by UUID,
// and the one with the newer updated_at wins, so importing the same file
// twice changes nothing. A delete travels as a tombstone like any change.
//
// No text is ever deleted: an evening or morning that meets another one
// for its day (a different UUID) is merged with it (see MergeTexts): the
// one created first stays, each of its answers holding both texts, and the
// other becomes a tombstone.
func (s *Store) Import(ctx context.Context, r io.Reader) (ImportResult, error) {
	j, err := readJournal(r)
	if err != nil {
		return ImportResult{}, err
	}
	today, err := s.Today(ctx)
	if err != nil {
		return ImportResult{}, fmt.Errorf("data: import: %w", err)
	}
	if err := j.checkNotAfter(today); err != nil {
		return ImportResult{}, err
	}
	backup, err := s.backupBefore(ctx, "import")
	if err != nil {
		return ImportResult{}, fmt.Errorf("data: import: back up first: %w", err)
	}
	res, err := s.merge(ctx, j)
	res.Backup = backup
	return res, err
}

// readJournal reads and checks a whole JSON export; texts come back cleaned
// by the text rules.
func readJournal(r io.Reader) (Journal, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxImportSize+1))
	if err != nil {
		return Journal{}, fmt.Errorf("data: import: read the file: %w", err)
	}
	if len(b) > MaxImportSize {
		return Journal{}, &ImportError{Err: ErrTooLarge, Detail: fmt.Sprintf("more than %d MB", MaxImportSize>>20)}
	}
	return parseJournal(b)
}

// parseJournal checks the format and version first, so a file from another
// program or a newer Matchday gets that message rather than one about its
// fields.
func parseJournal(b []byte) (Journal, error) {
	var head struct {
		Format  *string `json:"format"`
		Version *int    `json:"version"`
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return Journal{}, &ImportError{Err: ErrNotJSON, Detail: "it is empty", Code: "empty"}
	}
	if err := json.Unmarshal(b, &head); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn) && (strings.Contains(syn.Error(), "unexpected end of JSON input") ||
			strings.Contains(syn.Error(), "invalid character ' ' in literal") && syn.Offset >= int64(len(b))):
			// A file cut inside a literal ("fal") fails at its very end.
			return Journal{}, &ImportError{Err: ErrNotJSON, Detail: "it ends too early (truncated?)", Code: "truncated"}
		case errors.As(err, &syn):
			return Journal{}, &ImportError{Err: ErrNotJSON, Detail: fmt.Sprintf("%s at byte %d", syn.Error(), syn.Offset)}
		case errors.As(err, &typ):
			return Journal{}, &ImportError{Err: ErrNotExport, Detail: detail(err)}
		default:
			return Journal{}, &ImportError{Err: ErrNotJSON, Detail: detail(err)}
		}
	}
	if head.Format == nil || *head.Format != JSONFormat || head.Version == nil || *head.Version < 1 {
		return Journal{}, &ImportError{Err: ErrNotExport, Detail: fmt.Sprintf("want \"format\": %q", JSONFormat)}
	}
	if *head.Version > JSONVersion {
		return Journal{}, &ImportError{Err: ErrNewerExport, Detail: fmt.Sprintf("version %d, this Matchday reads up to %d", *head.Version, JSONVersion)}
	}

	var file struct {
		Format     string            `json:"format"`
		Version    int               `json:"version"`
		ExportedAt *time.Time        `json:"exported_at"`
		Currency   *Currency         `json:"currency"`
		Wins       []json.RawMessage `json:"wins"`
		Evenings   []json.RawMessage `json:"evenings"`
		Mornings   []json.RawMessage `json:"mornings"`
		Reviews    []json.RawMessage `json:"reviews"`
		OffSeasons []json.RawMessage `json:"off_seasons"`
		Settings   []json.RawMessage `json:"settings"`
	}
	if err := strictDecode(b, &file); err != nil {
		return Journal{}, badRecord(RecordRef{Kind: "file"}, err)
	}
	j := Journal{Format: file.Format, Version: file.Version}
	if file.ExportedAt != nil {
		j.ExportedAt = *file.ExportedAt
	}
	if file.Currency != nil {
		if *file.Currency != "" && !file.Currency.Valid() {
			return Journal{}, badRecord(RecordRef{Kind: "file"}, fmt.Errorf("currency %q is not one of EUR, USD, GBP, CHF", *file.Currency))
		}
		j.Currency = *file.Currency
	}
	seen := map[string]RecordRef{} // uuid -> record, across all kinds
	claim := func(uuid string, record RecordRef) error {
		if other, dup := seen[uuid]; dup {
			return badRecord(record, fmt.Errorf("its uuid is also used by %s", other))
		}
		seen[uuid] = record
		return nil
	}

	j.Wins = make([]Win, len(file.Wins))
	for i, raw := range file.Wins {
		w := &j.Wins[i]
		if err := strictDecode(raw, w); err != nil {
			return Journal{}, badRecord(RecordRef{Kind: "win", N: i + 1}, err)
		}
		record := RecordRef{"win", i + 1, w.UUID}
		if err := w.check(); err != nil {
			return Journal{}, badRecord(record, err)
		}
		if err := claim(w.UUID, record); err != nil {
			return Journal{}, err
		}
	}
	days := map[Day]RecordRef{}
	j.Evenings = make([]Evening, len(file.Evenings))
	for i, raw := range file.Evenings {
		e := &j.Evenings[i]
		if err := strictDecode(raw, e); err != nil {
			return Journal{}, badRecord(RecordRef{Kind: "evening", N: i + 1}, err)
		}
		record := RecordRef{"evening", i + 1, e.Day.String()}
		if err := e.check(); err != nil {
			return Journal{}, badRecord(record, err)
		}
		if err := claim(e.UUID, record); err != nil {
			return Journal{}, err
		}
		if e.DeletedAt != nil {
			continue // tombstones do not count for the one live evening a day
		}
		if other, dup := days[e.Day]; dup {
			return Journal{}, badRecord(record, fmt.Errorf("%s is for the same day", other))
		}
		days[e.Day] = record
	}
	clear(days)
	j.Mornings = make([]Morning, len(file.Mornings))
	for i, raw := range file.Mornings {
		m := &j.Mornings[i]
		if err := strictDecode(raw, m); err != nil {
			return Journal{}, badRecord(RecordRef{Kind: "morning", N: i + 1}, err)
		}
		record := RecordRef{"morning", i + 1, m.Day.String()}
		if err := m.check(); err != nil {
			return Journal{}, badRecord(record, err)
		}
		if err := claim(m.UUID, record); err != nil {
			return Journal{}, err
		}
		if m.DeletedAt != nil {
			continue
		}
		if other, dup := days[m.Day]; dup {
			return Journal{}, badRecord(record, fmt.Errorf("%s is for the same day", other))
		}
		days[m.Day] = record
	}
	if err := parseSeasonRecords(&j, file.Reviews, file.OffSeasons, claim); err != nil {
		return Journal{}, err
	}
	keys := map[string]bool{}
	j.Settings = make([]Setting, len(file.Settings))
	for i, raw := range file.Settings {
		st := &j.Settings[i]
		if err := strictDecode(raw, st); err != nil {
			return Journal{}, badRecord(RecordRef{Kind: "setting", N: i + 1}, err)
		}
		record := RecordRef{"setting", i + 1, st.Key}
		if err := st.check(); err != nil {
			return Journal{}, badRecord(record, err)
		}
		if keys[st.Key] {
			return Journal{}, badRecord(record, errors.New("the key appears twice"))
		}
		keys[st.Key] = true
	}
	return j, nil
}

// strictDecode decodes one JSON value into v, refusing unknown fields and
// anything after the value.
func strictDecode(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("more than one value")
	}
	return nil
}

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func checkUUID(uuid string) error {
	if !uuidPattern.MatchString(uuid) {
		return fmt.Errorf("uuid %q is not a UUID (like 3f2a5c1e-8d4b-4c2a-9e1f-0a1b2c3d4e5f)", uuid)
	}
	return nil
}

func checkDay(d Day) error {
	if d.IsZero() {
		return errors.New("day is missing")
	}
	if d.Year() < 1900 || d.Year() > 9999 {
		return fmt.Errorf("day %s is out of range", d)
	}
	return nil
}

// checkTime refuses a missing time, and one the journal cannot store in its
// fixed-width form.
func checkTime(field string, t time.Time) error {
	if t.IsZero() {
		return fmt.Errorf("%s is missing", field)
	}
	if y := t.UTC().Year(); y < 1900 || y > 9999 {
		return fmt.Errorf("%s %s is out of range", field, t.Format(time.RFC3339))
	}
	return nil
}

func checkTimePtr(field string, t *time.Time) error {
	if t == nil {
		return nil
	}
	return checkTime(field, *t)
}

// maxZone is the longest zone name an import accepts.
const maxZone = 64

// check applies the rules AddWin applies, and cleans the texts the same way.
func (w *Win) check() error {
	if err := checkUUID(w.UUID); err != nil {
		return err
	}
	if err := checkDay(w.Day); err != nil {
		return err
	}
	in, err := NewWin{Text: w.Text, Note: w.Note, Client: w.Client, Amount: w.Amount}.clean()
	if err != nil {
		return err
	}
	w.Text, w.Note, w.Client = in.Text, in.Note, in.Client
	if w.Zone, err = cleanOptional("zone", w.Zone, maxZone); err != nil {
		return err
	}
	w.CreatedAt, w.UpdatedAt = w.CreatedAt.UTC(), w.UpdatedAt.UTC()
	if w.DeletedAt != nil {
		d := w.DeletedAt.UTC()
		w.DeletedAt = &d
	}
	return errors.Join(checkTime("created_at", w.CreatedAt), checkTime("updated_at", w.UpdatedAt), checkTimePtr("deleted_at", w.DeletedAt))
}

// check applies the rules the evening window's saves apply.
func (e *Evening) check() error {
	if err := checkUUID(e.UUID); err != nil {
		return err
	}
	if err := checkDay(e.Day); err != nil {
		return err
	}
	a, err := EveningAnswers{WentWell: e.WentWell, RepeatHow: e.RepeatHow, FocusResult: e.FocusResult}.clean()
	if err != nil {
		return err
	}
	e.WentWell, e.RepeatHow = a.WentWell, a.RepeatHow
	if e.CelebratedAt != nil && e.WentWell == "" && e.RepeatHow == "" {
		return errors.New("it is celebrated but both answers are empty")
	}
	if err := checkMergedInto(e.MergedInto, e.DeletedAt); err != nil {
		return err
	}
	e.CreatedAt, e.UpdatedAt = e.CreatedAt.UTC(), e.UpdatedAt.UTC()
	e.CelebratedAt, e.DeletedAt = utcPtr(e.CelebratedAt), utcPtr(e.DeletedAt)
	return errors.Join(checkTime("created_at", e.CreatedAt), checkTime("updated_at", e.UpdatedAt),
		checkTimePtr("celebrated_at", e.CelebratedAt), checkTimePtr("deleted_at", e.DeletedAt))
}

// check applies the rules the morning window's saves apply.
func (m *Morning) check() error {
	if err := checkUUID(m.UUID); err != nil {
		return err
	}
	if err := checkDay(m.Day); err != nil {
		return err
	}
	var err error
	if m.Focus, err = cleanMergeable("focus", m.Focus, MaxFocus); err != nil {
		return err
	}
	if m.PlanWhen, err = cleanOptional("plan_when", m.PlanWhen, MaxFocus); err != nil {
		return err
	}
	if m.SetAt != nil && m.Focus == "" {
		return errors.New("the focus is set but empty")
	}
	if err := checkMergedInto(m.MergedInto, m.DeletedAt); err != nil {
		return err
	}
	m.CreatedAt, m.UpdatedAt = m.CreatedAt.UTC(), m.UpdatedAt.UTC()
	m.SetAt, m.DeletedAt = utcPtr(m.SetAt), utcPtr(m.DeletedAt)
	return errors.Join(checkTime("created_at", m.CreatedAt), checkTime("updated_at", m.UpdatedAt),
		checkTimePtr("set_at", m.SetAt), checkTimePtr("deleted_at", m.DeletedAt))
}

// checkMergedInto accepts merged_into only on a tombstone, as a UUID.
func checkMergedInto(uuid string, deleted *time.Time) error {
	if uuid == "" {
		return nil
	}
	if deleted == nil {
		return errors.New("merged_into is set on a record that is not deleted")
	}
	if err := checkUUID(uuid); err != nil {
		return fmt.Errorf("merged_into: %w", err)
	}
	return nil
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// checkNotAfter refuses a journal with a record for a day after today: a
// day is never in the future.
func (j Journal) checkNotAfter(today Day) error {
	future := func(kind string, n int, id string, d Day) error {
		return badRecord(RecordRef{kind, n + 1, id}, fmt.Errorf("day %s is after today (%s): %w", d, today, ErrFutureDay))
	}
	for i, w := range j.Wins {
		if w.Day.After(today) {
			return future("win", i, w.UUID, w.Day)
		}
	}
	for i, e := range j.Evenings {
		if e.Day.After(today) {
			return future("evening", i, e.Day.String(), e.Day)
		}
	}
	for i, m := range j.Mornings {
		if m.Day.After(today) {
			return future("morning", i, m.Day.String(), m.Day)
		}
	}
	return nil
}

// check accepts only the settings this version knows, with valid values.
func (st *Setting) check() error {
	st.UpdatedAt = st.UpdatedAt.UTC()
	if err := checkTime("updated_at", st.UpdatedAt); err != nil {
		return err
	}
	for _, f := range settingFields {
		if f.key == st.Key {
			var probe Settings
			return f.parse(&probe, st.Value)
		}
	}
	return fmt.Errorf("%q is not a Matchday setting", st.Key)
}

// stamp is a stored record's day, version and whether it is a tombstone.
type stamp struct {
	day     string
	updated string
	deleted bool
}

// stamps is what the journal holds of one table: uuid -> stamp, and, for
// the tables with one live record a day, day -> the uuid of that record.
type stamps struct {
	have map[string]stamp
	live map[string]string
}

func readStamps(ctx context.Context, tx *sql.Tx, table string) (stamps, error) {
	st := stamps{have: map[string]stamp{}, live: map[string]string{}}
	rows, err := tx.QueryContext(ctx, `SELECT uuid, day, updated_at, deleted_at IS NOT NULL FROM `+table)
	if err != nil {
		return st, err
	}
	defer rows.Close()
	for rows.Next() {
		var uuid string
		var s stamp
		if err := rows.Scan(&uuid, &s.day, &s.updated, &s.deleted); err != nil {
			return st, err
		}
		st.have[uuid] = s
		if !s.deleted {
			st.live[s.day] = uuid
		}
	}
	return st, rows.Err()
}

// newer reports whether a record of version upd is newer than this
// journal's version of uuid (or new here), and whether uuid is here.
func (st stamps) newer(uuid, upd string) (newer, here bool) {
	old, here := st.have[uuid]
	return !here || upd > old.updated, here
}

// rival returns the other live record of day that a live record uuid would
// meet there, or "".
func (st stamps) rival(uuid, day string, live bool) string {
	if other, ok := st.live[day]; live && ok && other != uuid {
		return other
	}
	return ""
}

// wrote records that uuid now holds day at version upd.
func (st stamps) wrote(uuid, day, upd string, deleted bool) {
	if old, ok := st.have[uuid]; ok && st.live[old.day] == uuid {
		delete(st.live, old.day)
	}
	st.have[uuid] = stamp{day, upd, deleted}
	if !deleted {
		st.live[day] = uuid
	}
}

// importCacheKiB is the page cache an import's connection gets: a 10-year
// journal's pages fit, so a big import does not spill pages to the log
// half-way. It is set back to SQLite's default afterwards.
const importCacheKiB = 64 << 10

// withCache gives a write's connection a page cache of kib KiB (see
// writeOpts.prepare), and SQLite's default back afterwards.
func withCache(kib int) func(ctx context.Context, conn *sql.Conn) (func(), error) {
	return func(ctx context.Context, conn *sql.Conn) (func(), error) {
		if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = -%d", kib)); err != nil {
			return nil, err
		}
		return func() { conn.ExecContext(context.Background(), "PRAGMA cache_size = -2000") }, nil
	}
}

// merge writes j into the journal in one transaction, on a connection of
// its own with a large page cache, records in UUID order (the order of the
// tables' keys, so the B-trees fill in order).
func (s *Store) merge(ctx context.Context, j Journal) (ImportResult, error) {
	var res ImportResult
	err := s.write(ctx, writeOpts{prepare: withCache(importCacheKiB)}, func(tx *sql.Tx) error {
		res = ImportResult{}
		if err := mergeWins(ctx, tx, sortedByUUID(j.Wins, func(w Win) string { return w.UUID }), &res); err != nil {
			return err
		}
		now := s.now().UTC()
		if err := mergeDays(ctx, tx, eveningOps(), sortedByUUID(j.Evenings, func(e Evening) string { return e.UUID }), now, &res); err != nil {
			return err
		}
		if err := mergeDays(ctx, tx, morningOps(), sortedByUUID(j.Mornings, func(m Morning) string { return m.UUID }), now, &res); err != nil {
			return err
		}
		if err := mergeReviews(ctx, tx, sortedByUUID(j.Reviews, func(r Review) string { return r.UUID }), now, &res); err != nil {
			return err
		}
		if err := mergeOffSeasons(ctx, tx, sortedByUUID(j.OffSeasons, func(o OffSeason) string { return o.UUID }), now, &res); err != nil {
			return err
		}
		return mergeSettings(ctx, tx, j.Settings, &res)
	})
	if err != nil {
		return ImportResult{}, fmt.Errorf("data: import: %w", err)
	}
	return res, nil
}

// sortedByUUID returns a copy of records in UUID order.
func sortedByUUID[T any](records []T, uuid func(T) string) []T {
	out := slices.Clone(records)
	slices.SortFunc(out, func(a, b T) int { return strings.Compare(uuid(a), uuid(b)) })
	return out
}

func mergeWins(ctx context.Context, tx *sql.Tx, wins []Win, res *ImportResult) error {
	st, err := readStamps(ctx, tx, "wins")
	if err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, upsertWinSQL)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, w := range wins {
		upd := formatTS(w.UpdatedAt)
		newer, exists := st.newer(w.UUID, upd)
		if !newer {
			res.Unchanged++
			continue
		}
		if _, err := stmt.ExecContext(ctx, winArgs(w)...); err != nil {
			return fmt.Errorf("win %s: %w", w.UUID, err)
		}
		count(res, exists)
	}
	return nil
}

func count(res *ImportResult, existed bool) {
	if existed {
		res.Updated++
	} else {
		res.Added++
	}
}

// mergeDays writes the file's evenings or mornings (ops says which) that
// are new or newer here. One that would be live beside another live
// record for its day is merged with it (mergePair): nothing either holds
// is lost.
func mergeDays[T any](ctx context.Context, tx *sql.Tx, ops dayOps[T], items []T, now time.Time, res *ImportResult) error {
	st, err := readStamps(ctx, tx, ops.kind+"s")
	if err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, ops.upsert)
	if err != nil {
		return err
	}
	defer stmt.Close()
	write := func(t T) error {
		if _, err := stmt.ExecContext(ctx, ops.args(t)...); err != nil {
			return fmt.Errorf("%s %s: %w", ops.kind, ops.day(&t), err)
		}
		st.wrote(ops.uuid(&t), ops.day(&t).String(), formatTS(ops.updated(&t)), ops.deleted(&t) != nil)
		return nil
	}
	byUUID := func(uuid string) (T, error) {
		found, err := ops.query(ctx, tx, `WHERE uuid = ?`, uuid)
		if err == nil && len(found) == 0 {
			err = ErrNotFound
		}
		if err != nil {
			var zero T
			return zero, err
		}
		return found[0], nil
	}
	touched := map[Day]bool{}
	for _, t := range items {
		newer, exists := st.newer(ops.uuid(&t), formatTS(ops.updated(&t)))
		if !newer {
			res.Unchanged++
			continue
		}
		day := ops.day(&t)
		touched[day] = true
		rival := st.rival(ops.uuid(&t), day.String(), ops.deleted(&t) == nil)
		if rival == "" {
			if err := write(t); err != nil {
				return err
			}
			count(res, exists)
			continue
		}
		here, err := byUUID(rival)
		if err != nil {
			return fmt.Errorf("%s %s: %w", ops.kind, day, err)
		}
		keep, gone := mergePair(ops, t, here, now)
		// The tombstone first: the day takes one live record.
		if err := write(gone); err != nil {
			return err
		}
		if err := write(keep); err != nil {
			return err
		}
		res.Merged++
	}
	// A newer version of a day's record from elsewhere does not know the
	// texts merged into it here: the day's record takes them again from
	// the tombstones they came from.
	merged, err := ops.query(ctx, tx, `WHERE merged_into IS NOT NULL AND deleted_at IS NOT NULL ORDER BY day, updated_at DESC, uuid`)
	if err != nil {
		return err
	}
	for _, t := range merged {
		day := ops.day(&t)
		uuid, ok := st.live[day.String()]
		if !touched[day] || !ok {
			continue
		}
		live, err := byUUID(uuid)
		if err != nil {
			return fmt.Errorf("%s %s: %w", ops.kind, day, err)
		}
		if c := ops.combine(live, t); !ops.same(c, live) {
			ops.settle(&c, ops.uuid(&live), ops.created(&live), latest(ops.updated(&live), now))
			if err := write(c); err != nil {
				return err
			}
		}
	}
	return nil
}

// upsertSettingSQL writes a setting with its own updated_at.
const upsertSettingSQL = `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
	ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`

func mergeSettings(ctx context.Context, tx *sql.Tx, settings []Setting, res *ImportResult) error {
	rows, err := tx.QueryContext(ctx, `SELECT key, updated_at FROM settings`)
	if err != nil {
		return err
	}
	have := map[string]string{}
	for rows.Next() {
		var k, upd string
		if err := rows.Scan(&k, &upd); err != nil {
			rows.Close()
			return err
		}
		have[k] = upd
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, st := range settings {
		upd := formatTS(st.UpdatedAt)
		old, exists := have[st.Key]
		if exists && upd <= old {
			res.Unchanged++
			continue
		}
		if _, err := tx.ExecContext(ctx, upsertSettingSQL, st.Key, st.Value, upd); err != nil {
			return fmt.Errorf("setting %s: %w", st.Key, err)
		}
		count(res, exists)
	}
	return nil
}
