package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Backups kept in the backups folder: the newest KeepDaily daily backups,
// and the newest daily backup of each of the newest KeepWeekly weeks; of the
// backups taken before an import, a restore or a session's first sync, the
// newest KeepBefore each.
const (
	KeepDaily  = 14
	KeepWeekly = 8
	KeepBefore = 8
)

// Backup kinds. A backup's file name in the backups folder names its
// journal (the journal file's name without extension and the first 8
// characters of its id, see JournalID), its kind and its time, so two
// journals in one folder never share, skip or offer each other's backups:
//
//	work-1a2b3c4d-daily-2026-11-29.db
//	work-1a2b3c4d-manual-20261129-140501.db
//	work-1a2b3c4d-before-import-20261129-140501.db
//	work-1a2b3c4d-before-restore-20261129-140501.db
//	work-1a2b3c4d-before-sync-20261129-140501.db
//
// Backups made before journals had ids are named by kind and time only
// (daily-2026-11-29.db); they are found again for their journal by their
// content (see BackupsOf).
const (
	BackupDaily         = "daily"
	BackupManual        = "manual"
	BackupBeforeImport  = "before-import"
	BackupBeforeRestore = "before-restore"
	BackupBeforeSync    = "before-sync"
)

const stampLayout = "20060102-150405"

// ErrBackupOverJournal is returned for a backup aimed at the journal itself.
var ErrBackupOverJournal = errors.New("that is the journal itself")

// isJournal reports whether path names the journal's own file.
func (s *Store) isJournal(path string) bool {
	a, err1 := filepath.Abs(path)
	b, err2 := filepath.Abs(s.path)
	if err1 == nil && err2 == nil && a == b {
		return true
	}
	fa, err1 := os.Stat(path)
	fb, err2 := os.Stat(s.path)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}

// BackupDir is the backups folder: backups/ beside the journal.
func (s *Store) BackupDir() string { return backupDirOf(s.path) }

func backupDirOf(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "backups") }

// Backup writes a consistent copy of the journal to dest while others may
// go on writing: the full check of the journal first (a damaged journal is
// not backed up: VACUUM INTO would leave out what it cannot read, and the
// copy would push good backups out), then SQLite's VACUUM INTO a temporary
// file beside dest, fsync, PRAGMA integrity_check on the copy, then a
// rename over dest. On any error nothing is left behind and dest is
// untouched; for a damaged journal the error is the check's *OpenError.
func (s *Store) Backup(ctx context.Context, dest string) error {
	if s.isJournal(dest) {
		return fmt.Errorf("data: back up to %s: %w", dest, ErrBackupOverJournal)
	}
	if err := s.checkSound(ctx); err != nil {
		return fmt.Errorf("data: back up to %s: %w", dest, err)
	}
	if err := s.backup(ctx, dest); err != nil {
		return fmt.Errorf("data: back up to %s: %w", dest, err)
	}
	return nil
}

func (s *Store) backup(ctx context.Context, dest string) error {
	dir := filepath.Dir(dest)
	tmp, err := tempName(dir, filepath.Base(dest))
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			os.Remove(tmp)
		}
	}()
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		return err
	}
	// A backup holds everything the journal does: for the user's eyes only.
	if err := os.Chmod(tmp, 0o600); err != nil {
		return err
	}
	if err := syncFile(tmp); err != nil {
		return err
	}
	if err := integrityCheck(ctx, tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		return err
	}
	ok = true
	return syncDir(dir)
}

// tempName returns an unused name for a temporary file in dir, hidden and
// marked so a crash's leftovers are recognisable.
func tempName(dir, base string) (string, error) {
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return "", err
	}
	name := f.Name()
	f.Close()
	// VACUUM INTO wants to create the file itself.
	if err := os.Remove(name); err != nil {
		return "", err
	}
	return name, nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename in dir durable. Not every system can sync a
// folder; that is not an error.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer d.Close()
	_ = d.Sync()
	return nil
}

// integrityCheck runs PRAGMA integrity_check on a copy that nobody else has
// open, read-only.
func integrityCheck(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&immutable=1")
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("check the copy: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("check the copy: %w", err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check the copy: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("the copy is damaged: %s: %w", problems[0], ErrCorrupt)
	}
	return nil
}

// BackupFile is one backup in the backups folder.
type BackupFile struct {
	Path string
	Kind string    // BackupDaily, BackupManual, BackupBeforeImport, BackupBeforeRestore or BackupBeforeSync
	Time time.Time // when it was taken (for a daily backup: midnight UTC of its day)
	Day  Day       // the day of a daily backup; zero for the others
	Size int64
	// Wins is the number of wins (not deleted) in the backup, or -1 when
	// the backup cannot be read.
	Wins int
	// JournalID is the id of the journal the backup was taken of, read
	// from the backup; "" for a backup from before journals had ids.
	JournalID string
}

// backupPath names a new backup of kind in the backups folder, by the
// current time (UTC), adding a count when that second is taken. It creates
// the folder.
func (s *Store) backupPath(ctx context.Context, kind string) (string, error) {
	prefix, err := s.backupPrefix(ctx)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(s.BackupDir(), 0o700); err != nil {
		return "", fmt.Errorf("data: create the backups folder: %w", err)
	}
	stamp := s.now().UTC().Format(stampLayout)
	p := filepath.Join(s.BackupDir(), prefix+kind+"-"+stamp+".db")
	for i := 2; ; i++ {
		if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) || i > 1000 {
			return p, nil
		}
		p = filepath.Join(s.BackupDir(), fmt.Sprintf("%s%s-%s.%d.db", prefix, kind, stamp, i))
	}
}

// BackupNow writes a manual backup into the backups folder and returns its
// path.
func (s *Store) BackupNow(ctx context.Context) (string, error) {
	p, err := s.backupPath(ctx, BackupManual)
	if err != nil {
		return "", err
	}
	return p, s.Backup(ctx, p)
}

// backupBefore backs up the journal before an import or a restore, and
// keeps only the newest KeepBefore of that kind.
func (s *Store) backupBefore(ctx context.Context, what string) (string, error) {
	p, err := s.backupPath(ctx, "before-"+what)
	if err != nil {
		return "", err
	}
	if err := s.Backup(ctx, p); err != nil {
		return "", err
	}
	return p, s.prune(ctx)
}

// DailyBackup makes the day's automatic backup of this journal,
// <journal>-<id>-daily-YYYY-MM-DD.db in the backups folder, unless it
// exists, then deletes this journal's old ones: it keeps the newest
// KeepDaily daily backups and the newest one of each of the newest
// KeepWeekly weeks. The agent calls it once a day (calling it more often
// is harmless). It returns the path written, or "" when the day's backup
// was already there.
func (s *Store) DailyBackup(ctx context.Context) (string, error) {
	day, err := s.Today(ctx)
	if err != nil {
		return "", err
	}
	prefix, err := s.backupPrefix(ctx)
	if err != nil {
		return "", err
	}
	p := filepath.Join(s.BackupDir(), prefix+BackupDaily+"-"+day.String()+".db")
	if _, err := os.Stat(p); err == nil {
		return "", s.prune(ctx)
	}
	if err := os.MkdirAll(s.BackupDir(), 0o700); err != nil {
		return "", fmt.Errorf("data: create the backups folder: %w", err)
	}
	if err := s.Backup(ctx, p); err != nil {
		return "", err
	}
	return p, s.prune(ctx)
}

// prune deletes this journal's backups that the retention rules no longer
// keep; manual backups are the user's and stay, and other journals'
// backups are never touched.
func (s *Store) prune(ctx context.Context) error {
	all, err := s.listBackups(ctx, false)
	if err != nil {
		return err
	}
	keep := map[string]bool{}
	var daily []BackupFile
	perKind := map[string]int{}
	for _, b := range all { // newest first
		switch b.Kind {
		case BackupDaily:
			daily = append(daily, b)
		case BackupManual:
			keep[b.Path] = true
		default:
			perKind[b.Kind]++
			keep[b.Path] = perKind[b.Kind] <= KeepBefore
		}
	}
	weeks := map[Day]bool{}
	for i, b := range daily {
		week := b.Day.WeekStart()
		if i < KeepDaily {
			keep[b.Path] = true
		}
		if !weeks[week] && len(weeks) < KeepWeekly {
			weeks[week] = true
			keep[b.Path] = true
		}
	}
	var errs []error
	for _, p := range staleTemps(s.BackupDir(), s.now()) {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	for _, b := range all {
		if !keep[b.Path] {
			if err := os.Remove(b.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
				errs = append(errs, err)
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("data: delete old backups: %w", err)
	}
	return nil
}

// staleTemps lists the temporary files a crash during a backup or restore
// may have left in dir: hidden, marked, and more than a day old (so never
// one that is being written now).
func staleTemps(dir string, now time.Time) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, ".") || !(strings.HasPrefix(name, ".restore-") || strings.Contains(name, ".tmp-")) {
			continue
		}
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > 24*time.Hour {
			out = append(out, filepath.Join(dir, name))
		}
	}
	return out
}

// ErrOtherJournal is why Restore refuses a backup of another journal (its
// journal id differs from this journal's, or, for a backup from before
// journals had ids, its records are not this journal's): the app asks
// whether that is really meant, and calls Restore again with
// AllowOtherJournal.
var ErrOtherJournal = errors.New("the backup belongs to another journal")

// RestoreOption changes what Restore and ReplaceDamaged accept.
type RestoreOption func(*restoreOptions)

type restoreOptions struct{ otherJournal bool }

// AllowOtherJournal lets Restore and ReplaceDamaged put a backup of
// another journal in place: the user said so.
func AllowOtherJournal() RestoreOption {
	return func(o *restoreOptions) { o.otherJournal = true }
}

// Restore replaces the journal's contents with those of the backup at path.
// It first checks the backup (a Matchday journal, not from a newer version,
// undamaged: on a private copy, so the backup file itself is never
// changed) and that it is a backup of this journal (else ErrOtherJournal,
// unless AllowOtherJournal is given), then backs up the current state
// (…-before-restore-…), then copies every record table in one
// transaction, through SQLite, so the agent and windows that have the
// journal open see the change like any other write, and rebuilds the
// derived tables. The journal keeps its own id, and the program's own state
// (local_state: when reminders last fired) stays as it is here. It returns
// the path of the backup of the state before.
func (s *Store) Restore(ctx context.Context, backupPath string, opts ...RestoreOption) (string, error) {
	var o restoreOptions
	for _, opt := range opts {
		opt(&o)
	}
	src, cleanup, err := s.openBackupCopy(ctx, backupPath)
	if err != nil {
		return "", err
	}
	defer cleanup()
	if !o.otherJournal {
		if err := s.checkOwnBackup(ctx, backupPath); err != nil {
			return "", fmt.Errorf("data: restore %s: %w", backupPath, err)
		}
	}
	before, err := s.backupBefore(ctx, "restore")
	if err != nil {
		return "", fmt.Errorf("data: restore: back up first: %w", err)
	}
	if err := s.copyFrom(ctx, src); err != nil {
		return before, fmt.Errorf("data: restore %s: %w", backupPath, err)
	}
	return before, nil
}

// openBackupCopy copies the backup to a private temporary file, opens it as
// a journal (which refuses foreign, newer and damaged files and migrates an
// older one), checks it fully and closes it again.
func (s *Store) openBackupCopy(ctx context.Context, backupPath string) (string, func(), error) {
	dir := s.BackupDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", nil, fmt.Errorf("data: restore: %w", err)
	}
	f, err := os.CreateTemp(dir, ".restore-*.db")
	if err != nil {
		return "", nil, fmt.Errorf("data: restore: %w", err)
	}
	tmp := f.Name()
	cleanup := func() {
		for _, p := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
			os.Remove(p)
		}
	}
	err = copyInto(f, backupPath)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		cleanup()
		return "", nil, fmt.Errorf("data: restore: read %s: %w", backupPath, err)
	}
	b, err := Open(tmp, ForCheck())
	if err != nil {
		cleanup()
		var oe *OpenError
		if errors.As(err, &oe) {
			oe.Path = backupPath
			return "", nil, oe
		}
		return "", nil, fmt.Errorf("data: restore: %w", err)
	}
	err = integrityCheckDB(ctx, b.db)
	if cerr := b.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		cleanup()
		return "", nil, &OpenError{Path: backupPath, Err: ErrCorrupt, Detail: err.Error()}
	}
	return tmp, cleanup, nil
}

func copyInto(dst *os.File, path string) error {
	src, err := os.Open(path)
	if err != nil {
		return err
	}
	defer src.Close()
	_, err = io.Copy(dst, src)
	return err
}

func integrityCheckDB(ctx context.Context, db *sql.DB) error {
	var line string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check(1)").Scan(&line); err != nil {
		return err
	}
	if line != "ok" {
		return errors.New(line)
	}
	return nil
}

// restoreSQL replaces a record table's rows in the journal with those of
// the attached backup, naming every column, so the copy never depends on
// the two tables' column order and a column left out of recordTables is
// caught by a test instead of silently taking its default.
func restoreSQL(t tableColumns) string {
	cols := strings.Join(t.columns, ", ")
	return `DELETE FROM main.` + t.table + `;
		INSERT INTO main.` + t.table + ` (` + cols + `) SELECT ` + cols + ` FROM restored.` + t.table + `;`
}

// copyFrom replaces the records (recordTables) with those of the journal
// at path and rebuilds the derived tables from them, in one transaction
// through the write path, on a connection with the backup attached.
// local_state is not touched: it belongs to this machine.
func (s *Store) copyFrom(ctx context.Context, path string) error {
	attach := func(ctx context.Context, conn *sql.Conn) (func(), error) {
		if _, err := conn.ExecContext(ctx, `ATTACH DATABASE ? AS restored`, "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro"); err != nil {
			return nil, err
		}
		return func() { conn.ExecContext(context.Background(), `DETACH DATABASE restored`) }, nil
	}
	return s.write(ctx, writeOpts{prepare: attach}, func(tx *sql.Tx) error {
		for _, t := range recordTables {
			if _, err := tx.ExecContext(ctx, restoreSQL(t)); err != nil {
				return fmt.Errorf("%s: %w", t.table, err)
			}
		}
		return rebuildDerived(ctx, tx)
	})
}

// WriteFileAtomic writes a file through write: into a temporary file beside
// path, synced, then renamed over path. When write or anything else fails,
// the temporary file is removed and path is left as it was, so nothing
// half-written is ever left behind.
func WriteFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = write(f); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	return syncDir(dir)
}
