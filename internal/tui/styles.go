package tui

import (
	"io"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Look is the colour decision, made once before the program starts: the
// terminal's colour profile and whether its background is dark.
type Look struct {
	Profile termenv.Profile
	Dark    bool
}

// styles are every lipgloss style of the TUI, built for one Look.
type styles struct {
	look      Look
	title     lipgloss.Style
	header    lipgloss.Style
	dim       lipgloss.Style
	pass      lipgloss.Style
	fail      lipgloss.Style
	warn      lipgloss.Style
	current   lipgloss.Style
	selected  lipgloss.Style
	footer    lipgloss.Style
	key       lipgloss.Style
	border    lipgloss.Style
	celebrate lipgloss.Style
	dialog    lipgloss.Style
}

func newStyles(look Look) styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(look.Profile)
	r.SetHasDarkBackground(look.Dark)
	c := func(light, dark string) lipgloss.TerminalColor {
		return lipgloss.AdaptiveColor{Light: light, Dark: dark}
	}
	accent := c("#5A3FC0", "#B4A5FF")
	s := styles{look: look}
	s.title = r.NewStyle().Bold(true).Foreground(accent)
	s.header = r.NewStyle().Bold(true)
	s.dim = r.NewStyle().Foreground(c("#6B6B6B", "#8A8A8A"))
	s.pass = r.NewStyle().Foreground(c("#1A7F37", "#57D977"))
	s.fail = r.NewStyle().Foreground(c("#C4261D", "#FF6B62"))
	s.warn = r.NewStyle().Foreground(c("#9A6700", "#E8B339"))
	s.current = r.NewStyle().Bold(true).Foreground(accent)
	s.selected = r.NewStyle().Bold(true).Reverse(true)
	s.footer = r.NewStyle().Foreground(c("#6B6B6B", "#8A8A8A"))
	s.key = r.NewStyle().Bold(true).Foreground(c("#3A3A3A", "#D0D0D0"))
	s.border = r.NewStyle().Foreground(c("#BDBDBD", "#4A4A4A"))
	s.celebrate = r.NewStyle().Bold(true).Foreground(c("#1A7F37", "#57D977"))
	s.dialog = r.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 2)
	return s
}
