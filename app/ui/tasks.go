package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// Long work on the whole journal — import, restore, backup, export, the
// check — reads or writes every page, seconds on a large journal. It runs
// off the UI goroutine, so the windows stay drawn and answer; a dialog over
// the window it was started from says what runs, and the data actions of
// every window are disabled until it is done. Its result comes back to the
// UI goroutine through fyne.Do.

// tasks is the UI's one long task at a time.
type tasks struct {
	// running names the task under way ("" for none); UI goroutine only.
	running string
	// wg counts the tasks under way, for tests to wait for.
	wg sync.WaitGroup
}

// dataBusy is a window with data actions to disable while a task runs.
type dataBusy interface {
	setDataBusy(busy bool)
}

// runTask runs work off the UI goroutine, with a dialog over w that names
// it (label) and how long it has run, and the data actions disabled, then
// gives its error to done on the UI goroutine. It refuses (false, with a
// note) while another task runs.
//
// The dialog changes once a second, not every frame: an endless progress
// animation repaints the window sixty times a second, and on a software
// renderer each frame took the UI goroutine away for long stretches while
// the task took the other core (a 10-year import: gaps of 300–900 ms
// between two fyne.Do, against a few ms with a line that ticks).
func (u *UI) runTask(w fyne.Window, label string, work func() error, done func(error)) bool {
	if u.tasks.running != "" {
		dialog.ShowInformation(lang.L("task.busy.title"), lang.L("task.busy", map[string]any{"Task": u.tasks.running}), w)
		return false
	}
	u.tasks.running = label
	u.setDataBusy(true)
	elapsed := widget.NewLabel(lang.L("task.elapsed", map[string]any{"Seconds": 0}))
	elapsed.Importance = widget.LowImportance
	progress := dialog.NewCustomWithoutButtons(lang.L("task.title"), container.NewVBox(widget.NewLabel(label), elapsed), w)
	progress.Show()
	finished := make(chan struct{})
	u.tasks.wg.Add(1)
	// The count runs with the event loop only: the test driver would run
	// its fyne.Do on the ticker's goroutine, beside the test.
	go func() {
		if !u.live {
			return
		}
		start := time.Now()
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-finished:
				return
			case now := <-t.C:
				secs := int(now.Sub(start).Seconds())
				fyne.Do(func() { elapsed.SetText(lang.L("task.elapsed", map[string]any{"Seconds": secs})) })
			}
		}
	}()
	go func() {
		defer u.tasks.wg.Done()
		err := work()
		close(finished)
		fyne.Do(func() {
			progress.Hide()
			u.tasks.running = ""
			u.setDataBusy(false)
			done(err)
		})
	}()
	return true
}

// waitTasks waits until no task runs (tests).
func (u *UI) waitTasks() { u.tasks.wg.Wait() }

// setDataBusy disables or enables the data actions of every open window.
func (u *UI) setDataBusy(busy bool) {
	for _, w := range u.openWindows() {
		if d, ok := w.(dataBusy); ok {
			d.setDataBusy(busy)
		}
	}
}

// inBackground runs work off the UI goroutine and hands its result to show
// on it. Tests (no running event loop) run both at once, in order.
func inBackground[T any](u *UI, work func() (T, error), show func(T, error)) {
	if !u.live {
		show(work())
		return
	}
	go func() {
		v, err := work()
		fyne.Do(func() { show(v, err) })
	}()
}
