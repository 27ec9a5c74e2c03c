package textfmt

import (
	"strings"
	"unicode/utf8"
)

// WildcardNote explains "..." in a message whose expected value holds it.
const WildcardNote = "(... in an expected value stands for any text)"

// Plural is word, with an s unless n is 1: "1 row", "2 rows".
func Plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// Shorten cuts s to about n characters, for one line of a message.
func Shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// Indent puts prefix before each line of s, trailing line breaks left out.
func Indent(s, prefix string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i := range lines {
		lines[i] = prefix + lines[i]
	}
	return strings.Join(lines, "\n")
}
