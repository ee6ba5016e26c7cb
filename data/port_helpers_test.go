package data

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// portNow is the fixed "now" of the export, import, backup and search tests:
// a Thursday afternoon in Berlin.
func portNow(t testing.TB) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return time.Date(2026, 11, 26, 14, 0, 0, 0, loc)
}

// portClock is a clock a test moves by hand.
type portClock struct{ t time.Time }

func (c *portClock) now() time.Time          { return c.t }
func (c *portClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// openPortStore opens a fresh journal in a temp folder.
func openPortStore(t testing.TB, c *portClock) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "matchday.db"), WithClock(c.now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// openDemoStore opens a journal filled with years of English demo data.
func openDemoStore(t testing.TB, c *portClock, years int) *Store {
	t.Helper()
	s := openPortStore(t, c)
	if _, err := s.Demo(context.Background(), years, "en", 1); err != nil {
		t.Fatal(err)
	}
	return s
}

// dumpTables returns every row of every table, column by column as SQLite
// holds it, in primary-key order: two journals with equal dumps hold the
// same bytes in every record.
func dumpTables(t testing.TB, s *Store) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, table := range []string{"wins", "evenings", "mornings", "reviews", "off_seasons", "settings", "search_text"} {
		order := "uuid"
		switch table {
		case "settings":
			order = "key"
		case "search_text":
			order = "uuid, field"
		}
		out[table] = dumpRows(t, s, table, order)
	}
	return out
}

// dumpRows returns every row of table in order, column by column as SQLite
// holds it.
func dumpRows(t testing.TB, s *Store, table, order string) []string {
	t.Helper()
	rows, err := s.db.Query(`SELECT * FROM ` + table + ` ORDER BY ` + order)
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
			if b.Len() > 0 {
				b.WriteByte('|')
			}
			switch v := v.(type) {
			case []byte:
				fmt.Fprintf(&b, "%s=b%q", cols[i], v)
			default:
				fmt.Fprintf(&b, "%s=%T%#v", cols[i], v, v)
			}
		}
		out = append(out, b.String())
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// sameDump fails the test when two dumps differ, naming the first difference.
func sameDump(t testing.TB, what string, want, got map[string][]string) {
	t.Helper()
	for table, rows := range want {
		if len(rows) != len(got[table]) {
			t.Fatalf("%s: %s has %d rows, want %d", what, table, len(got[table]), len(rows))
		}
		for i := range rows {
			if rows[i] != got[table][i] {
				t.Fatalf("%s: %s row %d differs:\n got %s\nwant %s", what, table, i, got[table][i], rows[i])
			}
		}
	}
}

// rowCount counts a table's rows.
func rowCount(t testing.TB, db *sql.DB, table string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
