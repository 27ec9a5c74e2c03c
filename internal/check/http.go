package check

import (
	"bytes"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sandcastle/sandcastle/lessons"
)

// Captures are the values that "{{name}}" strings in the expect blocks of
// a step's earlier http checks matched, by name: a JSON string as its text
// without quotes, any other JSON value as its compact JSON text.
//
// A later request uses a capture by writing {{name}}, which is replaced by
// the captured text as it is. In a JSON body, quotes are the author's to
// write: {"id": {{score_id}}} sends a captured number as a number, and
// {"player": "{{player}}"} sends a captured string as a string.
type Captures map[string]string

// expandRequest returns r with each {{name}} of its path, header values
// and body replaced by the value captured as name. In the path a value is
// escaped, as a path segment before the '?' and as a query value after it;
// elsewhere it is written as it is. A name that no earlier check captured
// is an error that names it.
func expandRequest(r lessons.Request, c Captures) (lessons.Request, error) {
	out := lessons.Request{Method: r.Method, Header: make(http.Header, len(r.Header))}
	var err error
	if out.Path, err = c.expand(r.Path, inPath); err != nil {
		return lessons.Request{}, err
	}
	for _, name := range slices.Sorted(maps.Keys(r.Header)) {
		for _, v := range r.Header[name] {
			v, err := c.expand(v, asText)
			if err != nil {
				return lessons.Request{}, err
			}
			out.Header[name] = append(out.Header[name], v)
		}
	}
	if out.Body, err = c.expand(r.Body, asText); err != nil {
		return lessons.Request{}, err
	}
	return out, nil
}

// expandMode says where a text with placeholders stands.
type expandMode int

const (
	asText expandMode = iota // every {{name}} is replaced as it is
	inPath                   // values are escaped for a URL path and query
)

// expand replaces the placeholders of s with the captured values.
func (c Captures) expand(s string, mode expandMode) (string, error) {
	var b strings.Builder
	last := 0
	for _, m := range lessons.Placeholders(s) {
		start, end, name := m[0], m[1], s[m[2]:m[3]]
		v, ok := c[name]
		if !ok {
			return "", notCaptured(name)
		}
		if mode == inPath {
			if q := strings.IndexByte(s, '?'); q >= 0 && q < start {
				v = url.QueryEscape(v)
			} else {
				v = url.PathEscape(v)
			}
		}
		b.WriteString(s[last:start] + v)
		last = end
	}
	if last == 0 {
		return s, nil
	}
	b.WriteString(s[last:])
	return b.String(), nil
}

// notCaptured is the error of a {{name}} that no earlier check captured.
func notCaptured(name string) error {
	return fmt.Errorf("{{%s}} was not captured by an earlier check: this request uses a value an earlier check takes from your server's answer, and that check did not get it (fix its failure first)", name)
}

// HTTPMismatch is how a response differs from the expect block of an http
// check. Its fields let a screen draw the difference its own way; Error
// writes it as plain text for a beginner.
type HTTPMismatch struct {
	// Request is the request that was sent, as lessons.Request.String writes it
	// with its body cut short; Method and Path are its own. WithRequest
	// sets them: CompareHTTP does not know the request.
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
}

// keyShown names where a request carries the API key: the step's header.
func (m *HTTPMismatch) keyShown() string {
	if m.keyHeader == "" {
		return "the key the request sends"
	}
	return "the request's " + m.keyHeader + " header"
}

// ForLang makes the advice of m's message that of a server in lang ("go",
// "python"; "" for both), and returns m. It does nothing on a nil m.
func (m *HTTPMismatch) ForLang(lang string) *HTTPMismatch {
	if m != nil {
		m.lang = lang
	}
	return m
}

// WithRequest records the request that got the response, for the message,
// and returns m. It does nothing on a nil m.
func (m *HTTPMismatch) WithRequest(r lessons.Request) *HTTPMismatch {
	if m == nil {
		return nil
	}
	r.Body = clipText(r.Body, maxRequestLines, maxRequestBytes)
	m.Request, m.Method, m.Path = printableText(r.String()), r.Method, r.Path
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
func (m *HTTPMismatch) Error() string {
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
		b.WriteString(wildcardNote + "\n")
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
func (m *HTTPMismatch) response() string {
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

// Hint says what a wrong status usually means and what to do; "" when the
// status is right or there is nothing useful to say.
func (m *HTTPMismatch) Hint() string {
	route := "this request"
	if m.Method != "" {
		path, _, _ := strings.Cut(m.Path, "?")
		route = m.Method + " " + path
	}
	got, want := m.GotStatus, m.WantStatus
	switch {
	case got == want:
		return ""
	case got == http.StatusNotFound:
		return "Nothing answers " + route + " yet (404): add a handler for that endpoint."
	case got == http.StatusMethodNotAllowed:
		h := "The path matched a handler for another method: add a handler for " + route + "."
		if m.lang != "python" {
			h += ` For a catch-all that takes every method, leave the method out of its pattern ("/", not "GET /").`
		}
		return h
	case got >= 500:
		if m.logShown == "" {
			return "The server failed: its log says why."
		}
		return "The server failed: look at its log (" + m.logShown + ")."
	case got == http.StatusUnauthorized && want/100 == 2 && m.sentKey:
		return "The check sent the right key and your server refused it: read the key from the API_KEY " +
			"environment variable (sandcastle gives your server a new one each run) and compare it with " + m.keyShown() + "."
	case want == http.StatusCreated && got == http.StatusOK:
		return "A request that creates something answers 201 Created: set the status before writing the body."
	case want == http.StatusNoContent && got/100 == 2:
		return "A response without a body answers 204 No Content."
	case got/100 == 3:
		to := "another path"
		if loc := headerValues(m.Header, "Location"); len(loc) > 0 {
			to = printableText(loc[0])
		}
		return fmt.Sprintf("The server redirected to %s instead of answering: check the path of the route (a trailing slash counts).", to)
	case want == http.StatusUnauthorized && got/100 == 2:
		return "The server accepted a request without the right key: compare " + m.keyShown() + " with " +
			"the API_KEY environment variable, and answer 401 when they differ. If it still gets in, look at the key " +
			"your handler compares with: an empty one (a variable never set, or a new one that hides it) matches a request with no key."
	case want == http.StatusNotFound && got/100 == 2:
		return "A request for something that does not exist answers 404 Not Found."
	case want/100 == 4 && got/100 == 2:
		return fmt.Sprintf("The server accepted a request it should refuse: check what it receives before acting on it, and answer %s.", httpStatusText(want))
	case want/100 == 2 && (got == http.StatusBadRequest || got == http.StatusUnprocessableEntity):
		return "The server found the request wrong: check how it reads the request; its answer below may say why."
	case want/100 == 2 && got/100 == 2:
		return fmt.Sprintf("Set the status to %s before writing the body.", httpStatusText(want))
	}
	return ""
}

// headerAdviceText says how to send a header so that it arrives, in the
// server's language.
func (m *HTTPMismatch) headerAdviceText() string {
	switch m.lang {
	case "go":
		return "Set each header with w.Header().Set in your handler, before WriteHeader or the first Write: a header set later is not sent."
	case "python":
		return "Send each header with self.send_header, before self.end_headers(): after it, what you send is the body."
	}
	return "Set each header before the response's status and body go out (in Go, before WriteHeader or Write; in Python, before end_headers): a header set later is not sent."
}

func httpStatusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return fmt.Sprintf("%d %s", code, t)
	}
	return strconv.Itoa(code)
}

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

// shortenText cuts s to about n characters, for one line of a message.
func shortenText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
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
