package tui

import (
	"strings"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/glamour"
	"github.com/charmbracelet/x/ansi"

	"github.com/sandcastle/sandcastle/internal/invocation"
	"github.com/sandcastle/sandcastle/internal/termtext"
	"github.com/sandcastle/sandcastle/lessons"
)

// renderCache renders lesson text with glamour, once per step and width,
// off the UI loop.
type renderCache struct {
	style styles
	mu    sync.Mutex // guards out and renderers
	out   map[renderKey]string
	// rendering serializes glamour, whose renderers are not safe for
	// concurrent use; get never waits for it.
	rendering sync.Mutex
	// renderers are glamour renderers by word-wrap width.
	renderers map[int]*glamour.TermRenderer
	// command is how the learner runs sandcastle (Options.Command): the
	// lessons' `sandcastle …` spans start with it (invocation.Prose).
	command string
}

type renderKey struct {
	step  string
	lang  string
	width int
}

// renderedMsg says a step's text is ready at a width.
type renderedMsg struct {
	step  string
	width int
}

func newRenderCache(s styles) *renderCache {
	return &renderCache{style: s, out: map[renderKey]string{}, renderers: map[int]*glamour.TermRenderer{}}
}

// get returns the rendered text of step for language lang at width, when it
// is ready.
func (c *renderCache) get(step *lessons.Step, lang string, width int) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	out, ok := c.out[renderKey{step.FullID(), lang, width}]
	return out, ok
}

// render renders step's text for language lang at width in the background.
func (c *renderCache) render(course *lessons.Course, step *lessons.Step, lang string, width int) tea.Cmd {
	return func() tea.Msg {
		md := invocation.Prose(stepMarkdown(course, step, lang), c.command)
		out := c.renderNow(wrapCode(md, width-codeMargin), width)
		c.mu.Lock()
		c.out[renderKey{step.FullID(), lang, width}] = out
		c.mu.Unlock()
		return renderedMsg{step: step.FullID(), width: width}
	}
}

func (c *renderCache) renderNow(markdown string, width int) string {
	c.rendering.Lock()
	defer c.rendering.Unlock()
	c.mu.Lock()
	r, ok := c.renderers[width]
	if !ok {
		var err error
		r, err = glamour.NewTermRenderer(
			glamour.WithStyles(c.style.glamour),
			glamour.WithColorProfile(c.style.look.Profile),
			glamour.WithWordWrap(width),
		)
		if err != nil {
			c.mu.Unlock()
			return markdown
		}
		c.renderers[width] = r
	}
	c.mu.Unlock()
	out, err := r.Render(markdown)
	if err != nil {
		return markdown
	}
	return strings.Trim(out, "\n")
}

// stepMarkdown is the text of a step as a learner of language lang reads
// it: the lesson's introduction on its first step, then the step under its
// title. Without an introduction the title is only in the view's header.
func stepMarkdown(course *lessons.Course, step *lessons.Step, lang string) string {
	var b strings.Builder
	l := step.Lesson
	if intro := strings.TrimSpace(l.Intro.For(course, lang)); step == l.Steps[0] && intro != "" {
		b.WriteString(intro)
		b.WriteString("\n\n## " + step.Title + "\n\n") // where the step itself starts
	}
	b.WriteString(strings.TrimSpace(step.Prose.For(course, lang)))
	// Made printable before glamour styles it: an escape in the prose, a
	// code span or a code block would reach the terminal as it is.
	return termtext.Printable(b.String())
}

// codeBreaks are where a code line may wrap besides spaces: after an
// opening bracket or a comma, rather than inside a name.
const codeBreaks = "({[,"

// codeMargin is how many cells of glamour's word-wrap width a code block's
// text does not get: the document's margin on both sides and the block's
// own (measured: a line of width-6 cells is the longest kept whole).
const codeMargin = 6

// wrapCode wraps the lines of the fenced code blocks in markdown to width
// cells, each continuation indented under its line and two cells more, so
// that glamour, which would wrap them back to the left margin, leaves them
// alone. Tabs become four spaces: a terminal would put them at its own tab
// stops, off the layout. Other lines are left to glamour.
func wrapCode(markdown string, width int) string {
	lines := strings.Split(markdown, "\n")
	out := make([]string, 0, len(lines))
	fence := ""
	for _, line := range lines {
		t := strings.TrimLeft(line, " ")
		switch {
		case fence == "" && (strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")):
			fence = t[:len(t)-len(strings.TrimLeft(t, t[:1]))]
		case fence != "" && strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]+" ") == "":
			fence = ""
		case fence != "":
			line = expandTabs(line)
			if width < 20 || ansi.StringWidth(line) <= width {
				break
			}
			body := strings.TrimLeft(line, " ")
			indent := len(line) - len(body)
			lead := min(indent+2, width/2)
			out = append(out, hangingAt(strings.Repeat(" ", min(indent, lead)), body, width, lead, codeBreaks))
			continue
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// expandTabs replaces each tab with the spaces up to the next stop of four.
func expandTabs(line string) string {
	if !strings.Contains(line, "\t") {
		return line
	}
	var b strings.Builder
	col := 0
	for _, r := range line {
		if r == '\t' {
			n := 4 - col%4
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col += max(ansi.StringWidth(string(r)), 0)
	}
	return b.String()
}
