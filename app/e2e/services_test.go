package e2e

// Desktop services that a test puts on its session bus: a notification
// server that records what it is asked to show, and a tray host
// (StatusNotifierWatcher) that records who registered a tray icon.

import (
	"sync"
	"testing"

	"github.com/godbus/dbus/v5"
)

// notifications owns org.freedesktop.Notifications on a bus and records
// what it is asked to show.
type notifications struct {
	conn  *dbus.Conn
	mu    sync.Mutex
	shown []string // summaries
}

// Notify is org.freedesktop.Notifications.Notify.
func (n *notifications) Notify(app string, replaces uint32, icon, summary, body string, actions []string, hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.shown = append(n.shown, summary)
	return uint32(len(n.shown)), nil
}

func (n *notifications) summaries() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]string(nil), n.shown...)
}

func newNotifications(t *testing.T, bus string) *notifications {
	t.Helper()
	conn := connect(t, bus)
	n := &notifications{conn: conn}
	if err := conn.Export(n, "/org/freedesktop/Notifications", "org.freedesktop.Notifications"); err != nil {
		t.Fatal(err)
	}
	reply, err := conn.RequestName("org.freedesktop.Notifications", dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own org.freedesktop.Notifications: %v, %v", reply, err)
	}
	return n
}

// connect opens a connection to the test's bus, closed when the test ends.
func connect(t *testing.T, bus string) *dbus.Conn {
	t.Helper()
	conn, err := dbus.Connect(bus)
	if err != nil {
		t.Fatalf("connect to the test bus: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// watcher owns org.kde.StatusNotifierWatcher on a bus, as a desktop with a
// tray does, and records who registered a tray icon.
type watcher struct {
	mu    sync.Mutex
	items []string // bus names of the registered items
}

// RegisterStatusNotifierItem is the watcher's method the tray calls.
func (w *watcher) RegisterStatusNotifierItem(sender dbus.Sender, path string) *dbus.Error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.items = append(w.items, string(sender))
	return nil
}

func (w *watcher) registered() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.items...)
}

func newWatcher(t *testing.T, conn *dbus.Conn) *watcher {
	t.Helper()
	w := &watcher{}
	if err := conn.Export(w, "/StatusNotifierWatcher", "org.kde.StatusNotifierWatcher"); err != nil {
		t.Fatal(err)
	}
	reply, err := conn.RequestName("org.kde.StatusNotifierWatcher", dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own org.kde.StatusNotifierWatcher: %v, %v", reply, err)
	}
	return w
}

// trayEntry is one item of the tray menu as a desktop reads it over
// com.canonical.dbusmenu.
type trayEntry struct {
	id    int32
	label string
}

// trayMenuOf reads the tray menu of the item at dest.
func trayMenuOf(t *testing.T, conn *dbus.Conn, dest string) []trayEntry {
	t.Helper()
	var revision uint32
	var layout struct {
		ID       int32
		Props    map[string]dbus.Variant
		Children []dbus.Variant
	}
	err := conn.Object(dest, "/StatusNotifierMenu").Call("com.canonical.dbusmenu.GetLayout", 0,
		int32(0), int32(-1), []string{}).Store(&revision, &layout)
	if err != nil {
		t.Fatalf("read the tray menu: %v", err)
	}
	var entries []trayEntry
	for _, c := range layout.Children {
		fields, ok := c.Value().([]any)
		if !ok || len(fields) < 2 {
			t.Fatalf("menu child %v is not (ia{sv}av)", c)
		}
		props, _ := fields[1].(map[string]dbus.Variant)
		if tp, ok := props["type"]; ok && tp.Value() == "separator" {
			continue
		}
		if v, ok := props["visible"]; ok && v.Value() == false {
			continue
		}
		label, _ := props["label"].Value().(string)
		entries = append(entries, trayEntry{fields[0].(int32), label})
	}
	return entries
}
