package markdown

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/sandcastle/sandcastle/internal/termtext"
	"github.com/sandcastle/sandcastle/lessons"
)

// TestCourseCodeNeverWraps renders every step of the built-in course (its
// lesson's introduction on a first step), for each server language, at 60,
// 80 and 120 columns, without colour and in colour, and finds each line of
// each code block on one screen line: whole, or clipped with the marker in
// the last cell, and the line after the block blank, never a continuation.
func TestCourseCodeNeverWraps(t *testing.T) {
	c, _, err := lessons.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	blocks, clipped := 0, 0
	for _, lang := range c.LanguageNames() {
		for _, s := range c.Steps() {
			md := "## " + s.Title + "\n\n" + s.Prose.For(c, lang)
			if s == s.Lesson.Steps[0] {
				md = s.Lesson.Intro.For(c, lang) + "\n\n" + md
			}
			want := fencedBlocks(md)
			for _, width := range []int{60, 80, 120} {
				for _, profile := range []termenv.Profile{termenv.Ascii, termenv.ANSI256} {
					doc := Render(md, Options{Width: width, Profile: profile, Dark: true})
					where := s.FullID() + " (" + lang + ")"
					if len(doc.Code) != len(want) {
						t.Fatalf("%s at %d: %d code blocks rendered, %d in the Markdown", where, width, len(doc.Code), len(want))
					}
					screen := strings.Split(ansi.Strip(doc.Text), "\n")
					for i, b := range doc.Code {
						if b.Source != want[i] {
							t.Errorf("%s: block %d's source is %q, want %q", where, i, b.Source, want[i])
						}
						clipped += checkBlock(t, where, screen, b, width)
						blocks++
					}
				}
			}
		}
	}
	t.Logf("%d blocks, %d lines clipped", blocks, clipped)
	if blocks < 100 || clipped == 0 {
		t.Errorf("%d blocks, %d lines clipped: the course has more code, and lines too long for 60 columns", blocks, clipped)
	}
}

// checkBlock checks one block's lines on the screen, and returns how many
// of them were clipped.
func checkBlock(t *testing.T, where string, screen []string, b CodeBlock, width int) int {
	t.Helper()
	src := strings.Split(b.Source, "\n")
	if b.Line+len(src) > len(screen) {
		t.Fatalf("%s: block at line %d runs past the text", where, b.Line)
	}
	if next := b.Line + len(src); next < len(screen) && strings.TrimSpace(screen[next]) != "" {
		t.Errorf("%s at %d: the line after a block is %q, not blank", where, width, screen[next])
	}
	indent := -1 // the cells before the code: a list's indent
	for i, l := range src {
		got, want := screen[b.Line+i], ExpandTabs(l)
		if indent < 0 && strings.TrimSpace(want) != "" && strings.HasSuffix(got, want) {
			indent = len(got) - len(want)
		}
	}
	indent = max(indent, 0)
	n := 0
	for i, l := range src {
		got, want := screen[b.Line+i], ExpandTabs(l)
		if w := ansi.StringWidth(got); w > width {
			t.Errorf("%s at %d: a line of %d cells: %q", where, width, w, got)
		}
		if len(got) < indent || strings.TrimSpace(got[:indent]) != "" {
			t.Errorf("%s at %d: line %q is not under its block's indent", where, width, got)
			continue
		}
		got = got[indent:]
		if got == want {
			continue
		}
		shown, ok := strings.CutSuffix(got, ClipMarker)
		if !ok || !strings.HasPrefix(want, shown) || ansi.StringWidth(got)+indent != width {
			t.Errorf("%s at %d: source line\n  %q\nshows as\n  %q", where, width, want, got)
		}
		n++
	}
	return n
}

// fencedBlocks are the contents of the Markdown's fenced code blocks, found
// by their fences, made printable as the renderer shows them.
func fencedBlocks(md string) []string {
	var out []string
	var cur []string
	fence, indent := "", 0
	for _, line := range strings.Split(termtext.Printable(md), "\n") {
		t := strings.TrimLeft(line, " ")
		switch {
		case fence == "" && (strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")):
			fence, indent, cur = t[:len(t)-len(strings.TrimLeft(t, t[:1]))], len(line)-len(t), nil
		case fence != "" && strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]+" ") == "":
			out = append(out, strings.Join(cur, "\n"))
			fence = ""
		case fence != "":
			cur = append(cur, line[min(indent, len(line)-len(strings.TrimLeft(line, " "))):])
		}
	}
	return out
}
