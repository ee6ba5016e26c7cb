package agent

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

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

// notificationServer is a fake org.freedesktop.Notifications service.
type notificationServer struct {
	mu      sync.Mutex
	summary []string
}

func (s *notificationServer) Notify(app string, replaces uint32, icon, summary, body string, actions []string, hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.summary = append(s.summary, summary)
	return uint32(len(s.summary)), nil
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
	if err := n.Notify(ctx, Morning, "Morning focus", "body"); err == nil {
		t.Fatal("Notify without a notification server did not fail")
	}

	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	srv := &notificationServer{}
	if err := conn.Export(srv, notifyPath, notifyIface); err != nil {
		t.Fatal(err)
	}
	if reply, err := conn.RequestName(notifyName, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own %s: %v %v", notifyName, reply, err)
	}

	if !n.hasService(notifyName) {
		t.Fatal("a running notification server is not seen")
	}
	if err := n.Notify(ctx, Evening, "Evening reflection", "body"); err != nil {
		t.Fatalf("Notify: %v", err)
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if strings.Join(srv.summary, "|") != "Evening reflection" {
		t.Fatalf("server got %q, want the evening reminder once", srv.summary)
	}
}
