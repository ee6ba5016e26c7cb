package data

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
)

// Every table of the journal is of one of three kinds, and a test holds the
// schema to these lists, so a new table or column has to say which it is:
//   - records: what the user wrote and chose. Backups, restores, exports,
//     imports (and later sync) carry them; Restore copies recordTables column
//     by column.
//   - derived: computed from the records and kept up to date by triggers;
//     never copied, rebuilt by RebuildDerived.
//   - local: this machine's own state. A backup file holds it as a copy of
//     the whole file, but no restore, export, import or sync carries it.
var (
	recordTables = []tableColumns{
		{"wins", []string{"uuid", "day", "text", "note", "client", "amount_cents", "created_at", "updated_at", "zone", "deleted_at"}},
		{"evenings", []string{"uuid", "day", "went_well", "repeat_how", "focus_result", "created_at", "updated_at", "celebrated_at", "made_up", "deleted_at", "merged_into"}},
		{"mornings", []string{"uuid", "day", "focus", "created_at", "updated_at", "set_at", "deleted_at", "merged_into", "plan_when"}},
		{"reviews", []string{"uuid", "week", "theme", "created_at", "updated_at", "reviewed_at", "made_up", "deleted_at"}},
		{"off_seasons", []string{"uuid", "from_day", "to_day", "note", "created_at", "updated_at", "deleted_at"}},
		{"settings", []string{"key", "value", "updated_at"}},
	}
	derivedTables = []string{"day_wins", "win_total", "search_text", "client_wins", "clients", "day_amounts"}
	// journal holds the journal file's own id; sync_records the sync's
	// bookkeeping of what this machine has logged and read (a restored
	// journal's records are marked changed by its triggers, and go out in
	// the next pass).
	localTables = []string{"local_state", "journal", "sync_records"}
)

// tableColumns names a table and every one of its columns.
type tableColumns struct {
	table   string
	columns []string
}

// RebuildDerived recomputes every derived table (day_wins, win_total,
// search_text, client_wins, clients, day_amounts) from the records, in one
// transaction: what the triggers keep up to date write by write, built
// afresh, so derived data that went wrong (a damaged index page repaired, a
// bug in an old trigger) is right again. The records are not changed.
func (s *Store) RebuildDerived(ctx context.Context) error {
	err := s.withTx(ctx, func(tx *sql.Tx) error { return rebuildDerived(ctx, tx) })
	if err != nil {
		return fmt.Errorf("data: rebuild derived data: %w", err)
	}
	return nil
}

// isDerived reports whether table is one of derivedTables.
func isDerived(table string) bool { return slices.Contains(derivedTables, table) }

// rebuildDerived is RebuildDerived inside the caller's transaction. Each
// statement fills a table the way its triggers in the schema do, so a
// rebuilt journal equals one built write by write (a test compares them).
func rebuildDerived(ctx context.Context, q queryer) error {
	for _, step := range []struct{ table, sql string }{
		{"day_wins", `DELETE FROM day_wins`},
		{"day_wins", `INSERT INTO day_wins (day, wins)
			SELECT day, count(*) FROM wins WHERE deleted_at IS NULL GROUP BY day`},
		{"win_total", `INSERT OR REPLACE INTO win_total (id, wins)
			SELECT 1, count(*) FROM wins WHERE deleted_at IS NULL`},

		// search_text.folded is filled by the search_text_fold trigger.
		{"search_text", `DELETE FROM search_text`},
		{"search_text", `INSERT INTO search_text (uuid, field, day, at, text, extra)
			SELECT uuid, 'win', day, created_at, text, client || ' ' || note FROM wins WHERE deleted_at IS NULL`},
		{"search_text", `INSERT INTO search_text (uuid, field, day, at, text)
			SELECT uuid, 'went_well', day, created_at, went_well FROM evenings WHERE went_well <> '' AND deleted_at IS NULL`},
		{"search_text", `INSERT INTO search_text (uuid, field, day, at, text)
			SELECT uuid, 'repeat_how', day, created_at, repeat_how FROM evenings WHERE repeat_how <> '' AND deleted_at IS NULL`},
		{"search_text", `INSERT INTO search_text (uuid, field, day, at, text)
			SELECT uuid, 'focus', day, created_at, focus FROM mornings WHERE focus <> '' AND deleted_at IS NULL`},

		// The clients (migration 5): client_wins is filled through its
		// insert trigger, which folds each key and sums up clients; the
		// DELETE of clients runs before and after emptying client_wins,
		// whose delete trigger would otherwise recompute every client.
		{"clients", `DELETE FROM clients`},
		{"client_wins", `DELETE FROM client_wins`},
		{"clients", `DELETE FROM clients`},
		{"client_wins", fillClientWins},
		{"day_amounts", `DELETE FROM day_amounts`},
		{"day_amounts", fillDayAmounts},

		// A derived table added later (streak caches) is rebuilt here too,
		// and listed in derivedTables.
	} {
		if _, err := q.ExecContext(ctx, step.sql); err != nil {
			return fmt.Errorf("%s: %w", step.table, err)
		}
	}
	return nil
}
