package ui

import (
	"errors"
	"testing"
	"time"
)

// manualTimer stands in for time.AfterFunc: nothing fires until the test
// calls fire, so autosave tests need no sleeps.
type manualTimer struct {
	tasks []*manualTask
	now   time.Duration // how much time advance has let pass
}

type manualTask struct {
	d       time.Duration
	at      time.Duration // when it is due, on the timer's own clock
	f       func()
	stopped bool
}

func (m *manualTimer) after(d time.Duration, f func()) func() bool {
	t := &manualTask{d: d, at: m.now + d, f: f}
	m.tasks = append(m.tasks, t)
	return func() bool {
		was := !t.stopped
		t.stopped = true
		return was
	}
}

// waiting returns how many timers are set and not stopped.
func (m *manualTimer) waiting() int {
	n := 0
	for _, t := range m.tasks {
		if !t.stopped {
			n++
		}
	}
	return n
}

// fire runs every timer still set, as if their time had come.
func (m *manualTimer) fire() {
	tasks := m.tasks
	m.tasks = nil
	for _, t := range tasks {
		if !t.stopped {
			t.stopped = true
			t.f()
		}
	}
}

// advance lets d pass: every timer due by then runs, in the order they are
// due.
func (m *manualTimer) advance(d time.Duration) {
	m.now += d
	for {
		var next *manualTask
		for _, t := range m.tasks {
			if !t.stopped && t.at <= m.now && (next == nil || t.at < next.at) {
				next = t
			}
		}
		if next == nil {
			return
		}
		next.stopped = true
		next.f()
	}
}

// newRitualUI is newTestUI with the autosave timer under the test's control.
func newRitualUI(t testing.TB) (*UI, *manualTimer) {
	t.Helper()
	u, _, _ := newTestUI(t)
	timer := &manualTimer{}
	u.after = timer.after
	return u, timer
}

func TestDraftSaverDebounces(t *testing.T) {
	timer := &manualTimer{}
	saves := 0
	d := newDraftSaver(timer.after, func() error { saves++; return nil })
	d.changed()
	d.changed()
	d.changed()
	if got := timer.waiting(); got != 2 {
		t.Fatalf("timers waiting after three keystrokes = %d, want 2 (the pause and the max wait)", got)
	}
	if timer.tasks[len(timer.tasks)-1].d != autosaveDelay {
		t.Errorf("delay = %v, want %v", timer.tasks[len(timer.tasks)-1].d, autosaveDelay)
	}
	timer.fire()
	if saves != 1 {
		t.Fatalf("saves = %d, want 1", saves)
	}
	if d.pending() {
		t.Error("pending after a successful save")
	}
	if err := d.flush(); err != nil || saves != 1 {
		t.Errorf("flush with nothing new: err %v, saves %d; want nil, 1", err, saves)
	}
}

func TestDraftSaverKeepsDraftUntilSaved(t *testing.T) {
	timer := &manualTimer{}
	failing := errors.New("disk full")
	var saveErr error = failing
	saves, reports := 0, 0
	d := newDraftSaver(timer.after, func() error { saves++; return saveErr })
	d.failed = func(err error) {
		reports++
		if !errors.Is(err, failing) {
			t.Errorf("failed(%v), want the save's error", err)
		}
	}
	d.changed()
	timer.fire()
	d.changed()
	timer.fire()
	if saves != 2 || reports != 1 {
		t.Fatalf("saves %d, reports %d; want 2 saves and one report per run of failures", saves, reports)
	}
	if !d.pending() {
		t.Fatal("draft not pending after failed saves")
	}
	if err := d.saveNow(); !errors.Is(err, failing) || reports != 2 {
		t.Fatalf("saveNow = %v with %d reports; want the error, reported again", err, reports)
	}
	saveErr = nil
	if err := d.flush(); err != nil || d.pending() {
		t.Fatalf("flush after the disk recovered: err %v, pending %v", err, d.pending())
	}
	d.discard()
	if d.pending() || timer.waiting() != 0 {
		t.Error("discard left a pending draft or a timer")
	}
}

// TestDraftSaverSavesWhileTyping is issue 14's "logout loses the evening":
// a key every 120 ms for 6 s never pauses long enough for the debounce,
// and yet the draft is saved while the typing goes on, so no keystroke
// waits longer than autosaveMaxWait for its save.
func TestDraftSaverSavesWhileTyping(t *testing.T) {
	timer := &manualTimer{}
	var saves []time.Duration
	d := newDraftSaver(timer.after, func() error { saves = append(saves, timer.now); return nil })
	const key = 120 * time.Millisecond
	var oldestUnsaved time.Duration = -1
	for i := 0; i < 50; i++ {
		d.changed()
		if oldestUnsaved < 0 {
			oldestUnsaved = timer.now
		}
		before := len(saves)
		timer.advance(key)
		if len(saves) > before {
			oldestUnsaved = -1
		}
		if oldestUnsaved >= 0 && timer.now-oldestUnsaved > autosaveMaxWait {
			t.Fatalf("at %v a keystroke from %v is still unsaved", timer.now, oldestUnsaved)
		}
	}
	if len(saves) < 3 {
		t.Errorf("%d saves in 6 s of typing (at %v), want one at least every %v", len(saves), saves, autosaveMaxWait)
	}
	timer.advance(autosaveDelay)
	if d.pending() {
		t.Error("the draft is not saved a pause after the typing stopped")
	}
	if autosaveMaxWait+200*time.Millisecond > 2*time.Second {
		t.Errorf("autosaveMaxWait %v leaves no time for the save within 2 s", autosaveMaxWait)
	}
}
