package data

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"
)

// weekFixture fills the week of 23 to 29 November 2026 (and a little
// before it) and leaves the clock on Sunday 29 November, 21:00. It returns
// the week's Monday.
func weekFixture(t *testing.T, s *Store, clock *testClock) Day {
	t.Helper()
	ctx := context.Background()
	loc := mustLoc(t, "Europe/Berlin")
	at := func(m time.Month, d, h int) { clock.Set(time.Date(2026, m, d, h, 0, 0, 0, loc)) }
	win := func(text, client string) {
		t.Helper()
		clock.Set(clock.Now().Add(time.Minute)) // one after the other
		if _, err := s.AddWin(ctx, Day{}, NewWin{Text: text, Client: client}); err != nil {
			t.Fatal(err)
		}
	}
	// Before the week: Anna and Herr Müller bought; a deleted win of Lea's.
	at(time.September, 3, 10)
	win("Anna bought the 60 € course", "Anna")
	at(time.October, 14, 10)
	win("Müller booked a workshop", "Herr Müller")
	gone, err := s.AddWin(ctx, Day{}, NewWin{Text: "typo", Client: "Lea"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteWin(ctx, gone.UUID); err != nil {
		t.Fatal(err)
	}
	at(time.November, 16, 10)
	if _, err := s.SaveReview(ctx, NewDay(2026, 11, 16), "Ask every happy client for a referral"); err != nil {
		t.Fatal(err)
	}

	monday := NewDay(2026, 11, 23)
	day := func(i int) Day { return monday.AddDays(i) }
	// Monday: trained (yes), two wins, one of them Anna's second.
	at(time.November, 23, 8)
	if _, err := s.SetMorningFocus(ctx, day(0), "Call back every lead"); err != nil {
		t.Fatal(err)
	}
	at(time.November, 23, 11)
	win("Anna booked the 800 € course", "  anna ")
	win("Published the case study", "")
	at(time.November, 23, 20)
	if _, err := s.CelebrateEvening(ctx, day(0), EveningAnswers{WentWell: "Called first", RepeatHow: "Call before 10", FocusResult: FocusYes}); err != nil {
		t.Fatal(err)
	}
	// Tuesday: a plan (partly), a win by a new client, Lea (her only
	// earlier win was deleted), and Tom's first.
	at(time.November, 24, 8)
	if _, err := s.SetMorningPlan(ctx, day(1), "a client hesitates", "name the price once"); err != nil {
		t.Fatal(err)
	}
	at(time.November, 24, 12)
	win("Lea signed", "Lea")
	win("Tom bought", "Tom")
	at(time.November, 24, 20)
	if _, err := s.CelebrateEvening(ctx, day(1), EveningAnswers{WentWell: "Stayed calm", RepeatHow: "Say the price, then wait", FocusResult: FocusPartly}); err != nil {
		t.Fatal(err)
	}
	// Wednesday: four wins: Herr Müller (spelt MÜLLER), Tom again (the day
	// after his first), and Mia twice on her first day, which is no
	// coming back.
	at(time.November, 25, 15)
	win("MÜLLER renewed", "herr MULLER")
	win("Tom bought again", "tom")
	win("Mia booked", "Mia")
	win("Mia booked a second seat", "mia")
	// Thursday: trained, not checked (no evening).
	at(time.November, 26, 8)
	if _, err := s.SetMorningFocus(ctx, day(3), "Write the offer"); err != nil {
		t.Fatal(err)
	}
	// Friday: a drafted evening with a repeat answer, no wins.
	at(time.November, 27, 21)
	if _, err := s.SaveEveningDraft(ctx, day(4), EveningAnswers{RepeatHow: "Block the morning"}); err != nil {
		t.Fatal(err)
	}
	// Saturday in the off-season, with a win that still counts.
	if _, err := s.AddOffSeason(ctx, day(5), day(5), "Familie"); err != nil {
		t.Fatal(err)
	}
	at(time.November, 28, 12)
	win("Holiday booking came in", "")
	// Sunday evening: the review is drafted.
	at(time.November, 29, 21)
	if _, err := s.SaveReviewDraft(ctx, monday, "Follow up within 24 hours"); err != nil {
		t.Fatal(err)
	}
	return monday
}

func TestWeekReview(t *testing.T) {
	ctx := context.Background()
	s, clock := openTestStore(t)
	monday := weekFixture(t, s, clock)
	v, err := s.WeekReview(ctx, monday.AddDays(3))
	if err != nil {
		t.Fatal(err)
	}
	if v.Week != monday || v.End != monday.AddDays(6) || v.ReviewDay != monday.AddDays(6) {
		t.Errorf("week %s to %s, review day %s", v.Week, v.End, v.ReviewDay)
	}
	var perDay []int
	for _, d := range v.Days {
		perDay = append(perDay, len(d.Wins))
	}
	if !reflect.DeepEqual(perDay, []int{2, 2, 4, 0, 0, 1, 0}) || v.Wins != 9 {
		t.Errorf("wins by day %v (total %d), want [2 2 4 0 0 1 0] (9)", perDay, v.Wins)
	}
	if v.Days[0].Wins[0].Text != "Anna booked the 800 € course" {
		t.Errorf("a day's wins come oldest first: %q", v.Days[0].Wins[0].Text)
	}
	if v.BestDay == nil || *v.BestDay != (DayWins{Day: monday.AddDays(2), Wins: 4}) {
		t.Errorf("best day %+v, want Wednesday with 4", v.BestDay)
	}
	wantClients := []ReturningClient{
		{Name: "Anna", Wins: 1, EarlierWins: 1, FirstDay: NewDay(2026, 9, 3)},
		{Name: "Tom", Wins: 2, EarlierWins: 0, FirstDay: monday.AddDays(1)},
		{Name: "Herr Müller", Wins: 1, EarlierWins: 1, FirstDay: NewDay(2026, 10, 14)},
	}
	if !reflect.DeepEqual(v.ReturningClients, wantClients) {
		t.Errorf("returning clients\n got %+v\nwant %+v", v.ReturningClients, wantClients)
	}
	if want := (FollowThrough{TrainedDays: 3, Yes: 1, Partly: 1, Unanswered: 1}); v.FollowThrough != want {
		t.Errorf("follow-through %+v, want %+v", v.FollowThrough, want)
	}
	wantRepeat := []DayText{
		{monday, "Call before 10"}, {monday.AddDays(1), "Say the price, then wait"}, {monday.AddDays(4), "Block the morning"},
	}
	if !reflect.DeepEqual(v.RepeatHow, wantRepeat) {
		t.Errorf("repeat answers %+v", v.RepeatHow)
	}
	if tue := v.Days[1]; tue.Focus != "name the price once" || tue.PlanWhen != "a client hesitates" || tue.FocusResult != FocusPartly || !tue.Celebrated {
		t.Errorf("Tuesday %+v: the plan and its check", tue)
	}
	for i, d := range v.Days {
		if d.OffSeason != (i == 5) {
			t.Errorf("%s off-season %v", d.Day, d.OffSeason)
		}
	}
	if v.Theme != "Follow up within 24 hours" || v.Reviewed || v.Review == nil || v.MadeUp {
		t.Errorf("theme %q, reviewed %v, review %+v", v.Theme, v.Reviewed, v.Review)
	}
	if v.PreviousTheme != "Ask every happy client for a referral" {
		t.Errorf("previous theme %q", v.PreviousTheme)
	}

	// The week before has no wins and no best day; next week has not
	// started.
	before, err := s.WeekReview(ctx, monday.AddDays(-7))
	if err != nil {
		t.Fatal(err)
	}
	if before.BestDay != nil || before.Wins != 0 || len(before.ReturningClients) != 0 || before.Review == nil || !before.Reviewed {
		t.Errorf("the week before: %+v", before)
	}
	if _, err := s.WeekReview(ctx, monday.AddDays(8)); !errors.Is(err, ErrFutureWeek) {
		t.Errorf("next week: %v, want ErrFutureWeek", err)
	}
}

// TestWeekReviewLeavesOutAnOpenToday: today's focus is not counted before
// the evening checks it.
func TestWeekReviewLeavesOutAnOpenToday(t *testing.T) {
	ctx := context.Background()
	s, clock := openTestStore(t)
	clock.Set(time.Date(2026, 11, 26, 9, 0, 0, 0, mustLoc(t, "Europe/Berlin")))
	today := NewDay(2026, 11, 26)
	if _, err := s.SetMorningFocus(ctx, today, "Offer"); err != nil {
		t.Fatal(err)
	}
	v, err := s.WeekReview(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	if v.FollowThrough.TrainedDays != 0 {
		t.Errorf("open today counted: %+v", v.FollowThrough)
	}
	if _, err := s.CelebrateEvening(ctx, today, EveningAnswers{WentWell: "Done", FocusResult: FocusNo}); err != nil {
		t.Fatal(err)
	}
	if v, err = s.WeekReview(ctx, today); err != nil || v.FollowThrough != (FollowThrough{TrainedDays: 1, No: 1}) {
		t.Errorf("checked today: %+v, %v", v.FollowThrough, err)
	}
}

// TestReturningClientsShareTheClientsKey: the week's returning clients
// are told apart by the clients' own key (ClientKey).
func TestReturningClientsShareTheClientsKey(t *testing.T) {
	for _, c := range [][2]string{
		{"Anna", "anna "}, {"Herr Müller", "herr MULLER"}, {"Ayşe", "AYSE"}, {"Bäckerei Huber", " bäckerei huber"},
	} {
		if ClientKey(c[0]) != ClientKey(c[1]) {
			t.Errorf("%q and %q are not one client: %q vs %q", c[0], c[1], ClientKey(c[0]), ClientKey(c[1]))
		}
	}
	if ClientKey("Anna") == ClientKey("Anna M.") {
		t.Error("Anna and Anna M. are two clients")
	}
}
