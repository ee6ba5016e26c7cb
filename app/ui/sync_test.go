package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"matchday/data"
)

// journalMenu is the labels of the main window's Journal menu.
func journalMenu(m *mainWindow) string {
	var labels []string
	for _, it := range m.win.MainMenu().Items[0].Items {
		labels = append(labels, it.Label)
	}
	return strings.Join(labels, "|")
}

// laptopSyncs opens a second journal that logs text and syncs it through
// folder (unencrypted: no scrypt in UI tests).
func laptopSyncs(t *testing.T, folder, text string) {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "laptop.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SetDeviceName(t.Context(), "Laptop"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddWin(t.Context(), data.Day{}, data.NewWin{Text: text}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Sync(t.Context(), folder, data.SyncOptions{Encryption: data.EncryptionOff}); err != nil {
		t.Fatal(err)
	}
}

func TestMainMenuShowsTheLastSync(t *testing.T) {
	u, s, _ := newTestUI(t)
	m := u.ShowMain()
	if got := journalMenu(m); strings.Contains(got, "sync") {
		t.Errorf("a journal that does not sync: menu %q", got)
	}
	folder := t.TempDir()
	laptopSyncs(t, folder, "From the laptop")
	if _, err := s.Sync(u.ctx, folder, data.SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	m.journalChanged()
	if got := journalMenu(m); !strings.Contains(got, "||Last synced from Laptop at ") || !strings.HasSuffix(got, "||Close window|Quit Matchday") {
		t.Errorf("after a pass: menu %q", got)
	}
}

func TestSettingsSyncThroughAFolder(t *testing.T) {
	u, s, _ := newTestUI(t)
	w := openTestSettings(t, u)
	y := w.sync
	folder := t.TempDir()
	y.async = func(f func()) { f() }
	y.pickFolder = func(done func(string)) { done(folder) }
	if !y.syncNow.Disabled() || y.status.Text != lang.L("settings.sync.intro") {
		t.Errorf("without a folder: sync now enabled %t, status %q", !y.syncNow.Disabled(), y.status.Text)
	}

	// A folder only Syncthing shares: encryption off before choosing it.
	test.Tap(y.encrypt)
	test.Tap(y.choose)
	if st, _ := s.SyncStatus(u.ctx); st.Folder != folder || st.Encrypted {
		t.Fatalf("after choosing: %+v", st)
	}
	if y.folder.Text != folder || y.syncNow.Disabled() || !strings.Contains(y.status.Text, "Nothing synced from another machine yet") {
		t.Errorf("after choosing: folder %q, status %q", y.folder.Text, y.status.Text)
	}

	y.device.SetText("Desk 2")
	if dev, _ := s.Device(u.ctx); dev.Name != "Desk 2" {
		t.Errorf("device name %q", dev.Name)
	}

	laptopSyncs(t, folder, "From the laptop")
	test.Tap(y.syncNow)
	if !strings.Contains(y.status.Text, "Read 1 changes from 1 logs: 1 new") || !strings.Contains(y.status.Text, "Last synced from Laptop") {
		t.Errorf("after sync now: %q", y.status.Text)
	}

	// A folder holding the journal is refused, in words.
	y.pickFolder = func(done func(string)) { done(filepath.Dir(s.Path())) }
	test.Tap(y.choose)
	if y.status.Text != lang.L("sync.error.holdsJournal") || y.folder.Text != folder {
		t.Errorf("the journal's own folder: status %q, folder %q", y.status.Text, y.folder.Text)
	}
}
