package data

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

// addSeasonRecords writes reviews (saved, made up, drafted), off-seasons
// (one removed) and a plan into s, whose clock is at portNow (Thursday 26
// November 2026).
func addSeasonRecords(t testing.TB, s *Store, c *portClock) {
	t.Helper()
	ctx := context.Background()
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.SaveReview(ctx, NewDay(2026, 11, 9), "Ask every happy client for a referral"))
	must(s.SaveReview(ctx, NewDay(2026, 11, 16), "Name the price once, then wait 🤫"))
	must(s.SaveReviewDraft(ctx, NewDay(2026, 11, 23), "Half a thought"))
	must(s.AddOffSeason(ctx, NewDay(2026, 7, 20), NewDay(2026, 8, 2), "Sommerpause *am See*"))
	must(s.AddOffSeason(ctx, NewDay(2026, 3, 2), NewDay(2026, 3, 6), "Grippe"))
	must(s.AddOffSeason(ctx, NewDay(2026, 12, 24), NewDay(2027, 1, 1), ""))
	must(s.RemoveOffSeason(ctx, NewDay(2026, 3, 2)))
	today, _ := s.Today(ctx)
	must(s.SetMorningPlan(ctx, today, "a client hesitates", "name the price once"))
	c.advance(time.Minute)
}

func TestExportImportCarrySeasonRecords(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	src := openPortStore(t, clock)
	addPortWins(t, src, clock)
	addSeasonRecords(t, src, clock)
	first := exportJSON(t, src)
	var j Journal
	if err := json.Unmarshal(first, &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Reviews) != 3 || len(j.OffSeasons) != 3 || j.OffSeasons[0].DeletedAt == nil {
		t.Fatalf("export holds %d reviews and %d off-seasons (the first removed: %v)", len(j.Reviews), len(j.OffSeasons), j.OffSeasons[0].DeletedAt)
	}
	for _, field := range []string{`"reviews": [`, `"off_seasons": [`, `"theme":`, `"reviewed_at":`, `"from":"2026-07-20"`, `"plan_when":"a client hesitates"`} {
		if !bytes.Contains(first, []byte(field)) {
			t.Errorf("export lacks %s", field)
		}
	}

	dst := openPortStore(t, clock)
	res, err := dst.Import(ctx, bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	want := len(j.Wins) + len(j.Mornings) + len(j.Reviews) + len(j.OffSeasons) + len(j.Settings)
	if res.Added != want || res.Updated+res.Unchanged != 0 {
		t.Errorf("import %+v, want %d added", res, want)
	}
	if second := exportJSON(t, dst); !bytes.Equal(first, second) {
		t.Fatalf("the re-export differs:\n%s\n%s", first, second)
	}
	before := dumpTables(t, dst)
	if res, err = dst.Import(ctx, bytes.NewReader(first)); err != nil || res.Added+res.Updated != 0 {
		t.Errorf("second import %+v, %v; want nothing changed", res, err)
	}
	sameDump(t, "after importing twice", before, dumpTables(t, dst))
	o, err := dst.Overview(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if o.Streaks.WeeklyReview.Longest != 2 || len(o.OffSeasons) != 2 {
		t.Errorf("imported: weekly streak %+v, off-seasons %+v", o.Streaks.WeeklyReview, o.OffSeasons)
	}
}

// TestImportAnOlderExport: a file written before reviews and off-seasons
// existed imports as before.
func TestImportAnOlderExport(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	s := openPortStore(t, clock)
	b := mutateJournal(t, marshalJournal(t, syntheticJournal(10)), func(m map[string]any) {
		delete(m, "reviews")
		delete(m, "off_seasons")
		for _, r := range m["mornings"].([]any) {
			delete(r.(map[string]any), "plan_when")
		}
	})
	if bytes.Contains(b, []byte("reviews")) || bytes.Contains(b, []byte("plan_when")) {
		t.Fatal("the file still has the new fields")
	}
	if _, err := s.Import(ctx, bytes.NewReader(b)); err != nil {
		t.Fatal(err)
	}
	j, err := s.Journal(ctx)
	if err != nil || len(j.Wins) != 10 || j.Reviews == nil || j.OffSeasons == nil {
		t.Errorf("journal %d wins, reviews %v, off-seasons %v, %v", len(j.Wins), j.Reviews, j.OffSeasons, err)
	}
}

// TestImportKeepsBothReviewsOfAWeek: two journals that reviewed the same
// week keep both themes in one review, and nothing is duplicated on a
// second import.
func TestImportKeepsBothReviewsOfAWeek(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	here, there := openPortStore(t, clock), openPortStore(t, clock)
	week := NewDay(2026, 11, 16)
	if _, err := here.SaveReview(ctx, week, "Follow up within a day"); err != nil {
		t.Fatal(err)
	}
	clock.advance(time.Hour)
	theirs, err := there.SaveReview(ctx, week, "Name the price once")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := there.SaveReview(ctx, NewDay(2026, 11, 9), "Referrals"); err != nil {
		t.Fatal(err)
	}
	if _, err := there.AddOffSeason(ctx, NewDay(2026, 7, 1), NewDay(2026, 7, 14), "Urlaub"); err != nil {
		t.Fatal(err)
	}
	clock.advance(time.Minute) // here's is the newer one
	if _, err := here.AddOffSeason(ctx, NewDay(2026, 7, 1), NewDay(2026, 7, 10), "Holiday"); err != nil {
		t.Fatal(err)
	}
	if _, err := here.AddOffSeason(ctx, NewDay(2026, 9, 1), NewDay(2026, 9, 5), ""); err != nil {
		t.Fatal(err)
	}
	if _, err := there.AddOffSeason(ctx, NewDay(2026, 9, 3), NewDay(2026, 9, 8), "Messe"); err != nil {
		t.Fatal(err)
	}
	file := exportJSON(t, there)
	res, err := here.Import(ctx, bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if res.Merged != 2 || res.Added != 2 { // merged: the review of the 16th, the range of 1 July
		t.Errorf("import %+v, want 2 merged and 2 added", res)
	}
	r, err := here.Review(ctx, week)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Name the price once\n" + MergeDivider + "\nFollow up within a day"; r.Theme != want || !r.Reviewed() {
		t.Errorf("theme %q, want both, the newer first", r.Theme)
	}
	if other, err := here.Review(ctx, NewDay(2026, 11, 9)); err != nil || other.Theme != "Referrals" {
		t.Errorf("the other week: %+v, %v", other, err)
	}
	list, err := here.OffSeasons(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 || list[0].To != NewDay(2026, 7, 14) || list[0].Note != "Holiday\n"+MergeDivider+"\nUrlaub" ||
		list[1].From != NewDay(2026, 9, 1) || list[2].From != NewDay(2026, 9, 3) {
		t.Errorf("off-seasons %+v: 1 July joined (to the 14th, both notes), the overlapping September ranges both kept", list)
	}
	// Their record is kept, as a tombstone.
	var deleted *string
	if err := here.db.QueryRow(`SELECT deleted_at FROM reviews WHERE uuid = ?`, theirs.UUID).Scan(&deleted); err != nil || deleted == nil {
		t.Errorf("their review: deleted_at %v, %v; want a tombstone", deleted, err)
	}

	before := dumpTables(t, here)
	res, err = here.Import(ctx, bytes.NewReader(file))
	if err != nil || res.Added+res.Updated+res.Merged != 0 {
		t.Errorf("second import %+v, %v", res, err)
	}
	sameDump(t, "importing twice", before, dumpTables(t, here))

	// A newer edit there is joined in again, without repeating what is here.
	clock.advance(time.Hour)
	if _, err := there.SaveReview(ctx, week, "Name the price once, then wait"); err != nil {
		t.Fatal(err)
	}
	if _, err := here.Import(ctx, bytes.NewReader(exportJSON(t, there))); err != nil {
		t.Fatal(err)
	}
	if r, _ = here.Review(ctx, week); strings.Count(r.Theme, "Follow up within a day") != 1 || !strings.HasPrefix(r.Theme, "Name the price once, then wait") {
		t.Errorf("after their edit: %q", r.Theme)
	}
}

func TestImportRefusesBadSeasonRecords(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	src := openPortStore(t, clock)
	addSeasonRecords(t, src, clock)
	good := exportJSON(t, src)
	edit := func(change func(m map[string]any)) []byte { return mutateJournal(t, good, change) }
	s := openPortStore(t, clock)
	before := dumpTables(t, s)
	for _, tc := range []badImport{
		{"review week not a Monday", edit(func(m map[string]any) { record(m, "reviews", 0)["week"] = "2026-11-10" }), ErrBadRecord, "review 1 (2026-11-10): week 2026-11-10 is not a Monday"},
		{"review saved without theme", edit(func(m map[string]any) { record(m, "reviews", 1)["theme"] = " " }), ErrBadRecord, "review 2"},
		{"unknown review field", edit(func(m map[string]any) { record(m, "reviews", 0)["mood"] = 1 }), ErrBadRecord, "review 1"},
		{"two reviews one week", edit(func(m map[string]any) { record(m, "reviews", 1)["week"] = record(m, "reviews", 0)["week"] }), ErrBadRecord, "same week"},
		{"off-season inverted", edit(func(m map[string]any) { record(m, "off_seasons", 1)["to"] = "2026-01-01" }), ErrBadRecord, "ends before it starts"},
		{"off-season without from", edit(func(m map[string]any) { delete(record(m, "off_seasons", 1), "from") }), ErrBadRecord, "off-season 2"},
		{"two off-seasons one start", edit(func(m map[string]any) { record(m, "off_seasons", 2)["from"] = record(m, "off_seasons", 1)["from"] }), ErrBadRecord, "starts on the same day"},
		{"uuid shared with a win", edit(func(m map[string]any) { record(m, "off_seasons", 0)["uuid"] = record(m, "reviews", 0)["uuid"] }), ErrBadRecord, "also used by review 1"},
		{"plan too long", edit(func(m map[string]any) { record(m, "mornings", 0)["plan_when"] = strings.Repeat("x", MaxFocus+1) }), ErrBadRecord, "plan_when is too long"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Import(ctx, bytes.NewReader(tc.file))
			if !errors.Is(err, tc.err) || !strings.Contains(err.Error(), tc.naming) {
				t.Errorf("err = %v, want %v naming %q", err, tc.err, tc.naming)
			}
			sameDump(t, tc.name, before, dumpTables(t, s))
		})
	}
}

func TestExportMarkdownSeasonRecords(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	s := openPortStore(t, clock)
	addSeasonRecords(t, s, clock)
	if _, err := s.AddWin(ctx, NewDay(2026, 11, 22), NewWin{Text: "Sunday sale"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddWin(ctx, NewDay(2026, 8, 2), NewWin{Text: "Holiday sale"}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	labels := EnglishMarkdownLabels()
	labels.DayHeading = func(d Day) string { return "Day " + d.String() }
	labels.Plan = func(when, will string) string { return "Wenn " + when + ", dann " + will }
	if err := s.ExportMarkdown(ctx, &buf, labels); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	want := []string{
		// A draft's theme is written too: it is the user's text. It sits
		// at its week's Sunday, above today.
		"\n## Matchweek of 2026-11-23\n\n**What do I train next week?**\n\nHalf a thought\n",
		"\n## Day 2026-11-26\n\n**Focus:** Wenn a client hesitates, dann name the price once\n",
		"\n## Matchweek of 2026-11-16\n\n**What do I train next week?**\n\nName the price once, then wait 🤫\n",
		"\n## Day 2026-11-22\n",
		"\n## Matchweek of 2026-11-09\n",
		"\n## Off-season 2026-07-20 to 2026-08-02\n\nSommerpause \\*am See\\*\n",
		"\n## Day 2026-08-02\n",
	}
	at := 0
	for _, w := range want {
		i := strings.Index(md[at:], w)
		if i < 0 {
			t.Fatalf("markdown lacks %q after byte %d:\n%s", w, at, md)
		}
		at += i + len(w)
	}
	if strings.Contains(md, "Grippe") {
		t.Errorf("a removed off-season is in the export:\n%s", md)
	}
	// The off-season that ends next year comes first (newest first).
	if !strings.HasPrefix(md, "# Success journal\n\n## Off-season 2026-12-24 to 2027-01-01\n") {
		t.Errorf("the newest section is not first:\n%s", md)
	}
}
