package text

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"testing"

	sqlite3 "github.com/mattn/go-sqlite3"

	"matchday/data"
)

// errorCase is an error the windows or the command line can show, and
// whether its message may quote technical words (a detail only the check
// or the system can give, clearly marked as such).
type errorCase struct {
	err    error
	quoted bool
}

// shownErrors holds, for every error variable and error type the data
// package declares (TestEveryErrorHasWords finds them in its source), the
// errors the app can meet of that kind, plus the driver's and the system's
// errors that reach a save or a file dialog.
var shownErrors = map[string][]errorCase{
	"ErrBadAmount":         {{err: fmt.Errorf("data: amount: %w", data.ErrBadAmount)}},
	"ErrBackupOverJournal": {{err: fmt.Errorf("data: back up to x: %w", data.ErrBackupOverJournal)}},
	"ErrNotEmpty":          {{err: fmt.Errorf("data: demo: %w", data.ErrNotEmpty)}},
	"ErrNotJSON": {
		{err: &data.ImportError{Err: data.ErrNotJSON, Detail: "it is empty", Code: "empty"}},
		{err: &data.ImportError{Err: data.ErrNotJSON, Detail: "it ends too early (truncated?)", Code: "truncated"}},
		{err: &data.ImportError{Err: data.ErrNotJSON, Detail: "invalid character 'x' at byte 3"}, quoted: true},
	},
	"ErrNotExport":   {{err: &data.ImportError{Err: data.ErrNotExport, Detail: `want "format": "matchday-journal"`}, quoted: true}},
	"ErrNewerExport": {{err: &data.ImportError{Err: data.ErrNewerExport, Detail: "version 2, this Matchday reads up to 1"}, quoted: true}},
	"ErrBadRecord": {
		{err: &data.ImportError{Err: data.ErrBadRecord, Record: &data.RecordRef{Kind: "win", N: 3, ID: "x"}, Detail: "uuid \"x\" is not a UUID"}, quoted: true},
		{err: badText(&data.TextError{Field: "win", Max: 500, Len: 612, Err: data.ErrTooLong})},
		{err: badText(&data.TextError{Field: "went_well", Err: data.ErrEmpty})},
		{err: badText(&data.TextError{Field: "client", Err: data.ErrInvalidText})},
	},
	"ErrTooLarge":    {{err: &data.ImportError{Err: data.ErrTooLarge, Detail: "more than 256 MB"}, quoted: true}},
	"ErrNotJournal":  {{err: &data.OpenError{Path: "/j.db", Err: data.ErrNotJournal, Detail: "it belongs to another program"}}},
	"ErrNewerSchema": {{err: &data.OpenError{Path: "/j.db", Err: data.ErrNewerSchema, Detail: "schema 9"}}},
	"ErrCorrupt": {
		{err: &data.OpenError{Path: "/j.db", Err: data.ErrCorrupt, Detail: "database disk image is malformed"}},
		{err: (data.CheckResult{Path: "/j.db", Damage: data.RecordDamage, Problems: []string{"Tree 2 page 5 cell 0: invalid page number 77"}}).Err()},
		{err: fmt.Errorf("data: add win: %w", (data.CheckResult{Path: "/j.db", Damage: data.IndexDamage, Problems: []string{"row 3 missing from index wins_day"}}).Err())},
		{err: fmt.Errorf("data: back up: the copy is damaged: %w", data.ErrCorrupt)},
		{err: fmt.Errorf("data: wins on 2026-11-26: %w", sqlite3.Error{Code: sqlite3.ErrCorrupt})},
	},
	"ErrNotFound": {{err: fmt.Errorf("data: edit win: %w", data.ErrNotFound)}},
	"ErrReadOnly": {
		{err: fmt.Errorf("data: add win: %w", data.ErrReadOnly)},
		{err: fmt.Errorf("data: add win: %w", sqlite3.Error{Code: sqlite3.ErrReadonly})},
	},
	"ErrEmpty":       {{err: &data.TextError{Field: "win", Err: data.ErrEmpty}}},
	"ErrTooLong":     {{err: &data.TextError{Field: "win", Max: 500, Len: 501, Err: data.ErrTooLong}}},
	"ErrInvalidText": {{err: &data.TextError{Field: "note", Err: data.ErrInvalidText}}},
	"ErrBusy": {
		{err: fmt.Errorf("data: add win: data: waited 3s for the write lock: %w", data.ErrBusy)},
		{err: fmt.Errorf("data: settings: %w", sqlite3.Error{Code: sqlite3.ErrBusy})},
	},
	"OpenError":               {{err: &data.OpenError{Path: "/j.db", Err: data.ErrCorrupt}}},
	"TextError":               {{err: &data.TextError{Field: "focus", Max: 200, Len: 250, Err: data.ErrTooLong}}},
	"ImportError":             {{err: &data.ImportError{Err: data.ErrBadRecord, Record: &data.RecordRef{Kind: "file"}, Detail: "json: unknown field \"x\""}, quoted: true}},
	"ErrFutureDay":            {{err: fmt.Errorf("data: add win: %w", data.ErrFutureDay)}},
	"ErrDayOutOfRange":        {{err: fmt.Errorf("data: add win: %w", data.ErrDayOutOfRange)}},
	"ErrClientExists":         {{err: fmt.Errorf("data: rename client: %w", data.ErrClientExists)}},
	"ErrSameClient":           {{err: fmt.Errorf("data: merge clients: %w", data.ErrSameClient)}},
	"ErrOtherJournal":         {{err: fmt.Errorf("data: restore: %w", data.ErrOtherJournal)}},
	"ErrFutureWeek":           {{err: fmt.Errorf("data: week review: %w", data.ErrFutureWeek)}},
	"ErrOffSeasonInverted":    {{err: fmt.Errorf("data: off-season: %w", data.ErrOffSeasonInverted)}},
	"ErrOffSeasonOverlap":     {{err: overlap}},
	"OverlapError":            {{err: overlap}},
	"ErrSyncFolderHasJournal": {{err: fmt.Errorf("data: sync: %w", data.ErrSyncFolderHasJournal)}},
	"ErrSyncNoFolder":         {{err: fmt.Errorf("data: sync: %w", data.ErrSyncNoFolder)}},
	"ErrSyncPassphraseNeeded": {{err: fmt.Errorf("data: sync: %w", data.ErrSyncPassphraseNeeded)}},
	"ErrSyncPassphraseWrong":  {{err: fmt.Errorf("data: sync: %w", data.ErrSyncPassphraseWrong)}},
	"ErrSyncFolderChanged":    {{err: fmt.Errorf("data: sync: %w", data.ErrSyncFolderChanged)}},
	"ErrSyncFolderNewer":      {{err: fmt.Errorf("data: sync: %w", data.ErrSyncFolderNewer)}},
	// Not data's own, but met by saves and file dialogs all the same.
	"driver and system": {
		{err: fmt.Errorf("data: add win: %w", sqlite3.Error{Code: sqlite3.ErrFull})},
		{err: errors.New("data: add win: sql: database is closed")},
		{err: fmt.Errorf("data: import: %w", context.Canceled)},
		{err: &fs.PathError{Op: "open", Path: "/home/ada/export.json", Err: syscall.EACCES}},
		{err: &fs.PathError{Op: "open", Path: "/home/ada/gone/export.json", Err: syscall.ENOENT}},
		{err: &WriteError{Path: "/home/ada/export.json", Err: &fs.PathError{Op: "rename", Path: "/home/ada/export.json", Err: syscall.EISDIR}}},
		{err: errors.New("data: something nobody expected"), quoted: true},
	},
}

// overlap is an off-season that overlaps another.
var overlap = &data.OverlapError{From: data.NewDay(2026, 8, 1), To: data.NewDay(2026, 8, 20),
	With: data.OffSeason{From: data.NewDay(2026, 8, 10), To: data.NewDay(2026, 8, 31)}}

// badText is a bad record whose text breaks the text rules.
func badText(te *data.TextError) error {
	return &data.ImportError{Err: data.ErrBadRecord, Record: &data.RecordRef{Kind: "win", N: 1417, ID: "3f2a"}, Detail: te.Error(), Cause: te}
}

// declaredErrors lists the error variables (Err…) and error types (…Error)
// the data package declares, read from its source.
func declaredErrors(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../../data/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("data's source: %v", err)
	}
	var names []string
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range file.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, spec := range gd.Specs {
				switch s := spec.(type) {
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if n.IsExported() && strings.HasPrefix(n.Name, "Err") {
							names = append(names, n.Name)
						}
					}
				case *ast.TypeSpec:
					if s.Name.IsExported() && strings.HasSuffix(s.Name.Name, "Error") {
						names = append(names, s.Name.Name)
					}
				}
			}
		}
	}
	sort.Strings(names)
	return names
}

// quotedPart matches a technical detail quoted as such (error.technical),
// in English or in German.
var quotedPart = regexp.MustCompile(`technical detail: “[^”]*”|technische Angabe: „[^“]*“`)

// translationKeys are the keys of the English translation file.
func translationKeys(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../../assets/translations/en.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

// rawWords are the driver's and the program's own words that must never be
// passed off as a message (they may appear only inside a quoted detail).
var rawWords = []string{"data:", "sql:", "sqlite", "malformed", "database is", "Tree ", "missing from index", "json:", "EACCES", "open /", "no such file", "is a directory", "context canceled", "waited 3s"}

// TestEveryErrorHasWords: every error the data package declares, and the
// driver's and the system's errors a save or a file dialog can meet, is
// told in a sentence in English and in German — a different sentence in
// each, with no translation key left over and no raw driver text outside a
// clearly quoted technical detail. A new error in data without a case here
// fails the test.
func TestEveryErrorHasWords(t *testing.T) {
	for _, name := range declaredErrors(t) {
		if _, ok := shownErrors[name]; !ok {
			t.Errorf("data declares %s, but no case here says how it is shown: add one to shownErrors", name)
		}
	}
	keys := translationKeys(t)
	hasKey := func(msg string) bool {
		for _, k := range keys {
			if strings.Contains(msg, k) {
				return true
			}
		}
		return false
	}
	for name, cases := range shownErrors {
		for i, c := range cases {
			msgs := map[string]string{}
			for _, language := range []string{"en", "de"} {
				useLanguage(t, language)
				msg := UserMessage(c.err)
				msgs[language] = msg
				where := fmt.Sprintf("%s #%d (%s): %q", name, i+1, language, msg)
				outside := quotedPart.ReplaceAllString(msg, "")
				switch {
				case strings.TrimSpace(msg) == "":
					t.Errorf("%s is empty", where)
				case strings.Contains(msg, "{{") || hasKey(msg):
					t.Errorf("%s holds a translation key or template", where)
				case !c.quoted && outside != msg:
					t.Errorf("%s quotes a technical detail for an error that has words of its own", where)
				}
				for _, raw := range rawWords {
					if strings.Contains(strings.ToLower(outside), strings.ToLower(raw)) {
						t.Errorf("%s shows %q outside a quoted detail", where, raw)
					}
				}
			}
			if msgs["en"] == msgs["de"] {
				t.Errorf("%s #%d reads the same in English and German: %q", name, i+1, msgs["en"])
			}
		}
	}
	if os.Getenv("MATCHDAY_SHOW_MESSAGES") != "" {
		useLanguage(t, "de")
		for name, cases := range shownErrors {
			for _, c := range cases {
				t.Logf("%s: %s", name, UserMessage(c.err))
			}
		}
	}
}
