package widget

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// demoLadder is 60 → 800 → 5,000 → 9,000, then a win without an amount.
var demoLadder = []LadderStep{
	{Value: 6000, Amount: "€60", Date: "5 Mar 2024"},
	{Value: 80000, Amount: "€800", Date: "10 Sep 2024", StepUp: "×13.33"},
	{Value: 500000, Amount: "€5,000", Date: "14 Feb 2025", StepUp: "×6.25"},
	{Value: 900000, Amount: "€9,000", Date: "1 Jun 2026", StepUp: "×1.8"},
	{Date: "2 Jun 2026"},
}

func TestLadderStepsRise(t *testing.T) {
	hs := stepHeights(demoLadder, 160)
	for i := 1; i < 4; i++ {
		if hs[i] <= hs[i-1] {
			t.Errorf("step %d (%v) is not higher than step %d (%v)", i, hs[i], i-1, hs[i-1])
		}
	}
	if hs[3] != 160 {
		t.Errorf("the highest step is %v, want the whole height", hs[3])
	}
	// 60 next to 9,000 still shows above the lowest step; no amount is the
	// lowest step.
	if hs[0] <= ladderMinRise+10 || hs[4] != ladderMinRise {
		t.Errorf("60 is %v high, no amount %v", hs[0], hs[4])
	}
}

// ladderTexts returns the texts the ladder draws.
func ladderTexts(t *testing.T, l *Ladder) []string {
	t.Helper()
	var out []string
	for _, o := range test.WidgetRenderer(l).Objects() {
		if tx, ok := o.(*canvas.Text); ok {
			out = append(out, tx.Text)
		}
	}
	return out
}

func TestLadderDrawsAmountsDatesAndStepUps(t *testing.T) {
	test.NewTempApp(t)
	l := NewLadder()
	l.SetSteps(demoLadder)
	l.Resize(fyne.NewSize(600, ladderHeight))
	got := strings.Join(ladderTexts(t, l), "|")
	for _, want := range []string{"€60", "€800", "€5,000", "€9,000", "▲ ×13.33", "▲ ×6.25", "▲ ×1.8", "5 Mar 2024", "2 Jun 2026"} {
		if !strings.Contains(got, want) {
			t.Errorf("the ladder lacks %q: %s", want, got)
		}
	}
	if n := strings.Count(got, "▲"); n != 3 {
		t.Errorf("%d step-ups marked, want 3", n)
	}
	// Narrow: only some dates fit, but every step up is still marked and
	// the latest step keeps its date.
	l.Resize(fyne.NewSize(5*30, ladderHeight))
	got = strings.Join(ladderTexts(t, l), "|")
	if strings.Count(got, "▲") != 3 || !strings.Contains(got, "2 Jun 2026") || strings.Contains(got, "1 Jun 2026") {
		t.Errorf("narrow ladder draws %s", got)
	}
	if l.MinSize().Width < 5*ladderMinStepW {
		t.Errorf("min width %v for five steps", l.MinSize().Width)
	}
}

func TestLadderTap(t *testing.T) {
	test.NewTempApp(t)
	l := NewLadder()
	l.SetSteps(demoLadder)
	l.Resize(fyne.NewSize(500, ladderHeight))
	tapped := -1
	l.OnTap = func(i int) { tapped = i }
	test.TapAt(l, fyne.NewPos(250, 100))
	if tapped != 2 {
		t.Errorf("tapped step %d, want 2", tapped)
	}
}
