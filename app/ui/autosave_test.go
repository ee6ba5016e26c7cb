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
}

type manualTask struct {
	d       time.Duration
	f       func()
	stopped bool
}

func (m *manualTimer) after(d time.Duration, f func()) func() bool {
	t := &manualTask{d: d, f: f}
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

// newRitualUI is newTestUI with the autosave timer under the test's control.
func newRitualUI(t *testing.T) (*UI, *manualTimer) {
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
	if got := timer.waiting(); got != 1 {
		t.Fatalf("timers waiting after three keystrokes = %d, want 1", got)
	}
	if timer.tasks[len(timer.tasks)-1].d != autosaveDelay {
		t.Errorf("delay = %v, want %v", timer.tasks[0].d, autosaveDelay)
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
