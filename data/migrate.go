package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// migrations are applied in order, one transaction each, and PRAGMA
// user_version records how many have run. Append only: a released migration
// is never edited.
var migrations = []string{
	// 1: wins, evenings, mornings, settings.
	`
CREATE TABLE wins (
	uuid         TEXT PRIMARY KEY,
	day          TEXT NOT NULL CHECK (length(day) = 10),
	text         TEXT NOT NULL CHECK (text <> ''),
	note         TEXT NOT NULL DEFAULT '',
	client       TEXT NOT NULL DEFAULT '',
	amount_cents INTEGER,
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	zone         TEXT NOT NULL DEFAULT '',
	deleted_at   TEXT
) WITHOUT ROWID;
CREATE INDEX wins_day ON wins (day, created_at) WHERE deleted_at IS NULL;

CREATE TABLE evenings (
	uuid          TEXT PRIMARY KEY,
	day           TEXT NOT NULL UNIQUE CHECK (length(day) = 10),
	went_well     TEXT NOT NULL DEFAULT '',
	repeat_how    TEXT NOT NULL DEFAULT '',
	focus_result  TEXT CHECK (focus_result IN ('yes', 'partly', 'no')),
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL,
	celebrated_at TEXT,
	made_up       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE mornings (
	uuid       TEXT PRIMARY KEY,
	day        TEXT NOT NULL UNIQUE CHECK (length(day) = 10),
	focus      TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	set_at     TEXT
);

CREATE TABLE settings (
	key        TEXT PRIMARY KEY,
	value      TEXT NOT NULL,
	updated_at TEXT NOT NULL
) WITHOUT ROWID;
`,
}

// SchemaVersion is the newest schema this build knows.
func SchemaVersion() int { return len(migrations) }

func migrate(ctx context.Context, db *sql.DB) error {
	// Most opens find the journal up to date: see that without the write
	// lock, so many commands starting at once do not queue for it.
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("data: migrate: %w", err)
	}
	if version == len(migrations) {
		return nil
	}
	for {
		done, err := migrateOne(ctx, db)
		if err != nil || done {
			return err
		}
	}
}

// migrateOne applies the next migration, if any, in its own transaction,
// bumping user_version inside it.
func migrateOne(ctx context.Context, db *sql.DB) (done bool, err error) {
	tx, err := beginWrite(ctx, db)
	if err != nil {
		return false, fmt.Errorf("data: migrate: %w", err)
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return false, fmt.Errorf("data: migrate: %w", err)
	}
	if version > len(migrations) {
		return false, &OpenError{"the journal", ErrNewerSchema, fmt.Sprintf("schema %d, this version knows %d", version, len(migrations))}
	}
	if version == len(migrations) {
		return true, nil
	}
	if _, err := tx.ExecContext(ctx, migrations[version]); err != nil {
		return false, fmt.Errorf("data: migrate to schema %d: %w", version+1, err)
	}
	pragmas := fmt.Sprintf("PRAGMA user_version = %d; PRAGMA application_id = %d", version+1, ApplicationID)
	if _, err := tx.ExecContext(ctx, pragmas); err != nil {
		return false, fmt.Errorf("data: migrate to schema %d: %w", version+1, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("data: migrate to schema %d: %w", version+1, err)
	}
	return false, nil
}

// isCorrupt reports whether err is SQLite saying the file is damaged or not a
// database.
func isCorrupt(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB
	}
	return strings.Contains(err.Error(), "malformed")
}

// isBusy reports whether err is SQLite saying another connection holds the
// lock it waited for.
func isBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}

// IsReadOnly reports whether err is SQLite or the system refusing to write
// because the journal, its folder or its disk is read-only.
func IsReadOnly(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrReadonly {
		return true
	}
	return errors.Is(err, ErrReadOnly) || errors.Is(err, syscall.EROFS) || errors.Is(err, fs.ErrPermission)
}

// IsDiskFull reports whether err is SQLite or the system saying the disk is full.
func IsDiskFull(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrFull {
		return true
	}
	return err != nil && strings.Contains(err.Error(), "no space left")
}
