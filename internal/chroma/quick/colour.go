package quick

import (
	"math"
	"strconv"
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// sgrOf is the escape sequence ("Select Graphic Rendition") for e, or "" if e
// sets nothing that shows.
func sgrOf(e chroma.StyleEntry, m mode) string {
	var p []string
	if e.Bold == chroma.Yes {
		p = append(p, "1")
	}
	if e.Italic == chroma.Yes {
		p = append(p, "3")
	}
	if e.Underline == chroma.Yes {
		p = append(p, "4")
	}
	if e.Colour.IsSet() {
		p = append(p, colourCode(e.Colour, m, false))
	}
	if e.Background.IsSet() {
		p = append(p, colourCode(e.Background, m, true))
	}
	if len(p) == 0 {
		return ""
	}
	return "\x1b[" + strings.Join(p, ";") + "m"
}

// colourCode is the SGR parameter that sets c as the foreground, or the
// background if bg, in mode m.
func colourCode(c chroma.Colour, m mode, bg bool) string {
	switch m {
	case trueColour:
		p := "38;2;"
		if bg {
			p = "48;2;"
		}
		return p + strconv.Itoa(int(c.Red())) + ";" + strconv.Itoa(int(c.Green())) + ";" + strconv.Itoa(int(c.Blue()))
	case xterm256:
		p := "38;5;"
		if bg {
			p = "48;5;"
		}
		return p + strconv.Itoa(nearest256(c))
	default:
		n := nearest16(c)
		base := 30
		if n >= 8 {
			base, n = 90, n-8
		}
		if bg {
			base += 10
		}
		return strconv.Itoa(base + n)
	}
}

// nearest256 is the xterm colour nearest c among the 6x6x6 colour cube
// (16-231) and the grey ramp (232-255). Colours 0-15 are left out: terminals
// let users change them.
func nearest256(c chroma.Colour) int {
	best, bestDist := 16, math.MaxFloat64
	for i := 16; i < 256; i++ {
		if d := xterm(i).Distance(c); d < bestDist {
			best, bestDist = i, d
		}
	}
	return best
}

// xterm is the RGB value of xterm colour i, 16 <= i < 256.
func xterm(i int) chroma.Colour {
	if i >= 232 {
		v := uint8(8 + 10*(i-232))
		return chroma.NewColour(v, v, v)
	}
	level := func(n int) uint8 {
		if n == 0 {
			return 0
		}
		return uint8(55 + 40*n)
	}
	i -= 16
	return chroma.NewColour(level(i/36), level(i/6%6), level(i%6))
}

// palette16 holds xterm's default values of the 16 basic colours: black, red,
// green, yellow, blue, magenta, cyan, white, then their bright forms.
var palette16 = [16][3]uint8{
	{0x00, 0x00, 0x00}, {0xcd, 0x00, 0x00}, {0x00, 0xcd, 0x00}, {0xcd, 0xcd, 0x00},
	{0x00, 0x00, 0xee}, {0xcd, 0x00, 0xcd}, {0x00, 0xcd, 0xcd}, {0xe5, 0xe5, 0xe5},
	{0x7f, 0x7f, 0x7f}, {0xff, 0x00, 0x00}, {0x00, 0xff, 0x00}, {0xff, 0xff, 0x00},
	{0x5c, 0x5c, 0xff}, {0xff, 0x00, 0xff}, {0x00, 0xff, 0xff}, {0xff, 0xff, 0xff},
}

// nearest16 is the index (0-15) of the basic colour nearest c.
func nearest16(c chroma.Colour) int {
	best, bestDist := 0, math.MaxFloat64
	for i, rgb := range palette16 {
		if d := chroma.NewColour(rgb[0], rgb[1], rgb[2]).Distance(c); d < bestDist {
			best, bestDist = i, d
		}
	}
	return best
}
