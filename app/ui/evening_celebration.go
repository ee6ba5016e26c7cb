package ui

import (
	"image/color"
	"math"
	"math/rand/v2"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// confettiDuration is how long the confetti falls: long enough to feel,
// short enough not to keep anyone waiting.
const confettiDuration = 1800 * time.Millisecond

// celebrationView is what the evening window shows after Celebrate: the
// day's win count big, confetti falling once, and the line that ends the day.
type celebrationView struct {
	count      *canvas.Text
	countLabel *widget.Label
	streak     *widget.Label // the celebrated evenings in a row, and the best run
	madeUp     *widget.Label
	cameBack   *widget.Label // the clients who came back
	closing    *widget.Label
	back       *widget.Button
	close      *widget.Button
	// tell copies a summary of the day's wins to share ("Tell someone");
	// told confirms it.
	tell *widget.Button
	told *widget.Label

	confetti *fyne.Container
	pieces   []confettiPiece
	anim     *fyne.Animation
	box      fyne.CanvasObject
}

// confettiPiece is one falling scrap: where it starts across the width (0–1),
// how fast it falls and how far it sways.
type confettiPiece struct {
	rect         *canvas.Rectangle
	x, speed     float32
	sway, phase  float32
	start, delay float32
}

var confettiColours = []color.Color{
	trophyGold,
	pitchDark,
	color.NRGBA{R: 0xe8, G: 0x5d, B: 0x4a, A: 0xff}, // coral
	color.NRGBA{R: 0x4a, G: 0x90, B: 0xe2, A: 0xff}, // sky
	color.NRGBA{R: 0xff, G: 0xe0, B: 0x8a, A: 0xff}, // pale gold
}

func newCelebrationView(onBack, onTell, onClose func()) *celebrationView {
	c := &celebrationView{}
	c.count = canvas.NewText("0", theme.Color(theme.ColorNamePrimary))
	c.count.TextSize = 120
	c.count.TextStyle = fyne.TextStyle{Bold: true}
	c.count.Alignment = fyne.TextAlignCenter
	c.countLabel = widget.NewLabel("")
	c.countLabel.Alignment = fyne.TextAlignCenter
	c.countLabel.SizeName = theme.SizeNameSubHeadingText
	c.streak = widget.NewLabel("")
	c.streak.Alignment = fyne.TextAlignCenter
	c.streak.Wrapping = fyne.TextWrapWord
	c.streak.Hide()
	c.madeUp = widget.NewLabel(lang.L("evening.celebration.madeUp"))
	c.madeUp.Alignment = fyne.TextAlignCenter
	c.madeUp.Importance = widget.LowImportance
	c.cameBack = widget.NewLabel("")
	c.cameBack.Alignment = fyne.TextAlignCenter
	c.cameBack.Wrapping = fyne.TextWrapWord
	c.cameBack.TextStyle = fyne.TextStyle{Bold: true}
	c.cameBack.Importance = widget.HighImportance
	c.cameBack.Hide()
	c.closing = widget.NewLabel(lang.L("evening.celebration.closing"))
	c.closing.Alignment = fyne.TextAlignCenter
	c.closing.TextStyle = fyne.TextStyle{Bold: true}
	c.closing.Wrapping = fyne.TextWrapWord
	c.closing.SizeName = theme.SizeNameSubHeadingText
	c.back = widget.NewButtonWithIcon(lang.L("evening.celebration.back"), theme.DocumentCreateIcon(), onBack)
	c.close = widget.NewButton(lang.L("evening.celebration.close"), onClose)
	c.close.Importance = widget.HighImportance
	c.tell = widget.NewButtonWithIcon(lang.L("evening.celebration.tell"), theme.MailSendIcon(), onTell)
	c.told = widget.NewLabel("")
	c.told.Alignment = fyne.TextAlignCenter
	c.told.Importance = widget.LowImportance
	c.told.Wrapping = fyne.TextWrapWord
	c.told.Hide()

	rng := rand.New(rand.NewPCG(20, 26)) // the same confetti every time: calm to look at, stable to test
	c.confetti = container.NewWithoutLayout()
	for i := 0; i < 90; i++ {
		r := canvas.NewRectangle(confettiColours[i%len(confettiColours)])
		w := 6 + rng.Float32()*6
		r.Resize(fyne.NewSize(w, w*(0.4+rng.Float32()*0.5)))
		r.CornerRadius = 1
		c.pieces = append(c.pieces, confettiPiece{
			rect: r, x: rng.Float32(), speed: 0.75 + rng.Float32()*0.5,
			sway: 8 + rng.Float32()*18, phase: rng.Float32() * 2 * math.Pi,
			start: -rng.Float32() * 0.6, delay: rng.Float32() * 0.25,
		})
		c.confetti.Add(r)
	}
	c.confetti.Hide()
	c.anim = fyne.NewAnimation(confettiDuration, c.tick)
	c.anim.Curve = fyne.AnimationLinear

	// A gold medal behind the number: the trophy of the day.
	medal := canvas.NewCircle(color.NRGBA{R: trophyGold.R, G: trophyGold.G, B: trophyGold.B, A: 0x38})
	medal.StrokeColor = trophyGold
	medal.StrokeWidth = 6
	medalBox := container.NewCenter(container.NewStack(
		container.NewGridWrap(fyne.NewSize(200, 200), medal),
		container.NewCenter(c.count),
	))
	middle := container.NewVBox(
		layout.NewSpacer(),
		medalBox, c.countLabel, c.streak, c.cameBack, c.madeUp,
		c.closing,
		layout.NewSpacer(),
		c.told,
	)
	buttons := container.NewCenter(container.NewHBox(c.back, c.tell, c.close))
	c.box = container.NewStack(
		container.NewBorder(nil, container.NewPadded(buttons), nil, nil, container.NewPadded(middle)),
		c.confetti,
	)
	return c
}

// content is the view, to set as the window's content.
func (c *celebrationView) content() fyne.CanvasObject { return c.box }

// show sets the numbers and lines for a celebrated day, naming the
// clients who came back; streak is the celebrated-evening streak's line
// ("" for none).
func (c *celebrationView) show(wins int, today, madeUp bool, cameBack []string, streak string) {
	c.count.Text = strconv.Itoa(wins)
	c.count.Color = theme.Color(theme.ColorNamePrimary)
	c.count.Refresh()
	c.countLabel.SetText(celebrationLine(wins, today))
	showLine(c.streak, streak)
	if line := returningLine(cameBack, today); line != "" {
		c.cameBack.SetText(line)
		c.cameBack.Show()
	} else {
		c.cameBack.Hide()
	}
	if madeUp {
		c.madeUp.Show()
	} else {
		c.madeUp.Hide()
	}
	// Nothing to tell on a day without wins.
	c.tell.Hidden = wins == 0
	c.tell.Refresh()
	c.told.Hide()
}

// showTold confirms that the summary is on the clipboard.
func (c *celebrationView) showTold() {
	c.told.SetText(lang.L("evening.celebration.told"))
	c.told.Show()
}

// celebrationLine is the line under the big number.
func celebrationLine(wins int, today bool) string {
	switch {
	case wins == 0:
		return lang.L("evening.celebration.noWins")
	case today:
		return lang.LocalizePluralKey("evening.celebration.winsToday", "", wins, map[string]any{"Count": wins})
	}
	return lang.LocalizePluralKey("evening.celebration.winsDay", "", wins, map[string]any{"Count": wins})
}

// start lets the confetti fall once.
func (c *celebrationView) start() {
	c.anim.Stop()
	c.confetti.Show()
	c.tick(0)
	c.anim.Start()
}

// stop ends the confetti at once.
func (c *celebrationView) stop() {
	c.anim.Stop()
	c.confetti.Hide()
}

// tick places each piece at moment f (0–1) of the fall; at 1 the confetti
// is gone and the numbers stand alone.
func (c *celebrationView) tick(f float32) {
	if f >= 1 {
		c.confetti.Hide()
		return
	}
	size := c.box.Size()
	for _, p := range c.pieces {
		t := (f - p.delay) * p.speed
		y := p.start*size.Height + t*size.Height*1.6
		x := p.x*size.Width + p.sway*float32(math.Sin(float64(t*9+p.phase)))
		p.rect.Move(fyne.NewPos(x, y))
	}
	c.confetti.Refresh()
}
