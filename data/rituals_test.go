package data

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestWinCounts(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	today := NewDay(2026, 11, 26) // Thursday
	add := func(day Day, n int) {
		for i := 0; i < n; i++ {
			if _, err := s.AddWin(ctx, day, NewWin{Text: "win on " + day.String()}); err != nil {
				t.Fatal(err)
			}
		}
	}
	add(today, 3)
	add(NewDay(2026, 11, 23), 2) // Monday of this week
	add(NewDay(2026, 11, 22), 4) // Sunday of last week
	add(NewDay(2026, 1, 1), 1)   // this season
	add(NewDay(2025, 12, 31), 5) // last season
	w, _ := s.AddWin(ctx, today, NewWin{Text: "deleted"})
	s.DeleteWin(ctx, w.UUID)
	c, err := s.WinCounts(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	want := Counts{Today: 3, Week: 5, Season: 10, Career: 15}
	if c != want {
		t.Errorf("counts = %+v, want %+v", c, want)
	}
	// A past day's week and season count up to that day (today's wins are
	// after it); the career counts all.
	c, err = s.WinCounts(ctx, today.AddDays(-1))
	if err != nil {
		t.Fatal(err)
	}
	if want := (Counts{Today: 0, Week: 2, Season: 7, Career: 15}); c != want {
		t.Errorf("yesterday's counts = %+v, want %+v", c, want)
	}
}

func TestEveningDraftCelebrateAndMadeUp(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	today, _ := s.Today(ctx)

	if _, err := s.Evening(ctx, today); !errors.Is(err, ErrNotFound) {
		t.Fatalf("no evening yet: %v", err)
	}
	draft, err := s.SaveEveningDraft(ctx, today, EveningAnswers{WentWell: "Asked for the sale"})
	if err != nil || draft.Celebrated() {
		t.Fatalf("draft: %+v %v", draft, err)
	}
	if _, err := s.CelebrateEvening(ctx, today, EveningAnswers{WentWell: " ", RepeatHow: "\n"}); !errors.Is(err, ErrEmpty) {
		t.Errorf("celebrating blank answers: %v", err)
	}
	if got, _ := s.Evening(ctx, today); got.WentWell != "Asked for the sale" {
		t.Errorf("a refused celebration changed the draft: %+v", got)
	}
	e, err := s.CelebrateEvening(ctx, today, EveningAnswers{WentWell: "Asked for the sale", RepeatHow: "Ask every time 💪", FocusResult: FocusPartly})
	if err != nil || !e.Celebrated() || e.MadeUp || e.UUID != draft.UUID {
		t.Fatalf("celebrate: %+v %v", e, err)
	}
	first := *e.CelebratedAt
	clock.Set(clock.Now().Add(time.Hour))
	e, err = s.SaveEveningDraft(ctx, today, EveningAnswers{WentWell: "Asked for the sale, twice", RepeatHow: "Ask every time 💪", FocusResult: FocusYes})
	if err != nil || !e.CelebratedAt.Equal(first) || e.FocusResult != FocusYes {
		t.Errorf("editing a celebrated evening: %+v %v", e, err)
	}
	if _, err := s.SaveEveningDraft(ctx, today, EveningAnswers{}); !errors.Is(err, ErrEmpty) {
		t.Errorf("blanking a celebrated evening: %v", err)
	}
	if _, err := s.SaveEveningDraft(ctx, today, EveningAnswers{WentWell: "x", FocusResult: "maybe"}); err == nil {
		t.Error("accepted focus result maybe")
	}

	// Two days later the user makes up the evening before yesterday.
	past := today.AddDays(-1)
	clock.Set(clock.Now().Add(48 * time.Hour))
	late, err := s.CelebrateEvening(ctx, past, EveningAnswers{RepeatHow: "Write it down the same night"})
	if err != nil || !late.MadeUp {
		t.Errorf("late celebration: %+v %v", late, err)
	}
	if got, _ := s.Evening(ctx, today); got.WentWell != "Asked for the sale, twice" {
		t.Errorf("making up a past day changed today: %+v", got)
	}
	// Too long is refused, nothing stored.
	if _, err := s.SaveEveningDraft(ctx, past.AddDays(-1), EveningAnswers{WentWell: strings.Repeat("x", MaxAnswer+1)}); !errors.Is(err, ErrTooLong) {
		t.Errorf("over-long answer: %v", err)
	}
	if _, err := s.Evening(ctx, past.AddDays(-1)); !errors.Is(err, ErrNotFound) {
		t.Errorf("a refused draft was stored: %v", err)
	}
}

func TestMorningDraftAndFocus(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	today, _ := s.Today(ctx)
	if _, err := s.SaveMorningDraft(ctx, today, ""); err != nil {
		t.Errorf("an empty draft: %v", err)
	}
	if _, err := s.SetMorningFocus(ctx, today, "  "); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty focus: %v", err)
	}
	if _, err := s.SetMorningFocus(ctx, today, strings.Repeat("ö", MaxFocus+1)); !errors.Is(err, ErrTooLong) {
		t.Errorf("long focus: %v", err)
	}
	m, err := s.SetMorningFocus(ctx, today, "Name my price without discount")
	if err != nil || !m.IsSet() {
		t.Fatalf("set: %+v %v", m, err)
	}
	v, err := s.DayView(ctx, today)
	if err != nil || v.Focus() != "Name my price without discount" || v.Celebrated() {
		t.Errorf("day view: %+v %v", v, err)
	}
}

func TestSettingsRoundTripAndBadValues(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	set, err := s.Settings(ctx)
	if err != nil || set != DefaultSettings() {
		t.Fatalf("defaults: %+v %v", set, err)
	}
	set.MorningTime = ClockTime{6, 45}
	set.DayStartHour = 5
	set.RestDays = set.RestDays.With(time.Saturday, true).With(time.Sunday, true)
	set.Language, set.Theme, set.EveningReminder = "de", "dark", false
	if err := s.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	other, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if got, _ := other.Settings(ctx); got != set {
		t.Errorf("a second handle read %+v, want %+v", got, set)
	}
	bad := set
	bad.DayStartHour = 9
	if err := s.SaveSettings(ctx, bad); err == nil {
		t.Error("saved day start hour 9")
	}
	// An old or hand-edited journal: bad values fall back to the defaults.
	for k, v := range map[string]string{"day_start_hour": "17", "morning_time": "25:99", "theme": "purple", "rest_days": "caturday", "evening_reminder": "perhaps"} {
		if _, err := s.db.Exec(`UPDATE settings SET value = ? WHERE key = ?`, v, k); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Settings(ctx)
	d := DefaultSettings()
	if err != nil || got.DayStartHour != d.DayStartHour || got.MorningTime != d.MorningTime || got.Theme != d.Theme || got.RestDays != d.RestDays || got.EveningReminder != d.EveningReminder || got.Language != "de" {
		t.Errorf("bad values gave %+v, %v", got, err)
	}
	if today, err := s.Today(ctx); err != nil || today != DayOf(s.Now(), DefaultDayStartHour) {
		t.Errorf("Today with a bad start hour: %s %v", today, err)
	}
}

func TestDayStartHourSettingMovesToday(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	clock.Set(time.Date(2026, 11, 26, 4, 30, 0, 0, mustLoc(t, "Europe/Berlin")))
	if d, _ := s.Today(ctx); d.String() != "2026-11-26" {
		t.Errorf("04:30 with start 4: %s", d)
	}
	set := DefaultSettings()
	set.DayStartHour = 6
	s.SaveSettings(ctx, set)
	if d, _ := s.Today(ctx); d.String() != "2026-11-25" {
		t.Errorf("04:30 with start 6: %s", d)
	}
	w, _ := s.AddWin(ctx, Day{}, NewWin{Text: "late night"})
	if w.Day.String() != "2026-11-25" {
		t.Errorf("win day %s", w.Day)
	}
}

func TestWatcherSeesOtherHandles(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	w, err := s.NewWatcher(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if changed, _ := w.Changed(ctx); changed {
		t.Error("changed before any write")
	}
	other, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.AddWin(ctx, Day{}, NewWin{Text: "from the command line"})
	if changed, _ := w.Changed(ctx); !changed {
		t.Error("missed another handle's commit")
	}
	s.AddWin(ctx, Day{}, NewWin{Text: "from this process"})
	if changed, _ := w.Changed(ctx); !changed {
		t.Error("missed this store's commit")
	}
	if changed, _ := w.Changed(ctx); changed {
		t.Error("changed twice for one commit")
	}
}

func TestDemo(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	c, err := s.Demo(ctx, 2, "de", 7)
	if err != nil {
		t.Fatal(err)
	}
	if c.Career < 300 || c.Season < 50 {
		t.Errorf("demo counts look thin: %+v", c)
	}
	var evenings, mornings, madeUp int
	s.db.QueryRow(`SELECT count(*), sum(made_up) FROM evenings`).Scan(&evenings, &madeUp)
	s.db.QueryRow(`SELECT count(*) FROM mornings`).Scan(&mornings)
	if evenings < 200 || mornings < 200 || madeUp == 0 {
		t.Errorf("evenings=%d mornings=%d made up=%d", evenings, mornings, madeUp)
	}
	if _, err := s.Demo(ctx, 1, "en", 1); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("demo on a full journal: %v", err)
	}
	other, _ := Open(filepath.Join(t.TempDir(), "x.db"))
	defer other.Close()
	if _, err := other.Demo(ctx, 0, "en", 1); err == nil {
		t.Error("demo with 0 years")
	}
}

// TestDemoTimesAreInThePast: a demo made at 10:00 (or just after midnight,
// or late at night) has no win, morning or evening stamped later than the
// clock: today's wins were logged before now, a late celebration of an
// evening a day or two ago not after now.
func TestDemoTimesAreInThePast(t *testing.T) {
	berlin := mustLoc(t, "Europe/Berlin")
	for _, tt := range []struct {
		name string
		now  time.Time
		seed uint64
	}{
		{"10:00", time.Date(2026, 12, 2, 10, 0, 0, 0, berlin), 7},
		{"10:00 another seed", time.Date(2026, 12, 2, 10, 0, 0, 0, berlin), 1},
		{"00:20", time.Date(2026, 12, 3, 0, 20, 0, 0, berlin), 7},
		{"07:05", time.Date(2026, 12, 2, 7, 5, 0, 0, berlin), 3},
		{"23:50", time.Date(2026, 12, 2, 23, 50, 0, 0, berlin), 7},
		{"10:00 in New York", time.Date(2026, 12, 2, 10, 0, 0, 0, mustLoc(t, "America/New_York")), 7},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, clock := openTestStore(t)
			clock.t = tt.now
			ctx := context.Background()
			if _, err := s.Demo(ctx, 1, "en", tt.seed); err != nil {
				t.Fatal(err)
			}
			now := formatTS(tt.now)
			for _, q := range []struct{ table, col string }{
				{"wins", "created_at"}, {"wins", "updated_at"}, {"wins", "deleted_at"},
				{"evenings", "created_at"}, {"evenings", "celebrated_at"},
				{"mornings", "created_at"}, {"mornings", "set_at"},
			} {
				var n int
				var latest sql.NullString
				if err := s.db.QueryRow(`SELECT count(*), max(`+q.col+`) FROM `+q.table+` WHERE `+q.col+` > ?`, now).Scan(&n, &latest); err != nil {
					t.Fatal(err)
				}
				if n > 0 {
					t.Errorf("%d %s.%s after now (%s), the latest %s", n, q.table, q.col, now, latest.String)
				}
			}
		})
	}
}
