package tui

import (
	"strings"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/glamour"

	"github.com/sandcastle/sandcastle/lessons"
)

// renderCache renders lesson text with glamour, once per step and width,
// off the UI loop.
type renderCache struct {
	look  Look
	style styles
	mu    sync.Mutex // guards out and renderers
	out   map[renderKey]string
	// rendering serializes glamour, whose renderers are not safe for
	// concurrent use; get never waits for it.
	rendering sync.Mutex
	// renderers are glamour renderers by word-wrap width.
	renderers map[int]*glamour.TermRenderer
}

type renderKey struct {
	step  string
	width int
}

// renderedMsg says a step's text is ready at a width.
type renderedMsg struct {
	step  string
	width int
}

func newRenderCache(s styles) *renderCache {
	return &renderCache{look: s.look, style: s, out: map[renderKey]string{}, renderers: map[int]*glamour.TermRenderer{}}
}

// get returns the rendered text of step at width, when it is ready.
func (c *renderCache) get(step *lessons.Step, width int) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	out, ok := c.out[renderKey{step.FullID(), width}]
	return out, ok
}

// render renders step's text at width in the background.
func (c *renderCache) render(step *lessons.Step, width int) tea.Cmd {
	return func() tea.Msg {
		out := c.renderNow(stepMarkdown(step), width)
		c.mu.Lock()
		c.out[renderKey{step.FullID(), width}] = out
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
			glamour.WithColorProfile(c.look.Profile),
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

// stepMarkdown is the text of a step as the learner reads it: the lesson's
// introduction on its first step, then the step. The step's title is in the
// view's header.
func stepMarkdown(step *lessons.Step) string {
	var b strings.Builder
	l := step.Lesson
	if step == l.Steps[0] && strings.TrimSpace(l.Intro) != "" {
		b.WriteString(strings.TrimSpace(l.Intro))
		b.WriteString("\n\n---\n\n")
	}
	b.WriteString(strings.TrimSpace(step.Prose))
	return b.String()
}
