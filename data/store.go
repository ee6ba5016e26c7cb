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
	"sync"
	"sync/atomic"
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
	// ErrReadOnly is why a save to a read-only journal fails; IsReadOnly
	// recognises it along with SQLite's and the system's own errors.
	ErrReadOnly = errors.New("read-only")
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
	db       *sql.DB
	path     string
	now      func() time.Time
	readOnly bool
	writeMu  sync.Mutex // held by withTx

	// privateCopy is the temporary folder OpenReadOnly read the journal
	// from, if it made one; Close removes it.
	privateCopy string

	// checkLater: Open leaves quick_check for later (see WithCheckLater).
	// checkOnce starts it once; checked is closed when it is done, and
	// checkErr is its result. Every write waits for it.
	checkLater bool
	checkOnce  sync.Once
	checked    chan struct{}
	checkErr   error

	// syncBackedUp: a sync pass backed the journal up before its merge in
	// this session (see Sync).
	syncBackedUp atomic.Bool
}

// Option configures Open.
type Option func(*Store)

// WithClock makes the store read the time from now instead of time.Now;
// tests and MATCHDAY_NOW use it.
func WithClock(now func() time.Time) Option {
	return func(s *Store) { s.now = now }
}

// WithCheckLater lets Open return without SQLite's quick_check, which reads
// every page and so grows with years of history: the window process shows
// its first window first, then calls StartCheck. The first write starts the
// check itself if nobody has, and every write waits for it, so nothing is
// written to a damaged journal; Checked and CheckErr report the result. A
// journal that needs a migration is checked in Open as usual, since
// migrating writes.
func WithCheckLater() Option {
	return func(s *Store) { s.checkLater = true }
}

// StartCheck starts the quick_check Open left for later, in the background;
// it does nothing when the check has started or is done.
func (s *Store) StartCheck() {
	s.checkOnce.Do(func() {
		go func() {
			defer close(s.checked)
			s.checkErr = s.check(context.Background(), "quick_check")
		}()
	})
}

// Open opens the journal at path, creating its folder and file when they do
// not exist, and migrates it to the newest schema. A zero-byte file is a
// new journal nothing was written to yet (one made by `touch`, say): Open
// makes it a journal; OpenReadOnly reads it as an empty one and leaves it
// as it is. A file that is not a
// Matchday journal, one from a newer version, or a damaged one is refused
// before anything is written to it. A journal that cannot be written (a
// read-only file, folder or disk) is opened read-only: it reads as usual and
// every save fails with an error for which IsReadOnly is true.
func Open(path string, opts ...Option) (*Store, error) {
	s := &Store{path: path, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("data: create the data folder: %w", err)
	}
	exists, err := inspectFile(path)
	if err != nil {
		return nil, err
	}
	fileOK, folderOK := canWrite(path, exists)
	if s.readOnly = !fileOK || !folderOK; s.readOnly && !exists {
		return nil, fmt.Errorf("data: create %s: the folder is %w", path, ErrReadOnly)
	}
	mode := readWrite
	switch {
	case !folderOK && !walLeft(path):
		mode = immutable
	case s.readOnly:
		mode = readOnly
	}
	db, err := sql.Open("sqlite3", dsn(path, mode))
	if err != nil {
		return nil, fmt.Errorf("data: open %s: %w", path, err)
	}
	s.db = db
	ctx := context.Background()
	s.checked = make(chan struct{})
	if s.checkLater && !s.readOnly && s.schemaIsCurrent(ctx) {
		return s, nil
	}
	s.checkOnce.Do(func() {}) // checked here and now
	defer close(s.checked)
	if err := s.check(ctx, "quick_check"); err != nil {
		db.Close()
		if s.readOnly && !errors.Is(err, ErrCorrupt) {
			// Most likely a -wal left by a crash, which SQLite cannot
			// read without a -shm file the folder will not take.
			return nil, fmt.Errorf("%w (the journal is %w)", err, ErrReadOnly)
		}
		return nil, err
	}
	if s.readOnly {
		err = s.checkVersion(ctx)
	} else {
		err = migrate(ctx, db)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// canWrite reports whether SQLite will be able to write the journal: the
// file (when it exists) opens for writing, and the folder takes the -wal and
// -shm files. It asks the system rather than reading permission bits, so a
// read-only mount, an immutable file and root's privileges all count as they
// really are.
func canWrite(path string, exists bool) (fileOK, folderOK bool) {
	fileOK = true
	if exists {
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if fileOK = err == nil; fileOK {
			f.Close()
		}
	}
	probe, err := os.CreateTemp(filepath.Dir(path), ".matchday-probe-*")
	if err != nil {
		return fileOK, false
	}
	probe.Close()
	os.Remove(probe.Name())
	return fileOK, true
}

// openMode is how SQLite opens the journal.
type openMode int

const (
	readWrite openMode = iota
	readOnly           // mode=ro: the file cannot be written
	immutable          // also the folder cannot take a -shm file
)

// dsn holds the pragmas every pooled connection gets. synchronous=FULL
// because mattn's default (NORMAL) may lose a confirmed save on power loss;
// _txlock=immediate so a write transaction takes its lock at BEGIN and waits
// on busy_timeout instead of failing half-way with "database is locked".
//
// A read-only journal opens with mode=ro and without the journal_mode
// pragma, which would have to write. When its folder cannot take a -shm
// file either, immutable=1 is the only way SQLite reads a WAL journal
// there; Open uses it only when no -wal is left over, so nothing is missed.
func dsn(path string, mode openMode) string {
	q := url.Values{}
	q.Set("_synchronous", "FULL")
	q.Set("_foreign_keys", "1")
	q.Set("_busy_timeout", "10000")
	if mode == readWrite {
		q.Set("_journal_mode", "WAL")
		q.Set("_txlock", "immediate")
	} else {
		q.Set("mode", "ro")
		q.Set("_txlock", "deferred")
	}
	if mode == immutable {
		q.Set("immutable", "1")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// walLeft reports whether a -wal file with content sits beside the journal.
func walLeft(path string) bool {
	fi, err := os.Stat(path + "-wal")
	return err == nil && fi.Size() > 0
}

var sqliteMagic = []byte("SQLite format 3\x00")

// inspectFile reads the header of an existing file without opening it in
// SQLite, so a foreign, newer or truncated file is refused byte-for-byte
// untouched. It reports whether the file exists with content; a missing or
// empty file is a new journal.
func inspectFile(path string) (exists bool, err error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("data: open %s: %w", path, err)
	}
	defer f.Close()
	header := make([]byte, 100)
	n, err := io.ReadFull(f, header)
	if n == 0 && (err == io.EOF) {
		return false, nil
	}
	if err != nil || !bytes.Equal(header[:16], sqliteMagic) {
		return true, &OpenError{path, ErrNotJournal, "it is not an SQLite database"}
	}
	version := binary.BigEndian.Uint32(header[60:64])
	appID := binary.BigEndian.Uint32(header[68:72])
	// A database with neither mark is new only while its schema was never
	// changed (schema cookie 0); otherwise another program's tables are in it.
	schemaCookie := binary.BigEndian.Uint32(header[40:44])
	switch {
	case appID != ApplicationID && (appID != 0 || version != 0 || schemaCookie != 0):
		return true, &OpenError{path, ErrNotJournal, "it belongs to another program"}
	case version > uint32(len(migrations)):
		return true, &OpenError{path, ErrNewerSchema, fmt.Sprintf("schema %d, this version knows %d", version, len(migrations))}
	}
	return true, nil
}

// check runs SQLite's quick_check or integrity_check, so a damaged journal
// is refused before anything is written to it.
func (s *Store) check(ctx context.Context, pragma string) error {
	rows, err := s.db.QueryContext(ctx, "PRAGMA "+pragma)
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

// IntegrityCheck runs SQLite's full integrity_check, which also compares
// every index with its table (Open runs only the quicker quick_check). It
// returns nil for a sound journal and an *OpenError with ErrCorrupt
// otherwise.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	return s.check(ctx, "integrity_check")
}

// checkVersion makes sure a read-only journal needs no migration, since
// none can be written.
func (s *Store) checkVersion(ctx context.Context) error {
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("data: open %s: %w", s.path, err)
	}
	if version != len(migrations) {
		return fmt.Errorf("data: open %s: schema %d needs an update, but the journal is %w", s.path, version, ErrReadOnly)
	}
	return nil
}

// Close checkpoints the write-ahead log into the database file and closes it,
// so a clean quit leaves no -wal content behind.
func (s *Store) Close() error {
	// A check that never started is not needed any more; one that runs
	// uses the connection pool, so it finishes first.
	s.checkOnce.Do(func() { close(s.checked) })
	<-s.checked
	if !s.readOnly {
		_, _ = s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	}
	err := s.db.Close()
	s.removePrivateCopy()
	return err
}

// Checked is closed once the journal's quick_check has finished; with
// WithCheckLater that is after StartCheck or the first write.
func (s *Store) Checked() <-chan struct{} { return s.checked }

// CheckErr is the quick_check's result (an *OpenError with ErrCorrupt for a
// damaged journal), once Checked is closed; nil before.
func (s *Store) CheckErr() error {
	select {
	case <-s.checked:
		return s.checkErr
	default:
		return nil
	}
}

// schemaIsCurrent reports whether the journal needs no migration.
func (s *Store) schemaIsCurrent(ctx context.Context) bool {
	var version int
	err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version)
	return err == nil && version == len(migrations)
}

// waitChecked waits for the quick_check and returns its error: no write
// goes to a damaged journal.
func (s *Store) waitChecked(ctx context.Context) error {
	s.StartCheck()
	select {
	case <-s.checked:
		return s.checkErr
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ReadOnly reports whether the journal was opened read-only: because its
// file, folder or disk cannot be written, or by OpenReadOnly.
func (s *Store) ReadOnly() bool { return s.readOnly }

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
// confirmed only when Commit returns. The store's own saves queue on a
// mutex, so the goroutines of one process wait their turn in order instead
// of all polling SQLite's lock; see beginWrite for other processes.
func (s *Store) withTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if err := s.waitChecked(ctx); err != nil {
		return err
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	tx, err := beginWrite(ctx, s.db)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// writeWait is how long a save waits for other processes' saves before it
// gives up with "database is locked".
const writeWait = time.Minute

// beginWrite starts a write transaction (BEGIN IMMEDIATE), waiting for the
// write lock. SQLite's busy handler polls, so among many waiting processes
// an unlucky one can miss the lock for longer than busy_timeout; beginWrite
// then tries again until writeWait is over, since a save that waits is
// better than one that fails. Nothing has been written when BEGIN fails, so
// trying again is safe.
func beginWrite(ctx context.Context, db *sql.DB) (*sql.Tx, error) {
	deadline := time.Now().Add(writeWait)
	for {
		tx, err := db.BeginTx(ctx, nil)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return tx, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}
