package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/internal/server"
	"github.com/sandcastle/sandcastle/internal/termtext"
	"github.com/sandcastle/sandcastle/lessons"
)

func newServeCmd(a *app) *cobra.Command {
	var port int
	c := &cobra.Command{
		Use:   "serve [STEP]",
		Short: "Run your server on the current step's database, to try it with curl",
		Long: `Start your server the way the checks of STEP (default: the current step) do: on
a fresh copy of the step's database (.sandcastle/serve.db), on a free port. The
URL is printed, then your server's log, until you press Ctrl-C, which stops it and
everything it started.`,
		Example: `  sandcastle serve
  sandcastle serve saving-over-http/save-a-score
  sandcastle serve --port 8080
  curl -i http://127.0.0.1:8080/health     # in another terminal`,
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: a.completeSteps,
		RunE: func(cmd *cobra.Command, args []string) error {
			if port < 0 || port > 65535 {
				return usageError{fmt.Errorf("--port %d: a port is a number from 1 to 65535", port)}
			}
			return runServe(cmd.Context(), a, argOrEmpty(args), port)
		},
	}
	c.Flags().IntVar(&port, "port", 0, "the port to serve on (default: a free one)")
	return c
}

func runServe(ctx context.Context, a *app, arg string, port int) error {
	s, step, err := a.openStep(ctx, arg)
	if err != nil {
		return err
	}
	defer s.Close()
	if len(s.Course.Languages) == 0 {
		return fmt.Errorf("%s has no server part: there is nothing to serve", s.Course.Title)
	}
	io := a.io
	s.ServerProgress = serverProgress(io)
	srv, err := s.Serve(ctx, step, port)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if untrusted := (*check.UntrustedError)(nil); errors.As(err, &untrusted) {
			return err // it could not do its work: exit 2, saying why and how to trust
		}
		io.eprintln(io.red("Your server did not start:") + "\n" + indent(err.Error(), "  "))
		return errFailed
	}
	defer srv.Close()
	io.printf("Your server runs at %s, on the database of %s (%s).\n", io.bold(srv.URL), step.FullID(), printable(srv.DB))
	io.printf("Try it from another terminal: %s\n", termtext.Printable(curlOf(srv.URL, tryRequest(s.Course, step))))
	if usesAPIKey(s.Course, step) {
		io.printf("Its API_KEY (for requests that need one): %s\n", srv.APIKey)
	}
	io.println(io.dim("Its log follows; Ctrl-C stops it."))
	return followLog(ctx, io, srv.Server)
}

// tryRequest is a request to try the server with: one of the step's own
// checks (else of the nearest step before it), a GET when there is one, and
// none that needs a value captured from an answer or the API key. nil when
// there is none.
func tryRequest(c *lessons.Course, step *lessons.Step) *lessons.Request {
	steps := c.Steps()[:step.Index+1]
	for i := len(steps) - 1; i >= 0; i-- {
		var first *lessons.Request
		for _, ch := range steps[i].Checks {
			r := ch.Request
			if ch.Kind != "http" || ch.Start != nil || r == nil || strings.Contains(r.Path+r.Body, "{{") {
				continue
			}
			if r.Method == "GET" {
				return r
			}
			if first == nil {
				first = r
			}
		}
		if first != nil {
			return first
		}
	}
	return nil
}

// curlOf is the curl command that sends r to the server at url: its method,
// path, Content-Type and body (JSON made one line), quoted for a POSIX shell.
func curlOf(url string, r *lessons.Request) string {
	if r == nil {
		return "curl -i " + url + "/"
	}
	cmd := "curl -i "
	if r.Method != "GET" {
		cmd += "-X " + r.Method + " "
	}
	cmd += shellQuote(url + r.Path)
	if ct := r.Header.Get("Content-Type"); ct != "" {
		cmd += " -H " + shellQuote("Content-Type: "+ct)
	}
	if r.Body != "" {
		body := r.Body
		var b bytes.Buffer
		if json.Compact(&b, []byte(body)) == nil {
			body = b.String()
		}
		cmd += " --data " + shellQuote(body)
	}
	return cmd
}

// usesAPIKey reports whether the course's HTTP checks send the API key by
// step: until then the key means nothing to the learner.
func usesAPIKey(c *lessons.Course, step *lessons.Step) bool {
	for _, st := range c.Steps()[:step.Index+1] {
		for _, ch := range st.Checks {
			if ch.Kind == "http" && strings.Contains(ch.Body, "{{"+check.APIKeyName+"}}") {
				return true
			}
		}
	}
	return false
}

// followLog copies the server's log to stdout as it grows, made printable
// (the server is not sandcastle's: its output may carry escapes), until
// ctx ends (Ctrl-C: exit 0) or the server exits (exit 1).
func followLog(ctx context.Context, io *Streams, srv *server.Server) error {
	f, err := srv.FollowLog()
	if err != nil {
		return err
	}
	defer f.Close()
	out := &termtext.Stream{W: io.Out}
	defer out.Flush()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		if _, err := f.Copy(out); err != nil {
			return err
		}
		if exited, info := srv.Exited(); exited {
			f.Copy(out)
			how := "it exited"
			if info != nil && info.Signal != "" {
				how = "a signal ended it (" + info.Signal + ")"
			} else if info != nil {
				how = fmt.Sprintf("it exited with code %d", info.Code)
			}
			io.eprintf("%s %s.\n", io.red("Your server stopped on its own:"), how)
			return errFailed
		}
		select {
		case <-ctx.Done():
			stopped, _ := srv.Stop()
			f.Copy(out)
			if stopped.Killed {
				io.eprintln(io.yellow("Your server ignored SIGTERM, so it was killed."))
			}
			io.eprintln("Stopped your server.")
			return nil
		case <-tick.C:
		}
	}
}

// serverProgress says on stderr what the server is doing when it is slow:
// a Go build, which takes about a minute the first time.
func serverProgress(io *Streams) func(server.Phase) {
	return func(p server.Phase) {
		if p.Builds() {
			io.eprintln(io.dim(strings.ToUpper(p.Doing()[:1]) + p.Doing()[1:]))
		}
	}
}
