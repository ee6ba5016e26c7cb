package ui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"matchday/data"
	"matchday/data/datatest"
)

// newWeekUI is a UI on the fixture week (datatest.FillWeek): Sunday 29
// November 2026, 21:00, the week of the 23rd not reviewed yet.
func newWeekUI(t *testing.T) (*UI, *data.Store, *fakeClock, *manualTimer) {
	t.Helper()
	u, s, clock := newTestUI(t)
	datatest.FillWeek(t, s, clock)
	timer := &manualTimer{}
	u.after = timer.after
	return u, s, clock, timer
}

func TestWeekWindowShowsTheWeek(t *testing.T) {
	u, _, _, _ := newWeekUI(t)
	w := u.ShowWeek(data.Day{})
	if w.win.Title() != "Matchweek review" || w.day != datatest.WeekMonday {
		t.Fatalf("title %q, week %s", w.win.Title(), w.day)
	}
	if got := w.switcher.label.Text; got != "This week · Matchweek 23–29 November 2026" {
		t.Errorf("heading %q", got)
	}
	if !w.switcher.next.Disabled() || w.switcher.prev.Disabled() {
		t.Error("next week must be out of reach, last week in reach")
	}
	if w.summary.Text != "9 wins this week · Best day: Wednesday, 3 wins" {
		t.Errorf("summary %q", w.summary.Text)
	}
	values, labels := w.chart.Values()
	if !reflect.DeepEqual(values, []int{2, 2, 3, 1, 0, 1, 0}) || labels[0] != "Mon" || labels[6] != "Sun" {
		t.Errorf("chart %v %v", values, labels)
	}
	var lines []string
	for _, o := range w.winLines.Objects {
		lines = append(lines, labelText(t, o))
	}
	if len(lines) != 5 || lines[0] != "Monday: Anna booked the 800 € course · Published the case study" ||
		lines[4] != "Saturday: A booking came in on its own (off-season)" {
		t.Errorf("win lines %q", lines)
	}
	var clients []string
	for _, o := range w.clients.Objects {
		clients = append(clients, labelText(t, o))
	}
	if want := []string{
		"Anna came back: win no. 2, the first on 3 September 2026",
		"Tom: 2 wins this week",
		"Herr Müller came back: win no. 2, the first on 14 October 2026",
	}; !reflect.DeepEqual(clients, want) || !w.clientsTitle.Visible() {
		t.Errorf("clients %q", clients)
	}
	if w.followTitle.Text != "Focus follow-through · 4 trained days" || w.follow.Text != "50% yes · 25% partly · 0% no · 25% not answered" {
		t.Errorf("follow-through %q / %q", w.followTitle.Text, w.follow.Text)
	}
	if got := w.followBar.Shares(); !reflect.DeepEqual(got, []int{2, 1, 0, 1}) {
		t.Errorf("share bar %v", got)
	}
	if len(w.repeat.Objects) != 4 || !w.repeat.Visible() || w.noRepeat.Visible() {
		t.Errorf("%d repeat cards", len(w.repeat.Objects))
	}
	if !w.previous.Visible() || w.previous.Text != "Trained this week: Ask every happy client for a referral" {
		t.Errorf("previous theme %q", w.previous.Text)
	}
	if w.theme.Text != "" || !w.save.Disabled() || !w.saveTip.Visible() || w.status.Text != "Not reviewed yet. Your text is saved as a draft while you type." {
		t.Errorf("empty review: theme %q, save disabled %v, status %q", w.theme.Text, w.save.Disabled(), w.status.Text)
	}
}

// labelText is the text of a label, or of the label in a row (an icon and
// a label).
func labelText(t *testing.T, o fyne.CanvasObject) string {
	t.Helper()
	switch o := o.(type) {
	case *widget.Label:
		return o.Text
	case *fyne.Container:
		for _, c := range o.Objects {
			if l, ok := c.(*widget.Label); ok {
				return l.Text
			}
		}
	}
	t.Fatalf("no label in %T", o)
	return ""
}

func TestWeekWindowSavesTheReview(t *testing.T) {
	u, s, _, timer := newWeekUI(t)
	main := u.ShowMain()
	w := u.ShowWeek(data.Day{})
	test.Type(w.theme, "Follow up within 24 hours")
	if w.save.Disabled() || w.counter.Text != "25 / 200" {
		t.Fatalf("save disabled %v, counter %q", w.save.Disabled(), w.counter.Text)
	}
	timer.fire()
	r, err := s.Review(u.ctx, datatest.WeekMonday)
	if err != nil || r.Theme != "Follow up within 24 hours" || r.Reviewed() {
		t.Fatalf("draft %+v, %v", r, err)
	}
	if !strings.HasPrefix(w.status.Text, "Draft saved at ") {
		t.Errorf("status %q", w.status.Text)
	}
	test.Tap(w.save)
	if r, err = s.Review(u.ctx, datatest.WeekMonday); err != nil || !r.Reviewed() || r.MadeUp {
		t.Fatalf("review %+v, %v", r, err)
	}
	if w.status.Text != "Review saved. Next week's mornings suggest this theme." {
		t.Errorf("status %q", w.status.Text)
	}
	// This week's theme is next week's: the main window still shows the
	// one the week before set.
	if !main.theme.Visible() || main.theme.Text != "Theme of the week: Ask every happy client for a referral" {
		t.Errorf("main window theme: visible %v, %q", main.theme.Visible(), main.theme.Text)
	}
}

// TestWeekWindowMadeUpOnMonday: on Monday morning the window opens on the
// week before, which the review then belongs to, marked made up.
func TestWeekWindowMadeUpOnMonday(t *testing.T) {
	u, s, clock, _ := newWeekUI(t)
	clock.Set(time.Date(2026, 11, 30, 8, 0, 0, 0, testNoon(t).Location()))
	w := u.ShowWeek(data.Day{})
	if w.day != datatest.WeekMonday || w.switcher.label.Text != "Last week · Matchweek 23–29 November 2026" {
		t.Fatalf("week %s, heading %q", w.day, w.switcher.label.Text)
	}
	if w.status.Text != "This week is over: a review written now is marked as made up." {
		t.Errorf("status %q", w.status.Text)
	}
	test.Type(w.theme, "Name the price once")
	test.Tap(w.save)
	r, err := s.Review(u.ctx, datatest.WeekMonday)
	if err != nil || !r.Reviewed() || !r.MadeUp {
		t.Fatalf("review %+v, %v", r, err)
	}
	if w.status.Text != "Reviewed on 2026-11-30, after the week ended: made up." {
		t.Errorf("status %q", w.status.Text)
	}
	// Next week is now this week, and can be opened.
	if w.switcher.next.Disabled() {
		t.Error("this week is out of reach")
	}
	test.Tap(w.switcher.next)
	if w.day != datatest.WeekMonday.AddDays(7) || w.theme.Text != "" {
		t.Errorf("after next: week %s, theme %q", w.day, w.theme.Text)
	}
}

func TestWeekWindowSwitchesWeeks(t *testing.T) {
	u, _, _, _ := newWeekUI(t)
	w := u.ShowWeek(data.Day{})
	test.Type(w.theme, "Typed, not saved")
	test.Tap(w.switcher.prev)
	if w.day != datatest.WeekMonday.AddDays(-7) || w.theme.Text != "Ask every happy client for a referral" {
		t.Fatalf("the week before: %s, theme %q", w.day, w.theme.Text)
	}
	if w.status.Text != "Review saved. Next week's mornings suggest this theme." || w.summary.Text != "0 wins this week" {
		t.Errorf("the week before: status %q, summary %q", w.status.Text, w.summary.Text)
	}
	if w.clientsTitle.Visible() || w.repeat.Visible() || !w.noRepeat.Visible() {
		t.Error("an empty week shows client or answer sections")
	}
	// Switching saved the draft of the week left.
	r, err := u.store.Review(u.ctx, datatest.WeekMonday)
	if err != nil || r.Theme != "Typed, not saved" {
		t.Errorf("the draft of the week left: %+v, %v", r, err)
	}
	// Opened for a day, the window shows that day's week.
	u.ShowWeek(data.NewDay(2026, 11, 27))
	if w.day != datatest.WeekMonday || w.theme.Text != "Typed, not saved" {
		t.Errorf("ShowWeek(27 Nov): week %s, theme %q", w.day, w.theme.Text)
	}
}

func TestWeekWindowInGerman(t *testing.T) {
	u, _, _, _ := newWeekUI(t)
	w := u.ShowWeek(data.Day{})
	test.Type(w.theme, "Nachfassen")
	u.useLanguage("de")
	t.Cleanup(func() { u.useLanguage("en") })
	if w.win.Title() != "Wochenrückblick" || w.switcher.label.Text != "Diese Woche · Spielwoche 23.–29. November 2026" {
		t.Errorf("title %q, heading %q", w.win.Title(), w.switcher.label.Text)
	}
	if w.summary.Text != "9 Erfolge diese Woche · Bester Tag: Mittwoch, 3 Erfolge" || w.question.Text != "Was trainiere ich nächste Woche?" {
		t.Errorf("summary %q, question %q", w.summary.Text, w.question.Text)
	}
	if w.theme.Text != "Nachfassen" {
		t.Errorf("the theme typed was lost: %q", w.theme.Text)
	}
}

// TestWeekGolden renders the review of the fixture week in English and
// German, light and dark, with a theme typed.
func TestWeekGolden(t *testing.T) {
	for _, look := range ritualLooks {
		t.Run(look.lang+"_"+look.variant, func(t *testing.T) {
			u, _, _, timer := newWeekUI(t)
			useLook(t, u.app, look.lang, look.variant)
			w := u.ShowWeek(data.Day{})
			test.Type(w.theme, "Follow up within 24 hours")
			timer.fire()
			test.AssertRendersToMarkup(t, "week_"+look.lang+"_"+look.variant+".xml", w.win.Canvas())
		})
	}
}
