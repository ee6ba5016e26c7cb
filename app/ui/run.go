package ui

import (
	"errors"
	"io"
	"log"
	"os"
	"strings"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"matchday/app/desktop"
	"matchday/data"
)

// AppID is the app's stable reverse-DNS ID, also in FyneApp.toml.
const AppID = desktop.AppID

// Window names, as the command line and the agent say them.
const (
	WindowMain     = "main"
	WindowEvening  = "evening"
	WindowMorning  = "morning"
	WindowOverview = "overview"
	WindowSettings = "settings"
	// WindowWeek is the matchweek review.
	WindowWeek    = "week"
	WindowClients = "clients"
	// WindowCapture is the main window with the cursor in the win entry:
	// the tray's "Log a win…", or `matchday capture` on a global hotkey.
	WindowCapture = "capture"
)

// Options is what the command line hands the window process.
type Options struct {
	// Path is the journal's file.
	Path string
	// Open opens the journal at Path with opts added (the language stored
	// in it loaded); the window process calls it once.
	Open func(opts ...data.Option) (*data.Store, error)
	// Now is the program's clock.
	Now func() time.Time
	// Window is the window to open first (a Window… name).
	Window string
	// Pipe carries the agent's commands, PipeOut the answers, when the
	// agent started this process; nil otherwise (stdin may be a terminal).
	Pipe    io.Reader
	PipeOut io.Writer
	// Quiet opens the first window without taking the keyboard: the agent
	// opens it for a reminder, while the user may be typing elsewhere.
	Quiet bool
	// HasDisplay is false where no window can be shown: a journal problem
	// is then reported on stderr only.
	HasDisplay bool
	// AskAgentToSync asks the agent for a sync pass through the folder and
	// reports whether it took the request; when it did not (no agent), the
	// window process runs the pass itself. The window process calls it, off
	// the UI goroutine, once the journal has not changed for syncSettle.
	AskAgentToSync func() bool
	// TellAgent sends one line to the journal's agent ("stop-writing",
	// "reopen") and returns once it has answered; nil, or a nil error,
	// when no agent runs.
	TellAgent func(line string) error
}

// process is one run of the window process: the Fyne app, the journal it
// shows, and the problem that ends it when no restore mends it.
type process struct {
	opts  Options
	app   fyne.App
	store *data.Store
	// live is off in tests, which drive the tickers by hand.
	live bool
	// lateErr is a journal problem found after the windows came up and not
	// mended by a restore: the window process's exit status.
	lateErr error
	// problem is the journal-problem window that replaced the journal's
	// windows, if one did.
	problem *journalProblem
	// oldMainSize is the window size an earlier Matchday kept in Fyne's
	// preferences, if any.
	oldMainSize *fyne.Size
}

// Run opens the named window in this process and runs the Fyne event loop
// until the last window closes. The journal's check runs in the background
// once the first window is up; a damaged journal turns the windows into the
// journal-problem window, which offers the newest backup.
func Run(o Options) error {
	p := &process{opts: o, live: true}
	defer func() {
		if p.store != nil {
			p.store.Close()
		}
	}()
	// SQLite's check reads every page, so it grows with the years: it runs
	// after the first window has come up, and writes wait for it.
	s, err := o.Open(data.WithCheckLater())
	if err != nil {
		if o.HasDisplay {
			return p.runJournalProblem(err)
		}
		return err
	}
	p.store = s
	p.newApp()
	workArea = glfwWorkArea
	ui := p.showUI(s)
	// From here on a logout's SIGTERM saves the drafts before the end;
	// Fyne's desktop driver ends the loop on SIGINT and SIGTERM itself.
	ui.driverQuitsOn = []os.Signal{syscall.SIGINT, syscall.SIGTERM}
	p.app.Lifecycle().SetOnStopped(ui.loopStopped)
	defer ui.followSignals()()
	ui.onDamaged = func(err error) {
		p.tellAgent("stop-writing")
		p.replaceWithProblem(ui, err)
	}
	if o.Pipe != nil {
		go ui.followPipe(o.Pipe, o.PipeOut)
	}
	// The check starts once the first window is up, so it does not compete
	// with drawing it; a save before then starts it itself and waits.
	time.AfterFunc(checkDelay, s.StartCheck)
	go p.followCheck(ui)
	// The first window was sized before the driver could say how large the
	// screen is: fit it once the event loop runs.
	go fyne.Do(fitWindows)
	p.app.Run()
	return p.lateErr
}

// newApp makes the window process's Fyne app, which keeps no preferences
// (see preferences.go): an earlier Matchday's window size is taken over.
func (p *process) newApp() {
	old, ok := takeOldPreferences(fynePreferencesFile())
	if ok {
		p.oldMainSize = &old
	}
	p.app = withQuietCursor(fyneapp.NewWithID(AppID))
	if !keepFyneFromSavingPreferences(p.app) {
		log.Printf("matchday: this Fyne saves its preferences file on exit")
	}
	setWindowClass()
}

// checkDelay is how long after the first window the journal's check starts.
const checkDelay = 500 * time.Millisecond

// showUI builds the window process's UI for the journal s and shows the
// first window.
func (p *process) showUI(s *data.Store) *UI {
	ui := NewUI(p.app, s, p.opts.Now)
	ui.live = p.live
	ui.oldMainSize = p.oldMainSize
	ui.focusOnShow = glfwFocusOnShow
	// "Quit Matchday" in a window ends the agent too, once the drafts are
	// saved; the agent then ends this process's pipe.
	ui.quitAgent = func() { p.tellAgent("quit") }
	ui.requestSync = func() {
		if p.opts.AskAgentToSync == nil || !p.opts.AskAgentToSync() {
			ui.syncHere()
		}
	}
	// The stored theme from the first frame on (Open has loaded the stored
	// language).
	ui.useStoredTheme()
	ui.checkFirstRun()
	if p.opts.Quiet {
		ui.OpenQuietly(p.opts.Window)
	} else {
		ui.Open(p.opts.Window)
	}
	return ui
}

// runJournalProblem shows why the journal cannot be opened, and opens the
// first window once a restore has put a sound journal in place. It returns
// the original error (exit code 1) when the user quits without restoring.
func (p *process) runJournalProblem(openErr error) error {
	p.newApp()
	p.app.Settings().SetTheme(newTheme("system"))
	var restored *data.Store
	jp := newJournalProblem(p.app, nil, p.opts.Path, openErr, p.opts.Now, func(s *data.Store) {
		restored = s
		p.store = s
		p.showUI(s)
	})
	jp.tellAgent = p.tellAgent
	jp.win.Show()
	p.app.Run()
	if restored == nil {
		return openErr
	}
	return nil
}

// followCheck waits for the journal's background check (and the repair of
// damage it found in indexes and derived data, which writes wait for too).
// A repair is told in one sentence. When the check finds the journal
// damaged beyond repair, the agent is told to stop writing to it, and the
// journal's windows make way for the journal-problem window, which offers
// the newest backup; nothing has been written, since every write waits for
// the check.
func (p *process) followCheck(ui *UI) {
	<-ui.store.Checked()
	if err := ui.store.CheckErr(); err != nil {
		if errors.Is(err, data.ErrCorrupt) {
			p.tellAgent("stop-writing")
		}
		fyne.Do(func() { p.replaceWithProblem(ui, err) })
		return
	}
	rr, repaired := ui.store.Repaired()
	if repaired {
		log.Printf("matchday: the check found damage in %s (%s) and repaired it; the journal as found is kept as %s",
			strings.Join(rr.Before.Rebuild, ", "), strings.Join(rr.Before.Problems, "; "), rr.Aside)
	}
	fyne.Do(func() {
		if repaired {
			ui.lastRepair = &rr
			ui.showRepaired(rr)
		}
		ui.checkDone()
	})
}

// tellAgent sends line to the journal's agent, if one runs, and logs a
// failure.
func (p *process) tellAgent(line string) error {
	if p.opts.TellAgent == nil {
		return nil
	}
	err := p.opts.TellAgent(line)
	if err != nil {
		log.Printf("matchday: tell the agent %q: %v", line, err)
	}
	return err
}

// replaceWithProblem turns the journal's window into the problem window
// (closing a window this early can crash the GL driver on a pending mouse
// event) and closes any other.
func (p *process) replaceWithProblem(ui *UI, err error) *journalProblem {
	log.Printf("matchday: %v", err)
	p.lateErr = err
	ui.quit = func() {} // the problem window keeps the process going
	windows := append([]fyne.Window(nil), ui.app.Driver().AllWindows()...)
	var host fyne.Window
	for _, w := range windows {
		if w == nil {
			continue
		}
		if host == nil {
			host = w
			continue
		}
		w.Close()
	}
	ui.forgetWindows()
	ui.store.Close()
	p.store = nil
	jp := newJournalProblem(ui.app, host, ui.store.Path(), err, p.opts.Now, func(s *data.Store) {
		p.lateErr = nil
		p.store = s
		p.showUI(s)
	})
	jp.tellAgent = p.tellAgent
	p.problem = jp
	jp.win.Show()
	return jp
}
