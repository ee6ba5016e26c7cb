package data

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// ReplaceDamaged puts a checked copy of backup in place of the journal at
// dbPath, which Open or a check found damaged. The damaged file is never
// deleted or written: it is set aside, with its -wal and -shm, as
// <journal>.damaged-<time>, for a later rescue, and the damage mark beside
// it is removed. It returns that name. Every process that has the journal
// open must have stopped writing to it first (MarkDamaged).
//
// A backup whose journal id differs from the one the damaged journal still
// shows is refused with ErrOtherJournal unless AllowOtherJournal is given;
// when the damaged journal's id cannot be read, the backup is taken as the
// user chose it.
func ReplaceDamaged(ctx context.Context, dbPath, backup string, now time.Time, opts ...RestoreOption) (string, error) {
	var o restoreOptions
	for _, opt := range opts {
		opt(&o)
	}
	if err := integrityCheck(ctx, backup); err != nil {
		return "", fmt.Errorf("data: restore %s: the backup is damaged too: %w", backup, err)
	}
	if !o.otherJournal {
		journalID, _ := readJournalID(ctx, dbPath)
		backupID, _ := readJournalID(ctx, backup)
		if journalID != "" && backupID != "" && journalID != backupID {
			return "", fmt.Errorf("data: restore %s: %w", backup, ErrOtherJournal)
		}
	}
	dir := filepath.Dir(dbPath)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(dbPath)+".restore-*")
	if err != nil {
		return "", fmt.Errorf("data: restore: %w", err)
	}
	defer os.Remove(tmp.Name()) // gone after the rename; removes a half copy
	err = copyInto(tmp, backup)
	if err == nil {
		err = tmp.Sync()
	}
	if err != nil {
		tmp.Close()
		return "", fmt.Errorf("data: restore: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("data: restore: %w", err)
	}
	aside := dbPath + ".damaged-" + now.UTC().Format(stampLayout)
	for _, suffix := range []string{"", "-wal", "-shm"} {
		err := os.Rename(dbPath+suffix, aside+suffix)
		if err != nil && !os.IsNotExist(err) {
			return "", fmt.Errorf("data: set the damaged journal aside: %w", err)
		}
	}
	if err := os.Rename(tmp.Name(), dbPath); err != nil {
		return "", fmt.Errorf("data: restore: %w", err)
	}
	// The damage mark was about the file now set aside.
	removeMark(dbPath)
	_ = syncDir(dir)
	return aside, nil
}
