package cmd

import "testing"

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
