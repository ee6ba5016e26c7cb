package data

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// deliver brings owner's own folder (its logs, snapshots and cursors) to
// to's copy of the shared folder as a sync tool does once it has caught
// up: new and changed files copied, files owner removed removed; and
// folder.json when to lacks it.
func deliver(t *testing.T, owner, to *syncDevice) {
	t.Helper()
	id := owner.id(t)
	from := filepath.Join(owner.folder, SyncDirName, id)
	dst := filepath.Join(to.folder, SyncDirName, id)
	have := map[string]bool{}
	entries, _ := os.ReadDir(from)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		have[e.Name()] = true
		a, _ := os.ReadFile(filepath.Join(from, e.Name()))
		if b, err := os.ReadFile(filepath.Join(dst, e.Name())); err != nil || !bytes.Equal(a, b) {
			writeAt(t, filepath.Join(dst, e.Name()), a)
		}
	}
	old, _ := os.ReadDir(dst)
	for _, e := range old {
		if !have[e.Name()] {
			if err := os.Remove(filepath.Join(dst, e.Name())); err != nil {
				t.Fatal(err)
			}
		}
	}
	meta := filepath.Join(SyncDirName, folderMetaName)
	if _, err := os.Stat(filepath.Join(to.folder, meta)); err != nil {
		copySyncFile(t, owner.folder, to.folder, meta)
	}
}

func (d *syncDevice) id(t *testing.T) string {
	t.Helper()
	dev, err := d.s.Device(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return dev.ID
}

// ownFolder lists the files in d's own folder of its copy.
func (d *syncDevice) ownFolder(t *testing.T, of *syncDevice) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(d.folder, SyncDirName, of.id(t)))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// deliverAll brings every device's folder to every other device's copy.
func deliverAll(t *testing.T, devices ...*syncDevice) {
	t.Helper()
	for _, from := range devices {
		for _, to := range devices {
			if from != to {
				deliver(t, from, to)
			}
		}
	}
}

// settle syncs and delivers until no pass reads or writes anything.
func settle(t *testing.T, devices ...*syncDevice) {
	t.Helper()
	for round := 0; round < 6; round++ {
		busy := 0
		for _, d := range devices {
			rep := d.sync()
			busy += rep.Files + rep.Wrote
			deliverAll(t, devices...)
		}
		if busy == 0 {
			return
		}
	}
	t.Fatal("the journals did not settle in 6 rounds")
}

// TestSyncCompaction: a device folds its own logs into one snapshot only
// once every other device has read them; a device that had not read them
// yet, one that had read only some, and one that joins afterwards all come
// to the same journal, whatever the order and however often files arrive.
func TestSyncCompaction(t *testing.T) {
	ctx := context.Background()
	a, b := syncPair(t, 0)
	c := newSyncDevice(t, "Tablet", a.clock.t)
	c.pass = a.pass
	for _, d := range []*syncDevice{a, b, c} {
		d.compactAfter = 3
	}
	addWin(t, b, "Laptop's first")
	settle(t, a, b, c)

	// a writes four logs; b reads them, c is away.
	early := map[string][]byte{} // a's logs as they were, to be delivered again later
	var first Win
	for i, text := range []string{"One", "Two", "Three", "Four"} {
		w := addWin(t, a, text)
		switch i {
		case 0:
			first = w
		case 1:
			day, _ := a.s.Today(ctx)
			if _, err := a.s.CelebrateEvening(ctx, day, EveningAnswers{WentWell: "Desk evening"}); err != nil {
				t.Fatal(err)
			}
		case 2:
			// A record changed in a later log: the snapshot holds the newer line.
			a.clock.advance(time.Minute)
			if _, err := a.s.EditWin(ctx, first.UUID, NewWin{Text: "One, edited"}); err != nil {
				t.Fatal(err)
			}
		}
		rep := a.sync()
		b, _ := os.ReadFile(rep.File)
		early[filepath.Base(rep.File)] = b
	}
	deliver(t, a, b)
	b.sync()
	deliver(t, b, a)
	addWin(t, a, "Five")
	if rep := a.sync(); rep.Compacted != 0 {
		t.Fatalf("a folded %d files while the tablet had read none of them", rep.Compacted)
	}
	// A device with a folder but no cursors (an older Matchday) holds it back too.
	deliver(t, a, c)
	c.sync()
	deliver(t, c, a)
	cursors := filepath.Join(a.folder, SyncDirName, c.id(t), cursorsName)
	kept, _ := os.ReadFile(cursors)
	os.Remove(cursors)
	addWin(t, a, "Six")
	if rep := a.sync(); rep.Compacted != 0 {
		t.Fatalf("a folded %d files while a device's cursors were unknown", rep.Compacted)
	}
	writeAt(t, cursors, kept)

	// Now both have read up to Five (b up to Four): a folds what both read.
	deliver(t, a, b)
	bFolder := slices.Clone(a.ownFolder(t, b))
	addWin(t, a, "Seven")
	rep := a.sync()
	if rep.Compacted < 3 {
		t.Fatalf("a folded %d files once every device had read them; its folder: %v", rep.Compacted, a.ownFolder(t, a))
	}
	own := a.ownFolder(t, a)
	var snaps, logs []string
	for _, n := range own {
		switch {
		case strings.HasSuffix(n, ".snapshot.jsonl"):
			snaps = append(snaps, n)
		case strings.HasSuffix(n, ".jsonl"):
			logs = append(logs, n)
		}
	}
	if len(snaps) != 1 {
		t.Fatalf("a's folder holds %v, want one snapshot", own)
	}
	for _, l := range logs {
		if l <= snaps[0] {
			t.Errorf("a's folder still holds %s, folded into %s", l, snaps[0])
		}
	}
	if got := a.ownFolder(t, b); !slices.Equal(got, bFolder) {
		t.Errorf("a's compaction changed the laptop's folder: %v, was %v", got, bFolder)
	}

	// Everyone converges, and a device that joins now reads the snapshot
	// and the newer logs.
	settle(t, a, b, c)
	want := sameJournal(t, a, b)
	sameJournal(t, a, c)
	if got := liveWins(t, c); len(got) != 8 || !slices.Contains(got, "One, edited") {
		t.Errorf("the tablet's wins: %q, want 8 with the edit", got)
	}
	d := newSyncDevice(t, "Phone", a.clock.t)
	d.pass, d.compactAfter = a.pass, 3
	deliverAll(t, a, b, c)
	for _, from := range []*syncDevice{a, b, c} {
		deliver(t, from, d)
	}
	d.sync()
	sameJournal(t, a, d)

	// Late, duplicated and reordered delivery changes nothing: a's
	// folded logs arrive again, after the snapshot.
	for name, b := range early {
		writeAt(t, filepath.Join(d.folder, SyncDirName, a.id(t), name), b)
	}
	d.sync()
	if got := exportWithoutTime(t, d.s); got != want {
		t.Error("the folded logs, delivered again after the snapshot, changed the journal")
	}
	// And a fresh device that gets the newest log first, then the
	// snapshot, then the old logs comes to the same journal.
	e := newSyncDevice(t, "Watch", a.clock.t)
	e.pass = a.pass
	copySyncFile(t, a.folder, e.folder, filepath.Join(SyncDirName, folderMetaName))
	var snap string
	for _, rel := range syncFiles(t, a.folder) {
		if strings.HasSuffix(rel, ".snapshot.jsonl") {
			snap = rel
			continue
		}
		copySyncFile(t, a.folder, e.folder, rel)
	}
	e.sync()
	copySyncFile(t, a.folder, e.folder, snap)
	e.sync()
	for name, b := range early {
		writeAt(t, filepath.Join(e.folder, SyncDirName, a.id(t), name), b)
	}
	e.sync()
	sameJournal(t, a, e)
}

// TestSyncRefusesALogPassedOffAsASnapshot: a snapshot stands for every log
// up to its number, so a log renamed to a snapshot's name (by mistake or on
// purpose) would make a device skip the logs before it unread. Its header
// says what it is, and it is refused whole; the real logs still arrive.
func TestSyncRefusesALogPassedOffAsASnapshot(t *testing.T) {
	a, b := syncPair(t, 0)
	for _, text := range []string{"One", "Two", "Three"} {
		addWin(t, a, text)
		a.sync()
	}
	files := a.ownFolder(t, a)
	var logs []string
	for _, f := range files {
		if strings.HasSuffix(f, ".jsonl") {
			logs = append(logs, f)
		}
	}
	if len(logs) < 3 {
		t.Fatalf("a's folder: %v", files)
	}
	newest := logs[len(logs)-1]
	seq := strings.TrimSuffix(newest, ".jsonl")
	content, err := os.ReadFile(filepath.Join(a.folder, SyncDirName, a.id(t), newest))
	if err != nil {
		t.Fatal(err)
	}
	writeAt(t, filepath.Join(b.folder, SyncDirName, a.id(t), seq+".snapshot.jsonl"), content)
	rep := b.sync()
	if got := noteCodes(rep); !slices.Equal(got, []string{NoteDamaged}) || rep.Read != 0 {
		t.Fatalf("b read %d records, notes %v; want the false snapshot refused", rep.Read, got)
	}
	deliver(t, a, b)
	b.sync()
	if got := liveWins(t, b); len(got) != 3 {
		t.Errorf("b's wins after the real logs came: %q", got)
	}
}
