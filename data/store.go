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
	"strconv"
	"strings"
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

// OpenError is why Open refused a file, or why a check found it damaged;
// Err is ErrNotJournal, ErrNewerSchema or ErrCorrupt, and the file was left
// as it was.
type OpenError struct {
	Path   string
	Err    error
	Detail string
	// Check is the full check's result when that is what found the
	// journal damaged; nil when Open refused it.
	Check *CheckResult
}

func (e *OpenError) Error() string {
	return fmt.Sprintf("data: %s is %v (%s); it was left unchanged", e.Path, e.Err, e.Detail)
}

func (e *OpenError) Unwrap() error { return e.Err }

// Store is the journal: one SQLite database, safe for use by several
// goroutines and by several processes (the agent, the windows and the
// command line) at once.
type Store struct {
	db       *sql.DB // every read and write
	ro       *sql.DB // read-only connections: Open's cheap checks, the full check, guard
	guard    *sql.Conn
	path     string
	now      func() time.Time
	readOnly bool
	// writeQ is the write queue: one save at a time in this process, so
	// the goroutines of one process wait their turn in order instead of
	// all polling SQLite's lock (see write.go).
	writeQ chan struct{}
	// wal is set once the journal is known to be in WAL mode; until then
	// the first save checks the whole file before it switches (write.go).
	wal atomic.Bool
	// wrote is set once a save was committed through this store: Close
	// then folds the write-ahead log into the file.
	wrote atomic.Bool
	// forCheck: opened by ForCheck (see there).
	forCheck bool

	// privateCopy is the temporary folder OpenReadOnly read the journal
	// from, if it made one; Close removes it.
	privateCopy string

	// writeWait is WithWriteWait's wait for the write lock; 0 for writeWait.
	writeWait time.Duration

	// checkLater: every write waits for the full check (WithCheckLater).
	// checkOnce starts it once; checked is closed when it is done, and
	// checkErr is its result.
	checkLater bool
	checkOnce  sync.Once
	checked    chan struct{}
	checkErr   error

	// syncBackedUp: a sync pass backed the journal up before its merge in
	// this session (see Sync).
	syncBackedUp atomic.Bool
	mu           sync.Mutex
	// damage is why nothing may be written to the journal any more: the
	// *OpenError of a check that found it damaged, or MarkDamaged's
	// reason. Repair clears it when the repaired journal checks sound.
	damage error
	// stopped is MarkDamaged's reason: sticky, unlike damage.
	stopped error
	// lastCheck is the newest full check's result, nil before the first;
	// lastCheckDone when it finished, by the monotonic clock.
	lastCheck     *CheckResult
	lastCheckDone time.Time
	// repaired is what the background check repaired, nil if nothing.
	repaired *RepairResult
}

// Option configures Open.
type Option func(*Store)

// WithClock makes the store read the time from now instead of time.Now;
// tests and MATCHDAY_NOW use it.
func WithClock(now func() time.Time) Option {
	return func(s *Store) { s.now = now }
}

// WithWriteWait makes saves wait up to d for the write lock instead of
// writeWait: a script's `matchday win` among many at once would rather wait
// than be told to try again, while a window says so after 3 s.
func WithWriteWait(d time.Duration) Option {
	return func(s *Store) { s.writeWait = d }
}

// WithCheckLater makes every write wait for the full check (Check), which
// reads every page and so grows with years of history: Open itself reads
// only the header and the schema, so the window process shows its first
// window first, then calls StartCheck. The first write starts the check
// itself if nobody has, so nothing is written to a journal before it is
// known to be sound; Checked and CheckErr report the result.
func WithCheckLater() Option {
	return func(s *Store) { s.checkLater = true }
}

// ForCheck opens the journal for `matchday check`: also when another
// process's check found it damaged (see Open), and without ever marking it
// damaged for the other processes, so a check that only reports leaves
// every file as it was. Repair removes the mark once the journal checks
// sound again.
func ForCheck() Option {
	return func(s *Store) { s.forCheck = true }
}

// StartCheck starts the full check in the background, and the repair of
// damage it finds confined to indexes and derived tables (Repair); it does
// nothing when the check has started or is done. Checked, CheckErr and
// Repaired report it; with WithCheckLater, writes wait for both.
func (s *Store) StartCheck() {
	s.checkOnce.Do(func() {
		go func() {
			defer close(s.checked)
			s.checkErr = s.backgroundCheck(context.Background())
		}()
	})
}

// backgroundCheck is StartCheck's check and repair: its error is an
// *OpenError with ErrCorrupt (and the CheckResult) for a journal damaged
// beyond repair.
func (s *Store) backgroundCheck(ctx context.Context) error {
	res, err := s.Check(ctx)
	if err != nil || res.OK() {
		return err
	}
	if !res.Repairable() || s.readOnly {
		return res.Err()
	}
	rr, err := s.Repair(ctx)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.repaired = &rr
	s.mu.Unlock()
	return nil
}

// Repaired returns what the background check (StartCheck) repaired, and
// false when it repaired nothing.
func (s *Store) Repaired() (RepairResult, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.repaired == nil {
		return RepairResult{}, false
	}
	return *s.repaired, true
}

// Open opens the journal at path, creating its folder and file when they do
// not exist, and migrates it to the newest schema. It reads only what does
// not grow with history: the file's header, then, on a read-only
// connection, the schema version, the application id, the journal mode and
// the schema's b-tree roots. A file that is not a Matchday journal, one
// from a newer version, one that fails those checks, or one that another
// process's full check found damaged (the mark beside it, see Check) is
// refused before anything is written to it. Nothing is written before
// those checks pass, and a journal that is not yet in WAL mode is switched
// only by the first save, after a full check (write.go). A journal that
// needs a migration is checked fully first, since migrating writes.
//
// A zero-byte file is a new journal nothing was written to yet (one made
// by `touch`, say): Open makes it a journal; OpenReadOnly reads it as an
// empty one and leaves it as it is.
//
// The full check (Check) runs apart from Open: in the background in the
// window process, daily in the agent, and before a backup, export, import
// or restore.
//
// A journal that cannot be written (a read-only file, folder or disk) is
// opened read-only: it reads as usual and every save fails with an error
// for which IsReadOnly is true.
func Open(path string, opts ...Option) (*Store, error) {
	s := &Store{path: path, now: time.Now, writeQ: make(chan struct{}, 1), checked: make(chan struct{})}
	for _, o := range opts {
		o(s)
	}
	if !s.checkLater {
		// Nothing waits for a check; a later StartCheck still runs one.
		s.checkOnce.Do(func() { close(s.checked) })
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("data: create the data folder: %w", err)
	}
	exists, err := inspectFile(path)
	if err != nil {
		return nil, err
	}
	if exists && !s.forCheck {
		if err := readMark(path); err != nil {
			return nil, err
		}
	}
	fileOK, folderOK := canWrite(path, exists)
	if s.readOnly = !fileOK || !folderOK; s.readOnly && !exists {
		return nil, fmt.Errorf("data: create %s: the folder is %w", path, ErrReadOnly)
	}
	roMode := readOnly
	if !folderOK && !walLeft(path) {
		roMode = immutable
	}
	ctx := context.Background()
	if !exists {
		return s, s.create(ctx)
	}
	if s.ro, err = sql.Open("sqlite3", dsn(path, roMode)); err != nil {
		return nil, fmt.Errorf("data: open %s: %w", path, err)
	}
	info, err := s.inspect(ctx)
	if err != nil {
		s.ro.Close()
		if s.readOnly && !errors.Is(err, ErrCorrupt) {
			// Most likely a -wal left by a crash, which SQLite cannot
			// read without a -shm file the folder will not take.
			return nil, fmt.Errorf("%w (the journal is %w)", err, ErrReadOnly)
		}
		return nil, err
	}
	if s.readOnly {
		s.db = s.ro
		if info.version != len(migrations) {
			s.ro.Close()
			return nil, fmt.Errorf("data: open %s: schema %d needs an update, but the journal is %w", s.path, info.version, ErrReadOnly)
		}
		return s, nil
	}
	if s.db, err = sql.Open("sqlite3", dsn(path, readWrite)); err != nil {
		s.ro.Close()
		return nil, fmt.Errorf("data: open %s: %w", path, err)
	}
	// The guard is the store's last connection to close unless the journal
	// may be checkpointed (see Close).
	if s.guard, err = s.ro.Conn(ctx); err == nil {
		err = s.guard.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(new(int))
	}
	if err != nil {
		s.closeAll(false)
		return nil, fmt.Errorf("data: open %s: %w", path, err)
	}
	s.wal.Store(info.journalMode == "wal")
	if info.version != len(migrations) {
		err = s.migrateChecked(ctx)
	} else {
		// The checks passed: open the first read-write connection now
		// (opening writes nothing), so the first save does not wait for it.
		err = s.db.PingContext(ctx)
	}
	if err != nil {
		s.closeAll(false)
		return nil, err
	}
	return s, nil
}

// create makes a new journal: WAL mode and the schema. There is nothing in
// it yet to check.
func (s *Store) create(ctx context.Context) error {
	var err error
	if s.db, err = sql.Open("sqlite3", dsn(s.path, readWrite)); err != nil {
		return fmt.Errorf("data: open %s: %w", s.path, err)
	}
	if err = s.useWAL(ctx); err == nil {
		err = migrate(ctx, s.db)
	}
	if err == nil {
		s.ro, err = sql.Open("sqlite3", dsn(s.path, readOnly))
	}
	if err == nil {
		if s.guard, err = s.ro.Conn(ctx); err == nil {
			err = s.guard.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(new(int))
		}
	}
	if err != nil {
		s.closeAll(false)
		return fmt.Errorf("data: create %s: %w", s.path, err)
	}
	s.wrote.Store(true)
	return nil
}

// migrateChecked migrates an existing journal to the newest schema after a
// full check: migrating writes.
func (s *Store) migrateChecked(ctx context.Context) error {
	res, err := s.Check(ctx)
	if err != nil {
		return err
	}
	if err := res.Err(); err != nil {
		return err
	}
	if err := s.useWAL(ctx); err != nil {
		return err
	}
	if err := migrate(ctx, s.db); err != nil {
		return err
	}
	s.wrote.Store(true)
	return nil
}

// journalInfo is what Open's cheap checks read.
type journalInfo struct {
	version     int
	journalMode string
}

// inspect runs Open's cheap checks on a read-only connection, in one read
// transaction: the schema version and application id as SQLite sees them
// (the -wal included), the journal mode, and every b-tree root named in the
// schema, each within the file and readable down to its first leaf. None of
// it grows with history.
func (s *Store) inspect(ctx context.Context) (journalInfo, error) {
	var info journalInfo
	conn, err := s.ro.Conn(ctx)
	if err != nil {
		return info, s.openErr(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return info, s.openErr(err)
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK")
	var appID, pages int64
	err = conn.QueryRowContext(ctx, "SELECT (SELECT user_version FROM pragma_user_version), (SELECT application_id FROM pragma_application_id), (SELECT page_count FROM pragma_page_count)").
		Scan(&info.version, &appID, &pages)
	if err != nil {
		return info, s.openErr(err)
	}
	switch {
	case appID != ApplicationID && (appID != 0 || info.version != 0):
		return info, &OpenError{Path: s.path, Err: ErrNotJournal, Detail: "it belongs to another program"}
	case info.version > len(migrations):
		return info, &OpenError{Path: s.path, Err: ErrNewerSchema, Detail: fmt.Sprintf("schema %d, this version knows %d", info.version, len(migrations))}
	}
	if err := conn.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&info.journalMode); err != nil {
		return info, s.openErr(err)
	}
	type root struct {
		kind, name string
		page       int64
	}
	var roots []root
	rows, err := conn.QueryContext(ctx, "SELECT type, name, rootpage FROM sqlite_schema WHERE rootpage > 0 OR type IN ('table', 'index')")
	if err != nil {
		return info, s.openErr(err)
	}
	for rows.Next() {
		var r root
		var page sql.NullInt64
		if err := rows.Scan(&r.kind, &r.name, &page); err != nil {
			rows.Close()
			return info, s.openErr(err)
		}
		r.page = page.Int64
		roots = append(roots, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return info, s.openErr(err)
	}
	for _, r := range roots {
		if r.page < 1 || r.page > pages {
			return info, &OpenError{Path: s.path, Err: ErrCorrupt, Detail: fmt.Sprintf("%s %s starts at page %d of %d", r.kind, r.name, r.page, pages)}
		}
		if r.kind != "table" || strings.HasPrefix(r.name, "sqlite_") {
			continue
		}
		if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM "`+strings.ReplaceAll(r.name, `"`, `""`)+`" LIMIT 1)`).Scan(new(int)); err != nil {
			return info, s.openErr(err)
		}
	}
	return info, nil
}

// openErr is why Open's cheap checks failed: an *OpenError with ErrCorrupt
// when SQLite says the file is damaged.
func (s *Store) openErr(err error) error {
	if isCorrupt(err) {
		return &OpenError{Path: s.path, Err: ErrCorrupt, Detail: err.Error()}
	}
	return fmt.Errorf("data: open %s: %w", s.path, err)
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
// busy_timeout is the write lock wait (writeWait), after which a save says
// ErrBusy.
//
// There is no journal_mode pragma here: it would switch a journal in
// rollback mode (a backup copied in place by hand) to WAL as the first
// connection opens, before any check, rewriting the file's header. WAL is
// persistent in the file, so a journal that is in WAL mode opens in it; a
// new journal and one in rollback mode are switched by useWAL.
//
// A read-only connection opens with mode=ro. When the journal's folder
// cannot take a -shm file either, immutable=1 is the only way SQLite reads
// a WAL journal there; Open uses it only when no -wal is left over, so
// nothing is missed.
func dsn(path string, mode openMode) string {
	q := url.Values{}
	q.Set("_synchronous", "FULL")
	q.Set("_foreign_keys", "1")
	q.Set("_busy_timeout", strconv.Itoa(int(writeWait/time.Millisecond)))
	if mode == readWrite {
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
		return true, &OpenError{Path: path, Err: ErrNotJournal, Detail: "it is not an SQLite database"}
	}
	version := binary.BigEndian.Uint32(header[60:64])
	appID := binary.BigEndian.Uint32(header[68:72])
	// A database with neither mark is new only while its schema was never
	// changed (schema cookie 0); otherwise another program's tables are in it.
	schemaCookie := binary.BigEndian.Uint32(header[40:44])
	switch {
	case appID != ApplicationID && (appID != 0 || version != 0 || schemaCookie != 0):
		return true, &OpenError{Path: path, Err: ErrNotJournal, Detail: "it belongs to another program"}
	case version > uint32(len(migrations)):
		return true, &OpenError{Path: path, Err: ErrNewerSchema, Detail: fmt.Sprintf("schema %d, this version knows %d", version, len(migrations))}
	}
	if problem := headerProblem(header, f); problem != "" {
		return true, &OpenError{Path: path, Err: ErrCorrupt, Detail: problem}
	}
	return true, nil
}

// headerProblem checks the rest of the database header against the file
// format (sqlite.org/fileformat.html, 1.3): fields with fixed values, the
// page size, the read and write versions, and the file's length against
// the page count the header holds. It returns what is wrong, or "".
func headerProblem(h []byte, f *os.File) string {
	pageSize := int64(binary.BigEndian.Uint16(h[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	switch {
	case pageSize < 512 || pageSize&(pageSize-1) != 0:
		return fmt.Sprintf("page size %d in the header", pageSize)
	case h[18] < 1 || h[18] > 2 || h[19] < 1 || h[19] > 2:
		return fmt.Sprintf("file format versions %d/%d in the header", h[18], h[19])
	case h[21] != 64 || h[22] != 32 || h[23] != 32:
		return "payload fractions in the header are not 64/32/32"
	case int64(h[20]) >= pageSize-480:
		return fmt.Sprintf("%d reserved bytes per page", h[20])
	}
	fi, err := f.Stat()
	if err != nil || walLeft(f.Name()) {
		// A -wal with content may hold pages the file does not have yet
		// (a checkpoint that a full disk cut short).
		return ""
	}
	// The page count is valid only when the change counter matches the
	// "version valid for" field: a file shorter than its header says was
	// cut off.
	pages := int64(binary.BigEndian.Uint32(h[28:32]))
	if binary.BigEndian.Uint32(h[24:28]) == binary.BigEndian.Uint32(h[92:96]) && pages > 0 && fi.Size() < pages*pageSize {
		return fmt.Sprintf("the file holds %d bytes, its header says %d pages of %d", fi.Size(), pages, pageSize)
	}
	if fi.Size()%pageSize != 0 {
		return fmt.Sprintf("the file's %d bytes are not whole pages of %d", fi.Size(), pageSize)
	}
	return ""
}

// IntegrityCheck runs the full check (Check) and returns nil for a sound
// journal and an *OpenError with ErrCorrupt otherwise.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	res, err := s.Check(ctx)
	if err != nil {
		return err
	}
	return res.Err()
}

// Close closes the journal. When the journal is known sound (no check found
// it damaged, here or in another process) and this store saved something or
// checked it, Close first folds the write-ahead log into the file, so a
// clean quit leaves no -wal content behind. Otherwise nothing is
// checkpointed: the read-only guard connection closes last, and a
// read-only connection cannot checkpoint, so SQLite's own checkpoint of the
// last connection does not run either.
func (s *Store) Close() error {
	// A check that never started is not needed any more; one that runs
	// uses the connection pool, so it finishes first.
	s.checkOnce.Do(func() { close(s.checked) })
	<-s.checked
	// No save is under way while Close decides.
	s.writeQ <- struct{}{}
	defer func() { <-s.writeQ }()
	err := s.closeAll(!s.readOnly && s.mayCheckpoint())
	s.removePrivateCopy()
	return err
}

// mayCheckpoint reports whether Close may fold the write-ahead log into
// the journal.
func (s *Store) mayCheckpoint() bool {
	if s.readOnly || s.Damaged() != nil {
		return false
	}
	if !s.forCheck && readMark(s.path) != nil {
		return false
	}
	s.mu.Lock()
	checkedSound := s.lastCheck != nil && s.lastCheck.OK()
	s.mu.Unlock()
	return s.wrote.Load() || checkedSound
}

// closeAll closes the connections; with checkpoint, after a checkpoint
// and with the guard first, so the last connection of the read-write pool
// may end the -wal file as SQLite does; without, with the guard last.
func (s *Store) closeAll(checkpoint bool) error {
	var errs []error
	if checkpoint && s.db != nil {
		_, _ = s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	}
	closeGuard := func() {
		if s.guard != nil {
			errs = append(errs, s.guard.Close())
			s.guard = nil
		}
		if s.ro != nil && s.ro != s.db {
			errs = append(errs, s.ro.Close())
		}
	}
	if checkpoint {
		closeGuard()
	}
	if s.db != nil {
		errs = append(errs, s.db.Close())
	}
	if !checkpoint {
		closeGuard()
	}
	return errors.Join(errs...)
}

// Checked is closed once the background check (StartCheck) has finished;
// with WithCheckLater every write waits for it. Without WithCheckLater it
// is closed from the start.
func (s *Store) Checked() <-chan struct{} { return s.checked }

// CheckErr is the background check's result (an *OpenError with ErrCorrupt
// and the CheckResult for a damaged journal), once Checked is closed; nil
// before.
func (s *Store) CheckErr() error {
	select {
	case <-s.checked:
		return s.checkErr
	default:
		return nil
	}
}

// waitChecked waits for the background check when writes wait for it
// (WithCheckLater), starting it if nobody has.
func (s *Store) waitChecked(ctx context.Context) error {
	if !s.checkLater {
		return nil
	}
	s.StartCheck()
	select {
	case <-s.checked:
		// Damage found is in s.damage, which Repair clears; a check that
		// could not run at all stops writes too.
		if s.checkErr != nil && !errors.Is(s.checkErr, ErrCorrupt) {
			return s.checkErr
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ReadOnly reports whether the journal was opened read-only: because its
// file, folder or disk cannot be written, or by OpenReadOnly.
func (s *Store) ReadOnly() bool { return s.readOnly }

// ReleaseMemory closes the pooled connections that are idle, and with them
// their page caches (up to SQLite's default 2 MB each, filled by a full
// check or a backup on a large journal). The next query opens a fresh
// connection. A process that stays resident (the agent) calls it after its
// start-up work.
func (s *Store) ReleaseMemory() {
	for _, db := range []*sql.DB{s.db, s.ro} {
		if db != nil {
			db.SetMaxIdleConns(0)
			db.SetMaxIdleConns(maxIdleConns)
		}
	}
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
