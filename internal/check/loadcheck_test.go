package check

import (
	"strings"
	"testing"
	"time"

	"github.com/sandcastle/sandcastle/lessons"
)

func TestJudgeLoad(t *testing.T) {
	ok := func(n int) loadAnswer {
		return loadAnswer{n: n, status: 201, took: time.Duration(n) * time.Millisecond}
	}
	run := func(change map[int]loadAnswer) []loadAnswer {
		var as []loadAnswer
		for n := 1; n <= 100; n++ {
			if a, ok := change[n]; ok {
				a.n = n
				as = append(as, a)
				continue
			}
			as = append(as, ok(n))
		}
		return as
	}
	for _, tt := range []struct {
		name    string
		expect  lessons.LoadExpect
		answers []loadAnswer
		want    string
		kind    string
	}{
		{name: "all as expected", expect: lessons.LoadExpect{Status: 201}, answers: run(nil)},
		{name: "some locked", expect: lessons.LoadExpect{Status: 201},
			answers: run(map[int]loadAnswer{7: {status: 500, body: `{"error": "database is locked"}`}, 14: {status: 500}}),
			want:    "2 of 100 answers were not 201 Created. The first 2:\n  request 7: 500 Internal Server Error {\"error\": \"database is locked\"}\n  request 14: 500 Internal Server Error \nSQLite said \"database is locked\"",
			kind:    "status 500"},
		{name: "no answer", expect: lessons.LoadExpect{Status: 201},
			answers: run(map[int]loadAnswer{3: {err: "POST /scores: your server did not answer within 5s"}}),
			want:    "1 of 100 requests got no answer", kind: "no answer"},
		{name: "enough of them", expect: lessons.LoadExpect{Status: 201, AtLeast: 98},
			answers: run(map[int]loadAnswer{1: {status: 429}, 2: {status: 429}})},
		{name: "not enough of them", expect: lessons.LoadExpect{Status: 201, AtLeast: 99},
			answers: run(map[int]loadAnswer{1: {status: 429}, 2: {status: 429}}),
			want:    "only 98 of 100 answers were 201 Created; at least 99 must be.", kind: "status 429"},
		{name: "at least more than were sent, every answer right", expect: lessons.LoadExpect{Status: 200, AtLeast: 4},
			answers: []loadAnswer{{n: 1, status: 200}, {n: 2, status: 200}, {n: 3, status: 200}},
			want:    "only 3 of 3 answers were 200 OK; at least 4 must be.", kind: "too few 200"},
		{name: "at least, no answer at all", expect: lessons.LoadExpect{Status: 200, AtLeast: 4}, answers: nil,
			want: "only 0 of 0 answers were 200 OK; at least 4 must be.", kind: "too few 200"},
		{name: "slow", expect: lessons.LoadExpect{Status: 201, Under: map[string]time.Duration{"p95": 50 * time.Millisecond}},
			answers: run(nil), want: "the answers were too slow: p95 95ms, over 50ms.", kind: "slow p95"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			msg, kind := judgeLoad(tt.expect, tt.answers, summarize(tt.answers))
			if tt.want == "" && msg != "" || !strings.HasPrefix(msg, tt.want) || kind != tt.kind {
				t.Errorf("got %q (%s), want %q (%s)", msg, kind, tt.want, tt.kind)
			}
		})
	}
	if s := summarize(run(nil)); s.median != 50*time.Millisecond || s.p95 != 95*time.Millisecond || s.max != 100*time.Millisecond {
		t.Errorf("summary %s", s)
	}
}

func TestLogAdvice(t *testing.T) {
	for _, tt := range []struct {
		name, msg, log, want string
	}{
		{name: "locked, seen only in the log", log: "2026/12/03 18:38:49 database is locked (5) (SQLITE_BUSY)\n",
			want: "Your server's log says \"database is locked\""},
		{name: "locked, said already from the answers", msg: "2 of 50 answers were not 201 Created." + lockedText,
			log: "database is locked\n"},
		{name: "a connection shared by threads", log: "sqlite3.OperationalError: cannot commit - no transaction is active\n",
			want: "one connection used by many threads at once"},
		{name: "a connection made on another thread",
			log:  "sqlite3.ProgrammingError: SQLite objects created in a thread can only be used in that same thread.\n",
			want: "a connection made on one thread was used on another"},
		{name: "a shared connection another request closed",
			log:  "sqlite3.ProgrammingError: Cannot operate on a closed database.\n",
			want: "the first request to end closes it for all"},
		{name: "nothing known", log: "Traceback (most recent call last):\nKeyError: 'player'\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := logAdvice(tt.msg, tt.log)
			if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
