package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// syntheticJournal is a valid export of n wins (and an evening and a morning
// every third day), built without a store.
func syntheticJournal(n int) Journal {
	base := time.Date(2020, 1, 1, 9, 0, 0, 0, time.UTC)
	j := Journal{Format: JSONFormat, Version: JSONVersion, ExportedAt: base.AddDate(6, 0, 0),
		Wins: []Win{}, Evenings: []Evening{}, Mornings: []Morning{}, Settings: []Setting{}}
	for i := 0; i < n; i++ {
		at := base.Add(time.Duration(i) * 8 * time.Hour)
		day := DayOf(at, DefaultDayStartHour)
		j.Wins = append(j.Wins, Win{UUID: fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i), Day: day,
			Text: fmt.Sprintf("Win number %d für Müller", i), CreatedAt: at, UpdatedAt: at, Zone: "Europe/Berlin"})
		if i%9 == 0 {
			c := at.Add(time.Hour)
			j.Evenings = append(j.Evenings, Evening{UUID: fmt.Sprintf("%08x-1111-4000-8000-%012x", i, i), Day: day,
				WentWell: "Asked for the sale", RepeatHow: "Ask again", FocusResult: FocusYes, CreatedAt: c, UpdatedAt: c, CelebratedAt: &c})
			j.Mornings = append(j.Mornings, Morning{UUID: fmt.Sprintf("%08x-2222-4000-8000-%012x", i, i), Day: day,
				Focus: "Listen first", CreatedAt: at, UpdatedAt: at, SetAt: &at})
		}
	}
	j.Settings = append(j.Settings, Setting{Key: "language", Value: "de", UpdatedAt: base})
	return j
}

func marshalJournal(t testing.TB, j Journal) []byte {
	t.Helper()
	b, err := json.Marshal(j)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// mutateJournal changes the JSON form of a journal: it decodes b into
// generic maps, lets change edit them, and encodes them again.
func mutateJournal(t testing.TB, b []byte, change func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	change(m)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func record(m map[string]any, list string, i int) map[string]any {
	return m[list].([]any)[i].(map[string]any)
}

// badImport is a file Import must refuse, and what the refusal must say.
type badImport struct {
	name   string
	file   []byte
	err    error
	naming string // the message names this
}

// badImports are the bad-input cases of issue 8, for the table test and as
// the fuzz test's seed corpus.
func badImports(t testing.TB) []badImport {
	good := marshalJournal(t, syntheticJournal(2000))
	small := marshalJournal(t, syntheticJournal(10))
	edit := func(change func(m map[string]any)) []byte { return mutateJournal(t, small, change) }
	return []badImport{
		{"not JSON", []byte("Dear diary,\ntoday I won."), ErrNotJSON, "not JSON"},
		{"empty file", nil, ErrNotJSON, "empty"},
		{"binary", []byte("SQLite format 3\x00\x10\x00"), ErrNotJSON, "not JSON"},
		{"JSON array", []byte(`[{"format":"matchday-journal"}]`), ErrNotExport, "not a Matchday"},
		{"other format", []byte(`{"format":"dayone","version":1,"entries":[]}`), ErrNotExport, "matchday-journal"},
		{"no format", []byte(`{"wins":[]}`), ErrNotExport, "format"},
		{"format is a number", []byte(`{"format":7,"version":1}`), ErrNotExport, ""},
		{"newer version", edit(func(m map[string]any) { m["version"] = JSONVersion + 1 }), ErrNewerExport, fmt.Sprintf("version %d", JSONVersion+1)},
		{"version zero", edit(func(m map[string]any) { m["version"] = 0 }), ErrNotExport, ""},
		{"truncated", good[:len(good)/2], ErrNotJSON, "truncated"},
		{"trailing garbage", append(append([]byte{}, small...), " }"...), ErrNotJSON, ""},
		{"unknown top-level field", edit(func(m map[string]any) { m["diary"] = true }), ErrBadRecord, `unknown field "diary"`},
		{"unknown win field", edit(func(m map[string]any) { record(m, "wins", 2)["mood"] = "good" }), ErrBadRecord, "win 3"},
		{"amount as text", edit(func(m map[string]any) { record(m, "wins", 1)["amount_cents"] = "800" }), ErrBadRecord, "win 2"},
		{"negative amount", edit(func(m map[string]any) { record(m, "wins", 1)["amount_cents"] = -5 }), ErrBadRecord, "win 2"},
		{"bad day", edit(func(m map[string]any) { record(m, "wins", 4)["day"] = "2026-02-30" }), ErrBadRecord, "win 5"},
		{"no day", edit(func(m map[string]any) { delete(record(m, "wins", 4), "day") }), ErrBadRecord, "day is missing"},
		{"bad uuid", edit(func(m map[string]any) { record(m, "wins", 0)["uuid"] = "42" }), ErrBadRecord, "win 1"},
		{"duplicate uuid", edit(func(m map[string]any) { record(m, "wins", 1)["uuid"] = record(m, "wins", 0)["uuid"] }), ErrBadRecord, "also used by win 1"},
		{"empty win", edit(func(m map[string]any) { record(m, "wins", 6)["text"] = "   " }), ErrBadRecord, "win 7"},
		{"NUL in text", edit(func(m map[string]any) { record(m, "wins", 6)["text"] = "a\x00b" }), ErrBadRecord, "not valid text"},
		{"bad timestamp", edit(func(m map[string]any) { record(m, "wins", 3)["created_at"] = "yesterday" }), ErrBadRecord, "win 4"},
		{"bad focus result", edit(func(m map[string]any) { record(m, "evenings", 0)["focus_result"] = "maybe" }), ErrBadRecord, "evening 1"},
		{"two evenings one day", edit(func(m map[string]any) {
			e := map[string]any{}
			for k, v := range record(m, "evenings", 0) {
				e[k] = v
			}
			e["uuid"] = "0000abcd-1111-4000-8000-000000000000"
			m["evenings"] = append(m["evenings"].([]any), e)
		}), ErrBadRecord, "same day"},
		{"set focus empty", edit(func(m map[string]any) { record(m, "mornings", 1)["focus"] = "" }), ErrBadRecord, "morning 2"},
		{"unknown setting", edit(func(m map[string]any) { record(m, "settings", 0)["key"] = "colour" }), ErrBadRecord, `"colour" is not a Matchday setting`},
		{"bad setting value", edit(func(m map[string]any) { record(m, "settings", 0)["value"] = "klingon" }), ErrBadRecord, "setting 1 (language)"},
		{"one bad record among thousands", mutateJournal(t, good, func(m map[string]any) {
			record(m, "wins", 1416)["text"] = strings.Repeat("x", MaxWin+1)
		}), ErrBadRecord, "win 1417 (00000588-0000-4000-8000-000000000588): win is too long (501 characters, at most 500)"},
	}
}

func TestImportRefusesBadFilesUnchanged(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	s := openDemoStore(t, clock, 1)
	before := dumpTables(t, s)
	for _, tc := range badImports(t) {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Import(ctx, bytes.NewReader(tc.file))
			var ie *ImportError
			if !errors.As(err, &ie) || !errors.Is(err, tc.err) {
				t.Fatalf("err = %v, want an ImportError %v", err, tc.err)
			}
			if (tc.name == "truncated") != (ie.Code == "truncated") || (tc.name == "empty file") != (ie.Code == "empty") {
				t.Errorf("code %q", ie.Code)
			}
			if !strings.Contains(err.Error(), tc.naming) {
				t.Errorf("message %q does not say %q", err, tc.naming)
			}
			sameDump(t, tc.name, before, dumpTables(t, s))
		})
	}
	if list, _ := s.Backups(); len(list) != 0 {
		t.Errorf("refused files left %d backups; the backup comes after the checks", len(list))
	}
}

func TestImportTakesBackupFirst(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	s := openPortStore(t, clock)
	addPortWins(t, s, clock)
	res, err := s.Import(ctx, bytes.NewReader(marshalJournal(t, syntheticJournal(20))))
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 20+3+3+1 {
		t.Errorf("added %d, want 27", res.Added)
	}
	b, err := Open(res.Backup)
	if err != nil {
		t.Fatalf("open the backup: %v", err)
	}
	defer b.Close()
	if n := rowCount(t, b.db, "wins"); n != 3 {
		t.Errorf("the backup holds %d wins, want the 3 from before the import", n)
	}
	if list, _ := s.Backups(); len(list) != 1 || list[0].Kind != BackupBeforeImport || list[0].Path != res.Backup {
		t.Errorf("backups = %+v, want the one before-import backup", list)
	}
}

func TestImportNewerWins(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	here := openPortStore(t, clock)
	there := openPortStore(t, clock)
	day, _ := here.Today(ctx)

	w, err := there.AddWin(ctx, day, NewWin{Text: "First version"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := there.CelebrateEvening(ctx, day, EveningAnswers{WentWell: "There, older"}); err != nil {
		t.Fatal(err)
	}
	export := func(s *Store) []byte {
		var buf bytes.Buffer
		if err := s.ExportJSON(ctx, &buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	old := export(there)
	clock.advance(time.Hour)
	mine, err := here.CelebrateEvening(ctx, day, EveningAnswers{WentWell: "Here, newer"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := here.Import(ctx, bytes.NewReader(old)); err != nil {
		t.Fatal(err)
	}
	// Two evenings for one day: one evening remains, the one written first,
	// with both texts, the newer first; nothing is lost.
	first, err := here.Evening(ctx, day)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Here, newer\n" + MergeDivider + "\nThere, older"; first.WentWell != want || first.UUID == mine.UUID {
		t.Errorf("after importing another evening for the day: %q (uuid mine: %v), want %q in the evening written first",
			first.WentWell, first.UUID == mine.UUID, want)
	}

	clock.advance(time.Hour)
	if _, err := there.EditWin(ctx, w.UUID, NewWin{Text: "Second version"}); err != nil {
		t.Fatal(err)
	}
	if _, err := there.CelebrateEvening(ctx, day, EveningAnswers{WentWell: "There, newest"}); err != nil {
		t.Fatal(err)
	}
	res, err := here.Import(ctx, bytes.NewReader(export(there)))
	if err != nil {
		t.Fatal(err)
	}
	if res.Updated != 2 {
		t.Errorf("result %+v, want 2 updated (the win and the evening)", res)
	}
	if got, _ := here.Win(ctx, w.UUID); got.Text != "Second version" {
		t.Errorf("win text = %q, want the newer one", got.Text)
	}
	// The newer evening from there replaces its older version, and keeps
	// the text merged into it here.
	if got, _ := here.Evening(ctx, day); got.WentWell != "There, newest\n"+MergeDivider+"\nHere, newer" {
		t.Errorf("evening = %q, want the newer one from there, then the one merged here", got.WentWell)
	}
	before := dumpTables(t, here)
	res, err = here.Import(ctx, bytes.NewReader(old))
	if err != nil {
		t.Fatal(err)
	}
	if res.Added+res.Updated != 0 {
		t.Errorf("re-importing the older file changed %+v", res)
	}
	sameDump(t, "after the older file", before, dumpTables(t, here))
}

func TestImportCleansText(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	s := openPortStore(t, clock)
	j := syntheticJournal(1)
	j.Wins[0].Text = "  Mu\u0308ller  " // NFD, padded
	if _, err := s.Import(ctx, bytes.NewReader(marshalJournal(t, j))); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Win(ctx, j.Wins[0].UUID); got.Text != "Müller" {
		t.Errorf("text = %q, want NFC and trimmed", got.Text)
	}
}

// FuzzImport feeds the importer arbitrary files. Whatever it is given: a
// refused file leaves every record byte-for-byte as it was, and an accepted
// one, imported again, changes nothing. The seed corpus holds the bad-input
// cases of issue 8. It calls the checks and the merge that Import calls,
// without Import's backup, so each run stays fast.
func FuzzImport(f *testing.F) {
	f.Add(marshalJournal(f, syntheticJournal(5)))
	for _, tc := range badImports(f) {
		f.Add(tc.file)
	}
	ctx := context.Background()
	clock := &portClock{portNow(f)}
	s := openPortStore(f, clock)
	seed := syntheticJournal(12)
	reset := func(t testing.TB) {
		err := s.withTx(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `DELETE FROM wins; DELETE FROM evenings; DELETE FROM mornings; DELETE FROM settings`)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.merge(ctx, seed); err != nil {
			t.Fatal(err)
		}
	}
	reset(f)
	baseline := dumpTables(f, s)
	f.Fuzz(func(t *testing.T, file []byte) {
		j, err := parseJournal(file)
		if err == nil {
			_, err = s.merge(ctx, j)
		}
		if err != nil {
			var ie *ImportError
			if !errors.As(err, &ie) {
				t.Errorf("not an ImportError: %v", err)
			}
			sameDump(t, "after a refused file", baseline, dumpTables(t, s))
			return
		}
		defer reset(t) // back to the baseline for the next input
		after := dumpTables(t, s)
		j, err = parseJournal(file)
		if err != nil {
			t.Fatalf("accepted once, refused the second time: %v", err)
		}
		res, err := s.merge(ctx, j)
		if err != nil {
			t.Fatalf("second import: %v", err)
		}
		if res.Added+res.Updated != 0 {
			t.Errorf("importing the same file twice changed %+v", res)
		}
		sameDump(t, "after importing twice", after, dumpTables(t, s))
	})
}

func TestImportMissingFile(t *testing.T) {
	clock := &portClock{portNow(t)}
	s := openPortStore(t, clock)
	_, err := s.Import(context.Background(), bytes.NewReader(nil))
	if !errors.Is(err, ErrNotJSON) {
		t.Errorf("err = %v", err)
	}
	if _, err := os.Stat(s.BackupDir()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused import created the backups folder")
	}
}
