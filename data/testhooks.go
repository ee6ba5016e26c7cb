package data

import (
	"context"
	"database/sql"
	"fmt"
)

// PutRawSetting stores value under key exactly as given, without the checks
// SaveSettings makes, the way an old or hand-edited journal may hold it.
// Tests use it to show that a bad value never breaks a reader; the program
// itself writes settings only through SaveSettings.
func (s *Store) PutRawSetting(ctx context.Context, key, value string) error {
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		return putSetting(ctx, tx, key, value, formatTS(s.now()))
	})
	if err != nil {
		return fmt.Errorf("data: put raw setting %s: %w", key, err)
	}
	return nil
}
