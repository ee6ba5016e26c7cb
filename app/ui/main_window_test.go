package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"matchday/app/text"
	"matchday/data"
)

// newTestMain opens the main window on a test UI without its ticker; tests
// call the tick handlers themselves.
func newTestMain(t *testing.T) (*mainWindow, *data.Store, *fakeClock) {
	t.Helper()
	u, s, clock := newTestUI(t)
	m := newMainWindow(u)
	u.main = m
	u.watch()
	m.win.Resize(fyne.NewSize(480, 680))
	m.win.Show()
	t.Cleanup(func() {
		if u.main == m { // not closed by the test itself
			m.win.Close()
		}
	})
	return m, s, clock
}

func pressEnter(e fyne.Focusable) { e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }

func todaysWins(t *testing.T, s *data.Store) []data.Win {
	t.Helper()
	day, err := s.Today(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	wins, err := s.WinsOn(context.Background(), day)
	if err != nil {
		t.Fatal(err)
	}
	return wins
}

func addWin(t *testing.T, s *data.Store, day data.Day, in data.NewWin) data.Win {
	t.Helper()
	w, err := s.AddWin(context.Background(), day, in)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func cents(c data.Cents) *data.Cents { return &c }

func TestMainLogWin(t *testing.T) {
	m, s, clock := newTestMain(t)
	if wins, _ := m.counter.Celebrated(); wins != 0 {
		t.Error("the counter celebrated on opening, before any win")
	}
	test.Type(m.entry, "Signed the 800 € course 🎉")
	pressEnter(m.entry)
	if wins, atRest := m.counter.Celebrated(); wins != 1 || !atRest {
		t.Errorf("no +1 celebration ran to rest (for %d wins, at rest %v)", wins, atRest)
	}

	wins := todaysWins(t, s)
	if len(wins) != 1 || wins[0].Text != "Signed the 800 € course 🎉" {
		t.Fatalf("stored %+v, want the typed win", wins)
	}
	if got := m.counter.Counts(); got.Today != 1 || got.Week != 1 || got.Season != 1 || got.Career != 1 {
		t.Errorf("counter shows %+v, want 1 everywhere", got)
	}
	if m.entry.Text != "" {
		t.Errorf("entry holds %q after saving, want it empty", m.entry.Text)
	}
	if m.win.Canvas().Focused() != m.entry {
		t.Error("the entry lost the focus after saving")
	}
	if len(m.rows) != 1 || m.rows[0].text.Text != wins[0].Text {
		t.Errorf("list shows %d rows, want the new win", len(m.rows))
	}

	clock.Advance(time.Minute)
	test.Type(m.entry, "Anna booked the coaching")
	test.Tap(m.logButton)
	if got := m.counter.Counts().Today; got != 2 {
		t.Errorf("after the second win the counter shows %d, want 2", got)
	}
	if m.rows[0].text.Text != "Anna booked the coaching" {
		t.Errorf("first row is %q, want the newest win first", m.rows[0].text.Text)
	}
}

func TestMainRefusesBadText(t *testing.T) {
	tests := []struct {
		name, text, hint string
	}{
		{"empty", "", lang.L("main.hint.empty")},
		{"whitespace", "  \t ", lang.L("main.hint.empty")},
		{"too long", strings.Repeat("ä", data.MaxWin+1), "501"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, s, _ := newTestMain(t)
			test.Type(m.entry, tt.text)
			pressEnter(m.entry)
			if n := len(todaysWins(t, s)); n != 0 {
				t.Fatalf("stored %d wins, want none", n)
			}
			if !m.hint.Visible() || !strings.Contains(m.hint.Text, tt.hint) {
				t.Errorf("hint %q (visible %v), want it to say %q", m.hint.Text, m.hint.Visible(), tt.hint)
			}
			if m.entry.Text != tt.text {
				t.Errorf("entry holds %q, want the typed text kept", m.entry.Text)
			}
			if m.counter.Counts().Today != 0 {
				t.Error("counter moved for a refused win")
			}
			test.Type(m.entry, "x")
			if m.hint.Visible() {
				t.Error("hint stays while the user types again")
			}
		})
	}
}

func TestMainDetails(t *testing.T) {
	tests := []struct {
		amount string
		want   *data.Cents
		ok     bool
	}{
		{"", nil, true},
		{"800", cents(80000), true},
		{"800,50", cents(80050), true},
		{"1.200 €", cents(120000), true},
		{"1,200.50 EUR", cents(120050), true},
		{"12abc", nil, false},
		{"1.2.3", nil, false},
		{"-5", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.amount, func(t *testing.T) {
			m, s, _ := newTestMain(t)
			test.Tap(m.detailsButton)
			if !m.details.Visible() {
				t.Fatal("details row did not open")
			}
			test.Type(m.entry, "Renewal")
			test.Type(m.client, "Anna Weber")
			test.Type(m.amount, tt.amount)
			pressEnter(m.amount)
			wins := todaysWins(t, s)
			if !tt.ok {
				if len(wins) != 0 {
					t.Fatalf("stored %+v for a bad amount", wins)
				}
				if !m.hint.Visible() || !strings.Contains(m.hint.Text, tt.amount) {
					t.Errorf("hint %q, want it to name %q", m.hint.Text, tt.amount)
				}
				if m.entry.Text != "Renewal" || m.client.Text != "Anna Weber" || m.amount.Text != tt.amount {
					t.Error("typed text was not kept after a refused amount")
				}
				return
			}
			if len(wins) != 1 || wins[0].Client != "Anna Weber" {
				t.Fatalf("stored %+v", wins)
			}
			if (wins[0].Amount == nil) != (tt.want == nil) || (tt.want != nil && *wins[0].Amount != *tt.want) {
				t.Errorf("amount %v, want %v", wins[0].Amount, tt.want)
			}
			if m.client.Text != "" || m.amount.Text != "" {
				t.Error("details were not cleared after saving")
			}
		})
	}
}

func TestMainStoreErrorKeepsText(t *testing.T) {
	m, s, _ := newTestMain(t)
	test.Type(m.entry, "A win that cannot be saved")
	s.Close() // the journal goes away under the window
	pressEnter(m.entry)
	if m.entry.Text != "A win that cannot be saved" {
		t.Errorf("entry holds %q after a store error, want the text kept", m.entry.Text)
	}
	if m.win.Canvas().Overlays().Top() == nil {
		t.Error("no dialog told the user the win was not saved")
	}
	if m.hint.Visible() {
		t.Error("a store error was shown as an input hint")
	}
}

func TestMainEditStoreErrorKeepsDialog(t *testing.T) {
	m, s, _ := newTestMain(t)
	addWin(t, s, data.Day{}, data.NewWin{Text: "Before"})
	m.reload()
	test.Tap(m.rows[0].edit)
	e := m.editor
	e.text.SetText("After, not saved")
	s.Close()
	test.Tap(e.save)
	if m.editor != e || e.text.Text != "After, not saved" {
		t.Error("the editor closed or lost its text on a store error")
	}
	if m.win.Canvas().Overlays().Top() == nil {
		t.Error("no dialog told the user the edit was not saved")
	}
}

func TestMainDeleteStoreError(t *testing.T) {
	m, s, _ := newTestMain(t)
	addWin(t, s, data.Day{}, data.NewWin{Text: "Stays"})
	m.reload()
	s.Close()
	test.Tap(m.rows[0].delete)
	if m.undo.shown() {
		t.Error("undo offered for a delete that failed")
	}
	if m.win.Canvas().Overlays().Top() == nil {
		t.Error("no dialog told the user the delete failed")
	}
	if len(m.rows) != 1 {
		t.Error("the win left the list although the delete failed")
	}
}

func TestMainDeleteUndo(t *testing.T) {
	m, s, clock := newTestMain(t)
	addWin(t, s, data.Day{}, data.NewWin{Text: "First call"})
	clock.Advance(time.Minute)
	orig := addWin(t, s, data.Day{}, data.NewWin{Text: "Kept the Müller account ✓", Client: "Müller GmbH", Amount: cents(900000), Note: "third year"})
	m.reload()
	if len(m.rows) != 2 || m.rows[0].win.UUID != orig.UUID {
		t.Fatalf("list has %d rows, want the newest win first", len(m.rows))
	}

	test.Tap(m.rows[0].delete)
	if n := len(todaysWins(t, s)); n != 1 {
		t.Fatalf("after delete %d wins left, want 1", n)
	}
	if m.counter.Counts().Today != 1 || len(m.rows) != 1 {
		t.Errorf("after delete the window shows %d wins, %d rows", m.counter.Counts().Today, len(m.rows))
	}
	if !m.undo.shown() || !strings.Contains(m.undo.label.Text, orig.Text) {
		t.Fatalf("no undo offered (%q)", m.undo.label.Text)
	}

	clock.Advance(3 * time.Second)
	m.onDayTick()
	test.Tap(m.undo.button)
	got, err := s.Win(context.Background(), orig.UUID)
	if err != nil {
		t.Fatal(err)
	}
	if got.DeletedAt != nil || got.Text != orig.Text || got.Client != orig.Client || got.Note != orig.Note ||
		got.Amount == nil || *got.Amount != *orig.Amount || got.Day != orig.Day ||
		!got.CreatedAt.Equal(orig.CreatedAt) || got.Zone != orig.Zone {
		t.Errorf("undo restored %+v, want %+v", got, orig)
	}
	if m.counter.Counts().Today != 2 || len(m.rows) != 2 || m.rows[0].win.UUID != orig.UUID {
		t.Error("the restored win is not back in its place")
	}
	if m.undo.shown() {
		t.Error("undo bar stays after undo")
	}
}

func TestMainUndoExpires(t *testing.T) {
	m, s, clock := newTestMain(t)
	addWin(t, s, data.Day{}, data.NewWin{Text: "Short-lived"})
	m.reload()
	test.Tap(m.rows[0].delete)
	clock.Advance(undoFor - time.Second)
	m.onDayTick()
	if !m.undo.shown() {
		t.Fatal("undo went away too early")
	}
	clock.Advance(time.Second)
	m.onDayTick()
	if m.undo.shown() {
		t.Error("undo still offered after it expired")
	}
}

func TestMainEdit(t *testing.T) {
	m, s, _ := newTestMain(t)
	w := addWin(t, s, data.Day{}, data.NewWin{Text: "Sold a course", Amount: cents(6000)})
	m.reload()

	test.Tap(m.rows[0].edit)
	e := m.editor
	if e == nil || e.text.Text != "Sold a course" || e.amount.Text != "€60" {
		t.Fatalf("editor not open with the win's text and amount")
	}
	e.text.SetText("")
	test.Tap(e.save)
	if !e.hint.Visible() || m.editor == nil {
		t.Fatal("an empty edit was not refused inline")
	}
	if got, _ := s.Win(context.Background(), w.UUID); got.Text != "Sold a course" {
		t.Fatalf("refused edit changed the win to %q", got.Text)
	}

	test.Type(e.text, "Sold the 60 € course again")
	e.amount.SetText("60,50")
	test.Tap(e.save)
	got, err := s.Win(context.Background(), w.UUID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != "Sold the 60 € course again" || got.Amount == nil || *got.Amount != 6050 {
		t.Errorf("edit stored %q %v", got.Text, got.Amount)
	}
	if m.editor != nil || m.rows[0].text.Text != got.Text {
		t.Error("editor still open or list not updated after saving")
	}
}

func TestMainDayRollover(t *testing.T) {
	m, s, clock := newTestMain(t)
	addWin(t, s, data.Day{}, data.NewWin{Text: "One"})
	addWin(t, s, data.Day{}, data.NewWin{Text: "Two"})
	m.reload()
	thursday := m.day

	// Friday 03:59 is still Thursday's night.
	clock.Set(testNoon(t).Add(14*time.Hour - time.Minute))
	m.onDayTick()
	if m.day != thursday || m.counter.Counts().Today != 2 {
		t.Fatalf("at 03:59 the window moved on to %s with %d wins", m.day, m.counter.Counts().Today)
	}

	clock.Set(testNoon(t).Add(14*time.Hour + time.Second))
	m.onDayTick()
	if m.day != thursday.AddDays(1) {
		t.Fatalf("after 04:00 the window shows %s, want %s", m.day, thursday.AddDays(1))
	}
	got := m.counter.Counts()
	if got.Today != 0 || got.Week != 2 || got.Career != 2 {
		t.Errorf("after 04:00 the counter shows %+v, want today 0, week 2, career 2", got)
	}
	if len(m.rows) != 0 || !m.noWins.Visible() {
		t.Error("yesterday's wins still listed as today's")
	}
	if want := lang.L("main.yesterday.other", map[string]any{"Count": "2"}); m.yesterday.Text.String() != want {
		t.Errorf("yesterday line %q, want %q", m.yesterday.Text.String(), want)
	}
	if !strings.HasPrefix(m.date.Text, text.WeekdayName(time.Friday)) {
		t.Errorf("date line %q, want Friday", m.date.Text)
	}
}

func TestMainEveningCall(t *testing.T) {
	m, s, clock := newTestMain(t)
	if m.eveningButton.Importance == widget.HighImportance {
		t.Fatal("the evening button calls at 14:00")
	}
	clock.Set(testNoon(t).Add(6 * time.Hour)) // 20:00, the default evening time
	m.onDayTick()
	if m.eveningButton.Importance != widget.HighImportance {
		t.Fatal("the evening button does not call at 20:00")
	}
	if _, err := s.CelebrateEvening(context.Background(), m.day, data.EveningAnswers{WentWell: "Listened"}); err != nil {
		t.Fatal(err)
	}
	m.ui.onWatchTick()
	if m.eveningButton.Importance == widget.HighImportance {
		t.Error("the evening button still calls after the celebration")
	}
}

func TestMainYesterdayCelebrated(t *testing.T) {
	m, s, _ := newTestMain(t)
	ctx := context.Background()
	today, _ := s.Today(ctx)
	addWin(t, s, today.AddDays(-1), data.NewWin{Text: "Yesterday's sale"})
	if _, err := s.CelebrateEvening(ctx, today.AddDays(-1), data.EveningAnswers{WentWell: "Listened"}); err != nil {
		t.Fatal(err)
	}
	m.reload()
	want := lang.L("main.yesterday.one") + " — " + lang.L("main.yesterday.celebrated")
	if m.yesterday.Text.String() != want {
		t.Errorf("yesterday line %q, want %q", m.yesterday.Text.String(), want)
	}
}

func TestMainWatcherSeesOtherHandle(t *testing.T) {
	m, s, clock := newTestMain(t)
	other, err := data.Open(s.Path(), data.WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()

	m.ui.onWatchTick()
	if m.counter.Counts().Today != 0 {
		t.Fatal("counter moved with nothing written")
	}
	addWin(t, other, data.Day{}, data.NewWin{Text: "Logged from the command line"})
	m.ui.onWatchTick()
	if m.counter.Counts().Today != 1 || len(m.rows) != 1 || m.rows[0].text.Text != "Logged from the command line" {
		t.Errorf("after a tick the window shows %d wins, want the one from the other handle", m.counter.Counts().Today)
	}
}

func TestMainFocus(t *testing.T) {
	m, s, _ := newTestMain(t)
	if len(m.focusBox.Objects) != 1 || m.focusBox.Objects[0] != m.focusButton {
		t.Fatal("no \"Set today's focus\" button without a focus")
	}
	test.Tap(m.focusButton)
	if m.ui.morning == nil {
		t.Error("the focus button did not open the morning window")
	}

	today, _ := s.Today(context.Background())
	if _, err := s.SetMorningFocus(context.Background(), today, "Ask every client for the next step"); err != nil {
		t.Fatal(err)
	}
	m.ui.onWatchTick()
	if m.focusBox.Objects[0] == m.focusButton || !strings.Contains(m.focus.String(), "Ask every client for the next step") {
		t.Errorf("focus line %q, want the morning's focus", m.focus.String())
	}
}

func TestMainMenuShortcuts(t *testing.T) {
	m, _, _ := newTestMain(t)
	items := map[fyne.KeyName]*fyne.MenuItem{}
	for _, menu := range m.win.MainMenu().Items {
		for _, it := range menu.Items {
			if sc, ok := it.Shortcut.(*desktop.CustomShortcut); ok && it.Action != nil {
				items[sc.KeyName] = it
			}
		}
	}
	tests := []struct {
		key  fyne.KeyName
		open func() bool
	}{
		{fyne.KeyE, func() bool { return m.ui.evening != nil }},
		{fyne.KeyM, func() bool { return m.ui.morning != nil }},
		{fyne.KeyO, func() bool { return m.ui.overview != nil }},
		{fyne.KeyComma, func() bool { return m.ui.settings != nil }},
		{fyne.KeyN, func() bool { return m.win.Canvas().Focused() == m.entry }},
	}
	m.win.Canvas().Unfocus()
	for _, tt := range tests {
		it := items[tt.key]
		if it == nil {
			t.Errorf("no menu item for %s", tt.key)
			continue
		}
		if mod := it.Shortcut.(*desktop.CustomShortcut).Modifier; mod != fyne.KeyModifierShortcutDefault {
			t.Errorf("%s: modifier %v, want Ctrl (Cmd on macOS)", tt.key, mod)
		}
		it.Action()
		if !tt.open() {
			t.Errorf("%s did not do its job", tt.key)
		}
	}
	if q := items[fyne.KeyQ]; q == nil || !q.IsQuit {
		t.Error("no Quit item on Ctrl+Q")
	}
}

func TestMainRelabelKeepsText(t *testing.T) {
	m, s, _ := newTestMain(t)
	addWin(t, s, data.Day{}, data.NewWin{Text: "Deleted, then relabelled"})
	m.reload()
	test.Tap(m.rows[0].delete)
	test.Tap(m.detailsButton)
	test.Type(m.entry, "Half-typed win")
	test.Type(m.amount, "800")

	text.Load("de")
	t.Cleanup(func() { text.Load("en") })
	m.relabel()
	if m.entry.PlaceHolder != "Was hast du erreicht?" {
		t.Errorf("placeholder %q after switching to German", m.entry.PlaceHolder)
	}
	if m.entry.Text != "Half-typed win" || m.amount.Text != "800" || !m.details.Visible() {
		t.Error("typed text or the open details row was lost on relabel")
	}
	if !m.undo.shown() || !strings.Contains(m.undo.label.Text, "gelöscht") {
		t.Errorf("undo bar %q after relabel, want it kept in German", m.undo.label.Text)
	}
	test.Tap(m.undo.button)
	if n := len(todaysWins(t, s)); n != 1 {
		t.Errorf("undo after relabel left %d wins, want 1", n)
	}
}

func TestMainRemembersSize(t *testing.T) {
	m, _, _ := newTestMain(t)
	m.win.Resize(fyne.NewSize(700, 900))
	m.onTick()
	u := m.ui
	m.win.Close()
	if u.main != nil {
		t.Fatal("closed main window still registered")
	}
	again := newMainWindow(u)
	defer again.win.Close()
	if got := again.win.Canvas().Size(); got != fyne.NewSize(700, 900) {
		t.Errorf("reopened at %v, want 700x900", got)
	}
}

// TestMainFitsSmallWindow checks that the window's content fits the
// smallest supported window, 420x560 less the menu bar, in both languages.
func TestMainFitsSmallWindow(t *testing.T) {
	for _, language := range []string{"en", "de"} {
		t.Run(language, func(t *testing.T) {
			m, s, clock := newTestMain(t)
			useLook(t, m.ui.app, language, "light")
			fillGoldenDay(t, s, clock)
			m.win.SetContent(nil)
			m.buildUI()
			m.reload()
			test.Tap(m.detailsButton)
			test.Type(m.amount, "abc")
			pressEnter(m.amount)
			min := m.win.Content().MinSize()
			if min.Width > 420 || min.Height > 560-40 {
				t.Errorf("content needs %v, more than fits in 420x560", min)
			}
		})
	}
}

// fillGoldenDay writes the day the golden renders show.
func fillGoldenDay(t *testing.T, s *data.Store, clock *fakeClock) {
	t.Helper()
	ctx := context.Background()
	today, err := s.Today(ctx)
	if err != nil {
		t.Fatal(err)
	}
	yesterday := today.AddDays(-1)
	for _, text := range []string{"Closed the Q4 workshop", "Good feedback call", "Referral from Jana"} {
		addWin(t, s, yesterday, data.NewWin{Text: text})
	}
	if _, err := s.CelebrateEvening(ctx, yesterday, data.EveningAnswers{WentWell: "Followed up", RepeatHow: "Ask for the next step in every call"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetMorningFocus(ctx, today, "Ask every client for the next step"); err != nil {
		t.Fatal(err)
	}
	clock.Advance(-3 * time.Hour)
	addWin(t, s, today, data.NewWin{Text: "Anna booked the 800 € coaching after the 60 € course", Client: "Anna Weber", Amount: cents(80000)})
	clock.Advance(75 * time.Minute)
	addWin(t, s, today, data.NewWin{Text: "Müller GmbH renewed for a third year", Client: "Müller GmbH", Amount: cents(900000)})
	clock.Advance(100 * time.Minute)
	addWin(t, s, today, data.NewWin{Text: "Great first session with a new client"})
}

func TestMainGolden(t *testing.T) {
	for _, language := range []string{"en", "de"} {
		for _, variant := range []string{"light", "dark"} {
			t.Run(language+"_"+variant, func(t *testing.T) {
				u, s, clock := newTestUI(t)
				useLook(t, u.app, language, variant)
				fillGoldenDay(t, s, clock)
				m := newMainWindow(u)
				u.main = m
				defer m.win.Close()
				m.win.Resize(fyne.NewSize(480, 680))
				m.win.Show()
				test.AssertRendersToMarkup(t, "main_"+language+"_"+variant+".xml", m.win.Canvas())

				// The empty day, with its "Set today's focus" button.
				u2, _, _ := newTestUI(t)
				useLook(t, u2.app, language, variant)
				e := newMainWindow(u2)
				defer e.win.Close()
				e.win.Resize(fyne.NewSize(420, 560))
				e.win.Show()
				test.AssertRendersToMarkup(t, "main_empty_"+language+"_"+variant+".xml", e.win.Canvas())
			})
		}
	}
}

// TestMainCaptureFocusesTheEntry: the main window opens without a blinking
// cursor (an idle window repaints for it); "Log a win…" (the capture
// window) puts the cursor in the win entry, also when the window is open.
func TestMainCaptureFocusesTheEntry(t *testing.T) {
	u, _, _ := newTestUI(t)
	m := u.ShowMain()
	if m.win.Canvas().Focused() != nil {
		t.Fatal("the main window opened with a focused widget")
	}
	u.Open(WindowCapture)
	if m.win.Canvas().Focused() != m.entry {
		t.Fatal("capture did not put the cursor in the win entry")
	}
	m.win.Canvas().Unfocus()
	u.Open(WindowCapture)
	if m.win.Canvas().Focused() != m.entry || u.main != m {
		t.Error("capture on the open window did not reuse it with the cursor in the entry")
	}
}

// TestMainSearch: Ctrl+F's menu item opens the search in place of today's
// wins; typing "muller" finds a win about Müller from another day; picking
// it opens that day's evening window; a second Ctrl+F closes the search.
func TestMainSearch(t *testing.T) {
	u, s, _ := newTestUI(t)
	past := data.NewDay(2026, 10, 2)
	if _, err := s.AddWin(u.ctx, past, data.NewWin{Text: "Angebot für Herrn Müller unterschrieben"}); err != nil {
		t.Fatal(err)
	}
	m := u.ShowMain()
	m.onSearch()
	if !m.searching() || m.win.Canvas().Focused() != m.search.entry {
		t.Fatal("the search did not open with the cursor in its field")
	}
	test.Type(m.search.entry, "muller")
	if len(m.search.hits) != 1 || m.search.hits[0].Day != past {
		t.Fatalf("hits = %+v", m.search.hits)
	}
	m.search.results.Select(0)
	if u.evening == nil || u.evening.day != past {
		t.Fatal("picking the result did not open that day's evening")
	}
	m.onSearch()
	if m.searching() || m.winsTitle.Text != "Logged today" {
		t.Errorf("a second Ctrl+F did not close the search (title %q)", m.winsTitle.Text)
	}
}

// TestMainMenuHasDataItems: the Journal menu offers search, export and
// import with their labels.
func TestMainMenuHasDataItems(t *testing.T) {
	u, _, _ := newTestUI(t)
	m := u.ShowMain()
	var labels []string
	for _, it := range m.buildMenu().Items[0].Items {
		labels = append(labels, it.Label)
	}
	got := strings.Join(labels, "|")
	if got != "Log a win|Search|Undo delete||Export…|Import…||Close window|Quit Matchday" {
		t.Errorf("Journal menu = %q", got)
	}
}

func TestMainYesterdayLineOpensYesterdaysEvening(t *testing.T) {
	m, s, _ := newTestMain(t)
	today, _ := s.Today(context.Background())
	addWin(t, s, today.AddDays(-1), data.NewWin{Text: "Yesterday's sale"})
	m.reload()

	test.Tap(m.yesterday)

	e := m.ui.evening
	if e == nil || e.day != today.AddDays(-1) {
		t.Fatal("tapping the yesterday line did not open yesterday's evening")
	}
	if len(e.wins.Objects) != 1 {
		t.Errorf("yesterday's evening lists %d wins, want 1", len(e.wins.Objects))
	}
}

func TestMainEscapeClosesEditor(t *testing.T) {
	m, s, _ := newTestMain(t)
	addWin(t, s, data.Day{}, data.NewWin{Text: "Before"})
	m.reload()
	test.Tap(m.rows[0].edit)
	e := m.editor
	if e.text.CursorColumn != len("Before") {
		t.Errorf("the editor opens with the cursor at column %d, want at the end", e.text.CursorColumn)
	}
	e.text.SetText("Changed, then thought better of it")
	if m.win.Canvas().Focused() != e.text {
		t.Fatal("the editor does not have the cursor in its text")
	}

	m.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})

	if m.editor != nil || m.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape in the editor's text did not close it")
	}
	if got := todaysWins(t, s)[0].Text; got != "Before" {
		t.Errorf("Escape saved the edit: %q", got)
	}
	if m.win.Canvas().Focused() != m.entry {
		t.Error("after Escape the cursor is not back in the win entry")
	}

	// With nothing focused Escape reaches the window, and closes it too.
	test.Tap(m.rows[0].edit)
	e = m.editor
	m.win.Canvas().Unfocus()
	m.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if m.editor != nil || m.win.Canvas().Overlays().Top() != nil {
		t.Error("Escape with nothing focused did not close the editor")
	}
}

// undoMenuItem is the main menu's item on Ctrl+Z.
func undoMenuItem(t *testing.T, m *mainWindow) *fyne.MenuItem {
	t.Helper()
	for _, menu := range m.win.MainMenu().Items {
		for _, it := range menu.Items {
			if _, ok := it.Shortcut.(*fyne.ShortcutUndo); ok {
				return it
			}
		}
	}
	t.Fatal("no menu item on Ctrl+Z")
	return nil
}

func TestMainCtrlZUndoesDelete(t *testing.T) {
	m, s, _ := newTestMain(t)
	addWin(t, s, data.Day{}, data.NewWin{Text: "Deleted by mistake"})
	m.reload()
	undo := undoMenuItem(t, m)
	m.win.Canvas().Focus(m.entry)
	test.Type(m.entry, "half typed")

	test.Tap(m.rows[0].delete)
	undo.Action()

	if wins := todaysWins(t, s); len(wins) != 1 || wins[0].Text != "Deleted by mistake" {
		t.Fatalf("after Ctrl+Z the journal has %v, want the deleted win back", wins)
	}
	if m.undo.shown() || len(m.rows) != 1 {
		t.Errorf("after Ctrl+Z: undo bar shown %v, %d rows", m.undo.shown(), len(m.rows))
	}
	if m.entry.Text != "half typed" {
		t.Errorf("Ctrl+Z for the delete changed the entry to %q", m.entry.Text)
	}

	// With no delete to undo, Ctrl+Z undoes typing in the entry as usual.
	m.win.Canvas().Focus(m.entry)
	undo.Action()
	if m.entry.Text == "half typed" {
		t.Error("Ctrl+Z without a delete did not reach the entry")
	}
	if n := len(todaysWins(t, s)); n != 1 {
		t.Errorf("Ctrl+Z without a delete left %d wins, want 1", n)
	}
}

// TestWinMetaAmountFollowsTheLanguage: the line under a win writes its
// amount as the UI language does.
func TestWinMetaAmountFollowsTheLanguage(t *testing.T) {
	a := test.NewTempApp(t)
	amount := data.Cents(120050)
	w := data.Win{Text: "Coaching renewed", Client: "Müller GmbH", Amount: &amount}
	for language, want := range map[string]string{"en": "€1,200.50", "de": "1.200,50\u00a0€"} {
		useLook(t, a, language, "light")
		if got := winMeta(w, data.Booking{Number: 1}, data.DefaultCurrency); !strings.Contains(got, "Müller GmbH") || !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q", language, got, want)
		}
	}
}
