package agent

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"matchday/data"
)

// TestMain doubles as a fake window process when the test binary is started
// with MATCHDAY_FAKE_WINDOW set: it logs its arguments and each command to
// that file and answers "ok", except to "open crash", where it exits
// without answering. The end-to-end tests with the real binary are in
// app/e2e.
func TestMain(m *testing.M) {
	if logPath := os.Getenv("MATCHDAY_FAKE_WINDOW"); logPath != "" {
		os.Exit(fakeWindowProcess(logPath))
	}
	os.Exit(m.Run())
}

func fakeWindowProcess(logPath string) int {
	f, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return 3
	}
	defer f.Close()
	fmt.Fprintf(f, "start %s\n", strings.Join(os.Args[1:], " "))
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		fmt.Fprintln(f, sc.Text())
		if sc.Text() == "open crash" {
			return 0
		}
		fmt.Println("ok")
	}
	fmt.Fprintln(f, "eof")
	return 0
}

// fakeWindows returns a windowProcess that starts fake window processes
// logging to the returned file.
func fakeWindows(t *testing.T) (*windowProcess, string) {
	t.Helper()
	logPath := filepath.Join(t.TempDir(), "window.log")
	w := &windowProcess{
		command: func(window string) *exec.Cmd {
			cmd := exec.Command(os.Args[0], window)
			cmd.Env = append(os.Environ(), "MATCHDAY_FAKE_WINDOW="+logPath)
			return cmd
		},
		logf: t.Logf,
	}
	t.Cleanup(func() { w.stop(5 * time.Second) })
	return w, logPath
}

func readLog(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(b)), "\n")
}

func wantLines(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("window process saw\n  %q\nwant\n  %q", got, want)
	}
}

func TestWindowProcessOneChildTakesTheCommands(t *testing.T) {
	w, logPath := fakeWindows(t)
	w.setNoTray(true)
	for _, name := range []string{"evening", "evening", "main"} {
		if err := w.open(name); err != nil {
			t.Fatal(err)
		}
	}
	if !w.running() {
		t.Fatal("no window process running")
	}
	w.stop(5 * time.Second)
	if w.running() {
		t.Fatal("window process still running after stop")
	}
	// One start; the first window on the command line, the tray note and
	// the later opens through the pipe; the end of the pipe ends it.
	wantLines(t, readLog(t, logPath), "start evening", "notray", "open evening", "open main", "eof")
}

func TestWindowProcessRestartsWhenItExited(t *testing.T) {
	w, logPath := fakeWindows(t)
	if err := w.open("main"); err != nil {
		t.Fatal(err)
	}
	// The window process exits while taking this one (its last window was
	// just closed): a new one is started for it.
	if err := w.open("crash"); err != nil {
		t.Fatal(err)
	}
	if err := w.open("overview"); err != nil {
		t.Fatal(err)
	}
	w.stop(5 * time.Second)
	wantLines(t, readLog(t, logPath), "start main", "open crash", "start crash", "open overview", "eof")
}

// fakeNotifier records notifications.
type fakeNotifier struct {
	mu    sync.Mutex
	shown []string
	err   error
}

func (n *fakeNotifier) Notify(ctx context.Context, note Notification) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.shown = append(n.shown, string(note.Reminder)+": "+note.Title+" / "+note.Body)
	return n.err
}

// newTestAgent returns an agent on a temp-dir journal with a fake clock,
// fake notifier and fake window processes, ready for tick.
func newTestAgent(t *testing.T, start time.Time) (*Agent, *fakeClock, *fakeNotifier, string) {
	t.Helper()
	sch, clock := newTestScheduler(t, start)
	w, logPath := fakeWindows(t)
	n := &fakeNotifier{}
	a := &Agent{Store: sch.store, Now: clock.Now, Notifier: n, Logf: t.Logf, sched: *sch, windows: w, locale: saveLocaleEnv()}
	t.Cleanup(func() { a.locale.use("system") })
	return a, clock, n, logPath
}

func TestAgentRemindsAndOpensTheWindow(t *testing.T) {
	ctx := context.Background()
	loc := berlin(t)
	a, clock, n, logPath := newTestAgent(t, time.Date(2026, 11, 30, 7, 29, 58, 0, loc))
	set := data.DefaultSettings()
	set.Language = "en"
	if err := a.Store.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}

	if wait := a.tick(ctx); wait < time.Second || wait > 3*time.Second {
		t.Errorf("wait before 07:30 = %s, want about 2 s", wait)
	}
	clock.Set(time.Date(2026, 11, 30, 7, 30, 0, 0, loc))
	if wait := a.tick(ctx); wait != maxWait {
		t.Errorf("wait after the morning reminder = %s, want %s", wait, maxWait)
	}
	if _, err := a.Store.AddWin(ctx, data.Day{}, data.NewWin{Text: "Renewed the 9,000 EUR coaching"}); err != nil {
		t.Fatal(err)
	}
	clock.Set(time.Date(2026, 11, 30, 20, 0, 0, 0, loc))
	a.tick(ctx)
	a.tick(ctx)

	want := []string{
		"morning: Morning focus / Back to training: what will you improve today?",
		"evening: Evening reflection / Wins today: 1. Time to celebrate them: what went well?",
	}
	if strings.Join(n.shown, "|") != strings.Join(want, "|") {
		t.Fatalf("notifications %q, want %q", n.shown, want)
	}
	a.windows.stop(5 * time.Second)
	wantLines(t, readLog(t, logPath), "start morning", "show evening", "eof")
}

func TestAgentRemindsOfTheWeeklyReview(t *testing.T) {
	ctx := context.Background()
	loc := berlin(t)
	a, clock, n, logPath := newTestAgent(t, time.Date(2026, 11, 29, 19, 0, 0, 0, loc))
	set := data.DefaultSettings()
	set.Language, set.MorningReminder, set.EveningReminder = "en", false, false
	if err := a.Store.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	for _, day := range []data.Day{data.NewDay(2026, 11, 22), data.NewDay(2026, 11, 23), data.NewDay(2026, 11, 27), data.NewDay(2026, 11, 29)} {
		if _, err := a.Store.AddWin(ctx, day, data.NewWin{Text: "Win on " + day.String()}); err != nil {
			t.Fatal(err)
		}
	}
	a.tick(ctx)
	clock.Set(time.Date(2026, 11, 29, 20, 0, 0, 0, loc))
	a.tick(ctx)
	want := "week: Matchweek review / Wins this week: 3. Time for the matchweek review: what do you train next week?"
	if strings.Join(n.shown, "|") != want {
		t.Fatalf("notifications %q, want %q", n.shown, want)
	}
	a.windows.stop(5 * time.Second)
	wantLines(t, readLog(t, logPath), "start week", "eof")
}

func TestAgentWithoutOpenWithReminderOnlyNotifies(t *testing.T) {
	ctx := context.Background()
	a, _, n, _ := newTestAgent(t, time.Date(2026, 11, 30, 21, 0, 0, 0, berlin(t)))
	set := data.DefaultSettings()
	set.OpenWithReminder = false
	if err := a.Store.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	// A notification that fails (no notification service) is logged.
	n.err = errors.New("no notification service")
	a.tick(ctx)
	if len(n.shown) != 2 {
		t.Fatalf("notifications %q, want morning and evening", n.shown)
	}
	if a.windows.running() {
		t.Fatal("a window opened although the settings say not to")
	}
}

func TestAgentDailyJobRunsOnceADay(t *testing.T) {
	ctx := context.Background()
	loc := berlin(t)
	a, clock, _, _ := newTestAgent(t, time.Date(2026, 11, 30, 10, 0, 0, 0, loc))
	var runs []string
	fail := true
	a.DailyJob = func(ctx context.Context, _ *data.Store) error {
		runs = append(runs, clock.Now().Format("01-02 15:04"))
		if fail {
			return errors.New("disk full")
		}
		return nil
	}
	a.tick(ctx) // fails
	clock.Set(time.Date(2026, 11, 30, 11, 0, 0, 0, loc))
	a.tick(ctx) // not again the same day in this run
	fail = false
	clock.Set(time.Date(2026, 12, 1, 3, 0, 0, 0, loc))
	a.tick(ctx) // still Nov 30 (the day starts at 04:00)
	clock.Set(time.Date(2026, 12, 1, 4, 0, 0, 0, loc))
	a.tick(ctx) // a new day: runs and succeeds
	clock.Set(time.Date(2026, 12, 1, 9, 0, 0, 0, loc))
	a.tick(ctx)
	// A restarted agent does not run it again that day.
	b := &Agent{Store: a.Store, Now: clock.Now, Logf: t.Logf, DailyJob: a.DailyJob, sched: a.sched, windows: a.windows, locale: a.locale}
	b.tick(ctx)

	if want := "11-30 10:00|12-01 04:00"; strings.Join(runs, "|") != want {
		t.Fatalf("daily job ran at %v, want %s", runs, want)
	}
}

func TestAgentCommands(t *testing.T) {
	a, _, _, logPath := newTestAgent(t, time.Date(2026, 11, 30, 10, 0, 0, 0, berlin(t)))
	for _, tc := range []struct{ line, want string }{
		{"ping", fmt.Sprintf("ok %d", os.Getpid())},
		{"open overview\n", "ok"},
		{"open kitchen", `error no window "kitchen"`},
		{"open", `error no window ""`},
		{"dance", `error unknown command "dance"`},
		{"status", fmt.Sprintf("ok pid=%d checks=0 tray=true window=true", os.Getpid())},
		{"quit", "ok"},
	} {
		got, quit := a.command(tc.line)
		if got != tc.want || quit != (tc.line == "quit") {
			t.Errorf("command %q = %q, quit %t; want %q", tc.line, got, quit, tc.want)
		}
	}
	a.windows.stop(5 * time.Second)
	wantLines(t, readLog(t, logPath), "start overview", "eof")
}

func TestLockIsExclusiveAndSurvivesStaleFiles(t *testing.T) {
	db := filepath.Join(t.TempDir(), "matchday.db")
	// Left behind by an agent that was killed: the lock file with its pid
	// and a socket file nobody listens on.
	if err := os.WriteFile(LockPath(db), []byte("4242\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(SocketPath(db), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Send(db, "ping"); !errors.Is(err, ErrNotRunning) {
		t.Fatalf("Send to a stale socket: %v, want ErrNotRunning", err)
	}

	lock, err := acquireLock(db)
	if err != nil {
		t.Fatalf("a stale lock file blocked the lock: %v", err)
	}
	if _, err := acquireLock(db); !errors.Is(err, ErrRunning) {
		t.Fatalf("second lock: %v, want ErrRunning", err)
	}
	a := &Agent{DB: db}
	if err := a.Run(context.Background()); !errors.Is(err, ErrRunning) {
		t.Fatalf("Run beside a running agent: %v, want ErrRunning", err)
	}
	ln, err := listen(db)
	if err != nil {
		t.Fatalf("listen over a stale socket: %v", err)
	}
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		bufio.NewReader(conn).ReadString('\n')
		fmt.Fprintln(conn, "error busy")
	}()
	if _, err := Send(db, "open main"); err == nil || err.Error() != "agent: busy" {
		t.Fatalf("Send got %v, want the agent's error", err)
	}
	ln.Close()
	if err := lock.release(); err != nil {
		t.Fatal(err)
	}
	lock, err = acquireLock(db)
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	lock.release()
}

func TestSocketPathStaysShort(t *testing.T) {
	short := "/home/ana/.local/share/matchday/matchday.db"
	if got := SocketPath(short); got != short+".agent.sock" {
		t.Errorf("SocketPath(%q) = %q, want beside the journal", short, got)
	}
	long := "/home/ana/" + strings.Repeat("very-long-folder-name/", 6) + "matchday.db"
	got := SocketPath(long)
	if len(got) > maxSocketPath || !strings.HasSuffix(got, ".sock") {
		t.Errorf("SocketPath of a long path = %q (%d bytes), want at most %d", got, len(got), maxSocketPath)
	}
	if SocketPath(long+"2") == got {
		t.Error("two journals share a socket")
	}
}

func TestAgentAtLoginOpensTheMainWindowUnlessStartHidden(t *testing.T) {
	for _, tc := range []struct {
		name          string
		login, hidden bool
		want          []string
	}{
		{"login", true, false, []string{"start main", "eof"}},
		{"login, start hidden", true, true, nil},
		{"plain agent", false, false, nil},
		{"plain agent, start hidden", false, true, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, _, _, logPath := newTestAgent(t, time.Date(2026, 11, 30, 10, 0, 0, 0, berlin(t)))
			a.Login = tc.login
			set := data.DefaultSettings()
			set.StartHidden = tc.hidden
			a.atLogin(set)
			opened := a.windows.running()
			a.windows.stop(5 * time.Second)
			if opened != (tc.want != nil) {
				t.Fatalf("window process running = %t, want %t", opened, tc.want != nil)
			}
			if tc.want == nil {
				if _, err := os.Stat(logPath); !os.IsNotExist(err) {
					t.Fatalf("a window process was started: %v", err)
				}
				return
			}
			wantLines(t, readLog(t, logPath), tc.want...)
		})
	}
}

// TestNoDisplayStartsNoWindowProcess: an agent that runs without a display
// (started before the desktop, in an SSH session) never starts a window
// process that could only crash, and says so once in its log.
func TestNoDisplayStartsNoWindowProcess(t *testing.T) {
	var logged []string
	started := 0
	w := &windowProcess{
		command:    func(string) *exec.Cmd { started++; return exec.Command("true") },
		logf:       func(f string, a ...any) { logged = append(logged, fmt.Sprintf(f, a...)) },
		hasDisplay: func() bool { return false },
	}
	for range 3 {
		if err := w.open("evening"); !errors.Is(err, ErrNoDisplay) {
			t.Fatalf("open without a display: %v, want ErrNoDisplay", err)
		}
	}
	if started != 0 || w.running() {
		t.Errorf("%d window processes started without a display", started)
	}
	if len(logged) != 1 || !strings.Contains(logged[0], "no display") {
		t.Errorf("log %q; want one line about the display", logged)
	}
}

// TestReminderStartsAQuietWindowProcess: a window process the agent starts
// for a reminder is told to leave the keyboard alone (WindowQuietEnv); one
// the user asked for is not.
func TestReminderStartsAQuietWindowProcess(t *testing.T) {
	started := 0
	w := &windowProcess{
		command: func(string) *exec.Cmd {
			started++
			cmd := exec.Command("sh", "-c", "cat >/dev/null")
			cmd.Env = []string{"MATCHDAY_WINDOW_PIPE=1"}
			return cmd
		},
		logf: t.Logf,
	}
	if err := w.show("evening"); err != nil {
		t.Fatal(err)
	}
	quiet := w.child.cmd.Env
	w.stop(time.Second)
	if err := w.open("evening"); err != nil {
		t.Fatal(err)
	}
	loud := w.child.cmd.Env
	w.stop(time.Second)
	if !slices.Contains(quiet, WindowQuietEnv+"=1") || !slices.Contains(quiet, "MATCHDAY_WINDOW_PIPE=1") {
		t.Errorf("a reminder's window process got env %v", quiet)
	}
	if slices.Contains(loud, WindowQuietEnv+"=1") {
		t.Errorf("a window the user asked for was started quiet: %v", loud)
	}
	if started != 2 {
		t.Errorf("%d window processes started, want 2", started)
	}
}
