//go:build unix

package server

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// hostileLimit bounds what a hostile fake server sends, so that a test of
// the old code fails instead of filling the memory.
const hostileLimit = 64 << 20

// rawServer is a Server whose answers come from handle, given each
// connection once the request has been read: a learner's server that
// writes whatever it likes on the socket.
func rawServer(t *testing.T, timeout time.Duration, handle func(c net.Conn)) *Server {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	t.Cleanup(func() { close(done); l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				if _, err := http.ReadRequest(bufio.NewReader(c)); err != nil {
					return
				}
				stop := context.AfterFunc(ctxOf(done), func() { c.Close() })
				defer stop()
				handle(c)
			}()
		}
	}()
	return &Server{
		Port: l.Addr().(*net.TCPAddr).Port, opts: Options{RequestTimeout: timeout}, out: &output{},
		quit: make(chan struct{}), exited: make(chan struct{}), done: make(chan struct{}),
	}
}

// ctxOf is a context that ends when done is closed.
func ctxOf(done chan struct{}) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-done; cancel() }()
	return ctx
}

// writeFor writes chunk to c again and again, until it has written limit
// bytes or the connection fails; then it waits for the connection to close.
func writeFor(c net.Conn, chunk []byte, limit int) {
	for n := 0; n < limit; n += len(chunk) {
		if _, err := c.Write(chunk); err != nil {
			return
		}
	}
	io.Copy(io.Discard, c)
}

// trickle writes one byte of text every gap, forever (until the
// connection fails).
func trickle(c net.Conn, text string, gap time.Duration) {
	for i := 0; ; i++ {
		if _, err := c.Write([]byte{text[i%len(text)]}); err != nil {
			return
		}
		time.Sleep(gap)
	}
}

func TestHostileAnswers(t *testing.T) {
	ok := "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
	tests := []struct {
		name    string
		timeout time.Duration
		handle  func(c net.Conn)
		reason  Reason   // "" when Do must return an answer
		message []string // in the failure's message
		cut     bool     // the answer's body is cut at MaxBody
		body    int      // the length of the body Do returns
	}{
		{
			name: "endless headers", timeout: wait,
			handle: func(c net.Conn) {
				c.Write([]byte(ok))
				writeFor(c, []byte("X-Junk: "+strings.Repeat("a", 1000)+"\r\n"), hostileLimit)
			},
			reason: TooLong, message: []string{"GET /x", "headers", "longer than 1 MB"},
		},
		{
			name: "one header line without end", timeout: wait,
			handle: func(c net.Conn) {
				c.Write([]byte(ok + "X-Junk: "))
				writeFor(c, bytes.Repeat([]byte("a"), 64<<10), hostileLimit)
			},
			reason: TooLong, message: []string{"headers", "longer than 1 MB"},
		},
		{
			name: "headers one byte at a time", timeout: time.Second,
			handle: func(c net.Conn) {
				c.Write([]byte(ok))
				trickle(c, "X-Slow: aaaaaaaa\r\n", 20*time.Millisecond)
			},
			reason: Hung, message: []string{"began to answer GET /x", "did not finish its headers within 1 s"},
		},
		{
			name: "body one byte at a time", timeout: time.Second,
			handle: func(c net.Conn) {
				c.Write([]byte(ok + "Content-Length: 100000\r\n\r\n"))
				trickle(c, "x", 20*time.Millisecond)
			},
			reason: Hung, message: []string{"began to answer GET /x (200 OK)", "did not finish its body within 1 s",
				"of the 100000 bytes its Content-Length announces"},
		},
		{
			name: "body that never ends, with no length", timeout: time.Second,
			handle: func(c net.Conn) {
				c.Write([]byte(ok + "\r\nstart of a body"))
				io.Copy(io.Discard, c)
			},
			reason: Hung, message: []string{"did not finish its body within 1 s", "sent 15 bytes of it",
				"close the connection after the body, or give a Content-Length"},
		},
		{
			name: "connection closed in the middle of the body", timeout: wait,
			handle: func(c net.Conn) {
				c.Write([]byte(ok + "Content-Length: 100\r\n\r\n0123456789"))
			},
			reason: Dropped, message: []string{"closed the connection after 10 of the 100 bytes its Content-Length announces"},
		},
		{
			name: "body longer than the cap, with its length", timeout: wait,
			handle: func(c net.Conn) {
				c.Write([]byte(ok + "Content-Length: " + strconv.Itoa(hostileLimit) + "\r\n\r\n"))
				writeFor(c, bytes.Repeat([]byte("x"), 64<<10), hostileLimit)
			},
			cut: true, body: MaxBody,
		},
		{
			name: "endless chunked body", timeout: wait,
			handle: func(c net.Conn) {
				c.Write([]byte(ok + "Transfer-Encoding: chunked\r\n\r\n"))
				chunk := fmt.Sprintf("%x\r\n%s\r\n", 64<<10, bytes.Repeat([]byte("x"), 64<<10))
				writeFor(c, []byte(chunk), hostileLimit)
			},
			cut: true, body: MaxBody,
		},
		{
			name: "body exactly at the cap", timeout: wait,
			handle: func(c net.Conn) {
				c.Write([]byte(ok + "Content-Length: " + strconv.Itoa(MaxBody) + "\r\n\r\n"))
				c.Write(bytes.Repeat([]byte("x"), MaxBody))
			},
			body: MaxBody,
		},
		{
			name: "connection kept open after the answer", timeout: wait,
			handle: func(c net.Conn) {
				c.Write([]byte(ok + "Content-Length: 2\r\n\r\nok"))
				io.Copy(io.Discard, c)
			},
			body: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := rawServer(t, tt.timeout, tt.handle)
			a, err := s.Do(context.Background(), get(t, "/x"))
			if tt.reason != "" {
				if err == nil {
					t.Fatalf("Do returned an answer (status %d), want a failure %s", a.StatusCode, tt.reason)
				}
				f := failure(t, err, tt.reason)
				for _, w := range tt.message {
					contains(t, "message", f.Message, w)
				}
				return
			}
			if err != nil {
				t.Fatalf("Do: %v", err)
			}
			body, _ := io.ReadAll(a.Body)
			if len(body) != tt.body {
				t.Errorf("body of %d bytes, want %d", len(body), tt.body)
			}
			if a.Cut != tt.cut {
				t.Errorf("Cut = %v, want %v", a.Cut, tt.cut)
			}
		})
	}
}

// TestInterruptedMidAnswer checks that cancelling the context (Ctrl-C) ends
// a request whose answer trickles in, however long its timeout.
func TestInterruptedMidAnswer(t *testing.T) {
	for _, tt := range []struct{ name, head string }{
		{"in the headers", "HTTP/1.1 200 OK\r\n"},
		{"in the body", "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := rawServer(t, time.Hour, func(c net.Conn) {
				c.Write([]byte(tt.head))
				trickle(c, "X-A: b\r\n", 20*time.Millisecond)
			})
			ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
			defer cancel()
			_, err := s.Do(ctx, get(t, "/x"))
			failure(t, err, Canceled)
			if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
				t.Fatal("Do returned before the context ended")
			}
		})
	}
}

func TestSize(t *testing.T) {
	for _, tt := range []struct {
		n    int64
		want string
	}{
		{300, "300 bytes"}, {64 << 10, "64 KB"}, {1 << 20, "1 MB"}, {10 << 20, "10 MB"}, {3 << 19, "1.5 MB"},
	} {
		if got := Size(tt.n); got != tt.want {
			t.Errorf("Size(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// TestRequestsGoToTheServerAlone: whatever URL a request names, Do sends it
// to the learner's server on loopback and to nothing else: a check's path
// cannot name another host, and a request that does is refused unsent.
func TestRequestsGoToTheServerAlone(t *testing.T) {
	srv := rawServer(t, 2*time.Second, func(c net.Conn) {
		io.WriteString(c, "HTTP/1.1 204 No Content\r\n\r\n")
	})
	other, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	reached := make(chan struct{}, 1)
	go func() {
		if c, err := other.Accept(); err == nil {
			reached <- struct{}{}
			c.Close()
		}
	}()
	base := "http://127.0.0.1:" + strconv.Itoa(srv.Port)
	for _, tt := range []struct{ name, url string }{
		{"another port", "http://" + other.Addr().String() + "/x"},
		{"a user part naming another host", base + "@" + other.Addr().String() + "/x"},
		{"another host", "http://example.com/x"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest("GET", tt.url, nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := srv.Do(context.Background(), req); err == nil || !strings.Contains(err.Error(), "only to your server") {
				t.Errorf("Do(%s): %v, want a refusal", tt.url, err)
			}
		})
	}
	select {
	case <-reached:
		t.Error("a request reached another listener")
	case <-time.After(100 * time.Millisecond):
	}
	// A path of the server's own goes to it.
	req, _ := http.NewRequest("GET", base+"//example.com/x", nil)
	if a, err := srv.Do(context.Background(), req); err != nil || a.StatusCode != 204 {
		t.Errorf("the server's own path: %v, %v", a, err)
	}
}
