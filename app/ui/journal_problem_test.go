package ui

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"matchday/data"
	"matchday/data/datatest"
)

// journalWithBackup writes a journal with 300 wins and one backup, and
// returns its path.
func journalWithBackup(t *testing.T, clock *fakeClock) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "matchday.db")
	s, err := data.Open(path, data.WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 300; i++ {
		if _, err := s.AddWin(context.Background(), data.NewDay(2026, 11, 1+i%25), data.NewWin{Text: "A win worth keeping, number " + string(rune('a'+i%26))}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.BackupNow(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	return path
}

// damagedJournal writes a journal with wins and one backup, then breaks the
// page type of its second page (the root of the wins table), which Open's
// checks read. It returns the journal's path and Open's error.
func damagedJournal(t *testing.T, clock *fakeClock) (string, error) {
	t.Helper()
	path := journalWithBackup(t, clock)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pageSize := int(binary.BigEndian.Uint16(b[16:18]))
	b[pageSize] ^= 0xa5
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = data.Open(path, data.WithClock(clock.Now))
	if !errors.Is(err, data.ErrCorrupt) {
		t.Fatalf("Open of the damaged journal: %v", err)
	}
	return path, err
}

// setAside returns the damaged journal set aside beside path (without its
// -wal and -shm, which go along).
func setAside(t *testing.T, path string) string {
	t.Helper()
	matches, _ := filepath.Glob(path + ".damaged-*[0-9]")
	if len(matches) != 1 {
		t.Fatalf("damaged journal set aside as %v", matches)
	}
	return matches[0]
}

// TestJournalProblemRestoresTheNewestBackup: a damaged journal gets a window
// that says so and offers the newest backup; confirming sets the damaged
// file aside byte for byte and opens the backup.
func TestJournalProblemRestoresTheNewestBackup(t *testing.T) {
	a := test.NewTempApp(t)
	useLook(t, a, "en", "light")
	clock := newFakeClock(testNoon(t))
	path, openErr := damagedJournal(t, clock)
	damaged, _ := os.ReadFile(path)
	var restored *data.Store
	p := newJournalProblem(a, nil, path, openErr, clock.Now, func(s *data.Store) { restored = s })
	p.win.Show()
	if !strings.Contains(p.message.Text, "is damaged") || p.restore == nil {
		t.Fatalf("message %q, restore offered: %v", p.message.Text, p.restore != nil)
	}
	test.Tap(p.restore)
	test.Tap(overlayButton(t, p.win, "Yes"))
	<-p.done
	if restored == nil {
		t.Fatal("the restore did not open the journal")
	}
	defer restored.Close()
	if c, _ := restored.WinCounts(context.Background(), data.NewDay(2026, 11, 25)); c.Career != 300 {
		t.Errorf("career after the restore = %d, want 300", c.Career)
	}
	if kept, _ := os.ReadFile(setAside(t, path)); !bytes.Equal(kept, damaged) {
		t.Error("the damaged journal was changed")
	}
}

// TestJournalProblemWithoutBackup: a file that is not a journal, or a
// damaged one without a backup, is explained and nothing is offered that
// could change it.
func TestJournalProblemWithoutBackup(t *testing.T) {
	a := test.NewTempApp(t)
	useLook(t, a, "en", "light")
	clock := newFakeClock(testNoon(t))
	path := filepath.Join(t.TempDir(), "notes.db")
	os.WriteFile(path, []byte("my notes"), 0o600)
	_, openErr := data.Open(path)
	p := newJournalProblem(a, nil, path, openErr, clock.Now, func(*data.Store) { t.Error("restored") })
	if p.restore != nil || !strings.Contains(p.message.Text, "is not a Matchday journal") {
		t.Errorf("message %q, restore offered: %v", p.message.Text, p.restore != nil)
	}
	test.Tap(p.quit)
	if b, _ := os.ReadFile(path); string(b) != "my notes" {
		t.Error("the file changed")
	}
}

// TestLateCheckReplacesTheWindows: the window process opens the journal with
// its check in the background; when the check finds damage in the records,
// the agent is told to stop writing, the open windows make way for the
// journal-problem window (the process keeps running), and a restore tells
// the agent to stop writing before the file is moved, opens the backup,
// tells the agent to reopen the journal, and brings the main window back.
func TestLateCheckReplacesTheWindows(t *testing.T) {
	a := test.NewTempApp(t)
	useLook(t, a, "en", "light")
	clock := newFakeClock(testNoon(t))
	path := journalWithBackup(t, clock)
	datatest.DamageRecords(t, path)
	s, err := data.Open(path, data.WithClock(clock.Now), data.WithCheckLater())
	if err != nil {
		t.Fatalf("Open with the check in the background: %v", err)
	}
	var told []string
	tell := func(line string) error {
		told = append(told, fmt.Sprintf("%s moved=%t", line, len(setAsideGlob(path)) > 0))
		return nil
	}
	c := &process{opts: Options{Path: path, Now: clock.Now, Window: WindowMain, TellAgent: tell}, app: a, store: s}
	ui := NewUI(a, s, clock.Now)
	ui.ShowMain()
	s.StartCheck()
	c.followCheck(ui)
	if s.CheckErr() == nil {
		t.Fatal("the background check passed a damaged journal")
	}
	if ui.main != nil {
		t.Error("the UI still holds the main window of the damaged journal")
	}
	wins := a.Driver().AllWindows()
	if len(wins) != 1 || wins[0].Title() != "Matchday – your journal" {
		t.Fatalf("windows after the check: %d", len(wins))
	}
	if c.lateErr == nil || c.problem == nil || c.problem.restore == nil {
		t.Fatal("no exit error kept, or no restore offered")
	}
	test.Tap(c.problem.restore)
	test.Tap(overlayButton(t, wins[0], "Yes"))
	<-c.problem.done
	if c.lateErr != nil || c.store == nil {
		t.Fatal("the restore did not clear the error or open the journal")
	}
	defer c.store.Close()
	if want := "stop-writing moved=false|stop-writing moved=false|reopen moved=true"; strings.Join(told, "|") != want {
		t.Errorf("the agent was told %q, want %q", told, want)
	}
	var main bool
	for _, w := range a.Driver().AllWindows() {
		main = main || w.Title() == "Matchday"
	}
	if !main {
		t.Error("no main window after the restore")
	}
}

// TestLateCheckRepairsIndexDamage: damage the background check finds in an
// index is repaired before the first save goes in, the windows stay, and
// one sentence says so; the agent is not told anything.
func TestLateCheckRepairsIndexDamage(t *testing.T) {
	a := test.NewTempApp(t)
	useLook(t, a, "en", "light")
	clock := newFakeClock(testNoon(t))
	path := journalWithBackup(t, clock)
	datatest.DamageIndex(t, path, "wins_day")
	s, err := data.Open(path, data.WithClock(clock.Now), data.WithCheckLater())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := &process{opts: Options{Path: path, Now: clock.Now, Window: WindowMain,
		TellAgent: func(line string) error { t.Errorf("the agent was told %q", line); return nil }}, app: a, store: s}
	ui := NewUI(a, s, clock.Now)
	m := ui.ShowMain()
	s.StartCheck()
	c.followCheck(ui)
	if ui.main == nil || c.lateErr != nil {
		t.Fatal("the windows made way for the problem window")
	}
	if got := overlayText(m.win); !strings.Contains(got, "repaired it") || !strings.Contains(got, "before-repair") {
		t.Errorf("the repair was told as %q", got)
	}
	if wins, err := s.WinsOn(context.Background(), data.NewDay(2026, 11, 1)); err != nil || len(wins) != 12 {
		t.Errorf("after the repair 1 November lists %d wins (%v), want 12", len(wins), err)
	}
}

// setAsideGlob lists the damaged journals set aside beside path.
func setAsideGlob(path string) []string {
	m, _ := filepath.Glob(path + ".damaged-*[0-9]")
	return m
}
