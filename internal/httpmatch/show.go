package httpmatch

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/sandcastle/sandcastle/lessons"
)

// showBody returns a response's body as a message shows it: pretty JSON
// or text, cut to maxBodyLines and maxBodyBytes. got is the body parsed,
// when it was compared as JSON. A JSON body too long to show whole is
// shown from the value that holds its first difference, at focus; path is
// then where that value is.
func showBody(body []byte, got *lessons.JSON, focus []any) (shown, path string) {
	switch {
	case len(bytes.TrimSpace(body)) == 0:
		return "", ""
	case !utf8.Valid(body):
		return fmt.Sprintf("(%d bytes that are not UTF-8 text)", len(body)), ""
	case got == nil:
		if v, err := lessons.ParseJSON(body); err == nil {
			whole, complete := pretty(v)
			return clipPretty(whole, complete), ""
		}
		text := strings.TrimSpace(strings.ReplaceAll(string(body), "\r\n", "\n"))
		return clipText(printableText(text), maxBodyLines, maxBodyBytes), ""
	}
	whole, complete := pretty(*got)
	if complete && fitsMessage(whole) || len(focus) < 2 {
		return clipPretty(whole, complete), ""
	}
	v, at := jsonAt(*got, focus[:len(focus)-1])
	if len(at) == 0 {
		return clipPretty(whole, complete), ""
	}
	return clipPretty(pretty(v)), pathString(at)
}

func fitsMessage(s string) bool {
	return len(s) <= maxBodyBytes && strings.Count(s, "\n") < maxBodyLines
}

// clipPretty clips pretty JSON for a message; complete is false when the
// JSON was cut already, so that how much is left out is unknown.
func clipPretty(s string, complete bool) string {
	s = printableText(s)
	if complete {
		return clipText(s, maxBodyLines, maxBodyBytes)
	}
	kept, _ := cutText(s, maxBodyLines, maxBodyBytes)
	return kept + "\n... (the rest is left out)"
}

// clipText cuts s to at most maxLines lines and about maxBytes bytes, and says
// how much was left out.
func clipText(s string, maxLines, maxBytes int) string {
	kept, more := cutText(s, maxLines, maxBytes)
	if more == "" {
		return kept
	}
	return kept + "\n" + more
}

// cutText cuts s to at most maxLines lines and maxBytes bytes, and says how
// much it left out ("" when nothing).
func cutText(s string, maxLines, maxBytes int) (kept, more string) {
	lines := strings.SplitN(s, "\n", maxLines+1)
	if len(lines) > maxLines {
		more = fmt.Sprintf("... (%d more lines)", strings.Count(lines[maxLines], "\n")+1)
		lines = lines[:maxLines]
	}
	kept = strings.Join(lines, "\n")
	if len(kept) > maxBytes {
		n := maxBytes
		for n > 0 && !utf8.RuneStart(kept[n]) {
			n--
		}
		kept = kept[:n]
		more = fmt.Sprintf("... (%d more bytes)", len(s)-n)
	}
	return kept, more
}

// printableText replaces the control characters of s, but for line breaks and
// tabs, so that a body cannot drive the learner's terminal.
func printableText(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return utf8.RuneError
		}
		return r
	}, s)
}

func indentBlock(s string) string {
	var b strings.Builder
	for line := range strings.SplitSeq(s, "\n") {
		if line == "" {
			b.WriteString("\n")
		} else {
			b.WriteString("    " + line + "\n")
		}
	}
	return b.String()
}
