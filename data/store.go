package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "github.com/mattn/go-sqlite3" // the SQLite driver
)

// ApplicationID marks a SQLite file as a Matchday journal ("MtDy").
const ApplicationID = 0x4D744479

// Errors Open returns for files it will not touch.
var (
	ErrNotJournal  = errors.New("not a Matchday journal")
	ErrNewerSchema = errors.New("written by a newer version of Matchday")
	ErrCorrupt     = errors.New("damaged")
	ErrNotFound    = errors.New("not found")
)

// OpenError is why Open refused a file; Err is ErrNotJournal,
// ErrNewerSchema or ErrCorrupt, and the file was left as it was.
type OpenError struct {
	Path   string
	Err    error
	Detail string
}

func (e *OpenError) Error() string {
	return fmt.Sprintf("data: %s is %v (%s); it was left unchanged", e.Path, e.Err, e.Detail)
}

func (e *OpenError) Unwrap() error { return e.Err }

// Store is the journal: one SQLite database, safe for use by several
// goroutines and by several processes (the agent, the windows and the
// command line) at once.
type Store struct {
	db   *sql.DB
	path string
	now  func() time.Time
}

// Option configures Open.
type Option func(*Store)

// WithClock makes the store read the time from now instead of time.Now;
// tests and MATCHDAY_NOW use it.
func WithClock(now func() time.Time) Option {
	return func(s *Store) { s.now = now }
}

// Open opens the journal at path, creating its folder and file when they do
// not exist, and migrates it to the newest schema. A file that is not a
// Matchday journal, one from a newer version, or a damaged one is refused
// before anything is written to it.
func Open(path string, opts ...Option) (*Store, error) {
	s := &Store{path: path, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("data: create the data folder: %w", err)
	}
	if err := inspectFile(path); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite3", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("data: open %s: %w", path, err)
	}
	s.db = db
	if err := s.check(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	if err := migrate(context.Background(), db); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// dsn holds the pragmas every pooled connection gets. synchronous=FULL
// because mattn's default (NORMAL) may lose a confirmed save on power loss;
// _txlock=immediate so a write transaction takes its lock at BEGIN and waits
// on busy_timeout instead of failing half-way with "database is locked".
func dsn(path string) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "FULL")
	q.Set("_foreign_keys", "1")
	q.Set("_busy_timeout", "10000")
	q.Set("_txlock", "immediate")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

var sqliteMagic = []byte("SQLite format 3\x00")

// inspectFile reads the header of an existing file without opening it in
// SQLite, so a foreign, newer or truncated file is refused byte-for-byte
// untouched. A missing or empty file is a new journal.
func inspectFile(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("data: open %s: %w", path, err)
	}
	defer f.Close()
	header := make([]byte, 100)
	n, err := io.ReadFull(f, header)
	if n == 0 && (err == io.EOF) {
		return nil
	}
	if err != nil || !bytes.Equal(header[:16], sqliteMagic) {
		return &OpenError{path, ErrNotJournal, "it is not an SQLite database"}
	}
	version := binary.BigEndian.Uint32(header[60:64])
	appID := binary.BigEndian.Uint32(header[68:72])
	switch {
	case appID != ApplicationID && (appID != 0 || version != 0):
		return &OpenError{path, ErrNotJournal, "it belongs to another program"}
	case version > uint32(len(migrations)):
		return &OpenError{path, ErrNewerSchema, fmt.Sprintf("schema %d, this version knows %d", version, len(migrations))}
	}
	return nil
}

// check runs SQLite's quick_check, so a damaged journal is refused before
// anything is written to it.
func (s *Store) check(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		if isCorrupt(err) {
			return &OpenError{s.path, ErrCorrupt, err.Error()}
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
			return &OpenError{s.path, ErrCorrupt, err.Error()}
		}
		return fmt.Errorf("data: check %s: %w", s.path, err)
	}
	if len(problems) > 0 {
		return &OpenError{s.path, ErrCorrupt, problems[0]}
	}
	return nil
}

// Close checkpoints the write-ahead log into the database file and closes it,
// so a clean quit leaves no -wal content behind.
func (s *Store) Close() error {
	_, _ = s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	return s.db.Close()
}

// ReleaseMemory closes the pooled connections that are idle, and with them
// their page caches (up to SQLite's default 2 MB each, filled by Open's
// quick_check on a large journal). The next query opens a fresh connection.
// A process that stays resident (the agent) calls it after its start-up
// work.
func (s *Store) ReleaseMemory() {
	s.db.SetMaxIdleConns(0)
	s.db.SetMaxIdleConns(maxIdleConns)
}

// maxIdleConns is database/sql's default number of idle connections kept.
const maxIdleConns = 2

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// Now returns the store's current time.
func (s *Store) Now() time.Time { return s.now() }

// Today returns the logical day it is now, by the day start hour in the
// settings.
func (s *Store) Today(ctx context.Context) (Day, error) {
	h, err := s.dayStartHour(ctx, s.db)
	if err != nil {
		return Day{}, err
	}
	return DayOf(s.now(), h), nil
}

// DataVersion returns SQLite's data_version for a dedicated connection: it
// changes when another connection or process commits, so a window can watch
// the journal cheaply. Call it on the same *sql.Conn each time.
func DataVersion(ctx context.Context, c *sql.Conn) (int64, error) {
	var v int64
	err := c.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v)
	return v, err
}

// Watcher reports when anyone, in this process or another, has committed to
// the journal since the last call. It holds one connection of its own, since
// data_version is per connection.
type Watcher struct {
	conn *sql.Conn
	last int64
}

// NewWatcher returns a Watcher on its own connection.
func (s *Store) NewWatcher(ctx context.Context) (*Watcher, error) {
	c, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("data: watch: %w", err)
	}
	w := &Watcher{conn: c}
	w.last, err = DataVersion(ctx, c)
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("data: watch: %w", err)
	}
	return w, nil
}

// Changed reports whether the journal changed since the last call. Commits on
// the watcher's own connection do not move data_version, and the store's
// other connections count as others, so every commit is seen.
func (w *Watcher) Changed(ctx context.Context) (bool, error) {
	v, err := DataVersion(ctx, w.conn)
	if err != nil {
		return false, fmt.Errorf("data: watch: %w", err)
	}
	changed := v != w.last
	w.last = v
	return changed, nil
}

// Close releases the watcher's connection.
func (w *Watcher) Close() error { return w.conn.Close() }

// queryer is what the small helpers need from *sql.DB and *sql.Tx.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// withTx runs fn in a write transaction and commits it; the save is
// confirmed only when Commit returns.
func (s *Store) withTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}
