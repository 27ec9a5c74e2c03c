package markdown

import (
	"io"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/sandcastle/sandcastle/internal/highlight"
)

// palette are the styles of a rendering. With the Ascii profile every one
// of them renders text as it is.
type palette struct {
	colour bool
	// inline are the styles of inline text by its flags, made when first
	// needed.
	inline map[flags]lipgloss.Style
	r      *lipgloss.Renderer
	rule   lipgloss.Style
	quote  lipgloss.Style
	marker lipgloss.Style
	clip   lipgloss.Style
	th     lipgloss.Style
	code   [highlight.ClassError + 1]lipgloss.Style
}

// flags say how a piece of inline text is styled.
type flags int

const (
	strong flags = 1 << iota
	emph
	code
	link
	url
	h1
	h2
	h3
)

// headingFlags are the flags of headings by level.
var headingFlags = [3]flags{h1, h2, h3}

func adaptive(light, dark string) lipgloss.TerminalColor {
	return lipgloss.AdaptiveColor{Light: light, Dark: dark}
}

var (
	accent = adaptive("#5A3FC0", "#B4A5FF")
	dimmed = adaptive("#6B6B6B", "#8A8A8A")
	ruled  = adaptive("#BDBDBD", "#4A4A4A")
)

func newPalette(profile termenv.Profile, dark bool) palette {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(profile)
	r.SetHasDarkBackground(dark)
	p := palette{colour: profile != termenv.Ascii, r: r, inline: map[flags]lipgloss.Style{}}
	p.rule = r.NewStyle().Foreground(ruled)
	p.quote = r.NewStyle().Foreground(dimmed)
	p.marker = r.NewStyle().Foreground(accent)
	p.clip = r.NewStyle().Foreground(accent).Bold(true)
	p.th = r.NewStyle().Bold(true)
	fg := func(light, dark string) lipgloss.Style { return r.NewStyle().Foreground(adaptive(light, dark)) }
	p.code = [...]lipgloss.Style{
		highlight.ClassPlain:    r.NewStyle(),
		highlight.ClassKeyword:  fg("#A626A4", "#C678DD"),
		highlight.ClassName:     fg("#4078F2", "#61AFEF"),
		highlight.ClassString:   fg("#50A14F", "#98C379"),
		highlight.ClassNumber:   fg("#986801", "#D19A66"),
		highlight.ClassOperator: fg("#0184BC", "#56B6C2"),
		highlight.ClassComment:  fg("#8A8A8A", "#7F848E").Italic(true),
		highlight.ClassError:    fg("#C4261D", "#FF6B62"),
	}
	return p
}

// style is the style of inline text with flags f.
func (p palette) style(f flags) lipgloss.Style {
	if s, ok := p.inline[f]; ok {
		return s
	}
	s := p.r.NewStyle()
	switch {
	case f&h1 != 0:
		s = s.Bold(true).Foreground(accent)
	case f&h2 != 0:
		s = s.Bold(true).Foreground(accent)
	case f&h3 != 0:
		s = s.Bold(true)
	}
	if f&strong != 0 {
		s = s.Bold(true)
	}
	if f&emph != 0 {
		s = s.Italic(true)
	}
	switch {
	case f&code != 0:
		s = s.Foreground(adaptive("#B03A2E", "#FF9E80"))
	case f&link != 0:
		s = s.Underline(true).Foreground(accent)
	case f&url != 0:
		s = s.Foreground(dimmed)
	}
	p.inline[f] = s
	return s
}

// paint renders text with flags f: as it is without colour.
func (p palette) paint(f flags, text string) string {
	if !p.colour || f == 0 || text == "" {
		return text
	}
	return p.style(f).Render(text)
}
