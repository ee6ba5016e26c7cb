package data

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Compaction. A device's logs pile up, one a pass that changed something.
// Once every other device has read a device's logs up to a number, no one
// needs them one by one any more: that device folds them into one snapshot,
// <number>.snapshot.jsonl, holding the newest line of each record the
// folded files held (the newest clock; for a day or week, the newest
// version, whose version vector covers the older ones), and removes them.
// A device that reads the snapshot comes to what reading the folded logs
// would have brought, so a device joining later still gets everything; one
// that has read them skips it. Only a device's own files are ever folded,
// by that device.
//
// Devices learn how far the others have read from cursors.json, which each
// device writes into its own folder after a pass that read something
// (atomically, like the logs): device ids and log numbers, nothing typed.
// A device that has a folder but no cursors yet (a new one, or an older
// Matchday) holds compaction back until it has read.

const (
	cursorsName    = "cursors.json"
	cursorsVersion = 1
	// compactAfter is how many of its files that every other device has
	// read a device keeps before it folds them.
	compactAfter = 32
)

var snapshotNamePattern = regexp.MustCompile(`^([0-9]{8})\.snapshot\.jsonl$`)

func snapshotName(seq int) string { return fmt.Sprintf("%08d.snapshot.jsonl", seq) }

// cursorsFile is cursors.json: how far its device has read each other
// device's logs (cursor's text form).
type cursorsFile struct {
	Format int               `json:"matchday_sync_cursors"`
	Device string            `json:"device"`
	Read   map[string]string `json:"read"`
}

// publishCursors writes this device's cursors into its folder when they
// differ from what is there.
func publishCursors(root, me string, cursors map[string]cursor) error {
	f := cursorsFile{Format: cursorsVersion, Device: me, Read: map[string]string{}}
	for dev, c := range cursors {
		if dev != me && deviceIDPattern.MatchString(dev) {
			f.Read[dev] = c.String()
		}
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	path := filepath.Join(root, me, cursorsName)
	if old, err := os.ReadFile(path); err == nil && string(old) == string(b) {
		return nil
	}
	return WriteFileAtomic(path, func(w io.Writer) error { _, err := w.Write(b); return err })
}

// readCursorsOf returns how far device dev says it has read me's logs;
// ok is false when it has not said (no cursors.json, or one that does not
// parse or is not its own).
func readCursorsOf(root, dev, me string) (upTo int, ok bool) {
	b, err := os.ReadFile(filepath.Join(root, dev, cursorsName))
	if err != nil {
		return 0, false
	}
	var f cursorsFile
	if err := json.Unmarshal(b, &f); err != nil || f.Format != cursorsVersion || f.Device != dev {
		return 0, false
	}
	text, ok := f.Read[me]
	if !ok {
		return 0, false
	}
	return parseCursor(text).upTo, true
}

// ownFiles lists the logs and snapshots in this device's own folder.
func ownFiles(root, me string) []logFile {
	entries, _ := os.ReadDir(filepath.Join(root, me))
	var out []logFile
	for _, e := range entries {
		if f, ok := parseLogName(root, me, e.Name()); ok && !e.IsDir() {
			out = append(out, f)
		}
	}
	return out
}

// parseLogName reads a file name of a device's folder: a log or a
// snapshot, and its number.
func parseLogName(root, dev, name string) (logFile, bool) {
	m := logNamePattern.FindStringSubmatch(name)
	snap := false
	if m == nil {
		if m = snapshotNamePattern.FindStringSubmatch(name); m == nil {
			return logFile{}, false
		}
		snap = true
	}
	seq, _ := strconv.Atoi(m[1])
	if seq <= 0 {
		return logFile{}, false
	}
	return logFile{device: dev, seq: seq, path: filepath.Join(root, dev, name), snapshot: snap}, true
}

// compact folds this device's files that every other device in others has
// read into one snapshot, once there are at least min of them, and
// returns how many files it folded. A file of its own it cannot read (an
// older key) leaves everything as it is.
func compact(root, me, name string, others []string, keys *syncKeys, min int) (int, error) {
	if len(others) == 0 {
		return 0, nil // no one to read them: keep the logs as they are
	}
	through := -1
	for _, dev := range others {
		upTo, ok := readCursorsOf(root, dev, me)
		if !ok {
			return 0, nil
		}
		if through < 0 || upTo < through {
			through = upTo
		}
	}
	var fold []logFile
	for _, f := range ownFiles(root, me) {
		if f.seq <= through {
			fold = append(fold, f)
		}
	}
	if len(fold) < max(min, 2) {
		return 0, nil
	}
	slices.SortFunc(fold, func(a, b logFile) int { return a.seq - b.seq })
	through = fold[len(fold)-1].seq

	type kept struct {
		hlc  string
		line logLine
	}
	newest := map[[2]string]kept{}
	for _, f := range fold {
		b, err := os.ReadFile(f.path)
		if err != nil {
			return 0, nil // gone meanwhile (another pass of this device folded it): next time
		}
		_, lines, problem := decodeLog(b, f, keys)
		if problem != nil {
			return 0, nil
		}
		for _, l := range lines {
			c, err := checkLine(l)
			if err != nil {
				return 0, nil
			}
			k := [2]string{c.kind, c.key()}
			if old, ok := newest[k]; !ok || l.HLC >= old.hlc {
				newest[k] = kept{l.HLC, l}
			}
		}
	}
	keys2 := make([][2]string, 0, len(newest))
	for k := range newest {
		keys2 = append(keys2, k)
	}
	slices.SortFunc(keys2, func(a, b [2]string) int {
		if c := strings.Compare(newest[a].hlc, newest[b].hlc); c != 0 {
			return c
		}
		if c := strings.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return strings.Compare(a[1], b[1])
	})
	out := make([][]byte, 0, len(keys2))
	for _, k := range keys2 {
		line, err := marshalRecord(newest[k].line)
		if err != nil {
			return 0, err
		}
		out = append(out, line)
	}
	b, err := encodeLog(logHeader{Format: logVersion, Device: me, Name: name, Seq: through, Snapshot: true}, out, keys)
	if err != nil {
		return 0, err
	}
	path := filepath.Join(root, me, snapshotName(through))
	if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
		return 0, err
	}
	for _, f := range fold {
		if f.path != path {
			if err := os.Remove(f.path); err != nil && !errors.Is(err, os.ErrNotExist) {
				return 0, err
			}
		}
	}
	return len(fold), syncDir(filepath.Join(root, me))
}
