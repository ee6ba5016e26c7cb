package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// JournalID returns the journal file's own id, a UUID made once when the
// file was created (or first opened by a version with ids). Backups carry
// it; exports and syncs do not, so two journals never share one, except a
// file copied outside Matchday.
func (s *Store) JournalID(ctx context.Context) (string, error) {
	id, err := journalIDFrom(ctx, s.db)
	if err != nil {
		return "", fmt.Errorf("data: journal id: %w", err)
	}
	if id == "" {
		return "", fmt.Errorf("data: journal id: %w", ErrNotFound)
	}
	return id, nil
}

// journalIDFrom reads the id of the journal behind q; "" when it has none
// (a backup from before journals had ids).
func journalIDFrom(ctx context.Context, q queryer) (string, error) {
	var id string
	err := q.QueryRowContext(ctx, `SELECT id FROM journal WHERE one = 1`).Scan(&id)
	if err != nil && (errors.Is(err, sql.ErrNoRows) || strings.Contains(err.Error(), "no such table")) {
		return "", nil
	}
	return id, err
}

// journalStem is the journal's file name without its extension: "work"
// for work.db.
func journalStem(dbPath string) string {
	base := filepath.Base(dbPath)
	if stem := strings.TrimSuffix(base, filepath.Ext(base)); stem != "" {
		return stem
	}
	return base
}

// idLen is how much of the journal id a backup's name holds.
const idLen = 8

// backupPrefix is how the names of this journal's backups begin:
// "work-1a2b3c4d-".
func (s *Store) backupPrefix(ctx context.Context) (string, error) {
	id, err := s.JournalID(ctx)
	if err != nil {
		return "", err
	}
	return journalStem(s.path) + "-" + id[:idLen] + "-", nil
}

// peek opens an SQLite file to read it without changing anything beside
// it: immutable, so no -wal or -shm is made and no lock taken. Only for
// files nobody writes (backups), or when reading a little stale is fine.
func peek(path string) (*sql.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	return sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&immutable=1")
}

// peekJournal opens a journal to read it without changing it: like peek,
// unless another process has it open (its -wal and -shm are there), when
// recent saves are only in the -wal: then read-only through them, which
// creates no file.
func peekJournal(path string) (*sql.DB, error) {
	_, errWAL := os.Stat(path + "-wal")
	_, errSHM := os.Stat(path + "-shm")
	if errWAL != nil || errSHM != nil {
		return peek(path)
	}
	return sql.Open("sqlite3", dsn(path, readOnly))
}

// readJournalID reads the journal id stored in the file at path; "" when
// it has none or cannot be read.
func readJournalID(ctx context.Context, path string) (string, error) {
	db, err := peekJournal(path)
	if err != nil {
		return "", err
	}
	defer db.Close()
	return journalIDFrom(ctx, db)
}

// parseBackupName reads a backup's kind and time from its file name, and
// whose it is: owner is "<journal>-<id>" for a name with one, "" for a
// backup from before journals had ids.
func parseBackupName(name string) (b BackupFile, owner string, ok bool) {
	base, ok := strings.CutSuffix(name, ".db")
	if !ok {
		return BackupFile{}, "", false
	}
	// <owner->daily-YYYY-MM-DD
	const dailyLen = len(BackupDaily) + 1 + len(dayLayout)
	if len(base) >= dailyLen {
		head, tail := base[:len(base)-dailyLen], base[len(base)-dailyLen:]
		if day, ok := strings.CutPrefix(tail, BackupDaily+"-"); ok && (head == "" || strings.HasSuffix(head, "-")) {
			if d, err := ParseDay(day); err == nil {
				return BackupFile{Kind: BackupDaily, Day: d, Time: d.Date(time.UTC)}, strings.TrimSuffix(head, "-"), true
			}
		}
	}
	// <owner->kind-YYYYMMDD-HHMMSS[.N]
	for _, kind := range []string{BackupManual, BackupBeforeImport, BackupBeforeRestore, BackupBeforeSync} {
		i := strings.LastIndex(base, kind+"-")
		if i < 0 || (i > 0 && base[i-1] != '-') {
			continue
		}
		stamp, _, _ := strings.Cut(base[i+len(kind)+1:], ".") // the count backupPath may add
		t, err := time.Parse(stampLayout, stamp)
		if err != nil {
			continue
		}
		return BackupFile{Kind: kind, Time: t}, strings.TrimSuffix(base[:i], "-"), true
	}
	return BackupFile{}, "", false
}

// splitOwner splits "<journal>-<id>" into the journal's file stem and the
// start of its id.
func splitOwner(owner string) (stem, id string) {
	i := strings.LastIndex(owner, "-")
	if i < 0 || len(owner)-i-1 != idLen {
		return owner, ""
	}
	return owner[:i], owner[i+1:]
}

// Backups lists this journal's backups in the backups folder, newest
// first, with their size and number of wins; other journals' backups in
// the same folder are left out. A missing folder is an empty list.
func (s *Store) Backups() ([]BackupFile, error) { return s.listBackups(context.Background(), true) }

func (s *Store) listBackups(ctx context.Context, withWins bool) ([]BackupFile, error) {
	id, err := s.JournalID(ctx)
	if err != nil {
		return nil, err
	}
	return backupsOf(ctx, s.path, id, s.db, withWins)
}

// BackupsOf lists the backups of the journal at dbPath, newest first, as
// Backups does, without opening the journal for writing: a damaged
// journal's backups can still be listed. When its id cannot be read, the
// backups named after its file are listed.
func BackupsOf(dbPath string) ([]BackupFile, error) {
	ctx := context.Background()
	var id string
	var journal *sql.DB
	if db, err := peekJournal(dbPath); err == nil {
		defer db.Close()
		if id, err = journalIDFrom(ctx, db); err == nil {
			journal = db
		} else {
			id = ""
		}
	}
	return backupsOf(ctx, dbPath, id, journal, true)
}

// backupsOf lists the backups in dbPath's backups folder that belong to
// the journal with id (and, when it is known, whose records journal
// holds):
//   - a backup named after the journal (its file stem and id) is its own;
//   - one named after another file stem with the same id is its own when
//     that file is gone (the journal was renamed) and the backup holds the
//     id;
//   - one from before journals had ids is its own when its records are
//     (see legacyBelongs).
//
// withWins reads each backup's number of wins.
func backupsOf(ctx context.Context, dbPath, id string, journal *sql.DB, withWins bool) ([]BackupFile, error) {
	dir := backupDirOf(dbPath)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("data: list backups: %w", err)
	}
	stem, ext := journalStem(dbPath), filepath.Ext(dbPath)
	var out []BackupFile
	for _, e := range entries {
		b, owner, ok := parseBackupName(e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		b.Path = filepath.Join(dir, e.Name())
		b.Wins = -1
		if info, err := e.Info(); err == nil {
			b.Size = info.Size()
		}
		ownStem, ownID := splitOwner(owner)
		var needContent bool
		switch {
		case owner == "":
			if id == "" || journal == nil {
				continue // cannot tell whose it is
			}
			needContent = true
		case id == "":
			if ownStem != stem {
				continue
			}
		case ownID != id[:idLen]:
			continue
		case ownStem != stem:
			if _, err := os.Stat(filepath.Join(filepath.Dir(dbPath), ownStem+ext)); err == nil {
				continue // another journal file with the same id: a copy
			}
			needContent = true
		}
		if !needContent && !withWins {
			out = append(out, b)
			continue
		}
		mine, err := readBackup(ctx, &b, id, journal)
		if err != nil && needContent {
			continue
		}
		if mine || !needContent && (b.JournalID == "" || id == "" || b.JournalID == id) {
			out = append(out, b)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Time.Equal(out[j].Time) {
			return out[i].Time.After(out[j].Time)
		}
		return out[i].Path > out[j].Path
	})
	return out, nil
}

// readBackup reads a backup's journal id and number of wins into b, and
// reports whether it is a backup of the journal with id: by the id it
// holds, or for an older backup without one, by its records (journal may
// be nil when that cannot be asked).
func readBackup(ctx context.Context, b *BackupFile, id string, journal *sql.DB) (mine bool, err error) {
	db, err := peek(b.Path)
	if err != nil {
		return false, err
	}
	defer db.Close()
	if b.JournalID, err = journalIDFrom(ctx, db); err != nil {
		return false, err
	}
	if err := db.QueryRowContext(ctx, `SELECT coalesce(sum(wins), 0) FROM day_wins`).Scan(&b.Wins); err != nil {
		b.Wins = -1
		return false, err
	}
	switch {
	case b.JournalID != "":
		return id != "" && b.JournalID == id, nil
	case journal == nil || id == "":
		return false, nil
	default:
		return legacyBelongs(ctx, journal, db, b.Time)
	}
}

// legacySample is how many wins legacyBelongs compares at each end.
const legacySample = 16

// legacyBelongs decides whether a backup from before journals had ids is
// a backup of journal, by their wins, which keep their UUIDs for good: the
// backup's oldest and newest wins are all in the journal, and the
// journal's newest wins up to the backup's newest are all in the backup.
// So a backup of another journal is not taken even when that journal's
// wins were imported here (unless this journal had no wins of its own by
// then). A backup without wins belongs to a journal that had no wins a day
// before it was taken. Wins imported here later, older than the backup's
// newest, make a journal's own old backup look like another's: then
// Restore asks.
func legacyBelongs(ctx context.Context, journal, backup queryer, taken time.Time) (bool, error) {
	type win struct{ uuid, day, created string }
	sample := func(q queryer, order, where string, args ...any) ([]win, error) {
		rows, err := q.QueryContext(ctx, `SELECT uuid, day, created_at FROM wins WHERE deleted_at IS NULL `+where+
			` ORDER BY day `+order+`, created_at `+order+` LIMIT ?`, append(args, legacySample)...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []win
		for rows.Next() {
			var w win
			if err := rows.Scan(&w.uuid, &w.day, &w.created); err != nil {
				return nil, err
			}
			out = append(out, w)
		}
		return out, rows.Err()
	}
	allIn := func(q queryer, wins []win) (bool, error) {
		for _, w := range wins {
			var n int
			if err := q.QueryRowContext(ctx, `SELECT count(*) FROM wins WHERE uuid = ?`, w.uuid).Scan(&n); err != nil {
				return false, err
			}
			if n == 0 {
				return false, nil
			}
		}
		return true, nil
	}
	newest, err := sample(backup, "DESC", "")
	if err != nil {
		return false, err
	}
	if len(newest) == 0 {
		var n int
		err := journal.QueryRowContext(ctx, `SELECT count(*) FROM wins WHERE deleted_at IS NULL AND day < ?`,
			DayOf(taken.Add(-24*time.Hour), 0).String()).Scan(&n)
		return n == 0, err
	}
	oldest, err := sample(backup, "ASC", "")
	if err != nil {
		return false, err
	}
	if ok, err := allIn(journal, append(oldest, newest...)); !ok || err != nil {
		return false, err
	}
	last := newest[0]
	mine, err := sample(journal, "DESC", "AND (day < ? OR (day = ? AND created_at <= ?))", last.day, last.day, last.created)
	if err != nil {
		return false, err
	}
	return allIn(backup, mine)
}

// checkOwnBackup returns ErrOtherJournal unless the backup at path is a
// backup of this journal.
func (s *Store) checkOwnBackup(ctx context.Context, path string) error {
	id, err := s.JournalID(ctx)
	if err != nil {
		return err
	}
	b := BackupFile{Path: path, Time: s.now()}
	if parsed, _, ok := parseBackupName(filepath.Base(path)); ok {
		b.Time = parsed.Time
	}
	mine, err := readBackup(ctx, &b, id, s.db)
	if err != nil {
		return err
	}
	if !mine {
		return ErrOtherJournal
	}
	return nil
}
