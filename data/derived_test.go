package data

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// derivedOrder is the key order a dump of each derived table is read in.
var derivedOrder = map[string]string{"day_wins": "day", "win_total": "id", "search_text": "uuid, field",
	"client_wins": "uuid", "clients": "key", "day_amounts": "day"}

// dumpDerived returns every row of every derived table, as dumpTables does
// for the records.
func dumpDerived(t testing.TB, s *Store) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, table := range derivedTables {
		order, ok := derivedOrder[table]
		if !ok {
			t.Fatalf("derived table %s has no order in derivedOrder", table)
		}
		out[table] = dumpRows(t, s, table, order)
	}
	return out
}

// rebuildJournal fills a journal with the records of s: for every derived
// table the triggers' work, write by write, through an import of s's export.
func rebuildJournal(t *testing.T, s *Store, clock *portClock) *Store {
	t.Helper()
	var export bytes.Buffer
	if err := s.ExportJSON(context.Background(), &export); err != nil {
		t.Fatal(err)
	}
	fresh := openPortStore(t, clock)
	if _, err := fresh.Import(context.Background(), &export); err != nil {
		t.Fatal(err)
	}
	return fresh
}

// derivedStore is a journal whose records exercise every derived table:
// demo data (evenings, mornings, deleted wins), wins with clients, notes
// and accents, one deleted and one edited here.
func derivedStore(t *testing.T, clock *portClock) *Store {
	t.Helper()
	ctx := context.Background()
	s := openDemoStore(t, clock, 1)
	wins := addPortWins(t, s, clock)
	if err := s.DeleteWin(ctx, wins[1].UUID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EditWin(ctx, wins[2].UUID, NewWin{Text: "Édith's Œuvre, edited", Client: "Łódź", Note: "ß"}); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestRebuildDerived(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	s := derivedStore(t, clock)
	want := dumpDerived(t, rebuildJournal(t, s, clock))
	if len(want["day_wins"]) == 0 || len(want["search_text"]) == 0 {
		t.Fatalf("the reference journal has no derived data: %d day_wins, %d search_text", len(want["day_wins"]), len(want["search_text"]))
	}
	records := dumpTables(t, s)
	delete(records, "search_text")

	emptyAll := make([]string, len(derivedTables))
	for i, table := range derivedTables {
		emptyAll[i] = `DELETE FROM ` + table
	}
	for _, tc := range []struct {
		name   string
		damage []string
	}{
		{"day_wins rows missing", []string{`DELETE FROM day_wins WHERE day IN (SELECT day FROM day_wins ORDER BY day DESC LIMIT 5)`}},
		{"day_wins counts wrong", []string{`UPDATE day_wins SET wins = wins + 3 WHERE day > '2026-06-01'`}},
		{"day_wins a day without wins", []string{`INSERT INTO day_wins (day, wins) VALUES ('1999-01-01', 7)`}},
		{"win_total wrong", []string{`UPDATE win_total SET wins = 3`}},
		{"win_total missing", []string{`DELETE FROM win_total`}},
		{"search_text rows missing", []string{`DELETE FROM search_text WHERE field IN ('went_well', 'focus')`}},
		{"search_text folded wrong", []string{`UPDATE search_text SET folded = 'nothing to find'`}},
		{"search_text text stale", []string{`UPDATE search_text SET text = 'old', extra = '' WHERE field = 'win'`}},
		{"search_text a row of no record", []string{`INSERT INTO search_text (uuid, field, day, at, text) VALUES ('no-such-record', 'win', '2026-01-01', '', 'ghost')`}},
		{"client_wins rows missing", []string{`DELETE FROM client_wins WHERE uuid IN (SELECT uuid FROM client_wins ORDER BY uuid LIMIT 20)`}},
		{"client_wins key not folded", []string{`UPDATE client_wins SET key = upper(key)`}},
		{"clients sums wrong", []string{`UPDATE clients SET wins = wins + 1, total_cents = 7, name = 'Wrong'`}},
		{"clients a client of no win", []string{`INSERT INTO clients VALUES ('ghost', 'Ghost', '2020-01-01', '2020-01-01', '', 1, 0, NULL, NULL)`}},
		{"day_amounts wrong", []string{`UPDATE day_amounts SET amount_cents = amount_cents + 1`, `INSERT INTO day_amounts VALUES ('1999-01-01', 5)`}},
		{"every derived table emptied", emptyAll},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, q := range tc.damage {
				if _, err := s.db.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
			if got := dumpDerived(t, s); sameRows(want, got) {
				t.Fatal("the damage changed nothing")
			}
			if err := s.RebuildDerived(ctx); err != nil {
				t.Fatal(err)
			}
			if diff := diffRows(want, dumpDerived(t, s)); diff != "" {
				t.Errorf("after RebuildDerived: %s", diff)
			}
			sameDump(t, "the records after RebuildDerived", records, dumpTables(t, s))
		})
	}
}

// TestRestoreRebuildsDerived: a restore leaves derived tables as a journal
// built from the backup's records has them, even when they were damaged
// here before.
func TestRestoreRebuildsDerived(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	s := derivedStore(t, clock)
	backup := filepath.Join(t.TempDir(), "copy.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	want := dumpDerived(t, rebuildJournal(t, s, clock))
	clock.advance(time.Hour)
	if _, err := s.AddWin(ctx, Day{}, NewWin{Text: "After the backup", Client: "Ärger AG"}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO day_wins (day, wins) VALUES ('1999-01-01', 7)`,
		`INSERT INTO search_text (uuid, field, day, at, text) VALUES ('no-such-record', 'win', '2026-01-01', '', 'ghost')`,
		`UPDATE search_text SET folded = 'nothing to find'`,
	} {
		if _, err := s.db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Restore(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if diff := diffRows(want, dumpDerived(t, s)); diff != "" {
		t.Errorf("after the restore: %s", diff)
	}
}

// TestTablesAreClassified: every table of a journal is a record, derived
// or local table, exactly one of them, so a new table has to say whether a
// restore copies it, RebuildDerived rebuilds it or it stays on this
// machine.
func TestTablesAreClassified(t *testing.T) {
	s := openPortStore(t, &portClock{portNow(t)})
	kinds := map[string][]string{}
	for _, rt := range recordTables {
		kinds[rt.table] = append(kinds[rt.table], "record")
	}
	for _, table := range derivedTables {
		kinds[table] = append(kinds[table], "derived")
	}
	for _, table := range localTables {
		kinds[table] = append(kinds[table], "local")
	}
	tables := schemaTables(t, s)
	for _, table := range tables {
		if k := kinds[table]; len(k) != 1 {
			t.Errorf("table %s is listed as %v: list it in exactly one of recordTables, derivedTables and localTables (derived.go)", table, k)
		}
	}
	for table := range kinds {
		if !slices.Contains(tables, table) {
			t.Errorf("%s is listed in derived.go, but the journal has no such table", table)
		}
	}
}

// TestRestoreCopiesEveryColumn: Restore names every column of every record
// table, as the journal has them, and copies with no "*", so a column added
// to a record table without adding it to recordTables fails here instead of
// coming back empty from every restore.
func TestRestoreCopiesEveryColumn(t *testing.T) {
	s := openPortStore(t, &portClock{portNow(t)})
	for _, rt := range recordTables {
		t.Run(rt.table, func(t *testing.T) {
			var have []string
			rows, err := s.db.Query(`SELECT name FROM pragma_table_info(?) ORDER BY cid`, rt.table)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var name string
				if err := rows.Scan(&name); err != nil {
					t.Fatal(err)
				}
				have = append(have, name)
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			rows.Close()
			for _, c := range have {
				if !slices.Contains(rt.columns, c) {
					t.Errorf("column %s.%s is not copied by a restore: add it to recordTables (derived.go)", rt.table, c)
				}
			}
			for _, c := range rt.columns {
				if !slices.Contains(have, c) {
					t.Errorf("recordTables names %s.%s, which the journal does not have", rt.table, c)
				}
			}
			q := restoreSQL(rt)
			if strings.Contains(q, "*") {
				t.Errorf("the restore of %s copies with *: %s", rt.table, q)
			}
			if !strings.Contains(q, "("+strings.Join(rt.columns, ", ")+") SELECT "+strings.Join(rt.columns, ", ")+" FROM") {
				t.Errorf("the restore of %s does not name its columns: %s", rt.table, q)
			}
		})
	}
}

// schemaTables lists the journal's own tables.
func schemaTables(t testing.TB, s *Store) []string {
	t.Helper()
	rows, err := s.db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		out = append(out, name)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// sameRows reports whether two dumps hold the same rows.
func sameRows(a, b map[string][]string) bool { return diffRows(a, b) == "" }

// diffRows names the first difference between two dumps, or "".
func diffRows(want, got map[string][]string) string {
	for table, rows := range want {
		g := got[table]
		for i := 0; i < max(len(rows), len(g)); i++ {
			switch {
			case i >= len(g):
				return fmt.Sprintf("%s lacks row %s", table, rows[i])
			case i >= len(rows):
				return fmt.Sprintf("%s has an extra row %s", table, g[i])
			case rows[i] != g[i]:
				return fmt.Sprintf("%s row %d is\n %s\nwant\n %s", table, i, g[i], rows[i])
			}
		}
	}
	return ""
}
