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

	"github.com/godbus/dbus/v5"

	"matchday/assets"
	"matchday/data"
)

// logLines collects an agent's log lines.
type logLines struct {
	mu    sync.Mutex
	lines []string
}

func (l *logLines) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

// with returns the lines that contain s.
func (l *logLines) with(s string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var got []string
	for _, line := range l.lines {
		if strings.Contains(line, s) {
			got = append(got, line)
		}
	}
	return got
}

func TestAgentWithoutNotificationServiceOpensTheWindow(t *testing.T) {
	ctx := context.Background()
	loc := berlin(t)
	a, clock, n, logPath := newTestAgent(t, time.Date(2026, 11, 30, 7, 30, 0, 0, loc))
	var log logLines
	a.Logf = log.logf
	n.err = errors.New("agent: notify: The name org.freedesktop.Notifications was not provided by any .service files")

	a.tick(ctx) // morning
	clock.Set(time.Date(2026, 11, 30, 20, 0, 0, 0, loc))
	a.tick(ctx) // evening

	down := log.with("cannot show notifications")
	if len(down) != 1 {
		t.Fatalf("log lines about notifications: %q, want one", down)
	}
	if !strings.Contains(down[0], "org.freedesktop.Notifications") || !strings.Contains(down[0], "reminders open their window instead") {
		t.Errorf("log line %q does not say why and what happens instead", down[0])
	}
	// Each reminder still opened its window.
	a.windows.stop(5 * time.Second)
	wantLines(t, readLog(t, logPath), "start morning", "show evening", "eof")

	// A notification that gets through ends the outage; the next one is
	// told again, once.
	n.err = nil
	clock.Set(time.Date(2026, 12, 1, 7, 30, 0, 0, loc))
	a.tick(ctx)
	n.err = errors.New("agent: notify: timeout")
	clock.Set(time.Date(2026, 12, 1, 20, 0, 0, 0, loc))
	a.tick(ctx)
	clock.Set(time.Date(2026, 12, 2, 7, 30, 0, 0, loc))
	a.tick(ctx)
	if down := log.with("cannot show notifications"); len(down) != 2 || !strings.Contains(down[1], "timeout") {
		t.Fatalf("log lines about notifications: %q, want one more for the second outage", down)
	}
	if got := len(n.shown); got != 5 {
		t.Errorf("%d notifications tried, want 5 (one per reminder)", got)
	}
}

func TestAgentWithoutSessionBusStillOpensTheWindow(t *testing.T) {
	ctx := context.Background()
	a, _, _, logPath := newTestAgent(t, time.Date(2026, 11, 30, 7, 30, 0, 0, berlin(t)))
	var log logLines
	a.Logf = log.logf
	a.Notifier = nil // no session bus

	a.tick(ctx)

	if down := log.with("cannot show notifications (no session bus); reminders open their window instead"); len(down) != 1 {
		t.Fatalf("log %q, want one line about the missing notifications", log.lines)
	}
	a.windows.stop(5 * time.Second)
	wantLines(t, readLog(t, logPath), "start morning", "eof")
}

func TestAgentWithoutNotificationsOrOpenWithReminderSaysSo(t *testing.T) {
	ctx := context.Background()
	a, _, n, _ := newTestAgent(t, time.Date(2026, 11, 30, 21, 0, 0, 0, berlin(t)))
	var log logLines
	a.Logf = log.logf
	set := data.DefaultSettings()
	set.OpenWithReminder = false
	if err := a.Store.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	n.err = errors.New("no notification service")

	a.tick(ctx) // morning and evening, both missed

	if down := log.with("cannot show notifications"); len(down) != 1 || !strings.Contains(down[0], "go unseen") {
		t.Fatalf("log lines about notifications: %q, want one saying reminders go unseen", down)
	}
	if a.windows.running() {
		t.Fatal("a window opened although the settings say not to")
	}
}

// privateBus starts a session bus of the test's own and points
// DBUS_SESSION_BUS_ADDRESS at it.
func privateBus(t *testing.T) {
	t.Helper()
	cmd := exec.Command("dbus-daemon", "--session", "--nofork", "--print-address=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start a session bus (the dbus package): %v", err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("read the bus address: %v", err)
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", strings.TrimSpace(addr))
}

// notificationServer is a fake org.freedesktop.Notifications service on
// the test's bus. It records each Notify call and can click a notification
// or one of its actions (ActionInvoked).
type notificationServer struct {
	conn *dbus.Conn
	caps []string

	mu    sync.Mutex
	calls []notifyCall
}

// notifyCall is what one Notify call sent.
type notifyCall struct {
	icon, summary, body string
	actions             []string
	hints               map[string]dbus.Variant
}

func (s *notificationServer) Notify(app string, replaces uint32, icon, summary, body string, actions []string, hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, notifyCall{icon: icon, summary: summary, body: body, actions: actions, hints: hints})
	return uint32(len(s.calls)), nil
}

func (s *notificationServer) GetCapabilities() ([]string, *dbus.Error) { return s.caps, nil }

// shown returns the Notify calls so far.
func (s *notificationServer) shown() []notifyCall {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls)
}

// invoke clicks action on notification id, as the server does when the
// user clicks.
func (s *notificationServer) invoke(t *testing.T, id uint32, action string) {
	t.Helper()
	if err := s.conn.Emit(notifyPath, notifyIface+".ActionInvoked", id, action); err != nil {
		t.Fatal(err)
	}
}

// startNotificationServer owns org.freedesktop.Notifications on the test's
// bus with the given capabilities ("actions" for buttons).
func startNotificationServer(t *testing.T, caps ...string) *notificationServer {
	t.Helper()
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	srv := &notificationServer{conn: conn, caps: caps}
	if err := conn.Export(srv, notifyPath, notifyIface); err != nil {
		t.Fatal(err)
	}
	if reply, err := conn.RequestName(notifyName, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own %s: %v %v", notifyName, reply, err)
	}
	return srv
}

func TestDBusNotifierWithAndWithoutService(t *testing.T) {
	privateBus(t)
	ctx := context.Background()
	n, err := newDBusNotifier("matchday", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()

	if n.hasService(notifyName) {
		t.Fatal("a bus without a notification server claims to have one")
	}
	if err := n.Notify(ctx, Notification{Reminder: Morning, Title: "Morning focus", Body: "body", Open: "Open"}); err == nil {
		t.Fatal("Notify without a notification server did not fail")
	}

	srv := startNotificationServer(t)
	if !n.hasService(notifyName) {
		t.Fatal("a running notification server is not seen")
	}
	if err := n.Notify(ctx, Notification{Reminder: Evening, Title: "Evening reflection", Body: "body", Open: "Open", Later: "Later"}); err != nil {
		t.Fatalf("Notify: %v", err)
	}
	got := srv.shown()
	if len(got) != 1 || got[0].summary != "Evening reflection" {
		t.Fatalf("server got %+v, want the evening reminder once", got)
	}
	// A server without the "actions" capability gets the click on the
	// notification only, as before there were actions.
	if want := []string{"default", "Open"}; !slices.Equal(got[0].actions, want) {
		t.Errorf("actions %q sent to a server without actions, want %q", got[0].actions, want)
	}
}

// busAgent is a test agent whose notifications go over the test's private
// bus to a fake server; acted receives each action once the agent has
// followed it.
func busAgent(t *testing.T, start time.Time, set data.Settings, caps ...string) (a *Agent, clock *fakeClock, srv *notificationServer, acted chan string, windowLog string) {
	t.Helper()
	privateBus(t)
	srv = startNotificationServer(t, caps...)
	a, clock, _, windowLog = newTestAgent(t, start)
	if err := a.Store.SaveSettings(context.Background(), set); err != nil {
		t.Fatal(err)
	}
	acted = make(chan string, 4)
	n, err := newDBusNotifier("app.matchday.Matchday", func(note Notification, action string) {
		a.onNotificationAction(note, action)
		acted <- action
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n.Close() })
	a.Notifier = n
	return a, clock, srv, acted, windowLog
}

// waitAction waits until the agent has followed the action the server sent.
func waitAction(t *testing.T, acted chan string, want string) {
	t.Helper()
	select {
	case got := <-acted:
		if got != want {
			t.Fatalf("agent followed %q, want %q", got, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("the agent never got the %q action", want)
	}
}

func TestReminderLaterComesAgainOnceAfter30Minutes(t *testing.T) {
	ctx := context.Background()
	loc := berlin(t)
	at := func(h, m int) time.Time { return time.Date(2026, 11, 30, h, m, 0, 0, loc) }
	set := data.DefaultSettings()
	set.Language = "en"
	set.OpenWithReminder = false // windows open only through the notification
	a, clock, srv, acted, windowLog := busAgent(t, at(7, 30), set, "actions", "body")

	a.tick(ctx)
	shown := srv.shown()
	if len(shown) != 1 || shown[0].summary != "Morning focus" {
		t.Fatalf("notifications %+v, want the morning reminder", shown)
	}
	if want := []string{"default", "Open", "later", "Later"}; !slices.Equal(shown[0].actions, want) {
		t.Fatalf("actions %q, want %q", shown[0].actions, want)
	}

	srv.invoke(t, 1, "later")
	waitAction(t, acted, "later")
	clock.Set(at(7, 59))
	a.tick(ctx)
	if n := len(srv.shown()); n != 1 {
		t.Fatalf("%d notifications before the 30 minutes are up, want 1", n)
	}
	clock.Set(at(8, 0))
	a.tick(ctx)
	shown = srv.shown()
	if len(shown) != 2 || shown[1].summary != "Morning focus" {
		t.Fatalf("notifications %+v, want the morning reminder again at 08:00", shown)
	}
	// Once: the reminder put off offers no "Later" again, and a "later"
	// for it is not followed.
	if want := []string{"default", "Open"}; !slices.Equal(shown[1].actions, want) {
		t.Fatalf("actions of the repeat %q, want %q", shown[1].actions, want)
	}
	srv.invoke(t, 2, "later")
	waitAction(t, acted, "later")
	for _, m := range []int{30, 31} {
		clock.Set(at(8, m))
		a.tick(ctx)
	}
	if n := len(srv.shown()); n != 2 {
		t.Fatalf("%d notifications after the repeat, want 2", n)
	}
	if a.windows.running() {
		t.Fatal("a window opened although nobody clicked Open and the settings say not to")
	}

	// "Open" (the notification's default action) opens the window.
	srv.invoke(t, 2, "default")
	waitAction(t, acted, "default")
	a.windows.stop(5 * time.Second)
	wantLines(t, readLog(t, windowLog), "start morning", "eof")
}

func TestReminderPutOffIsDroppedWhenNoLongerNeeded(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, a *Agent, clock *fakeClock)
		again  bool
	}{
		{"nothing changed", func(*testing.T, *Agent, *fakeClock) {}, true},
		{"focus set meanwhile", func(t *testing.T, a *Agent, clock *fakeClock) {
			if _, err := a.Store.SetMorningFocus(context.Background(), data.DayOf(clock.Now(), 4), "Call Anna back first"); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"reminder turned off", func(t *testing.T, a *Agent, _ *fakeClock) {
			set := data.DefaultSettings()
			set.MorningReminder = false
			if err := a.Store.SaveSettings(context.Background(), set); err != nil {
				t.Fatal(err)
			}
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			loc := berlin(t)
			a, clock, n, _ := newTestAgent(t, time.Date(2026, 11, 30, 7, 30, 0, 0, loc))
			set := data.DefaultSettings()
			set.OpenWithReminder = false
			if err := a.Store.SaveSettings(ctx, set); err != nil {
				t.Fatal(err)
			}
			a.tick(ctx)
			a.onNotificationAction(Notification{Reminder: Morning, Day: data.DayOf(clock.Now(), 4), Later: "Later"}, "later")
			tc.change(t, a, clock)
			clock.Set(time.Date(2026, 11, 30, 8, 0, 0, 0, loc))
			a.tick(ctx)
			if got, want := len(n.shown), map[bool]int{true: 2, false: 1}[tc.again]; got != want {
				t.Fatalf("notifications %q, want %d", n.shown, want)
			}
		})
	}
}

func TestNotificationCarriesTheAppIcon(t *testing.T) {
	const id = "app.matchday.Matchday"
	installed := t.TempDir()
	iconDir := filepath.Join(installed, "icons", "hicolor", "48x48", "apps")
	if err := os.MkdirAll(iconDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(iconDir, id+".png"), assets.IconPNG(), 0o644); err != nil {
		t.Fatal(err)
	}
	privateBus(t)
	srv := startNotificationServer(t, "actions")
	n, err := newDBusNotifier(id, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()

	for _, tc := range []struct {
		name    string
		dataDir string
		icon    string
	}{
		{"installed: the icon theme's", installed, id},
		{"not installed: the pixels", t.TempDir(), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n.getenv = func(k string) string {
				switch k {
				case "XDG_DATA_DIRS":
					return tc.dataDir
				case "XDG_DATA_HOME":
					return t.TempDir()
				}
				return ""
			}
			if err := n.Notify(context.Background(), Notification{Reminder: Morning, Title: "Morning focus", Open: "Open"}); err != nil {
				t.Fatal(err)
			}
			shown := srv.shown()
			got := shown[len(shown)-1]
			if got.icon != tc.icon {
				t.Errorf("app_icon %q, want %q", got.icon, tc.icon)
			}
			if got.hints["desktop-entry"].Value() != id {
				t.Errorf("desktop-entry hint %v, want %s", got.hints["desktop-entry"], id)
			}
			img, has := got.hints["image-data"]
			if has != (tc.icon == "") {
				t.Fatalf("image-data hint present %t, want %t", has, tc.icon == "")
			}
			if !has {
				return
			}
			var data struct {
				Width, Height, Rowstride int32
				HasAlpha                 bool
				BitsPerSample, Channels  int32
				Data                     []byte
			}
			if err := dbus.Store([]any{img.Value()}, &data); err != nil {
				t.Fatalf("image-data %s: %v", img.Signature(), err)
			}
			// Stored field by field: the hint came as (iiibiiay).
			if data.Width != notifyIconSize || data.Height != notifyIconSize ||
				data.Channels != 4 || !data.HasAlpha || len(data.Data) != int(data.Rowstride*data.Height) {
				t.Errorf("image-data %dx%d, %d channels, %d bytes", data.Width, data.Height, data.Channels, len(data.Data))
			}
		})
	}
}
