package data

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// addPortWins logs a few wins that stress the formats: quotes, commas, a
// line break, umlauts, emoji, right-to-left text, Markdown characters.
func addPortWins(t testing.TB, s *Store, c *portClock) []Win {
	t.Helper()
	ctx := context.Background()
	amount := Cents(120050)
	var wins []Win
	for _, in := range []NewWin{
		{Text: `Signed "Müller GmbH", 1.200,50 €`, Client: "Müller GmbH", Amount: &amount, Note: "second line\nthird; with ,comma"},
		{Text: "# not a heading *not bold* [not a link](x) 🎉"},
		{Text: "שלום – Straße Ärger"},
	} {
		c.advance(time.Minute)
		w, err := s.AddWin(ctx, Day{}, in)
		if err != nil {
			t.Fatal(err)
		}
		wins = append(wins, w)
	}
	return wins
}

func TestExportJSONRoundTrip(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	src := openDemoStore(t, clock, 2)
	addPortWins(t, src, clock)
	set := DefaultSettings()
	set.Language, set.EveningTime = "de", ClockTime{21, 15}
	if err := src.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	if err := src.SetState(ctx, "reminder.evening", "local-2026-11-25"); err != nil {
		t.Fatal(err)
	}
	var first bytes.Buffer
	if err := src.ExportJSON(ctx, &first); err != nil {
		t.Fatal(err)
	}
	var j Journal
	if err := json.Unmarshal(first.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	tombstones := 0
	for _, w := range j.Wins {
		if w.DeletedAt != nil {
			tombstones++
		}
	}
	if j.Format != JSONFormat || j.Version != JSONVersion || len(j.Wins) < 500 || len(j.Evenings) == 0 || len(j.Mornings) == 0 || tombstones == 0 {
		t.Fatalf("export holds format %q version %d, %d wins (%d deleted), %d evenings, %d mornings", j.Format, j.Version, len(j.Wins), tombstones, len(j.Evenings), len(j.Mornings))
	}
	if strings.Contains(first.String(), "reminder.evening") || strings.Contains(first.String(), "local-2026-11-25") {
		t.Error("the export holds the program's own state")
	}

	dst := openPortStore(t, clock)
	res, err := dst.Import(ctx, bytes.NewReader(first.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	want := len(j.Wins) + len(j.Evenings) + len(j.Mornings) + len(j.Settings)
	if res.Added != want || res.Updated != 0 || res.Unchanged != 0 {
		t.Errorf("first import: %+v, want %d added", res, want)
	}
	var second bytes.Buffer
	if err := dst.ExportJSON(ctx, &second); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Fatalf("the re-export differs from the export (%d vs %d bytes)", first.Len(), second.Len())
	}

	before := dumpTables(t, dst)
	res, err = dst.Import(ctx, bytes.NewReader(first.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 0 || res.Updated != 0 || res.Unchanged != want {
		t.Errorf("second import: %+v, want all %d unchanged", res, want)
	}
	sameDump(t, "after importing twice", before, dumpTables(t, dst))
}

func TestExportCSV(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	s := openPortStore(t, clock)
	wins := addPortWins(t, s, clock)
	clock.advance(time.Minute)
	gone, err := s.AddWin(ctx, Day{}, NewWin{Text: "deleted one"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteWin(ctx, gone.UUID); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.ExportCSV(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(buf.String(), "\r\n") || strings.Count(buf.String(), "\r\n") < 4 {
		t.Errorf("rows do not end in CRLF: %q", buf.String())
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		CSVHeader,
		{"2026-11-26", "14:01", wins[0].Text, "Müller GmbH", "1200.50", "second line\r\nthird; with ,comma"},
		{"2026-11-26", "14:02", wins[1].Text, "", "", ""},
		{"2026-11-26", "14:03", wins[2].Text, "", "", ""},
	}
	if len(rows) != len(want) {
		t.Fatalf("got %d rows, want %d: %q", len(rows), len(want), rows)
	}
	for i := range want {
		for k := range want[i] {
			// encoding/csv reads a quoted CRLF back as it was written.
			got := strings.ReplaceAll(rows[i][k], "\r\n", "\n")
			if got != strings.ReplaceAll(want[i][k], "\r\n", "\n") {
				t.Errorf("row %d column %s = %q, want %q", i, CSVHeader[k], rows[i][k], want[i][k])
			}
		}
	}
}

func TestExportMarkdown(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	s := openPortStore(t, clock)
	today, _ := s.Today(ctx)
	yesterday := today.AddDays(-1)
	if _, err := s.SetMorningFocus(ctx, yesterday, "Ask for the next step"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddWin(ctx, yesterday, NewWin{Text: "Sold the workshop"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CelebrateEvening(ctx, yesterday, EveningAnswers{WentWell: "- I asked.\nThen I waited.", RepeatHow: "1. Ask again", FocusResult: FocusPartly}); err != nil {
		t.Fatal(err)
	}
	addPortWins(t, s, clock)
	if _, err := s.SaveMorningDraft(ctx, today.AddDays(-5), ""); err != nil { // an empty draft: no section
		t.Fatal(err)
	}
	labels := MarkdownLabels{Title: "Erfolgsjournal", Focus: "Fokus", Wins: "Erfolge", FocusCheck: "Trainiert?",
		WentWell: "Was lief gut?", RepeatHow: "Wie wiederhole ich es?", Yes: "ja", Partly: "teilweise", No: "nein",
		DayHeading: func(d Day) string { return "Tag " + d.String() }}
	var buf bytes.Buffer
	if err := s.ExportMarkdown(ctx, &buf, labels); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	want := []string{
		"# Erfolgsjournal\n",
		"\n## Tag 2026-11-26\n",
		"\n**Erfolge**\n\n",
		"- 14:01 Signed \"Müller GmbH\", 1.200,50 € (Müller GmbH, 1.200,50 €) – second line third; with ,comma\n",
		"- 14:02 # not a heading \\*not bold\\* \\[not a link\\](x) 🎉\n",
		"- 14:03 שלום – Straße Ärger\n",
		"\n## Tag 2026-11-25\n",
		"\n**Fokus:** Ask for the next step\n",
		"- 14:00 Sold the workshop\n",
		"\n**Trainiert?** teilweise\n",
		"\n**Was lief gut?**\n\n\\- I asked.  \nThen I waited.\n",
		"\n**Wie wiederhole ich es?**\n\n1\\. Ask again\n",
	}
	at := 0
	for _, w := range want {
		i := strings.Index(md[at:], w)
		if i < 0 {
			t.Fatalf("markdown lacks %q after byte %d:\n%s", w, at, md)
		}
		at += i + len(w)
	}
	if strings.Contains(md, "2026-11-21") {
		t.Errorf("an empty draft got a section:\n%s", md)
	}
}

func TestWriteFileAtomicLeavesNothingBehind(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "journal.json")
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("disk gone")
	err := WriteFileAtomic(target, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want %v", err, boom)
	}
	if b, _ := os.ReadFile(target); string(b) != "old" {
		t.Errorf("target = %q, want it untouched", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("folder holds %d files, want only the target", len(entries))
	}

	missing := filepath.Join(dir, "no such folder", "journal.json")
	if err := WriteFileAtomic(missing, func(w io.Writer) error { return nil }); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("writing into a missing folder: err = %v", err)
	}
	if err := WriteFileAtomic(target, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Errorf("target = %q, want new", b)
	}
}
