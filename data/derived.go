package data

import (
	"context"
	"database/sql"
	"fmt"
)

// RebuildDerived rebuilds the tables derived from the records — the
// per-day win counts (day_wins), the career total (win_total) and the
// search texts (search_text) — from
// the wins, evenings and mornings, in one write transaction. Triggers keep
// them up to date on every write; this is for a repair (Repair) and for a
// migration that changes how they are derived.
//
// The branch i13data adds a function of this name and signature too; the
// two are to be reconciled at merge (Repair calls rebuildDerived inside its
// own transaction).
func (s *Store) RebuildDerived(ctx context.Context) error {
	if err := s.withTx(ctx, func(tx *sql.Tx) error { return rebuildDerived(ctx, tx) }); err != nil {
		return fmt.Errorf("data: rebuild derived data: %w", err)
	}
	return nil
}

// derivedRebuild are the statements rebuildDerived runs; they derive each
// table as the triggers of migrations 1 and 2 do, row by row.
var derivedRebuild = []string{
	`DELETE FROM day_wins`,
	`INSERT INTO day_wins (day, wins) SELECT day, count(*) FROM wins WHERE deleted_at IS NULL GROUP BY day`,
	`INSERT OR REPLACE INTO win_total (id, wins) SELECT 1, count(*) FROM wins WHERE deleted_at IS NULL`,
	`DELETE FROM search_text`,
	`INSERT INTO search_text (uuid, field, day, at, text, extra)
		SELECT uuid, 'win', day, created_at, text, client || ' ' || note FROM wins WHERE deleted_at IS NULL`,
	`INSERT INTO search_text (uuid, field, day, at, text)
		SELECT uuid, 'went_well', day, created_at, went_well FROM evenings WHERE went_well <> ''`,
	`INSERT INTO search_text (uuid, field, day, at, text)
		SELECT uuid, 'repeat_how', day, created_at, repeat_how FROM evenings WHERE repeat_how <> ''`,
	`INSERT INTO search_text (uuid, field, day, at, text)
		SELECT uuid, 'focus', day, created_at, focus FROM mornings WHERE focus <> ''`,
}

// rebuildDerived rebuilds the derived tables inside tx.
func rebuildDerived(ctx context.Context, tx *sql.Tx) error {
	for _, q := range derivedRebuild {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}
