package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestBlockWrapsCodeAndKeepsTables(t *testing.T) {
	text := "The check ran:\n" +
		"    SELECT player, score FROM scores WHERE game_id = 1 ORDER BY score DESC LIMIT 10;\n" +
		"| player | score | a column too wide for the window |\n" +
		"- | ada    | 120   | x |"
	got := block(text, 40, "  ")
	lines := strings.Split(got, "\n")
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > 40 {
			t.Errorf("line of %d cells in 40: %q", w, l)
		}
	}
	// Every word of the code is on the screen, its continuation under it.
	all := strings.Join(strings.Fields(got), " ")
	if !strings.Contains(all, "ORDER BY score DESC LIMIT 10;") {
		t.Errorf("code lost off the edge:\n%s", got)
	}
	if len(lines) < 5 || !strings.HasPrefix(lines[2], "      ") {
		t.Errorf("code continuation not under the code:\n%s", got)
	}
	// A table row is cut, not wrapped, so its columns stay aligned.
	if !strings.HasPrefix(lines[len(lines)-2], "  | player | score") || !strings.HasSuffix(lines[len(lines)-2], "…") {
		t.Errorf("table row not kept whole on one line:\n%s", got)
	}
}
