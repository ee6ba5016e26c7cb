package widget

import (
	"image/color"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func TestHeatStepsAndAxis(t *testing.T) {
	for wins, step := range map[int]int{0: 0, 1: 1, 2: 2, 3: 3, 4: 3, 5: 4, 40: 4} {
		if got := heatStep(wins); got != step {
			t.Errorf("heatStep(%d) = %d, want %d", wins, got, step)
		}
	}
	for most, top := range map[int]int{0: 2, 1: 2, 3: 4, 5: 6, 7: 10, 10: 10, 11: 20, 31: 40, 45: 60, 61: 100, 101: 200} {
		if got := axisTop(most); got != top {
			t.Errorf("axisTop(%d) = %d, want %d", most, got, top)
		}
	}
}

func TestHeatmapColumns(t *testing.T) {
	test.NewTempApp(t)
	year := func(y int) []HeatDay {
		var days []HeatDay
		for d := time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC); d.Year() == y; d = d.AddDate(0, 0, 1) {
			days = append(days, HeatDay{Date: d})
		}
		return days
	}
	h := NewHeatmap()
	for _, c := range []struct{ year, columns int }{{2026, 53}, {2024, 53}, {2040, 54}, {2023, 53}} {
		days := year(c.year)
		h.SetDays(days)
		if got := h.columns(); got != c.columns {
			t.Errorf("%d has %d columns, want %d", c.year, got, c.columns)
		}
		// 31 December sits in the last column, on its weekday's row.
		last := h.cellPos(len(days) - 1)
		wantX := float32(heatLabelW + (c.columns-1)*heatPitch)
		wantY := float32(heatMonthH + weekRow(days[len(days)-1].Date.Weekday())*heatPitch)
		if last.X != wantX || last.Y != wantY {
			t.Errorf("%d: 31 December at %v, want (%v, %v)", c.year, last, wantX, wantY)
		}
		if h.MinSize().Width != float32(heatLabelW+c.columns*heatPitch) {
			t.Errorf("%d: width %v", c.year, h.MinSize().Width)
		}
	}
}

// TestPasteSeveralLinesAsOne: a one-line entry takes pasted lines as one
// line with single spaces, also where a blank line was; a multi-line paste
// and text within a line stay as they are.
func TestPasteSeveralLinesAsOne(t *testing.T) {
	a := test.NewTempApp(t)
	for _, tt := range []struct{ paste, want string }{
		{"Signed Anna\n\nfor the 800 € course", "Signed Anna for the 800 € course"},
		{"  one\r\n  two  \n\n\n three ", "one two three"},
		{"kept  as  typed", "kept  as  typed"},
	} {
		e := NewEscEntry(nil)
		w := test.NewWindow(e)
		a.Clipboard().SetContent(tt.paste)
		w.Canvas().Focus(e)
		e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: a.Clipboard()})
		if e.Text != tt.want {
			t.Errorf("pasted %q: entry holds %q, want %q", tt.paste, e.Text, tt.want)
		}
		w.Close()
	}
}

// TestHeatmapOffSeasonShade: off-season days have their own shade; one
// with wins keeps the wins' colour and gets a strip of the shade.
func TestHeatmapOffSeasonShade(t *testing.T) {
	test.NewTempApp(t)
	jan1 := time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)
	days := []HeatDay{
		{Date: jan1},
		{Date: jan1.AddDate(0, 0, 1), OffSeason: true},
		{Date: jan1.AddDate(0, 0, 2), OffSeason: true, Wins: 3},
	}
	h := NewHeatmap()
	h.SetLabels(HeatmapLabels{OffSeason: "Off-season"})
	h.SetDays(days)
	r := test.TempWidgetRenderer(t, h).(*heatmapRenderer)
	colors := heatColors()
	if r.cells[0].FillColor != colors[0] || r.cells[1].FillColor != OffSeasonColor() || r.cells[2].FillColor != colors[3] {
		t.Errorf("fills %v %v %v", r.cells[0].FillColor, r.cells[1].FillColor, r.cells[2].FillColor)
	}
	if OffSeasonColor() == colors[0] || OffSeasonColor() == colors[1] {
		t.Error("the off-season shade is one of the win steps")
	}
	strips := 0
	for _, o := range r.objects {
		if rect, ok := o.(*canvas.Rectangle); ok && rect.FillColor == OffSeasonColor() && rect.Size().Height == offSeasonStrip {
			strips++
		}
	}
	if strips != 1 {
		t.Errorf("%d strips, want one on the off-season day with wins", strips)
	}
	legend := false
	for _, o := range r.legend {
		if txt, ok := o.(*canvas.Text); ok && txt.Text == "Off-season" {
			legend = true
		}
	}
	if !legend {
		t.Error("the legend does not name the off-season")
	}
}

// TestBarChartLabels: a week's chart labels every day; twelve weeks label
// every other one, the last always.
func TestBarChartLabels(t *testing.T) {
	test.NewTempApp(t)
	labelled := func(b *BarChart) []string {
		var out []string
		for _, o := range test.TempWidgetRenderer(t, b).Objects() {
			if txt, ok := o.(*canvas.Text); ok && len(txt.Text) == 3 && txt.Text[0] == 'd' {
				out = append(out, txt.Text)
			}
		}
		return out
	}
	labels := []string{"d01", "d02", "d03", "d04", "d05", "d06", "d07"}
	b := NewBarChart()
	b.Resize(b.MinSize())
	b.SetValues([]int{1, 2, 3, 0, 1, 0, 2}, labels)
	if got := labelled(b); len(got) != 4 || got[len(got)-1] != "d07" {
		t.Errorf("every other label: %v", got)
	}
	b.EveryLabel = true
	b.Refresh()
	if got := labelled(b); len(got) != 7 {
		t.Errorf("every label: %v", got)
	}
}

// TestHeatmapCelebratedAndMadeUpMarksDiffer: on the brightest cell (the
// most wins) and on an empty one, in both themes, a celebrated evening is
// a solid gold dot, and one made up later a ring whose hole shows the
// cell's own colour across several pixels: the two never look alike (the
// ring's hole was a 3-px speck, a dot on a bright cell).
func TestHeatmapCelebratedAndMadeUpMarksDiffer(t *testing.T) {
	for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		a := test.NewTempApp(t)
		a.Settings().SetTheme(variantTheme{theme.DefaultTheme(), variant})
		jan1 := time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)
		h := NewHeatmap()
		h.SetDays([]HeatDay{
			{Date: jan1, Wins: 9, Celebrated: true},
			{Date: jan1.AddDate(0, 0, 1), Wins: 9, Celebrated: true, MadeUp: true},
			{Date: jan1.AddDate(0, 0, 2), Celebrated: true},
			{Date: jan1.AddDate(0, 0, 3), Celebrated: true, MadeUp: true},
		})
		w := test.NewTempWindow(t, h)
		h.FitWidth(2000) // the largest cells: the old ring's speck stood out least there
		w.Resize(h.MinSize().AddWidthHeight(20, 20))
		img := w.Canvas().Capture()
		origin := a.Driver().AbsolutePositionForObject(h)
		colors := heatColors()
		for i, tt := range []struct {
			cell   color.Color
			madeUp bool
			want   string
		}{
			{colors[4], false, "cgc"},
			{colors[4], true, "cgcgc"},
			{colors[0], false, "cgc"},
			{colors[0], true, "cgcgc"},
		} {
			// The row of pixels through the cell's middle, as runs of
			// gold (g), the cell's colour (c) and anything else (the
			// rim, edges): the dot is one run of gold, the ring two
			// around a hole at least 4 px wide.
			p := origin.Add(h.cellPos(i))
			y := int(p.Y + h.cell()/2)
			var runs []byte
			var lens []int
			// (A few pixels either side too: the capture sits a pixel
			// or two off the positions the driver reports.)
			for x := int(p.X) - 3; x < int(p.X+h.cell())+3; x++ {
				k := byte('o')
				switch px := img.At(x, y); {
				case near(px, TrophyGold):
					k = 'g'
				case near(px, tt.cell):
					k = 'c'
				}
				if k == 'o' {
					continue
				}
				if n := len(runs); n > 0 && runs[n-1] == k {
					lens[n-1]++
					continue
				}
				runs, lens = append(runs, k), append(lens, 1)
			}
			if string(runs) != tt.want {
				t.Errorf("%v, day %d (made up %v): runs %s %v, want %s", variant, i+1, tt.madeUp, runs, lens, tt.want)
				continue
			}
			if tt.madeUp && lens[2] < 4 {
				t.Errorf("%v, day %d: the ring's hole is %d px wide, want at least 4: a speck looks like a dot", variant, i+1, lens[2])
			}
		}
	}
}

// near: each channel within 24 of the other's.
func near(a, b color.Color) bool {
	x, y := ToNRGBA(a), ToNRGBA(b)
	d := func(p, q uint8) bool { return int(p)-int(q) <= 24 && int(q)-int(p) <= 24 }
	return d(x.R, y.R) && d(x.G, y.G) && d(x.B, y.B)
}

// variantTheme holds a theme to one variant.
type variantTheme struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}
