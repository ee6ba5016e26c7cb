package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"matchday/app/text"
	"matchday/data"
)

// dataCLIJournal makes a journal with a year of demo data and English as
// its language, and returns its path.
func dataCLIJournal(t *testing.T) string {
	t.Helper()
	clock := newFakeClock(testNoon(t))
	path := filepath.Join(t.TempDir(), "journal", "matchday.db")
	s, err := data.Open(path, data.WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if _, err := s.Demo(ctx, 1, "en", 7); err != nil {
		t.Fatal(err)
	}
	set, _ := s.Settings(ctx)
	set.Language = "en"
	if err := s.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	return path
}

// withoutExportTime blanks a JSON export's exported_at, the one line that
// differs between two exports of the same journal.
func withoutExportTime(export string) string {
	lines := strings.Split(export, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, `  "exported_at": `) {
			lines[i] = `  "exported_at": ""`
		}
	}
	return strings.Join(lines, "\n")
}

// runDataCLI runs the command line in-process on the journal at db.
func runDataCLI(t *testing.T, db string, stdin []byte, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := Env{
		Getenv: func(k string) string {
			switch k {
			case "MATCHDAY_NOW":
				return "2026-11-26T14:00:00+01:00"
			case "MATCHDAY_NO_AGENT":
				return "1"
			}
			return ""
		},
		Stdin: bytes.NewReader(stdin), Stdout: &out, Stderr: &errOut,
	}
	code = Main(append([]string{"--db", db}, args...), env)
	t.Cleanup(func() { text.Load("en") })
	return code, out.String(), errOut.String()
}

func TestCLIExportFormats(t *testing.T) {
	db := dataCLIJournal(t)
	dir := t.TempDir()
	for _, format := range text.ExportFormats {
		t.Run(format, func(t *testing.T) {
			code, stdout, stderr := runDataCLI(t, db, nil, "export", "--format", format)
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			file := filepath.Join(dir, "out."+format)
			code, msg, stderr := runDataCLI(t, db, nil, "export", "--format", format, "-o", file)
			if code != 0 || stderr != "" || !strings.Contains(msg, file) {
				t.Fatalf("exit %d, stdout %q, stderr %q", code, msg, stderr)
			}
			written, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if withoutExportTime(string(written)) != withoutExportTime(stdout) {
				t.Errorf("the file differs from stdout (%d vs %d bytes)", len(written), len(stdout))
			}
			switch format {
			case text.FormatJSON:
				var j data.Journal
				if err := json.Unmarshal(written, &j); err != nil || j.Format != data.JSONFormat || len(j.Wins) == 0 {
					t.Errorf("not a JSON export (%v): %.200s", err, written)
				}
			case text.FormatSheet:
				rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(written, []byte("\ufeff")))).ReadAll()
				if !bytes.HasPrefix(written, []byte("\ufeff")) || err != nil || len(rows) < 100 || strings.Join(rows[0], ",") != "Day,Time,Win,Client,Amount,Note,Currency" {
					t.Errorf("spreadsheet CSV: %v, %d rows, starts %.60q", err, len(rows), written)
				}
			case text.FormatCSV:
				rows, err := csv.NewReader(bytes.NewReader(written)).ReadAll()
				if err != nil || len(rows) < 100 || strings.Join(rows[0], ",") != "day,time,text,client,amount,note,currency" {
					t.Errorf("CSV: %v, %d rows, header %v", err, len(rows), rows[0])
				}
			case text.FormatMarkdown:
				if !strings.HasPrefix(stdout, "# Success journal\n\n## Thursday, 26 November 2026\n") {
					t.Errorf("Markdown starts %.120q", stdout)
				}
			}
		})
	}
}

// TestCLIExportSheetFollowsTheLanguage: the spreadsheet CSV is written in
// the conventions of the journal's language, so a German spreadsheet opens
// it in columns with amounts as numbers.
func TestCLIExportSheetFollowsTheLanguage(t *testing.T) {
	for _, tc := range []struct {
		language string
		sep      rune
		header   string
		amount   string
	}{
		{"de", ';', "Tag;Uhrzeit;Erfolg;Kundschaft;Betrag;Notiz;Währung", "1200,50"},
		{"en", ',', "Day,Time,Win,Client,Amount,Note,Currency", "1200.50"},
	} {
		t.Run(tc.language, func(t *testing.T) {
			db := dataCLIJournal(t)
			s, err := data.Open(db)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			set, _ := s.Settings(ctx)
			set.Language = tc.language
			amount := data.Cents(120050)
			_, err = s.AddWin(ctx, data.Day{}, data.NewWin{Text: "=Signed the workshop", Client: "Müller GmbH", Amount: &amount})
			if err == nil {
				err = s.SaveSettings(ctx, set)
			}
			s.Close()
			if err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := runDataCLI(t, db, nil, "export", "--format", "csv-sheet")
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			body, ok := strings.CutPrefix(stdout, "\ufeff")
			if !ok {
				t.Error("no byte order mark")
			}
			r := csv.NewReader(strings.NewReader(body))
			r.Comma = tc.sep
			rows, err := r.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(rows[0], string(tc.sep)); got != tc.header {
				t.Errorf("header %q, want %q", got, tc.header)
			}
			last := rows[len(rows)-1]
			if last[2] != "'=Signed the workshop" || last[3] != "Müller GmbH" || last[4] != tc.amount {
				t.Errorf("last row %q, want the neutralised text, the client and %s", last, tc.amount)
			}
		})
	}
}

func TestCLIExportUnwritable(t *testing.T) {
	db := dataCLIJournal(t)
	dir := t.TempDir()
	blocker := filepath.Join(dir, "a-file")
	os.WriteFile(blocker, []byte("x"), 0o600)
	for _, target := range []string{
		filepath.Join(dir, "missing", "out.json"),
		filepath.Join(blocker, "out.json"),
	} {
		code, _, stderr := runDataCLI(t, db, nil, "export", "--format", "json", "-o", target)
		if code != 1 {
			t.Errorf("%s: exit %d, want 1", target, code)
		}
		if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "Could not write "+target) || !strings.Contains(stderr, "Nothing was written") {
			t.Errorf("%s: stderr %q", target, stderr)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d entries after failed exports, want only the blocker", len(entries))
	}
}

func TestCLIExportUsage(t *testing.T) {
	db := dataCLIJournal(t)
	for _, args := range [][]string{
		{"export"},
		{"export", "--format", "pdf"},
		{"export", "--format", "md", "extra"},
		{"import"},
		{"import", "a", "b"},
		{"backup", "extra"},
		{"backup", "-o", db},
	} {
		if code, _, stderr := runDataCLI(t, db, nil, args...); code != 2 || stderr == "" {
			t.Errorf("%v: exit %d, stderr %q; want a usage error", args, code, stderr)
		}
	}
}

func TestCLIImport(t *testing.T) {
	src := dataCLIJournal(t)
	_, export, _ := runDataCLI(t, src, nil, "export", "--format", "json")
	file := filepath.Join(t.TempDir(), "export.json")
	os.WriteFile(file, []byte(export), 0o600)

	dst := filepath.Join(t.TempDir(), "matchday.db")
	code, stdout, stderr := runDataCLI(t, dst, nil, "import", file)
	if code != 0 || stderr != "" || !strings.Contains(stdout, "0 updated, 0 already here") {
		t.Fatalf("first import: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, stdout, _ = runDataCLI(t, dst, []byte(export), "import", "-")
	if code != 0 || !strings.Contains(stdout, "Imported: 0 new, 0 updated") {
		t.Errorf("second import, from stdin: exit %d, stdout %q", code, stdout)
	}
	_, again, _ := runDataCLI(t, dst, nil, "export", "--format", "json")
	if withoutExportTime(again) != withoutExportTime(export) {
		t.Error("export → import → export changed the content")
	}

	bad := strings.Replace(export, `"focus_result":"partly"`, `"focus_result":"perhaps"`, 1)
	badFile := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(badFile, []byte(bad), 0o600)
	code, _, stderr = runDataCLI(t, dst, nil, "import", badFile)
	if code != 1 || !strings.Contains(stderr, "The file "+badFile+" was not imported") || !strings.Contains(stderr, "– evening ") || !strings.Contains(stderr, "Nothing was changed") {
		t.Errorf("bad import: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runDataCLI(t, dst, nil, "import", filepath.Join(t.TempDir(), "nope.json"))
	if code != 1 || !strings.Contains(stderr, "Could not read") {
		t.Errorf("missing file: exit %d, stderr %q", code, stderr)
	}
	_, after, _ := runDataCLI(t, dst, nil, "export", "--format", "json")
	if withoutExportTime(after) != withoutExportTime(export) {
		t.Error("a refused import changed the journal")
	}
}

func TestCLIBackup(t *testing.T) {
	db := dataCLIJournal(t)
	target := filepath.Join(t.TempDir(), "copy.db")
	code, stdout, stderr := runDataCLI(t, db, nil, "backup", "-o", target)
	if code != 0 || stderr != "" || !strings.Contains(stdout, target) {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	_, want, _ := runDataCLI(t, db, nil, "export", "--format", "json")
	if _, got, _ := runDataCLI(t, target, nil, "export", "--format", "json"); withoutExportTime(got) != withoutExportTime(want) {
		t.Error("the backup does not hold the journal")
	}
	code, stdout, _ = runDataCLI(t, db, nil, "backup")
	backups := filepath.Join(filepath.Dir(db), "backups")
	// Named after the journal and its id (matchday-1a2b3c4d-manual-…).
	if code != 0 || !strings.Contains(stdout, backups+string(filepath.Separator)+"matchday-") || !strings.Contains(stdout, "-manual-") {
		t.Errorf("backup without -o: exit %d, stdout %q", code, stdout)
	}
	code, _, stderr = runDataCLI(t, db, nil, "backup", "-o", filepath.Join(t.TempDir(), "missing", "x.db"))
	if code != 1 || !strings.Contains(stderr, "Could not back up") {
		t.Errorf("backup into a missing folder: exit %d, stderr %q", code, stderr)
	}
}

func TestCLIImportTruncatedGerman(t *testing.T) {
	src := dataCLIJournal(t)
	_, export, _ := runDataCLI(t, src, nil, "export", "--format", "json")
	dst := filepath.Join(t.TempDir(), "matchday.db")
	s, err := data.Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	set := data.DefaultSettings()
	set.Language = "de"
	if err := s.SaveSettings(context.Background(), set); err != nil {
		t.Fatal(err)
	}
	s.Close()
	file := filepath.Join(t.TempDir(), "halb.json")
	os.WriteFile(file, []byte(export[:len(export)/2]), 0o600)
	code, _, stderr := runDataCLI(t, dst, nil, "import", file)
	want := "matchday: Die Datei " + file + " wurde nicht importiert. Die Datei endet zu früh: Sie wurde wohl beim Kopieren oder Speichern abgeschnitten. Nichts wurde geändert.\n"
	if code != 1 || stderr != want {
		t.Errorf("exit %d, stderr %q, want %q", code, stderr, want)
	}
}

// TestAgentDailyJobBacksUp: the job the agent runs once a day writes a
// checked backup into the data folder's backups/.
func TestAgentDailyJobBacksUp(t *testing.T) {
	clock := newFakeClock(testNoon(t))
	s := newTestStore(t, clock)
	if _, err := s.AddWin(context.Background(), data.Day{}, data.NewWin{Text: "Worth keeping"}); err != nil {
		t.Fatal(err)
	}
	var logged []string
	job := dailyBackup(func(f string, a ...any) { logged = append(logged, fmt.Sprintf(f, a...)) })
	if err := job(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	list, err := s.Backups()
	if err != nil || len(list) != 1 || list[0].Kind != data.BackupDaily {
		t.Fatalf("backups after the daily job: %+v, %v", list, err)
	}
	if len(logged) != 1 || !strings.Contains(logged[0], list[0].Path) {
		t.Errorf("logged %q", logged)
	}
}
