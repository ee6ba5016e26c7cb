package ui

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"matchday/data"
)

// autosaveDelay is how long after the last keystroke a draft is saved.
const autosaveDelay = time.Second

// autosaveMaxWait is the longest a change waits for its save while the
// user types on without a pause (the pause would never come): kill -9 or a
// power cut loses at most the last two seconds of typing, this plus the
// time a save takes.
const autosaveMaxWait = 1500 * time.Millisecond

// afterFunc runs f once, d from now, on some goroutine, and returns a stop
// function. time.AfterFunc is the real one; tests pass a manual timer so
// they need no sleeps.
type afterFunc func(d time.Duration, f func()) (stop func() bool)

func realAfter(d time.Duration, f func()) func() bool { return time.AfterFunc(d, f).Stop }

// draftSaver saves a window's draft about a second after the last change,
// at the latest autosaveMaxWait after the first change not yet saved (so
// steady typing is saved while it goes on), and at once when asked (window
// closed, day switched, the program quitting). Everything it does runs on
// the Fyne goroutine: the timers only hand the save over with fyne.Do.
// Until a save succeeds the draft stays marked dirty, so the text stays in
// the widgets and the next change or flush tries again.
type draftSaver struct {
	delay   time.Duration
	maxWait time.Duration
	after   afterFunc
	// save writes what the widgets hold now; it is called on the Fyne goroutine.
	save func() error
	// failed is told about a failed save once per run of failures, so a
	// full disk does not put up a dialog every second.
	failed func(error)
	// saved is told after each successful save (for a "Draft saved" line).
	saved func()

	dirty   bool
	failing bool
	// The debounce timer, restarted by every change, and the max-wait
	// timer, started by the first change after a save; gen tells a timer
	// that fired after it was stopped or replaced to do nothing.
	gen     int
	stop    func() bool
	maxGen  int
	maxStop func() bool
}

func newDraftSaver(after afterFunc, save func() error) *draftSaver {
	if after == nil {
		after = realAfter
	}
	return &draftSaver{delay: autosaveDelay, maxWait: autosaveMaxWait, after: after, save: save}
}

// changed notes an edit, (re)starts the debounce timer, and starts the
// max-wait timer unless it runs.
func (d *draftSaver) changed() {
	d.dirty = true
	if d.stop != nil {
		d.stop()
	}
	d.gen++
	gen := d.gen
	d.stop = d.after(d.delay, func() {
		fyne.Do(func() {
			if gen == d.gen { // a later change restarted the timer
				_ = d.flush()
			}
		})
	})
	if d.maxStop == nil {
		d.maxGen++
		maxGen := d.maxGen
		d.maxStop = d.after(d.maxWait, func() {
			fyne.Do(func() {
				if maxGen == d.maxGen {
					_ = d.flush()
				}
			})
		})
	}
}

// pending reports whether there is an edit not yet saved.
func (d *draftSaver) pending() bool { return d.dirty }

// flush saves now if anything changed since the last successful save.
func (d *draftSaver) flush() error {
	d.stopTimer()
	if !d.dirty {
		return nil
	}
	if err := d.save(); err != nil {
		if !d.failing && d.failed != nil {
			d.failing = true
			d.failed(err)
		}
		return err
	}
	d.dirty, d.failing = false, false
	if d.saved != nil {
		d.saved()
	}
	return nil
}

// saveNow is flush for a moment when the user waits on the save (closing
// the window, switching the day): a failure is always reported, even when
// the autosave already reported it.
func (d *draftSaver) saveNow() error {
	d.failing = false
	return d.flush()
}

// discard forgets a pending edit, after the caller saved it another way
// (Celebrate, Set focus) or loaded another day.
func (d *draftSaver) discard() {
	d.stopTimer()
	d.dirty, d.failing = false, false
}

func (d *draftSaver) stopTimer() {
	if d.stop != nil {
		d.stop()
		d.stop = nil
	}
	d.gen++
	if d.maxStop != nil {
		d.maxStop()
		d.maxStop = nil
	}
	d.maxGen++
}

// draftSavedText is the status line after an autosave in the window whose
// keys start with window ("evening", "morning"): an edit of what was saved
// for good, or a draft.
func draftSavedText(window string, saved bool, at time.Time) string {
	key := window + ".status.draftSaved"
	if saved {
		key = window + ".status.editSaved"
	}
	return lang.L(key, map[string]any{"Time": at.Format("15:04")})
}

// reportSaveFailure tells the user why a save did not happen. Text errors
// are already shown inline beside the field (an empty one also in status, as
// emptyHint); anything else gets a dialog. The text stays in the widgets
// either way.
func (u *UI) reportSaveFailure(w fyne.Window, status *widget.Label, emptyHint string, err error) {
	var te *data.TextError
	if errors.As(err, &te) {
		if errors.Is(err, data.ErrEmpty) {
			status.SetText(emptyHint)
		}
		return
	}
	u.showError(w, err)
}
