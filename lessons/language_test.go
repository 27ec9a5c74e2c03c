package lessons

import (
	"regexp"
	"strings"
	"testing"
)

// otherLanguage are names that only a learner of that server language
// should read: a Python learner reads no Go, and the reverse. (None in
// the header name If-None-Match is HTTP's, read by both.)
var otherLanguage = map[string]*regexp.Regexp{
	"python": regexp.MustCompile(`\bGo\b|main\.go|go\.mod|go run|\bfmt\.|\bhttp\.(Handle|Error|Status|ListenAndServe|NewServeMux|ResponseWriter)|\bjson\.(NewDecoder|NewEncoder|Marshal)|w\.Header|w\.WriteHeader|err != nil|\bdefer\b|rows\.(Next|Scan|Close)|\bdb\.(Exec|Query|QueryRow)\b|log\.(Fatal|Print)|\bstruct\b|serverError|writeJSON|net/http|ServeMux|HandleFunc|goroutine|\bfunc\b|:=|\.Scan\(`),
	"go":     regexp.MustCompile(`\bPython\b|app\.py|python3|\bself\.|\bdef \w+\(|db\.commit|db\.execute|json\.dumps|json\.loads|sqlite3|send_json|send_response|end_headers|do_GET|do_POST|BaseHTTPRequestHandler|parse_qs|urlsplit|traceback\.|except (Exception|\w+Error)|f-string|(?:^|[^-])\bNone\b(?:$|[^-])|http\.server|\bdict\b|\btuple\b|fetchone|fetchall|rfile|wfile|isinstance`),
}

// TestEachLearnerReadsTheirLanguage renders every step of the built-in
// course, its lesson's introduction and its hints, for each server language,
// and looks for the other language's names.
func TestEachLearnerReadsTheirLanguage(t *testing.T) {
	c, _, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range c.LanguageNames() {
		for _, s := range c.Steps() {
			text := s.Prose.For(c, lang)
			if s == s.Lesson.Steps[0] {
				text = s.Lesson.Intro.For(c, lang) + "\n" + text
			}
			for _, h := range s.Hints {
				if c.AppliesTo(h.Lang, lang) {
					text += "\n" + h.Body
				}
			}
			for _, line := range strings.Split(text, "\n") {
				if m := otherLanguage[lang].FindString(line); m != "" {
					t.Errorf("%s reads %q in %s: %s", lang, m, s.FullID(), strings.TrimSpace(line))
				}
			}
		}
	}
}
