package app

import (
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"matchday/data"
)

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock(t time.Time) *fakeClock { return &fakeClock{t: t} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// testNoon is a fixed "now" for tests: a Thursday afternoon in Berlin.
func testNoon(t *testing.T) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return time.Date(2026, 11, 26, 14, 0, 0, 0, loc)
}

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

// newTestUI builds a UI on Fyne's test app, a temp-dir store and a fake
// clock at testNoon.
func newTestUI(t *testing.T) (*UI, *data.Store, *fakeClock) {
	t.Helper()
	clock := newFakeClock(testNoon(t))
	s := newTestStore(t, clock)
	a := test.NewTempApp(t)
	useLook(t, a, "en", "light")
	return NewUI(a, s, clock.Now), s, clock
}

// useLook sets the language ("en" or "de") and theme ("light" or "dark") for
// a test, and puts English back afterwards. Tests that call it must not run
// in parallel: Fyne's translations are process-wide.
func useLook(t *testing.T, a fyne.App, language, variant string) {
	t.Helper()
	loadTranslations(language)
	a.Settings().SetTheme(newTheme(variant))
	t.Cleanup(func() { loadTranslations("en") })
}
