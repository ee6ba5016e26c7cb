package data

import (
	"context"
	"fmt"
	"strings"
)

// IntegrityCheck runs SQLite's full integrity_check and returns nil when the
// journal is sound, or an error that lists what SQLite found. It is slower
// than the quick_check Open runs, so it is for tests, backups and a "check
// my journal" command rather than every start.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("data: integrity check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("data: integrity check: %w", err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("data: integrity check: %w", err)
	}
	if len(problems) > 3 {
		problems = append(problems[:3], fmt.Sprintf("and %d more", len(problems)-3))
	}
	if len(problems) > 0 {
		return fmt.Errorf("data: integrity check: %w: %s", ErrCorrupt, strings.Join(problems, "; "))
	}
	return nil
}
