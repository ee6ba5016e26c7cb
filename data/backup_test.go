package data

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

func TestBackupRestore(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	s := openDemoStore(t, clock, 1)
	set := DefaultSettings()
	set.Theme = "dark"
	if err := s.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	if err := s.SetState(ctx, "reminder.morning", "in-the-backup"); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "copy.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	atBackup := dumpTables(t, s)
	backupBytes, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}

	// Change everything a user can change.
	clock.advance(time.Hour)
	day, _ := s.Today(ctx)
	w, err := s.AddWin(ctx, day, NewWin{Text: "After the backup"})
	if err != nil {
		t.Fatal(err)
	}
	wins, _ := s.WinsOn(ctx, day)
	if err := s.DeleteWin(ctx, wins[len(wins)-1].UUID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CelebrateEvening(ctx, day, EveningAnswers{WentWell: "Changed after the backup"}); err != nil {
		t.Fatal(err)
	}
	set.Theme = "light"
	if err := s.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	if err := s.SetState(ctx, "reminder.evening", day.String()); err != nil {
		t.Fatal(err)
	}
	if err := s.SetState(ctx, "reminder.morning", "here"); err != nil {
		t.Fatal(err)
	}
	changed := dumpTables(t, s)

	watcher, err := s.NewWatcher(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer watcher.Close()
	before, err := s.Restore(ctx, backup)
	if err != nil {
		t.Fatal(err)
	}
	got := dumpTables(t, s)
	// The program's own state stays as it is here, neither dropped nor
	// taken from the backup; everything else is the backup.
	for key, want := range map[string]string{"reminder.evening": day.String(), "reminder.morning": "here"} {
		if st, err := s.State(ctx, key); err != nil || st != want {
			t.Errorf("after the restore, State(%q) = %q, %v; want this machine's %q", key, st, err, want)
		}
	}
	sameDump(t, "after the restore", atBackup, got)
	if _, err := s.Win(ctx, w.UUID); !errors.Is(err, ErrNotFound) {
		t.Errorf("the win added after the backup is still there: %v", err)
	}
	if now, _ := os.ReadFile(backup); !bytes.Equal(now, backupBytes) {
		t.Error("restore changed the backup file")
	}
	if ok, _ := watcher.Changed(ctx); !ok {
		t.Error("the watcher did not see the restore")
	}

	// The state before the restore was backed up, and can be restored in turn.
	if filepath.Dir(before) != s.BackupDir() {
		t.Errorf("backup before restore at %s, want in %s", before, s.BackupDir())
	}
	if _, err := s.Restore(ctx, before); err != nil {
		t.Fatal(err)
	}
	sameDump(t, "after undoing the restore", changed, dumpTables(t, s))
}

func TestRestoreRefusesBadFiles(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	s := openDemoStore(t, clock, 1)
	before := dumpTables(t, s)
	dir := t.TempDir()
	notJournal := filepath.Join(dir, "notes.db")
	os.WriteFile(notJournal, []byte("just some notes"), 0o600)
	truncated := filepath.Join(dir, "truncated.db")
	if err := s.Backup(ctx, truncated); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(truncated)
	os.WriteFile(truncated, b[:len(b)/3], 0o600)

	for name, tc := range map[string]struct {
		path string
		err  error
	}{
		"missing":   {filepath.Join(dir, "nope.db"), os.ErrNotExist},
		"not a db":  {notJournal, ErrNotJournal},
		"truncated": {truncated, ErrCorrupt},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := s.Restore(ctx, tc.path)
			if !errors.Is(err, tc.err) {
				t.Fatalf("err = %v, want %v", err, tc.err)
			}
			sameDump(t, name, before, dumpTables(t, s))
		})
	}
	if list, _ := s.Backups(); len(list) != 0 {
		t.Errorf("refused restores left backups: %+v", list)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(s.BackupDir(), ".*")); len(leftovers) != 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestBackupToUnwritablePlace(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	s := openPortStore(t, clock)
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	os.WriteFile(blocker, nil, 0o600)
	err := s.Backup(ctx, filepath.Join(blocker, "backup.db")) // a file where a folder should be
	if err == nil {
		t.Fatal("backup into a file's path succeeded")
	}
	if err := s.Backup(ctx, s.Path()); !errors.Is(err, ErrBackupOverJournal) {
		t.Errorf("backup over the journal: err = %v", err)
	}
	existing := filepath.Join(dir, "existing.db")
	os.WriteFile(existing, []byte("keep me"), 0o600)
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o500)
	if os.Getuid() != 0 { // root writes anywhere
		if err := s.Backup(ctx, filepath.Join(ro, "backup.db")); err == nil {
			t.Error("backup into a read-only folder succeeded")
		}
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if len(names) != 3 || names[0] != "existing.db" || names[1] != "file" || names[2] != "ro" {
		t.Errorf("folder holds %v after failed backups", names)
	}
}

func TestDailyBackupRetention(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	s := openPortStore(t, clock)
	addPortWins(t, s, clock)
	manual, err := s.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Leftovers of a crash: removed once a day old.
	crashed := filepath.Join(s.BackupDir(), ".daily-2026-11-20.db.tmp-123")
	os.WriteFile(crashed, []byte("half"), 0o600)
	os.Chtimes(crashed, clock.t, clock.t)
	first := clock.t
	const days = 100
	for i := 0; i < days; i++ {
		p, err := s.DailyBackup(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if p == "" {
			t.Fatalf("day %d: no backup made", i)
		}
		if again, err := s.DailyBackup(ctx); err != nil || again != "" {
			t.Fatalf("a second call on day %d made %q (%v)", i, again, err)
		}
		clock.advance(24 * time.Hour)
	}
	if _, err := os.Stat(crashed); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a crash's temporary file is still there: %v", err)
	}
	list, err := s.Backups()
	if err != nil {
		t.Fatal(err)
	}
	var daily []Day
	for _, b := range list {
		switch b.Kind {
		case BackupDaily:
			daily = append(daily, b.Day)
		case BackupManual:
			if b.Path != manual {
				t.Errorf("unexpected manual backup %s", b.Path)
			}
		default:
			t.Errorf("unexpected backup %+v", b)
		}
	}
	last := DayOf(first, DefaultDayStartHour).AddDays(days - 1)
	for i := 0; i < KeepDaily; i++ {
		if daily[i] != last.AddDays(-i) {
			t.Fatalf("daily backups %v: want the last %d days", daily, KeepDaily)
		}
	}
	weeks := map[Day]bool{}
	for _, d := range daily {
		weeks[d.WeekStart()] = true
	}
	if len(weeks) != KeepWeekly {
		t.Errorf("daily backups cover %d weeks, want %d: %v", len(weeks), KeepWeekly, daily)
	}
	if len(daily) != KeepDaily+KeepWeekly-3 { // the 14 days span 3 weeks of the 8
		t.Errorf("%d daily backups kept, want %d: %v", len(daily), KeepDaily+KeepWeekly-3, daily)
	}
	// Every backup kept opens as a journal with the wins.
	b, err := Open(list[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if n := rowCount(t, b.db, "wins"); n != 3 {
		t.Errorf("backup holds %d wins, want 3", n)
	}
}

func TestBeforeBackupsArePruned(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	s := openPortStore(t, clock)
	file := marshalJournal(t, syntheticJournal(2))
	for i := 0; i < KeepBefore+3; i++ {
		if _, err := s.Import(ctx, bytes.NewReader(file)); err != nil {
			t.Fatal(err)
		}
	}
	list, _ := s.Backups()
	if len(list) != KeepBefore {
		t.Errorf("%d backups before import kept, want %d", len(list), KeepBefore)
	}
}
