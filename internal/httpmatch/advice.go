package httpmatch

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// keyShown names where a request carries the API key: the step's header.
func (m *Mismatch) keyShown() string {
	if m.keyHeader == "" {
		return "the key the request sends"
	}
	return "the request's " + m.keyHeader + " header"
}

// Hint says what a wrong status usually means and what to do; "" when the
// status is right or there is nothing useful to say.
func (m *Mismatch) Hint() string {
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
		if e := m.ownError(); e != "" {
			return fmt.Sprintf("Your server has a handler for %s, and it answered 404 Not Found (%q): "+
				"this request must get %d %s; look at the condition that sends the 404.", route, e, want, http.StatusText(want))
		}
		return "Nothing answers " + route + " yet (404): add a handler for that endpoint."
	case got == http.StatusMethodNotAllowed:
		h := "The path matched a handler for another method: add a handler for " + route + "."
		if m.lang != "python" {
			h += ` For a catch-all that takes every method, leave the method out of its pattern ("/", not "GET /").`
		}
		return h
	case got >= 500:
		if m.logBelow {
			return "The server failed: what it printed while it answered is below."
		}
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
	case got == http.StatusNotModified:
		return "The server answered 304 Not Modified: the request's If-None-Match was the tag it has for this answer. " +
			"A tag names one body: another page, or the board after a save, needs another tag (a hash of the body gives one)."
	case want == http.StatusNotModified && got/100 == 2:
		return "The request's If-None-Match holds the tag of this very answer: compare the header with the ETag your " +
			"server would send, quotes included, and when they are the same answer 304 Not Modified, with no body."
	case got/100 == 3:
		to := "another path"
		if loc := headerValues(m.Header, "Location"); len(loc) > 0 {
			to = printableText(loc[0])
		}
		return fmt.Sprintf("The server redirected to %s instead of answering: check the path of the route (a trailing slash counts).", to)
	case want == http.StatusUnauthorized && got/100 == 2 && m.keyHeader != "":
		// Only in a step that sends the API key: a 401 for a password or a
		// session's token is about those, not about API_KEY.
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
func (m *Mismatch) headerAdviceText() string {
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

// ownError is the "error" of a JSON answer whose error is the server's own,
// not the catch-all's "not found": a handler answered, with a reason.
func (m *Mismatch) ownError() string {
	var answer struct {
		Error string `json:"error"`
	}
	if json.Unmarshal([]byte(m.Body), &answer) != nil || answer.Error == "" ||
		strings.EqualFold(strings.TrimSpace(answer.Error), "not found") {
		return ""
	}
	return printableText(answer.Error)
}
