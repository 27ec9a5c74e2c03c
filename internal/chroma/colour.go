package chroma

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Colour is an RGB colour stored as 0xRRGGBB+1, so that the zero value means
// "not set" (as in chroma).
type Colour int32

// NewColour makes a Colour from its components.
func NewColour(r, g, b uint8) Colour {
	return Colour(int32(r)<<16|int32(g)<<8|int32(b)) + 1
}

// ParseColour parses #rgb, #rrggbb or one of chroma's named colours
// (#ansired, #red, ...). It returns an unset colour if it cannot.
func ParseColour(s string) Colour {
	if hex := namedColour(s); hex != "" {
		s = hex
	} else if strings.HasPrefix(s, "#") {
		s = s[1:]
		if len(s) == 3 {
			s = string([]byte{s[0], s[0], s[1], s[1], s[2], s[2]})
		}
	}
	n, err := strconv.ParseUint(s, 16, 32)
	if err != nil || n > 0xffffff {
		return 0
	}
	return Colour(n + 1)
}

// namedColour is chroma's ANSI2RGB table, as a switch so that nothing is built
// when the package initialises.
func namedColour(s string) string {
	if !strings.HasPrefix(s, "#") {
		return ""
	}
	switch strings.TrimPrefix(s, "#ansi") {
	case "black", "#black":
		return "000000"
	case "darkred", "#darkred":
		return "7f0000"
	case "darkgreen", "#darkgreen":
		return "007f00"
	case "brown", "#brown":
		return "7f7fe0"
	case "darkblue", "#darkblue":
		return "00007f"
	case "purple", "#purple":
		return "7f007f"
	case "teal", "#teal":
		return "007f7f"
	case "lightgray", "#lightgray":
		return "e5e5e5"
	case "darkgray", "#darkgray":
		return "555555"
	case "red", "#red":
		return "ff0000"
	case "green", "#green":
		return "00ff00"
	case "yellow", "#yellow":
		return "ffff00"
	case "blue", "#blue":
		return "0000ff"
	case "fuchsia", "#fuchsia":
		return "ff00ff"
	case "turquoise", "#turquoise":
		return "00ffff"
	case "white", "#white":
		return "ffffff"
	}
	return ""
}

// IsSet reports whether the colour is set.
func (c Colour) IsSet() bool { return c != 0 }

// Red, Green and Blue are the colour's components.
func (c Colour) Red() uint8   { return uint8((c - 1) >> 16 & 0xff) }
func (c Colour) Green() uint8 { return uint8((c - 1) >> 8 & 0xff) }
func (c Colour) Blue() uint8  { return uint8((c - 1) & 0xff) }

func (c Colour) String() string { return fmt.Sprintf("#%06x", int(c-1)) }

// Distance between two colours, by chroma's (and compuphase.com/cmetric.htm's)
// weighted RGB metric.
func (c Colour) Distance(e Colour) float64 {
	ar, ag, ab := int64(c.Red()), int64(c.Green()), int64(c.Blue())
	br, bg, bb := int64(e.Red()), int64(e.Green()), int64(e.Blue())
	rmean := (ar + br) / 2
	r, g, b := ar-br, ag-bg, ab-bb
	return math.Sqrt(float64((((512 + rmean) * r * r) >> 8) + 4*g*g + (((767 - rmean) * b * b) >> 8)))
}
