package widget

import "image/color"

// TrophyGold is the colour of a celebration: the counter's pop, the
// heatmap's reflection marks, the confetti.
var TrophyGold = color.NRGBA{R: 0xf4, G: 0xc0, B: 0x3e, A: 0xff}

// Blend mixes colour a (share 0) into b (share 1), channel by channel.
func Blend(a, b color.Color, share float64) color.Color {
	ca, cb := ToNRGBA(a), ToNRGBA(b)
	mix := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*share + 0.5) }
	return color.NRGBA{R: mix(ca.R, cb.R), G: mix(ca.G, cb.G), B: mix(ca.B, cb.B), A: mix(ca.A, cb.A)}
}
