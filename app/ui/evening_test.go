package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"matchday/data"
)

// addWins logs wins on day straight into the store.
func addWins(t *testing.T, s *data.Store, day data.Day, texts ...string) {
	t.Helper()
	for _, text := range texts {
		if _, err := s.AddWin(context.Background(), day, data.NewWin{Text: text}); err != nil {
			t.Fatal(err)
		}
	}
}

func mustToday(t *testing.T, u *UI) data.Day {
	t.Helper()
	d, err := u.store.Today(u.ctx)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestEveningCelebrate(t *testing.T) {
	u, _ := newRitualUI(t)
	today := mustToday(t, u)
	addWins(t, u.store, today, "Signed the 800 EUR course", "Anna booked again", "Good session with Ben")

	e := u.ShowEvening(data.Day{})
	if e.day != today {
		t.Fatalf("window day = %s, want today %s", e.day, today)
	}
	if got := e.winsTitle.Text; got != "3 wins today" {
		t.Errorf("wins title = %q, want %q", got, "3 wins today")
	}
	if got := len(e.wins.Objects); got != 3 {
		t.Errorf("wins listed = %d, want 3", got)
	}
	if !e.celebrate.Disabled() || !e.celebrateTip.Visible() {
		t.Fatal("Celebrate must be disabled, with its hint, while both answers are empty")
	}

	test.Type(e.wentWell, "Anna said yes to the 5,000 coaching 🎉")
	test.Type(e.repeatHow, "Call two days after the course ends")
	if e.celebrate.Disabled() || e.celebrateTip.Visible() {
		t.Fatal("Celebrate still disabled after typing answers")
	}
	test.Tap(e.celebrate)

	ev := stored(t, u.store.Evening, today)
	if !ev.Celebrated() || ev.MadeUp {
		t.Errorf("stored evening celebrated %v, made up %v; want celebrated, on time", ev.Celebrated(), ev.MadeUp)
	}
	if ev.WentWell != "Anna said yes to the 5,000 coaching 🎉" || ev.RepeatHow != "Call two days after the course ends" {
		t.Errorf("stored answers %q / %q", ev.WentWell, ev.RepeatHow)
	}
	v, err := u.store.DayView(u.ctx, today)
	if err != nil || !v.Celebrated() {
		t.Fatalf("DayView celebrated = %v (%v), want true", v.Celebrated(), err)
	}
	if e.win.Content() != e.celebration.content() {
		t.Fatal("the window does not show the celebration after Celebrate")
	}
	if e.celebration.count.Text != "3" || e.celebration.countLabel.Text != "wins today" {
		t.Errorf("celebration shows %q %q, want 3 wins today", e.celebration.count.Text, e.celebration.countLabel.Text)
	}
	if e.celebration.closing.Text != "Enjoy tonight. Tomorrow: back to training." {
		t.Errorf("closing line = %q", e.celebration.closing.Text)
	}
	if e.celebration.madeUp.Visible() {
		t.Error("an on-time celebration is marked made up")
	}
	if e.celebration.confetti.Visible() {
		t.Error("confetti still showing after the animation ended")
	}

	test.Tap(e.celebration.back)
	if e.win.Content() != e.form || e.wentWell.Text != ev.WentWell {
		t.Error("Back to the reflection does not show the saved answers")
	}
}

// TestEveningKeyboard: the evening can be written and celebrated without
// the mouse. The window opens with the cursor in "What went well?", Tab
// moves on to "How do I repeat it?" (no tab character typed), and
// Ctrl+Enter celebrates, from an answer or from the window, but only when
// there is something to celebrate and only once.
func TestEveningKeyboard(t *testing.T) {
	u, _ := newRitualUI(t)
	today := mustToday(t, u)
	addWins(t, u.store, today, "Grüße an Jörg 🎉")
	ctrlEnter := &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault}

	e := u.ShowEvening(data.Day{})
	c := e.win.Canvas()
	if c.Focused() != e.wentWell {
		t.Fatalf("focused on open: %v, want the \"What went well?\" answer", c.Focused())
	}
	// Nothing typed yet: Ctrl+Enter does nothing.
	e.wentWell.TypedShortcut(ctrlEnter)
	if e.win.Content() != e.form {
		t.Fatal("Ctrl+Enter with both answers empty left the form")
	}

	test.Type(e.wentWell, "Über 800 € 🎉")
	if e.wentWell.AcceptsTab() || e.repeatHow.AcceptsTab() {
		t.Fatal("an answer takes Tab, so Tab types a tab instead of moving on")
	}
	test.FocusNext(c) // what the driver does on Tab when the entry does not take it
	if c.Focused() != e.repeatHow {
		t.Fatalf("focused after Tab: %v, want the \"How do I repeat it?\" answer", c.Focused())
	}
	test.Type(e.repeatHow, "Nächste Woche wieder ✅")
	// Other shortcuts still reach the entry.
	e.repeatHow.TypedShortcut(&fyne.ShortcutSelectAll{})
	if got := e.repeatHow.SelectedText(); got != "Nächste Woche wieder ✅" {
		t.Errorf("Ctrl+A selected %q, want the whole answer", got)
	}

	e.repeatHow.TypedShortcut(ctrlEnter)
	ev := stored(t, u.store.Evening, today)
	if !ev.Celebrated() || ev.WentWell != "Über 800 € 🎉" || ev.RepeatHow != "Nächste Woche wieder ✅" {
		t.Fatalf("after Ctrl+Enter: celebrated %v, answers %q / %q", ev.Celebrated(), ev.WentWell, ev.RepeatHow)
	}
	if e.win.Content() != e.celebration.content() {
		t.Fatal("Ctrl+Enter does not show the celebration")
	}

	// On the celebration, the window's Ctrl+Enter does not celebrate again.
	at := *ev.CelebratedAt
	c.(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyEnter, Modifier: fyne.KeyModifierShortcutDefault})
	if again := stored(t, u.store.Evening, today); !again.CelebratedAt.Equal(at) {
		t.Errorf("Ctrl+Enter on the celebration celebrated again at %v", again.CelebratedAt)
	}
	// Back on the form, the window's Ctrl+Enter (keypad Enter) celebrates
	// the edited answer with nothing focused.
	test.Tap(e.celebration.back)
	e.wentWell.SetText("Über 900 € 🎉")
	c.Unfocus()
	c.(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyEnter, Modifier: fyne.KeyModifierShortcutDefault})
	if got := stored(t, u.store.Evening, today).WentWell; got != "Über 900 € 🎉" || e.win.Content() != e.celebration.content() {
		t.Errorf("window Ctrl+Enter: stored %q, celebration shown %v", got, e.win.Content() == e.celebration.content())
	}
}

func TestEveningFocusCheck(t *testing.T) {
	for _, tc := range []struct {
		label string
		want  data.FocusResult
	}{
		{"Yes", data.FocusYes},
		{"Partly", data.FocusPartly},
		{"No", data.FocusNo},
	} {
		t.Run(string(tc.want), func(t *testing.T) {
			u, timer := newRitualUI(t)
			today := mustToday(t, u)
			if _, err := u.store.SetMorningFocus(u.ctx, today, "Ask for the next step"); err != nil {
				t.Fatal(err)
			}
			e := u.ShowEvening(today)
			if !e.focusBox.Visible() || !strings.Contains(e.focusText.Text, "Ask for the next step") {
				t.Fatalf("focus check not shown: visible %v, text %q", e.focusBox.Visible(), e.focusText.Text)
			}
			e.focusCheck.SetSelected(tc.label)
			timer.fire()
			if got := stored(t, u.store.Evening, today).FocusResult; got != tc.want {
				t.Fatalf("draft focus result = %q, want %q", got, tc.want)
			}
			test.Type(e.wentWell, "Asked all three clients")
			test.Tap(e.celebrate)
			ev := stored(t, u.store.Evening, today)
			if ev.FocusResult != tc.want || !ev.Celebrated() {
				t.Fatalf("celebrated evening focus result %q (celebrated %v), want %q", ev.FocusResult, ev.Celebrated(), tc.want)
			}
		})
	}
}

func TestEveningNoFocusNoCheck(t *testing.T) {
	u, _ := newRitualUI(t)
	e := u.ShowEvening(data.Day{})
	if e.focusBox.Visible() {
		t.Fatal("focus check shown on a day without a morning focus")
	}
}

func TestEveningAutosave(t *testing.T) {
	u, timer := newRitualUI(t)
	today := mustToday(t, u)
	e := u.ShowEvening(today)
	test.Type(e.wentWell, "The webinar")
	if _, err := u.store.Evening(u.ctx, today); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("a draft was saved before the pause: %v", err)
	}
	if timer.waiting() != 2 {
		t.Fatalf("timers waiting = %d, want 2 (the pause, restarted on each keystroke, and the max wait)", timer.waiting())
	}
	timer.fire()
	ev := stored(t, u.store.Evening, today)
	if ev.WentWell != "The webinar" || ev.Celebrated() {
		t.Fatalf("draft = %q celebrated %v, want the typed text as an uncelebrated draft", ev.WentWell, ev.Celebrated())
	}
	if !strings.HasPrefix(e.status.Text, "Draft saved at 14:00") {
		t.Errorf("status = %q, want the draft-saved line", e.status.Text)
	}
}

func TestEveningDraftSurvivesClose(t *testing.T) {
	u, _ := newRitualUI(t)
	today := mustToday(t, u)
	e := u.ShowEvening(data.Day{})
	test.Type(e.wentWell, "Ben renewed")
	test.Type(e.repeatHow, "Send the summary the same day")
	e.win.Close()
	if u.evening != nil {
		t.Fatal("closed window still registered")
	}
	ev := stored(t, u.store.Evening, today)
	if ev.WentWell != "Ben renewed" || ev.Celebrated() {
		t.Fatalf("after close: stored %q celebrated %v, want the draft", ev.WentWell, ev.Celebrated())
	}
	e = u.ShowEvening(data.Day{})
	if e.wentWell.Text != "Ben renewed" || e.repeatHow.Text != "Send the summary the same day" {
		t.Fatalf("reopened with %q / %q, want the draft", e.wentWell.Text, e.repeatHow.Text)
	}
}

func TestEveningCloseRequestSavesDraft(t *testing.T) {
	u, _ := newRitualUI(t)
	today := mustToday(t, u)
	e := u.ShowEvening(today)
	test.Type(e.wentWell, "Closed with the window button")
	e.onCloseRequested()
	if got := stored(t, u.store.Evening, today).WentWell; got != "Closed with the window button" {
		t.Fatalf("stored %q after the close button", got)
	}
	if u.evening != nil {
		t.Error("window not closed after its draft was saved")
	}
}

func TestEveningPastDay(t *testing.T) {
	u, _ := newRitualUI(t)
	today := mustToday(t, u)
	yesterday, before := today.AddDays(-1), today.AddDays(-2)
	addWins(t, u.store, yesterday, "Workshop sold out")
	todayEv, err := u.store.CelebrateEvening(u.ctx, today, data.EveningAnswers{WentWell: "today"})
	if err != nil {
		t.Fatal(err)
	}
	beforeEv, err := u.store.SaveEveningDraft(u.ctx, before, data.EveningAnswers{RepeatHow: "two days ago"})
	if err != nil {
		t.Fatal(err)
	}

	e := u.ShowEvening(data.Day{})
	if !e.switcher.next.Disabled() {
		t.Error("next day is enabled on today")
	}
	test.Tap(e.switcher.prev)
	if e.day != yesterday || !strings.HasPrefix(e.switcher.label.Text, "Yesterday") {
		t.Fatalf("after previous: day %s, label %q", e.day, e.switcher.label.Text)
	}
	if e.winsTitle.Text != "1 win that day" {
		t.Errorf("wins title = %q", e.winsTitle.Text)
	}
	if e.status.Text != "This day is over: celebrating it now marks it as made up late." {
		t.Errorf("status on an open past day = %q", e.status.Text)
	}
	test.Type(e.wentWell, "The workshop")
	test.Tap(e.celebrate)

	ev := stored(t, u.store.Evening, yesterday)
	if !ev.Celebrated() || !ev.MadeUp {
		t.Fatalf("yesterday celebrated %v, made up %v; want a late celebration", ev.Celebrated(), ev.MadeUp)
	}
	if !e.celebration.madeUp.Visible() || e.celebration.countLabel.Text != "win that day" {
		t.Errorf("celebration: made up shown %v, line %q", e.celebration.madeUp.Visible(), e.celebration.countLabel.Text)
	}
	test.Tap(e.celebration.back)
	if !strings.HasPrefix(e.status.Text, "Celebrated late, on 2026-11-26") {
		t.Errorf("status = %q, want the made-up-late mark", e.status.Text)
	}
	for _, want := range []data.Evening{todayEv, beforeEv} {
		got := stored(t, u.store.Evening, want.Day)
		if got.WentWell != want.WentWell || got.RepeatHow != want.RepeatHow || !got.UpdatedAt.Equal(want.UpdatedAt) || got.Celebrated() != want.Celebrated() {
			t.Errorf("%s changed: %+v, was %+v", want.Day, got, want)
		}
	}

	// Reopening a past day shows its text; editing it leaves it celebrated
	// and still made up.
	e.switcher.goTo(before)
	if e.repeatHow.Text != "two days ago" {
		t.Errorf("day before yesterday shows %q", e.repeatHow.Text)
	}
}

func TestEveningLateSaveMarkedLate(t *testing.T) {
	u, _, clock := newTestUI(t)
	today := mustToday(t, u)
	e := u.ShowEvening(today)
	test.Type(e.wentWell, "Late night call went well")
	// Past midnight but before the day starts (04:00): still the same day.
	clock.Advance(11 * time.Hour)
	test.Tap(e.celebrate)
	if ev := stored(t, u.store.Evening, today); ev.MadeUp {
		t.Fatal("celebrated at 01:00 the same logical day, marked late")
	}
	e.win.Close()

	clock.Advance(27 * time.Hour) // Saturday 04:00: Friday has ended
	e = u.ShowEvening(today)
	if e.day != today {
		t.Fatalf("window day %s, want %s", e.day, today)
	}
	next := today.AddDays(1)
	e.switcher.goTo(next)
	test.Type(e.repeatHow, "Written the next day")
	test.Tap(e.celebrate)
	if ev := stored(t, u.store.Evening, next); !ev.MadeUp {
		t.Fatal("a day celebrated after it ended is not marked made up")
	}
}

func TestEveningTooLong(t *testing.T) {
	u, timer := newRitualUI(t)
	today := mustToday(t, u)
	e := u.ShowEvening(today)
	test.Type(e.wentWell, "short")
	timer.fire()
	long := strings.Repeat("äpfel ", 1667) // 10,001 characters once trimmed; words wrap fast
	if n := data.TextLen(long); n != data.MaxAnswer+1 {
		t.Fatalf("test text is %d characters", n)
	}
	e.repeatHow.SetText(long)
	if !e.repeatHowErr.Visible() || !strings.Contains(e.repeatHowErr.Text, "10001") {
		t.Fatalf("inline error visible %v, text %q", e.repeatHowErr.Visible(), e.repeatHowErr.Text)
	}
	if !e.celebrate.Disabled() {
		t.Fatal("Celebrate enabled with a too-long answer")
	}
	timer.fire()
	if e.repeatHow.Text != long {
		t.Fatal("the too-long text was not kept")
	}
	if top := e.win.Canvas().Overlays().Top(); top != nil {
		t.Fatal("a too-long answer put up a dialog; it belongs inline")
	}
	if got := stored(t, u.store.Evening, today).RepeatHow; got != "" {
		t.Fatalf("stored a too-long answer (%d chars)", len(got))
	}
	if !e.saver.pending() {
		t.Fatal("the too-long draft is no longer pending")
	}
	e.repeatHow.SetText("shortened")
	if e.repeatHowErr.Visible() || e.celebrate.Disabled() {
		t.Fatal("error still shown after shortening")
	}
	timer.fire()
	if got := stored(t, u.store.Evening, today).RepeatHow; got != "shortened" {
		t.Fatalf("stored %q after shortening", got)
	}
}

func TestEveningStoreErrorKeepsText(t *testing.T) {
	u, timer := newRitualUI(t)
	e := u.ShowEvening(data.Day{})
	u.store.Close() // every save fails from here on
	test.Type(e.wentWell, "Keep me")
	timer.fire()
	if e.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no dialog after a failed autosave")
	}
	if e.wentWell.Text != "Keep me" || !e.saver.pending() {
		t.Fatalf("text %q pending %v after a failed save; want both kept", e.wentWell.Text, e.saver.pending())
	}
	e.win.Canvas().Overlays().Top().Hide()
	test.Tap(e.celebrate)
	if e.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no dialog after a failed Celebrate")
	}
	if e.win.Content() != e.form || e.wentWell.Text != "Keep me" {
		t.Fatal("a failed Celebrate left the form or lost the text")
	}
	e.onCloseRequested()
	if u.evening == nil {
		t.Fatal("the window closed although its draft could not be saved")
	}
}

func TestEveningNoWins(t *testing.T) {
	u, _ := newRitualUI(t)
	today := mustToday(t, u)
	e := u.ShowEvening(today)
	if e.winsTitle.Text != "No wins logged today" {
		t.Errorf("wins title = %q", e.winsTitle.Text)
	}
	if !e.noWinsHint.Visible() || !strings.Contains(e.noWinsHint.Text, "Tomorrow, look for one small win: ") {
		t.Errorf("no small-win suggestion: %q", e.noWinsHint.Text)
	}
	test.Type(e.wentWell, "I kept going")
	test.Tap(e.celebrate)
	if !stored(t, u.store.Evening, today).Celebrated() {
		t.Fatal("a day without wins cannot be celebrated")
	}
	if e.celebration.count.Text != "0" {
		t.Errorf("count = %q", e.celebration.count.Text)
	}
}

func TestEveningShowAgainSwitchesDay(t *testing.T) {
	u, _ := newRitualUI(t)
	today := mustToday(t, u)
	e := u.ShowEvening(data.Day{})
	test.Type(e.wentWell, "today's draft")
	again := u.ShowEvening(today.AddDays(-3))
	if again != e || e.day != today.AddDays(-3) {
		t.Fatalf("ShowEvening again: same window %v, day %s", again == e, e.day)
	}
	if got := stored(t, u.store.Evening, today).WentWell; got != "today's draft" {
		t.Fatalf("switching day did not save the draft first: %q", got)
	}
	if e.wentWell.Text != "" {
		t.Errorf("the other day shows %q", e.wentWell.Text)
	}
}

func TestDaySwitcherPicker(t *testing.T) {
	u, _ := newRitualUI(t)
	today := mustToday(t, u)
	e := u.ShowEvening(today)
	s := e.switcher
	test.Tap(s.pick)
	if !s.popup.Visible() || s.dateEntry.Text != today.String() {
		t.Fatalf("picker visible %v, entry %q", s.popup.Visible(), s.dateEntry.Text)
	}
	for _, tc := range []struct{ typed, wantErr string }{
		{"26.11.2026", "Type the day as YYYY-MM-DD, for example 2026-11-24."},
		{today.AddDays(1).String(), "That day has not happened yet: pick today or an earlier day."},
	} {
		s.dateEntry.SetText(tc.typed)
		test.Tap(s.goButton)
		if !s.dateError.Visible() || s.dateError.Text != tc.wantErr {
			t.Errorf("typed %q: error shown %v %q, want %q", tc.typed, s.dateError.Visible(), s.dateError.Text, tc.wantErr)
		}
		if e.day != today || s.dateEntry.Text != tc.typed {
			t.Errorf("typed %q: day moved to %s or text lost (%q)", tc.typed, e.day, s.dateEntry.Text)
		}
	}
	s.dateEntry.SetText("2026-01-31")
	test.Tap(s.goButton)
	if s.popup.Visible() || e.day != data.NewDay(2026, time.January, 31) {
		t.Fatalf("typed a past day: popup visible %v, day %s", s.popup.Visible(), e.day)
	}
	if s.label.Text != "Saturday, 31 January 2026" || s.next.Disabled() {
		t.Errorf("label %q, next disabled %v", s.label.Text, s.next.Disabled())
	}
	test.Tap(s.next)
	if e.day != data.NewDay(2026, time.February, 1) {
		t.Errorf("next day = %s", e.day)
	}
}

func TestEveningCelebratedKeepsAnAnswer(t *testing.T) {
	u, timer := newRitualUI(t)
	today := mustToday(t, u)
	if _, err := u.store.CelebrateEvening(u.ctx, today, data.EveningAnswers{WentWell: "kept"}); err != nil {
		t.Fatal(err)
	}
	e := u.ShowEvening(today)
	if e.status.Text != "Celebrated. Changes are saved as you type." {
		t.Errorf("status = %q", e.status.Text)
	}
	e.wentWell.SetText("")
	timer.fire()
	if e.win.Canvas().Overlays().Top() != nil {
		t.Fatal("emptying a celebrated evening put up a dialog; it belongs in the status line")
	}
	if e.status.Text != "A celebrated evening keeps at least one answer; this change was not saved." || !e.celebrate.Disabled() {
		t.Fatalf("status %q, celebrate disabled %v", e.status.Text, e.celebrate.Disabled())
	}
	if got := stored(t, u.store.Evening, today); got.WentWell != "kept" || !got.Celebrated() {
		t.Fatalf("stored %q celebrated %v", got.WentWell, got.Celebrated())
	}
	test.Type(e.wentWell, "rewritten")
	timer.fire()
	if got := stored(t, u.store.Evening, today).WentWell; got != "rewritten" || !strings.HasPrefix(e.status.Text, "Changes saved at") {
		t.Fatalf("stored %q, status %q", got, e.status.Text)
	}
}

func TestEveningShowAgainShowsNewWins(t *testing.T) {
	u, _ := newRitualUI(t)
	today := mustToday(t, u)
	e := u.ShowEvening(data.Day{})
	test.Type(e.wentWell, "still typing")
	addWins(t, u.store, today, "Logged from the main window")
	u.ShowEvening(data.Day{})
	if e.winsTitle.Text != "1 win today" || len(e.wins.Objects) != 1 || e.noWinsHint.Visible() {
		t.Fatalf("after a win elsewhere: title %q, %d rows", e.winsTitle.Text, len(e.wins.Objects))
	}
	if e.wentWell.Text != "still typing" {
		t.Fatalf("refreshing the wins changed the answer to %q", e.wentWell.Text)
	}
}

// otherHandle opens the test journal a second time, as the command line or
// the agent would.
func otherHandle(t *testing.T, u *UI) *data.Store {
	t.Helper()
	o, err := data.Open(u.store.Path(), data.WithClock(u.now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { o.Close() })
	return o
}

func TestEveningRelabelKeepsDayAnswersAndDraft(t *testing.T) {
	u, timer := newRitualUI(t)
	yesterday := mustToday(t, u).AddDays(-1)
	addWins(t, u.store, yesterday, "Anna booked again")
	if _, err := u.store.SetMorningFocus(u.ctx, yesterday, "Ask for referrals"); err != nil {
		t.Fatal(err)
	}
	e := u.ShowEvening(yesterday)
	e.focusCheck.SetSelected("Partly")
	test.Type(e.wentWell, "Listened first")
	e.win.Canvas().Focus(e.repeatHow)

	u.useLanguage("de")

	if e.win.Title() != "Abendreflexion" || e.celebrate.Text != "Feiern" || !strings.HasPrefix(e.switcher.label.Text, "Gestern") {
		t.Errorf("not in German: title %q, button %q, day %q", e.win.Title(), e.celebrate.Text, e.switcher.label.Text)
	}
	if e.day != yesterday || len(e.wins.Objects) != 1 || !e.focusBox.Visible() {
		t.Errorf("relabel lost the day: %s, %d wins, focus shown %v", e.day, len(e.wins.Objects), e.focusBox.Visible())
	}
	if e.wentWell.Text != "Listened first" || e.focusCheck.Selected != "Teilweise" {
		t.Errorf("relabel lost the answers: %q, focus check %q", e.wentWell.Text, e.focusCheck.Selected)
	}
	if e.win.Canvas().Focused() != e.repeatHow {
		t.Error("relabel took the cursor out of the answer it was in")
	}
	if e.wentWell.CursorColumn != len("Listened first") {
		t.Errorf("relabel moved the cursor in the first answer to column %d", e.wentWell.CursorColumn)
	}
	if !e.saver.pending() {
		t.Fatal("the answers typed no longer count as unsaved")
	}
	timer.fire()
	if ev := stored(t, u.store.Evening, yesterday); ev.WentWell != "Listened first" || ev.FocusResult != data.FocusPartly {
		t.Errorf("draft after relabel = %q, %v", ev.WentWell, ev.FocusResult)
	}
}

func TestEveningRelabelKeepsTheCelebration(t *testing.T) {
	u, _ := newRitualUI(t)
	addWins(t, u.store, mustToday(t, u), "Signed the course")
	e := u.ShowEvening(data.Day{})
	test.Type(e.wentWell, "Asked twice")
	test.Tap(e.celebrate)
	english := e.celebration.countLabel.Text

	u.useLanguage("de")

	if e.win.Content() != e.celebration.content() {
		t.Fatal("relabel left the celebration for the form")
	}
	if got := e.celebration.countLabel.Text; got == english || got != celebrationLine(1, true) {
		t.Errorf("celebration says %q after the switch to German", got)
	}
	test.Tap(e.celebration.back)
	if e.wentWell.Text != "Asked twice" || e.status.Text != lang.L("evening.status.celebrated") {
		t.Errorf("back in the form: %q, status %q", e.wentWell.Text, e.status.Text)
	}
}

func TestEveningFollowsTheJournal(t *testing.T) {
	u, timer := newRitualUI(t)
	today := mustToday(t, u)
	e := u.ShowEvening(data.Day{})
	other := otherHandle(t, u)

	addWins(t, other, today, "Logged from the command line")
	if _, err := other.CelebrateEvening(u.ctx, today, data.EveningAnswers{WentWell: "Written elsewhere"}); err != nil {
		t.Fatal(err)
	}
	u.onWatchTick()

	if len(e.wins.Objects) != 1 || e.wentWell.Text != "Written elsewhere" {
		t.Errorf("after a tick: %d wins, went well %q; want what the other handle wrote", len(e.wins.Objects), e.wentWell.Text)
	}
	if e.status.Text != lang.L("evening.status.celebrated") || e.celebrate.Disabled() {
		t.Errorf("status %q after the evening was celebrated elsewhere", e.status.Text)
	}

	// What is typed here and not saved yet stays; the wins still come in.
	test.Type(e.repeatHow, "Mine")
	if _, err := other.SaveEveningDraft(u.ctx, today, data.EveningAnswers{WentWell: "Changed elsewhere", RepeatHow: "Theirs"}); err != nil {
		t.Fatal(err)
	}
	addWins(t, other, today, "Another one")
	u.onWatchTick()
	if e.repeatHow.Text != "Mine" || e.wentWell.Text != "Written elsewhere" {
		t.Errorf("the journal overwrote unsaved typing: %q / %q", e.wentWell.Text, e.repeatHow.Text)
	}
	if len(e.wins.Objects) != 2 {
		t.Errorf("%d wins listed, want the second one logged elsewhere", len(e.wins.Objects))
	}
	timer.fire()
	if ev := stored(t, u.store.Evening, today); ev.RepeatHow != "Mine" {
		t.Errorf("stored repeat-how %q, want the text typed here", ev.RepeatHow)
	}
}

// TestPickADayGreysOutFutureDays is issue 14's "Pick a day": the picker's
// days after today are greyed out, and the days back to 1 January 1900
// open (the evening's small-win suggestion once crashed before 2000).
func TestPickADayGreysOutFutureDays(t *testing.T) {
	u, _ := newRitualUI(t)
	today := mustToday(t, u) // 2026-11-26
	e := u.ShowEvening(today)
	s := e.switcher
	test.Tap(s.pick)
	for n := 1; n <= 30; n++ {
		if s.calendar.Day(n).Disabled() != (n > today.DayOfMonth()) {
			t.Errorf("day %d of the month disabled %v", n, s.calendar.Day(n).Disabled())
		}
	}
	test.Tap(s.calendar.Day(today.DayOfMonth() + 1))
	if e.day != today || !s.popup.Visible() {
		t.Errorf("tapping tomorrow moved to %s", e.day)
	}
	test.Tap(s.calendar.Day(20))
	if e.day != data.NewDay(2026, time.November, 20) {
		t.Errorf("tapping the 20th showed %s", e.day)
	}
	for _, tc := range []struct {
		typed string
		day   data.Day
		err   string
	}{
		{"1899-12-31", today, "Matchday's days start on 1 January 1900: pick that day or a later one."},
		{"1999-12-31", data.NewDay(1999, time.December, 31), ""},
		{"1900-01-01", data.NewDay(1900, time.January, 1), ""},
	} {
		e.switcher.goTo(today)
		test.Tap(s.pick)
		s.dateEntry.SetText(tc.typed)
		test.Tap(s.goButton)
		if e.day != tc.day || (tc.err != "" && s.dateError.Text != tc.err) {
			t.Errorf("typed %s: day %s, error %q", tc.typed, e.day, s.dateError.Text)
		}
		if tc.err == "" {
			test.Type(e.wentWell, "Alter Sieg")
			if err := e.saver.saveNow(); err != nil {
				t.Errorf("%s: %v", tc.day, err)
			}
		}
	}
	if !s.prev.Disabled() {
		t.Error("the day before 1 January 1900 can be reached")
	}
	m := u.ShowMorning(data.NewDay(1900, time.January, 1))
	if m.day != data.NewDay(1900, time.January, 1) {
		t.Errorf("the morning of 1900-01-01 shows %s", m.day)
	}
	for _, d := range []data.Day{data.NewDay(1900, 1, 1), data.NewDay(1999, 12, 31), data.NewDay(1970, 1, 1)} {
		if smallWinSuggestion(d) == "" {
			t.Errorf("no small win for %s", d)
		}
	}
}

// FuzzDaySwitcher types anything into the picker's date entry: the window
// never shows a day after today or before 1900, and never panics.
func FuzzDaySwitcher(f *testing.F) {
	for _, s := range []string{"2026-11-26", "2026-11-27", "1900-01-01", "1899-12-31", "0000-01-01", "9999-12-31", "26.11.2026", "", "x"} {
		f.Add(s)
	}
	u, _ := newRitualUI(f)
	today, _ := u.store.Today(u.ctx)
	e := u.ShowEvening(today)
	s := e.switcher
	f.Fuzz(func(t *testing.T, typed string) {
		test.Tap(s.pick)
		s.dateEntry.SetText(typed)
		test.Tap(s.goButton)
		if e.day.After(today) || e.day.Before(data.FirstDay()) || s.day != e.day {
			t.Fatalf("typed %q: the window shows %s (switcher %s)", typed, e.day, s.day)
		}
		s.popup.Hide()
	})
}
