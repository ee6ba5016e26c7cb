package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"time"
)

// ErrBusy is why a save failed when another program held the journal's
// write lock for longer than writeWait: nothing was written, and the save
// may be tried again.
var ErrBusy = errors.New("another program is saving to the journal")

// writeWait is how long a save waits for the write lock (its turn in this
// process's queue and SQLite's lock together) before it gives up with
// ErrBusy, so a window says so within seconds rather than hanging.
const writeWait = 3 * time.Second

// migrateWait is how long a migration waits for the write lock: migrations
// run once, in Open, and may queue behind another process's migration.
const migrateWait = time.Minute

// writeOpts are the variants of the one write path.
type writeOpts struct {
	// prepare, when set, readies the transaction's connection before BEGIN
	// (ATTACH, a larger page cache) and returns what undoes it.
	prepare func(ctx context.Context, conn *sql.Conn) (undo func(), err error)
	// repair: Repair's write, which goes to a journal known damaged.
	repair bool
}

// withTx runs fn in a write transaction and commits it; the save is
// confirmed only when Commit returns.
func (s *Store) withTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return s.write(ctx, writeOpts{}, fn)
}

// write is the one way anything is written to the journal: every save,
// import, restore, demo and repair. In order: it waits for the background
// check where writes wait for it (WithCheckLater); refuses a read-only
// journal and one found damaged (here, or by another process: the damage
// mark); takes its turn in this process's write queue; switches a journal
// still in rollback mode to WAL after a full check; takes SQLite's write
// lock (BEGIN IMMEDIATE); runs fn and commits. Waiting for the queue and
// the lock together takes at most writeWait, then it returns ErrBusy.
func (s *Store) write(ctx context.Context, o writeOpts, fn func(tx *sql.Tx) error) error {
	// A repair checks for itself (and may be the background check's own).
	if !o.repair {
		if err := s.waitChecked(ctx); err != nil {
			return err
		}
	}
	if s.readOnly {
		return fmt.Errorf("data: the journal is %w", ErrReadOnly)
	}
	if !o.repair {
		if err := s.writable(); err != nil {
			return err
		}
	}
	deadline := time.Now().Add(s.lockWait())
	if err := s.enqueue(ctx, deadline); err != nil {
		return err
	}
	defer func() { <-s.writeQ }()
	if !o.repair {
		// A check may have found damage while this save waited its turn.
		if err := s.writable(); err != nil {
			return err
		}
		if !s.wal.Load() {
			if err := s.switchToWAL(ctx); err != nil {
				return err
			}
			deadline = time.Now().Add(s.lockWait())
		}
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	defer resetBusyTimeout(conn)
	if o.prepare != nil {
		undo, err := o.prepare(ctx, conn)
		if err != nil {
			return err
		}
		defer undo()
	}
	tx, err := beginWrite(ctx, conn, deadline)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	s.wrote.Store(true)
	return nil
}

// writable returns why nothing may be written to the journal, or nil: a
// check here found it damaged, MarkDamaged was called, or another
// process's check left the damage mark beside it.
func (s *Store) writable() error {
	if err := s.Damaged(); err != nil {
		return err
	}
	if s.forCheck {
		return nil
	}
	return readMark(s.path)
}

// lockWait is how long a save waits for its turn and the write lock:
// writeWait, or WithWriteWait's time for the command line.
func (s *Store) lockWait() time.Duration {
	if s.writeWait > 0 {
		return s.writeWait
	}
	return writeWait
}

// enqueue takes this process's turn to write, waiting until deadline.
func (s *Store) enqueue(ctx context.Context, deadline time.Time) error {
	select {
	case s.writeQ <- struct{}{}:
		return nil
	default:
	}
	t := time.NewTimer(time.Until(deadline))
	defer t.Stop()
	select {
	case s.writeQ <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return fmt.Errorf("data: waited %v for this program's other saves: %w", writeWait, ErrBusy)
	}
}

// switchToWAL switches a journal in rollback mode (a backup copied in place
// by hand is one) to WAL, which rewrites its header: only after a full
// check found it sound. The caller holds the write queue.
func (s *Store) switchToWAL(ctx context.Context) error {
	res, err := s.Check(ctx)
	if err != nil {
		return err
	}
	if err := res.Err(); err != nil {
		return err
	}
	return s.useWAL(ctx)
}

// useWAL sets the journal's journal mode to WAL, which is kept in the file.
// It waits for other processes' transactions like a save does.
func (s *Store) useWAL(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("data: switch to WAL: %w", err)
	}
	defer conn.Close()
	var mode string
	if err := conn.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode); err != nil {
		return fmt.Errorf("data: switch to WAL: %w", err)
	}
	if mode != "wal" {
		return fmt.Errorf("data: switch to WAL: the journal stays in %s mode", mode)
	}
	s.wal.Store(true)
	if s.guard != nil {
		// The guard follows into WAL mode, so it keeps the -wal open
		// (see Close).
		_ = s.guard.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(new(int))
	}
	return nil
}

// beginWrite starts a write transaction (BEGIN IMMEDIATE) on conn, waiting
// for the write lock until deadline, then failing with ErrBusy. SQLite's
// busy handler polls, so among many waiting processes an unlucky one can
// miss the lock for a while; beginWrite tries again until the deadline, and
// sets the connection's busy_timeout to the time left, so the wait ends on
// time. Nothing has been written when BEGIN fails, so trying again is safe.
// The caller sets busy_timeout back with resetBusyTimeout once the
// transaction is over.
func beginWrite(ctx context.Context, conn *sql.Conn, deadline time.Time) (*sql.Tx, error) {
	for {
		left := time.Until(deadline)
		if left <= 0 {
			return nil, fmt.Errorf("data: waited %v for the write lock: %w", writeWait, ErrBusy)
		}
		if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", max(left/time.Millisecond, 1))); err != nil {
			return nil, err
		}
		tx, err := conn.BeginTx(ctx, nil)
		if err == nil || !isBusy(err) {
			return tx, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// resetBusyTimeout gives a connection back its usual busy_timeout.
func resetBusyTimeout(conn *sql.Conn) {
	_, _ = conn.ExecContext(context.Background(), fmt.Sprintf("PRAGMA busy_timeout = %d", writeWait/time.Millisecond))
}

// dirOf is the folder of the journal at path.
func dirOf(path string) string { return filepath.Dir(path) }
