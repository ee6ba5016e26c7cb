package data

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// The client benchmarks share one journal of 1,000 clients and 100,000
// wins (issue 16's goals), made once per test binary and copied for each.
var (
	clients100kOnce sync.Once
	clients100kPath string
	clients100kErr  error
)

const (
	benchClients = 1000
	benchWins    = 100_000
)

// benchClientName is the name of client i; every third has an umlaut, so
// the fold runs as it does for real names.
func benchClientName(i int) string {
	if i%3 == 0 {
		return fmt.Sprintf("Kundin %d Müller", i)
	}
	return fmt.Sprintf("Client %d Walsh", i)
}

func clients100k(b *testing.B) *Store {
	b.Helper()
	clients100kOnce.Do(func() {
		dir, err := os.MkdirTemp("", "matchday-bench-")
		if err != nil {
			clients100kErr = err
			return
		}
		clients100kPath = filepath.Join(dir, "clients100k.db")
		clients100kErr = makeClients100k(clients100kPath, portNow(b))
	})
	if clients100kErr != nil {
		b.Fatal(clients100kErr)
	}
	// A copy per benchmark, so one that writes leaves the others theirs (a
	// restore would refuse it: it is another journal's file).
	path := filepath.Join(b.TempDir(), "clients100k.db")
	if err := copyFile(clients100kPath, path); err != nil {
		b.Fatal(err)
	}
	clock := &portClock{portNow(b)}
	s, err := Open(path, WithClock(clock.now))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// makeClients100k imports 100,000 wins over ten years, 100 per client,
// half of them with an amount that climbs: through the triggers, as an
// import or a first sync fills a journal.
func makeClients100k(path string, now time.Time) error {
	s, err := Open(path, WithClock(func() time.Time { return now }))
	if err != nil {
		return err
	}
	defer s.Close()
	start := DayOf(now, DefaultDayStartHour).AddDays(-3650)
	j := Journal{Format: JSONFormat, Version: JSONVersion, Wins: make([]Win, benchWins)}
	for i := range j.Wins {
		n := i / benchClients // the client's nth win
		day := start.AddDays(i * 3650 / benchWins)
		at := day.Date(time.UTC).Add(9*time.Hour + time.Duration(i%600)*time.Second)
		j.Wins[i] = Win{UUID: newUUID(), Day: day, Text: fmt.Sprint("Win ", i), Client: benchClientName(i % benchClients),
			CreatedAt: at, UpdatedAt: at, Zone: "Europe/Berlin"}
		if i%2 == 0 {
			j.Wins[i].Amount = cp(Cents(6000 + n*1000))
		}
	}
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(j); err != nil {
		return err
	}
	_, err = s.Import(context.Background(), &buf)
	return err
}

// BenchmarkClients reads the Clients window's data (goal: under 50 ms).
func BenchmarkClients(b *testing.B) {
	s := clients100k(b)
	ctx := context.Background()
	for b.Loop() {
		cs, err := s.Clients(ctx)
		if err != nil || len(cs) != benchClients {
			b.Fatal(len(cs), err)
		}
		SortClients(cs, ByClimb)
	}
}

// BenchmarkLadder reads one client's ladder of 100 wins (goal: under 5 ms).
func BenchmarkLadder(b *testing.B) {
	s := clients100k(b)
	ctx := context.Background()
	name := benchClientName(600)
	for b.Loop() {
		l, err := s.Ladder(ctx, name)
		if err != nil || len(l.Steps) != benchWins/benchClients {
			b.Fatal(len(l.Steps), err)
		}
	}
}

// BenchmarkSuggestClients is one keystroke in the capture's client field
// (goal: under 5 ms): prefixes that match many, a few and no clients.
func BenchmarkSuggestClients(b *testing.B) {
	s := clients100k(b)
	ctx := context.Background()
	prefixes := []string{"k", "kundin 6", "mül", "walsh", "client 99", "zz"}
	for i := 0; b.Loop(); i++ {
		if _, err := s.SuggestClients(ctx, prefixes[i%len(prefixes)], DefaultSuggestions); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBookings is the evening's returning clients of a day.
func BenchmarkBookings(b *testing.B) {
	s := clients100k(b)
	ctx := context.Background()
	day := DayOf(portNow(b), DefaultDayStartHour).AddDays(-10)
	for b.Loop() {
		bk, err := s.Bookings(ctx, day)
		if err != nil || len(bk) == 0 {
			b.Fatal(len(bk), err)
		}
	}
}

// BenchmarkSeasonClients is the overview's season summary of clients.
func BenchmarkSeasonClients(b *testing.B) {
	s := clients100k(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.SeasonClients(ctx, portNow(b).Year()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAddWinWithClient is BenchmarkAddWin with a client and an
// amount: the same journal, plus the triggers on the client tables.
func BenchmarkAddWinWithClient(b *testing.B) {
	s := openTenYears(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.AddWin(ctx, Day{}, NewWin{Text: "Signed the 800 EUR course", Client: "Anna Müller", Amount: cp(80000)}); err != nil {
			b.Fatal(err)
		}
	}
}
