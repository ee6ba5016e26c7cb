package ui

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"matchday/app/desktop"
	"matchday/app/text"
	"matchday/data"
	"matchday/data/testclock"
)

// fakeClock is the tests' one clock (data/testclock), moved by hand.
type fakeClock = testclock.Clock

func newFakeClock(t time.Time) *fakeClock { return testclock.New(t) }

// testNoon is a fixed "now" for tests: a Thursday afternoon in Berlin.
func testNoon(t testing.TB) time.Time { return testclock.Noon(t) }

// newTestStore opens a journal in a temp folder with the given clock.
func newTestStore(t testing.TB, clock *fakeClock) *data.Store {
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
func newTestUI(t testing.TB) (*UI, *data.Store, *fakeClock) {
	t.Helper()
	clock := newFakeClock(testNoon(t))
	s := newTestStore(t, clock)
	a := test.NewTempApp(t)
	useLook(t, a, "en", "light")
	u := NewUI(a, s, clock.Now)
	// Autosaves wait for the test to fire them: the test driver runs a
	// real timer's fyne.Do on the timer's goroutine, beside the test's
	// typing. Tests of the autosave set their own manualTimer.
	u.after = (&manualTimer{}).after
	// No test touches the real ~/.config/autostart, nor finds a Matchday
	// installed on the machine.
	home := t.TempDir()
	u.autostart = desktop.Autostart{
		Dir: filepath.Join(home, "config", "autostart"),
		Exe: "/opt/Match Day/matchday",
		Getenv: func(k string) string {
			return map[string]string{"HOME": home, "XDG_DATA_DIRS": filepath.Join(home, "share")}[k]
		},
	}
	return u, s, clock
}

// useLook sets the language ("en" or "de") and theme ("light" or "dark") for
// a test, and puts English back afterwards. Tests that call it must not run
// in parallel: Fyne's translations are process-wide.
func useLook(t testing.TB, a fyne.App, language, variant string) {
	t.Helper()
	text.Load(language)
	a.Settings().SetTheme(newTheme(variant))
	t.Cleanup(func() { text.Load("en") })
}

// stored reads a day's record (an evening, a morning) with get, failing the
// test when it cannot.
func stored[T any](t *testing.T, get func(context.Context, data.Day) (T, error), day data.Day) T {
	t.Helper()
	v, err := get(context.Background(), day)
	if err != nil {
		t.Fatalf("%s: %v", day, err)
	}
	return v
}
