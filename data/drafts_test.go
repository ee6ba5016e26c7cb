package data

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestWinDraft: an unsent win is kept as a draft, exactly as typed (too
// long for a win included), never as a win; the editor's draft of a win is
// kept apart; an empty draft removes the stored one; drafts survive a
// reopen and stay on this machine (no export carries them).
func TestWinDraft(t *testing.T) {
	ctx := context.Background()
	clock := &portClock{portNow(t)}
	s := openPortStore(t, clock)
	if _, err := s.WinDraft(ctx, ""); !errors.Is(err, ErrNotFound) {
		t.Fatalf("no draft yet: %v", err)
	}
	long := strings.Repeat("ü", MaxWin+20) + "  "
	for _, d := range []WinDraft{
		{Text: "Signed Anna für 800 € 🎉", Client: "Anna", Amount: "800,"},
		{Text: long},
		{Of: "0a1b2c3d-0000-4000-8000-000000000001", Text: "Edited win"},
	} {
		if err := s.SaveWinDraft(ctx, d); err != nil {
			t.Fatal(err)
		}
		got, err := s.WinDraft(ctx, d.Of)
		if err != nil || got != d {
			t.Errorf("draft %+v came back as %+v, %v", d, got, err)
		}
	}
	if got, _ := s.WinDraft(ctx, ""); got.Text != long {
		t.Error("the editor's draft replaced the entry's")
	}
	day, _ := s.Today(ctx)
	if c, _ := s.WinCounts(ctx, day); c.Career != 0 {
		t.Errorf("a draft counts as a win: %+v", c)
	}
	if j, _ := s.Journal(ctx); len(j.Wins) != 0 || strings.Contains(string(exportJSON(t, s)), "Edited win") {
		t.Error("a draft is in the export")
	}
	if err := s.SaveWinDraft(ctx, WinDraft{Text: "a\x00b"}); err == nil {
		t.Error("a NUL in a draft was stored")
	}

	path := s.Path()
	s.Close()
	s, err := Open(path, WithClock(clock.now))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got, _ := s.WinDraft(ctx, ""); got.Text != long {
		t.Errorf("after a reopen the draft is %q", got.Text)
	}
	if err := s.SaveWinDraft(ctx, WinDraft{Text: "  "}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WinDraft(ctx, ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("an empty draft left the old one: %v", err)
	}
}
