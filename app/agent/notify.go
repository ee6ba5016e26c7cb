package agent

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"
)

// Notifier shows a desktop notification for a reminder.
type Notifier interface {
	Notify(ctx context.Context, r Reminder, title, body string) error
}

const (
	notifyName  = "org.freedesktop.Notifications"
	notifyPath  = dbus.ObjectPath("/org/freedesktop/Notifications")
	notifyIface = "org.freedesktop.Notifications"
)

// dbusNotifier sends notifications over the session bus
// (org.freedesktop.Notifications.Notify) and, when the user clicks one,
// calls onClick with its reminder. It has a connection of its own: the
// tray's shared session connection must not see the notification signals.
type dbusNotifier struct {
	conn    *dbus.Conn
	appID   string
	onClick func(Reminder)

	mu  sync.Mutex
	ids map[uint32]Reminder
}

// newDBusNotifier connects to the session bus.
func newDBusNotifier(appID string, onClick func(Reminder)) (*dbusNotifier, error) {
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return nil, fmt.Errorf("agent: session bus: %w", err)
	}
	n := &dbusNotifier{conn: conn, appID: appID, onClick: onClick, ids: map[uint32]Reminder{}}
	if err := conn.AddMatchSignal(
		dbus.WithMatchObjectPath(notifyPath),
		dbus.WithMatchInterface(notifyIface),
	); err != nil {
		conn.Close()
		return nil, fmt.Errorf("agent: watch notifications: %w", err)
	}
	signals := make(chan *dbus.Signal, 8)
	conn.Signal(signals)
	go n.watch(signals)
	return n, nil
}

// watch turns a click on one of our notifications into onClick.
func (n *dbusNotifier) watch(signals chan *dbus.Signal) {
	for sig := range signals {
		if len(sig.Body) < 2 {
			continue
		}
		id, ok := sig.Body[0].(uint32)
		if !ok {
			continue
		}
		n.mu.Lock()
		r, ours := n.ids[id]
		if sig.Name == notifyIface+".NotificationClosed" {
			delete(n.ids, id)
		}
		n.mu.Unlock()
		if ours && sig.Name == notifyIface+".ActionInvoked" && n.onClick != nil {
			n.onClick(r)
		}
	}
}

// Notify shows title and body with a "default" action (a click on the
// notification) that opens the reminder's window.
func (n *dbusNotifier) Notify(ctx context.Context, r Reminder, title, body string) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	hints := map[string]dbus.Variant{
		"desktop-entry": dbus.MakeVariant(n.appID),
		"category":      dbus.MakeVariant("reminder"),
	}
	var id uint32
	err := n.conn.Object(notifyName, notifyPath).CallWithContext(ctx, notifyIface+".Notify", 0,
		"Matchday", uint32(0), "", title, body, []string{"default", title}, hints, int32(-1)).Store(&id)
	if err != nil {
		return fmt.Errorf("agent: notify: %w", err)
	}
	n.mu.Lock()
	n.ids[id] = r
	n.mu.Unlock()
	return nil
}

// Close ends the connection.
func (n *dbusNotifier) Close() error { return n.conn.Close() }

// hasOwner reports whether a name has an owner on the notifier's bus.
func (n *dbusNotifier) hasOwner(name string) bool {
	var has bool
	err := n.conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, name).Store(&has)
	return err == nil && has
}

// hasService reports whether a call to name would reach a service: one owns
// the name, or the bus can start one for it (most notification daemons are
// started on the first notification).
func (n *dbusNotifier) hasService(name string) bool {
	if n.hasOwner(name) {
		return true
	}
	var names []string
	if err := n.conn.BusObject().Call("org.freedesktop.DBus.ListActivatableNames", 0).Store(&names); err != nil {
		return false
	}
	return slices.Contains(names, name)
}
