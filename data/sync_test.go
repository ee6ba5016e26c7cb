package data

import (
	"context"
	"strings"
	"testing"
	"time"
)

// syncPair is two devices sharing one folder, with the folder created by
// a and its settings delivered to b.
func syncPair(t *testing.T, skewB time.Duration) (a, b *syncDevice) {
	t.Helper()
	now := portNow(t)
	a = newSyncDevice(t, "Desk", now)
	b = newSyncDevice(t, "Laptop", now.Add(skewB))
	a.pass, b.pass = "violet-harbor-tiger", "violet-harbor-tiger"
	a.sync()
	replicate(t, a, b)
	return a, b
}

func addWin(t testing.TB, d *syncDevice, text string) Win {
	t.Helper()
	w, err := d.s.AddWin(context.Background(), Day{}, NewWin{Text: text, Client: "Müller GmbH"})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func liveWins(t testing.TB, d *syncDevice) []string {
	t.Helper()
	wins, err := queryWins(context.Background(), d.s.db, `WHERE deleted_at IS NULL ORDER BY text`)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, w := range wins {
		out = append(out, w.Text)
	}
	return out
}

func TestSyncConverges(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name  string
		skewB time.Duration
		play  func(t *testing.T, a, b *syncDevice)
		check func(t *testing.T, a *syncDevice)
	}{
		{
			name: "concurrent wins on both",
			play: func(t *testing.T, a, b *syncDevice) {
				addWin(t, a, "Signed Anna")
				addWin(t, b, "Jonas renewed")
				a.clock.advance(time.Minute)
				b.clock.advance(time.Minute)
				addWin(t, b, "Workshop sold out")
			},
			check: func(t *testing.T, a *syncDevice) {
				if got := strings.Join(liveWins(t, a), "|"); got != "Jonas renewed|Signed Anna|Workshop sold out" {
					t.Errorf("wins = %s", got)
				}
			},
		},
		{
			name: "edits of the same win on both: the newer wins",
			play: func(t *testing.T, a, b *syncDevice) {
				w := addWin(t, a, "First version")
				converge(t, a, b)
				a.clock.advance(time.Hour)
				if _, err := a.s.EditWin(ctx, w.UUID, NewWin{Text: "Edited on the desk"}); err != nil {
					t.Fatal(err)
				}
				b.clock.advance(2 * time.Hour)
				if _, err := b.s.EditWin(ctx, w.UUID, NewWin{Text: "Edited on the laptop, later"}); err != nil {
					t.Fatal(err)
				}
				a.sync() // the older edit reaches the folder first
			},
			check: func(t *testing.T, a *syncDevice) {
				if got := strings.Join(liveWins(t, a), "|"); got != "Edited on the laptop, later" {
					t.Errorf("wins = %s", got)
				}
			},
		},
		{
			name: "a delete on one, an older edit on the other",
			play: func(t *testing.T, a, b *syncDevice) {
				w := addWin(t, a, "Keep or not")
				addWin(t, a, "Stays")
				converge(t, a, b)
				b.clock.advance(time.Minute)
				if _, err := b.s.EditWin(ctx, w.UUID, NewWin{Text: "Edited first"}); err != nil {
					t.Fatal(err)
				}
				a.clock.advance(time.Hour)
				if err := a.s.DeleteWin(ctx, w.UUID); err != nil {
					t.Fatal(err)
				}
			},
			check: func(t *testing.T, a *syncDevice) {
				if got := strings.Join(liveWins(t, a), "|"); got != "Stays" {
					t.Errorf("wins = %s, want the newer delete to win", got)
				}
			},
		},
		{
			name: "the same day's evening written on both keeps both texts",
			play: func(t *testing.T, a, b *syncDevice) {
				day, _ := a.s.Today(ctx)
				if _, err := a.s.CelebrateEvening(ctx, day, EveningAnswers{WentWell: "Asked for the sale", FocusResult: FocusYes}); err != nil {
					t.Fatal(err)
				}
				b.clock.advance(time.Minute)
				if _, err := b.s.CelebrateEvening(ctx, day, EveningAnswers{WentWell: "Listened more than I talked", RepeatHow: "Three questions"}); err != nil {
					t.Fatal(err)
				}
				if _, err := b.s.SetMorningFocus(ctx, day, "Follow up"); err != nil {
					t.Fatal(err)
				}
				if _, err := a.s.SetMorningFocus(ctx, day, "Name my price"); err != nil {
					t.Fatal(err)
				}
			},
			check: func(t *testing.T, a *syncDevice) {
				day, _ := a.s.Today(ctx)
				e, err := a.s.Evening(ctx, day)
				if err != nil {
					t.Fatal(err)
				}
				if want := "Listened more than I talked" + mergeSeparator + "Asked for the sale"; e.WentWell != want {
					t.Errorf("went well = %q, want %q", e.WentWell, want)
				}
				if e.RepeatHow != "Three questions" || e.FocusResult != FocusYes || !e.Celebrated() {
					t.Errorf("evening = %+v", e)
				}
				m, err := a.s.Morning(ctx, day)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(m.Focus, "Follow up") || !strings.Contains(m.Focus, "Name my price") {
					t.Errorf("focus = %q, want both", m.Focus)
				}
			},
		},
		{
			name: "the same week's review written on both keeps both themes",
			play: func(t *testing.T, a, b *syncDevice) {
				day, _ := a.s.Today(ctx)
				if _, err := a.s.SaveReview(ctx, day, "Ask every client for a referral"); err != nil {
					t.Fatal(err)
				}
				b.clock.advance(time.Minute)
				if _, err := b.s.SaveReviewDraft(ctx, day, "Raise my prices"); err != nil {
					t.Fatal(err)
				}
				// Another week, written on one device only, simply arrives.
				if _, err := b.s.SaveReview(ctx, day.AddDays(-7), "Call Jonas back"); err != nil {
					t.Fatal(err)
				}
			},
			check: func(t *testing.T, a *syncDevice) {
				day, _ := a.s.Today(ctx)
				r, err := a.s.Review(ctx, day)
				if err != nil {
					t.Fatal(err)
				}
				if want := "Raise my prices" + mergeSeparator + "Ask every client for a referral"; r.Theme != want {
					t.Errorf("%s: theme = %q, want %q", a.name, r.Theme, want)
				}
				if !r.Reviewed() {
					t.Errorf("%s: the review lost its save (a's save, b's draft)", a.name)
				}
				if r, err := a.s.Review(ctx, day.AddDays(-7)); err != nil || r.Theme != "Call Jonas back" {
					t.Errorf("%s: last week's review = %+v, %v", a.name, r, err)
				}
			},
		},
		{
			name: "an off-season added on one shows on the other, removed there disappears here",
			play: func(t *testing.T, a, b *syncDevice) {
				day, _ := a.s.Today(ctx)
				if _, err := a.s.AddOffSeason(ctx, day.AddDays(3), day.AddDays(9), "Lisbon"); err != nil {
					t.Fatal(err)
				}
				if _, err := a.s.AddOffSeason(ctx, day.AddDays(20), day.AddDays(21), "Dentist"); err != nil {
					t.Fatal(err)
				}
				converge(t, a, b)
				got, err := b.s.OffSeasons(ctx)
				if err != nil || len(got) != 2 || got[0].Note != "Lisbon" || got[0].To != day.AddDays(9) {
					t.Fatalf("%s: off-seasons = %+v, %v", b.name, got, err)
				}
				b.clock.advance(time.Minute)
				if _, err := b.s.RemoveOffSeason(ctx, day.AddDays(3)); err != nil {
					t.Fatal(err)
				}
			},
			check: func(t *testing.T, a *syncDevice) {
				got, err := a.s.OffSeasons(ctx)
				if err != nil || len(got) != 1 || got[0].Note != "Dentist" {
					t.Errorf("%s: off-seasons = %+v, %v; want only the dentist", a.name, got, err)
				}
			},
		},
		{
			name: "off-seasons starting on the same day on both become one, both notes kept",
			play: func(t *testing.T, a, b *syncDevice) {
				day, _ := a.s.Today(ctx)
				if _, err := a.s.AddOffSeason(ctx, day.AddDays(3), day.AddDays(5), "Flu"); err != nil {
					t.Fatal(err)
				}
				b.clock.advance(time.Minute)
				if _, err := b.s.AddOffSeason(ctx, day.AddDays(3), day.AddDays(9), "Stayed home with the kids"); err != nil {
					t.Fatal(err)
				}
			},
			check: func(t *testing.T, a *syncDevice) {
				day, _ := a.s.Today(ctx)
				got, err := a.s.OffSeasons(ctx)
				if err != nil || len(got) != 1 {
					t.Fatalf("%s: off-seasons = %+v, %v; want one", a.name, got, err)
				}
				if want := "Stayed home with the kids" + mergeSeparator + "Flu"; got[0].Note != want || got[0].To != day.AddDays(9) {
					t.Errorf("%s: off-season = %s to %s %q, want to %s %q", a.name, got[0].From, got[0].To, got[0].Note, day.AddDays(9), want)
				}
			},
		},
		{
			name: "an off-season changed on one (removed, added again from the same day) is changed on the other",
			play: func(t *testing.T, a, b *syncDevice) {
				day, _ := a.s.Today(ctx)
				if _, err := a.s.AddOffSeason(ctx, day.AddDays(3), day.AddDays(9), "Lisbon"); err != nil {
					t.Fatal(err)
				}
				converge(t, a, b)
				b.clock.advance(time.Minute)
				if _, err := b.s.RemoveOffSeason(ctx, day.AddDays(3)); err != nil {
					t.Fatal(err)
				}
				if _, err := b.s.AddOffSeason(ctx, day.AddDays(3), day.AddDays(5), "Lisbon, shorter"); err != nil {
					t.Fatal(err)
				}
			},
			check: func(t *testing.T, a *syncDevice) {
				day, _ := a.s.Today(ctx)
				got, err := a.s.OffSeasons(ctx)
				if err != nil || len(got) != 1 || got[0].Note != "Lisbon, shorter" || got[0].To != day.AddDays(5) {
					t.Errorf("%s: off-seasons = %+v, %v; want only the changed one", a.name, got, err)
				}
			},
		},
		{
			name: "an off-season removed on one while the other added one from the same day: the added one stays",
			play: func(t *testing.T, a, b *syncDevice) {
				day, _ := a.s.Today(ctx)
				if _, err := a.s.AddOffSeason(ctx, day.AddDays(3), day.AddDays(5), "Flu"); err != nil {
					t.Fatal(err)
				}
				b.clock.advance(time.Minute)
				if _, err := b.s.AddOffSeason(ctx, day.AddDays(3), day.AddDays(9), "Stayed home with the kids"); err != nil {
					t.Fatal(err)
				}
				a.sync() // the add reaches the folder, then a removes it before it sees b's
				a.clock.advance(2 * time.Minute)
				if _, err := a.s.RemoveOffSeason(ctx, day.AddDays(3)); err != nil {
					t.Fatal(err)
				}
			},
			check: func(t *testing.T, a *syncDevice) {
				got, err := a.s.OffSeasons(ctx)
				if err != nil || len(got) != 1 || got[0].Note != "Stayed home with the kids" {
					t.Errorf("%s: off-seasons = %+v, %v; want the laptop's", a.name, got, err)
				}
			},
		},
		{
			name: "an edit after seeing both texts replaces them, without echoes",
			play: func(t *testing.T, a, b *syncDevice) {
				day, _ := a.s.Today(ctx)
				if _, err := a.s.CelebrateEvening(ctx, day, EveningAnswers{WentWell: "A1"}); err != nil {
					t.Fatal(err)
				}
				if _, err := b.s.CelebrateEvening(ctx, day, EveningAnswers{WentWell: "B1"}); err != nil {
					t.Fatal(err)
				}
				b.sync()
				b.clock.advance(time.Minute)
				// b edits again before it has seen a's text: b's second
				// version replaces its first everywhere.
				if _, err := b.s.CelebrateEvening(ctx, day, EveningAnswers{WentWell: "B2"}); err != nil {
					t.Fatal(err)
				}
				converge(t, a, b)
				for _, d := range []*syncDevice{a, b} {
					e, _ := d.s.Evening(ctx, day)
					if want := "B2" + mergeSeparator + "A1"; e.WentWell != want {
						t.Errorf("%s: went well = %q, want %q (B1 was replaced by B2)", d.name, e.WentWell, want)
					}
				}
				a.clock.advance(time.Hour)
				if _, err := a.s.CelebrateEvening(ctx, day, EveningAnswers{WentWell: "Merged by hand"}); err != nil {
					t.Fatal(err)
				}
			},
			check: func(t *testing.T, a *syncDevice) {
				day, _ := a.s.Today(ctx)
				e, _ := a.s.Evening(ctx, day)
				if e.WentWell != "Merged by hand" {
					t.Errorf("went well = %q", e.WentWell)
				}
			},
		},
		{
			name: "a device offline for a month",
			play: func(t *testing.T, a, b *syncDevice) {
				addWin(t, b, "Before the trip")
				converge(t, a, b)
				for i := 0; i < 30; i++ {
					a.clock.advance(24 * time.Hour)
					addWin(t, a, "Desk day "+time.Duration(i).String())
					day, _ := a.s.Today(ctx)
					if _, err := a.s.CelebrateEvening(ctx, day, EveningAnswers{WentWell: "Desk evening"}); err != nil {
						t.Fatal(err)
					}
					a.sync()
					b.clock.advance(24 * time.Hour)
					addWin(t, b, "Laptop day "+time.Duration(i).String())
				}
			},
			check: func(t *testing.T, a *syncDevice) {
				if n := len(liveWins(t, a)); n != 61 {
					t.Errorf("%d wins, want 61", n)
				}
			},
		},
		{
			name:  "clocks ten minutes apart: an edit made after seeing the other's wins",
			skewB: -10 * time.Minute,
			play: func(t *testing.T, a, b *syncDevice) {
				w := addWin(t, a, "Desk wrote this")
				converge(t, a, b)
				// b's clock is ten minutes behind, so its edit's wall time
				// is before a's write; it was made after seeing it.
				b.clock.advance(time.Minute)
				if _, err := b.s.EditWin(ctx, w.UUID, NewWin{Text: "Laptop corrected it"}); err != nil {
					t.Fatal(err)
				}
			},
			check: func(t *testing.T, a *syncDevice) {
				if got := strings.Join(liveWins(t, a), "|"); got != "Laptop corrected it" {
					t.Errorf("wins = %s", got)
				}
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, b := syncPair(t, tc.skewB)
			tc.play(t, a, b)
			converge(t, a, b)
			sameJournal(t, a, b)
			tc.check(t, a)
			tc.check(t, b)
			// A third device that reads the whole history at once comes to
			// the same journal: the result depends on what was written,
			// not on when or in which order it arrived.
			c := newSyncDevice(t, "Tablet", a.clock.t)
			c.pass = a.pass
			replicate(t, a, c)
			c.sync()
			sameJournal(t, a, c)
		})
	}
}

// TestSyncWholeJournalsMeet: two journals with a year each (many days
// written on both) meet for the first time; the merge reads in bulk.
func TestSyncWholeJournalsMeet(t *testing.T) {
	ctx := context.Background()
	a, b := syncPair(t, 0)
	if _, err := a.s.Demo(ctx, 1, "en", 1); err != nil {
		t.Fatal(err)
	}
	if _, err := b.s.Demo(ctx, 1, "de", 2); err != nil {
		t.Fatal(err)
	}
	ja, _ := a.s.Journal(ctx)
	jb, _ := b.s.Journal(ctx)
	rep := a.sync()
	if rep.Wrote < bulkLines {
		t.Fatalf("a wrote %d records, fewer than a bulk merge reads", rep.Wrote)
	}
	replicate(t, a, b)
	rep = b.sync()
	if rep.Read < bulkLines || rep.Combined == 0 {
		t.Errorf("b read %d records and combined %d days", rep.Read, rep.Combined)
	}
	converge(t, a, b)
	sameJournal(t, a, b)
	j, _ := a.s.Journal(ctx)
	if want := len(ja.Wins) + len(jb.Wins); len(j.Wins) != want {
		t.Errorf("%d wins after the merge, want %d: none lost, none twice", len(j.Wins), want)
	}
	c := newSyncDevice(t, "Tablet", a.clock.t)
	c.pass = a.pass
	replicate(t, a, c)
	c.sync()
	sameJournal(t, a, c)
}
