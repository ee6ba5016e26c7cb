package agent

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"

	"matchday/assets"
	"matchday/data"
)

// Notification is one reminder as a desktop notification.
type Notification struct {
	Reminder Reminder
	// Day is the logical day the reminder is for.
	Day         data.Day
	Title, Body string
	// Open labels the default action, which opens the reminder's window.
	Open string
	// Later labels the "later" action (the reminder again in laterDelay);
	// empty offers none.
	Later string
}

// The action keys of a reminder's notification, as ActionInvoked names them.
const (
	actionOpen  = "default"
	actionLater = "later"
)

// Notifier shows a desktop notification for a reminder.
type Notifier interface {
	Notify(ctx context.Context, n Notification) error
}

const (
	notifyName  = "org.freedesktop.Notifications"
	notifyPath  = dbus.ObjectPath("/org/freedesktop/Notifications")
	notifyIface = "org.freedesktop.Notifications"
)

// notifyIconSize is the side in pixels of the icon sent as pixels when the
// icon theme does not have the app's icon.
const notifyIconSize = 128

// dbusNotifier sends notifications over the session bus
// (org.freedesktop.Notifications.Notify) and, when the user clicks one or
// one of its actions, calls onAction with it and the action's key. It has a
// connection of its own: the tray's shared session connection must not see
// the notification signals.
type dbusNotifier struct {
	conn     *dbus.Conn
	appID    string
	onAction func(n Notification, action string)
	// getenv finds the icon theme folders (XDG_DATA_HOME, XDG_DATA_DIRS).
	getenv func(string) string

	mu  sync.Mutex
	ids map[uint32]Notification
}

// newDBusNotifier connects to the session bus.
func newDBusNotifier(appID string, onAction func(n Notification, action string)) (*dbusNotifier, error) {
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return nil, fmt.Errorf("agent: session bus: %w", err)
	}
	n := &dbusNotifier{conn: conn, appID: appID, onAction: onAction, getenv: os.Getenv, ids: map[uint32]Notification{}}
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

// watch turns a click on one of our notifications, or on one of its
// actions, into onAction.
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
		note, ours := n.ids[id]
		if sig.Name == notifyIface+".NotificationClosed" {
			delete(n.ids, id)
		}
		n.mu.Unlock()
		if !ours || sig.Name != notifyIface+".ActionInvoked" || n.onAction == nil {
			continue
		}
		if action, ok := sig.Body[1].(string); ok {
			n.onAction(note, action)
		}
	}
}

// Notify shows the notification with the app's icon, a "default" action
// (a click on it) that opens the reminder's window and, when the server
// shows actions, "later".
func (n *dbusNotifier) Notify(ctx context.Context, note Notification) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	hints := map[string]dbus.Variant{
		"desktop-entry": dbus.MakeVariant(n.appID),
		"category":      dbus.MakeVariant("reminder"),
	}
	icon := ""
	if installedIcon(n.appID, n.getenv) {
		icon = n.appID
	} else if img, err := iconPixels(notifyIconSize); err == nil {
		hints["image-data"] = dbus.MakeVariant(img)
	}
	actions := []string{actionOpen, note.Open}
	if note.Later != "" && n.hasCapability(ctx, "actions") {
		actions = append(actions, actionLater, note.Later)
	}
	// Held over the call: a click the server reports right after its reply
	// waits in watch until the notification's id is known.
	n.mu.Lock()
	defer n.mu.Unlock()
	var id uint32
	err := n.conn.Object(notifyName, notifyPath).CallWithContext(ctx, notifyIface+".Notify", 0,
		"Matchday", uint32(0), icon, note.Title, note.Body, actions, hints, int32(-1)).Store(&id)
	if err != nil {
		return fmt.Errorf("agent: notify: %w", err)
	}
	n.ids[id] = note
	return nil
}

// hasCapability asks the notification server whether it has capability
// ("actions": it shows buttons besides the click on the notification). A
// server that does not answer has none.
func (n *dbusNotifier) hasCapability(ctx context.Context, capability string) bool {
	var caps []string
	err := n.conn.Object(notifyName, notifyPath).CallWithContext(ctx, notifyIface+".GetCapabilities", 0).Store(&caps)
	return err == nil && slices.Contains(caps, capability)
}

// installedIcon reports whether the hicolor icon theme in one of the XDG
// data folders has the icon appID (make install, a package or the Flatpak
// put it there), so a notification can name it.
func installedIcon(appID string, getenv func(string) string) bool {
	var dirs []string
	if home := getenv("XDG_DATA_HOME"); home != "" {
		dirs = append(dirs, home)
	} else if h := getenv("HOME"); h != "" {
		dirs = append(dirs, filepath.Join(h, ".local", "share"))
	}
	system := getenv("XDG_DATA_DIRS")
	if system == "" {
		system = "/usr/local/share:/usr/share"
	}
	dirs = append(dirs, strings.Split(system, ":")...)
	for _, d := range dirs {
		if d == "" {
			continue
		}
		for _, ext := range []string{"png", "svg"} {
			if m, _ := filepath.Glob(filepath.Join(d, "icons", "hicolor", "*", "apps", appID+"."+ext)); len(m) > 0 {
				return true
			}
		}
	}
	return false
}

// imageData is the notification spec's "image-data" hint, (iiibiiay):
// non-premultiplied RGBA pixels, row by row.
type imageData struct {
	Width, Height, Rowstride int32
	HasAlpha                 bool
	BitsPerSample, Channels  int32
	Data                     []byte
}

// iconPixels returns the app icon at size×size as image-data.
func iconPixels(size int) (imageData, error) {
	src, err := png.Decode(bytes.NewReader(assets.IconPNG()))
	if err != nil {
		return imageData{}, err
	}
	scaled := scaleDown(src, size)
	img := image.NewNRGBA(scaled.Bounds())
	draw.Draw(img, img.Bounds(), scaled, image.Point{}, draw.Src)
	return imageData{
		Width: int32(size), Height: int32(size), Rowstride: int32(img.Stride),
		HasAlpha: true, BitsPerSample: 8, Channels: 4, Data: img.Pix,
	}, nil
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
