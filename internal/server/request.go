package server

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"syscall"
	"time"
)

const (
	// maxBody bounds the answer Do reads into memory.
	maxBody = 32 << 20
	// exitGrace is how long Do waits, after a broken connection, to see
	// whether the server exited: a dying process closes its sockets first.
	exitGrace = 250 * time.Millisecond
	// afterWait bounds how long Do waits, after the answer, for the server
	// to close the connection; maxAfter how much it reads meanwhile.
	afterWait = 300 * time.Millisecond
	maxAfter  = 64 << 10
)

// Answer is a server's answer to one request, its body read into memory.
type Answer struct {
	*http.Response
	// After is what the server sent on the connection after its answer: a
	// second answer, from a handler that answered twice. Empty normally.
	After []byte
}

// Do sends req to the server on a connection of its own and reads its whole
// answer within RequestTimeout, then what follows it until the server closes
// the connection. A request whose URL has no host (only a path) goes to the
// server. Redirects are not followed: checks look at the answer itself.
// Errors are *Failure values: Hung, Crashed, Refused, Dropped or Canceled.
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
	req = req.Clone(rctx)
	if req.URL.Host == "" {
		u := *req.URL
		u.Scheme, u.Host = "http", s.addr()
		req.URL = &u
	}
	a, err := roundTrip(rctx, req)
	if err != nil {
		return nil, s.requestFailure(ctx, rctx, what, err)
	}
	return a, nil
}

// roundTrip writes req on a new connection, asking the server to close it
// after its answer, reads the answer, and then whatever else comes before
// the close (for at most afterWait).
func roundTrip(ctx context.Context, req *http.Request) (*Answer, error) {
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
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, req)
	for err == nil && resp.StatusCode >= 100 && resp.StatusCode < 200 && resp.StatusCode != http.StatusSwitchingProtocols {
		resp, err = http.ReadResponse(br, req) // 100 Continue and the like come before the answer
	}
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	a := &Answer{Response: resp}
	if ctx.Err() == nil {
		conn.SetReadDeadline(time.Now().Add(afterWait))
		a.After, _ = io.ReadAll(io.LimitReader(br, maxAfter))
	}
	return a, nil
}

// requestFailure says why a request got no answer.
func (s *Server) requestFailure(ctx, rctx context.Context, what string, err error) error {
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
	case errors.Is(rctx.Err(), context.DeadlineExceeded):
		return hung(what, s.opts.RequestTimeout)
	case errors.Is(err, syscall.ECONNREFUSED):
		return refused(what, s.Port)
	}
	return dropped(what, cause(err), s.out.last(messageLines))
}

// cause says in words why a connection gave no valid answer.
func cause(err error) string {
	switch {
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return "it closed the connection before answering"
	case errors.Is(err, syscall.ECONNRESET):
		return "it reset the connection"
	}
	return err.Error()
}
