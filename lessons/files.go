package lessons

import (
	"fmt"
	"path"
	"strings"
)

// file reads a starter, solution or mistake block; it returns nil for a
// block without a path inside the workspace.
func (lp *lessonParser) file(b blockInfo, blk *block) *FileBlock {
	kind := Starter
	switch b.role {
	case roleSolution:
		kind = Solution
	case roleMistake:
		kind = Mistake
	}
	if !b.hasFile {
		lp.r.errorf(blk.line, "%s needs file=PATH, the learner's file it holds a version of", b.name())
		return nil
	}
	if msg := pathProblem("file", b.file); msg != "" {
		// A path outside the workspace is left out of the course: nothing may write it.
		lp.r.errorf(blk.line, "%s", msg)
		return nil
	}
	f := &FileBlock{Kind: kind, Lang: b.lang, Path: cleanPath(b.file), Query: b.query, Why: b.text, Content: blk.body, Line: blk.line, Error: b.errorFlag}
	if b.edit {
		f.Edit = parseEdit(blk.body, blk.line+1, lp.r)
	}
	if b.hasSays {
		f.Says = strings.TrimSpace(b.says)
		switch {
		case lp.format < 2:
			lp.r.errorf(blk.line, "%s", needsFormat2("says="))
		case f.Says == "":
			lp.r.errorf(blk.line, `says= is empty; write what the learner who makes this mistake should read, as in says="Put DESC after ORDER BY score."`)
		}
	}
	if f.Query && !isSQLFile(f.Path) {
		lp.r.errorf(blk.line, "query is only for .sql files; %s is not one", f.Path)
	}
	if kind == Mistake && !b.hasText {
		lp.r.warnf(blk.line, "mistake has no \"WHY\"; name the mistake in quotes, as in ```%s \"ascending order\"```", infoString(b.lang, "mistake", attrValue("file", f.Path)))
	}
	return f
}

// cleanPath returns the shortest form of a workspace path, as path.Clean does.
func cleanPath(p string) string {
	if p == "" {
		return ""
	}
	return path.Clean(p)
}

func isSQLFile(p string) bool { return strings.HasSuffix(strings.ToLower(p), ".sql") }

// pathProblem says why p, the value of attr, cannot name a learner's file
// in the workspace, or "".
func pathProblem(attr, p string) string {
	q := attrValue(attr, p)
	switch {
	case p == "":
		return attr + "= needs a path relative to the workspace, as in " + attr + "=schema.sql"
	case strings.ContainsRune(p, '\\'):
		return q + " uses \\; separate folders with /"
	case strings.HasPrefix(p, "/") || len(p) >= 2 && p[1] == ':' && isASCIILetter(p[0]):
		return q + " is absolute; give a path relative to the workspace"
	case strings.IndexFunc(p, func(r rune) bool { return r < ' ' || r == 0x7f }) >= 0:
		return q + " holds a control character"
	}
	c := path.Clean(p)
	first, _, _ := strings.Cut(c, "/")
	switch {
	case c == "..", strings.HasPrefix(c, "../"):
		return q + " leaves the workspace; give a path inside it"
	case c == ".", strings.HasSuffix(p, "/"):
		return q + " names a folder; give the path of a file"
	case comparedName(first) == ".sandcastle":
		return q + " is inside .sandcastle, sandcastle's own folder; choose another path"
	case comparedName(c) == "sandcastle.yaml":
		return q + " is the workspace's own sandcastle.yaml; choose another path"
	}
	if t, ok := ToolPath(c); ok && attr == "file" {
		return q + " " + t.Why()
	}
	return ""
}

// attrValue writes an attribute as it would stand in an info string.
func attrValue(attr, v string) string {
	if v == "" || strings.ContainsAny(v, " \t\"") {
		return fmt.Sprintf("%s=%q", attr, v)
	}
	return attr + "=" + v
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
