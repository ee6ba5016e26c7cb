package widget

import (
	"image/color"
	"math"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Counts are the numbers a WinCounter shows.
type Counts struct{ Today, Week, Season, Career int }

// CounterLabels are the counter's words, in the user's language.
type CounterLabels struct {
	Today, Week, Season, Career string
	ThousandsSeparator          string // "," or "."
}

// WinCounter is the scoreboard: today's wins big on the left, this week,
// this season and the career small on the right. When today's number goes
// up it pops once in trophy gold and a "+1" rises from it; it never blocks.
type WinCounter struct {
	widget.BaseWidget

	counts Counts
	labels CounterLabels
	added  int     // how many wins the running celebration is for
	pop    float32 // animation progress, 0 to 1; 1 is at rest
	anim   *fyne.Animation
}

const (
	counterBigSize   = 64
	counterSmallSize = 18
	counterPopScale  = 0.22
	counterPopTime   = 650 * time.Millisecond
)

// NewWinCounter returns a counter at zero.
func NewWinCounter() *WinCounter {
	c := &WinCounter{pop: 1, labels: CounterLabels{ThousandsSeparator: ","}}
	c.ExtendBaseWidget(c)
	return c
}

// SetCounts shows counts; when today's number went up it celebrates.
func (c *WinCounter) SetCounts(counts Counts) {
	up := counts.Today - c.counts.Today
	c.counts = counts
	if up > 0 {
		c.celebrate(up)
	}
	c.Refresh()
}

// SetCountsQuietly shows counts without celebrating: a first load, a new
// day, a redraw.
func (c *WinCounter) SetCountsQuietly(counts Counts) {
	c.counts = counts
	c.Refresh()
}

// Celebrated returns how many wins the last celebration was for (0 before
// the first) and whether it has come to rest.
func (c *WinCounter) Celebrated() (wins int, atRest bool) { return c.added, c.pop == 1 }

// Counts returns what the counter shows.
func (c *WinCounter) Counts() Counts { return c.counts }

// SetLabels changes the counter's words (a language change).
func (c *WinCounter) SetLabels(l CounterLabels) {
	c.labels = l
	c.Refresh()
}

func (c *WinCounter) celebrate(added int) {
	if c.anim != nil {
		c.anim.Stop()
	}
	c.added = added
	c.pop = 0
	c.anim = fyne.NewAnimation(counterPopTime, func(p float32) {
		c.pop = p
		c.Refresh()
	})
	c.anim.Curve = fyne.AnimationLinear
	c.anim.Start()
}

// CreateRenderer implements fyne.Widget.
func (c *WinCounter) CreateRenderer() fyne.WidgetRenderer {
	r := &winCounterRenderer{c: c}
	r.card = canvas.NewRectangle(color.Transparent)
	r.divider = canvas.NewRectangle(color.Transparent)
	r.big = canvas.NewText("", color.Black)
	r.big.TextStyle = fyne.TextStyle{Bold: true}
	r.big.Alignment = fyne.TextAlignCenter
	r.caption = canvas.NewText("", color.Black)
	r.caption.Alignment = fyne.TextAlignCenter
	r.plus = canvas.NewText("", color.Black)
	r.plus.TextStyle = fyne.TextStyle{Bold: true}
	for i := range r.nums {
		r.nums[i] = canvas.NewText("", color.Black)
		r.nums[i].TextStyle = fyne.TextStyle{Bold: true}
		r.nums[i].TextSize = counterSmallSize
		r.nums[i].Alignment = fyne.TextAlignTrailing
		r.labels[i] = canvas.NewText("", color.Black)
	}
	r.objects = []fyne.CanvasObject{r.card, r.divider, r.big, r.caption, r.plus,
		r.nums[0], r.labels[0], r.nums[1], r.labels[1], r.nums[2], r.labels[2]}
	r.Refresh()
	return r
}

type winCounterRenderer struct {
	c       *WinCounter
	card    *canvas.Rectangle
	divider *canvas.Rectangle
	big     *canvas.Text
	caption *canvas.Text
	plus    *canvas.Text
	nums    [3]*canvas.Text
	labels  [3]*canvas.Text
	objects []fyne.CanvasObject
}

func (r *winCounterRenderer) Destroy() {}

func (r *winCounterRenderer) Objects() []fyne.CanvasObject { return r.objects }

// pad is the space inside the card and between its parts.
func (r *winCounterRenderer) pad() float32 { return theme.InnerPadding() * 1.5 }

func textSize(t *canvas.Text) fyne.Size {
	return fyne.MeasureText(t.Text, t.TextSize, t.TextStyle)
}

// leftSize is the rest size of the big number with its caption.
func (r *winCounterRenderer) leftSize() (w, bigH, capH float32) {
	big := fyne.MeasureText(r.big.Text, counterBigSize, r.big.TextStyle)
	// Leave room for two digits, so 9 to 10 does not shift the card.
	two := fyne.MeasureText("88", counterBigSize, r.big.TextStyle)
	cp := textSize(r.caption)
	return max(big.Width, two.Width, cp.Width), big.Height, cp.Height
}

// rightSize is the size of the three small lines and the width of their numbers.
func (r *winCounterRenderer) rightSize() (w, h, numW, rowH float32) {
	var labW float32
	for i := range r.nums {
		n, l := textSize(r.nums[i]), textSize(r.labels[i])
		numW = max(numW, n.Width)
		labW = max(labW, l.Width)
		rowH = max(rowH, n.Height, l.Height)
	}
	return numW + theme.InnerPadding() + labW, 3 * rowH, numW, rowH
}

func (r *winCounterRenderer) MinSize() fyne.Size {
	p := r.pad()
	lw, bigH, capH := r.leftSize()
	rw, rh, _, _ := r.rightSize()
	return fyne.NewSize(p+lw+2*p+1+2*p+rw+p, p+max(bigH*0.92+capH, rh)+p)
}

func (r *winCounterRenderer) Layout(size fyne.Size) {
	p := r.pad()
	r.card.Resize(size)
	r.card.Move(fyne.NewPos(0, 0))

	lw, bigH, capH := r.leftSize()
	rw, rh, numW, rowH := r.rightSize()
	// The left part is the bigger one: the day's score is the point.
	free := size.Width - (p + lw + 2*p + 1 + 2*p + rw + p)
	leftW := lw + 2*p + free*0.55
	divX := p + leftW

	r.divider.Resize(fyne.NewSize(1, size.Height-2*p))
	r.divider.Move(fyne.NewPos(divX, p))

	// The big number keeps its centre while it pops. Digits sit high in their
	// line box, so the caption tucks a little under it.
	block := bigH*0.92 + capH
	top := (size.Height - block) / 2
	bs := textSize(r.big)
	cx := p / 2
	r.big.Resize(fyne.NewSize(leftW, bs.Height))
	r.big.Move(fyne.NewPos(cx, top+bigH/2-bs.Height/2))
	r.caption.Resize(fyne.NewSize(leftW, capH))
	r.caption.Move(fyne.NewPos(cx, top+bigH*0.92))

	ps := textSize(r.plus)
	rest := fyne.MeasureText(r.big.Text, counterBigSize, r.big.TextStyle)
	rise := float32(18) * r.c.pop
	r.plus.Resize(ps)
	r.plus.Move(fyne.NewPos(cx+leftW/2+rest.Width/2-2, top+bigH*0.12-rise))

	x := divX + 1 + 2*p
	rightW := size.Width - x - p
	x += max(0, (rightW-rw)/2)
	y := (size.Height - rh) / 2
	for i := range r.nums {
		r.nums[i].Resize(fyne.NewSize(numW, rowH))
		r.nums[i].Move(fyne.NewPos(x, y))
		l := textSize(r.labels[i])
		r.labels[i].Resize(l)
		r.labels[i].Move(fyne.NewPos(x+numW+theme.InnerPadding(), y+(rowH-l.Height)/2+1))
		y += rowH
	}
}

func (r *winCounterRenderer) Refresh() {
	c := r.c
	primary := theme.Color(theme.ColorNamePrimary)
	fg := theme.Color(theme.ColorNameForeground)
	muted := theme.Color(theme.ColorNamePlaceHolder)

	card := ToNRGBA(primary)
	card.A = 0x1c
	r.card.FillColor = card
	r.card.CornerRadius = theme.InputRadiusSize() * 2
	div := ToNRGBA(primary)
	div.A = 0x50
	r.divider.FillColor = div

	p := float64(c.pop)
	r.big.Text = strconv.Itoa(c.counts.Today)
	r.big.TextSize = counterBigSize * float32(1+counterPopScale*math.Sin(math.Pi*p))
	r.big.Color = Blend(goldColor(), primary, easeOut(p))
	r.caption.Text = c.labels.Today
	r.caption.Color = muted
	r.caption.TextSize = theme.TextSize()

	if c.pop < 1 {
		r.plus.Text = "+" + strconv.Itoa(c.added)
		g := ToNRGBA(goldColor())
		g.A = uint8(255 * (1 - easeIn(p)))
		r.plus.Color = g
	} else {
		r.plus.Text = ""
	}
	r.plus.TextSize = counterSmallSize

	nums := [3]int{c.counts.Week, c.counts.Season, c.counts.Career}
	words := [3]string{c.labels.Week, c.labels.Season, c.labels.Career}
	for i := range r.nums {
		r.nums[i].Text = formatCount(nums[i], c.labels.ThousandsSeparator)
		r.nums[i].Color = fg
		r.labels[i].Text = words[i]
		r.labels[i].Color = muted
		r.labels[i].TextSize = theme.TextSize()
	}
	r.Layout(c.Size())
	canvas.Refresh(c)
}

// formatCount writes n with the language's thousands separator: 1,732 or 1.732.
func formatCount(n int, sep string) string {
	s := strconv.Itoa(n)
	if n < 0 || len(s) <= 3 {
		return s
	}
	out := make([]byte, 0, len(s)+len(s)/3*len(sep))
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, sep...)
		}
		out = append(out, s[i])
	}
	return string(out)
}

// goldColor is the theme's celebration colour, deepened on a light
// background so the "+1" stays readable there.
func goldColor() color.Color {
	var g color.Color = TrophyGold
	if t, ok := theme.Current().(interface{ Gold() color.Color }); ok {
		g = t.Gold()
	}
	if isLight(theme.Color(theme.ColorNameBackground)) {
		return Blend(g, color.NRGBA{R: 0x80, G: 0x50, B: 0x00, A: 0xff}, 0.35)
	}
	return g
}

// isLight reports whether c is a light colour.
func isLight(c color.Color) bool {
	n := ToNRGBA(c)
	return 299*int(n.R)+587*int(n.G)+114*int(n.B) > 128*1000
}

// ToNRGBA converts c to non-premultiplied RGBA.
func ToNRGBA(c color.Color) color.NRGBA {
	return color.NRGBAModel.Convert(c).(color.NRGBA)
}

func easeOut(p float64) float64 { return 1 - (1-p)*(1-p) }

func easeIn(p float64) float64 { return p * p }
