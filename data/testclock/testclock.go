// Package testclock is the one fake clock of Matchday's tests: a clock
// the test moves by hand, and the fixed moments tests start from.
package testclock

import (
	"sync"
	"testing"
	"time"
)

// Clock is a clock tests move by hand; safe for concurrent use.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// New returns a clock standing at t.
func New(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Berlin is the Europe/Berlin zone, where most tests live.
func Berlin(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// Noon is a fixed "now" for tests: Thursday 2026-11-26, 14:00 in Berlin.
func Noon(t testing.TB) time.Time {
	t.Helper()
	return time.Date(2026, 11, 26, 14, 0, 0, 0, Berlin(t))
}
