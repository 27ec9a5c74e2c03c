package cmd

import (
	"testing"

	"github.com/sandcastle/sandcastle/lessons"
)

func TestFirstLine(t *testing.T) {
	for _, tc := range []struct{ name, message, want string }{
		{"one line", "Missing row: | ada | 300 |", "Missing row: | ada | 300 |"},
		{"a heading and its first detail", "Wrong body:\n  $.ok: expected true, got false\n  $.x: missing", "Wrong body: $.ok: expected true, got false"},
		{"a heading alone", "Wrong body:\n\n", "Wrong body:"},
		{"a sentence then details", "expected 201, got 200\nthe request:\nPOST /scores", "expected 201, got 200"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := firstLine(tc.message); got != tc.want {
				t.Errorf("firstLine(%q) = %q, want %q", tc.message, got, tc.want)
			}
		})
	}
}

func TestUsesAPIKey(t *testing.T) {
	c, _, err := lessons.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]bool{
		"your-first-endpoint/starting-your-server": false,
		"saving-over-http/save-a-score":            true, // its checks send the key before lesson 13 asks for it
		"capstone/a-players-best":                  true,
	} {
		step, ok := c.Step(id)
		if !ok {
			t.Fatalf("no step %s", id)
		}
		if got := usesAPIKey(c, step); got != want {
			t.Errorf("usesAPIKey(%s) = %v, want %v", id, got, want)
		}
	}
}
