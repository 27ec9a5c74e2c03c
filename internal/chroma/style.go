package chroma

import (
	"fmt"
	"strings"
)

// Trilean is a style attribute that is set on, set off, or passed on from
// the entry's ancestors.
type Trilean uint8

const (
	Pass Trilean = iota
	Yes
	No
)

// StyleEntry is one parsed entry of a Style.
type StyleEntry struct {
	Colour     Colour
	Background Colour
	Border     Colour

	Bold      Trilean
	Italic    Trilean
	Underline Trilean
	NoInherit bool
}

// Inherit fills what e leaves unset from its ancestors, oldest first (the
// last one wins), stopping early if e is marked noinherit.
func (e StyleEntry) Inherit(ancestors ...StyleEntry) StyleEntry {
	out := e
	for i := len(ancestors) - 1; i >= 0 && !out.NoInherit; i-- {
		a := ancestors[i]
		if !out.Colour.IsSet() {
			out.Colour = a.Colour
		}
		if !out.Background.IsSet() {
			out.Background = a.Background
		}
		if !out.Border.IsSet() {
			out.Border = a.Border
		}
		if out.Bold == Pass {
			out.Bold = a.Bold
		}
		if out.Italic == Pass {
			out.Italic = a.Italic
		}
		if out.Underline == Pass {
			out.Underline = a.Underline
		}
	}
	return out
}

// ParseStyleEntry parses a Pygments-style entry such as
// "#F1F1F1 bg:#373737 bold italic underline".
func ParseStyleEntry(entry string) (StyleEntry, error) {
	var out StyleEntry
	for _, part := range strings.Fields(entry) {
		switch {
		case part == "bold":
			out.Bold = Yes
		case part == "nobold":
			out.Bold = No
		case part == "italic":
			out.Italic = Yes
		case part == "noitalic":
			out.Italic = No
		case part == "underline":
			out.Underline = Yes
		case part == "nounderline":
			out.Underline = No
		case part == "inherit":
			out.NoInherit = false
		case part == "noinherit":
			out.NoInherit = true
		case part == "bg:":
			out.Background = 0
		case strings.HasPrefix(part, "bg:#"):
			if out.Background = ParseColour(part[3:]); !out.Background.IsSet() {
				return StyleEntry{}, fmt.Errorf("invalid background colour %q", part)
			}
		case strings.HasPrefix(part, "border:#"):
			if out.Border = ParseColour(part[7:]); !out.Border.IsSet() {
				return StyleEntry{}, fmt.Errorf("invalid border colour %q", part)
			}
		case strings.HasPrefix(part, "#"):
			if out.Colour = ParseColour(part); !out.Colour.IsSet() {
				return StyleEntry{}, fmt.Errorf("invalid colour %q", part)
			}
		default:
			return StyleEntry{}, fmt.Errorf("unknown style element %q", part)
		}
	}
	return out, nil
}

// StyleEntries maps token types to entries in ParseStyleEntry's syntax.
type StyleEntries map[TokenType]string

// Style is a named set of entries.
type Style struct {
	Name    string
	entries map[TokenType]StyleEntry
}

// NewStyle parses entries into a Style.
func NewStyle(name string, entries StyleEntries) (*Style, error) {
	s := &Style{Name: name, entries: make(map[TokenType]StyleEntry, len(entries))}
	for t, text := range entries {
		e, err := ParseStyleEntry(text)
		if err != nil {
			return nil, fmt.Errorf("invalid entry for token type %d: %w", int(t), err)
		}
		s.entries[t] = e
	}
	return s, nil
}

// MustNewStyle is NewStyle, panicking on error.
func MustNewStyle(name string, entries StyleEntries) *Style {
	s, err := NewStyle(name, entries)
	if err != nil {
		panic(err)
	}
	return s
}

// Get returns the entry for t as chroma does: what t's own entry leaves
// unset comes from its sub-category, then its category, then Text, then
// Background. KeywordType falls back to Keyword, LiteralStringEscape to
// LiteralString and then Literal.
func (s *Style) Get(t TokenType) StyleEntry {
	return s.inherit(t, s.entries[Background])
}

// TerminalEntry is Get as chroma's terminal formatters see the style: the
// Background entry's background colour is dropped, because a terminal cannot
// paint a block behind the code and painting it behind each token only looks
// ragged. Tokens whose own entries set a background keep it.
// (Not in chroma, which does this by rebuilding the style.)
func (s *Style) TerminalEntry(t TokenType) StyleEntry {
	bg := s.entries[Background]
	bg.Background = 0
	if t == Background {
		return bg
	}
	return s.inherit(t, bg)
}

// inherit is t's own entry, with what it leaves unset taken from its
// sub-category, its category, Text and then bg, the Background entry.
func (s *Style) inherit(t TokenType, bg StyleEntry) StyleEntry {
	return s.entries[t].Inherit(bg, s.entries[Text], s.entries[t.Category()], s.entries[t.SubCategory()])
}
