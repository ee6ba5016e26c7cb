package cli

import (
	"path/filepath"
	"testing"
	"time"

	"matchday/data"
	"matchday/data/testclock"
)

// fakeClock is the tests' one clock (data/testclock), moved by hand.
type fakeClock = testclock.Clock

func newFakeClock(t time.Time) *fakeClock { return testclock.New(t) }

// testNoon is a fixed "now" for tests: a Thursday afternoon in Berlin.
func testNoon(t *testing.T) time.Time { return testclock.Noon(t) }

// newTestStore opens a journal in a temp folder with the given clock.
func newTestStore(t *testing.T, clock *fakeClock) *data.Store {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "matchday.db"), data.WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
