package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Damage is what a full check found.
type Damage int

const (
	// NoDamage: the journal is sound.
	NoDamage Damage = iota
	// IndexDamage is damage confined to indexes and derived tables (the
	// per-day win counts, the search texts), which are rebuilt from the
	// records: Repair fixes it.
	IndexDamage
	// RecordDamage is damage in the records themselves (or in the file's
	// structure, where it cannot be told which): only a backup helps, and
	// nothing more is written to the file.
	RecordDamage
)

// String names the damage for logs.
func (d Damage) String() string {
	switch d {
	case NoDamage:
		return "sound"
	case IndexDamage:
		return "index damage"
	}
	return "record damage"
}

// CheckResult is what the full check (Check) found.
type CheckResult struct {
	Path   string
	Damage Damage
	// Problems are SQLite's own words, at most maxProblems of them: for the
	// log, not for the user.
	Problems []string
	// Rebuild names the indexes and derived tables found damaged.
	Rebuild []string
	// At is when the check finished, by the store's clock; Took how long
	// it ran.
	At   time.Time
	Took time.Duration
}

// OK reports whether the journal is sound.
func (r CheckResult) OK() bool { return r.Damage == NoDamage }

// Repairable reports whether the damage is confined to indexes and derived
// tables, so Repair can fix it.
func (r CheckResult) Repairable() bool { return r.Damage == IndexDamage }

// Err is nil for a sound journal, otherwise an *OpenError with ErrCorrupt
// that carries the result.
func (r CheckResult) Err() error {
	if r.OK() {
		return nil
	}
	detail := r.Damage.String()
	if len(r.Problems) > 0 {
		detail = r.Problems[0]
	}
	return &OpenError{Path: r.Path, Err: ErrCorrupt, Detail: detail, Check: &r}
}

// maxProblems is how many lines of SQLite's report a check keeps.
const maxProblems = 100

// checkMmapBytes is how much of the journal the check's connection reads
// through a memory map instead of one read call per page: integrity_check
// looks up every row in every index, and through SQLite's 2 MB page cache
// a large journal's pages are read many times over (half the check's time
// on 100,000 wins went to those calls). The map is dropped after the check.
// (A memory map turns an I/O error into SIGBUS; Matchday never truncates
// its journal, so only a failing disk could raise one, and then reading the
// file fails anyway.)
const checkMmapBytes = 1 << 30

// Check runs the full check: SQLite's integrity_check, which reads every
// page and compares every index with its table, and a comparison of the
// per-day win counts with the wins. It reads on a read-only connection of
// its own, so it can run in the background while the journal is used, and
// it classifies what it finds (CheckResult.Damage). A journal found damaged
// takes no more writes through this store (they fail with the result's
// *OpenError) until Repair has fixed it, and Close does not checkpoint it;
// damage in the records is also marked beside the journal, so the other
// processes stop writing and Open refuses it (see ForCheck). The error is
// for a check that could not run (the result then is zero).
func (s *Store) Check(ctx context.Context) (CheckResult, error) {
	start := time.Now()
	res, err := s.runCheck(ctx)
	if err != nil {
		return CheckResult{}, fmt.Errorf("data: check %s: %w", s.path, err)
	}
	res.Path, res.At, res.Took = s.path, s.now(), time.Since(start)
	s.recordCheck(res)
	return res, nil
}

// checkReuse is how old a sound check may be for checkSound to rely on it
// instead of checking again: the agent's daily check is followed at once
// by the daily backup, an import by the backup before it.
const checkReuse = 30 * time.Second

// checkSound runs the full check and returns the check's *OpenError for a
// damaged journal: backup, export, import and restore start with it. A
// sound check of this store that finished less than checkReuse ago (by the
// monotonic clock, not the store's) stands.
func (s *Store) checkSound(ctx context.Context) error {
	s.mu.Lock()
	fresh := s.lastCheck != nil && s.lastCheck.OK() && s.damage == nil && s.stopped == nil && time.Since(s.lastCheckDone) < checkReuse
	s.mu.Unlock()
	if fresh {
		return nil
	}
	res, err := s.Check(ctx)
	if err != nil {
		return err
	}
	return res.Err()
}

// LastCheck returns the newest full check's result in this process, and
// false when there was none.
func (s *Store) LastCheck() (CheckResult, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lastCheck == nil {
		return CheckResult{}, false
	}
	return *s.lastCheck, true
}

// recordCheck keeps a check's result and what follows from it for writes.
func (s *Store) recordCheck(res CheckResult) {
	s.mu.Lock()
	s.lastCheck = &res
	s.lastCheckDone = time.Now()
	s.damage = res.Err()
	s.mu.Unlock()
	if res.Damage == RecordDamage {
		s.markDamaged(res)
	}
}

// Damaged returns why nothing may be written to the journal through this
// store (a check found it damaged, or MarkDamaged was told so), or nil.
func (s *Store) Damaged() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped != nil {
		return s.stopped
	}
	return s.damage
}

// MarkDamaged stops every write through this store for good, and Close will
// not checkpoint the journal: another process found it damaged and is about
// to set it aside (the agent hears so from the window process). It returns
// once no save of this store is under way, so the file may be moved then.
// reason is what the other process found; nil stands for "damaged".
func (s *Store) MarkDamaged(reason error) {
	if reason == nil {
		reason = &OpenError{Path: s.path, Err: ErrCorrupt, Detail: "another process found it damaged"}
	}
	s.writeQ <- struct{}{}
	s.mu.Lock()
	s.stopped = reason
	s.mu.Unlock()
	<-s.writeQ
}

// runCheck runs integrity_check and the derived-data comparison in one read
// transaction on a read-only connection.
func (s *Store) runCheck(ctx context.Context) (CheckResult, error) {
	var res CheckResult
	conn, err := s.ro.Conn(ctx)
	if err != nil {
		return res, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA mmap_size = %d", checkMmapBytes)); err != nil {
		return s.corruptOr(res, err)
	}
	defer conn.ExecContext(context.Background(), "PRAGMA mmap_size = 0")
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return s.corruptOr(res, err)
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK")
	objects, err := schemaObjects(ctx, conn)
	if err != nil {
		return s.corruptOr(res, err)
	}
	lines, err := integrityLines(ctx, conn)
	if err != nil {
		return s.corruptOr(res, err)
	}
	res.Damage, res.Rebuild = classify(lines, objects)
	res.Problems = lines
	if res.Damage != NoDamage {
		return res, nil
	}
	if !hasTable(objects, "wins") {
		return res, nil // a journal not migrated yet: no tables to compare
	}
	// The indexes agree with their tables: the derived tables may be
	// compared with the records through them.
	problems, rebuild, err := derivedProblems(ctx, conn, hasTable(objects, "win_total"))
	if err != nil {
		return s.corruptOr(res, err)
	}
	if len(problems) > 0 {
		res.Damage = IndexDamage
		res.Problems = problems
		res.Rebuild = rebuild
	}
	return res, nil
}

// corruptOr turns SQLite's "damaged" into a result: damage in the records,
// since it cannot be told where. Any other error stays an error.
func (s *Store) corruptOr(res CheckResult, err error) (CheckResult, error) {
	if isCorrupt(err) {
		res.Damage = RecordDamage
		res.Problems = []string{err.Error()}
		return res, nil
	}
	return res, err
}

// schemaObject is one table or index of the journal.
type schemaObject struct {
	kind, name, table string
}

// schemaObjects maps b-tree root pages to what they hold.
func schemaObjects(ctx context.Context, q queryer) (map[int64]schemaObject, error) {
	rows, err := q.QueryContext(ctx, "SELECT type, name, tbl_name, rootpage FROM sqlite_schema WHERE rootpage > 0")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]schemaObject{1: {"table", "sqlite_schema", "sqlite_schema"}}
	for rows.Next() {
		var o schemaObject
		var root int64
		if err := rows.Scan(&o.kind, &o.name, &o.table, &root); err != nil {
			return nil, err
		}
		out[root] = o
	}
	return out, rows.Err()
}

// integrityLines runs integrity_check and returns its report, one problem
// a line, without the "ok".
func integrityLines(ctx context.Context, q queryer) ([]string, error) {
	rows, err := q.QueryContext(ctx, fmt.Sprintf("PRAGMA integrity_check(%d)", maxProblems))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var row string
		if err := rows.Scan(&row); err != nil {
			return nil, err
		}
		// The b-tree checks come as one row of lines after a heading.
		for _, line := range strings.Split(row, "\n") {
			if line != "" && line != "ok" && !strings.HasPrefix(line, "*** in database ") {
				lines = append(lines, line)
			}
		}
	}
	return lines, rows.Err()
}

// The lines of integrity_check (SQLite's pragma.c and btree.c) that name
// an index, a table, or a b-tree by its root page.
var (
	indexLine = []*regexp.Regexp{
		regexp.MustCompile(`^wrong # of entries in index (\S+)$`),
		regexp.MustCompile(`^row \d+ missing from index (\S+)$`),
		regexp.MustCompile(`^row \d+ values differ from index (\S+)$`),
		regexp.MustCompile(`^non-unique entry in index (\S+)$`),
		regexp.MustCompile(`^rowid not at end-of-record for row \d+ of index (\S+)$`),
		regexp.MustCompile(`^index (\S+) stores an imprecise floating-point value`),
	}
	tableLine = []*regexp.Regexp{
		regexp.MustCompile(`^NULL value in ([^.\s]+)\.`),
		regexp.MustCompile(`^non-\S+ value in ([^.\s]+)\.`),
		regexp.MustCompile(`^(?:NUMERIC|TEXT) value in ([^.\s]+)\.`),
		regexp.MustCompile(`^CHECK constraint failed in (\S+)$`),
		regexp.MustCompile(`^row not in PRIMARY KEY order for (\S+)$`),
	}
	treeLine = regexp.MustCompile(`^Tree (\d+) page \d+`)
)

// classify sorts integrity_check's lines: damage only in indexes (whose
// tables are sound) and in derived tables is IndexDamage; anything else,
// or a line it cannot place, is RecordDamage.
func classify(lines []string, objects map[int64]schemaObject) (Damage, []string) {
	if len(lines) == 0 {
		return NoDamage, nil
	}
	var rebuild []string
	seen := map[string]bool{}
	add := func(name string) {
		if !seen[name] {
			seen[name] = true
			rebuild = append(rebuild, name)
		}
	}
	for _, line := range lines {
		name, ok := placeLine(line, objects)
		if !ok {
			return RecordDamage, nil
		}
		add(name)
	}
	return IndexDamage, rebuild
}

// placeLine names the index or derived table a line of integrity_check is
// about; ok is false for a line about the records or the file.
func placeLine(line string, objects map[int64]schemaObject) (name string, ok bool) {
	byName := func(name string) (schemaObject, bool) {
		for _, o := range objects {
			if o.name == name {
				return o, true
			}
		}
		return schemaObject{}, false
	}
	rebuildable := func(o schemaObject) bool {
		if o.kind == "table" {
			return isDerived(o.name)
		}
		// An index, unless it is the table itself (a WITHOUT ROWID
		// table's primary key has no root of its own).
		return o.kind == "index"
	}
	for _, re := range indexLine {
		if m := re.FindStringSubmatch(line); m != nil {
			o, found := byName(m[1])
			return m[1], found && rebuildable(o)
		}
	}
	for _, re := range tableLine {
		if m := re.FindStringSubmatch(line); m != nil {
			return m[1], isDerived(m[1])
		}
	}
	if m := treeLine.FindStringSubmatch(line); m != nil {
		root, _ := strconv.ParseInt(m[1], 10, 64)
		o, found := objects[root]
		return o.name, found && rebuildable(o)
	}
	return "", false
}

// derivedProblems compares the per-day win counts and the career total
// with the live wins, and returns what disagrees and which tables to
// rebuild.
// A journal of an older schema (checked before its migration) may have no
// career total yet (withTotal false).
func derivedProblems(ctx context.Context, q queryer, withTotal bool) (problems, rebuild []string, err error) {
	var days, live, total int
	totalSQL := "-1"
	if withTotal {
		totalSQL = "coalesce((SELECT wins FROM win_total WHERE id = 1), -1)"
	}
	err = q.QueryRowContext(ctx, `WITH
		live AS (SELECT day, count(*) AS n FROM wins INDEXED BY wins_live_day WHERE deleted_at IS NULL GROUP BY day),
		kept AS (SELECT day, wins AS n FROM day_wins WHERE wins <> 0)
		SELECT (SELECT count(*) FROM (SELECT * FROM live EXCEPT SELECT * FROM kept))
		     + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM live)),
		       (SELECT coalesce(sum(n), 0) FROM live),
		       `+totalSQL).Scan(&days, &live, &total)
	if err != nil {
		return nil, nil, err
	}
	if days > 0 {
		problems = append(problems, fmt.Sprintf("day_wins disagrees with the wins on %d days", days))
		rebuild = append(rebuild, "day_wins")
	}
	if withTotal && total != live {
		problems = append(problems, fmt.Sprintf("win_total says %d wins, there are %d", total, live))
		rebuild = append(rebuild, "win_total")
	}
	return problems, rebuild, nil
}

// hasTable reports whether the schema has the named table.
func hasTable(objects map[int64]schemaObject, name string) bool {
	for _, o := range objects {
		if o.kind == "table" && o.name == name {
			return true
		}
	}
	return false
}

// RepairResult is what Repair did.
type RepairResult struct {
	Before CheckResult // the check that found the damage
	After  CheckResult // the check after the repair
	// Aside is the copy of the journal as found, set aside before the
	// repair (with its -wal, if it had one); "" when nothing was repaired.
	Aside string
}

// Repair checks the journal and repairs damage confined to indexes and
// derived tables: first it sets a copy of the file as found aside next to
// the journal (<journal>.before-repair-<time>, with its -wal), then, in one
// write transaction, it rebuilds every index (REINDEX) and the derived
// tables from the records (RebuildDerived), then it checks again. A sound
// journal is left as it is. Damage in the records is not touched: Repair
// returns the check's *OpenError, and the journal is marked damaged for
// every process (see Check); so is a journal a repair did not fix.
func (s *Store) Repair(ctx context.Context) (RepairResult, error) {
	var rr RepairResult
	before, err := s.Check(ctx)
	if err != nil {
		return rr, err
	}
	rr.Before = before
	if before.OK() {
		if !s.readOnly {
			removeMark(s.path)
		}
		return rr, nil
	}
	if !before.Repairable() {
		return rr, before.Err()
	}
	if s.readOnly {
		return rr, fmt.Errorf("data: repair %s: the journal is %w", s.path, ErrReadOnly)
	}
	err = s.write(ctx, writeOpts{repair: true}, func(tx *sql.Tx) error {
		// The write lock is held: nobody commits while the copy is made.
		aside, err := s.setAside()
		if err != nil {
			return fmt.Errorf("set a copy aside: %w", err)
		}
		rr.Aside = aside
		if _, err := tx.ExecContext(ctx, "REINDEX"); err != nil {
			return fmt.Errorf("rebuild the indexes: %w", err)
		}
		return rebuildDerived(ctx, tx)
	})
	if err != nil {
		if rr.Aside == "" || ctx.Err() != nil || errors.Is(err, ErrBusy) {
			// Nothing was tried on the file; it is as damaged as before.
			return rr, fmt.Errorf("data: repair %s: %w", s.path, err)
		}
		failed := before
		failed.Damage = RecordDamage
		failed.Problems = append([]string{"repair failed: " + err.Error()}, before.Problems...)
		s.recordCheck(failed)
		return rr, failed.Err()
	}
	after, err := s.Check(ctx)
	if err != nil {
		return rr, err
	}
	rr.After = after
	if !after.OK() {
		after.Damage = RecordDamage
		s.recordCheck(after)
		return rr, after.Err()
	}
	removeMark(s.path)
	return rr, nil
}

// setAside copies the journal as found (and its -wal) next to it as
// <journal>.before-repair-<time>, synced, and returns that name.
func (s *Store) setAside() (string, error) {
	aside := s.path + ".before-repair-" + s.now().UTC().Format(stampLayout)
	for i := 2; ; i++ {
		if _, err := os.Lstat(aside); errors.Is(err, os.ErrNotExist) {
			break
		}
		aside = fmt.Sprintf("%s.before-repair-%s.%d", s.path, s.now().UTC().Format(stampLayout), i)
	}
	for _, suffix := range []string{"", "-wal"} {
		err := copyFile(s.path+suffix, aside+suffix)
		if errors.Is(err, os.ErrNotExist) && suffix != "" {
			continue
		}
		if err != nil {
			os.Remove(aside)
			os.Remove(aside + "-wal")
			return "", err
		}
	}
	_ = syncDir(s.dir())
	return aside, nil
}

func (s *Store) dir() string { return dirOf(s.path) }

// copyFile copies src to a new file dst (0600), synced.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// The damage mark: a small file beside the journal that a check finding
// damage in the records leaves, so that every process stops writing (each
// save looks for it) and Open refuses the journal, until it is restored or
// repaired. It names the journal's size and modification time when the
// damage was found: a journal put in place since (a backup copied over it
// by hand) does not match and is not refused.
type damageMark struct {
	Problem string    `json:"problem"`
	Size    int64     `json:"size"`
	ModTime time.Time `json:"mod_time"`
	At      time.Time `json:"at"`
}

func markPath(dbPath string) string { return dbPath + ".damaged-mark" }

// markDamaged leaves the damage mark, unless the store is ForCheck or
// read-only (a check that only looks changes no file). Failing to write it
// is not an error: this process stops writing all the same.
func (s *Store) markDamaged(res CheckResult) {
	if s.forCheck || s.readOnly {
		return
	}
	fi, err := os.Stat(s.path)
	if err != nil {
		return
	}
	m := damageMark{Size: fi.Size(), ModTime: fi.ModTime(), At: s.now()}
	if len(res.Problems) > 0 {
		m.Problem = res.Problems[0]
	}
	b, err := json.Marshal(m)
	if err != nil {
		return
	}
	_ = WriteFileAtomic(markPath(s.path), func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// readMark returns an *OpenError with ErrCorrupt when the damage mark
// beside the journal at dbPath matches the journal, and nil otherwise.
func readMark(dbPath string) error {
	b, err := os.ReadFile(markPath(dbPath))
	if err != nil {
		return nil
	}
	var m damageMark
	fi, err := os.Stat(dbPath)
	if json.Unmarshal(b, &m) != nil || err != nil || fi.Size() != m.Size || !fi.ModTime().Equal(m.ModTime) {
		return nil // not about this file
	}
	res := CheckResult{Path: dbPath, Damage: RecordDamage, Problems: []string{m.Problem}, At: m.At}
	return res.Err()
}

// removeMark removes the damage mark beside the journal at dbPath.
func removeMark(dbPath string) {
	if err := os.Remove(markPath(dbPath)); err == nil {
		_ = syncDir(dirOf(dbPath))
	}
}
