package data

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestFoldMatchesSchema checks the fold trigger a journal really has, as
// the migrations leave it (a later migration may replace it), against the
// fold in Go.
func TestFoldMatchesSchema(t *testing.T) {
	clock := &portClock{portNow(t)}
	s := openPortStore(t, clock)
	var installed string
	if err := s.db.QueryRow(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'search_text_fold'`).Scan(&installed); err != nil {
		t.Fatalf("the journal has no search_text_fold trigger: %v", err)
	}
	if installed+";" != foldTriggerSQL() {
		t.Fatal("the journal's search_text_fold trigger is not foldTriggerSQL(); replace it in a new migration generated from fold.go")
	}
	var all strings.Builder
	for _, p := range foldPairs {
		all.WriteString(p[0])
	}
	all.WriteString(" ABC xyz Ωμέγα 🎉 ß")
	var got string
	if err := s.db.QueryRow(`SELECT `+foldSQL("?", ""), all.String()).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if want := Fold(all.String()); got != want {
		t.Errorf("SQL folds to %q, Go to %q", got, want)
	}
	// The stored column, both branches.
	for _, text := range []string{all.String(), "Plain ASCII Text, 100% [x]"} {
		if _, err := s.db.Exec(`INSERT INTO search_text (uuid, field, day, at, text, extra) VALUES (?, 'win', '2026-01-01', '', ?, 'Extra')`, text, text); err != nil {
			t.Fatal(err)
		}
		if err := s.db.QueryRow(`SELECT folded FROM search_text WHERE uuid = ?`, text).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want := Fold(text + " Extra"); got != want {
			t.Errorf("search_text folds %q to %q, Go to %q", text, got, want)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Müller":        "muller",
		"MÜLLER":        "muller",
		"Mu\u0308ller":  "muller", // NFD as macOS types it
		"Straße":        "strasse",
		"Ærø Œuvre":     "aero oeuvre",
		"Ayşe Çelik":    "ayse celik",
		"Crème brûlée":  "creme brulee",
		"emoji 🎉 stays": "emoji 🎉 stays",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	s := openPortStore(t, clock)
	today, _ := s.Today(ctx)
	day1, day2 := today.AddDays(-2), today.AddDays(-1)

	old, err := s.AddWin(ctx, day1, NewWin{Text: "Herr Müller bought the course", Note: "Straßenfest"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetMorningFocus(ctx, day2, "Call MUELLER and Müller back"); err != nil {
		t.Fatal(err)
	}
	clock.advance(time.Minute)
	if _, err := s.CelebrateEvening(ctx, day2, EveningAnswers{WentWell: "müller said yes", RepeatHow: "Ask Muller early"}); err != nil {
		t.Fatal(err)
	}
	clientWin, err := s.AddWin(ctx, today, NewWin{Text: "Renewal", Client: "Bäckerei Müller"})
	if err != nil {
		t.Fatal(err)
	}
	gone, err := s.AddWin(ctx, today, NewWin{Text: "Müller deleted"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteWin(ctx, gone.UUID); err != nil {
		t.Fatal(err)
	}

	hits, err := s.Search(ctx, "muller", 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		field HitField
		day   Day
		text  string
	}{
		{HitWin, today, "Renewal"},
		{HitWentWell, day2, "müller said yes"},
		{HitRepeatHow, day2, "Ask Muller early"},
		{HitFocus, day2, "Call MUELLER and Müller back"},
		{HitWin, day1, "Herr Müller bought the course"},
	}
	if len(hits) != len(want) {
		t.Fatalf("got %d hits, want %d: %+v", len(hits), len(want), hits)
	}
	for i, w := range want {
		if hits[i].Field != w.field || hits[i].Day != w.day || hits[i].Text != w.text {
			t.Errorf("hit %d = %+v, want %+v", i, hits[i], w)
		}
	}
	if hits[0].UUID != clientWin.UUID {
		t.Errorf("hit 0 uuid = %s, want the client's win", hits[0].UUID)
	}

	for query, n := range map[string]int{
		"MÜLLER course":   1, // every word must occur
		"strasse":         1, // in the note
		"  ":              0,
		"muller nonsense": 0,
		"mueller":         5, // every Müller: German transliteration
	} {
		got, err := s.Search(ctx, query, 0)
		if err != nil || len(got) != n {
			t.Errorf("Search(%q) = %d hits (%v), want %d", query, len(got), err, n)
		}
	}

	// Edits, deletes and restores move the search along.
	if _, err := s.EditWin(ctx, old.UUID, NewWin{Text: "Herr Schmidt bought the course"}); err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreWin(ctx, gone.UUID); err != nil {
		t.Fatal(err)
	}
	hits, _ = s.Search(ctx, "muller", 2)
	if len(hits) != 2 || hits[0].UUID != gone.UUID && hits[1].UUID != gone.UUID {
		t.Errorf("after restore and limit 2: %+v", hits)
	}
	if got, _ := s.Search(ctx, "schmidt", 0); len(got) != 1 || got[0].UUID != old.UUID {
		t.Errorf("the edited win is not found by its new text: %+v", got)
	}
	if got, _ := s.Search(ctx, "herr muller", 0); len(got) != 0 {
		t.Errorf("the edited win is still found by its old text: %+v", got)
	}
}

// foldSQL returns, as one expression, the SQL expression that folds the column col exactly as
// Fold does (for NFC text, which is all the journal stores); indent is the
// indentation of its lines.
func foldSQL(col, indent string) string {
	var b strings.Builder
	for i := range foldPairs {
		if i%12 == 0 {
			b.WriteString("\n" + indent)
		}
		b.WriteString("replace(")
	}
	b.WriteString("lower(" + col + ")")
	for i, p := range foldPairs {
		if i%6 == 0 {
			b.WriteString("\n" + indent)
		}
		b.WriteString(", '" + p[0] + "', '" + p[1] + "')")
	}
	return b.String()
}

// TestSearchGermanTransliteration: "mueller" finds "Müller", as "muller"
// and "Müller" do, and "Mueller" written out is found by all three.
func TestSearchGermanTransliteration(t *testing.T) {
	ctx := context.Background()
	s := openPortStore(t, &portClock{portNow(t)})
	today, _ := s.Today(ctx)
	umlaut, err := s.AddWin(ctx, today, NewWin{Text: "Frau Müller booked again"})
	if err != nil {
		t.Fatal(err)
	}
	spelled, err := s.AddWin(ctx, today, NewWin{Text: "Herr Mueller called", Client: "Grüße & Söhne"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"mueller", []string{umlaut.UUID, spelled.UUID}},
		{"MUELLER", []string{umlaut.UUID, spelled.UUID}},
		{"muller", []string{umlaut.UUID}},
		{"Müller", []string{umlaut.UUID}},
		{"gruesse soehne", []string{spelled.UUID}},
		{"mueller booked", []string{umlaut.UUID}},
	} {
		hits, err := s.Search(ctx, tt.query, 0)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, h := range hits {
			got[h.UUID] = true
		}
		for _, id := range tt.want {
			if !got[id] {
				t.Errorf("search %q missed %s (hits %v)", tt.query, id, hits)
			}
		}
		if len(got) != len(tt.want) {
			t.Errorf("search %q found %d records, want %d", tt.query, len(got), len(tt.want))
		}
	}
}
