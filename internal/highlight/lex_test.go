package highlight

import (
	"fmt"
	"strings"
	"testing"
)

// Short names for the token types, for tables and failure messages.
const (
	kw  = Keyword
	kc  = KeywordConstant
	kd  = KeywordDeclaration
	kn  = KeywordNamespace
	kr  = KeywordReserved
	kt  = KeywordType
	n   = Name
	na  = NameAttribute
	nb  = NameBuiltin
	nc  = NameClass
	nd  = NameDecorator
	nf  = NameFunction
	nn  = NameNamespace
	nt  = NameTag
	nv  = NameVariable
	ne  = NameException
	l   = Literal
	sa  = LiteralStringAffix
	s1  = LiteralStringSingle
	s2  = LiteralStringDouble
	se  = LiteralStringEscape
	m   = LiteralNumber
	mi  = LiteralNumberInteger
	mf  = LiteralNumberFloat
	mh  = LiteralNumberHex
	o   = Operator
	ow  = OperatorWord
	p   = Punctuation
	c1  = CommentSingle
	cm  = CommentMultiline
	tx  = Text
	ws  = TextWhitespace
	bpy = NameBuiltinPseudo
)

// tok is a token in a table (a local type, so that go vet allows it
// without field names).
type tok struct {
	t TokenType
	v string
}

func show(ts []tok) string {
	var b strings.Builder
	for _, t := range ts {
		fmt.Fprintf(&b, "%d:%q ", t.t, t.v)
	}
	return b.String()
}

func TestTokenise(t *testing.T) {
	for _, c := range []struct {
		lang, src string
		want      []tok
	}{
		{"sql", "SELECT 'a' -- c", []tok{{kw, "SELECT"}, {ws, " "}, {s1, "'a'"}, {ws, " "}, {c1, "-- c"}}},
		{"SQL", `select "x y", n from t where n>=1.5e3 /* c
*/;`, []tok{
			{kw, "select"}, {ws, " "}, {n, `"x y"`}, {p, ","}, {ws, " "}, {n, "n"}, {ws, " "},
			{kw, "from"}, {ws, " "}, {n, "t"}, {ws, " "}, {kw, "where"}, {ws, " "}, {n, "n"},
			{o, ">="}, {mf, "1.5e3"}, {ws, " "}, {cm, "/* c\n*/"}, {p, ";"}}},
		{"sql", "'it''s' NULL integer count(*) count ?1", []tok{
			{s1, "'it''s'"}, {ws, " "}, {kc, "NULL"}, {ws, " "}, {kt, "integer"}, {ws, " "},
			{nb, "count"}, {p, "("}, {o, "*"}, {p, ")"}, {ws, " "}, {n, "count"}, {ws, " "}, {nv, "?1"}}},
		{"sql", "'unterminated\nstring", []tok{{s1, "'unterminated\nstring"}}},
		{"go", "package main\nfunc f() { return \"a\\n\", 0x1F } // c", []tok{
			{kn, "package"}, {ws, " "}, {n, "main"}, {ws, "\n"}, {kd, "func"}, {ws, " "}, {nf, "f"},
			{p, "()"}, {ws, " "}, {p, "{"}, {ws, " "}, {kw, "return"}, {ws, " "}, {s2, `"a`},
			{se, `\n`}, {s2, `"`}, {p, ","}, {ws, " "}, {mh, "0x1F"}, {ws, " "}, {p, "}"}, {ws, " "}, {c1, "// c"}}},
		{"golang", "x := len(s) + 2.5 // nil", []tok{
			{n, "x"}, {ws, " "}, {o, ":="}, {ws, " "}, {nb, "len"}, {p, "("}, {n, "s"}, {p, ")"},
			{ws, " "}, {o, "+"}, {ws, " "}, {mf, "2.5"}, {ws, " "}, {c1, "// nil"}}},
		{"python", "@app.route\ndef f(self): return rb'\\d' if x is None else 1  # c", []tok{
			{nd, "@app.route"}, {ws, "\n"}, {kw, "def"}, {ws, " "}, {nf, "f"}, {p, "("}, {bpy, "self"},
			{p, "):"}, {ws, " "}, {kw, "return"}, {ws, " "}, {sa, "rb"}, {s1, `'\d'`}, {ws, " "},
			{kw, "if"}, {ws, " "}, {n, "x"}, {ws, " "}, {ow, "is"}, {ws, " "}, {kc, "None"}, {ws, " "},
			{kw, "else"}, {ws, " "}, {mi, "1"}, {ws, "  "}, {c1, "# c"}}},
		{"py", "class A(B):\n    '''doc\n    more'''", []tok{
			{kw, "class"}, {ws, " "}, {nc, "A"}, {p, "("}, {n, "B"}, {p, "):"}, {ws, "\n    "}, {s1, "'''doc\n    more'''"}}},
		{"sh", "export X=1; echo \"a $X\\n\" ${Y} # c\ngo test ./... | grep -v x", []tok{
			{nb, "export"}, {ws, " "}, {nv, "X"}, {o, "="}, {tx, "1"}, {o, ";"}, {ws, " "}, {nb, "echo"},
			{ws, " "}, {s2, `"a `}, {nv, "$X"}, {se, `\n`}, {s2, `"`}, {ws, " "}, {nv, "${Y}"}, {ws, " "},
			{c1, "# c"}, {ws, "\n"}, {tx, "go"}, {ws, " "}, {tx, "test"}, {ws, " "}, {tx, "./..."}, {ws, " "},
			{o, "|"}, {ws, " "}, {tx, "grep"}, {ws, " "}, {tx, "-v"}, {ws, " "}, {tx, "x"}}},
		{"bash", "if [ -f a ]; then exit 1; fi", []tok{
			{kw, "if"}, {ws, " "}, {p, "["}, {ws, " "}, {tx, "-f"}, {ws, " "}, {tx, "a"}, {ws, " "}, {p, "]"},
			{o, ";"}, {ws, " "}, {kw, "then"}, {ws, " "}, {nb, "exit"}, {ws, " "}, {m, "1"}, {o, ";"}, {ws, " "}, {kw, "fi"}}},
		{"http", "POST /scores HTTP/1.1\nContent-Type: application/json\n\n{\"a\": 1}\n", []tok{
			{nf, "POST"}, {ws, " "}, {nn, "/scores"}, {ws, " "}, {kr, "HTTP"}, {o, "/"}, {m, "1.1"}, {ws, "\n"},
			{na, "Content-Type"}, {o, ":"}, {ws, " "}, {l, "application/json"}, {ws, "\n\n"},
			{p, "{"}, {nt, `"a"`}, {p, ":"}, {ws, " "}, {mi, "1"}, {p, "}"}, {ws, "\n"}}},
		{"http", "GET /x\n\nHTTP/1.1 404 Not Found\n\nno", []tok{
			{nf, "GET"}, {ws, " "}, {nn, "/x"}, {ws, "\n\n"}, {kr, "HTTP"}, {o, "/"}, {m, "1.1"}, {ws, " "},
			{m, "404"}, {ws, " "}, {ne, "Not Found"}, {ws, "\n\n"}, {tx, "no"}}},
		{"http", "POST /x\n{\"a\": 1}", []tok{
			{nf, "POST"}, {ws, " "}, {nn, "/x"}, {ws, "\n"}, {p, "{"}, {nt, `"a"`}, {p, ":"}, {ws, " "}, {mi, "1"}, {p, "}"}}},
		{"json", `{"k": ["v\t", -2.5, true, null]}`, []tok{
			{p, "{"}, {nt, `"k"`}, {p, ":"}, {ws, " "}, {p, "["}, {s2, `"v`}, {se, `\t`}, {s2, `"`}, {p, ","},
			{ws, " "}, {mf, "-2.5"}, {p, ","}, {ws, " "}, {kc, "true"}, {p, ","}, {ws, " "}, {kc, "null"}, {p, "]}"}}},
		{"", "SELECT 1", []tok{{tx, "SELECT 1"}}},
		{"text", "a\nb", []tok{{tx, "a\nb"}}},
		{"sql", "", nil},
	} {
		var got []tok
		for _, t := range Tokenise(c.lang, c.src) {
			got = append(got, tok{t.Type, t.Value})
		}
		if show(got) != show(c.want) {
			t.Errorf("Tokenise(%q, %q)\n got %s\nwant %s", c.lang, c.src, show(got), show(c.want))
		}
	}
}

// TestTokensAreTheSource tokenises every prefix of some awkward sources (cut
// strings, comments and escapes) in every language: nothing may panic, no
// token may be empty, and the tokens must add up to the source.
func TestTokensAreTheSource(t *testing.T) {
	sources := []string{
		"SELECT \"a\"\"b\", 'c''d', [e], `f` FROM t -- x\n/* y */ WHERE a = ? AND b = :b; 1.5e+3 .5 0x1f",
		"s := `raw\n` + \"\\u00e9\\x41\\101\" + '\\n' /* c */ // d\n",
		"f'''{x}\\n''' + b\"\\\\\" + r'\\'' @dec.x\nclass C: pass # é",
		"X=$((1+2)) && echo \"${A:-b} $1 \\\"\" '$x' `date` \\; $ # c\r\n",
		"HTTP/1.1 200 OK\r\nA: b\r\n\r\n[1, {\"k\\\"\": \"v\\u0041\"}]\r\n\r\nPOST /",
		"{\"a\": -, \"b\": tru, \"c\" 1e, \"é\": \"\\",
	}
	for _, lang := range []string{"sql", "go", "python", "sh", "http", "json", ""} {
		for _, src := range sources {
			for i := 0; i <= len(src); i++ {
				var b strings.Builder
				for _, tk := range Tokenise(lang, src[:i]) {
					if tk.Value == "" {
						t.Fatalf("%s: empty token in %q", lang, src[:i])
					}
					b.WriteString(tk.Value)
				}
				if b.String() != src[:i] {
					t.Fatalf("%s: tokens of %q add up to %q", lang, src[:i], b.String())
				}
			}
		}
	}
}

// FuzzTokenise checks the same as TestTokensAreTheSource on any input:
// go test ./internal/highlight -fuzz FuzzTokenise
func FuzzTokenise(f *testing.F) {
	f.Add("SELECT 'a' -- c\n\"x\" /* y */ 1.5e3")
	f.Add("POST / HTTP/1.1\nA: b\n\n{\"k\": [1, -2, \"\\u0041\"]}")
	f.Add("f'''a\\n''' $X \"${Y}\" `z` # c")
	f.Fuzz(func(t *testing.T, src string) {
		for _, lang := range []string{"sql", "go", "python", "sh", "http", "json"} {
			var b strings.Builder
			for _, tk := range Tokenise(lang, src) {
				if tk.Value == "" {
					t.Fatalf("%s: empty token", lang)
				}
				b.WriteString(tk.Value)
			}
			if b.String() != src {
				t.Fatalf("%s: tokens add up to %q", lang, b.String())
			}
		}
	})
}
