package console

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/sandcastle/sandcastle/internal/folder"
	"github.com/sandcastle/sandcastle/internal/termtext"
)

// HistoryLimit is how many statements a console's history keeps.
const HistoryLimit = 500

// historyRead is how much of the end of a history file is read: a file
// grown huge (or not a history at all) costs no more than this.
const historyRead = 1 << 20

// History is the statements a learner ran in the console, the last
// HistoryLimit of them, kept in a file of the workspace one a line, as
// typed (a statement of many lines on one). The file is sandcastle's own:
// a link there is removed, never written through, and a line that is not
// text is left out.
type History struct {
	path    string
	entries []string
}

// OpenHistory reads the history kept at path (none yet is an empty one).
// When it cannot be read or kept, the error says why, and the History
// works all the same, in memory, for this console only.
func OpenHistory(path string) (*History, error) {
	h := &History{path: path}
	if path == "" {
		return h, nil
	}
	if err := folder.OwnDir(filepath.Dir(path), false); err != nil {
		h.path = ""
		return h, historyError(err)
	}
	f, err := folder.OpenOwn(path, os.O_RDONLY)
	if errors.Is(err, fs.ErrNotExist) {
		return h, nil
	}
	if err != nil {
		h.path = ""
		return h, historyError(err)
	}
	lines, whole, err := readTail(f)
	f.Close()
	if err != nil {
		h.path = ""
		return h, historyError(err)
	}
	for _, l := range lines {
		if e := Entry(l); e != "" && utf8.ValidString(l) {
			h.entries = append(h.entries, e)
		}
	}
	if len(h.entries) > HistoryLimit {
		h.entries = h.entries[len(h.entries)-HistoryLimit:]
	}
	if !whole || len(h.entries) != len(lines) {
		if err := h.rewrite(); err != nil {
			h.path = ""
			return h, historyError(err)
		}
	}
	return h, nil
}

func historyError(err error) error {
	return fmt.Errorf("the console's history is not kept: %w", err)
}

// readTail reads the lines of the last historyRead bytes of f; whole is
// false when there was more before them (the first, cut, line is left out).
func readTail(f *os.File) (lines []string, whole bool, err error) {
	info, err := f.Stat()
	if err != nil {
		return nil, false, err
	}
	whole = info.Size() <= historyRead
	if !whole {
		if _, err := f.Seek(info.Size()-historyRead, io.SeekStart); err != nil {
			return nil, false, err
		}
	}
	data, err := io.ReadAll(io.LimitReader(f, historyRead))
	if err != nil {
		return nil, false, err
	}
	if !whole {
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			data = data[i+1:]
		} else {
			data = nil
		}
	}
	for l := range strings.SplitSeq(strings.TrimSuffix(string(data), "\n"), "\n") {
		if l != "" {
			lines = append(lines, l)
		}
	}
	return lines, whole, nil
}

// rewrite writes the file afresh with the entries kept.
func (h *History) rewrite() error {
	tmp := h.path + ".new"
	f, err := folder.Fresh(tmp)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, e := range h.entries {
		w.WriteString(e + "\n")
	}
	err = errors.Join(w.Flush(), f.Close())
	if err == nil {
		err = os.Rename(tmp, h.path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// Entries are the statements of the history, oldest first, made safe to
// show: a character a terminal would act on is shown as a picture of it
// (termtext.Printable), so that recalling a statement cannot send the
// terminal an escape sequence.
func (h *History) Entries() []string {
	shown := make([]string, len(h.entries))
	for i, e := range h.entries {
		shown[i] = termtext.Printable(e)
	}
	return shown
}

// Add adds a statement to the history and to its file, and returns it as
// an entry made safe to show (as Entries), or "" when there is nothing to
// keep (a blank statement, or the same as the last one). An error says
// the file could not be written; the entry is kept in memory all the same.
func (h *History) Add(statement string) (shown string, err error) {
	e := Entry(statement)
	if e == "" || len(h.entries) > 0 && h.entries[len(h.entries)-1] == e {
		return "", nil
	}
	h.entries = append(h.entries, e)
	if len(h.entries) > HistoryLimit {
		h.entries = h.entries[len(h.entries)-HistoryLimit:]
	}
	if h.path != "" {
		err = h.append(e)
	}
	return termtext.Printable(e), err
}

// append writes e at the end of the file; past twice the limit, the file
// is written afresh with the last HistoryLimit statements.
func (h *History) append(e string) error {
	f, err := folder.OpenOwn(h.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE)
	if err != nil {
		h.path = ""
		return historyError(err)
	}
	_, err = f.WriteString(e + "\n")
	info, statErr := f.Stat()
	if err = errors.Join(err, f.Close()); err != nil {
		h.path = ""
		return historyError(err)
	}
	if statErr == nil && info.Size() > historyRead {
		if err := h.rewrite(); err != nil {
			h.path = ""
			return historyError(err)
		}
	}
	return nil
}

// Entry is a statement as one line of the history: its lines joined by a
// space, each trimmed, and a -- comment turned into a /* */ one, so that
// the line means what the statement did. A newline inside a quoted string
// becomes a space. Tabs become spaces.
func Entry(statement string) string {
	var b strings.Builder
	var quote rune // the quote a string or a name is in: ' " ` ]
	comment := ""  // "--" or "/*" while in a comment
	lineStart := false
	rs := []rune(strings.TrimSpace(statement))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		next := rune(0)
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		if r == '\r' {
			continue
		}
		if r == '\n' && quote != 0 {
			b.WriteByte(' ')
			continue
		}
		if r == '\n' {
			if comment == "--" {
				b.WriteString(" */")
				comment = ""
			}
			lineStart = true
			continue
		}
		if lineStart {
			if r == ' ' || r == '\t' {
				continue
			}
			if quote == 0 && b.Len() > 0 {
				b.WriteByte(' ')
			}
			lineStart = false
		}
		if r == '\t' {
			r = ' '
		}
		switch {
		case comment == "--":
			if r == '*' && next == '/' {
				b.WriteString("* /")
				i++
				continue
			}
		case comment == "/*":
			if r == '*' && next == '/' {
				b.WriteString("*/")
				i++
				comment = ""
				continue
			}
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '-' && next == '-':
			b.WriteString("/*")
			i++
			comment = "--"
			continue
		case r == '/' && next == '*':
			b.WriteString("/*")
			i++
			comment = "/*"
			continue
		case r == '\'' || r == '"' || r == '`':
			quote = r
		case r == '[':
			quote = ']'
		}
		b.WriteRune(r)
	}
	if comment == "--" {
		b.WriteString(" */")
	}
	return strings.TrimSpace(b.String())
}
