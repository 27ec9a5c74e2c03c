package tui

import (
	"strings"
	"sync"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sandcastle/sandcastle/internal/invocation"
	"github.com/sandcastle/sandcastle/internal/markdown"
	"github.com/sandcastle/sandcastle/internal/termtext"
	"github.com/sandcastle/sandcastle/lessons"
)

// renderCache renders lesson text (internal/markdown), once per step,
// width and sideways offset of its code, off the UI loop.
type renderCache struct {
	look Look
	mu   sync.Mutex // guards out
	out  map[renderKey]markdown.Document
	// command is how the learner runs sandcastle (Options.Command): the
	// lessons' `sandcastle …` spans start with it (invocation.Prose).
	command string
}

type renderKey struct {
	step   string
	lang   string
	width  int
	offset int
}

// renderedMsg says a step's text is ready at a width.
type renderedMsg struct {
	step  string
	width int
}

func newRenderCache(s styles) *renderCache {
	return &renderCache{look: s.look, out: map[renderKey]markdown.Document{}}
}

// get returns the rendered text of step for language lang at width, its
// code shifted left by offset cells, when it is ready.
func (c *renderCache) get(step *lessons.Step, lang string, width, offset int) (markdown.Document, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	out, ok := c.out[renderKey{step.FullID(), lang, width, offset}]
	return out, ok
}

// render renders step's text for language lang at width, its code shifted
// left by offset cells, in the background.
func (c *renderCache) render(course *lessons.Course, step *lessons.Step, lang string, width, offset int) tea.Cmd {
	return func() tea.Msg {
		doc := c.renderNow(invocation.Prose(stepMarkdown(course, step, lang), c.command), width, offset)
		c.mu.Lock()
		if offset != 0 && len(c.out) > 200 { // shifted texts are many and short-lived
			clear(c.out)
		}
		c.out[renderKey{step.FullID(), lang, width, offset}] = doc
		c.mu.Unlock()
		return renderedMsg{step: step.FullID(), width: width}
	}
}

func (c *renderCache) renderNow(md string, width, offset int) markdown.Document {
	return markdown.Render(md, markdown.Options{Width: width, Profile: c.look.Profile, Dark: c.look.Dark, CodeOffset: offset})
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
	// Made printable before it is styled: an escape in the prose, a code
	// span or a code block would reach the terminal as it is. (The renderer
	// does so too; the text is also what y copies from.)
	return termtext.Printable(b.String())
}
