package server

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"syscall"
	"time"
)

const (
	// maxBody bounds the answer Do reads into memory.
	maxBody = 32 << 20
	// exitGrace is how long Do waits, after a broken connection, to see
	// whether the server exited: a dying process closes its sockets first.
	exitGrace = 250 * time.Millisecond
)

// newClient returns a client that sends every request on a new connection,
// uses no proxy and follows no redirect: checks look at the answer itself.
func newClient() *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			Proxy:             nil,
			DialContext:       (&net.Dialer{}).DialContext,
			DisableKeepAlives: true,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// Do sends req to the server and reads its whole answer within
// RequestTimeout; the body of the returned response is in memory. A request
// whose URL has no host (only a path) goes to the server. Errors are
// *Failure values: Hung, Crashed, Refused, Dropped or Canceled.
func (s *Server) Do(ctx context.Context, req *http.Request) (*http.Response, error) {
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
		u.Scheme, u.Host = "http", net.JoinHostPort("127.0.0.1", strconv.Itoa(s.Port))
		req.URL = &u
	}
	resp, err := s.client.Do(req)
	if err == nil {
		var body []byte
		body, err = io.ReadAll(io.LimitReader(resp.Body, maxBody))
		resp.Body.Close()
		if err == nil {
			resp.Body = io.NopCloser(bytes.NewReader(body))
			return resp, nil
		}
	}
	return nil, s.requestFailure(ctx, rctx, what, err)
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
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}
