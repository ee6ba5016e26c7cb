package data

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"regexp"
	"strings"
)

// Device is this machine as the sync folder knows it: a random id that
// never changes and never leaves the machine's local state (a copy of the
// journal on another machine gets its own), and a name a person
// recognises, the host name until they change it.
type Device struct {
	ID   string
	Name string
}

// Machine-local state keys of the sync (local_state, see readState): never
// exported, imported, restored or synced.
const (
	stateDeviceID   = "sync.device"
	stateDeviceName = "sync.device_name"
)

// MaxDeviceName is the longest device name, in characters.
const MaxDeviceName = 64

var deviceIDPattern = regexp.MustCompile(`^[0-9a-f]{16}$`)

func newDeviceID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// defaultDeviceName is the host name, or "Matchday" when there is none.
func defaultDeviceName() string {
	if h, err := os.Hostname(); err == nil {
		if h, err := cleanOptional("device", h, MaxDeviceName); err == nil && h != "" {
			return h
		}
	}
	return "Matchday"
}

// Device returns this machine's sync identity, making the id the first
// time.
func (s *Store) Device(ctx context.Context) (Device, error) {
	id, err := readState(ctx, s.db, stateDeviceID)
	if err != nil {
		return Device{}, fmt.Errorf("data: device: %w", err)
	}
	if id == "" {
		err = s.withTx(ctx, func(tx *sql.Tx) error {
			var err error
			id, err = ensureDeviceID(ctx, tx, formatTS(s.now()))
			return err
		})
		if err != nil {
			return Device{}, fmt.Errorf("data: device: %w", err)
		}
	}
	name, err := readState(ctx, s.db, stateDeviceName)
	if err != nil {
		return Device{}, fmt.Errorf("data: device: %w", err)
	}
	if name == "" {
		name = defaultDeviceName()
	}
	return Device{ID: id, Name: name}, nil
}

// ensureDeviceID returns the device id, making and storing it when there
// is none (inside the caller's transaction, so two processes agree).
func ensureDeviceID(ctx context.Context, q queryer, now string) (string, error) {
	id, err := readState(ctx, q, stateDeviceID)
	if err != nil || id != "" {
		return id, err
	}
	id = newDeviceID()
	return id, writeState(ctx, q, stateDeviceID, id, now)
}

// SetDeviceName changes the name other devices show for this one; "" goes
// back to the host name.
func (s *Store) SetDeviceName(ctx context.Context, name string) error {
	name, err := cleanOptional("device", strings.Join(strings.Fields(name), " "), MaxDeviceName)
	if err != nil {
		return err
	}
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		return writeState(ctx, tx, stateDeviceName, name, formatTS(s.now()))
	})
	if err != nil {
		return fmt.Errorf("data: set device name: %w", err)
	}
	return nil
}

// readState and writeState keep this machine's own state in local_state,
// which no export, import, restore or sync carries; the sync reaches it
// only through these.
func readState(ctx context.Context, q queryer, key string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM local_state WHERE key = ?`, key).Scan(&v)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return v, err
}

func writeState(ctx context.Context, q queryer, key, value, now string) error {
	_, err := q.ExecContext(ctx, `INSERT INTO local_state (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
		WHERE value <> excluded.value`, key, value, now)
	return err
}

// readStates returns every machine-local value whose key starts with prefix,
// by key without the prefix.
func readStates(ctx context.Context, q queryer, prefix string) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT substr(key, ?), value FROM local_state WHERE key >= ? AND key < ?`,
		len(prefix)+1, prefix, prefix+"\xff")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}
