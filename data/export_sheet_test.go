package data

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// pythonCSV parses a CSV file with Python's csv module, the reference
// reader for "opens in columns": it splits as LibreOffice's import does
// with the same separator, and keeps every character inside quotes.
func pythonCSV(t *testing.T, b []byte, delimiter string) [][]string {
	t.Helper()
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Fatalf("python3 is not installed (make test installs it): %v", err)
	}
	path := filepath.Join(t.TempDir(), "export.csv")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	const script = `import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    json.dump(list(csv.reader(f, delimiter=sys.argv[2], strict=True)), sys.stdout)`
	out, err := exec.Command(python, "-c", script, path, delimiter).Output()
	if err != nil {
		t.Fatalf("python3 csv: %v", err)
	}
	var rows [][]string
	if err := json.Unmarshal(out, &rows); err != nil {
		t.Fatalf("python3 csv: %v: %s", err, out)
	}
	return rows
}

// addTrickyWins logs wins whose text breaks naive CSV: separators of both
// kinds, quotes, line breaks, a bare CR, umlauts and emoji.
func addTrickyWins(t *testing.T, s *Store, c *portClock) []Win {
	t.Helper()
	amount, small := Cents(120050), Cents(5)
	var wins []Win
	for _, in := range []NewWin{
		{Text: `Signed "Müller GmbH"; 1.200,50 €, finally`, Client: "Müller; GmbH", Amount: &amount, Note: "line one\r\nline two\rthree\nfour"},
		{Text: "Carriage\rreturn inside 🎉", Amount: &small},
		{Text: "Plain win"},
	} {
		c.advance(time.Minute)
		w, err := s.AddWin(context.Background(), Day{}, in)
		if err != nil {
			t.Fatal(err)
		}
		wins = append(wins, w)
	}
	return wins
}

func TestExportCSVRoundTripKeepsEveryCharacter(t *testing.T) {
	clock := &portClock{portNow(t)}
	s := openPortStore(t, clock)
	wins := addTrickyWins(t, s, clock)
	var buf bytes.Buffer
	if err := s.ExportCSV(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	if bytes.HasPrefix(buf.Bytes(), []byte("\ufeff")) {
		t.Error("the RFC 4180 export starts with a byte order mark")
	}
	want := [][]string{
		CSVHeader,
		{"2026-11-26", "14:01", wins[0].Text, wins[0].Client, "1200.50", wins[0].Note, "EUR"},
		{"2026-11-26", "14:02", wins[1].Text, "", "0.05", "", "EUR"},
		{"2026-11-26", "14:03", "Plain win", "", "", "", ""},
	}
	if !strings.Contains(wins[1].Text, "\r") || !strings.Contains(wins[0].Note, "two\rthree") {
		t.Fatalf("the store did not keep the bare CRs: %q %q", wins[1].Text, wins[0].Note)
	}
	// Python keeps every character inside quotes.
	if got := pythonCSV(t, buf.Bytes(), ","); !equalRows(got, want) {
		t.Errorf("python3 read\n  %q\nwant\n  %q", got, want)
	}
	// encoding/csv turns a CRLF inside quotes into LF, and keeps a bare CR.
	got, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want[1][5] = strings.ReplaceAll(want[1][5], "\r\n", "\n")
	if !equalRows(got, want) {
		t.Errorf("encoding/csv read\n  %q\nwant\n  %q", got, want)
	}
}

func equalRows(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.Join(a[i], "\x00") != strings.Join(b[i], "\x00") || len(a[i]) != len(b[i]) {
			return false
		}
	}
	return true
}

func TestExportSheetCSVOpensInColumns(t *testing.T) {
	for _, tc := range []struct {
		language, delimiter string
		header              []string
		amount              string
	}{
		{"de", ";", []string{"Tag", "Uhrzeit", "Erfolg", "Kundschaft", "Betrag", "Notiz", "Währung"}, "1200,50"},
		{"en", ",", nil, "1200.50"},
	} {
		t.Run(tc.language, func(t *testing.T) {
			clock := &portClock{portNow(t)}
			s := openPortStore(t, clock)
			wins := addTrickyWins(t, s, clock)
			conv := SheetConventionsFor(tc.language)
			conv.Header = tc.header
			var buf bytes.Buffer
			if err := s.ExportSheetCSV(context.Background(), &buf, conv); err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(buf.Bytes(), []byte("\ufeff")) {
				t.Error("no UTF-8 byte order mark: Excel would read the umlauts as Latin-1")
			}
			rows := pythonCSV(t, buf.Bytes(), tc.delimiter)
			header := tc.header
			if header == nil {
				header = CSVHeader
			}
			if len(rows) != 4 || strings.Join(rows[0], "|") != strings.Join(header, "|") {
				t.Fatalf("rows %q, want the header and three wins", rows)
			}
			for i, row := range rows {
				if len(row) != len(CSVHeader) {
					t.Errorf("row %d has %d columns, want %d: %q", i, len(row), len(CSVHeader), row)
				}
			}
			first := rows[1]
			if first[2] != wins[0].Text || first[3] != wins[0].Client || first[5] != wins[0].Note {
				t.Errorf("first win read back as %q", first)
			}
			if first[4] != tc.amount {
				t.Errorf("amount %q, want %q", first[4], tc.amount)
			}
			// A number in the locale's notation: only digits and the one
			// decimal mark, no thousands separator.
			v, err := strconv.ParseFloat(strings.Replace(first[4], ",", ".", 1), 64)
			if err != nil || v != 1200.50 {
				t.Errorf("amount %q is not 1200.50 in the locale's notation: %v", first[4], err)
			}
			if rows[2][4] != strings.Replace("0.05", ".", string(tc.amount[4]), 1) {
				t.Errorf("small amount %q", rows[2][4])
			}
		})
	}
}

func TestNeutraliseFormula(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"=1+2", "'=1+2"},
		{"+49 30 1234567", "'+49 30 1234567"},
		{"-10 %", "'-10 %"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=cmd", "'\t=cmd"},
		{"\r=cmd", "'\r=cmd"},
		{"", ""},
		{"Paid 1+1 = 2 @ noon - done", "Paid 1+1 = 2 @ noon - done"},
		{"'=already", "'=already"},
		{"Ärger = weg", "Ärger = weg"},
	} {
		if got := neutraliseFormula(tc.in); got != tc.want {
			t.Errorf("neutraliseFormula(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestExportSheetCSVNeutralisesFormulas(t *testing.T) {
	for _, tc := range []struct {
		name               string
		text, client, note string
		sheet              [3]string // text, client and note in the spreadsheet variant
	}{
		{"formula", `=HYPERLINK("http://x";"win")`, "", "", [3]string{`'=HYPERLINK("http://x";"win")`, "", ""}},
		{"plus", "+49 30 1234567 called back", "", "", [3]string{"'+49 30 1234567 called back", "", ""}},
		{"minus", "-10 % for the follow-up, still signed", "", "", [3]string{"'-10 % for the follow-up, still signed", "", ""}},
		{"at", "@SUM(1+9)*cmd|' /C calc'!A0", "", "", [3]string{"'@SUM(1+9)*cmd|' /C calc'!A0", "", ""}},
		{"client", "Signed", "=1+2", "", [3]string{"Signed", "'=1+2", ""}},
		{"note", "Signed", "", "@cmd\n=cmd on the next line", [3]string{"Signed", "", "'@cmd\n=cmd on the next line"}},
		{"inside is fine", "Paid 1+1 = 2 @ noon - done", "", "", [3]string{"Paid 1+1 = 2 @ noon - done", "", ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := &portClock{portNow(t)}
			s := openPortStore(t, clock)
			ctx := context.Background()
			if _, err := s.AddWin(ctx, Day{}, NewWin{Text: tc.text, Client: tc.client, Note: tc.note}); err != nil {
				t.Fatal(err)
			}
			var sheet, plain bytes.Buffer
			if err := s.ExportSheetCSV(ctx, &sheet, SheetConventionsFor("de")); err != nil {
				t.Fatal(err)
			}
			if err := s.ExportCSV(ctx, &plain); err != nil {
				t.Fatal(err)
			}
			r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(sheet.Bytes(), []byte("\ufeff"))))
			r.Comma = ';'
			rows, err := r.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if got := [3]string{rows[1][2], rows[1][3], rows[1][5]}; got != tc.sheet {
				t.Errorf("spreadsheet variant %q, want %q", got, tc.sheet)
			}
			// The RFC 4180 export is for programs: it keeps the text as typed.
			rows, err = csv.NewReader(&plain).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if got, want := [3]string{rows[1][2], rows[1][3], rows[1][5]}, [3]string{tc.text, tc.client, tc.note}; got != want {
				t.Errorf("RFC 4180 variant %q, want the text as typed %q", got, want)
			}
		})
	}
}

func TestExportSheetCSVRefusesAmbiguousConventions(t *testing.T) {
	clock := &portClock{portNow(t)}
	s := openPortStore(t, clock)
	for _, conv := range []SheetConventions{
		{Separator: ',', DecimalComma: true},
		{Separator: '\t'},
		{Separator: ';', Header: []string{"day"}},
	} {
		if err := s.ExportSheetCSV(context.Background(), &bytes.Buffer{}, conv); err == nil {
			t.Errorf("conventions %+v were accepted", conv)
		}
	}
}
