package ui

import (
	"errors"
	"log"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"matchday/app/text"
	"matchday/data"
)

// ritual is what a ritual window (the evening, the morning) adds to the
// shared lifecycle of ritualWindow: how it fills itself for a day, follows
// the journal, and saves its draft.
type ritual interface {
	// load fills the window for day from the journal.
	load(day data.Day)
	// refreshDay shows the day as the journal has it now, keeping what is
	// typed and not yet saved.
	refreshDay()
	// updateState shows inline errors and enables the save button.
	updateState()
	// saveDraft writes what is typed as a draft.
	saveDraft() error
	// saved reports whether the day's ritual is done (celebrated, set), so
	// a draft save is an edit of it.
	saved() bool
	// closing runs when the window closes, after the last draft save.
	closing()
}

// ritualWindow is the lifecycle that the evening and morning windows share
// and embed: a window on one day with a day switcher, a draft that autosaves
// while the user types, a status line that says where the day stands, and
// a save that must succeed before the window switches days or closes.
type ritualWindow struct {
	ui   *UI
	win  fyne.Window
	name string // "evening" or "morning": the translation prefix
	r    ritual

	day      data.Day
	switcher *daySwitcher
	status   *widget.Label
	body     *fyne.Container

	saver *draftSaver
	// loading is true while the window fills its widgets, so what it puts
	// there is not taken for typing.
	loading bool
	// emptyHint is the status line's hint when a save finds nothing typed.
	emptyHint func() string
	// forget drops the window from the UI once it has closed.
	forget func()
}

// newRitualWindow makes the window called name ("evening", "morning") for
// r. emptyHintKey is the status line's hint when a save finds nothing
// typed; forget drops the window from the UI once it has closed.
func newRitualWindow(u *UI, name string, r ritual, emptyHintKey string, forget func()) ritualWindow {
	return ritualWindow{ui: u, win: u.app.NewWindow(lang.L(name + ".title")), name: name, r: r,
		emptyHint: func() string { return lang.L(emptyHintKey) }, forget: forget}
}

// start wires the draft saver and the close handling, once the embedding
// window is built, and lets the window follow the journal.
func (w *ritualWindow) start(size fyne.Size) {
	w.ui.watch()
	w.saver = newDraftSaver(w.ui.after, w.r.saveDraft)
	w.saver.failed = w.onSaveFailed
	w.saver.saved = w.onDraftSaved
	w.win.Resize(fitScreen(size))
	w.ui.addWindowKeys(w.win)
	w.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		// Escape closes a dialog or the Pick a day calendar when one is
		// open (and the cursor is not in its entry), else the window.
		if k.Name == fyne.KeyEscape && !w.ui.escapeOverlay(w.win) {
			w.onCloseRequested()
		}
	})
	w.win.SetCloseIntercept(w.onCloseRequested)
	w.win.SetOnClosed(w.onClosed)
}

// saveForQuit saves the draft as the program ends (see UI.saveDrafts).
func (w *ritualWindow) saveForQuit() {
	w.saver.failed = func(err error) { log.Printf("matchday: %s draft not saved on quit: %v", w.name, err) }
	_ = w.saver.saveNow()
}

// newSwitcher is the day switcher at the top of the window.
func (w *ritualWindow) newSwitcher() *daySwitcher {
	return newDaySwitcher(w.win, func() data.Day { return w.ui.today(nil) }, w.switchTo)
}

// frame lays out the window: the day switcher on top, the body scrolling
// in the middle, and at the bottom the status line and tip beside the
// save button.
func (w *ritualWindow) frame(save fyne.CanvasObject, tip *widget.Label) fyne.CanvasObject {
	bottom := container.NewVBox(
		widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, container.NewCenter(save), container.NewVBox(w.status, tip)),
	)
	return container.NewBorder(
		container.NewVBox(w.switcher.content(), widget.NewSeparator()),
		container.NewPadded(bottom), nil, nil,
		container.NewVScroll(container.NewPadded(w.body)),
	)
}

// show switches the window to day (today when zero), or refreshes it when
// it shows day already, and raises it.
func (w *ritualWindow) show(day data.Day) {
	if day.IsZero() {
		day = w.ui.today(w.win)
	}
	if day != w.day || w.day.IsZero() {
		w.switchTo(day)
	} else {
		w.r.refreshDay()
	}
	w.win.Show()
	if !w.ui.quiet {
		w.win.RequestFocus()
	}
}

// switchTo saves the current day's draft and loads day. When the save
// fails the draft stays on screen with the old day, and the switch waits.
func (w *ritualWindow) switchTo(day data.Day) {
	if err := w.saver.saveNow(); err != nil {
		w.switcher.setDay(w.day)
		return
	}
	w.r.load(day)
}

// journalChanged is the journal watcher's call: see ritual.refreshDay.
func (w *ritualWindow) journalChanged() {
	if !w.day.IsZero() {
		w.r.refreshDay()
	}
}

// fill runs f, which puts stored text in the widgets, without taking that
// for typing.
func (w *ritualWindow) fill(f func()) {
	w.loading = true
	f()
	w.loading = false
}

// onChanged runs on every keystroke (and click) in the ritual's fields.
func (w *ritualWindow) onChanged() {
	if w.loading {
		return
	}
	w.ui.typed()
	w.r.updateState()
	w.saver.changed()
}

func (w *ritualWindow) onDraftSaved() {
	w.status.SetText(draftSavedText(w.name, w.r.saved(), w.ui.now()))
}

func (w *ritualWindow) onSaveFailed(err error) {
	w.ui.reportSaveFailure(w.win, w.status, w.emptyHint(), err)
}

// saveFailed tells why the ritual's save (Celebrate, Set focus) failed: a
// text the store refused in the status line, with the inline errors shown;
// anything else in a dialog. What was typed stays either way.
func (w *ritualWindow) saveFailed(err error) {
	var te *data.TextError
	if errors.As(err, &te) {
		w.r.updateState()
		w.status.SetText(text.UserMessage(err))
		return
	}
	w.ui.showError(w.win, err)
}

// onCloseRequested saves the draft before the window closes; if that fails
// the window stays open with the text, and the user is told why.
func (w *ritualWindow) onCloseRequested() {
	if err := w.saver.saveNow(); err != nil {
		return
	}
	w.win.Close()
}

// onClosed saves whatever is still pending (a window closed by the program
// rather than the user) and forgets the window.
func (w *ritualWindow) onClosed() {
	w.saver.failed = func(err error) { log.Printf("matchday: %s draft not saved on close: %v", w.name, err) }
	_ = w.saver.flush()
	w.r.closing()
	w.forget()
	w.ui.windowClosed()
}
