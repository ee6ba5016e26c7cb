package ui

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"matchday/data"
)

// damagedJournal writes a journal with wins and one backup, then breaks the
// page type of its second page (the wins table), which Open's quick_check
// finds. It returns the journal's path and Open's error.
func damagedJournal(t *testing.T, clock *fakeClock) (string, error) {
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
	if restored == nil {
		t.Fatal("the restore did not open the journal")
	}
	defer restored.Close()
	if c, _ := restored.WinCounts(context.Background(), data.NewDay(2026, 11, 25)); c.Career != 300 {
		t.Errorf("career after the restore = %d, want 300", c.Career)
	}
	matches, _ := filepath.Glob(path + ".damaged-*")
	if len(matches) != 1 {
		t.Fatalf("damaged journal set aside as %v", matches)
	}
	if kept, _ := os.ReadFile(matches[0]); !bytes.Equal(kept, damaged) {
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
// its check in the background; when the check finds it damaged, the open
// windows make way for the journal-problem window (the process keeps
// running), and a restore brings the main window back on the backup.
func TestLateCheckReplacesTheWindows(t *testing.T) {
	a := test.NewTempApp(t)
	useLook(t, a, "en", "light")
	clock := newFakeClock(testNoon(t))
	path, _ := damagedJournal(t, clock)
	s, err := data.Open(path, data.WithClock(clock.Now), data.WithCheckLater())
	if err != nil {
		t.Fatalf("Open with the check in the background: %v", err)
	}
	c := &process{opts: Options{Path: path, Now: clock.Now, Window: WindowMain}, app: a, store: s}
	ui := NewUI(a, s, clock.Now)
	ui.ShowMain()
	s.StartCheck()
	<-s.Checked()
	if s.CheckErr() == nil {
		t.Fatal("the background check passed a damaged journal")
	}
	p := c.replaceWithProblem(ui, s.CheckErr())
	if ui.main != nil {
		t.Error("the UI still holds the main window of the damaged journal")
	}
	if got := a.Driver().AllWindows(); len(got) != 1 || got[0] != p.win || p.win.Title() != "Matchday – your journal" {
		t.Fatalf("windows after the check: %d", len(got))
	}
	if c.lateErr == nil || p.restore == nil {
		t.Fatal("no exit error kept, or no restore offered")
	}
	test.Tap(p.restore)
	test.Tap(overlayButton(t, p.win, "Yes"))
	if c.lateErr != nil || c.store == nil {
		t.Fatal("the restore did not clear the error or open the journal")
	}
	defer c.store.Close()
	var main bool
	for _, w := range a.Driver().AllWindows() {
		main = main || w.Title() == "Matchday"
	}
	if !main {
		t.Error("no main window after the restore")
	}
}
