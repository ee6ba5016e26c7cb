package ui

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"matchday/data"
)

func TestMorningShowsLastEvening(t *testing.T) {
	u, _ := newRitualUI(t)
	today := mustToday(t, u)
	yesterday := today.AddDays(-1)
	addWins(t, u.store, yesterday, "Signed the 800 EUR course", "Anna booked again")
	if _, err := u.store.CelebrateEvening(u.ctx, yesterday, data.EveningAnswers{
		WentWell: "Anna booked the coaching", RepeatHow: "Offer the next step at the end of every course",
	}); err != nil {
		t.Fatal(err)
	}
	m := u.ShowMorning(data.Day{})
	if m.win.Title() != "Morning focus" {
		t.Errorf("title = %q", m.win.Title())
	}
	if !m.answers.Visible() || m.noEvening.Visible() {
		t.Fatal("last evening's answers are not shown")
	}
	if m.repeatHow.Text != "Offer the next step at the end of every course" || m.wentWell.Text != "Anna booked the coaching" {
		t.Errorf("answers shown: %q / %q", m.repeatHow.Text, m.wentWell.Text)
	}
	// Both wins were logged at the same (fake) instant, so either order is right.
	line := m.winsBefore.Text
	if !strings.HasPrefix(line, "Yesterday: 2 wins – ") || !strings.Contains(line, "Signed the 800 EUR course") ||
		!strings.Contains(line, " · ") || !strings.Contains(line, "Anna booked again") {
		t.Errorf("wins line = %q, want yesterday's two wins in one line", line)
	}
	if m.eveningTitle.Text != "Last evening" {
		t.Errorf("heading = %q", m.eveningTitle.Text)
	}
}

func TestMorningNoEveningMakeUp(t *testing.T) {
	u, _ := newRitualUI(t)
	today := mustToday(t, u)
	m := u.ShowMorning(today)
	if m.answers.Visible() || !m.noEvening.Visible() || m.noEveningText.Text != "No reflection last evening." {
		t.Fatalf("no-evening line: visible %v, %q", m.noEvening.Visible(), m.noEveningText.Text)
	}
	if m.winsBefore.Text != "Yesterday: no wins logged." {
		t.Errorf("wins line = %q", m.winsBefore.Text)
	}
	if !m.useRepeat.Disabled() {
		t.Error("“use last evening's answer” enabled with no evening")
	}
	test.Tap(m.makeUp)
	if u.evening == nil || u.evening.day != today.AddDays(-1) {
		t.Fatal("Make it up now did not open yesterday's evening")
	}
	e := u.evening
	test.Type(e.repeatHow, "Book the follow-up in the session")
	test.Tap(e.celebrate)
	if !m.answers.Visible() || m.repeatHow.Text != "Book the follow-up in the session" || m.useRepeat.Disabled() {
		t.Fatal("the morning window did not pick up the evening made up now")
	}
}

func TestMorningSetFocus(t *testing.T) {
	u, _ := newRitualUI(t)
	today := mustToday(t, u)
	main := u.ShowMain()
	if strings.Contains(main.focus.String(), "Ask every client") {
		t.Fatal("the main window shows a focus before one is set")
	}
	m := u.ShowMorning(data.Day{})
	if !m.save.Disabled() || !m.saveTip.Visible() {
		t.Fatal("Set focus enabled, or its hint hidden, with an empty focus")
	}
	test.Type(m.focus, "Ask every client what they want next ")
	if m.save.Disabled() || m.counter.Text != "36 / 200" {
		t.Fatalf("save disabled %v, counter %q", m.save.Disabled(), m.counter.Text)
	}
	test.Tap(m.save)
	mo := stored(t, u.store.Morning, today)
	if !mo.IsSet() || mo.Focus != "Ask every client what they want next" {
		t.Fatalf("stored focus %q set %v", mo.Focus, mo.IsSet())
	}
	v, err := u.store.DayView(u.ctx, today)
	if err != nil || v.Focus() != "Ask every client what they want next" {
		t.Fatalf("DayView focus = %q (%v)", v.Focus(), err)
	}
	if m.status.Text != "Focus set. Go train it." {
		t.Errorf("status = %q", m.status.Text)
	}
	// The main window shows it at the top.
	if !strings.Contains(main.focus.String(), "Ask every client what they want next") {
		t.Errorf("the main window shows %q after the focus was set", main.focus.String())
	}
	// The evening asks about it.
	e := u.ShowEvening(today)
	if !e.focusBox.Visible() || !strings.Contains(e.focusText.Text, "Ask every client what they want next") {
		t.Error("the evening window does not ask about the focus just set")
	}
}

func TestMorningFocusReachesOpenEvening(t *testing.T) {
	u, _ := newRitualUI(t)
	today := mustToday(t, u)
	e := u.ShowEvening(today)
	test.Type(e.wentWell, "typed before the focus was set")
	if e.focusBox.Visible() {
		t.Fatal("focus check shown before a focus was set")
	}
	m := u.ShowMorning(today)
	test.Type(m.focus, "One call before ten")
	test.Tap(m.save)
	if !e.focusBox.Visible() || !strings.Contains(e.focusText.Text, "One call before ten") {
		t.Fatal("the open evening window did not pick up the focus")
	}
	if e.wentWell.Text != "typed before the focus was set" {
		t.Fatalf("the evening's answer changed to %q", e.wentWell.Text)
	}
}

func TestMorningSubmitWithEnter(t *testing.T) {
	u, _ := newRitualUI(t)
	today := mustToday(t, u)
	m := u.ShowMorning(today)
	m.focus.OnSubmitted("")
	if _, err := u.store.Morning(u.ctx, today); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("Enter on an empty focus saved something: %v", err)
	}
	test.Type(m.focus, "One call before ten")
	m.focus.OnSubmitted(m.focus.Text)
	if !stored(t, u.store.Morning, today).IsSet() {
		t.Fatal("Enter did not set the focus")
	}
}

func TestMorningUseRepeat(t *testing.T) {
	u, _ := newRitualUI(t)
	today := mustToday(t, u)
	if _, err := u.store.CelebrateEvening(u.ctx, today.AddDays(-1), data.EveningAnswers{RepeatHow: "Send the offer\nthe same day"}); err != nil {
		t.Fatal(err)
	}
	m := u.ShowMorning(today)
	if m.useRepeat.Disabled() {
		t.Fatal("“use last evening's answer” disabled although there is one")
	}
	test.Tap(m.useRepeat)
	if m.focus.Text != "Send the offer the same day" {
		t.Fatalf("focus entry = %q", m.focus.Text)
	}
	if m.save.Disabled() {
		t.Error("Set focus disabled after the one-click fill")
	}
}

func TestFocusFromLongAnswer(t *testing.T) {
	long := strings.Repeat("word ", 100)
	got := focusFrom(long)
	if n := data.TextLen(got); n > data.MaxFocus || n < data.MaxFocus/2 {
		t.Fatalf("focusFrom gave %d characters, want at most %d", n, data.MaxFocus)
	}
	if !strings.HasSuffix(got, "word…") {
		t.Errorf("not cut at a word: %q", got[len(got)-12:])
	}
}

func TestMorningTooLong(t *testing.T) {
	u, timer := newRitualUI(t)
	today := mustToday(t, u)
	m := u.ShowMorning(today)
	long := strings.Repeat("ö", data.MaxFocus+1)
	m.focus.SetText(long)
	if !m.focusErr.Visible() || !m.save.Disabled() {
		t.Fatalf("201 characters: error shown %v, save disabled %v", m.focusErr.Visible(), m.save.Disabled())
	}
	timer.fire()
	if m.focus.Text != long || m.win.Canvas().Overlays().Top() != nil {
		t.Fatal("the too-long focus was not kept, or put up a dialog")
	}
	if _, err := u.store.Morning(u.ctx, today); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("a too-long draft was stored: %v", err)
	}
}

func TestMorningDraftSurvivesClose(t *testing.T) {
	u, timer := newRitualUI(t)
	today := mustToday(t, u)
	m := u.ShowMorning(today)
	test.Type(m.focus, "Half a thought")
	timer.fire()
	if mo := stored(t, u.store.Morning, today); mo.Focus != "Half a thought" || mo.IsSet() {
		t.Fatalf("autosaved %q set %v, want an unset draft", mo.Focus, mo.IsSet())
	}
	test.Type(m.focus, " and more")
	m.win.Close()
	m = u.ShowMorning(data.Day{})
	if m.focus.Text != "Half a thought and more" {
		t.Fatalf("reopened with %q", m.focus.Text)
	}
	if stored(t, u.store.Morning, today).IsSet() {
		t.Fatal("closing the window set the focus; only Set focus may")
	}
}

func TestMorningPastDay(t *testing.T) {
	u, _ := newRitualUI(t)
	today := mustToday(t, u)
	todayM, err := u.store.SetMorningFocus(u.ctx, today, "Today's focus")
	if err != nil {
		t.Fatal(err)
	}
	m := u.ShowMorning(data.Day{})
	if m.focus.Text != "Today's focus" || m.status.Text != "Focus set for this day." {
		t.Fatalf("today shows %q, status %q", m.focus.Text, m.status.Text)
	}
	test.Tap(m.switcher.prev)
	test.Tap(m.switcher.prev)
	past := today.AddDays(-2)
	if m.day != past || m.eveningTitle.Text != "The evening before" || m.focus.Text != "" {
		t.Fatalf("after two days back: day %s, heading %q, focus %q", m.day, m.eveningTitle.Text, m.focus.Text)
	}
	test.Type(m.focus, "Written later")
	test.Tap(m.save)
	if got := stored(t, u.store.Morning, past); got.Focus != "Written later" || !got.IsSet() {
		t.Fatalf("past day focus %q set %v", got.Focus, got.IsSet())
	}
	if got := stored(t, u.store.Morning, today); got.Focus != todayM.Focus || !got.UpdatedAt.Equal(todayM.UpdatedAt) {
		t.Fatalf("today's focus changed: %+v", got)
	}
	if _, err := u.store.Morning(u.ctx, today.AddDays(-1)); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("yesterday got a focus: %v", err)
	}
}

func TestMorningStoreErrorKeepsText(t *testing.T) {
	u, timer := newRitualUI(t)
	m := u.ShowMorning(data.Day{})
	u.store.Close()
	test.Type(m.focus, "Keep me too")
	timer.fire()
	if m.win.Canvas().Overlays().Top() == nil || m.focus.Text != "Keep me too" || !m.saver.pending() {
		t.Fatal("a failed autosave must show a dialog and keep the text pending")
	}
	m.win.Canvas().Overlays().Top().Hide()
	test.Tap(m.save)
	if m.win.Canvas().Overlays().Top() == nil || m.focus.Text != "Keep me too" {
		t.Fatal("a failed Set focus must show a dialog and keep the text")
	}
}

func TestMorningSetFocusKeepsText(t *testing.T) {
	u, timer := newRitualUI(t)
	today := mustToday(t, u)
	if _, err := u.store.SetMorningFocus(u.ctx, today, "Set earlier"); err != nil {
		t.Fatal(err)
	}
	m := u.ShowMorning(today)
	m.focus.SetText("   ")
	if !m.save.Disabled() || !m.saveTip.Visible() {
		t.Fatal("an empty focus can be saved")
	}
	timer.fire()
	if m.win.Canvas().Overlays().Top() != nil || m.status.Text != "Write one thing to train today." {
		t.Fatalf("emptying a set focus: dialog %v, status %q", m.win.Canvas().Overlays().Top() != nil, m.status.Text)
	}
	if got := stored(t, u.store.Morning, today).Focus; got != "Set earlier" {
		t.Fatalf("stored focus %q", got)
	}
	test.Type(m.focus, "Changed later")
	timer.fire()
	if got := stored(t, u.store.Morning, today); got.Focus != "Changed later" || !got.IsSet() || !strings.HasPrefix(m.status.Text, "Focus updated at") {
		t.Fatalf("stored %q set %v, status %q", got.Focus, got.IsSet(), m.status.Text)
	}
}

func TestMorningRelabelKeepsFocusTyped(t *testing.T) {
	u, timer := newRitualUI(t)
	m := u.ShowMorning(data.Day{})
	test.Type(m.focus, "Call Anna back")

	u.useLanguage("de")

	if m.win.Title() != "Morgenfokus" || m.save.Text != "Fokus setzen" || m.eveningTitle.Text != "Gestern Abend" {
		t.Errorf("not in German: %q, %q, %q", m.win.Title(), m.save.Text, m.eveningTitle.Text)
	}
	if m.focus.Text != "Call Anna back" || m.save.Disabled() || m.day != mustToday(t, u) {
		t.Errorf("relabel lost the focus typed (%q) or the day (%s)", m.focus.Text, m.day)
	}
	if m.focus.CursorColumn != len("Call Anna back") {
		t.Errorf("relabel moved the cursor to column %d", m.focus.CursorColumn)
	}
	if !m.saver.pending() {
		t.Fatal("the focus typed no longer counts as unsaved")
	}
	timer.fire()
	if mo := stored(t, u.store.Morning, m.day); mo.Focus != "Call Anna back" {
		t.Errorf("draft after relabel = %q", mo.Focus)
	}
}

func TestMorningFollowsTheJournal(t *testing.T) {
	u, _ := newRitualUI(t)
	today := mustToday(t, u)
	m := u.ShowMorning(data.Day{})
	other := otherHandle(t, u)

	addWins(t, other, today.AddDays(-1), "Yesterday's sale")
	if _, err := other.CelebrateEvening(u.ctx, today.AddDays(-1), data.EveningAnswers{WentWell: "Asked", RepeatHow: "Ask again"}); err != nil {
		t.Fatal(err)
	}
	if _, err := other.SetMorningFocus(u.ctx, today, "Set from the command line"); err != nil {
		t.Fatal(err)
	}
	u.onWatchTick()

	if m.repeatHow.Text != "Ask again" || !strings.Contains(m.winsBefore.Text, "Yesterday's sale") {
		t.Errorf("the evening before shows %q, %q", m.repeatHow.Text, m.winsBefore.Text)
	}
	if m.focus.Text != "Set from the command line" || m.status.Text != lang.L("morning.status.set") || m.saver.pending() {
		t.Errorf("focus %q, status %q after it was set elsewhere", m.focus.Text, m.status.Text)
	}

	// A focus typed here and not saved yet stays.
	m.focus.SetText("Mine, not saved yet")
	if _, err := other.SetMorningFocus(u.ctx, today, "Theirs"); err != nil {
		t.Fatal(err)
	}
	u.onWatchTick()
	if m.focus.Text != "Mine, not saved yet" {
		t.Errorf("the journal overwrote unsaved typing with %q", m.focus.Text)
	}
}

// TestMorningShowsAMergedFocus: a focus an import merged from two keeps
// both, on lines of their own with the divider between, and saves again
// although together they are longer than one focus may be.
func TestMorningShowsAMergedFocus(t *testing.T) {
	u, _ := newRitualUI(t)
	today := mustToday(t, u)
	long := strings.Repeat("x", data.MaxFocus-20)
	merged := data.MergeTexts("Listen first "+long, "Ask for the sale "+long)
	if _, err := u.store.SetMorningFocus(u.ctx, today, merged); err != nil {
		t.Fatal(err)
	}
	m := u.ShowMorning(today)
	if m.focus.Text != merged || !m.focus.MultiLine || m.focusErr.Visible() || m.save.Disabled() {
		t.Fatalf("focus %q multi-line %v, error shown %v, save disabled %v", m.focus.Text, m.focus.MultiLine, m.focusErr.Visible(), m.save.Disabled())
	}
	if !strings.Contains(m.focus.Text, "\n"+data.MergeDivider+"\n") {
		t.Errorf("no divider line in %q", m.focus.Text)
	}
	test.Type(m.focus, "!")
	if err := m.saver.saveNow(); err != nil {
		t.Errorf("saving the merged focus: %v", err)
	}
}
