package check

import (
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sandcastle/sandcastle/internal/httpmatch"
	"github.com/sandcastle/sandcastle/internal/termtext"
	"github.com/sandcastle/sandcastle/lessons"
)

// loadTimeout bounds a whole load check: each request has the server's own
// request timeout as well.
const loadTimeout = 60 * time.Second

// loadAnswer is one request of a load check: its number from 1, and its
// answer's status and first bytes, or why there was none; how long it took.
type loadAnswer struct {
	n      int
	status int
	body   string
	err    string
	took   time.Duration
}

// loadCheck sends a load check's request N times, Parallel at a time, to
// the learner's server alone (a path of it, on loopback), and compares the
// run with the expect. msg is "" when the run is as expected; measured says
// what the run took, passed or not.
func (r *serverRun) loadCheck(ctx context.Context, step *lessons.Step, c *lessons.Check) (msg, kind, measured string) {
	if c.Request == nil || c.Load == nil || c.Load.N == 0 {
		return unparsed(step, "check", c.Line), "unparsed", ""
	}
	if c.Expect.Load == nil {
		return unparsed(step, "expect block", c.Expect.Line), "unparsed", ""
	}
	if x := c.Expect.Load; x.AtLeast > c.Load.N {
		return fmt.Sprintf("the course's check at %s:%d expects at least %d answers of its %d requests; `sandcastle lessons lint` says so",
			step.Lesson.File, c.Line, x.AtLeast, c.Load.N), "unparsed", ""
	}
	logFrom := fileSize(r.log)
	start := time.Now()
	answers := r.sendAll(ctx, c)
	if ctx.Err() != nil {
		return "", "", ""
	}
	s := summarize(answers)
	measured = fmt.Sprintf("%d requests, %d at a time, in %s; answers took %s.", len(answers), min(c.Load.Parallel, len(answers)),
		time.Since(start).Round(time.Millisecond), s)
	msg, kind = judgeLoad(*c.Expect.Load, answers, s)
	if msg == "" {
		return "", "", measured
	}
	msg += logAdvice(msg, logAfter(r.log, logFrom))
	msg += "\n" + measured
	if lines := logSince(r.log, logFrom, 8); len(lines) > 0 {
		msg += lastLines(lines)
	}
	return msg, kind, measured
}

// sendAll sends the N requests, Parallel at a time; the answers are in
// request order. Once a request gets no answer, the ones not sent yet are
// not sent: the server has stopped answering, and waiting for each to time
// out would only make the learner wait.
func (r *serverRun) sendAll(ctx context.Context, c *lessons.Check) []loadAnswer {
	ctx, cancel := context.WithTimeout(ctx, loadTimeout)
	defer cancel()
	answers := make([]loadAnswer, c.Load.N)
	next := make(chan int)
	var wg sync.WaitGroup
	var noAnswer atomic.Bool
	for range min(c.Load.Parallel, c.Load.N) {
		wg.Go(func() {
			for i := range next {
				answers[i] = r.sendOne(ctx, c, i+1)
				if answers[i].err != "" {
					noAnswer.Store(true)
				}
			}
		})
	}
	for i := range answers {
		if noAnswer.Load() {
			answers[i] = loadAnswer{n: i + 1, err: "not sent: an earlier request got no answer"}
			continue
		}
		select {
		case next <- i:
		case <-ctx.Done():
			answers[i] = loadAnswer{n: i + 1, err: "not sent: the check ran out of time (" + loadTimeout.String() + ")"}
		}
	}
	close(next)
	wg.Wait()
	return answers
}

// sendOne sends request number n: {{n}} in the request is n.
func (r *serverRun) sendOne(ctx context.Context, c *lessons.Check, n int) loadAnswer {
	a := loadAnswer{n: n}
	captures := maps.Clone(r.captures)
	captures["n"] = strconv.Itoa(n)
	req, err := httpmatch.Expand(*c.Request, captures)
	if err != nil {
		a.err = err.Error()
		return a
	}
	hreq, err := http.NewRequestWithContext(ctx, req.Method, r.srv.URL+req.Path, strings.NewReader(req.Body))
	if err != nil {
		a.err = err.Error()
		return a
	}
	hreq.Header = req.Header.Clone()
	start := time.Now()
	resp, err := r.srv.Do(ctx, hreq)
	a.took = time.Since(start)
	if err != nil {
		a.err = firstLine(err.Error())
		return a
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
	resp.Body.Close()
	a.status, a.body = resp.StatusCode, strings.TrimSpace(termtext.Printable(string(body)))
	return a
}

// loadSummary is how long the answers took.
type loadSummary struct {
	median, p95, max time.Duration
}

func (s loadSummary) String() string {
	return fmt.Sprintf("median %s, p95 %s, max %s", s.median.Round(time.Millisecond), s.p95.Round(time.Millisecond), s.max.Round(time.Millisecond))
}

func (s loadSummary) of(name string) time.Duration {
	return map[string]time.Duration{"median": s.median, "p95": s.p95, "max": s.max}[name]
}

func summarize(answers []loadAnswer) loadSummary {
	var took []time.Duration
	for _, a := range answers {
		if a.err == "" {
			took = append(took, a.took)
		}
	}
	if len(took) == 0 {
		return loadSummary{}
	}
	slices.Sort(took)
	at := func(p int) time.Duration { return took[min(len(took)-1, (len(took)*p+99)/100-1)] }
	return loadSummary{median: at(50), p95: at(95), max: took[len(took)-1]}
}

// judgeLoad says what is wrong with a run, or "", and the kind of wrong
// for the fingerprint (CheckResult.Load).
func judgeLoad(x lessons.LoadExpect, answers []loadAnswer, s loadSummary) (msg, kind string) {
	var failed, other []loadAnswer
	unsent := 0
	for _, a := range answers {
		switch {
		case strings.HasPrefix(a.err, "not sent"):
			unsent++
		case a.err != "":
			failed = append(failed, a)
		case a.status != x.Status:
			other = append(other, a)
		}
	}
	want := statusText(x.Status)
	switch {
	case len(failed) > 0 || unsent > 0:
		msg := fmt.Sprintf("%d of %d requests got no answer: your server must answer every request, even many at once.", len(failed), len(answers))
		if unsent > 0 {
			msg += fmt.Sprintf(" The other %d were not sent once one went unanswered.", unsent)
		}
		return msg + firstAnswers(failed), "no answer"
	case x.AtLeast == 0 && len(other) > 0:
		return fmt.Sprintf("%d of %d answers were not %s.%s", len(other), len(answers), want, firstAnswers(other)) + lockedAdvice(other),
			"status " + strconv.Itoa(other[0].status)
	case x.AtLeast > 0 && len(answers)-len(other) < x.AtLeast:
		return fmt.Sprintf("only %d of %d answers were %s; at least %d must be.%s", len(answers)-len(other), len(answers), want,
			x.AtLeast, firstAnswers(other)) + lockedAdvice(other), tooFew(x, other)
	}
	for _, name := range []string{"median", "p95", "max"} {
		if bound, ok := x.Under[name]; ok && s.of(name) > bound {
			return fmt.Sprintf("the answers were too slow: %s %s, over %s.", name, s.of(name).Round(time.Millisecond), bound), "slow " + name
		}
	}
	return "", ""
}

// tooFew is the kind of a run with fewer answers of the status expected
// than at least N asks: the first other status, or, when every answer had
// it (at least N was more than the requests sent, which lint reports),
// "too few" and the status.
func tooFew(x lessons.LoadExpect, other []loadAnswer) string {
	if len(other) == 0 {
		return "too few " + strconv.Itoa(x.Status)
	}
	return "status " + strconv.Itoa(other[0].status)
}

// firstAnswers shows the first three answers of a kind.
func firstAnswers(as []loadAnswer) string {
	if len(as) == 0 {
		return ""
	}
	var b strings.Builder
	if n := min(3, len(as)); n == 1 {
		b.WriteString(" It was:")
	} else {
		fmt.Fprintf(&b, " The first %d:", n)
	}
	for _, a := range as[:min(3, len(as))] {
		switch {
		case a.err != "":
			fmt.Fprintf(&b, "\n  request %d: %s", a.n, a.err)
		default:
			fmt.Fprintf(&b, "\n  request %d: %s %s", a.n, statusText(a.status), a.body)
		}
	}
	return b.String()
}

// lockedText says what "database is locked" means and what to do.
const lockedText = "\nSQLite said \"database is locked\": another connection was writing, and yours gave up at once. " +
	"Give each connection a busy timeout (it then waits its turn), and keep writes short."

// lockedAdvice names "database is locked" where an answer shows it.
func lockedAdvice(as []loadAnswer) string {
	for _, a := range as {
		if strings.Contains(strings.ToLower(a.body), "database is locked") {
			return lockedText
		}
	}
	return ""
}

// sharedSigns are what Python's sqlite3 says when threads share one
// connection, and so one transaction: each thread's commit and rollback act
// on the others' work too.
var sharedSigns = []string{
	"no transaction is active",
	"sql statements in progress",
	"cannot start a transaction within a transaction",
	"error return without exception set",
}

// logAdvice says what a failed run means where the server's log (from the
// run) shows a known cause that the answers did not: a server that answers
// a fixed 500 keeps the cause in its log. msg is what is said already.
func logAdvice(msg, log string) string {
	log = strings.ToLower(log)
	switch {
	case strings.Contains(log, "database is locked") && !strings.Contains(msg, lockedText):
		return "\nYour server's log says \"database is locked\": another connection was writing, and yours gave up at once. " +
			"Give each connection a busy timeout (it then waits its turn), and keep writes short."
	case strings.Contains(log, "can only be used in that same thread"):
		return "\nYour server's log says a connection made on one thread was used on another. " +
			"Give each request's thread a connection of its own."
	case strings.Contains(log, "cannot operate on a closed database"):
		return "\nYour server's log says a request used a connection that another had closed: one connection is shared " +
			"by the threads, and the first request to end closes it for all. Give each request's thread a connection of its own."
	case slices.ContainsFunc(sharedSigns, func(sign string) bool { return strings.Contains(log, sign) }):
		return "\nYour server's log shows one connection used by many threads at once: they share its transaction, " +
			"so one request's commit or rollback acts on another's save. Give each request's thread a connection of its own."
	}
	return ""
}

func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return fmt.Sprintf("%d %s", code, t)
	}
	return strconv.Itoa(code)
}

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// logAfter is what the log at path gained after offset from.
func logAfter(path string, from int64) string {
	data, err := os.ReadFile(path)
	if err != nil || int64(len(data)) <= from {
		return ""
	}
	return string(data[from:])
}

// logSince is the last n lines the log at path gained after offset from.
func logSince(path string, from int64, n int) []string {
	text := strings.TrimRight(logAfter(path, from), "\n")
	if text == "" {
		return nil
	}
	lines := strings.Split(text, "\n")
	return lines[max(0, len(lines)-n):]
}
