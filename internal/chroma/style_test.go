package chroma

import "testing"

func TestParseStyleEntry(t *testing.T) {
	for _, c := range []struct {
		in   string
		want StyleEntry
		bad  bool
	}{
		{in: "", want: StyleEntry{}},
		{in: "#F1F1F1 bg:#373737 bold italic underline", want: StyleEntry{
			Colour: NewColour(0xf1, 0xf1, 0xf1), Background: NewColour(0x37, 0x37, 0x37),
			Bold: Yes, Italic: Yes, Underline: Yes}},
		{in: "#fff nobold noinherit", want: StyleEntry{Colour: NewColour(255, 255, 255), Bold: No, NoInherit: true}},
		{in: "#ansired bg:#000", want: StyleEntry{Colour: NewColour(255, 0, 0), Background: NewColour(0, 0, 0)}},
		{in: "#000000", want: StyleEntry{Colour: NewColour(0, 0, 0)}},
		{in: "252", bad: true},
		{in: "#zzzzzz", bad: true},
		{in: "blink", bad: true},
	} {
		got, err := ParseStyleEntry(c.in)
		if (err != nil) != c.bad || got != c.want {
			t.Errorf("ParseStyleEntry(%q) = %+v, %v; want %+v, error %v", c.in, got, err, c.want, c.bad)
		}
	}
	if c := ParseColour("#000000"); !c.IsSet() || c.String() != "#000000" {
		t.Errorf("black is %v, set %v", c, c.IsSet())
	}
}

func TestMustNewStylePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic on a bad entry")
		}
	}()
	MustNewStyle("bad", StyleEntries{Text: "252"})
}

func TestStyleFallback(t *testing.T) {
	s := MustNewStyle("s", StyleEntries{
		Text:          "#111111",
		Keyword:       "#222222 bold",
		Literal:       "#333333",
		LiteralString: "#444444",
		Comment:       "italic",
		Background:    "#555555 bg:#666666",
	})
	c := func(hex string) Colour { return ParseColour(hex) }
	for _, tc := range []struct {
		t      TokenType
		colour Colour
		bold   Trilean
		italic Trilean
	}{
		{KeywordType, c("#222222"), Yes, Pass},          // -> Keyword
		{LiteralStringEscape, c("#444444"), Pass, Pass}, // -> LiteralString
		{LiteralNumberFloat, c("#333333"), Pass, Pass},  // -> Literal
		{CommentSingle, c("#111111"), Pass, Yes},        // -> Comment, colour from Text
		{NameFunction, c("#111111"), Pass, Pass},        // -> Text
	} {
		e := s.Get(tc.t)
		if e.Colour != tc.colour || e.Bold != tc.bold || e.Italic != tc.italic {
			t.Errorf("Get(%d) = %+v", tc.t, e)
		}
		if e.Background != c("#666666") {
			t.Errorf("Get(%d) has background %v, want the Background entry's", tc.t, e.Background)
		}
		if e := s.TerminalEntry(tc.t); e.Background.IsSet() {
			t.Errorf("TerminalEntry(%d) has background %v", tc.t, e.Background)
		}
	}
}
