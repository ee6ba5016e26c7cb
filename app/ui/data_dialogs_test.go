package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"matchday/app/text"
	"matchday/data"
)

// walkObjects calls fn for o and everything drawn inside it.
func walkObjects(o fyne.CanvasObject, fn func(fyne.CanvasObject) bool) {
	if !fn(o) {
		return
	}
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkObjects(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkObjects(c, fn)
		}
	}
}

// overlayText is the text of the dialog on top of w, "" when none.
func overlayText(w fyne.Window) string {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var b strings.Builder
	walkObjects(top, func(o fyne.CanvasObject) bool {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
			return false
		case *canvas.Text:
			b.WriteString(x.Text + "\n")
		}
		return true
	})
	return b.String()
}

// overlayButton finds the button labelled text in the dialog on top of w.
func overlayButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	if top := w.Canvas().Overlays().Top(); top != nil {
		walkObjects(top, func(o fyne.CanvasObject) bool {
			if b, ok := o.(*widget.Button); ok && b.Text == text {
				found = b
			}
			return found == nil
		})
	}
	if found == nil {
		t.Fatalf("no button %q in the dialog:\n%s", text, overlayText(w))
	}
	return found
}

// dataTestWindow is a window for the data dialogs to sit on.
func dataTestWindow(t *testing.T) fyne.Window {
	w := test.NewTempWindow(t, widget.NewLabel("Matchday"))
	w.Resize(fyne.NewSize(700, 500))
	return w
}

// fileWriter opens path for writing as the save dialog would.
func fileWriter(t *testing.T, path string) fyne.URIWriteCloser {
	t.Helper()
	wc, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	return wc
}

func TestExportDialogFormats(t *testing.T) {
	u, _, _ := newTestUI(t)
	w := dataTestWindow(t)
	f := u.exportDialog(w)
	if len(f.format.Options) != 4 || f.selected() != text.FormatMarkdown {
		t.Fatalf("options %v, selected %q", f.format.Options, f.selected())
	}
	for _, tc := range []struct{ label, format string }{
		{"CSV for spreadsheets – opens in columns in LibreOffice and Excel", text.FormatSheet},
		{"CSV – one row per win, for scripts and other programs", text.FormatCSV},
	} {
		test.Tap(widgetRadioOption(t, f.format, tc.label))
		if f.selected() != tc.format {
			t.Errorf("selected %q after tapping %q", f.selected(), tc.label)
		}
	}
	if !strings.Contains(overlayText(w), "Export the journal") {
		t.Errorf("dialog shows %q", overlayText(w))
	}
}

// widgetRadioOption finds the tappable item of a radio group's option.
func widgetRadioOption(t *testing.T, g *widget.RadioGroup, label string) fyne.Tappable {
	t.Helper()
	var found fyne.Tappable
	walkObjects(g, func(o fyne.CanvasObject) bool {
		if tap, ok := o.(fyne.Tappable); ok && found == nil {
			var text string
			walkObjects(o, func(c fyne.CanvasObject) bool {
				if l, ok := c.(*widget.Label); ok {
					text += l.Text
				}
				if ct, ok := c.(*canvas.Text); ok {
					text += ct.Text
				}
				return true
			})
			if strings.Contains(text, label) {
				found = tap
				return false
			}
		}
		return true
	})
	if found == nil {
		t.Fatalf("no radio option %q", label)
	}
	return found
}

func TestExportChosenWritesFile(t *testing.T) {
	u, s, _ := newTestUI(t)
	ctx := context.Background()
	if _, err := s.AddWin(ctx, data.Day{}, data.NewWin{Text: "Sold the Müller workshop"}); err != nil {
		t.Fatal(err)
	}
	w := dataTestWindow(t)
	path := filepath.Join(t.TempDir(), "journal.md")
	u.onExportChosen(w, text.FormatMarkdown, fileWriter(t, path), nil)
	u.waitTasks()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "# Success journal\n") || !strings.Contains(string(b), "Sold the Müller workshop") {
		t.Errorf("export file:\n%s", b)
	}
	if got := overlayText(w); !strings.Contains(got, "The journal was saved in "+path) {
		t.Errorf("dialog says %q", got)
	}
}

func TestExportForSpreadsheetsInGerman(t *testing.T) {
	u, s, _ := newTestUI(t)
	useLook(t, u.app, "de", "light")
	ctx := context.Background()
	amount := data.Cents(80050)
	if _, err := s.AddWin(ctx, data.Day{}, data.NewWin{Text: "Workshop bei Müller verkauft", Amount: &amount}); err != nil {
		t.Fatal(err)
	}
	if name := text.DefaultExportName(data.Day{}, text.FormatSheet); !strings.HasSuffix(name, ".csv") {
		t.Errorf("suggested file name %q, want a .csv", name)
	}
	w := dataTestWindow(t)
	path := filepath.Join(t.TempDir(), "erfolge.csv")
	u.onExportChosen(w, text.FormatSheet, fileWriter(t, path), nil)
	u.waitTasks()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\r\n")
	if len(lines) != 3 || lines[0] != "\ufeffTag;Uhrzeit;Erfolg;Kundschaft;Betrag;Notiz;Währung" ||
		!strings.HasSuffix(lines[1], ";Workshop bei Müller verkauft;;800,50;;EUR") {
		t.Errorf("export file %q", b)
	}
}

func TestExportChosenUnwritableLeavesNothing(t *testing.T) {
	u, _, _ := newTestUI(t)
	w := dataTestWindow(t)
	dir := filepath.Join(t.TempDir(), "gone")
	os.Mkdir(dir, 0o700)
	path := filepath.Join(dir, "journal.json")
	wc := fileWriter(t, path)
	os.RemoveAll(dir) // the folder disappears after the dialog chose it
	u.onExportChosen(w, text.FormatJSON, wc, nil)
	u.waitTasks()
	if got := overlayText(w); !strings.Contains(got, "Could not write "+path) || !strings.Contains(got, "Nothing was written") {
		t.Errorf("dialog says %q", got)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("something was left behind: %v", err)
	}

	// A file the dialog created stays only if the export made it.
	dir2 := t.TempDir()
	path2 := filepath.Join(dir2, "journal.csv")
	wc = fileWriter(t, path2)
	u.store.Close() // the journal cannot be read any more
	u.onExportChosen(w, text.FormatCSV, wc, nil)
	u.waitTasks()
	if entries, _ := os.ReadDir(dir2); len(entries) != 0 {
		t.Errorf("a failed export left %d files", len(entries))
	}
}

func TestImportDialogMergesAndReports(t *testing.T) {
	u, s, _ := newTestUI(t)
	ctx := context.Background()
	src := newTestStore(t, newFakeClock(testNoon(t)))
	if _, err := src.Demo(ctx, 1, "de", 3); err != nil {
		t.Fatal(err)
	}
	var export bytes.Buffer
	if err := src.ExportJSON(ctx, &export); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "export.json")
	os.WriteFile(file, export.Bytes(), 0o600)
	rc, err := storage.Reader(storage.NewFileURI(file))
	if err != nil {
		t.Fatal(err)
	}
	w := dataTestWindow(t)
	u.onImportChosen(w, rc, nil)
	if got := overlayText(w); !strings.Contains(got, "Import export.json?") {
		t.Fatalf("confirmation says %q", got)
	}
	test.Tap(overlayButton(t, w, "Import"))
	u.waitTasks()
	if got := overlayText(w); !strings.Contains(got, "Imported: ") || !strings.Contains(got, "0 updated, 0 already here") {
		t.Errorf("result says %q", got)
	}
	want, _ := src.WinCounts(ctx, data.NewDay(2026, 11, 26))
	if got, _ := s.WinCounts(ctx, data.NewDay(2026, 11, 26)); got != want {
		t.Errorf("after import: counts %+v, want %+v", got, want)
	}
	if list, _ := s.Backups(); len(list) != 1 || list[0].Kind != data.BackupBeforeImport {
		t.Errorf("backups %+v, want one before the import", list)
	}
}

func TestImportBadFileNamesRecord(t *testing.T) {
	u, s, _ := newTestUI(t)
	ctx := context.Background()
	text.Load("de")
	if _, err := s.AddWin(ctx, data.Day{}, data.NewWin{Text: "Schon da"}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "kaputt.json")
	os.WriteFile(file, []byte(`{"format":"matchday-journal","version":1,"wins":[{"uuid":"x"}]}`), 0o600)
	rc, err := storage.Reader(storage.NewFileURI(file))
	if err != nil {
		t.Fatal(err)
	}
	w := dataTestWindow(t)
	u.onImportChosen(w, rc, nil)
	test.Tap(overlayButton(t, w, "Importieren"))
	u.waitTasks()
	got := overlayText(w)
	for _, want := range []string{"Die Datei kaputt.json wurde nicht importiert.", "Erfolg 1 (x)", "Nichts wurde geändert."} {
		if !strings.Contains(got, want) {
			t.Errorf("message %q lacks %q", got, want)
		}
	}
	if c, _ := s.WinCounts(ctx, data.NewDay(2026, 11, 26)); c.Career != 1 {
		t.Errorf("career = %d after a refused import, want 1", c.Career)
	}
}

func TestRestoreDialog(t *testing.T) {
	u, s, clock := newTestUI(t)
	ctx := context.Background()
	if _, err := s.AddWin(ctx, data.Day{}, data.NewWin{Text: "Before the backup"}); err != nil {
		t.Fatal(err)
	}
	sw := u.ShowSettings()
	w := sw.win
	backupButton := sw.backupNow
	test.Tap(backupButton)
	u.waitTasks()
	if got := overlayText(w); !strings.Contains(got, "Backed up to "+s.BackupDir()) {
		t.Fatalf("backup says %q", got)
	}
	clock.Advance(3600e9)
	if _, err := s.AddWin(ctx, data.Day{}, data.NewWin{Text: "After the backup"}); err != nil {
		t.Fatal(err)
	}

	f := u.restoreDialog(w)
	if len(f.choice.Options) != 1 || !strings.Contains(f.choice.Selected, " · by hand · ") || !strings.HasSuffix(f.choice.Selected, " KB · 1 win") || f.restore.Disabled() {
		t.Fatalf("restore offers %v (selected %q)", f.choice.Options, f.choice.Selected)
	}
	test.Tap(f.restore)
	if got := overlayText(w); !strings.Contains(got, "The current journal is backed up first") {
		t.Fatalf("confirmation says %q", got)
	}
	test.Tap(overlayButton(t, w, "Restore"))
	u.waitTasks()
	if got := overlayText(w); !strings.Contains(got, "Restored the backup from") {
		t.Errorf("result says %q", got)
	}
	if c, _ := s.WinCounts(ctx, data.NewDay(2026, 11, 26)); c.Career != 1 {
		t.Errorf("career = %d after restore, want the 1 win of the backup", c.Career)
	}
	list, _ := s.Backups()
	if len(list) != 2 || list[0].Kind != data.BackupBeforeRestore {
		t.Errorf("backups %+v, want the manual one and one before the restore", list)
	}
}

func TestRestoreDialogWithoutBackups(t *testing.T) {
	u, _, _ := newTestUI(t)
	w := dataTestWindow(t)
	f := u.restoreDialog(w)
	if !f.restore.Disabled() || !strings.Contains(overlayText(w), "No backups yet.") {
		t.Errorf("dialog says %q, restore enabled: %v", overlayText(w), !f.restore.Disabled())
	}
}

// TestRestoreDialogTwoJournals is issue 14's "two journals share backups":
// with work.db and home.db in one folder, Restore… for one lists none of
// the other's backups, and a backup of the other journal is restored only
// after a second question.
func TestRestoreDialogTwoJournals(t *testing.T) {
	u, work, clock := newTestUI(t)
	ctx := context.Background()
	home, err := data.Open(filepath.Join(filepath.Dir(work.Path()), "home.db"), data.WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	defer home.Close()
	for i := 0; i < 8; i++ {
		if _, err := home.AddWin(ctx, data.Day{}, data.NewWin{Text: "Home win"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := work.AddWin(ctx, data.Day{}, data.NewWin{Text: "Work win"}); err != nil {
		t.Fatal(err)
	}
	homeBackup, err := home.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := home.DailyBackup(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := work.BackupNow(ctx); err != nil {
		t.Fatal(err)
	}
	w := u.ShowSettings().win
	f := u.restoreDialog(w)
	if len(f.choice.Options) != 1 || !strings.HasSuffix(f.choice.Options[0], " · 1 win") {
		t.Fatalf("work's Restore… offers %q, want its one backup", f.choice.Options)
	}
	f.dialog.Hide()

	for _, yes := range []bool{false, true} {
		u.restoreFrom(w, homeBackup, "home")
		u.waitTasks()
		if !strings.Contains(overlayText(w), "was made of another journal") {
			t.Fatalf("no second question: %q", overlayText(w))
		}
		if yes {
			test.Tap(overlayButton(t, w, "Restore the other journal"))
			u.waitTasks()
		} else {
			test.Tap(overlayButton(t, w, "Cancel"))
		}
		want := map[bool]int{false: 1, true: 8}[yes]
		if got, _ := work.WinCounts(ctx, data.NewDay(2026, 11, 26)); got.Career != want {
			t.Errorf("confirmed %v: work holds %d wins, want %d", yes, got.Career, want)
		}
	}
}

// TestLongTaskRunsOffTheUIGoroutine: while a long task runs, a dialog over
// its window says what runs, the data actions of every window are greyed
// out and a second task is refused with a note; when it ends, its result
// comes back and everything is enabled again.
func TestLongTaskRunsOffTheUIGoroutine(t *testing.T) {
	u, _, _ := newTestUI(t)
	m := u.ShowMain()
	sw := u.ShowSettings()
	release := make(chan struct{})
	var result error
	doneCalled := false
	started := u.runTask(sw.win, "Importing export.json…", func() error {
		<-release
		return nil
	}, func(err error) { result, doneCalled = err, true })
	if !started {
		t.Fatal("the task did not start")
	}
	if got := overlayText(sw.win); !strings.Contains(got, "Importing export.json…") {
		t.Errorf("the progress dialog says %q", got)
	}
	for name, b := range map[string]*widget.Button{"back up": sw.backupNow, "restore": sw.restore, "check": sw.checkNow} {
		if !b.Disabled() {
			t.Errorf("the %s button is enabled during the task", name)
		}
	}
	if !m.exportItem.Disabled || !m.importItem.Disabled {
		t.Error("Export… and Import… are enabled during the task")
	}
	if u.runTask(m.win, "Backing up…", func() error { t.Error("a second task ran"); return nil }, func(error) {}) {
		t.Error("a second task started while one ran")
	}
	if got := overlayText(m.win); !strings.Contains(got, "still busy") {
		t.Errorf("the refusal says %q", got)
	}
	close(release)
	u.waitTasks()
	if !doneCalled || result != nil {
		t.Errorf("the result came back: %t, %v", doneCalled, result)
	}
	if sw.backupNow.Disabled() || sw.checkNow.Disabled() || m.exportItem.Disabled {
		t.Error("the data actions stay disabled after the task")
	}
	if got := overlayText(sw.win); strings.Contains(got, "Importing") {
		t.Errorf("the progress dialog is still up: %q", got)
	}
}

// TestRestoreDialogButtonsInOneRow: Cancel, "Other file…" and Restore sit
// side by side in one row at the foot of the dialog, in English and in
// German (the longer words).
func TestRestoreDialogButtonsInOneRow(t *testing.T) {
	for _, language := range []string{"en", "de"} {
		t.Run(language, func(t *testing.T) {
			u, s, _ := newTestUI(t)
			useLook(t, u.app, language, "light")
			if _, err := s.BackupNow(context.Background()); err != nil {
				t.Fatal(err)
			}
			w := dataTestWindow(t)
			u.restoreDialog(w)
			var buttons []*widget.Button
			walkObjects(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) bool {
				if b, ok := o.(*widget.Button); ok && b.Visible() {
					buttons = append(buttons, b)
				}
				return true
			})
			if len(buttons) != 3 {
				t.Fatalf("%d buttons, want Cancel, Other file… and Restore", len(buttons))
			}
			d := fyne.CurrentApp().Driver()
			first := d.AbsolutePositionForObject(buttons[0])
			for _, b := range buttons[1:] {
				if p := d.AbsolutePositionForObject(b); p.Y != first.Y || b.Size().Height != buttons[0].Size().Height {
					t.Errorf("%q at %v (height %v), %q at %v (height %v): not one row", b.Text, p, b.Size().Height, buttons[0].Text, first, buttons[0].Size().Height)
				}
			}
			if got := buttons[len(buttons)-1].Text; got != lang.L("export.restore.button") {
				t.Errorf("the last button is %q, want Restore", got)
			}
		})
	}
}
