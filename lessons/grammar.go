package lessons

import (
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// The grammar of checks and expects: each body is parsed here, once, when
// the course loads. Lint reports what these parsers refuse; the checker
// takes the typed values they fill (Expect.Table, Check.Request,
// Expect.Response, Expect.Exit, Check.Params) and parses nothing.

// Table is the pipe table of an expect block for a SQL check.
type Table struct {
	// Columns are the names on the first line, when the second line is a
	// separator (| --- |); nil when the table has no separator.
	Columns []string
	Rows    [][]string
}

// Width returns the number of columns of the table: of its names, else of
// its first row; 0 for an empty table.
func (t Table) Width() int {
	if t.Columns != nil {
		return len(t.Columns)
	}
	if len(t.Rows) > 0 {
		return len(t.Rows[0])
	}
	return 0
}

// ParseTable reads the body of an expect block as a pipe table. Each row
// starts and ends with '|'; cells are trimmed, `\|` is a literal pipe and
// blank lines are skipped. When the second line is a separator such as
// | --- | :--: |, the first line names the columns. An empty body is a
// table with no columns and no rows.
func ParseTable(body string) (Table, error) {
	type line struct{ cells []string }
	var lines []line
	for i, text := range strings.Split(body, "\n") {
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		if len(text) < 2 || text[0] != '|' || text[len(text)-1] != '|' || strings.HasSuffix(text, `\|`) {
			return Table{}, fmt.Errorf("line %d of the expect block is not a table row; start and end it with |", i+1)
		}
		cells := splitCells(text)
		if len(lines) > 0 && len(cells) != len(lines[0].cells) {
			return Table{}, fmt.Errorf("line %d of the expect block has %s, the first row has %d; give every row the same cells",
				i+1, cellCount(len(cells)), len(lines[0].cells))
		}
		lines = append(lines, line{cells})
	}
	var t Table
	if len(lines) >= 2 && isSeparator(lines[1].cells) {
		t.Columns = lines[0].cells
		lines = lines[2:]
	}
	for _, l := range lines {
		t.Rows = append(t.Rows, l.cells)
	}
	return t, nil
}

// splitCells splits a table row "| a | b\| c |", which starts and ends
// with '|', into its trimmed cells; \| is a literal pipe.
func splitCells(row string) []string {
	row = row[1 : len(row)-1]
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\' && i+1 < len(row) && row[i+1] == '|':
			cur.WriteByte('|')
			i++
		case row[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(row[i])
		}
	}
	return append(cells, strings.TrimSpace(cur.String()))
}

// isSeparator says whether cells are a separator line: each cell is one or
// more '-', with an optional ':' at either end.
func isSeparator(cells []string) bool {
	for _, c := range cells {
		c = strings.TrimPrefix(strings.TrimSuffix(c, ":"), ":")
		if c == "" || strings.Trim(c, "-") != "" {
			return false
		}
	}
	return len(cells) > 0
}

func cellCount(n int) string {
	if n == 1 {
		return "1 cell"
	}
	return fmt.Sprintf("%d cells", n)
}

// Request is the request of an http check, written in the request format
// of .http files.
type Request struct {
	// Method is in capitals: GET, POST, ...
	Method string
	// Path is the path with its query, if any, as in /scores?limit=3.
	Path   string
	Header http.Header
	Body   string
}

// requestHow is what an http check's body starts with.
const requestHow = "an http check starts with a request line, as in GET /scores"

// ParseRequest reads the body of an http check: a request line such as
// "POST /scores" (an HTTP version after the path, as in "GET /scores
// HTTP/1.1", is allowed and ignored), header lines "Name: value", then a
// blank line and the request's body, if any. Blank lines before the request
// line are skipped; the body is trimmed. Errors are for the course's author.
func ParseRequest(body string) (Request, error) {
	var r Request
	var err error
	r.Header, r.Body, err = parseMessage(body, "http check", func(line string) (err error) {
		r.Method, r.Path, err = requestLine(line)
		return err
	})
	if err != nil {
		return Request{}, err
	}
	return r, nil
}

// requestLine reads "METHOD /path [HTTP/1.1]".
func requestLine(line string) (method, path string, err error) {
	f := strings.Fields(line)
	switch {
	case len(f) < 2:
		return "", "", errors.New(requestHow)
	case !isMethod(f[0]):
		return "", "", fmt.Errorf("%s; the method %q is not a word in capitals such as GET or POST", requestHow, f[0])
	case strings.Contains(f[1], "://"):
		return "", "", fmt.Errorf("%s; write the path alone, without the scheme and host (%q): sandcastle sends the request to the learner's server", requestHow, f[1])
	case !strings.HasPrefix(f[1], "/"):
		return "", "", fmt.Errorf("%s; the path %q must start with /", requestHow, f[1])
	case len(f) > 3 || len(f) == 3 && !strings.HasPrefix(f[2], "HTTP/"):
		return "", "", fmt.Errorf("%s; only an HTTP version such as HTTP/1.1 may follow the path, and a path holds no spaces (write %%20)", requestHow)
	}
	return f[0], f[1], nil
}

func isMethod(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}

// String writes the request in the format of .http files: the request
// line, the headers sorted by name, then a blank line and the body when
// there is one.
func (r Request) String() string {
	var b strings.Builder
	b.WriteString(r.Method + " " + r.Path)
	for _, name := range slices.Sorted(maps.Keys(r.Header)) {
		for _, v := range r.Header[name] {
			b.WriteString("\n" + name + ": " + v)
		}
	}
	if r.Body != "" {
		b.WriteString("\n\n" + r.Body)
	}
	return b.String()
}

// Response is the expect block of an http check: the status, the headers
// and the body the answer must have.
type Response struct {
	Status int
	Header http.Header
	// Body is trimmed; "" expects any body.
	Body string
	// JSON is Body parsed, when it is JSON once each {{name}} written as a
	// value stands for one (see ParseExpectedJSON); nil for a body of text,
	// which the answer's body must contain.
	JSON *JSON
	// Exact is the mode exact of the expect block (format 2): each JSON
	// object of the answer holds only the keys expected, no others.
	Exact bool
}

// statusHow is what the expect of an http check starts with.
const statusHow = "the expect of an http check starts with a status line, as in HTTP 200"

// ParseResponse reads the expect block of an http check: a status line
// ("HTTP 201", "HTTP 201 Created" or "HTTP/1.1 201 Created"; the reason
// phrase is not compared), header lines "Name: value", then a blank line
// and the expected body, if any, parsed as JSON when it is JSON. Errors are
// for the course's author.
func ParseResponse(body string) (Response, error) {
	r, _, err := parseResponse(body)
	return r, err
}

// parseResponse is ParseResponse, and says why a body that starts like
// JSON, with { or [, is not JSON (nil when it is, or starts otherwise).
func parseResponse(body string) (r Response, notJSON, err error) {
	r.Header, r.Body, err = parseMessage(body, "expect block", func(line string) (err error) {
		r.Status, err = statusLine(line)
		return err
	})
	if err != nil {
		return Response{}, nil, err
	}
	if r.Body == "" {
		return r, nil, nil
	}
	v, jsonErr := ParseExpectedJSON(r.Body)
	if jsonErr == nil {
		r.JSON = &v
	} else if startsLikeJSON(r.Body) {
		notJSON = jsonErr
	}
	return r, notJSON, nil
}

// startsLikeJSON says whether an expected body starts with { or [, and
// not with a placeholder.
func startsLikeJSON(body string) bool {
	if m := leadingPlaceholder.FindStringIndex(body); m != nil {
		return false
	}
	return strings.HasPrefix(body, "{") || strings.HasPrefix(body, "[")
}

// statusLine reads "HTTP 201", "HTTP 201 Created" or "HTTP/1.1 201 Created".
func statusLine(line string) (int, error) {
	f := strings.Fields(line)
	if len(f) < 2 || f[0] != "HTTP" && !strings.HasPrefix(f[0], "HTTP/") || len(f[1]) != 3 || !allDigits(f[1]) {
		return 0, errors.New(statusHow)
	}
	code, _ := strconv.Atoi(f[1])
	if code < 100 || code > 599 {
		return 0, fmt.Errorf("%s; %s is not a status from 100 to 599", statusHow, f[1])
	}
	return code, nil
}

// parseMessage reads a block of the .http format: blank lines, a first line
// that readFirst reads, header lines, then a blank line and the body, which
// is trimmed. what names the block in the errors about its lines.
func parseMessage(body, what string, readFirst func(line string) error) (http.Header, string, error) {
	lines := strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n")
	first := 0
	for first < len(lines) && strings.TrimSpace(lines[first]) == "" {
		first++
	}
	if first == len(lines) {
		return nil, "", readFirst("")
	}
	if err := readFirst(lines[first]); err != nil {
		return nil, "", err
	}
	header, rest, err := headerLines(lines, first+1, what)
	if err != nil {
		return nil, "", err
	}
	return header, strings.TrimSpace(strings.Join(lines[rest:], "\n")), nil
}

// headerLines reads "Name: value" lines from lines[from:] up to a blank
// line. It returns the headers and the index of the body's first line.
func headerLines(lines []string, from int, what string) (http.Header, int, error) {
	header := http.Header{}
	for i := from; i < len(lines); i++ {
		line := lines[i]
		if strings.TrimSpace(line) == "" {
			return header, i + 1, nil
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok || !isToken(name) {
			return nil, 0, fmt.Errorf("line %d of the %s is not a header such as Content-Type: application/json; "+
				"put a blank line before the body (got %q)", i+1, what, shortLine(line, 60))
		}
		header.Add(name, strings.TrimSpace(value))
	}
	return header, len(lines), nil
}

// isToken says whether s is a header name: letters, digits and the marks
// that RFC 9110 allows in a token.
func isToken(s string) bool {
	for _, c := range []byte(s) {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
		if !ok {
			return false
		}
	}
	return s != ""
}

// shortLine cuts s to about n characters, for one line of a message.
func shortLine(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// Exit is the expect block of an sh check: the exit code the command must
// end with, and text its output must contain ("" for any output). It is
// also how a server started with its environment changed must end (see
// Start), where NonZero accepts any code but 0.
type Exit struct {
	Code    int
	NonZero bool
	Output  string
}

// ParseExit reads the expect block of an sh check: "exit N" on its first
// line, then the text the output must contain, trimmed.
func ParseExit(body string) (Exit, error) {
	first, rest, _ := strings.Cut(body, "\n")
	n, ok := strings.CutPrefix(strings.TrimRight(first, " \t\r"), "exit ")
	n = strings.TrimSpace(n)
	code, err := strconv.Atoi(n)
	if !ok || !allDigits(n) || err != nil {
		return Exit{}, errors.New("the expect of an sh check starts with exit N, as in exit 0")
	}
	return Exit{Code: code, Output: strings.TrimSpace(rest)}, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// argsHow is how to write args=.
const argsHow = `; write name=value pairs separated by spaces, as in args="player=ada score=3"`

// ParseArgs reads a check's args= attribute: name=value pairs separated by
// spaces, a value in double quotes (\" and \\ inside) when it holds spaces.
// A quoted value is text; an unquoted one that reads as a number is bound
// as a number, NULL as SQL NULL, anything else as text. Blank args bind
// nothing.
func ParseArgs(args string) (map[string]any, error) {
	params := map[string]any{}
	for s := strings.TrimLeft(args, " \t"); s != ""; s = strings.TrimLeft(s, " \t") {
		name, rest, ok := strings.Cut(s, "=")
		if !ok || !isParamName(name) {
			return nil, fmt.Errorf("args= has %q where a parameter name and = should be%s", firstWord(s), argsHow)
		}
		if _, seen := params[name]; seen {
			return nil, fmt.Errorf("args= binds %s twice%s", name, argsHow)
		}
		var value any
		if strings.HasPrefix(rest, "\"") {
			v, after, problem := quoted(rest)
			if problem != "" {
				return nil, fmt.Errorf("args= has no value for %s%s", name, argsHow)
			}
			value, s = v, after
		} else {
			word := firstWord(rest)
			if word == "" {
				return nil, fmt.Errorf("args= has no value for %s%s", name, argsHow)
			}
			value, s = argValue(word), rest[len(word):]
		}
		params[name] = value
	}
	return params, nil
}

// argValue is the value an unquoted word of args= binds.
func argValue(v string) any {
	if v == "NULL" {
		return nil
	}
	if i, err := strconv.ParseInt(v, 10, 64); err == nil {
		return i
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil && strings.ContainsAny(v, "0123456789") {
		return f
	}
	return v
}

func firstWord(s string) string {
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		return s[:i]
	}
	return s
}

// isParamName reports whether s is [A-Za-z_][A-Za-z0-9_]*.
func isParamName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return s != ""
}
