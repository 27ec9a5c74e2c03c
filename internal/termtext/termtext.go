// Package termtext makes text that sandcastle did not write (a course's
// titles, prose, hints and solutions; a learner's output) safe to show in a
// terminal, which would act on the control characters in it: OSC 52 sets
// the clipboard, OSC 0 the window title, CSI moves the cursor or clears the
// screen, C1 controls do the same in some terminals, and bidi controls
// reorder a line so that what shows is not what is there.
package termtext

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Unsafe reports whether a terminal may act on r rather than show it: a C0
// control other than newline and tab, DEL, a C1 control, or a bidi
// embedding, override or isolate.
func Unsafe(r rune) bool {
	switch {
	case r < 0:
		return false
	case r < 0x20:
		return r != '\n' && r != '\t'
	case r < 0x7f:
		return false
	case r < 0xa0:
		return true // DEL and the C1 controls
	}
	return bidi(r)
}

// bidi reports whether r is a bidi embedding, override or isolate
// (U+202A to U+202E, U+2066 to U+2069), with which text can show in
// another order than it is read (Trojan Source).
func bidi(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// Printable returns s with every character a terminal would act on made
// visible: a C0 control as its Control Picture (␛ for ESC, ␇ for BEL), DEL
// as ␡, and a C1 control, a bidi control or a byte that is not UTF-8 as
// U+FFFD. Newlines and tabs stay. Each character becomes one character of
// one cell, so text laid out before stays aligned.
func Printable(s string) string {
	if safe(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case Unsafe(r):
			b.WriteRune(picture(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// picture is what Printable shows for an unsafe character.
func picture(r rune) rune {
	switch {
	case r < 0x20:
		return 0x2400 + r // the Control Pictures block: ␛ for ESC
	case r == 0x7f:
		return '␡'
	}
	return utf8.RuneError
}

// safe reports whether s is valid UTF-8 without an unsafe character.
func safe(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' {
			continue
		}
		if c < utf8.RuneSelf {
			return false
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || Unsafe(r) {
			return false
		}
		i += size - 1
	}
	return true
}

// JSON escapes, in JSON that encoding/json wrote, the characters it leaves
// as they are and a terminal acts on: DEL, the C1 controls and the bidi
// controls become \u escapes, which decode to the same string. (It already
// escapes the C0 controls, and replaces bytes that are not UTF-8.) Outside
// its strings, such JSON holds none of them.
func JSON(data []byte) []byte {
	s := string(data)
	if safe(s) {
		return data
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		if r >= 0x7f && Unsafe(r) {
			fmt.Fprintf(&b, `\u%04x`, r)
			continue
		}
		b.WriteRune(r)
	}
	return []byte(b.String())
}
