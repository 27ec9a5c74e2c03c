package lessons

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Course text is shown in a terminal, which acts on control characters
// rather than showing them: OSC 52 sets the clipboard, OSC 0 the window's
// title, CSI moves the cursor or clears the screen, and the C1 controls do
// the same in some terminals. Bidi controls show a line in another order
// than it is read. Lint reports each line that holds one; sandcastle shows
// them made visible in any case (internal/termtext).

// c0Names are the names of the C0 control characters.
var c0Names = [...]string{
	"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
	"DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
}

// c1Names are the names of the C1 control characters, U+0080 to U+009F.
var c1Names = [...]string{
	"PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS", "PLD", "PLU", "RI", "SS2", "SS3",
	"DCS", "PU1", "PU2", "STS", "CCH", "MW", "SPA", "EPA", "SOS", "SGCI", "SCI", "CSI", "ST", "OSC", "PM", "APC",
}

// bidiNames are the names of the bidi embeddings, overrides and isolates.
var bidiNames = map[rune]string{
	0x202a: "LRE", 0x202b: "RLE", 0x202c: "PDF", 0x202d: "LRO", 0x202e: "RLO",
	0x2066: "LRI", 0x2067: "RLI", 0x2068: "FSI", 0x2069: "PDI",
}

// ControlName names r, as in "U+001B ESC", when a terminal would act on it
// rather than show it (a C0 control other than tab and newline, DEL, a C1
// control, a bidi control), and is "" for any other character.
func ControlName(r rune) string {
	var name string
	switch {
	case r >= 0 && r < 0x20 && r != '\t' && r != '\n':
		name = c0Names[r]
	case r == 0x7f:
		name = "DEL"
	case r >= 0x80 && r < 0xa0:
		name = c1Names[r-0x80]
	default:
		name = bidiNames[r]
	}
	if name == "" {
		return ""
	}
	return fmt.Sprintf("%U %s", r, name)
}

// controlsIn names, in the order they first appear, the characters of s a
// terminal would act on, and the bytes that are not UTF-8.
func controlsIn(s string) []string {
	var names []string
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7f || c == '\t' {
			i++ // the common case: printable ASCII
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		name := ControlName(r)
		if r == utf8.RuneError && size == 1 {
			name = fmt.Sprintf("byte 0x%02X (not UTF-8)", s[i])
		}
		if name != "" && !slices.Contains(names, name) {
			names = append(names, name)
		}
		i += size
	}
	return names
}

// controlsProblem is the end of the message on characters a terminal acts on.
const controlsProblem = "which a terminal acts on or shows out of order"

// them is "it" for one thing, "them" for more.
func them(names []string) string {
	if len(names) == 1 {
		return "it"
	}
	return "them"
}

// lintControls reports each line of a course file (its lines as
// splitLines returns them: a CR that ends a line is gone) that holds a
// character a terminal acts on. A NUL on a line of a SQL block of secs is
// reported on its own: SQLite would end the statement there.
func lintControls(lines []string, secs []section, r *reporter) {
	for i, line := range lines {
		names := controlsIn(line)
		if len(names) == 0 {
			continue
		}
		if strings.IndexByte(line, 0) >= 0 && inSQLBlock(secs, i+1) {
			r.errorf(i+1, "a SQL block holds U+0000 NUL, where SQLite would end the statement; remove it")
			names = slices.DeleteFunc(names, func(n string) bool { return n == ControlName(0) })
			if len(names) == 0 {
				continue
			}
		}
		r.errorf(i+1, "line holds %s, %s; remove %s", wordList(names, "and"), controlsProblem, them(names))
	}
}

// inSQLBlock reports whether line is in the body of a SQL block of secs.
func inSQLBlock(secs []section, line int) bool {
	for _, sec := range secs {
		for _, p := range sec.parts {
			b := p.block
			if b == nil || line <= b.line || line >= b.line+len(b.raw)-1 {
				continue
			}
			lang, _, _ := strings.Cut(strings.TrimSpace(b.info), " ")
			return strings.EqualFold(lang, "sql")
		}
	}
	return false
}

// lintYAMLControls reports the YAML strings under n that hold a character
// a terminal acts on written as an escape ("\e" for ESC, "\u202e"), which
// lintControls, reading the lines as written, cannot see. key names the
// value (the key it is under); lineOf gives a node's line in the file and
// lines are the file's.
func lintYAMLControls(n *yaml.Node, key string, lines []string, lineOf func(*yaml.Node) int, r *reporter) {
	if n == nil {
		return
	}
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, c := range n.Content {
			lintYAMLControls(c, key, lines, lineOf, r)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			lintYAMLControls(k, "a key", lines, lineOf, r)
			lintYAMLControls(n.Content[i+1], k.Value, lines, lineOf, r)
		}
	case yaml.ScalarNode:
		if n.Style&yaml.DoubleQuotedStyle == 0 {
			return // only a string in double quotes has escapes
		}
		line := lineOf(n)
		var written string
		if line >= 1 && line <= len(lines) {
			written = lines[line-1]
		}
		var names []string
		for _, name := range controlsIn(n.Value) {
			if !slices.Contains(controlsIn(written), name) {
				names = append(names, name)
			}
		}
		if len(names) > 0 {
			r.errorf(line, "%s holds %s, %s; write the string without %s", key, wordList(names, "and"), controlsProblem, them(names))
		}
	}
}
