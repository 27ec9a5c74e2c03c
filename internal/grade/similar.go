package grade

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path"
	"regexp"
	"slices"

	"github.com/sandcastle/sandcastle/lessons"
)

// Work is what a workspace wrote: the course's files of its language that
// differ from their starters, compared with whitespace and comments removed.
type Work struct {
	// Hash identifies the files' normalised content; "" when the workspace
	// wrote nothing of its own.
	Hash  string
	Files []string
}

// workOf reads the work in files: every file the course declares for lang
// that exists and is not its starter, once whitespace and comments are
// removed from both.
func workOf(course *lessons.Course, lang string, files fs.FS) Work {
	steps := course.Steps()
	if len(steps) == 0 {
		return Work{}
	}
	last := steps[len(steps)-1]
	h := sha256.New()
	var w Work
	for _, d := range course.Declared(last, lang) {
		data, err := fs.ReadFile(files, d.Path)
		if err != nil {
			continue
		}
		text := normalise(d.Path, string(data))
		if starter, ok := course.Version(d.Path, lang, d.Step, lessons.Starter); ok && normalise(d.Path, starter) == text || text == "" {
			continue
		}
		w.Files = append(w.Files, d.Path)
		h.Write([]byte(d.Path + "\x00" + text + "\x00"))
	}
	if len(w.Files) > 0 {
		w.Hash = hex.EncodeToString(h.Sum(nil))
	}
	return w
}

var (
	blockComment = regexp.MustCompile(`(?s)/\*.*?\*/`)
	sqlComment   = regexp.MustCompile(`--[^\n]*`)
	hashComment  = regexp.MustCompile(`#[^\n]*`)
	slashComment = regexp.MustCompile(`//[^\n]*`)
	whitespace   = regexp.MustCompile(`\s+`)
)

// normalise removes a file's comments, by its kind, and all whitespace.
// It does not parse: a comment marker inside a string goes too, the same
// in every copy, which is what comparing needs.
func normalise(name, text string) string {
	switch path.Ext(name) {
	case ".sql":
		text = sqlComment.ReplaceAllString(blockComment.ReplaceAllString(text, ""), "")
	case ".go", ".js", ".ts", ".java", ".c":
		text = slashComment.ReplaceAllString(blockComment.ReplaceAllString(text, ""), "")
	case ".py", ".sh", ".rb", ".yaml", ".yml":
		text = hashComment.ReplaceAllString(text, "")
	}
	return whitespace.ReplaceAllString(text, "")
}

// Group is workspaces whose work is identical, whitespace and comments aside.
type Group struct {
	Workspaces []string `json:"workspaces"`
	Files      []string `json:"files"`
}

// Similar groups the workspaces of grades whose work is identical; groups
// of one are left out. Identical work is a question for the instructor to
// ask, not an answer: two students can write the same short file.
func Similar(grades []Workspace) []Group {
	by := map[string]*Group{}
	var order []string
	for _, g := range grades {
		if g.work.Hash == "" {
			continue
		}
		grp, ok := by[g.work.Hash]
		if !ok {
			grp = &Group{Files: g.work.Files}
			by[g.work.Hash] = grp
			order = append(order, g.work.Hash)
		}
		grp.Workspaces = append(grp.Workspaces, g.Path)
	}
	groups := []Group{}
	for _, h := range order {
		if grp := by[h]; len(grp.Workspaces) > 1 {
			groups = append(groups, *grp)
		}
	}
	slices.SortStableFunc(groups, func(a, b Group) int { return len(b.Workspaces) - len(a.Workspaces) })
	return groups
}
