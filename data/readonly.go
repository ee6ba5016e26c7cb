package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// OpenReadOnly opens the journal at path for the commands that only read
// (today, stats, export): it never creates, migrates, checkpoints or
// otherwise changes a file, the journal's -wal and -shm included, and every
// save fails with an error for which IsReadOnly is true.
//
//   - No file at path reads as an empty journal, as `matchday today` on a
//     new machine expects; nothing is created, not even the folder.
//   - A zero-byte file is a new journal that nothing was written to yet (a
//     file made by `touch`, or by a program that reserved the name): it
//     reads as an empty journal too, and stays zero bytes.
//   - A journal nobody has open is read as it is on disk (SQLite's
//     immutable mode: no lock, no -shm). One that another process has open
//     is read through its -wal and -shm, so its latest saves are seen.
//   - A -wal left by a crash, without its -shm, and a journal from an
//     older version (one that Open would migrate) are read through a
//     private copy in the system's temporary folder, removed on Close.
//
// Files that Open refuses (not a journal, from a newer version, damaged)
// are refused the same way.
func OpenReadOnly(path string, opts ...Option) (*Store, error) {
	s := &Store{path: path, now: time.Now, readOnly: true, writeQ: make(chan struct{}, 1), checked: make(chan struct{})}
	for _, o := range opts {
		o(s)
	}
	exists, err := inspectFile(path)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	_, errSHM := os.Stat(path + "-shm")
	switch {
	case !exists:
		err = s.readPrivateCopy(ctx, nil)
	case walLeft(path) && errSHM != nil:
		err = s.readPrivateCopy(ctx, func(dest string) error {
			for _, suffix := range []string{"", "-wal"} {
				if err := copyFile(path+suffix, dest+suffix); err != nil {
					return err
				}
			}
			return nil
		})
	default:
		mode := immutable
		if errSHM == nil {
			mode = readOnly
		}
		s.db, err = sql.Open("sqlite3", dsn(path, mode))
	}
	if err != nil {
		return nil, fmt.Errorf("data: open %s: %w", path, err)
	}
	if !s.schemaIsCurrent(ctx) {
		if err := s.quickCheck(ctx, "quick_check"); err != nil {
			s.Close()
			return nil, err
		}
		src := s.db
		err := s.readPrivateCopy(ctx, func(dest string) error {
			_, err := src.ExecContext(ctx, `VACUUM INTO ?`, dest)
			return err
		})
		src.Close()
		if err != nil {
			return nil, fmt.Errorf("data: open %s: %w", path, err)
		}
	}
	// Everything this store does is read-only: the full check (Check, which
	// export runs first) reads through the same connections.
	s.ro = s.db
	if s.checkLater {
		return s, nil
	}
	s.checkOnce.Do(func() {})
	defer close(s.checked)
	if err := s.quickCheck(ctx, "quick_check"); err != nil {
		s.db.Close()
		s.removePrivateCopy()
		return nil, err
	}
	return s, nil
}

// readPrivateCopy makes a journal in a new temporary folder, fills it with
// fill (nothing: an empty journal), brings it to the current schema, and
// reads the store from it.
func (s *Store) readPrivateCopy(ctx context.Context, fill func(dest string) error) error {
	dir, err := os.MkdirTemp("", "matchday-read-*")
	if err != nil {
		return err
	}
	copyPath := filepath.Join(dir, "journal.db")
	if fill != nil {
		if err := fill(copyPath); err != nil {
			os.RemoveAll(dir)
			return err
		}
	}
	c, err := Open(copyPath)
	if err == nil {
		// A copy known sound is folded together on Close (its -wal
		// checkpointed), so the immutable reader below sees every save.
		var res CheckResult
		if res, err = c.Check(ctx); err == nil {
			err = res.Err()
		}
		if cerr := c.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		os.RemoveAll(dir)
		var oe *OpenError
		if errors.As(err, &oe) {
			oe.Path = s.path
		}
		return err
	}
	db, err := sql.Open("sqlite3", dsn(copyPath, immutable))
	if err != nil {
		os.RemoveAll(dir)
		return err
	}
	s.db, s.privateCopy = db, dir
	return nil
}

// removePrivateCopy removes the folder of readPrivateCopy, if any.
func (s *Store) removePrivateCopy() {
	if s.privateCopy != "" {
		os.RemoveAll(s.privateCopy)
		s.privateCopy = ""
	}
}

// schemaIsCurrent reports whether the journal is at the newest schema.
func (s *Store) schemaIsCurrent(ctx context.Context) bool {
	var version int
	err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version)
	return err == nil && version == len(migrations)
}

// quickCheck runs an integrity pragma on a private copy being read.
func (s *Store) quickCheck(ctx context.Context, pragma string) error {
	rows, err := s.db.QueryContext(ctx, "PRAGMA "+pragma)
	if err != nil {
		if isCorrupt(err) {
			return &OpenError{Path: s.path, Err: ErrCorrupt, Detail: err.Error()}
		}
		return fmt.Errorf("data: open %s: %w", s.path, err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("data: check %s: %w", s.path, err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		if isCorrupt(err) {
			return &OpenError{Path: s.path, Err: ErrCorrupt, Detail: err.Error()}
		}
		return fmt.Errorf("data: check %s: %w", s.path, err)
	}
	if len(problems) > 0 {
		return &OpenError{Path: s.path, Err: ErrCorrupt, Detail: problems[0]}
	}
	return nil
}
