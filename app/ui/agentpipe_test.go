package ui

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestWindowPipeOpensWindowsAndAnswers(t *testing.T) {
	u, _, _ := newTestUI(t)
	quits := 0
	u.quit = func() { quits++ }
	var out bytes.Buffer
	u.followPipe(strings.NewReader("open evening\nopen evening\nopen overview\nbogus\n"), &out)

	// The end of the pipe (the agent quit, "Quit Matchday") ends the
	// window process.
	if quits != 1 {
		t.Errorf("the app quit %d times at the end of the pipe, want once", quits)
	}

	if got := out.String(); got != "ok\nok\nok\nok\n" {
		t.Errorf("answers %q, want one ok per line", got)
	}
	if u.evening == nil || u.overview == nil {
		t.Fatal("evening or overview window not opened")
	}
	evenings := 0
	for _, w := range u.app.Driver().AllWindows() {
		if w.Title() == lang.L("evening.title") {
			evenings++
		}
	}
	if evenings != 1 {
		t.Errorf("%d evening windows, want one", evenings)
	}
}

func TestWindowPipeTellsOnceThatThereIsNoTray(t *testing.T) {
	u, s, _ := newTestUI(t)
	var out bytes.Buffer
	// The note waits for the main window.
	u.followPipe(strings.NewReader("notray\nopen evening\n"), &out)
	if u.main != nil {
		t.Fatal("main window opened by a tray note")
	}
	u.followPipe(strings.NewReader("notray\nopen main\n"), &out)
	if u.main == nil {
		t.Fatal("main window not opened")
	}
	if top := u.main.win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("a dialog about the missing tray: %q; want a line in the window", renderedText(top))
	}
	m := u.main
	if !m.trayHint.Visible() || !strings.Contains(m.trayHintText.Text, "AppIndicator") {
		t.Fatalf("tray line: visible %v, %q; want it naming the AppIndicator extension", m.trayHint.Visible(), m.trayHintText.Text)
	}
	if told, err := s.State(u.ctx, noTrayToldKey); err != nil || told == "" {
		t.Fatalf("no record that the user was told: %q, %v", told, err)
	}
	// Drawn again in another language, the line stays until dismissed.
	useLook(t, u.app, "de", "light")
	m.relabel()
	if !m.trayHint.Visible() || !strings.Contains(m.trayHintText.Text, "Infobereich") {
		t.Fatalf("after relabel: visible %v, %q", m.trayHint.Visible(), m.trayHintText.Text)
	}
	test.Tap(m.trayHintDismiss)
	if m.trayHint.Visible() {
		t.Fatal("the tray line stays after Got it")
	}

	// A later window process does not tell again.
	u2 := NewUI(test.NewTempApp(t), s, u.now)
	u2.followPipe(strings.NewReader("notray\nopen main\n"), &out)
	if u2.main == nil || u2.main.trayHint.Visible() {
		t.Fatal("the tray note was shown twice")
	}
}

// TestTrayHintNotOnTheFirstLaunch: the first launch has the first-run panel
// and nothing else; the tray line comes at the next launch.
func TestTrayHintNotOnTheFirstLaunch(t *testing.T) {
	u, s, _ := newTestUI(t)
	u.checkFirstRun()
	var out bytes.Buffer
	u.followPipe(strings.NewReader("open main\nnotray\n"), &out)
	if u.main == nil || u.main.firstRun == nil {
		t.Fatal("the first launch does not show the first-run panel")
	}
	test.Tap(u.main.firstRun.start)
	if u.main.trayHint.Visible() || u.main.win.Canvas().Overlays().Top() != nil {
		t.Fatal("the tray hint came on the first launch")
	}
	if told, _ := s.State(u.ctx, noTrayToldKey); told != "" {
		t.Fatalf("recorded as told on the first launch: %q", told)
	}
	u2 := NewUI(test.NewTempApp(t), s, u.now)
	u2.checkFirstRun()
	u2.followPipe(strings.NewReader("notray\nopen main\n"), &out)
	if u2.main == nil || !u2.main.trayHint.Visible() {
		t.Fatal("the second launch does not show the tray line")
	}
}

// renderedText is the text of every label and text in o.
func renderedText(o fyne.CanvasObject) string {
	var parts []string
	for _, obj := range test.LaidOutObjects(o) {
		switch v := obj.(type) {
		case *widget.Label:
			parts = append(parts, v.Text)
		case *canvas.Text:
			parts = append(parts, v.Text)
		}
	}
	return strings.Join(parts, " ")
}

func TestWindowProcessEndsWhenItsLastWindowCloses(t *testing.T) {
	u, _, _ := newTestUI(t)
	quits := 0
	u.quit = func() { quits++ }
	in, feed := io.Pipe()
	done := make(chan struct{})
	go func() {
		defer close(done)
		u.followPipe(in, io.Discard)
	}()
	// Each command is taken once followPipe reads the next one: a write
	// returns when the line was read, so every window below is open.
	for _, line := range []string{"open main\n", "open evening\n", "open overview\n", "open settings\n", "open morning\n"} {
		if _, err := io.WriteString(feed, line); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := io.WriteString(feed, "ping\n"); err != nil { // the last open is done
		t.Fatal(err)
	}

	var wins []fyne.Window
	for _, w := range u.openWindows() {
		switch w := w.(type) {
		case *mainWindow:
			wins = append(wins, w.win)
		case *eveningWindow:
			wins = append(wins, w.win)
		case *overviewWindow:
			wins = append(wins, w.win)
		case *settingsWindow:
			wins = append(wins, w.win)
		case *morningWindow:
			wins = append(wins, w.win)
		}
	}
	if len(wins) != 5 {
		t.Fatalf("%d windows open, want 5", len(wins))
	}
	for i, w := range wins {
		if quits != 0 {
			t.Fatalf("the app quit with %d windows still open", len(wins)-i)
		}
		w.Close()
	}
	if quits != 1 {
		t.Fatalf("the app quit %d times after its last window closed, want once", quits)
	}
	if len(u.openWindows()) != 0 {
		t.Errorf("windows still known after closing: %v", u.openWindows())
	}
	feed.Close()
	<-done
}

// TestReminderWindowDoesNotTakeTheKeyboard: the agent's "show evening" (a
// reminder) opens the evening without the cursor in an answer, so keys
// typed elsewhere cannot land in it; "open evening" (the user asked) puts
// the cursor in "What went well?".
func TestReminderWindowDoesNotTakeTheKeyboard(t *testing.T) {
	u, _, _ := newTestUI(t)
	// The window is made with GLFW's focus-on-show off, and it is on again
	// for the windows after it.
	var focusOnShow []bool
	madeWith := map[bool]bool{}
	u.focusOnShow = func(on bool) {
		focusOnShow = append(focusOnShow, on)
		if !on {
			madeWith[u.evening == nil] = true
		}
	}
	var out bytes.Buffer
	u.followPipe(strings.NewReader("show evening\n"), &out)
	if u.evening == nil {
		t.Fatal("show evening opened no evening")
	}
	if len(focusOnShow) != 2 || focusOnShow[0] || !focusOnShow[1] || !madeWith[true] {
		t.Errorf("focus on show set %v around the window's making, want off then on again", focusOnShow)
	}
	if f := u.evening.win.Canvas().Focused(); f != nil {
		t.Errorf("a reminder's evening has the cursor in %T", f)
	}
	u.evening.win.Close()

	u.followPipe(strings.NewReader("open evening\n"), &out)
	if u.evening == nil || u.evening.win.Canvas().Focused() != u.evening.wentWell {
		t.Error("an evening the user opened has no cursor in What went well?")
	}
	if len(focusOnShow) != 2 {
		t.Errorf("focus on show set %v for a window the user opened", focusOnShow[2:])
	}
}
