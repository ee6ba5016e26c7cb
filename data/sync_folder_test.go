package data

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// logPath is the path of a device's n-th log, relative to the folder.
func logPath(d *syncDevice, n int) string {
	dev, err := d.s.Device(context.Background())
	if err != nil {
		d.t.Fatal(err)
	}
	return filepath.Join(SyncDirName, dev.ID, logName(n))
}

func noteCodes(rep SyncReport) []string {
	var out []string
	for _, n := range rep.Notes {
		out = append(out, n.Code)
	}
	return out
}

func TestSyncEncryptedFolderHoldsNoText(t *testing.T) {
	ctx := context.Background()
	a, b := syncPair(t, 0)
	secrets := []string{"Geheimer Abschluss", "Kundschaft Zebrafink", "Die Antwort bleibt privat", "Fokus unter Verschluss", "Wiederhole das leise",
		"Thema der Woche geheim", "Kur in Bad Zebra"}
	if _, err := a.s.AddWin(ctx, Day{}, NewWin{Text: secrets[0], Client: secrets[1], Note: "note"}); err != nil {
		t.Fatal(err)
	}
	day, _ := a.s.Today(ctx)
	if _, err := a.s.CelebrateEvening(ctx, day, EveningAnswers{WentWell: secrets[2], RepeatHow: secrets[4]}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.s.SetMorningFocus(ctx, day, secrets[3]); err != nil {
		t.Fatal(err)
	}
	if _, err := a.s.SaveReview(ctx, day, secrets[5]); err != nil {
		t.Fatal(err)
	}
	if _, err := a.s.AddOffSeason(ctx, day.AddDays(1), day.AddDays(5), secrets[6]); err != nil {
		t.Fatal(err)
	}
	addWin(t, b, "Laptop's win")
	converge(t, a, b)
	sameJournal(t, a, b)
	if got := liveWins(t, b); !slices.Contains(got, secrets[0]) {
		t.Fatalf("b's wins = %v", got)
	}
	for _, d := range []*syncDevice{a, b} {
		files := syncFiles(t, d.folder)
		if len(files) < 3 {
			t.Fatalf("%s's folder holds only %v", d.name, files)
		}
		for _, rel := range files {
			content, err := os.ReadFile(filepath.Join(d.folder, rel))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range append(secrets, "Desk", "Laptop", "violet-harbor-tiger") {
				if bytes.Contains(content, []byte(s)) {
					t.Errorf("%s holds %q in the clear", rel, s)
				}
			}
		}
	}
}

func TestSyncWithoutThePassphraseReadsNothing(t *testing.T) {
	ctx := context.Background()
	a, _ := syncPair(t, 0)
	addWin(t, a, "Only for the right passphrase")
	a.sync()
	for _, tc := range []struct {
		name string
		pass string
		want error
	}{
		{"no passphrase", "", ErrSyncPassphraseNeeded},
		{"wrong passphrase", "violet-harbor-tigers", ErrSyncPassphraseWrong},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newSyncDevice(t, "Stranger", portNow(t))
			addWin(t, c, "Stranger's own win")
			replicate(t, a, c)
			before, files := dumpTables(t, c.s), syncFiles(t, c.folder)
			c.pass = tc.pass
			_, err := c.s.Sync(ctx, c.folder, SyncOptions{Passphrase: c.pass, workFactor: testWorkFactor})
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			sameDump(t, "after the refused pass", before, dumpTables(t, c.s))
			if after := syncFiles(t, c.folder); !slices.Equal(files, after) {
				t.Errorf("the refused pass changed the folder: %v -> %v", files, after)
			}
		})
	}
}

func TestSyncRejectsDamagedLogsWhole(t *testing.T) {
	ctx := context.Background()
	a, b := syncPair(t, 0)
	addWin(t, a, "In the first log")
	addWin(t, a, "Also in the first log")
	a.sync()
	a.clock.advance(time.Minute)
	addWin(t, a, "In the second log")
	a.sync()
	a.clock.advance(time.Minute)
	addWin(t, a, "In the third log")
	a.sync()
	replicate(t, a, b)

	first := filepath.Join(b.folder, logPath(a, 1))
	good, _ := os.ReadFile(first)
	flipped := slices.Clone(good)
	flipped[len(flipped)/2] ^= 0x01
	writeAt(t, first, flipped)
	third := filepath.Join(b.folder, logPath(a, 3))
	whole, _ := os.ReadFile(third)
	writeAt(t, third, whole[:len(whole)-20])

	rep := b.sync()
	if got := noteCodes(rep); !slices.Equal(got, []string{NoteUnreadable, NoteUnreadable}) {
		t.Errorf("notes = %v, want the flipped log and the cut one unreadable", rep.Notes)
	}
	if got := liveWins(t, b); !slices.Equal(got, []string{"In the second log"}) {
		t.Errorf("wins = %v, want only the intact log's", got)
	}
	// Once the files arrive whole, they are read.
	writeAt(t, first, good)
	writeAt(t, third, whole)
	rep = b.sync()
	if rep.Files != 2 || len(rep.Notes) != 0 {
		t.Errorf("files read %d, notes %v; want the two repaired logs", rep.Files, rep.Notes)
	}
	converge(t, a, b)
	sameJournal(t, a, b)
	_ = ctx
}

func TestSyncDeliveryOrderDoesNotMatter(t *testing.T) {
	ctx := context.Background()
	a, b := syncPair(t, 0)
	w := addWin(t, a, "Version one")
	day, _ := a.s.Today(ctx)
	if _, err := a.s.CelebrateEvening(ctx, day, EveningAnswers{WentWell: "First draft"}); err != nil {
		t.Fatal(err)
	}
	a.sync()
	a.clock.advance(time.Minute)
	if _, err := a.s.EditWin(ctx, w.UUID, NewWin{Text: "Version two"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.s.CelebrateEvening(ctx, day, EveningAnswers{WentWell: "Second draft"}); err != nil {
		t.Fatal(err)
	}
	addWin(t, a, "Another")
	a.sync()
	a.clock.advance(time.Minute)
	if err := a.s.DeleteWin(ctx, w.UUID); err != nil {
		t.Fatal(err)
	}
	a.sync()
	meta := filepath.Join(SyncDirName, folderMetaName)

	// The third log arrives first, the second half-written, the first not
	// at all.
	b2 := newSyncDevice(t, "Laptop", portNow(t))
	b2.pass = a.pass
	copySyncFile(t, a.folder, b2.folder, meta)
	copySyncFile(t, a.folder, b2.folder, logPath(a, 3))
	second, _ := os.ReadFile(filepath.Join(a.folder, logPath(a, 2)))
	writeAt(t, filepath.Join(b2.folder, logPath(a, 2)), second[:len(second)/2])
	rep := b2.sync()
	if rep.Files != 1 || !slices.Equal(noteCodes(rep), []string{NoteUnreadable}) {
		t.Errorf("files %d, notes %v", rep.Files, rep.Notes)
	}
	// Then everything, the third log again among it.
	replicate(t, a, b2)
	copySyncFile(t, a.folder, b2.folder, logPath(a, 3))
	rep = b2.sync()
	if rep.Files != 2 || len(rep.Notes) != 0 {
		t.Errorf("files %d, notes %v; want the first and second", rep.Files, rep.Notes)
	}
	converge(t, a, b2)
	want := sameJournal(t, a, b2)

	// Reading every log again (a lost cursor, a duplicated delivery)
	// changes nothing.
	before := dumpTables(t, b2.s)
	if _, err := b2.s.db.Exec(`DELETE FROM local_state WHERE key LIKE 'sync.cursor.%'`); err != nil {
		t.Fatal(err)
	}
	rep = b2.sync()
	if rep.Files != 3 || rep.Added+rep.Updated != 0 || rep.Wrote != 0 {
		t.Errorf("read again: %+v, want 3 files and nothing changed", rep)
	}
	sameDump(t, "after reading everything twice", before, dumpTables(t, b2.s))
	if got := exportWithoutTime(t, b2.s); got != want {
		t.Error("the export changed")
	}
	_ = b
}

func TestSyncPassWithNothingNewWritesNothing(t *testing.T) {
	a, b := syncPair(t, 0)
	addWin(t, a, "One")
	addWin(t, b, "Two")
	converge(t, a, b)
	files := syncFiles(t, a.folder)
	path := a.s.Path()
	before, _ := os.Stat(path + "-wal")
	rep := a.sync()
	if rep.Wrote != 0 || rep.Files != 0 || rep.File != "" {
		t.Errorf("report %+v, want nothing read or written", rep)
	}
	if got := syncFiles(t, a.folder); !slices.Equal(files, got) {
		t.Errorf("files %v -> %v", files, got)
	}
	after, _ := os.Stat(path + "-wal")
	if before != nil && after != nil && after.Size() != before.Size() {
		t.Errorf("the journal was written: wal %d -> %d bytes", before.Size(), after.Size())
	}
	if rep.Last.Device != "Laptop" || rep.Last.IsZero() {
		t.Errorf("last synced = %+v, want from Laptop", rep.Last)
	}
}

func TestSyncFirstPassWritesTheWholeJournalOnce(t *testing.T) {
	c := &portClock{portNow(t)}
	s := openDemoStore(t, c, 1)
	folder := t.TempDir()
	ctx := context.Background()
	j, err := s.Journal(ctx)
	if err != nil {
		t.Fatal(err)
	}
	all := len(j.Wins) + len(j.Evenings) + len(j.Mornings) + len(j.Settings)
	for i, want := range []int{all, 0} {
		rep, err := s.Sync(ctx, folder, SyncOptions{Passphrase: "p", workFactor: testWorkFactor})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Wrote != want {
			t.Errorf("pass %d wrote %d records, want %d", i+1, rep.Wrote, want)
		}
	}
}

func TestSyncRefusesAFolderHoldingTheJournal(t *testing.T) {
	ctx := context.Background()
	c := &portClock{portNow(t)}
	dir := t.TempDir()
	s, err := Open(filepath.Join(dir, "data", "matchday.db"), WithClock(c.now))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, folder := range []string{dir, filepath.Join(dir, "data"), filepath.Join(dir, "data", ".")} {
		_, err := s.Sync(ctx, folder, SyncOptions{Passphrase: "p", workFactor: testWorkFactor})
		if !errors.Is(err, ErrSyncFolderHasJournal) {
			t.Errorf("%s: err = %v, want ErrSyncFolderHasJournal", folder, err)
		}
		if _, err := os.Stat(filepath.Join(folder, SyncDirName)); err == nil {
			t.Errorf("%s: the refused pass made the sync folder", folder)
		}
	}
	// A folder beside the data folder is fine.
	if _, err := s.Sync(ctx, filepath.Join(dir, "Sync"), SyncOptions{Passphrase: "p", workFactor: testWorkFactor}); err != nil {
		t.Errorf("a folder beside the journal: %v", err)
	}
}

func TestSyncEncryptionOffAndTampering(t *testing.T) {
	ctx := context.Background()
	a, b := syncPair(t, 0)
	addWin(t, a, "Encrypted win")
	converge(t, a, b)

	// Someone without the passphrase turns encryption off: refused.
	meta := filepath.Join(b.folder, SyncDirName, folderMetaName)
	kept, _ := os.ReadFile(meta)
	writeAt(t, meta, []byte(`{"format":"matchday-sync","version":1,"encrypted":false}`))
	if _, err := b.s.Sync(ctx, b.folder, SyncOptions{workFactor: testWorkFactor}); !errors.Is(err, ErrSyncFolderChanged) {
		t.Errorf("err = %v, want ErrSyncFolderChanged", err)
	}
	writeAt(t, meta, kept)

	// A plain log slipped into an encrypted folder is refused.
	dev, _ := a.s.Device(ctx)
	forged := filepath.Join(b.folder, SyncDirName, dev.ID, logName(99))
	writeAt(t, forged, []byte("{}\n"))
	rep := b.sync()
	if !slices.Equal(noteCodes(rep), []string{NotePlain}) {
		t.Errorf("notes = %v, want the plain log refused", rep.Notes)
	}
	os.Remove(forged)

	// The owner turns it off; the other device follows.
	a.enc = EncryptionOff
	a.sync()
	a.enc = EncryptionKeep
	addWin(t, a, "Plain win")
	a.sync()
	replicate(t, a, b)
	rep = b.sync()
	if rep.Encrypted || rep.Files != 1 {
		t.Errorf("after turning off: %+v", rep)
	}
	converge(t, a, b)
	sameJournal(t, a, b)
	last := filepath.Join(a.folder, logPath(a, 2))
	if content, _ := os.ReadFile(last); !strings.Contains(string(content), "Plain win") {
		t.Errorf("the log written with encryption off is not plain")
	}
}

func TestSyncPlainFolderChecksEveryLine(t *testing.T) {
	now := portNow(t)
	a := newSyncDevice(t, "Desk", now)
	b := newSyncDevice(t, "Laptop", now)
	a.enc = EncryptionOff
	addWin(t, a, "Good win")
	addWin(t, a, "Another good win")
	a.sync()
	replicate(t, a, b)
	rel := logPath(a, 1)
	good, _ := os.ReadFile(filepath.Join(a.folder, rel))
	if !bytes.Contains(good, []byte("Another good win")) {
		t.Fatalf("the plain log does not hold the win in the clear")
	}
	// A log whose end line matches but one record breaks the text rules.
	lines := strings.Split(strings.TrimSuffix(string(good), "\n"), "\n")
	body := strings.Join(lines[:len(lines)-1], "\n") + "\n"
	body = strings.Replace(body, `"text":"Good win"`, `"text":"   "`, 1)
	var h logHeader
	if err := strictDecode([]byte(lines[0]), &h); err != nil {
		t.Fatal(err)
	}
	var recs [][]byte
	for _, l := range strings.Split(strings.TrimSuffix(body, "\n"), "\n")[1:] {
		recs = append(recs, []byte(l))
	}
	bad, err := encodeLog(h, recs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		file []byte
		code string
	}{
		{"a record breaks the rules", bad, NoteDamaged},
		{"half written", good[:len(good)/2], NoteIncomplete},
		{"a changed byte", bytes.Replace(good, []byte("Another"), []byte("Anothe!"), 1), NoteDamaged},
		{"no end line yet", []byte(strings.Join(lines[:len(lines)-1], "\n") + "\n"), NoteIncomplete},
	} {
		t.Run(tc.name, func(t *testing.T) {
			writeAt(t, filepath.Join(b.folder, rel), tc.file)
			rep := b.sync()
			if !slices.Equal(noteCodes(rep), []string{tc.code}) || rep.Files != 0 {
				t.Errorf("notes %v, files %d; want one %s note", rep.Notes, rep.Files, tc.code)
			}
			if got := liveWins(t, b); len(got) != 0 {
				t.Errorf("wins %v merged from a rejected log", got)
			}
		})
	}
	writeAt(t, filepath.Join(b.folder, rel), good)
	converge(t, a, b)
	sameJournal(t, a, b)
}

func TestSyncBacksUpOncePerSession(t *testing.T) {
	a, b := syncPair(t, 0)
	addWin(t, a, "First")
	a.sync()
	replicate(t, a, b)
	rep := b.sync()
	if rep.Backup == "" || rep.Files != 1 {
		t.Fatalf("first merge: %+v, want a backup", rep)
	}
	list, err := b.s.Backups()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Kind != BackupBeforeSync || list[0].Path != rep.Backup || list[0].Wins != 0 {
		t.Errorf("backups = %+v, want the one before-sync backup, taken before the win came", list)
	}
	a.clock.advance(time.Minute)
	addWin(t, a, "Second")
	a.sync()
	replicate(t, a, b)
	if rep := b.sync(); rep.Backup != "" || rep.Files != 1 {
		t.Errorf("second merge of the session: %+v, want no backup", rep)
	}
}

func TestSyncStatus(t *testing.T) {
	ctx := context.Background()
	a, b := syncPair(t, 0)
	st, err := b.s.SyncStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Folder != "" || st.Encrypted || !st.Last.IsZero() || st.Device.Name != "Laptop" {
		t.Errorf("before the first pass: %+v", st)
	}
	addWin(t, a, "One")
	a.sync()
	replicate(t, a, b)
	b.sync()
	st, _ = b.s.SyncStatus(ctx)
	dev, _ := b.s.Device(ctx)
	if st.Folder != b.folder || !st.Encrypted || st.Passphrase != b.pass || st.Last.Device != "Desk" || st.Device != dev {
		t.Errorf("after a pass: %+v", st)
	}
}
