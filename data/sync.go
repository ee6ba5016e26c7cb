package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Encryption is what a sync pass does with the folder's encryption.
type Encryption int

// EncryptionKeep leaves the folder as it is (a new folder is encrypted);
// EncryptionOn and EncryptionOff change it for every device.
const (
	EncryptionKeep Encryption = iota
	EncryptionOn
	EncryptionOff
)

// SyncOptions are a sync pass's choices.
type SyncOptions struct {
	// Passphrase opens an encrypted folder this device has not opened
	// yet, or sets the passphrase of a new encrypted folder ("" makes one
	// up, reported in SyncReport.NewPassphrase). Once it worked, the device
	// keeps it in its machine-local state.
	Passphrase string
	// Encryption turns the folder's encryption on or off.
	Encryption Encryption
	// workFactor is scrypt's log2 work factor for a new passphrase seal;
	// 0 is age's default. Tests lower it.
	workFactor int
	// compactAfter is how many read files a device keeps before it folds
	// them into a snapshot; 0 is compactAfter. Tests lower it.
	compactAfter int
}

// SyncNote is a log a pass skipped, and why: Code is one of the Note…
// constants.
type SyncNote struct {
	Code   string
	Device string // the device's name, or its id when unknown
	File   string // the log's path
	Detail string // in English, technical
}

func (n SyncNote) String() string {
	return fmt.Sprintf("%s: %s (%s)", n.File, n.Code, n.Detail)
}

// LastSync is when records last came in from another device.
type LastSync struct {
	DeviceID string
	Device   string // its name
	At       time.Time
}

// IsZero reports whether nothing has come in yet.
func (l LastSync) IsZero() bool { return l.At.IsZero() }

// SyncReport says what a pass did.
type SyncReport struct {
	Device    Device
	Folder    string
	Encrypted bool
	// NewPassphrase is the passphrase this pass made up for a new
	// encrypted folder: show it once, to be written down.
	NewPassphrase string
	Wrote         int    // records written to this device's log
	File          string // the log written, or ""
	Files         int    // other devices' logs read
	Read          int    // records in them
	Added         int    // records that were new here
	Updated       int    // records another device had in a newer version
	Unchanged     int    // records already here as new or newer
	// Combined counts the evenings, mornings, weekly reviews and
	// off-seasons starting on one day for which this pass met two devices'
	// different texts and kept both.
	Combined int
	// Compacted is how many of this device's files, read by every other
	// device, the pass folded into one snapshot.
	Compacted int
	Notes     []SyncNote
	Backup    string   // the backup taken before the session's first merge
	Last      LastSync // the newest "last synced from <device> at <time>"
}

// Machine-local state of the sync (never synced, exported or restored).
const (
	stateFolder     = "sync.folder"
	stateSeq        = "sync.seq"   // the last log number this device wrote
	stateClock      = "sync.clock" // the hybrid logical clock
	statePassphrase = "sync.passphrase"
	stateIdentity   = "sync.identity"  // the folder's secret key, once opened
	stateRecipient  = "sync.recipient" // the key it was checked against
	stateLast       = "sync.last"
	stateCursor     = "sync.cursor." // + device id
	stateName       = "sync.name."   // + device id: its name, from its last log
)

// SyncFolder returns the folder this device syncs through, or "".
func (s *Store) SyncFolder(ctx context.Context) (string, error) {
	f, err := readState(ctx, s.db, stateFolder)
	if err != nil {
		return "", fmt.Errorf("data: sync folder: %w", err)
	}
	return f, nil
}

// LastSync returns when records last came in from another device.
func (s *Store) LastSync(ctx context.Context) (LastSync, error) {
	v, err := readState(ctx, s.db, stateLast)
	if err != nil {
		return LastSync{}, fmt.Errorf("data: last sync: %w", err)
	}
	return parseLastSync(v), nil
}

func parseLastSync(v string) LastSync {
	parts := strings.SplitN(v, "\t", 3)
	if len(parts) != 3 {
		return LastSync{}
	}
	at, err := time.Parse(time.RFC3339Nano, parts[2])
	if err != nil {
		return LastSync{}
	}
	return LastSync{DeviceID: parts[0], Device: parts[1], At: at}
}

func (l LastSync) state() string {
	return l.DeviceID + "\t" + l.Device + "\t" + l.At.UTC().Format(time.RFC3339Nano)
}

// incomingLog is another device's log, read and checked, waiting to merge.
type incomingLog struct {
	file    logFile
	header  logHeader
	changes []syncChange
}

// Sync runs one pass through folder ("" is the folder set before): it
// writes this device's changes since its last pass into a new log of its
// own (the whole journal the first time), then reads the other devices'
// logs it has not read, checks them completely, and merges them in one
// transaction, after a backup the first time in a session. Records merge
// as Import merges them, by UUID, and the newer hybrid logical clock wins;
// evenings and mornings merge by day and field by field, and where two
// devices wrote different texts side by side both are kept. A log still
// arriving, damaged or changed is skipped with a note and read again next
// time; reading a log twice, or logs out of order, changes nothing.
func (s *Store) Sync(ctx context.Context, folder string, opts SyncOptions) (SyncReport, error) {
	rep, err := s.sync(ctx, folder, opts)
	if err != nil {
		return rep, fmt.Errorf("data: sync: %w", err)
	}
	return rep, nil
}

func (s *Store) sync(ctx context.Context, folder string, opts SyncOptions) (SyncReport, error) {
	var rep SyncReport
	if s.readOnly {
		return rep, ErrReadOnly
	}
	if err := s.waitChecked(ctx); err != nil {
		return rep, err
	}
	state, err := readStates(ctx, s.db, "sync.")
	if err != nil {
		return rep, err
	}
	if folder == "" {
		folder = state[stateFolder[len("sync."):]]
	}
	if folder == "" {
		return rep, ErrSyncNoFolder
	}
	if folder, err = filepath.Abs(folder); err != nil {
		return rep, err
	}
	rep.Folder = folder
	if folderHoldsJournal(folder, s.path) {
		return rep, ErrSyncFolderHasJournal
	}
	local := syncState(maps.Clone(state))
	root := filepath.Join(folder, SyncDirName)
	if err := os.MkdirAll(root, 0o700); err != nil {
		return rep, err
	}
	// The keys first: without them nothing is written, here or there.
	keys, changed, err := s.folderKeys(root, opts, local, &rep)
	if err != nil {
		return rep, err
	}
	if rep.Device, err = s.Device(ctx); err != nil {
		return rep, err
	}
	if err := os.MkdirAll(filepath.Join(root, rep.Device.ID), 0o700); err != nil {
		return rep, err
	}
	rep.Encrypted = keys != nil
	rep.Last = parseLastSync(local.get(stateLast))

	cursors := map[string]cursor{}
	for k, v := range local {
		if dev, ok := strings.CutPrefix(k, stateCursor[len("sync."):]); ok {
			cursors[dev] = parseCursor(v)
		}
	}
	files, others, err := listLogs(root, rep.Device.ID, cursors)
	if err != nil {
		return rep, err
	}
	var incoming []incomingLog
	for _, f := range files {
		in, note := readLog(f, keys, local)
		if note != nil {
			rep.Notes = append(rep.Notes, *note)
			continue
		}
		incoming = append(incoming, in)
	}

	first := local.get(stateSeq) == ""
	if !first && len(incoming) == 0 && !changed && folder == local.get(stateFolder) {
		pending, err := s.hasPending(ctx)
		if err != nil {
			return rep, err
		}
		if !pending { // nothing new either way
			return rep, publishCursors(root, rep.Device.ID, cursors)
		}
	}
	if len(incoming) > 0 && !s.syncBackedUp.Load() {
		if rep.Backup, err = s.backupBefore(ctx, "sync"); err != nil {
			return rep, fmt.Errorf("back up first: %w", err)
		}
		s.syncBackedUp.Store(true)
	}
	local[stateFolder[len("sync."):]] = folder

	err = s.withBulkTx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		clock := &hlClock{device: rep.Device.ID}
		if h, err := parseHLC(local.get(stateClock)); err == nil {
			clock.wall, clock.count = h.wall, h.count
		}
		out, err := stampChanges(ctx, tx, clock, first)
		if err != nil {
			return err
		}
		seq := max(atoiOr(local.get(stateSeq)), ownLastSeq(root, rep.Device.ID))
		if len(out) > 0 {
			seq++
			path := filepath.Join(root, rep.Device.ID, logName(seq))
			b, err := encodeLog(logHeader{Format: logVersion, Device: rep.Device.ID, Name: rep.Device.Name, Seq: seq}, out, keys)
			if err != nil {
				return err
			}
			if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
				return fmt.Errorf("write %s: %w", path, err)
			}
			rep.Wrote, rep.File = len(out), path
		}
		local.set(stateSeq, fmt.Sprint(seq))

		m := newSyncMerger(tx, &rep)
		defer m.close()
		// In key order, so the tables' B-trees fill in order; the outcome
		// does not depend on the order.
		var all []syncChange
		for _, in := range incoming {
			all = append(all, in.changes...)
		}
		slices.SortFunc(all, func(a, b syncChange) int {
			if c := strings.Compare(a.kind, b.kind); c != 0 {
				return c
			}
			return strings.Compare(a.key(), b.key())
		})
		if len(all) >= bulkLines {
			if err := m.preload(ctx); err != nil {
				return err
			}
		}
		for _, c := range all {
			if err := m.apply(ctx, c); err != nil {
				return fmt.Errorf("%s %s: %w", c.kind, c.key(), err)
			}
			clock.observe(c.clock)
		}
		for _, in := range incoming {
			rep.Files++
			rep.Read += len(in.changes)
			key := stateCursor[len("sync."):] + in.file.device
			c := parseCursor(local.get(key))
			if in.file.snapshot {
				c = c.through(in.file.seq)
			} else {
				c = c.add(in.file.seq)
			}
			cursors[in.file.device] = c
			local.set(key, c.String())
			if in.header.Name != "" {
				local.set(stateName[len("sync."):]+in.file.device, in.header.Name)
			}
			rep.Last = LastSync{DeviceID: in.file.device, Device: in.header.Name, At: now.UTC()}
		}
		if rep.Files > 0 {
			local.set(stateLast, rep.Last.state())
		}
		local.set(stateClock, clock.String())
		return local.save(ctx, tx, formatTS(now), state)
	})
	if err != nil {
		return SyncReport{Device: rep.Device, Folder: rep.Folder, Notes: rep.Notes, NewPassphrase: rep.NewPassphrase}, err
	}
	// What was read is in the journal now: say so to the other devices,
	// and fold what they have all read of this device's.
	if err := publishCursors(root, rep.Device.ID, cursors); err != nil {
		return rep, fmt.Errorf("write %s: %w", cursorsName, err)
	}
	after := opts.compactAfter
	if after == 0 {
		after = compactAfter
	}
	if rep.Compacted, err = compact(root, rep.Device.ID, rep.Device.Name, others, keys, after); err != nil {
		return rep, fmt.Errorf("compact: %w", err)
	}
	return rep, nil
}

// syncState is the sync's machine-local state, by key without "sync.".
type syncState map[string]string

func (st syncState) get(key string) string { return st[strings.TrimPrefix(key, "sync.")] }
func (st syncState) set(key, v string)     { st[strings.TrimPrefix(key, "sync.")] = v }

// save writes the values that differ from before.
func (st syncState) save(ctx context.Context, q queryer, now string, before map[string]string) error {
	keys := make([]string, 0, len(st))
	for k := range st {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if old, ok := before[k]; ok && old == st[k] {
			continue
		}
		if err := writeState(ctx, q, "sync."+k, st[k], now); err != nil {
			return err
		}
	}
	return nil
}

func atoiOr(s string) int {
	var n int
	fmt.Sscan(s, &n)
	return n
}

// hasPending reports whether anything changed here since the last pass.
func (s *Store) hasPending(ctx context.Context) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM sync_records WHERE pending = 1 LIMIT 1)`).Scan(&n)
	return n > 0, err
}

// folderKeys reads (or, for a new folder, writes) folder.json and returns
// the folder's keys, nil for an unencrypted folder. changed reports that
// the machine-local state learned something to keep.
func (s *Store) folderKeys(root string, opts SyncOptions, local syncState, rep *SyncReport) (keys *syncKeys, changed bool, err error) {
	meta, exists, err := readFolderMeta(root)
	if err != nil {
		return nil, false, err
	}
	remember := func(k *syncKeys, passphrase string) {
		local.set(statePassphrase, passphrase)
		local.set(stateIdentity, k.identity.String())
		local.set(stateRecipient, k.recipient.String())
	}
	newKey := func() (*syncKeys, error) {
		pass := opts.Passphrase
		if pass == "" {
			pass = local.get(statePassphrase)
		}
		if pass == "" {
			pass = GeneratePassphrase()
			rep.NewPassphrase = pass
		}
		m, k, err := newFolderKey(pass, opts.workFactor)
		if err != nil {
			return nil, err
		}
		if err := writeFolderMeta(root, m); err != nil {
			return nil, err
		}
		remember(k, pass)
		return k, nil
	}
	if !exists {
		if opts.Encryption == EncryptionOff {
			return nil, true, writeFolderMeta(root, folderMeta{Format: folderFormat, Version: folderVersion})
		}
		k, err := newKey()
		return k, true, err
	}
	if !meta.Encrypted {
		if opts.Encryption == EncryptionOn {
			k, err := newKey()
			return k, true, err
		}
		known := local.get(stateRecipient)
		if known == "" {
			return nil, false, nil
		}
		// This device knew the folder encrypted: only the passphrase turns
		// that off.
		pass := local.get(statePassphrase)
		if opts.Passphrase != "" {
			pass = opts.Passphrase
		}
		text, err := scryptOpen(meta.OffProof, pass)
		if err != nil || text != offStatement(known) {
			return nil, false, ErrSyncFolderChanged
		}
		local.set(stateRecipient, "")
		local.set(stateIdentity, "")
		return nil, true, nil
	}
	if local.get(stateRecipient) == meta.Recipient && (opts.Passphrase == "" || opts.Passphrase == local.get(statePassphrase)) {
		k, err := keysFrom(local.get(stateIdentity), meta.Recipient)
		if err == nil {
			keys = k
		}
	}
	if keys == nil {
		pass := opts.Passphrase
		if pass == "" {
			pass = local.get(statePassphrase)
		}
		if pass == "" {
			return nil, false, ErrSyncPassphraseNeeded
		}
		if keys, err = openFolderKey(meta, pass); err != nil {
			return nil, false, err
		}
		remember(keys, pass)
		changed = true
	}
	if opts.Encryption == EncryptionOff {
		proof, err := scryptSeal(offStatement(meta.Recipient), local.get(statePassphrase), opts.workFactor)
		if err != nil {
			return nil, false, err
		}
		if err := writeFolderMeta(root, folderMeta{Format: folderFormat, Version: folderVersion, OffProof: proof}); err != nil {
			return nil, false, err
		}
		local.set(stateRecipient, "")
		local.set(stateIdentity, "")
		return nil, true, nil
	}
	return keys, changed, nil
}

// readLog reads and checks one log; a log that cannot be merged whole
// comes back as a note.
func readLog(f logFile, keys *syncKeys, local syncState) (incomingLog, *SyncNote) {
	name := local.get(stateName + f.device)
	if name == "" {
		name = f.device
	}
	note := func(code, detail string) *SyncNote {
		return &SyncNote{Code: code, Device: name, File: f.path, Detail: detail}
	}
	b, err := os.ReadFile(f.path)
	if err != nil {
		return incomingLog{}, note(NoteIncomplete, err.Error())
	}
	h, lines, problem := decodeLog(b, f, keys)
	if problem != nil {
		return incomingLog{}, note(problem.code, problem.detail)
	}
	in := incomingLog{file: f, header: h, changes: make([]syncChange, 0, len(lines))}
	for i, l := range lines {
		c, err := checkLine(l)
		if err != nil {
			return incomingLog{}, note(NoteDamaged, fmt.Sprintf("line %d: %s", i+2, detail(err)))
		}
		in.changes = append(in.changes, c)
	}
	return in, nil
}

// syncChange is one checked line: a record (for evenings and mornings a
// whole day's rows, for reviews a whole week's, for off-seasons the rows
// starting on one day) with its clock.
type syncChange struct {
	kind       string
	clock      hlc
	seen       versionVector
	win        *Win
	setting    *Setting
	day        Day
	evenings   []Evening
	mornings   []Morning
	reviews    []Review
	offSeasons []OffSeason
}

func (c syncChange) hlcText() string { return c.clock.String() }

// key is the record's key in sync_records.
func (c syncChange) key() string {
	switch {
	case c.win != nil:
		return c.win.UUID
	case c.setting != nil:
		return c.setting.Key
	default:
		return c.day.String()
	}
}

// withBulkTx is withTx on a connection of its own with Import's large page
// cache, for a pass that may merge a whole journal.
func (s *Store) withBulkTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return s.write(ctx, writeOpts{prepare: withCache(importCacheKiB)}, fn)
}

// checkLine applies Import's checks to a line's record.
func checkLine(l logLine) (syncChange, error) {
	c := syncChange{kind: l.Kind}
	var err error
	if c.clock, err = parseHLC(l.HLC); err != nil {
		return c, err
	}
	switch l.Kind {
	case "win":
		c.win = &Win{}
		if err := strictDecode(l.Record, c.win); err != nil {
			return c, err
		}
		err = c.win.check()
	case "evening", "morning", "review", "off_season":
		if c.seen, err = parseVV(l.Seen); err != nil {
			return c, err
		}
		if c.seen[c.clock.device] != l.HLC {
			return c, errors.New("its clock is not among the clocks it has seen")
		}
		switch l.Kind {
		case "evening":
			c.evenings, c.day, err = checkDayRows(eveningOps(), l.Rows)
		case "morning":
			c.mornings, c.day, err = checkDayRows(morningOps(), l.Rows)
		case "review":
			c.reviews, c.day, err = checkDayRows(reviewOps(), l.Rows)
		default:
			c.offSeasons, c.day, err = checkDayRows(offSeasonOps(), l.Rows)
		}
	case "setting":
		c.setting = &Setting{}
		if err := strictDecode(l.Record, c.setting); err != nil {
			return c, err
		}
		err = c.setting.check()
	default:
		err = fmt.Errorf("kind %q is not a record Matchday syncs", l.Kind)
	}
	return c, err
}

// SyncStatus is what Settings shows of the sync.
type SyncStatus struct {
	Folder string // "" when this machine does not sync
	Device Device
	// Passphrase is the encrypted folder's passphrase as this machine
	// keeps it, to be read off for the next machine; "" when unknown.
	Passphrase string
	// Encrypted is whether the folder was encrypted at the last pass.
	Encrypted bool
	Last      LastSync
}

// SyncStatus reads the sync's machine-local state.
func (s *Store) SyncStatus(ctx context.Context) (SyncStatus, error) {
	state, err := readStates(ctx, s.db, "sync.")
	if err != nil {
		return SyncStatus{}, fmt.Errorf("data: sync status: %w", err)
	}
	local := syncState(state)
	st := SyncStatus{
		Folder:     local.get(stateFolder),
		Passphrase: local.get(statePassphrase),
		Encrypted:  local.get(stateRecipient) != "",
		Last:       parseLastSync(local.get(stateLast)),
	}
	st.Device.ID, st.Device.Name = local.get(stateDeviceID), local.get(stateDeviceName)
	if st.Device.Name == "" {
		st.Device.Name = defaultDeviceName()
	}
	return st, nil
}
