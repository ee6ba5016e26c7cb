package data

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"
)

func benchNow() time.Time { return time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC) }

// openTenYears opens a fresh ten-year demo journal (about 0.2 s to make) in
// the benchmark's temp folder, on the real disk, so fsync costs what it
// costs for users.
func openTenYears(b *testing.B) *Store {
	b.Helper()
	s, err := Open(filepath.Join(b.TempDir(), "ten-years.db"), WithClock(benchNow))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if _, err := s.Demo(context.Background(), 10, "en", 1); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkAddWin logs a win through the store: text rules, the day start
// hour, the insert and a committed, fsynced transaction.
func BenchmarkAddWin(b *testing.B) {
	s := openTenYears(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.AddWin(ctx, Day{}, NewWin{Text: "Signed the 800 EUR course"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBareInsert is the floor AddWin is measured against: one INSERT
// and COMMIT on the same pragmas, with no rules and no reads.
func BenchmarkBareInsert(b *testing.B) {
	s := openTenYears(b)
	ctx := context.Background()
	now := formatTS(benchNow())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		err := s.withTx(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO wins (uuid, day, text, created_at, updated_at) VALUES (?, '2026-11-26', 'Signed the 800 EUR course', ?, ?)`, newUUID(), now, now)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTodayView loads what the main window and `today` show.
func BenchmarkTodayView(b *testing.B) {
	s := openTenYears(b)
	ctx := context.Background()
	day := DayOf(benchNow(), DefaultDayStartHour)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.DayView(ctx, day); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpen opens the ten-year journal, header and quick_check included.
func BenchmarkOpen(b *testing.B) {
	path := openTenYears(b).Path()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := Open(path, WithClock(benchNow))
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}
