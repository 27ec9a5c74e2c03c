package server

import (
	"bytes"
	"os"
	"sync"
	"time"
)

const (
	// maxLog bounds the log file of a server's output, which keeps its
	// start (logHead) and its end (at least logTail, at most maxLog-logHead):
	// a server printing in a tight loop fills neither the disk nor the memory.
	maxLog  = 10 << 20
	logHead = 2 << 20
	logTail = 4 << 20
	// keepLines is how many lines of output a server keeps in memory.
	keepLines = 200
	// maxLine is the longest line kept; the rest of a longer line is dropped.
	maxLine = 4096
	// messageLines is how many lines a Failure or an ExitInfo carries.
	messageLines = 20
)

// output copies a server's stdout and stderr (one pipe) to its log file and
// keeps the last lines in memory for messages.
type output struct {
	r   *os.File // the read end of the pipe the server writes to
	log *os.File
	// file is the log's layout, which followers read under its lock.
	file logFile

	mu      sync.Mutex
	lines   []string // a ring of at most keepLines lines
	next    int      // where the next line goes once the ring is full
	partial []byte   // the line being written, not yet ended by '\n'

	eof chan struct{} // closed when every writer has closed the pipe
}

// newOutput returns the write end to give the server and starts copying from
// the read end to log. The output owns log from then on and closes it at EOF.
func newOutput(log *os.File) (*output, *os.File, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, nil, err
	}
	o := &output{r: r, log: log, eof: make(chan struct{})}
	if err := o.file.init(log, logHead, logTail, maxLog); err != nil {
		r.Close()
		w.Close()
		return nil, nil, err
	}
	go o.copy()
	return o, w, nil
}

func (o *output) copy() {
	defer close(o.eof)
	defer o.log.Close()
	defer o.r.Close()
	buf := make([]byte, 32*1024)
	for {
		n, err := o.r.Read(buf)
		if n > 0 {
			o.file.write(buf[:n]) // a full disk must not stop the server
			o.add(buf[:n])
		}
		if err != nil {
			return
		}
	}
}

// add splits p into lines and keeps them.
func (o *output) add(p []byte) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			o.partial = appendCapped(o.partial, p)
			return
		}
		o.partial = appendCapped(o.partial, p[:i])
		o.push(string(bytes.TrimRight(o.partial, "\r")))
		o.partial = o.partial[:0]
		p = p[i+1:]
	}
}

func appendCapped(line, p []byte) []byte {
	if room := maxLine - len(line); len(p) > room {
		p = p[:max(room, 0)]
	}
	return append(line, p...)
}

func (o *output) push(line string) {
	if len(o.lines) < keepLines {
		o.lines = append(o.lines, line)
		return
	}
	o.lines[o.next] = line
	o.next = (o.next + 1) % keepLines
}

// last returns the last n lines, oldest first, the unfinished line included.
func (o *output) last(n int) []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	all := make([]string, 0, len(o.lines)+1)
	all = append(all, o.lines[o.next:]...)
	all = append(all, o.lines[:o.next]...)
	if len(o.partial) > 0 {
		all = append(all, string(o.partial))
	}
	if n < len(all) {
		all = all[len(all)-n:]
	}
	return all
}

// waitEOF waits until every writer has closed the pipe, at most d.
func (o *output) waitEOF(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-o.eof:
		return true
	case <-t.C:
		return false
	}
}

// close stops copying even if a writer outside the server's process group
// still holds the pipe, and waits for the log file to be closed.
func (o *output) close() {
	if o.waitEOF(2 * time.Second) {
		return
	}
	o.r.Close()
	<-o.eof
}

// linesOf splits text into its last n lines, for a build's output.
func linesOf(text []byte, n int) []string {
	o := &output{}
	o.add(text)
	return o.last(n)
}
