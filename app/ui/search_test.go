package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"matchday/app/text"
	"matchday/data"
)

func TestSearchPanel(t *testing.T) {
	u, s, clock := newTestUI(t)
	ctx := context.Background()
	today, _ := s.Today(ctx)
	yesterday := today.AddDays(-1)
	if _, err := s.AddWin(ctx, yesterday, data.NewWin{Text: "Herr Müller bought the course"}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(60e9)
	if _, err := s.CelebrateEvening(ctx, yesterday, data.EveningAnswers{WentWell: "Called MÜLLER first"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetMorningFocus(ctx, today, "Follow up with Müller"); err != nil {
		t.Fatal(err)
	}

	var picked []data.Day
	p := newSearchPanel(u, func(d data.Day) { picked = append(picked, d) })
	w := test.NewTempWindow(t, p.content)
	w.Resize(fyne.NewSize(420, 500))

	test.Type(p.entry, "muller")
	if len(p.hits) != 3 {
		t.Fatalf("%d hits for muller, want 3: %+v", len(p.hits), p.hits)
	}
	if p.status.Text != "3 found, newest first" || !p.status.Visible() {
		t.Errorf("status %q (visible %v)", p.status.Text, p.status.Visible())
	}
	if p.hits[0].Day != today || p.hits[0].Field != data.HitFocus {
		t.Errorf("first hit %+v, want today's focus", p.hits[0])
	}
	if p.results.Length() != 3 {
		t.Errorf("list shows %d rows", p.results.Length())
	}
	shown := map[string]bool{}
	walkObjects(p.results, func(o fyne.CanvasObject) bool {
		if l, ok := o.(*widget.Label); ok {
			shown[l.Text] = true
		}
		return true
	})
	for _, want := range []string{"Thursday, 26 November 2026 · Focus", "Follow up with Müller", "Called MÜLLER first"} {
		if !shown[want] {
			t.Errorf("the list does not show %q", want)
		}
	}
	if got := hitHeading(p.hits[2]); got != "Wednesday, 25 November 2026 · Win" {
		t.Errorf("heading %q", got)
	}

	p.results.Select(2)
	p.results.Select(2) // the same result again
	if len(picked) != 2 || picked[0] != yesterday || picked[1] != yesterday {
		t.Errorf("picked %v, want yesterday twice", picked)
	}

	if _, err := s.AddWin(ctx, today, data.NewWin{Text: "Müller again"}); err != nil {
		t.Fatal(err)
	}
	p.refresh()
	if len(p.hits) != 4 || p.hits[0].Text != "Müller again" {
		t.Errorf("after refresh: %+v", p.hits)
	}

	test.Type(p.entry, " nothing-like-this")
	if len(p.hits) != 0 || p.status.Text != "Nothing found for “muller nothing-like-this”" {
		t.Errorf("%d hits, status %q", len(p.hits), p.status.Text)
	}
	p.entry.SetText("")
	if len(p.hits) != 0 || p.status.Visible() {
		t.Errorf("empty query: %d hits, status %q visible", len(p.hits), p.status.Text)
	}
}

func TestSearchPanelGerman(t *testing.T) {
	u, s, _ := newTestUI(t)
	text.Load("de")
	ctx := context.Background()
	if _, err := s.AddWin(ctx, data.Day{}, data.NewWin{Text: "Straßenfest gebucht"}); err != nil {
		t.Fatal(err)
	}
	p := newSearchPanel(u, nil)
	test.NewTempWindow(t, p.content)
	if p.entry.PlaceHolder != "Erfolge, Reflexionen und Fokusse durchsuchen" {
		t.Errorf("placeholder %q", p.entry.PlaceHolder)
	}
	test.Type(p.entry, "STRASSE")
	if len(p.hits) != 1 || p.status.Text != "1 gefunden, neueste zuerst" {
		t.Errorf("%d hits, status %q", len(p.hits), p.status.Text)
	}
	if got := hitHeading(p.hits[0]); got != "Donnerstag, 26.11.2026 · Erfolg" {
		t.Errorf("heading %q", got)
	}
	p.results.Select(0) // no onPick: nothing happens
}
