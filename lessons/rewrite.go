package lessons

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"testing/fstest"
)

// Rewrite is what `lessons fmt` does to a course: the new content of each
// file it changes, by name relative to the course folder.
type Rewrite struct {
	Files map[string][]byte
	// Edits counts the blocks made edits.
	Edits int
}

// RewriteOptions says how RewriteAsEdits writes edits.
type RewriteOptions struct {
	// Context is how many lines of context go around each change (see DiffEdit).
	Context int
	// Reedit makes the edits the course already has again, with Context.
	Reedit bool
}

// RewriteAsEdits rewrites the course in fsys so that every whole-file
// solution or mistake that has a base (see walkBases) becomes the
// equivalent minimal edit (DiffEdit), and declares format 2; with
// opts.Reedit, every edit is made again the same way. Every other byte of
// the lessons is kept. It refuses a course with lint errors, and checks that
// the rewritten course loads with the same whole files, block by block, as
// the original.
func RewriteAsEdits(fsys fs.FS, opts RewriteOptions) (*Rewrite, error) {
	c, probs, err := Load(fsys, "")
	if err != nil {
		return nil, err
	}
	if errs := probs.Errors(); len(errs) > 0 {
		return nil, fmt.Errorf("the course has problems; fix them first (sandcastle lessons lint):\n%w", errs)
	}
	edits := map[string]map[int]string{} // lesson file -> block line -> edit body
	n := 0
	walkBases(c, func(s *Step, f *FileBlock, bases baseSet) {
		if f.Edit != nil && !opts.Reedit {
			return
		}
		base, missing, conflict := baseOf(c, f, bases)
		if base.block == nil || len(missing) > 0 || conflict != nil {
			return
		}
		body, ok := DiffEdit(base.block.Content, f.Content, opts.Context)
		if !ok || f.Edit != nil && body == writeEdit(f.Edit.Hunks) {
			return
		}
		if edits[s.Lesson.File] == nil {
			edits[s.Lesson.File] = map[int]string{}
		}
		edits[s.Lesson.File][f.Line] = body
		n++
	})
	rw := &Rewrite{Files: map[string][]byte{}, Edits: n}
	for file, blocks := range edits {
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, err
		}
		rw.Files[file] = replaceBlocks(data, blocks, func(_ int, info string) string { return asEdit(info) })
	}
	if c.Format == 1 {
		data, err := fs.ReadFile(fsys, "course.yaml")
		if err != nil {
			return nil, err
		}
		yaml, ok := declareFormat2(data)
		if !ok {
			return nil, errors.New("course.yaml: cannot find its format: 1 line to make it format: 2")
		}
		rw.Files["course.yaml"] = yaml
	}
	if err := verifyRewrite(fsys, c, rw); err != nil {
		return nil, err
	}
	return rw, nil
}

// asEdit returns a block's info string with the edit flag.
func asEdit(info string) string {
	if b, _ := parseInfoIn(strings.TrimLeft(strings.TrimSpace(info), "`~"), 2); b.edit {
		return info
	}
	return info + " edit"
}

var formatLine = regexp.MustCompile(`(?m)^(format:[ \t]*["']?)1(["']?[ \t]*(#.*)?\r?)$`)

// declareFormat2 turns course.yaml's format: 1 into format: 2.
func declareFormat2(data []byte) ([]byte, bool) {
	if len(formatLine.FindAllIndex(data, -1)) != 1 {
		return nil, false
	}
	return formatLine.ReplaceAll(data, []byte("${1}2${2}")), true
}

// replaceBlocks replaces the body of each block of a lesson that opens at a
// line of blocks with that body, and its opening fence line (trailing
// spaces trimmed) with what info makes of it. Every other line is kept as it
// is, line endings included.
func replaceBlocks(data []byte, blocks map[int]string, info func(line int, info string) string) []byte {
	raw := bytes.SplitAfter(data, []byte("\n"))
	lines := splitLines(data)
	var out bytes.Buffer
	for i := 0; i < len(raw); i++ {
		body, ok := blocks[i+1]
		f, isFence := fence{}, false
		if ok && i < len(lines) {
			f, isFence = openFence(lines[i])
		}
		end := -1
		if isFence {
			end = closingFence(lines, i+1, f)
		}
		if end < 0 {
			out.Write(raw[i])
			continue
		}
		eol := "\n"
		if bytes.HasSuffix(raw[i], []byte("\r\n")) {
			eol = "\r\n"
		}
		out.WriteString(info(i+1, strings.TrimRight(lines[i], " \t")) + eol)
		indent := strings.Repeat(" ", f.indent)
		for _, l := range strings.SplitAfter(body, "\n") {
			switch l {
			case "":
			case "\n":
				out.WriteString(eol)
			default:
				out.WriteString(indent + strings.TrimSuffix(l, "\n") + eol)
			}
		}
		i = end - 1 // the closing fence is written as it is
	}
	return out.Bytes()
}

// verifyRewrite loads the rewritten course and checks that it has no
// problem and that every block holds the same whole file as in c.
func verifyRewrite(fsys fs.FS, c *Course, rw *Rewrite) error {
	over := fstest.MapFS{}
	names, err := fs.Glob(fsys, "*")
	if err != nil {
		return err
	}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			continue // a folder, or what Load does not read
		}
		over[name] = &fstest.MapFile{Data: data}
	}
	for name, data := range rw.Files {
		over[name] = &fstest.MapFile{Data: data}
	}
	after, probs, err := Load(over, "")
	if err != nil {
		return err
	}
	if errs := probs.Errors(); len(errs) > 0 {
		return fmt.Errorf("the rewritten course would have problems, so nothing was written:\n%w", errs)
	}
	if !sameFiles(c, after) {
		return errors.New("the rewritten course would not give back the same files, so nothing was written; please report this")
	}
	return nil
}

// sameFiles reports whether two courses have the same file blocks, each
// with the same whole file.
func sameFiles(a, b *Course) bool {
	sa, sb := a.Steps(), b.Steps()
	if len(sa) != len(sb) {
		return false
	}
	for i := range sa {
		fa, fb := sa[i].Files, sb[i].Files
		if len(fa) != len(fb) {
			return false
		}
		for j := range fa {
			x, y := fa[j], fb[j]
			if x.Kind != y.Kind || x.Lang != y.Lang || x.Path != y.Path || x.Content != y.Content || x.Why != y.Why || x.Error != y.Error {
				return false
			}
		}
	}
	return true
}
