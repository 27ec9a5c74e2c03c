package check

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/sandcastle/sandcastle/internal/folder"
	"github.com/sandcastle/sandcastle/internal/httpmatch"
	"github.com/sandcastle/sandcastle/internal/server"
	"github.com/sandcastle/sandcastle/internal/termtext"
	"github.com/sandcastle/sandcastle/internal/textfmt"
	"github.com/sandcastle/sandcastle/lessons"
	"github.com/sandcastle/sandcastle/sandbox"
)

// ServerOptions say how a step with HTTP checks runs the learner's server.
type ServerOptions struct {
	// Files are where the server's database, log and build go (the
	// caller's layout: see workspace.ServerFilesIn). The folder of DB holds
	// a lock: one server step at a time uses them.
	Files ServerFiles
	// LogShown is how messages name the log for the learner
	// (relative to the workspace); "" when the log is not kept for them to read.
	LogShown string
	// Progress is told as the server builds, starts, is ready and stops.
	Progress func(server.Phase)
	// Port is the port to give the server (0: a free one).
	Port int
	// Confine runs the server confined, as grade runs a student's (see
	// server.Options.Confine).
	Confine bool
}

// hasCheck reports whether a step has a check of kind ("http" for a step
// that checks a server).
func hasCheck(step *lessons.Step, kind string) bool {
	return slices.ContainsFunc(step.Checks, func(c *lessons.Check) bool { return c.Kind == kind })
}

// ServerFiles are the paths a run of the learner's server uses: the
// database it is given, its log, its Go build.
type ServerFiles struct {
	DB, Log, Build string
}

// serverFiles are the paths a step's server uses, and the folder of its
// database, which holds them.
func serverFiles(opts Options) (state string, f ServerFiles, err error) {
	f = opts.Server.Files
	if f.DB == "" || f.Log == "" || f.Build == "" {
		return "", f, errors.New("HTTP checks need a folder for the server's database, log and build")
	}
	return filepath.Dir(f.DB), f, nil
}

// APIKeyName is the environment variable that holds the API key of a run
// of the learner's server, and the capture that gives checks its value.
const APIKeyName = "API_KEY"

// StartServer builds the step's database into a file and starts the
// learner's server on it, with PORT, DATABASE_PATH and API_KEY (a new
// random key each time, returned) set; the caller closes the server. It is
// what the checks of an HTTP step and `sandcastle serve` do first.
func StartServer(ctx context.Context, course *lessons.Course, step *lessons.Step, files fs.FS, opts Options) (srv *server.Server, apiKey string, err error) {
	return startServer(ctx, course, step, files, opts, nil)
}

// startServer is StartServer with the environment changed as start says
// (nil: as it is); apiKey is the API_KEY the server gets ("" when unset).
func startServer(ctx context.Context, course *lessons.Course, step *lessons.Step, files fs.FS, opts Options, start *lessons.Start) (srv *server.Server, apiKey string, err error) {
	command, err := serverCommand(course, opts)
	if err != nil {
		return nil, "", err
	}
	state, paths, err := serverFiles(opts)
	if err != nil {
		return nil, "", err
	}
	db, build := paths.DB, paths.Build
	// A link in the state folder (a repository may ship one) is never
	// written through: the log, the database and the build are made afresh.
	if err := folder.OwnDir(state, false); err != nil {
		return nil, "", err
	}
	if err := folder.OwnDir(build, true); err != nil {
		return nil, "", err
	}
	if err := writeDatabase(ctx, course, step, files, opts, db); err != nil {
		return nil, "", err
	}
	apiKey = newAPIKey()
	env := []string{APIKeyName + "=" + apiKey}
	var unset []string
	if start != nil {
		env, unset = append(env, start.Set...), start.Unset
		if v, set := start.Value(APIKeyName); set {
			apiKey = v
		}
	}
	srv, err = server.Start(ctx, server.Options{
		Dir: opts.Dir, Command: command, DatabasePath: db, LogPath: paths.Log, BuildDir: build,
		Progress: opts.Server.Progress, Port: opts.Server.Port, Env: env, Unset: unset, Lang: opts.Lang,
		Confine: opts.Server.Confine,
	})
	return srv, apiKey, err
}

// newAPIKey is a fresh random key: a server can only know it from its
// environment.
func newAPIKey() string {
	b := make([]byte, 12)
	rand.Read(b)
	return "sk-" + hex.EncodeToString(b)
}

// serverCommand is the course's run command for the workspace's language.
// A course that is not trusted runs no server: its command is the course's,
// and so are files it runs (an *UntrustedError).
func serverCommand(course *lessons.Course, opts Options) (string, error) {
	if opts.Lang == "" {
		return "", errors.New("this step runs your server, and your workspace has no server language yet: " +
			"run `sandcastle` in a terminal to choose one, or add `lang: go` (or python) to sandcastle.yaml")
	}
	if opts.Dir == "" {
		return "", errors.New("HTTP checks need a workspace folder to run the server in")
	}
	for _, l := range course.Languages {
		if l.Name != opts.Lang {
			continue
		}
		if !opts.Trusted {
			return "", &UntrustedError{Why: distrust(opts), Command: l.Run}
		}
		return l.Run, nil
	}
	return "", fmt.Errorf("the course has no language %q", opts.Lang)
}

// writeDatabase builds the step's sandbox and writes it where the server
// will open it.
func writeDatabase(ctx context.Context, course *lessons.Course, step *lessons.Step, files fs.FS, opts Options, path string) error {
	sb, err := Build(ctx, course, step, files, opts)
	if err != nil {
		return err
	}
	defer sb.Close()
	snap, err := sb.Snapshot()
	if err != nil {
		return err
	}
	tmp := path + ".new"
	f, err := folder.Fresh(tmp)
	if err != nil {
		return err
	}
	_, err = f.Write(snap)
	if err = errors.Join(err, f.Close()); err != nil {
		return fmt.Errorf("write %s: %w", tmp, err)
	}
	if err := folder.Reclaim(path+"-journal", path+"-wal", path+"-shm"); err != nil {
		return err
	}
	os.Remove(path + "-journal")
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	return os.Rename(tmp, path)
}

// runServerStep runs the checks of a step with HTTP checks: one start of the
// learner's server for all of them, state carried from check to check, and
// SQL checks reading (read-only) what the server stored.
func runServerStep(ctx context.Context, course *lessons.Course, step *lessons.Step, files fs.FS, opts Options, res StepResult) StepResult {
	// A course that is not trusted runs nothing: refused before anything
	// is written for its server.
	if _, err := serverCommand(course, opts); err != nil {
		res = res.couldNotRun(ctx, err)
		var untrusted *UntrustedError
		res.Untrusted = errors.As(err, &untrusted)
		return res
	}
	// One server step at a time in a workspace (the TUI's watch mode and a
	// check in a terminal, say): they share the database and the log.
	state, paths, err := serverFiles(opts)
	if err != nil {
		return res.couldNotRun(ctx, err)
	}
	res.LogPath = paths.Log
	unlock, err := lockDir(ctx, state)
	if err != nil {
		return res.couldNotRun(ctx, err)
	}
	defer unlock()
	// A file of the learner's server that is not there: say which, rather
	// than what the language says when it cannot open it.
	if err := missingServerFile(course, step, files, opts.Lang); err != nil {
		return res.couldNotRun(ctx, err)
	}
	// Checks that start the server with its environment changed come
	// first, each on a start of its own, so that the log ends with the
	// step's own run.
	results := make([]CheckResult, len(step.Checks))
	for i, c := range step.Checks {
		if c.Start == nil {
			continue
		}
		if results[i], err = startCheck(ctx, course, step, c, files, opts, paths); err != nil {
			return res.couldNotRun(ctx, err)
		}
	}
	srv, apiKey, err := StartServer(ctx, course, step, files, opts)
	if err != nil {
		return res.couldNotRun(ctx, err)
	}
	run := &serverRun{srv: srv, db: paths.DB, log: paths.Log, captures: httpmatch.Captures{APIKeyName: apiKey}, lang: opts.Lang,
		keyHeader: keyHeader(step), logShown: opts.Server.LogShown}
	for i, c := range step.Checks {
		if c.Start != nil {
			continue
		}
		results[i] = run.check(ctx, step, c, files, opts)
		if ctx.Err() != nil {
			srv.Close()
			return res.couldNotRun(ctx, nil)
		}
	}
	res.Checks = results
	stopped, err := srv.Stop()
	if err == nil && stopped.Killed {
		res.Notes = append(res.Notes, "your server did not stop when asked (SIGTERM), so sandcastle killed it: "+
			"a server that stops cleanly finishes the requests it has started")
	}
	if run.sb != nil {
		run.sb.Close()
	}
	res.Status = Pass
	if res.Failed() > 0 {
		res.Status = Fail
	}
	return res
}

// serverRun is the state of one run of a step's checks against its server.
type serverRun struct {
	srv      *server.Server
	db, log  string
	captures httpmatch.Captures
	// keyHeader is the header the step's requests send the API key in,
	// logShown how messages name the server's log (see ServerOptions).
	keyHeader, logShown string
	lang                string
	// sb is a read-only copy of the server's database, taken when a SQL
	// check needs it after an HTTP check changed it.
	sb    *sandbox.Sandbox
	stale bool
}

func (r *serverRun) check(ctx context.Context, step *lessons.Step, c *lessons.Check, files fs.FS, opts Options) CheckResult {
	switch c.Kind {
	case "sql":
		return r.sqlCheck(ctx, step, c, files, opts)
	case "http":
		r.stale = true
		msg, m := r.httpCheck(ctx, step, c)
		cr := verdict(step, c, msg)
		cr.HTTP = m
		return cr
	case "log":
		return verdict(step, c, r.logCheck(ctx, c))
	case "load":
		r.stale = true
		msg, kind, measured := r.loadCheck(ctx, step, c)
		cr := verdict(step, c, msg)
		cr.Load, cr.Measured = kind, measured
		return cr
	}
	return runCheck(ctx, nil, step, c, files, opts)
}

// sqlCheck runs a SQL check on a copy of what the server has stored.
func (r *serverRun) sqlCheck(ctx context.Context, step *lessons.Step, c *lessons.Check, files fs.FS, opts Options) CheckResult {
	if r.sb == nil || r.stale {
		if r.sb != nil {
			r.sb.Close()
		}
		sb, err := sandbox.New(ctx, opts.Sandbox)
		if err == nil {
			err = sb.Load(ctx, r.db)
		}
		if err != nil {
			return verdict(step, c, "could not read what your server stored: "+err.Error())
		}
		r.sb, r.stale = sb, false
	}
	if err := r.sb.Host(ctx, "SAVEPOINT sandcastle_check"); err != nil {
		return verdict(step, c, err.Error())
	}
	cr := runCheck(ctx, r.sb, step, c, files, opts)
	if err := r.sb.Host(ctx, "ROLLBACK TO sandcastle_check; RELEASE sandcastle_check"); err != nil {
		r.stale = true // the check's own COMMIT ended the savepoint: read the file again
	}
	return cr
}

// httpCheck sends an http check's request to the server and compares the
// answer with its expect block. It returns "" when the check passes.
func (r *serverRun) httpCheck(ctx context.Context, step *lessons.Step, c *lessons.Check) (string, *httpmatch.Mismatch) {
	where := fmt.Sprintf("the course's check at %s:%d", step.Lesson.File, c.Line)
	if c.Request == nil {
		return unparsed(step, "check", c.Line), nil
	}
	if c.Expect.Response == nil {
		return unparsed(step, "expect block", c.Expect.Line), nil
	}
	req, err := httpmatch.Expand(*c.Request, r.captures)
	if err != nil {
		return err.Error(), nil
	}
	hreq, err := http.NewRequestWithContext(ctx, req.Method, r.srv.URL+req.Path, strings.NewReader(req.Body))
	if err != nil {
		return where + ": " + err.Error(), nil
	}
	hreq.Header = req.Header.Clone()
	logFrom := fileSize(r.log)
	resp, err := r.srv.Do(ctx, hreq)
	if err != nil {
		return sentText(req) + err.Error(), nil
	}
	if resp.Cut {
		return sentText(req) + cutAnswer(resp), nil
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m, captured := httpmatch.Compare(*c.Expect.Response, resp.StatusCode, resp.Header, bytes.TrimSpace(body), r.captures)
	for k, v := range captured {
		r.captures[k] = v
	}
	twice := answeredTwice(resp.StatusCode, resp.After)
	if m != nil {
		// The key is in the request as written, before Expand put the run's in.
		sentKey := strings.Contains(c.Body, "{{"+APIKeyName+"}}")
		m = m.WithRequest(req).ForLang(r.lang).ForRun(sentKey, r.keyHeader, r.logShown)
		printed := ""
		if resp.StatusCode >= 500 && c.Expect.Response.Status < 500 {
			if printed = r.logOfRequest(logFrom); printed != "" {
				m = m.WithLogBelow()
			}
		}
		msg := m.Error()
		if twice != "" {
			msg += "\n" + twice
		}
		return msg + printed, m
	}
	if twice != "" {
		return sentText(req) + twice, nil
	}
	return "", nil
}

// keyHeader is the header in which the step's requests send the API key
// ({{API_KEY}}), for advice about it; "" when none does.
func keyHeader(step *lessons.Step) string {
	for _, c := range step.Checks {
		if c.Request == nil {
			continue
		}
		for name, values := range c.Request.Header {
			if slices.ContainsFunc(values, func(v string) bool { return strings.Contains(v, "{{"+APIKeyName+"}}") }) {
				return name
			}
		}
	}
	return ""
}

// sentText shows the request sent, above a failure that has no mismatch
// to show it.
func sentText(req lessons.Request) string {
	return "Sent:\n" + textfmt.Indent(req.String(), "    ") + "\n"
}

// cutAnswer says that an answer's body was longer than sandcastle reads,
// so that it was not judged: half a body would fail for the wrong reason
// (not JSON, a missing key).
func cutAnswer(a *server.Answer) string {
	what := "It answered " + a.Status
	if ct := a.Header.Get("Content-Type"); ct != "" {
		what += " (Content-Type: " + termtext.Printable(ct) + ")"
	}
	size := server.Size(server.MaxBody)
	return fmt.Sprintf("Your server's answer is longer than %s; sandcastle read the first %s and did not judge it. %s. "+
		"An answer this long is most often a loop that writes without end, or a query that returns far more rows "+
		"than it should (a join without a condition?).", size, size, what)
}

// answeredTwice says what is wrong when a server sent more after its
// answer: most often a handler with no return after answering, which goes
// on to answer again (Python's http.server writes both). After an answer
// of a status that has no body (204, 304), it is most often a body written
// anyway, which no client reads.
func answeredTwice(status int, after []byte) string {
	after = bytes.TrimSpace(after)
	if len(after) == 0 {
		return ""
	}
	first, _, _ := bytes.Cut(after, []byte("\n"))
	shown := termtext.Printable(strings.TrimSpace(textfmt.Shorten(string(first), 80)))
	if (status == http.StatusNoContent || status == http.StatusNotModified) && !bytes.HasPrefix(after, []byte("HTTP/")) {
		return fmt.Sprintf("Your server sent a body with its %d %s (%s): an answer with this status has no body, "+
			"so no client reads it. Send the status and the headers, and no body.", status, http.StatusText(status), shown)
	}
	return fmt.Sprintf("Your server answered twice: after its answer it sent another (%s). "+
		"A handler answers once: return right after answering.", shown)
}

// missingServerFile is an error naming the first file of the learner's
// server, as the course declares it up to step in lang (not a .sql file),
// that the workspace does not hold; nil when every one is there.
func missingServerFile(course *lessons.Course, step *lessons.Step, files fs.FS, lang string) error {
	for _, d := range course.Declared(step, lang) {
		if d.Query || strings.HasSuffix(d.Path, ".sql") {
			continue
		}
		if _, err := fs.Stat(files, d.Path); errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s is missing: your server needs it (the course gives it in %q, %s). "+
				"`sandcastle goto %s` creates the step's missing files; `sandcastle reset` puts one back as the step starts",
				d.Path, d.Step.Title, d.Step.FullID(), step.FullID())
		}
	}
	return nil
}

// logOfRequest is what the server printed while it answered a request
// (its log from offset from), for a failure that the log explains: a 500's
// error, which a Go server logs and a Python one prints as a traceback. Its
// output reaches the log through a pipe, so it waits a moment for it. It
// is not part of the check's fingerprint, which holds no log.
func (r *serverRun) logOfRequest(from int64) string {
	for deadline := time.Now().Add(200 * time.Millisecond); fileSize(r.log) <= from && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	lines := logSince(r.log, from, 8)
	if len(lines) == 0 {
		return ""
	}
	return "\nYour server printed, while it answered:" + lastLines(lines)
}
