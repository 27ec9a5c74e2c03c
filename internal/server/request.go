package server

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"strconv"
	"time"
)

const (
	// MaxHeader bounds the status line and headers of an answer that Do
	// reads: a server that sends more gets a TooLong failure.
	MaxHeader = 1 << 20
	// MaxBody bounds the body of an answer that Do reads into memory: the
	// rest is left unread and the answer is marked Cut. Checks judge
	// answers of a few kilobytes; a megabyte is room for any honest one,
	// and bounds the memory a check needs to judge it.
	MaxBody = 1 << 20
	// exitGrace is how long Do waits, after a broken connection, to see
	// whether the server exited: a dying process closes its sockets first.
	exitGrace = 250 * time.Millisecond
	// afterWait bounds how long Do waits, after the answer, for the server
	// to close the connection; maxAfter how much it reads meanwhile.
	afterWait = 300 * time.Millisecond
	maxAfter  = 64 << 10
)

// TooLong is the Reason of a Do whose answer has headers longer than
// MaxHeader.
const TooLong Reason = "too-long"

// errTooLong is what reading headers past MaxHeader returns.
var errTooLong = errors.New("headers longer than MaxHeader")

// Answer is a server's answer to one request, its body read into memory.
type Answer struct {
	*http.Response
	// After is what the server sent on the connection after its answer: a
	// second answer, from a handler that answered twice. Empty normally.
	After []byte
	// Cut is set when the body is longer than MaxBody: Body holds its first
	// MaxBody bytes, and the rest was not read. A cut body is not the
	// server's answer: judge it as cut, never as if it were whole.
	Cut bool
}

// Do sends req to the server on a connection of its own and reads its whole
// answer within RequestTimeout, then what follows it until the server closes
// the connection. A request whose URL has no host (only a path) goes to the
// server. Redirects are not followed: checks look at the answer itself.
// Errors are *Failure values: Hung, Crashed, Refused, Dropped, TooLong or
// Canceled. An answer that trickles in ends at RequestTimeout like one that
// never comes, and when ctx ends.
func (s *Server) Do(ctx context.Context, req *http.Request) (*Answer, error) {
	what := req.Method + " " + req.URL.RequestURI()
	if exited, info := s.Exited(); exited {
		return nil, crashed(what, info, true)
	}
	if s.stopping.Load() {
		return nil, stoppedBefore(what)
	}
	rctx, cancel := context.WithTimeout(ctx, s.opts.RequestTimeout)
	defer cancel()
	if req.URL.User != nil || req.URL.Host != "" && req.URL.Host != s.addr() {
		// A check talks to the learner's server alone: a request for any
		// other address is a course's mistake, or an attack, and goes nowhere.
		return nil, fmt.Errorf("%s was not sent: sandcastle sends requests only to your server, on %s", what, s.addr())
	}
	req = req.Clone(rctx)
	if req.URL.Host == "" {
		u := *req.URL
		u.Scheme, u.Host = "http", s.addr()
		req.URL = &u
	}
	var x exchange
	a, err := x.roundTrip(rctx, req)
	if err != nil {
		return nil, s.requestFailure(ctx, rctx, what, err, &x)
	}
	return a, nil
}

// exchange is one request on a connection of its own, and how far its
// answer got: what a failure says.
type exchange struct {
	conn   meter  // the connection, counting what it read
	status string // the answer's status ("200 OK") once its headers are read
	length int64  // the answer's Content-Length, -1 when it gives none
	body   int    // how much of its body was read
}

// roundTrip writes req on a new connection, asking the server to close it
// after its answer, reads the answer, and then whatever else comes before
// the close (for at most afterWait).
func (x *exchange) roundTrip(ctx context.Context, req *http.Request) (*Answer, error) {
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", req.URL.Host)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) })
	defer stop()
	req.Close = true
	if err := req.Write(conn); err != nil {
		return nil, err
	}
	x.conn = meter{r: conn, limit: MaxHeader}
	br := bufio.NewReader(&x.conn)
	resp, err := http.ReadResponse(br, req)
	for err == nil && resp.StatusCode >= 100 && resp.StatusCode < 200 && resp.StatusCode != http.StatusSwitchingProtocols {
		resp, err = http.ReadResponse(br, req) // 100 Continue and the like come before the answer
	}
	if err != nil {
		return nil, err
	}
	x.conn.limit = math.MaxInt64 // the body is bounded below
	x.status, x.length = resp.Status, resp.ContentLength
	// resp.Body is not closed: closing it would read the rest of the body,
	// which may not end. The connection is closed instead.
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxBody+1))
	x.body = len(body)
	if err != nil {
		return nil, err
	}
	a := &Answer{Response: resp, Cut: len(body) > MaxBody}
	if a.Cut {
		body = body[:MaxBody]
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if ctx.Err() == nil && !a.Cut {
		conn.SetReadDeadline(time.Now().Add(afterWait))
		a.After, _ = io.ReadAll(io.LimitReader(br, maxAfter))
	}
	return a, nil
}

// meter reads from r, counting the bytes, and fails with errTooLong once
// limit bytes have been read.
type meter struct {
	r     io.Reader
	n     int64
	limit int64
}

func (m *meter) Read(p []byte) (int, error) {
	if m.n >= m.limit {
		return 0, errTooLong
	}
	if rest := m.limit - m.n; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := m.r.Read(p)
	m.n += int64(n)
	return n, err
}

// requestFailure says why a request got no answer.
func (s *Server) requestFailure(ctx, rctx context.Context, what string, err error, x *exchange) error {
	if errors.Is(err, errTooLong) {
		return headersTooLong(what)
	}
	if ctx.Err() != nil {
		return canceled("while waiting for the answer to " + what)
	}
	grace := exitGrace
	if errors.Is(rctx.Err(), context.DeadlineExceeded) {
		grace = 50 * time.Millisecond // a server that hung has likely not just exited
	}
	select {
	case <-s.exited:
		<-s.done
		if !s.ownExit {
			return stoppedDuring(what)
		}
		return crashed(what, s.info, false)
	case <-time.After(grace):
	}
	switch {
	case errors.Is(rctx.Err(), context.DeadlineExceeded) && x.conn.n == 0:
		return hung(what, s.opts.RequestTimeout, s.opts.Lang)
	case errors.Is(rctx.Err(), context.DeadlineExceeded):
		return x.unfinished(what, s.opts.RequestTimeout)
	case connRefused(err):
		return refused(what, s.Port)
	case x.status != "":
		return x.droppedInBody(what, s.out.last(messageLines))
	}
	return dropped(what, cause(err), s.out.last(messageLines))
}

// unfinished says that an answer began but did not end in time: sent
// slowly, or with a body whose end never came.
func (x *exchange) unfinished(what string, d time.Duration) *Failure {
	if x.status == "" {
		return &Failure{Reason: Hung, Message: fmt.Sprintf("your server began to answer %s but did not finish its headers "+
			"within %s (it sent %d bytes of them): a handler writes its status and headers at once, then its body",
			what, human(d), x.conn.n)}
	}
	msg := fmt.Sprintf("your server began to answer %s (%s) but did not finish its body within %s: ", what, x.status, human(d))
	if x.length >= 0 {
		msg += fmt.Sprintf("it sent %d of the %d bytes its Content-Length announces. Check that Content-Length is "+
			"the length of the body in bytes, and that the handler writes all of it", x.body, x.length)
	} else {
		msg += fmt.Sprintf("it sent %d bytes of it but never said where it ends: close the connection after the body, "+
			"or give a Content-Length header (the length of the body in bytes)", x.body)
	}
	return &Failure{Reason: Hung, Message: msg}
}

// droppedInBody says that the connection broke in the middle of a body.
func (x *exchange) droppedInBody(what string, lines []string) *Failure {
	msg := fmt.Sprintf("your server closed the connection in the middle of its answer to %s (%s), after %d bytes of its body",
		what, x.status, x.body)
	if x.length >= 0 {
		msg = fmt.Sprintf("your server closed the connection after %d of the %d bytes its Content-Length announces, "+
			"in its answer to %s (%s)", x.body, x.length, what, x.status)
	}
	return &Failure{Reason: Dropped, LastLines: lines, Message: msg + ": check that Content-Length is the length of the body " +
		"in bytes (not in characters), and that the handler writes all of it before it returns; " + lastLinesHint(lines)}
}

// headersTooLong says that an answer's headers passed MaxHeader.
func headersTooLong(what string) *Failure {
	return &Failure{Reason: TooLong, Message: fmt.Sprintf("your server's answer to %s has headers longer than %s, so "+
		"sandcastle stopped reading it: check what the handler puts in its headers (a header added in a loop?)",
		what, Size(MaxHeader))}
}

// Size writes a number of bytes the way a person would say it: "1 MB",
// "512 KB", "300 bytes" (a megabyte is 1 MiB: what the caps are).
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MB"
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	case n >= 1<<10:
		return strconv.FormatInt(n>>10, 10) + " KB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// cause says in words why a connection gave no valid answer.
func cause(err error) string {
	switch {
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return "it closed the connection before answering"
	case connReset(err):
		return "it reset the connection"
	}
	return err.Error()
}
