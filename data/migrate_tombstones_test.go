package data

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// tombstoneMigration is the index of the migration that rebuilds evenings
// and mornings with tombstones (migration 3 when written; the number may
// move when migrations are merged).
func tombstoneMigration(t testing.TB) int {
	t.Helper()
	i := slices.IndexFunc(migrations, func(m string) bool { return strings.Contains(m, "CREATE TABLE evenings_rebuilt") })
	if i < 0 {
		t.Fatal("no migration rebuilds evenings")
	}
	return i
}

// journalAtVersion writes a journal at path with only the first n
// migrations applied, as an older Matchday left it.
func journalAtVersion(t testing.TB, path string, n int) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", dsn(path, readWrite))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for v := 0; v < n; v++ {
		if _, err := db.Exec(migrations[v]); err != nil {
			t.Fatalf("migration %d: %v", v+1, err)
		}
		if _, err := db.Exec(fmt.Sprintf("PRAGMA user_version = %d; PRAGMA application_id = %d", v+1, ApplicationID)); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// tableShape is what a rebuild must keep of a table: its columns (name,
// type, not null, default, key) and the names of its indexes and triggers.
type tableShape struct {
	columns  map[string]string
	indexes  []string
	triggers []string
}

func shapeOf(t testing.TB, db *sql.DB, table string) tableShape {
	t.Helper()
	sh := tableShape{columns: map[string]string{}}
	rows, err := db.Query(`SELECT name, type, "notnull", coalesce(dflt_value, 'NULL'), pk FROM pragma_table_info(?)`, table)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name, typ, dflt string
		var notNull, pk int
		if err := rows.Scan(&name, &typ, &notNull, &dflt, &pk); err != nil {
			t.Fatal(err)
		}
		sh.columns[name] = fmt.Sprintf("%s notnull=%d default=%s pk=%d", typ, notNull, dflt, pk)
	}
	rows.Close()
	rows, err = db.Query(`SELECT type, name FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger')
		AND name NOT LIKE 'sqlite_autoindex_%' ORDER BY name`, table)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var typ, name string
		if err := rows.Scan(&typ, &name); err != nil {
			t.Fatal(err)
		}
		if typ == "index" {
			sh.indexes = append(sh.indexes, name)
		} else {
			sh.triggers = append(sh.triggers, name)
		}
	}
	rows.Close()
	return sh
}

// rowsOf dumps a table's rows without the columns in skip.
func rowsOf(t testing.TB, db *sql.DB, table string, skip ...string) []string {
	t.Helper()
	rows, err := db.Query(`SELECT * FROM ` + table + ` ORDER BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for i, v := range vals {
			if slices.Contains(skip, cols[i]) {
				continue
			}
			fmt.Fprintf(&b, "%s=%v|", cols[i], v)
		}
		out = append(out, b.String())
	}
	return out
}

// TestMigrationKeepsEveningsAndMornings migrates a journal with evenings
// and mornings across the rebuild that gives them tombstones: every column,
// index, trigger and row stays, the search rows stay, and afterwards a day
// takes one live record and any number of tombstones.
func TestMigrationKeepsEveningsAndMornings(t *testing.T) {
	n := tombstoneMigration(t)
	path := filepath.Join(t.TempDir(), "old.db")
	db := journalAtVersion(t, path, n)
	_, err := db.Exec(`
		INSERT INTO evenings (uuid, day, went_well, repeat_how, focus_result, created_at, updated_at, celebrated_at, made_up) VALUES
			('e1', '2026-11-24', 'Asked for the sale', 'Ask again', 'yes', '2026-11-24T19:00:00.000000000Z', '2026-11-24T19:05:00.000000000Z', '2026-11-24T19:05:00.000000000Z', 0),
			('e2', '2026-11-25', 'Entwurf', '', NULL, '2026-11-25T19:00:00.000000000Z', '2026-11-25T19:00:00.000000000Z', NULL, 0);
		INSERT INTO mornings (uuid, day, focus, created_at, updated_at, set_at) VALUES
			('m1', '2026-11-24', 'Listen first', '2026-11-24T07:00:00.000000000Z', '2026-11-24T07:00:00.000000000Z', '2026-11-24T07:00:00.000000000Z'),
			('m2', '2026-11-25', '', '2026-11-25T07:00:00.000000000Z', '2026-11-25T07:00:00.000000000Z', NULL);`)
	if err != nil {
		t.Fatal(err)
	}
	before := map[string]tableShape{"evenings": shapeOf(t, db, "evenings"), "mornings": shapeOf(t, db, "mornings")}
	rowsBefore := map[string][]string{
		"evenings": rowsOf(t, db, "evenings"), "mornings": rowsOf(t, db, "mornings"), "search_text": rowsOf(t, db, "search_text"),
	}
	db.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for table, was := range before {
		now := shapeOf(t, s.db, table)
		for col, def := range was.columns {
			if now.columns[col] != def {
				t.Errorf("%s.%s was %q, is %q", table, col, def, now.columns[col])
			}
		}
		if now.columns["deleted_at"] == "" || now.columns["merged_into"] == "" {
			t.Errorf("%s has no deleted_at or merged_into", table)
		}
		for _, name := range append(was.indexes, was.triggers...) {
			if !slices.Contains(now.indexes, name) && !slices.Contains(now.triggers, name) {
				t.Errorf("%s lost %s", table, name)
			}
		}
	}
	for table, rows := range rowsBefore {
		got := rowsOf(t, s.db, table, "deleted_at", "merged_into", "plan_when")
		if !slices.Equal(got, rows) {
			t.Errorf("%s rows changed:\n got %q\nwant %q", table, got, rows)
		}
	}
	if n := rowCount(t, s.db, "evenings"); n != 2 {
		t.Errorf("%d evenings", n)
	}

	// One live record a day, tombstones beside it.
	ctx := context.Background()
	second := `INSERT INTO evenings (uuid, day, created_at, updated_at, deleted_at) VALUES ('e3', '2026-11-24', 'x', 'x', %s)`
	if _, err := s.db.ExecContext(ctx, fmt.Sprintf(second, "NULL")); err == nil || !strings.Contains(err.Error(), "UNIQUE") {
		t.Errorf("a second live evening for a day: %v, want a UNIQUE error", err)
	}
	if _, err := s.db.ExecContext(ctx, fmt.Sprintf(second, "'2026-11-26T10:00:00.000000000Z'")); err != nil {
		t.Errorf("a tombstone beside the live evening: %v", err)
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO mornings (uuid, day, created_at, updated_at) VALUES ('m3', '2026-11-24', 'x', 'x')`); err == nil {
		t.Error("a second live morning for a day was accepted")
	}
	if e, err := s.Evening(ctx, NewDay(2026, 11, 24)); err != nil || e.UUID != "e1" {
		t.Errorf("the day's evening: %+v, %v; want e1, not the tombstone", e, err)
	}
}

// TestTombstonesAreLeftOut puts tombstoned evenings and mornings beside
// live ones and checks that no reader but the JSON export sees them.
func TestTombstonesAreLeftOut(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	s := openPortStore(t, clock)
	today, _ := s.Today(ctx)
	yesterday := today.AddDays(-1)
	// Yesterday holds only tombstones; today a tombstone beside a live record.
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO evenings (uuid, day, went_well, focus_result, created_at, updated_at, celebrated_at, deleted_at) VALUES
			('00000000-0000-4000-8000-0000000000e1', ?1, 'Gelöschter Abend', 'yes', '2026-11-25T19:00:00.000000000Z', '2026-11-25T19:00:00.000000000Z', '2026-11-25T19:00:00.000000000Z', '2026-11-26T10:00:00.000000000Z'),
			('00000000-0000-4000-8000-0000000000e2', ?2, 'Gelöschter Abend', 'yes', '2026-11-25T19:00:00.000000000Z', '2026-11-25T19:00:00.000000000Z', '2026-11-25T19:00:00.000000000Z', '2026-11-26T10:00:00.000000000Z')`,
		yesterday.String(), today.String())
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.db.ExecContext(ctx, `
		INSERT INTO mornings (uuid, day, focus, created_at, updated_at, set_at, deleted_at) VALUES
			('00000000-0000-4000-8000-0000000000a1', ?1, 'Gelöschter Fokus', '2026-11-25T07:00:00.000000000Z', '2026-11-25T07:00:00.000000000Z', '2026-11-25T07:00:00.000000000Z', '2026-11-26T10:00:00.000000000Z'),
			('00000000-0000-4000-8000-0000000000a2', ?2, 'Gelöschter Fokus', '2026-11-25T07:00:00.000000000Z', '2026-11-25T07:00:00.000000000Z', '2026-11-25T07:00:00.000000000Z', '2026-11-26T10:00:00.000000000Z')`,
		yesterday.String(), today.String())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetMorningFocus(ctx, today, "Live focus"); err != nil {
		t.Fatalf("a live morning beside a tombstone: %v", err)
	}
	if _, err := s.SaveEveningDraft(ctx, today, EveningAnswers{WentWell: "Live draft"}); err != nil {
		t.Fatalf("a live evening beside a tombstone: %v", err)
	}

	if _, err := s.Evening(ctx, yesterday); !isNotFound(err) {
		t.Errorf("Evening(yesterday) = %v, want ErrNotFound", err)
	}
	if _, err := s.Morning(ctx, yesterday); !isNotFound(err) {
		t.Errorf("Morning(yesterday) = %v, want ErrNotFound", err)
	}
	v, err := s.DayView(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	if v.Focus() != "Live focus" || v.Evening == nil || v.Evening.WentWell != "Live draft" {
		t.Errorf("today's view shows %+v / %+v", v.Morning, v.Evening)
	}
	sums, err := s.DaySummaries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range sums {
		if d.Day == yesterday && (d.Celebrated || d.Trained) {
			t.Errorf("the overview counts a tombstone: %+v", d)
		}
	}
	if hits, _ := s.Search(ctx, "gelöscht", 0); len(hits) != 0 {
		t.Errorf("search finds tombstones: %+v", hits)
	}
	var md strings.Builder
	if err := s.ExportMarkdown(ctx, &md, EnglishMarkdownLabels()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(md.String(), "Gelöscht") {
		t.Errorf("the Markdown export shows a tombstone:\n%s", md.String())
	}
	j, err := s.Journal(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tombs := 0
	for _, e := range j.Evenings {
		if e.DeletedAt != nil {
			tombs++
		}
	}
	for _, m := range j.Mornings {
		if m.DeletedAt != nil {
			tombs++
		}
	}
	if tombs != 4 {
		t.Errorf("the JSON export holds %d tombstones of evenings and mornings, want 4", tombs)
	}
}
