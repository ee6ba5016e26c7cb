package data

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// testWorkFactor keeps scrypt quick in tests (age's default costs a second).
const testWorkFactor = 10

// syncDevice is one machine of a sync test: its journal, its clock, and
// its own copy of the shared folder, which the test replicates by hand.
type syncDevice struct {
	t      testing.TB
	name   string
	s      *Store
	clock  *portClock
	folder string
	pass   string
	enc    Encryption
	// compactAfter is SyncOptions.compactAfter (0: the default).
	compactAfter int
}

func newSyncDevice(t testing.TB, name string, now time.Time) *syncDevice {
	t.Helper()
	c := &portClock{now}
	d := &syncDevice{t: t, name: name, s: openPortStore(t, c), clock: c, folder: filepath.Join(t.TempDir(), "Sync")}
	if err := d.s.SetDeviceName(context.Background(), name); err != nil {
		t.Fatal(err)
	}
	return d
}

// sync runs a pass and fails the test on an error.
func (d *syncDevice) sync() SyncReport {
	d.t.Helper()
	rep, err := d.s.Sync(context.Background(), d.folder, SyncOptions{Passphrase: d.pass, Encryption: d.enc, workFactor: testWorkFactor, compactAfter: d.compactAfter})
	if err != nil {
		d.t.Fatalf("%s: sync: %v", d.name, err)
	}
	if rep.NewPassphrase != "" {
		d.pass = rep.NewPassphrase
	}
	return rep
}

// syncFiles lists the files of a folder copy below matchday-sync, by path
// relative to the folder.
func syncFiles(t testing.TB, folder string) []string {
	t.Helper()
	var out []string
	root := filepath.Join(folder, SyncDirName)
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) {
				return nil
			}
			return err
		}
		if !e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			rel, _ := filepath.Rel(folder, p)
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// copyFile copies one file of a folder copy to another, the way a sync
// tool delivers it (whole, under its name).
func copySyncFile(t testing.TB, from, to, rel string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(from, rel))
	if err != nil {
		t.Fatal(err)
	}
	writeAt(t, filepath.Join(to, rel), b)
}

func writeAt(t testing.TB, path string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// replicate copies every file from's copy has and to's lacks or holds
// differently: what Syncthing does once it has caught up.
func replicate(t testing.TB, from, to *syncDevice) {
	t.Helper()
	for _, rel := range syncFiles(t, from.folder) {
		a, _ := os.ReadFile(filepath.Join(from.folder, rel))
		b, err := os.ReadFile(filepath.Join(to.folder, rel))
		if err != nil || !bytes.Equal(a, b) {
			copySyncFile(t, from.folder, to.folder, rel)
		}
	}
}

// converge syncs both devices and replicates both ways until neither pass
// reads or writes anything, and returns the number of rounds.
func converge(t testing.TB, a, b *syncDevice) {
	t.Helper()
	for round := 0; round < 6; round++ {
		ra := a.sync()
		replicate(t, a, b)
		rb := b.sync()
		replicate(t, b, a)
		t.Logf("round %d: a wrote %d read %d files %v; b wrote %d read %d files %v", round, ra.Wrote, ra.Files, ra.Notes, rb.Wrote, rb.Files, rb.Notes)
		if round > 0 && ra.Files+ra.Wrote+rb.Files+rb.Wrote == 0 {
			return
		}
	}
	t.Fatal("the two journals did not settle in 6 rounds")
}

// exportWithoutTime is the JSON export without its exported_at line.
func exportWithoutTime(t testing.TB, s *Store) string {
	t.Helper()
	var buf bytes.Buffer
	if err := s.ExportJSON(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	var keep []string
	for _, l := range strings.Split(buf.String(), "\n") {
		if !strings.HasPrefix(l, `  "exported_at":`) {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

// sameJournal fails unless both devices export byte for byte the same.
func sameJournal(t testing.TB, a, b *syncDevice) string {
	t.Helper()
	ea, eb := exportWithoutTime(t, a.s), exportWithoutTime(t, b.s)
	if ea != eb {
		la, lb := strings.Split(ea, "\n"), strings.Split(eb, "\n")
		for i := 0; i < min(len(la), len(lb)); i++ {
			if la[i] != lb[i] {
				t.Fatalf("the journals differ at line %d:\n%s: %s\n%s: %s", i+1, a.name, la[i], b.name, lb[i])
			}
		}
		t.Fatalf("the journals differ in length: %s %d lines, %s %d lines", a.name, len(la), b.name, len(lb))
	}
	return ea
}
