package lessons

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// LoadSpec is a load check (format 2): its request, a template in which {{n}}
// is the request's number from 1, is sent N times, Parallel at a time, to
// the learner's server on loopback; its expect (LoadExpect) is about the
// whole run.
//
//	```load check "50 players save a score at once" n=50 parallel=10
//	POST /scores
//	Content-Type: application/json
//
//	{"player": "player{{n}}", "score": {{n}}}
//	```
type LoadSpec struct {
	N, Parallel int
}

// The bounds of a load check: a learner's server on a laptop, a check that
// takes seconds.
const (
	MaxLoadRequests = 1000
	MaxLoadParallel = 64
	// DefaultLoadParallel is parallel= when left out.
	DefaultLoadParallel = 10
)

// LoadExpect is what a load check expects of its run:
//
//	status 201            every answer has this status
//	status 201 at least 45  at least 45 answers have it; others may differ
//	p95 under 2s          95 in 100 answers came within 2 s (also: median, max)
//
// A connection refused or cut, or no answer in time, always fails the check.
// Latency is measured on a machine that may be busy: bound it loosely.
type LoadExpect struct {
	Status int
	// AtLeast is how many answers must have Status; 0 means all of them.
	AtLeast int
	// Under bounds latency by percentile: "median", "p95" or "max".
	Under map[string]time.Duration
	// StatusLine is the line of the status in the expect's body (1: the
	// line after the fence), for lint.
	StatusLine int
}

func parseLoad(b blockInfo, c *Check) []string {
	var ps []string
	if b.format < 2 {
		ps = append(ps, needsFormat2("the load check"))
	}
	l := &LoadSpec{Parallel: DefaultLoadParallel}
	n, err := strconv.Atoi(strings.TrimSpace(b.n))
	switch {
	case !b.hasN:
		ps = append(ps, fmt.Sprintf("a load check needs n=, how many requests it sends (1 to %d), as in n=50", MaxLoadRequests))
	case err != nil || n < 1 || n > MaxLoadRequests:
		ps = append(ps, fmt.Sprintf("n= is how many requests the check sends: a whole number from 1 to %d, not %q", MaxLoadRequests, b.n))
	default:
		l.N = n
	}
	if b.hasParallel {
		p, err := strconv.Atoi(strings.TrimSpace(b.parallel))
		if err != nil || p < 1 || p > MaxLoadParallel {
			ps = append(ps, fmt.Sprintf("parallel= is how many requests are under way at once: a whole number from 1 to %d, not %q", MaxLoadParallel, b.parallel))
		} else {
			l.Parallel = p
		}
	}
	c.Load = l
	r, err := ParseRequest(c.Body)
	if err != nil {
		return append(ps, err.Error())
	}
	if strings.Contains(r.Path, "://") {
		ps = append(ps, "a load check's request names a path of the learner's server, never another host")
	}
	c.Request = &r
	return ps
}

// ParseLoadExpect parses the expect of a load check. An error about one
// line of the body is a *LineError that says which.
func ParseLoadExpect(body string) (LoadExpect, error) {
	x := LoadExpect{Under: map[string]time.Duration{}}
	const how = "; a load check's expect has lines such as: status 201, status 201 at least 45, p95 under 2s"
	bounds := map[string]bool{} // the bounds given
	for i, line := range strings.Split(body, "\n") {
		at := func(format string, args ...any) error {
			return &LineError{Line: i + 1, Msg: fmt.Sprintf(format, args...)}
		}
		f := strings.Fields(line)
		switch {
		case len(f) == 0:
		case f[0] == "status" && (len(f) == 2 || len(f) == 5 && f[2] == "at" && f[3] == "least"):
			if x.StatusLine > 0 {
				return x, at("a second status line; a load check's expect has one (status CODE, or status CODE at least N): keep one of the two")
			}
			code, err := strconv.Atoi(f[1])
			if err != nil || code < 100 || code > 599 {
				return x, at("status %s is not an HTTP status%s", f[1], how)
			}
			x.Status, x.StatusLine = code, i+1
			if len(f) == 5 {
				n, err := strconv.Atoi(f[4])
				if err != nil || n < 1 {
					return x, at("at least %s is not a count of answers%s", f[4], how)
				}
				x.AtLeast = n
			}
		case (f[0] == "median" || f[0] == "p95" || f[0] == "max") && len(f) == 3 && f[1] == "under":
			if bounds[f[0]] {
				return x, at("a second %s line; the answers' %s has one bound: keep one of the two", f[0], f[0])
			}
			d, err := time.ParseDuration(f[2])
			switch {
			case err != nil:
				return x, at("%s is not a duration (500ms, 2s)%s", f[2], how)
			case d <= 0:
				return x, at("%s under %s: a bound on the answers' time must be above zero, as in %s under 2s", f[0], f[2], f[0])
			}
			x.Under[f[0]], bounds[f[0]] = d, true
		default:
			return x, at("%q is not a line of a load check's expect%s", strings.TrimSpace(line), how)
		}
	}
	if x.Status == 0 {
		return x, fmt.Errorf("the expect of a load check needs the status of its answers%s", how)
	}
	return x, nil
}

// LineError is a problem of one line of a block's body.
type LineError struct {
	// Line is the line in the body: 1 is the line after the opening fence.
	Line int
	Msg  string
}

func (e *LineError) Error() string { return e.Msg }

// loadExpect parses e as the expect of load check c and says what is wrong
// with it, each problem at its line.
func loadExpect(c *Check, e *Expect) []blockProblem {
	ps := atFence(noMode(c.Kind, e))
	x, err := ParseLoadExpect(e.Body)
	if err != nil {
		return append(ps, inBody(err))
	}
	e.Load = &x
	if c.Load != nil && c.Load.N > 0 && x.AtLeast > c.Load.N {
		ps = append(ps, blockProblem{line: x.StatusLine, msg: fmt.Sprintf("status %d at least %d asks for more answers "+
			"than the check sends (n=%d); at least N is at most n", x.Status, x.AtLeast, c.Load.N)})
	}
	return ps
}

// Serves reports whether the step runs the learner's server: it has an
// http check or a load check.
func (s *Step) Serves() bool {
	for _, c := range s.Checks {
		if c.Kind == "http" || c.Kind == "load" {
			return true
		}
	}
	return false
}
