// Package agent is Matchday's resident agent (`matchday agent`): the one
// process that waits all day. It holds the tray icon, the morning and evening
// reminders, the desktop notifications, the one-instance lock and socket,
// the daily full check and job (backups) and the sync passes through a
// folder, and starts the window process when a window is wanted.
//
// It has no window and no GL context: Fyne's GL driver wakes sixty times a
// second even with every window hidden, so it lives only in the window
// process, which exits when its last window closes. This package must not
// import Fyne's app or driver packages (nor matchday/app, which imports it);
// fyne.io/fyne/v2/lang, which it uses for its words, is driver-free.
package agent

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"os"
	"os/exec"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2/lang"

	"matchday/app/desktop/locale"
	"matchday/assets"
	"matchday/data"
)

// Windows the agent can open, as the socket protocol and the window
// process name them.
var windows = map[string]bool{"main": true, "capture": true, "morning": true, "evening": true, "overview": true, "settings": true, "week": true, "clients": true}

// maxWait is the longest the agent sleeps between two checks of the clock:
// a changed reminder time or a wake from suspend (during which timers do
// not run) is noticed within it.
const maxWait = 30 * time.Second

// dailyJobKey is the store state key holding the logical day the daily job
// last succeeded on.
const dailyJobKey = "agent.daily_job.last"

// laterDelay is how long "Later" on a reminder's notification puts the
// reminder off.
const laterDelay = 30 * time.Minute

// statusNotifierWatcher is the bus name of the service that shows tray
// icons; plain GNOME has none without an AppIndicator extension.
const statusNotifierWatcher = "org.kde.StatusNotifierWatcher"

// Agent is the resident agent for one journal.
type Agent struct {
	// Store is the journal; Now the clock (MATCHDAY_NOW or the system's).
	Store *data.Store
	Now   func() time.Time
	// DB is the journal's absolute path; the lock file and socket sit beside it.
	DB string
	// WindowCommand returns the command that starts the window process with
	// window open (its stdin and stdout are set by the agent; the command
	// must have WindowPipeEnv=1 in its environment).
	WindowCommand func(window string) *exec.Cmd
	// HasDisplay reports whether a window can be shown now (the agent may
	// start before the desktop); nil means always.
	HasDisplay func() bool
	// AppID names the app's desktop entry in notifications.
	AppID string
	// DailyJob, when set, runs once a logical day on the agent's store (the
	// daily backup), after the full check of the journal found it sound or
	// repaired it; a failure is logged and tried again the next day or at
	// the next start.
	DailyJob func(ctx context.Context, s *data.Store) error
	// Reopen, when set, opens the journal again: the "reopen" command uses
	// it once a damaged journal was set aside and a backup put in its place.
	Reopen func() (*data.Store, error)
	// Notifier shows the reminders; nil sends them over the session D-Bus.
	Notifier Notifier
	// Logf logs; nil uses the log package.
	Logf func(format string, args ...any)
	// Login is set when the desktop started the agent at login (`matchday
	// agent --login`, the autostart entry): it then opens the main window,
	// unless the settings say to start hidden. Otherwise the agent opens no
	// window by itself, only for a reminder or when asked.
	Login bool

	sched    scheduler
	windows  *windowProcess
	quit     context.CancelFunc
	tray     *tray
	language string
	locale   localeEnv
	menu     []menuItem

	checks atomic.Int64 // reminder checks done, for "status"
	// storeMu guards Store against "reopen" swapping it: the loop holds
	// it for reading during a tick, the commands that use the store too.
	storeMu sync.RWMutex
	// damageLogged is set once the journal was found damaged and that was
	// logged, so it is logged once, not at every tick.
	damageLogged bool
	noTray       bool
	// notifyDown is set while notifications fail, so that is logged once.
	notifyDown bool
	dailyDone  data.Day // the day the daily job was last tried in this run
	checkedOn  data.Day // the day the journal was last checked in this run
	syncer     *syncer  // the sync passes, while Run runs

	// later holds the reminders put off with "Later", each due once more.
	// The notification's action arrives on the notifier's goroutine, the
	// loop reads it: hence the lock.
	laterMu sync.Mutex
	later   map[Reminder]putOff
}

// putOff is a reminder put off with "Later": for day, due again at at.
type putOff struct {
	day data.Day
	at  time.Time
}

// Run runs the agent until ctx ends or the user quits from the tray or the
// socket. It returns ErrRunning at once when another agent runs for the
// journal.
func (a *Agent) Run(ctx context.Context) error {
	if a.Logf == nil {
		a.Logf = log.Printf
	}
	lock, err := acquireLock(a.DB)
	if err != nil {
		return err
	}
	defer lock.release()
	ln, err := listen(a.DB)
	if err != nil {
		return err
	}
	defer os.Remove(SocketPath(a.DB))
	defer ln.Close()

	ctx, a.quit = context.WithCancel(ctx)
	defer a.quit()
	a.sched = scheduler{store: a.Store, now: a.Now}
	a.windows = &windowProcess{command: a.WindowCommand, logf: a.Logf, hasDisplay: a.HasDisplay}
	a.locale = saveLocaleEnv()
	set, err := a.Store.Settings(ctx)
	if err != nil {
		return err
	}
	a.applySettings(set)

	noTray := true
	if n, err := newDBusNotifier(a.AppID, a.onNotificationAction); err != nil {
		a.Logf("matchday agent: no session bus, so no tray: %v", err)
		a.notificationsDown(err, set)
	} else {
		defer n.Close()
		if a.Notifier == nil {
			a.Notifier = n
			if !n.hasService(notifyName) {
				// Tried at each reminder all the same: a notification
				// service that starts after the agent (at login) is used.
				a.notificationsDown(fmt.Errorf("no %s on the session bus", notifyName), set)
			}
		}
		noTray = !n.hasOwner(statusNotifierWatcher)
		// The tray registers itself whenever a watcher appears, so it
		// starts even without one.
		a.tray = startTray(a.menu, "Matchday", func(line string) {
			if _, quit := a.command(line); quit {
				a.quit()
			}
		})
	}
	if noTray {
		a.Logf("matchday agent: no tray on this desktop (no %s); reminders still come", statusNotifierWatcher)
	}
	a.windows.setNoTray(noTray)
	a.noTray = noTray
	a.atLogin(set)

	go func() {
		<-ctx.Done()
		ln.Close()
	}()
	a.syncer = newSyncer(a.Store, a.Logf)
	go a.syncer.run(ctx)
	go a.serve(ctx, ln)
	a.Logf("matchday agent: running for %s", a.DB)
	// Start-up garbage (translations, the tray icon, the migrations check)
	// and SQLite's page caches (filled by the journal's quick_check) go back
	// to the system before the long wait: the agent's footprint is what it
	// holds all day.
	a.Store.ReleaseMemory()
	debug.FreeOSMemory()
	a.loop(ctx)
	a.windows.stop(5 * time.Second)
	return nil
}

// atLogin opens the main window when the agent was started at login and
// the settings do not say to start hidden (in the tray only).
func (a *Agent) atLogin(set data.Settings) {
	if a.Login && !set.StartHidden {
		a.open("main")
	}
}

func (a *Agent) loop(ctx context.Context) {
	for {
		t := time.NewTimer(a.tick(ctx))
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}

// tick checks the reminders and the daily job once and returns how long to
// wait for the next check. Nothing is written to a damaged journal: a tick
// then does nothing until the journal is restored (see "reopen").
func (a *Agent) tick(ctx context.Context) time.Duration {
	a.storeMu.RLock()
	defer a.storeMu.RUnlock()
	a.checkFirst(ctx)
	if err := a.Store.Damaged(); err != nil {
		a.journalDamaged(err)
		a.checks.Add(1)
		return maxWait
	}
	res, err := a.sched.check(ctx)
	if err != nil {
		if errors.Is(err, data.ErrCorrupt) {
			a.journalDamaged(err)
		} else {
			a.Logf("matchday agent: reminders: %v", err)
		}
		a.checks.Add(1)
		return maxWait
	}
	a.applySettings(res.Settings)
	for _, r := range res.Fire {
		a.remind(ctx, r, res.Settings, res.Day, res.Week, true)
	}
	next := a.remindPutOff(ctx, res)
	a.runDailyJob(ctx, res.Day)
	a.checks.Add(1)
	wait := maxWait
	for _, at := range []time.Time{res.Next, next} {
		if at.IsZero() {
			continue
		}
		// A few milliseconds late, so the check after the wait is past the
		// reminder's time even when the wall clock was slewed.
		if d := at.Sub(a.Now()) + 10*time.Millisecond; d < wait {
			wait = d
		}
	}
	return max(wait, 50*time.Millisecond)
}

// checkFirst runs the full check once a logical day in each run, and so
// before the agent's first write of the run (a reminder's "last fired"):
// a journal found damaged is never written.
func (a *Agent) checkFirst(ctx context.Context) {
	set, err := a.Store.Settings(ctx)
	if err != nil {
		return // the reminders' check says why
	}
	day := data.DayOf(a.Now(), set.DayStartHour)
	if a.checkedOn == day {
		return
	}
	a.checkedOn = day
	// The check reads the whole journal through SQLite's page cache.
	defer a.Store.ReleaseMemory()
	a.dailyCheck(ctx)
}

// journalDamaged logs, once, that the journal is damaged and the agent
// leaves it alone.
func (a *Agent) journalDamaged(err error) {
	if a.damageLogged {
		return
	}
	a.damageLogged = true
	a.Logf("matchday agent: the journal is damaged (%v); the agent writes nothing to it and sends no reminders until a backup is put in its place", err)
}

// onNotificationAction follows a click on a reminder's notification: the
// notification itself or "Open" opens the reminder's window; "Later" puts
// the reminder off for laterDelay. A repeat offers no "Later", so a
// reminder is put off once.
func (a *Agent) onNotificationAction(n Notification, action string) {
	switch action {
	case actionOpen:
		a.open(string(n.Reminder))
	case actionLater:
		if n.Later == "" {
			return
		}
		at := a.Now().Add(laterDelay)
		a.laterMu.Lock()
		if a.later == nil {
			a.later = map[Reminder]putOff{}
		}
		a.later[n.Reminder] = putOff{day: n.Day, at: at}
		a.laterMu.Unlock()
		a.Logf("matchday agent: %s reminder put off until %s", n.Reminder, at.Format("15:04"))
	}
}

// remindPutOff reminds again of the reminders put off with "Later" whose
// time has come, unless the logical day has moved on, the ritual is done
// meanwhile or its reminder was turned off. It returns when the next one
// put off comes due, zero when none waits.
func (a *Agent) remindPutOff(ctx context.Context, res checkResult) time.Time {
	now := a.Now()
	var due []Reminder
	var next time.Time
	a.laterMu.Lock()
	for r, p := range a.later {
		if now.Before(p.at) {
			if next.IsZero() || p.at.Before(next) {
				next = p.at
			}
			continue
		}
		delete(a.later, r)
		if p.day == res.Day {
			due = append(due, r)
		}
	}
	a.laterMu.Unlock()
	slices.Sort(due) // "evening" before "morning": a stable order for the log
	for _, r := range due {
		if on, _ := reminderSetting(res.Settings, r); !on {
			continue
		}
		done, err := a.sched.ritualDone(ctx, r, res.Day)
		if err != nil {
			a.Logf("matchday agent: reminders: %v", err)
			continue
		}
		if !done {
			a.remind(ctx, r, res.Settings, res.Day, res.Week, false)
		}
	}
	return next
}

// remind sends reminder r's notification, with "Later" when offerLater, and,
// when the user wants that, opens its window. day is the logical day it is;
// week the Monday of the week a Week reminder is about.
func (a *Agent) remind(ctx context.Context, r Reminder, set data.Settings, day, week data.Day, offerLater bool) {
	title, body := lang.L("agent.morning.title"), lang.L("agent.morning.body")
	if r == Week {
		title, body = lang.L("agent.week.title"), lang.L("agent.week.bodyNone")
		// The week's count, up to its Sunday.
		counts, err := a.Store.WinCounts(ctx, week.AddDays(6))
		if err != nil {
			a.Logf("matchday agent: count the week's wins: %v", err)
		} else if counts.Week > 0 {
			body = lang.L("agent.week.body", map[string]any{"Count": counts.Week})
		}
	}
	if r == Evening {
		title = lang.L("agent.evening.title")
		counts, err := a.Store.WinCounts(ctx, day)
		switch {
		case err != nil:
			a.Logf("matchday agent: count today's wins: %v", err)
			body = lang.L("agent.evening.bodyNone")
		case counts.Today == 0:
			body = lang.L("agent.evening.bodyNone")
		default:
			body = lang.L("agent.evening.body", map[string]any{"Count": counts.Today})
		}
	}
	a.Logf("matchday agent: %s reminder for %s", r, day)
	note := Notification{Reminder: r, Day: day, Title: title, Body: body, Open: lang.L("agent.action.open")}
	if offerLater {
		note.Later = lang.L("agent.action.later")
	}
	if a.Notifier == nil {
		a.notificationsDown(errors.New("no session bus"), set)
	} else if err := a.Notifier.Notify(ctx, note); err != nil {
		a.notificationsDown(err, set)
	} else {
		a.notifyDown = false
	}
	if set.OpenWithReminder {
		// Without the keyboard: the user may be typing elsewhere.
		if err := a.windows.show(string(r)); err != nil && !errors.Is(err, ErrNoDisplay) {
			a.Logf("matchday agent: open %s: %v", r, err)
		}
	}
}

// notificationsDown logs, in one line, that reminders cannot be shown as
// notifications and what the agent does instead: once, not at every
// reminder, until a notification gets through again.
func (a *Agent) notificationsDown(err error, set data.Settings) {
	if a.notifyDown {
		return
	}
	a.notifyDown = true
	if set.OpenWithReminder {
		a.Logf("matchday agent: cannot show notifications (%v); reminders open their window instead", err)
		return
	}
	a.Logf("matchday agent: cannot show notifications (%v), and the settings say not to open a window with a reminder, so reminders go unseen", err)
}

// runDailyJob runs the daily job once a logical day (tick has checked the
// journal first).
func (a *Agent) runDailyJob(ctx context.Context, day data.Day) {
	if a.DailyJob == nil || a.dailyDone == day {
		return
	}
	a.dailyDone = day // one try a day per run, success or not
	if last, err := a.Store.State(ctx, dailyJobKey); err == nil && last == day.String() {
		return
	}
	// The backup reads the whole journal through SQLite's page cache.
	defer a.Store.ReleaseMemory()
	if err := a.DailyJob(ctx, a.Store); err != nil {
		a.Logf("matchday agent: daily job: %v", err)
		return
	}
	if err := a.Store.SetState(ctx, dailyJobKey, day.String()); err != nil {
		a.Logf("matchday agent: daily job: %v", err)
	}
}

// dailyCheck runs the full check of the journal and repairs damage confined
// to indexes and derived tables (a copy of the journal as found is set
// aside first). It reports whether the journal is sound now; after damage
// in the records the store takes no more writes (data.Store.Check).
func (a *Agent) dailyCheck(ctx context.Context) bool {
	res, err := a.Store.Check(ctx)
	switch {
	case err != nil:
		a.Logf("matchday agent: daily check: %v", err)
		return false
	case res.OK():
		return true
	case !res.Repairable():
		a.journalDamaged(res.Err())
		return false
	}
	rr, err := a.Store.Repair(ctx)
	if err != nil {
		a.Logf("matchday agent: the daily check found damage in %s; the repair failed: %v", strings.Join(res.Rebuild, ", "), err)
		if errors.Is(err, data.ErrCorrupt) {
			a.journalDamaged(err)
		}
		return false
	}
	a.Logf("matchday agent: the daily check found damage in %s only, and repaired it; the journal as found is kept as %s", strings.Join(res.Rebuild, ", "), rr.Aside)
	return true
}

// applySettings follows a change of language or reminder times in the tray.
func (a *Agent) applySettings(set data.Settings) {
	if set.Language != a.language {
		a.locale.use(set.Language)
		a.language = set.Language
	}
	menu := trayMenu(set, lang.L)
	a.menu = menu
	if a.tray != nil {
		a.tray.update(menu)
	}
}

// open opens a window, logging a failure.
func (a *Agent) open(window string) {
	if err := a.windows.open(window); err != nil && !errors.Is(err, ErrNoDisplay) {
		a.Logf("matchday agent: open %s: %v", window, err)
	}
}

// command runs one line of the socket protocol (also a tray click) and
// returns the reply line, and whether the agent is to quit (once the reply
// is sent).
func (a *Agent) command(line string) (reply string, quit bool) {
	return a.run(line), strings.TrimSpace(line) == "quit"
}

func (a *Agent) run(line string) string {
	verb, arg, _ := strings.Cut(strings.TrimSpace(line), " ")
	switch verb {
	case "ping":
		return fmt.Sprintf("ok %d", os.Getpid())
	case "status":
		return fmt.Sprintf("ok pid=%d checks=%d tray=%t window=%t", os.Getpid(), a.checks.Load(), !a.noTray, a.windows.running())
	case "open":
		if !windows[arg] {
			return fmt.Sprintf("error no window %q", arg)
		}
		if err := a.windows.open(arg); err != nil {
			if !errors.Is(err, ErrNoDisplay) { // said once already
				a.Logf("matchday agent: open %s: %v", arg, err)
			}
			return "error " + strings.ReplaceAll(err.Error(), "\n", " ")
		}
		return "ok"
	case "sync":
		// A pass soon, off this goroutine: the window process asks after
		// a save, Settings after a change of folder.
		if a.syncer == nil {
			return "error not running"
		}
		a.syncer.request()
		return "ok"
	case "stop-writing":
		// The window process found the journal damaged and is about to set
		// it aside: no more writes, no checkpoint; the reply comes once no
		// save of the agent is under way.
		a.storeMu.RLock()
		a.Store.MarkDamaged(nil)
		a.storeMu.RUnlock()
		a.Logf("matchday agent: told the journal is damaged; writing nothing more to it")
		return "ok"
	case "reopen":
		if err := a.reopen(); err != nil {
			a.Logf("matchday agent: reopen the journal: %v", err)
			return "error " + strings.ReplaceAll(err.Error(), "\n", " ")
		}
		return "ok"
	case "quit":
		return "ok"
	}
	return fmt.Sprintf("error unknown command %q", verb)
}

// reopen opens the journal again (after a backup was put in place of a
// damaged one) and closes the old store, which does not checkpoint a
// journal known damaged.
func (a *Agent) reopen() error {
	if a.Reopen == nil {
		return errors.New("this agent cannot reopen the journal")
	}
	s, err := a.Reopen()
	if err != nil {
		return err
	}
	a.storeMu.Lock()
	old := a.Store
	a.Store, a.sched.store = s, s
	a.damageLogged = false
	a.dailyDone, a.checkedOn = data.Day{}, data.Day{}
	a.storeMu.Unlock()
	a.Logf("matchday agent: reopened %s", a.DB)
	return old.Close()
}

func (a *Agent) serve(ctx context.Context, ln net.Listener) {
	for {
		conn, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, net.ErrClosed) {
				return
			}
			a.Logf("matchday agent: accept: %v", err)
			continue
		}
		go func() {
			defer conn.Close()
			conn.SetReadDeadline(time.Now().Add(5 * time.Second))
			line, err := bufio.NewReader(conn).ReadString('\n')
			if err != nil {
				return
			}
			conn.SetReadDeadline(time.Time{})
			reply, quit := a.command(line)
			fmt.Fprintln(conn, reply)
			if quit {
				a.quit()
			}
		}()
	}
}

// localeEnv is the locale environment the agent started with, so that going
// back to the "system" language after "de" or "en" restores it.
type localeEnv map[string]*string

var localeVars = []string{"LC_ALL", "LC_MESSAGES", "LANGUAGE"}

func saveLocaleEnv() localeEnv {
	e := localeEnv{}
	for _, k := range localeVars {
		if v, ok := os.LookupEnv(k); ok {
			e[k] = &v
		} else {
			e[k] = nil
		}
	}
	return e
}

// use loads the translations for choice ("system", "de" or "en").
func (e localeEnv) use(choice string) {
	if choice == "de" || choice == "en" {
		locale.Use(choice)
	} else {
		for k, v := range e {
			if v == nil {
				os.Unsetenv(k)
			} else {
				os.Setenv(k, *v)
			}
		}
	}
	// Embedded and checked by a test of the app package, so this cannot fail.
	_ = lang.AddTranslationsFS(assets.Translations, "translations")
}
