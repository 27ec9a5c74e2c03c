package httpmatch

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/sandcastle/sandcastle/internal/textfmt"
	"github.com/sandcastle/sandcastle/lessons"
)

// Mismatch is how a response differs from the expect block of an http
// check. Its fields let a screen draw the difference its own way; Error
// writes it as plain text for a beginner.
type Mismatch struct {
	// Request is the request that was sent, as lessons.Request.String writes it
	// with its body cut short; Method and Path are its own. WithRequest
	// sets them: Compare does not know the request.
	Request      string
	Method, Path string
	WantStatus   int
	GotStatus    int
	// Header holds the response's headers that the message shows:
	// Content-Type, Location, and those the expect block names.
	Header http.Header
	// HeaderProblems are the expected headers that are missing or differ,
	// one line each, as in `Content-Type: expected "application/json", got "text/plain"`.
	HeaderProblems []string
	// BodyProblems are the differences of the body, one line each: for
	// JSON, the path of each difference, as in `$.scores[0].player: expected
	// "ada", got "bob"` or `$.id: missing`.
	BodyProblems []string
	// Body is the response's body as the message shows it: JSON
	// pretty-printed, at most about 20 lines and 2 KB.
	Body string
	// BodyPath is the JSON path of the part of the body that Body shows,
	// when the whole body is too long to show; "" when Body is all of it.
	BodyPath string

	wildcards    bool // a problem shows an expected value with "..."
	headerAdvice bool // a header is missing, or a JSON body was sent as text
	lang         string
	sentKey      bool   // the check's request sends the run's API key
	keyHeader    string // the header the step's requests send the key in
	logShown     string // how to name the server's log; "" when it is not kept
	logBelow     bool   // the message shows what the server printed while it answered
}

// ForLang makes the advice of m's message that of a server in lang ("go",
// "python"; "" for both), and returns m. It does nothing on a nil m.
func (m *Mismatch) ForLang(lang string) *Mismatch {
	if m != nil {
		m.lang = lang
	}
	return m
}

// WithRequest records the request that got the response, for the message,
// and returns m. It does nothing on a nil m.
func (m *Mismatch) WithRequest(r lessons.Request) *Mismatch {
	if m == nil {
		return nil
	}
	r.Body = clipText(r.Body, maxRequestLines, maxRequestBytes)
	m.Request, m.Method, m.Path = printableText(r.String()), r.Method, r.Path
	return m
}

// ForRun makes the advice of m's message that of the run that sent the
// request: sentKey says that the check's request as written sends the
// run's API key, keyHeader is the header the step's requests send it in
// ("" when none does), logShown how to name the server's log ("" when it is
// not kept). It returns m, and does nothing on a nil m.
func (m *Mismatch) ForRun(sentKey bool, keyHeader, logShown string) *Mismatch {
	if m != nil {
		m.sentKey, m.keyHeader, m.logShown = sentKey, keyHeader, logShown
	}
	return m
}

// WithLogBelow says that the message shows, after m's, what the server
// printed while it answered, and returns m. It does nothing on a nil m.
func (m *Mismatch) WithLogBelow() *Mismatch {
	if m != nil {
		m.logBelow = true
	}
	return m
}

// The bounds of the bodies a message shows.
const (
	maxBodyLines    = 20
	maxBodyBytes    = 2048
	maxRequestLines = 10
	maxRequestBytes = 1024
)

// jsonPathNote reads the JSON paths of body problems for a beginner.
const jsonPathNote = "($ is the whole JSON body, $.scores its key scores, $.scores[0] the first item of that list.)"

// Error describes the mismatch for a beginner: the status, header and body
// problems with what to do about them, then the request sent and the
// server's answer.
func (m *Mismatch) Error() string {
	var b strings.Builder
	if m.GotStatus != m.WantStatus {
		fmt.Fprintf(&b, "Wrong status: expected %s, got %s.\n", httpStatusText(m.WantStatus), httpStatusText(m.GotStatus))
		if h := m.Hint(); h != "" {
			b.WriteString(h + "\n")
		}
	}
	writeProblems(&b, "Wrong header:", "Wrong headers:", m.HeaderProblems)
	if m.headerAdvice {
		b.WriteString(m.headerAdviceText() + "\n")
	}
	writeProblems(&b, "Wrong body:", "Wrong body:", m.BodyProblems)
	if slices.ContainsFunc(m.BodyProblems, func(p string) bool { return strings.HasPrefix(p, "$") }) {
		b.WriteString(jsonPathNote + "\n")
	}
	if m.wildcards {
		b.WriteString(textfmt.WildcardNote + "\n")
	}
	if m.Request != "" {
		b.WriteString("The check sent:\n" + indentBlock(m.Request))
	}
	answered := "Your server answered:\n"
	if m.BodyPath != "" {
		answered = fmt.Sprintf("Your server answered (the body is long: this is its part at %s):\n", m.BodyPath)
	}
	b.WriteString(answered + indentBlock(m.response()))
	return strings.TrimRight(b.String(), "\n")
}

func writeProblems(b *strings.Builder, one, many string, problems []string) {
	const maxProblems = 10
	switch len(problems) {
	case 0:
		return
	case 1:
		b.WriteString(one + "\n")
	default:
		b.WriteString(many + "\n")
	}
	for _, p := range problems[:min(len(problems), maxProblems)] {
		b.WriteString("  " + p + "\n")
	}
	if rest := len(problems) - maxProblems; rest > 0 {
		fmt.Fprintf(b, "  ... and %d more\n", rest)
	}
}

// response writes the answer as an .http response: status line, shown
// headers, blank line, body.
func (m *Mismatch) response() string {
	var b strings.Builder
	b.WriteString("HTTP " + httpStatusText(m.GotStatus))
	for _, name := range slices.Sorted(maps.Keys(m.Header)) {
		for _, v := range m.Header[name] {
			b.WriteString("\n" + name + ": " + printableText(v))
		}
	}
	if m.Body == "" {
		b.WriteString("\n(no body)")
	} else {
		b.WriteString("\n\n" + m.Body)
	}
	return b.String()
}
