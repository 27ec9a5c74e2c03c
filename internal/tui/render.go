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
	lang  string
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
		out := c.renderNow(stepMarkdown(course, step, lang), width)
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

// stepMarkdown is the text of a step as a learner of language lang reads
// it: the lesson's introduction on its first step, then the step. The
// step's title is in the view's header.
func stepMarkdown(course *lessons.Course, step *lessons.Step, lang string) string {
	var b strings.Builder
	l := step.Lesson
	if intro := strings.TrimSpace(l.Intro.For(course, lang)); step == l.Steps[0] && intro != "" {
		b.WriteString(intro)
		b.WriteString("\n\n---\n\n")
	}
	b.WriteString(strings.TrimSpace(step.Prose.For(course, lang)))
	return b.String()
}
