package data

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fullDump is every row of every table of the journal and its schema, as
// `sqlite3 FILE .dump` would show them: two equal dumps are two journals
// with the same bytes in every record, index and trigger definition.
func fullDump(t testing.TB, s *Store) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	rows, err := s.db.Query(`SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var typ, name, sql string
		if err := rows.Scan(&typ, &name, &sql); err != nil {
			t.Fatal(err)
		}
		out["schema"] = append(out["schema"], typ+" "+name+" "+sql)
		if typ == "table" {
			tables = append(tables, name)
		}
	}
	rows.Close()
	for _, table := range tables {
		out[table] = rowsOf(t, s.db, table)
	}
	return out
}

func exportJSON(t testing.TB, s *Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := s.ExportJSON(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func importJSON(t testing.TB, s *Store, b []byte) ImportResult {
	t.Helper()
	res, err := s.Import(context.Background(), bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestMergeTexts(t *testing.T) {
	div := "\n" + MergeDivider + "\n"
	for _, tc := range []struct {
		name, newer, other, want string
	}{
		{"two texts", "Newer", "Other", "Newer" + div + "Other"},
		{"the same text", "Gleich 🎉", "Gleich 🎉", "Gleich 🎉"},
		{"newer empty", "", "Other", "Other"},
		{"other empty", "Newer", "", "Newer"},
		{"both empty", "", "", ""},
		{"already merged", "A" + div + "B", "B", "A" + div + "B"},
		{"merged the other way", "B", "A" + div + "B", "B" + div + "A"},
		{"more lines", "line 1\nline 2", "x", "line 1\nline 2" + div + "x"},
		{"CRLF and spaces around the divider", "A\r\n  " + MergeDivider + "  \r\nB", "C", "A" + div + "B" + div + "C"},
		{"right to left", "שלום", "Straße", "שלום" + div + "Straße"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := MergeTexts(tc.newer, tc.other)
			if got != tc.want {
				t.Errorf("MergeTexts(%q, %q) = %q, want %q", tc.newer, tc.other, got, tc.want)
			}
			if again := MergeTexts(got, tc.other); again != got {
				t.Errorf("merging %q again gave %q", tc.other, again)
			}
		})
	}
}

// TestImportKeepsBothTextsForADay is issue 14's "import deletes a
// reflection": two journals each hold an evening and a morning for the same
// day, with other UUIDs. Importing one into the other keeps every text in
// one record a day; importing the same file again changes no byte; the two
// journals, exchanging exports, agree.
func TestImportKeepsBothTextsForADay(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	here := openPortStore(t, clock)
	there := openPortStore(t, clock)
	day, _ := here.Today(ctx)

	if _, err := here.SetMorningPlan(ctx, day, "the phone rings", "Listen first"); err != nil {
		t.Fatal(err)
	}
	if _, err := here.CelebrateEvening(ctx, day, EveningAnswers{WentWell: "Signed Anna", RepeatHow: "Ask for the sale"}); err != nil {
		t.Fatal(err)
	}
	clock.advance(time.Hour)
	if _, err := there.SetMorningPlan(ctx, day, "Tom answers", "Follow up with Tom"); err != nil {
		t.Fatal(err)
	}
	if _, err := there.CelebrateEvening(ctx, day, EveningAnswers{WentWell: "Tom booked 5.000 € 🎉", RepeatHow: "Ask for the sale", FocusResult: FocusPartly}); err != nil {
		t.Fatal(err)
	}
	hereEvening, _ := here.Evening(ctx, day)
	file := exportJSON(t, there)

	clock.advance(time.Hour)
	res := importJSON(t, here, file)
	if res.Merged != 2 {
		t.Errorf("result %+v, want 2 merged (the evening and the morning)", res)
	}
	div := "\n" + MergeDivider + "\n"
	e, err := here.Evening(ctx, day)
	if err != nil {
		t.Fatal(err)
	}
	if e.UUID != hereEvening.UUID {
		t.Errorf("the evening written first should stay, got %s", e.UUID)
	}
	if want := "Tom booked 5.000 € 🎉" + div + "Signed Anna"; e.WentWell != want {
		t.Errorf("went_well = %q, want %q (newer first)", e.WentWell, want)
	}
	if e.RepeatHow != "Ask for the sale" {
		t.Errorf("repeat_how = %q, want the same text once", e.RepeatHow)
	}
	if e.FocusResult != FocusPartly || !e.Celebrated() || e.MadeUp {
		t.Errorf("evening %+v, want the focus check from there and celebrated on the day", e)
	}
	m, err := here.Morning(ctx, day)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Follow up with Tom" + div + "Listen first"; m.Focus != want || !m.IsSet() {
		t.Errorf("focus = %q (set %v), want %q", m.Focus, m.IsSet(), want)
	}
	if want := "Tom answers" + div + "the phone rings"; m.PlanWhen != want {
		t.Errorf("plan_when = %q, want both plans' \"when\" (newer first) %q", m.PlanWhen, want)
	}
	var live, tombs int
	here.db.QueryRow(`SELECT count(*) FILTER (WHERE deleted_at IS NULL), count(*) FILTER (WHERE merged_into = ?) FROM evenings WHERE day = ?`,
		e.UUID, day.String()).Scan(&live, &tombs)
	if live != 1 || tombs != 1 {
		t.Errorf("%d live evenings and %d tombstones merged into it, want 1 and 1", live, tombs)
	}
	if hits, _ := here.Search(ctx, "anna", 0); len(hits) != 1 {
		t.Errorf("search finds %d hits for the merged text, want 1", len(hits))
	}

	before := fullDump(t, here)
	res = importJSON(t, here, file)
	if res.Added+res.Updated+res.Merged != 0 {
		t.Errorf("importing the same file twice: %+v", res)
	}
	sameDump(t, "after importing the same file twice", before, fullDump(t, here))

	// The other way round, both journals end with the same evening.
	clock.advance(time.Hour)
	importJSON(t, there, exportJSON(t, here))
	te, _ := there.Evening(ctx, day)
	if te.UUID != e.UUID || te.WentWell != e.WentWell || te.RepeatHow != e.RepeatHow {
		t.Errorf("there: %+v, want the same evening as here: %+v", te, e)
	}
	tm, _ := there.Morning(ctx, day)
	if tm.UUID != m.UUID || tm.Focus != m.Focus {
		t.Errorf("there: %+v, want the same morning as here: %+v", tm, m)
	}
	before = fullDump(t, here)
	importJSON(t, here, exportJSON(t, there))
	if e2, _ := here.Evening(ctx, day); e2.WentWell != e.WentWell {
		t.Errorf("after the exchange here holds %q, was %q", e2.WentWell, e.WentWell)
	}
	if d := fullDump(t, here); len(d["evenings"]) != len(before["evenings"]) {
		t.Errorf("the exchange added evenings: %d, was %d", len(d["evenings"]), len(before["evenings"]))
	}
}

// TestImportKeepsMergedTextsOnANewerVersion: after a merge here, a newer
// version of the surviving evening comes from elsewhere, written without
// the text merged into it here; that text stays.
func TestImportKeepsMergedTextsOnANewerVersion(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	here := openPortStore(t, clock)
	there := openPortStore(t, clock)
	day, _ := here.Today(ctx)
	if _, err := there.CelebrateEvening(ctx, day, EveningAnswers{WentWell: "There"}); err != nil {
		t.Fatal(err)
	}
	clock.advance(time.Minute)
	if _, err := here.CelebrateEvening(ctx, day, EveningAnswers{WentWell: "Here"}); err != nil {
		t.Fatal(err)
	}
	importJSON(t, here, exportJSON(t, there))
	clock.advance(time.Hour)
	if _, err := there.CelebrateEvening(ctx, day, EveningAnswers{WentWell: "There, edited"}); err != nil {
		t.Fatal(err)
	}
	file := exportJSON(t, there)
	importJSON(t, here, file)
	div := "\n" + MergeDivider + "\n"
	if e, _ := here.Evening(ctx, day); e.WentWell != "There, edited"+div+"Here" {
		t.Errorf("went_well = %q, want the edit from there and the text merged here", e.WentWell)
	}
	before := fullDump(t, here)
	importJSON(t, here, file)
	sameDump(t, "after importing the newer file twice", before, fullDump(t, here))
}

// TestImportTombstonesRoundTrip exports a journal with tombstones of wins,
// evenings and mornings and imports it into an empty one: every record,
// tombstones with their deleted_at and merged_into, arrives as it was.
func TestImportTombstonesRoundTrip(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	src := openPortStore(t, clock)
	other := openPortStore(t, clock)
	day, _ := src.Today(ctx)
	for _, s := range []*Store{other, src} {
		if _, err := s.SetMorningFocus(ctx, day, "Focus of "+filepath.Base(filepath.Dir(s.Path()))); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveEveningDraft(ctx, day, EveningAnswers{WentWell: "Draft of " + filepath.Base(filepath.Dir(s.Path()))}); err != nil {
			t.Fatal(err)
		}
		clock.advance(time.Minute)
	}
	importJSON(t, src, exportJSON(t, other)) // a tombstoned evening and morning in src
	w, err := src.AddWin(ctx, day, NewWin{Text: "Deleted win"})
	if err != nil {
		t.Fatal(err)
	}
	if err := src.DeleteWin(ctx, w.UUID); err != nil {
		t.Fatal(err)
	}
	file := exportJSON(t, src)
	if n := strings.Count(string(file), `"merged_into":"`); n != 2 {
		t.Errorf("the export holds %d merged tombstones, want 2:\n%s", n, file)
	}
	if !bytes.Contains(file, []byte(`"version": 2,`)) {
		t.Errorf("the export is not version 2:\n%.200s", file)
	}

	dst := openPortStore(t, clock)
	res := importJSON(t, dst, file)
	if res.Merged != 0 || res.Added != 5 {
		t.Errorf("result %+v, want 5 added (2 evenings, 2 mornings, the deleted win), none merged", res)
	}
	want, got := fullDump(t, src), fullDump(t, dst)
	for _, table := range []string{"wins", "evenings", "mornings", "search_text"} {
		sameDump(t, table, map[string][]string{table: want[table]}, map[string][]string{table: got[table]})
	}
	if e, _ := dst.Evening(ctx, day); strings.Count(e.WentWell, MergeDivider) != 1 {
		t.Errorf("evening %q, want both drafts", e.WentWell)
	}
}

// TestImportVersion1 imports a version 1 file (before tombstones of
// evenings and mornings), kept as written by the first release.
func TestImportVersion1(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	s := openPortStore(t, clock)
	file, err := os.ReadFile(filepath.Join("testdata", "journal-v1.json"))
	if err != nil {
		t.Fatal(err)
	}
	res := importJSON(t, s, file)
	if res.Added != 3+2+1+1 || res.Merged != 0 {
		t.Errorf("result %+v, want 7 added", res)
	}
	v, err := s.DayView(ctx, NewDay(2026, 11, 18))
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Wins) != 1 || v.Wins[0].Client != "Anna Müller" || v.Focus() != "Listen first" || !v.Celebrated() {
		t.Errorf("18 November: %+v", v)
	}
	if v.Evening.DeletedAt != nil || v.Morning.DeletedAt != nil {
		t.Error("a version 1 evening or morning came in deleted")
	}
	if wins, _ := s.WinsOn(ctx, NewDay(2026, 11, 19)); len(wins) != 1 {
		t.Errorf("19 November: %d wins, want 1 (the other is a tombstone)", len(wins))
	}
	before := fullDump(t, s)
	importJSON(t, s, file)
	sameDump(t, "after importing the version 1 file twice", before, fullDump(t, s))
}

// TestMergedAnswersMayBeLongerThanOne: two long answers merged are longer
// than one answer may be; the merged evening still saves, exports and
// imports, while a single answer that long is still refused.
func TestMergedAnswersMayBeLongerThanOne(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	here := openPortStore(t, clock)
	there := openPortStore(t, clock)
	day, _ := here.Today(ctx)
	long := strings.Repeat("ä", MaxAnswer-10)
	if _, err := here.CelebrateEvening(ctx, day, EveningAnswers{WentWell: "A" + long}); err != nil {
		t.Fatal(err)
	}
	if _, err := there.CelebrateEvening(ctx, day, EveningAnswers{WentWell: "B" + long}); err != nil {
		t.Fatal(err)
	}
	importJSON(t, here, exportJSON(t, there))
	e, _ := here.Evening(ctx, day)
	if TextLen(e.WentWell) <= MaxAnswer {
		t.Fatalf("merged answer is %d characters", TextLen(e.WentWell))
	}
	if _, err := here.CelebrateEvening(ctx, day, EveningAnswers{WentWell: e.WentWell + " more"}); err != nil {
		t.Errorf("saving the merged answer: %v", err)
	}
	importJSON(t, openPortStore(t, clock), exportJSON(t, here))
	if _, err := here.CelebrateEvening(ctx, day, EveningAnswers{WentWell: strings.Repeat("x", MaxAnswer+1)}); err == nil {
		t.Error("one answer over the limit was saved")
	}
}

func TestPartLen(t *testing.T) {
	div := "\n" + MergeDivider + "\n"
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"", 0},
		{"  Müller  ", 6},
		{"Müller" + div + "Anna, Tom and Ben", 17},
		{strings.Repeat("x", 200) + div + strings.Repeat("y", 200), 200},
	} {
		if got := PartLen(tc.s); got != tc.want {
			t.Errorf("PartLen(%q) = %d, want %d", tc.s, got, tc.want)
		}
	}
}
