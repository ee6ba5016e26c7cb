package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"matchday/app/desktop"
	"matchday/data"
)

// newFirstRunMain opens the main window as the window process does on
// launch: it first asks the journal whether this is its first run.
func newFirstRunMain(t *testing.T, u *UI) *mainWindow {
	t.Helper()
	u.checkFirstRun()
	m := newMainWindow(u)
	u.main = m
	m.win.Resize(fyne.NewSize(480, 680))
	m.win.Show()
	t.Cleanup(func() {
		if u.main == m {
			m.win.Close()
		}
	})
	return m
}

func retype(e *widget.Entry, s string) {
	e.SetText("")
	test.Type(e, s)
}

func isNew(t *testing.T, s *data.Store) bool {
	t.Helper()
	n, err := s.IsNew(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestFirstRunPanelStartsTheJournal(t *testing.T) {
	u, s, _ := newTestUI(t)
	m := newFirstRunMain(t, u)
	p := m.firstRun
	if p == nil || m.win.Content() != p.content {
		t.Fatal("a new journal's main window does not show the first-run panel")
	}
	if p.evening.Text != "20:00" || p.morning.Text != "07:30" || !p.startAtLogin.Checked {
		t.Fatalf("panel shows %q, %q, start at login %v; want the defaults 20:00, 07:30, on",
			p.evening.Text, p.morning.Text, p.startAtLogin.Checked)
	}
	for i, l := range p.rhythm {
		if strings.TrimSpace(l.Text) == "" {
			t.Errorf("rhythm line %d is empty", i+1)
		}
	}
	retype(p.evening, "21:15")
	retype(p.morning, "6.45") // a dot is taken for the colon
	test.Tap(p.start)

	if m.firstRun != nil || u.firstRun || m.win.Content() != m.body {
		t.Fatal("the panel is still shown after Start")
	}
	if m.win.Canvas().Focused() != m.entry {
		t.Error("after Start the cursor is not in the win entry")
	}
	set, err := s.Settings(u.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if set.EveningTime != (data.ClockTime{Hour: 21, Minute: 15}) || set.MorningTime != (data.ClockTime{Hour: 6, Minute: 45}) || !set.StartAtLogin {
		t.Errorf("settings saved: evening %s, morning %s, start at login %v", set.EveningTime, set.MorningTime, set.StartAtLogin)
	}
	if isNew(t, s) {
		t.Error("the journal is still new after Start")
	}
	if _, err := s.StartedAt(u.ctx); err != nil {
		t.Errorf("the start is not recorded: %v", err)
	}
	if _, err := os.Stat(filepath.Join(u.autostart.Dir, desktop.AutostartFile)); err != nil {
		t.Errorf("no login entry after Start with the box ticked: %v", err)
	}

	// The next launch is an ordinary one.
	u2 := NewUI(test.NewTempApp(t), s, u.now)
	if m2 := newFirstRunMain(t, u2); m2.firstRun != nil {
		t.Error("the second launch shows the first-run panel again")
	}
}

func TestFirstRunRefusesABadTimeAndKeepsWhatWasTyped(t *testing.T) {
	cases := []struct{ evening, morning, bad, says string }{
		{"25:00", "07:30", "25:00", "“25:00” is not a time of day. Type it like 20:00 or 7:30."},
		{"20:00", "halb acht", "halb acht", "“halb acht” is not a time of day. Type it like 20:00 or 7:30."},
		{"", "07:30", "", "Type a time of day here, like 20:00."},
		{"20:00", "7:3", "7:3", "“7:3” is not a time of day. Type it like 20:00 or 7:30."},
	}
	for _, c := range cases {
		t.Run(c.bad, func(t *testing.T) {
			u, s, _ := newTestUI(t)
			m := newFirstRunMain(t, u)
			p := m.firstRun
			retype(p.evening, c.evening)
			retype(p.morning, c.morning)
			p.startAtLogin.SetChecked(false)
			test.Tap(p.start)

			errLabel, entry := p.eveningErr, p.evening
			if c.bad == c.morning {
				errLabel, entry = p.morningErr, p.morning
			}
			if !errLabel.Visible() || errLabel.Text != c.says {
				t.Fatalf("message under the entry: visible %v, %q", errLabel.Visible(), errLabel.Text)
			}
			if m.firstRun != p || m.win.Content() != p.content {
				t.Fatal("the panel went away over a bad time")
			}
			if p.evening.Text != c.evening || p.morning.Text != c.morning || p.startAtLogin.Checked {
				t.Errorf("typed values changed: %q, %q, %v", p.evening.Text, p.morning.Text, p.startAtLogin.Checked)
			}
			if !isNew(t, s) {
				t.Error("a bad time saved something")
			}
			// Typing again takes the message away; a good time starts.
			retype(entry, "19:30")
			if errLabel.Visible() {
				t.Error("the message stays while the time is typed again")
			}
			test.Tap(p.start)
			if m.firstRun != nil || isNew(t, s) {
				t.Fatal("a good time did not start the journal")
			}
			if _, err := os.Stat(filepath.Join(u.autostart.Dir, desktop.AutostartFile)); !os.IsNotExist(err) {
				t.Errorf("a login entry was written with the box unticked: %v", err)
			}
			set, _ := s.Settings(u.ctx)
			if set.StartAtLogin {
				t.Error("start at login saved on with the box unticked")
			}
		})
	}
}

func TestFirstRunOnlyOnANewJournal(t *testing.T) {
	u, s, _ := newTestUI(t)
	if err := s.SaveSettings(u.ctx, data.DefaultSettings()); err != nil {
		t.Fatal(err)
	}
	if m := newFirstRunMain(t, u); m.firstRun != nil || m.win.Content() != m.body {
		t.Error("a journal with saved settings shows the first-run panel")
	}
}

// TestFirstRunPanelRelabelKeepsTyping: the panel is drawn again in another language
// with what was typed kept.
func TestFirstRunPanelRelabelKeepsTyping(t *testing.T) {
	u, _, _ := newTestUI(t)
	m := newFirstRunMain(t, u)
	retype(m.firstRun.evening, "21:")
	m.firstRun.startAtLogin.SetChecked(false)
	useLook(t, u.app, "de", "light")
	m.relabel()
	p := m.firstRun
	if p == nil || m.win.Content() != p.content {
		t.Fatal("the panel is gone after a change of language")
	}
	if p.title.Text != "Willkommen bei Matchday" || p.evening.Text != "21:" || p.startAtLogin.Checked {
		t.Errorf("after relabel: %q, %q, %v", p.title.Text, p.evening.Text, p.startAtLogin.Checked)
	}
}

func TestFirstRunGolden(t *testing.T) {
	for _, look := range ritualLooks {
		t.Run(look.lang+"_"+look.variant, func(t *testing.T) {
			u, _, _ := newTestUI(t)
			useLook(t, u.app, look.lang, look.variant)
			m := newFirstRunMain(t, u)
			m.win.Resize(fyne.NewSize(480, 552))
			test.AssertRendersToMarkup(t, "firstrun_"+look.lang+"_"+look.variant+".xml", m.win.Canvas())
		})
	}
}

// TestNoMakeUpBeforeTheJournalsFirstDay: on the journal's first day
// neither the morning nor the main window offers to make up the evening
// before it; the next day they do, for the first day.
func TestNoMakeUpBeforeTheJournalsFirstDay(t *testing.T) {
	u, _, clock := newTestUI(t)
	if err := u.store.StartJournal(u.ctx, data.DefaultSettings()); err != nil {
		t.Fatal(err)
	}
	first := mustToday(t, u)
	main := u.ShowMain()
	m := u.ShowMorning(data.Day{})
	if m.noEvening.Visible() || m.eveningTitle.Visible() || m.winsBefore.Visible() {
		t.Errorf("first day's morning: no-evening %v, heading %v, wins line %v; want none of them",
			m.noEvening.Visible(), m.eveningTitle.Visible(), m.winsBefore.Visible())
	}
	if main.yesterday.Visible() {
		t.Errorf("first day's main window shows %q for the day before the journal", main.yesterday.Text.String())
	}

	// The next day, the first day's evening is there to make up.
	clock.Advance(24 * time.Hour)
	if mustToday(t, u) != first.AddDays(1) {
		t.Fatal("the clock did not move a day")
	}
	main.reload()
	m = u.ShowMorning(data.Day{})
	if !m.noEvening.Visible() || !m.eveningTitle.Visible() || !m.winsBefore.Visible() {
		t.Errorf("second day's morning: no-evening %v, heading %v, wins line %v; want all",
			m.noEvening.Visible(), m.eveningTitle.Visible(), m.winsBefore.Visible())
	}
	if !main.yesterday.Visible() {
		t.Error("second day's main window hides yesterday, the journal's first day")
	}
	test.Tap(m.makeUp)
	if u.evening == nil || u.evening.day != first {
		t.Error("Make it up now did not open the first day's evening")
	}
}

// TestMakeUpForDaysWrittenInBeforeTheStart: a day written in before the
// first run moves the journal's first day back; its next day can be made
// up.
func TestMakeUpForDaysWrittenInBeforeTheStart(t *testing.T) {
	u, _, _ := newTestUI(t)
	if err := u.store.StartJournal(u.ctx, data.DefaultSettings()); err != nil {
		t.Fatal(err)
	}
	today := mustToday(t, u)
	addWins(t, u.store, today.AddDays(-1), "Signed before Matchday")
	m := u.ShowMorning(data.Day{})
	if !m.noEvening.Visible() || !m.winsBefore.Visible() {
		t.Error("yesterday has a win, yet the morning offers nothing to make up")
	}
}

// TestStreakLineInTheMainWindowAndTheCelebration: the main window and the
// evening's celebration show the celebrated-evening streak and the best
// one, the overview's numbers (data.Store.Streaks); none before the first
// celebrated evening.
func TestStreakLineInTheMainWindowAndTheCelebration(t *testing.T) {
	u, _ := newRitualUI(t)
	today := mustToday(t, u)
	m := u.ShowMain()
	if m.streakBox.Visible() {
		t.Fatalf("streak line %q on a journal without a celebrated evening", m.streak.Text)
	}
	// A run of three two weeks ago, then the last two evenings.
	for _, back := range []int{14, 15, 16, 1, 2} {
		if _, err := u.store.CelebrateEvening(u.ctx, today.AddDays(-back), data.EveningAnswers{WentWell: "x"}); err != nil {
			t.Fatal(err)
		}
	}
	m.journalChanged()
	if want := "Celebrated evenings: 2 in a row · best 3"; !m.streakBox.Visible() || m.streak.Text != want {
		t.Fatalf("main window streak line: visible %v, %q; want %q", m.streakBox.Visible(), m.streak.Text, want)
	}
	ov, err := u.store.Overview(u.ctx, 0)
	if err != nil || ov.Streaks.Celebrated.Current != 2 || ov.Streaks.Celebrated.Longest != 3 {
		t.Fatalf("the overview says %+v, %v", ov.Streaks.Celebrated, err)
	}

	// Tonight's celebration makes it three in a row, equal to the best.
	e := u.ShowEvening(data.Day{})
	test.Type(e.wentWell, "Anna booked again")
	test.Tap(e.celebrate)
	c := e.celebration
	if want := "Celebrated evenings: 3 in a row · best 3"; !c.streak.Visible() || c.streak.Text != want {
		t.Errorf("celebration streak line: visible %v, %q; want %q", c.streak.Visible(), c.streak.Text, want)
	}
	m.journalChanged()
	if want := "Celebrated evenings: 3 in a row · best 3"; m.streak.Text != want {
		t.Errorf("main window after tonight: %q; want %q", m.streak.Text, want)
	}
}
