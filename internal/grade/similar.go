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
	return workFrom(course, lang, func(path string) ([]byte, error) { return fs.ReadFile(files, path) })
}

// workFrom is workOf with the files read by read.
func workFrom(course *lessons.Course, lang string, read func(path string) ([]byte, error)) Work {
	steps := course.Steps()
	if len(steps) == 0 {
		return Work{}
	}
	last := steps[len(steps)-1]
	h := sha256.New()
	var w Work
	for _, d := range course.Declared(last, lang) {
		data, err := read(d.Path)
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

// solutionsWork is the work of a workspace of lang with every file as the
// course's last step leaves it: the course's own solutions.
func solutionsWork(course *lessons.Course, lang string) Work {
	steps := course.Steps()
	if len(steps) == 0 {
		return Work{}
	}
	last := steps[len(steps)-1]
	return workFrom(course, lang, func(path string) ([]byte, error) {
		if text, ok := course.FileAt(path, lang, last); ok {
			return []byte(text), nil
		}
		return nil, fs.ErrNotExist
	})
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
	// Solution is set when the work is the course's own solutions, as
	// `sandcastle solution` shows them.
	Solution bool `json:"solution,omitempty"`
}

// Similar groups the workspaces of grades whose work is identical; groups
// of one are left out, unless the work is the course's own solutions.
// Identical work is a question for the instructor to ask, not an answer:
// two students can write the same short file, and a learner may read the
// solutions (their progress says so; grade does not trust it).
func Similar(course *lessons.Course, grades []Workspace) []Group {
	by := map[string]*Group{}
	var order []string
	solutions := map[string]string{} // language: the hash of its solutions' work
	for _, g := range grades {
		if g.work.Hash == "" {
			continue
		}
		grp, ok := by[g.work.Hash]
		if !ok {
			sol, known := solutions[g.Lang]
			if !known {
				sol = solutionsWork(course, g.Lang).Hash
				solutions[g.Lang] = sol
			}
			grp = &Group{Files: g.work.Files, Solution: sol == g.work.Hash}
			by[g.work.Hash] = grp
			order = append(order, g.work.Hash)
		}
		grp.Workspaces = append(grp.Workspaces, g.Path)
	}
	groups := []Group{}
	for _, h := range order {
		if grp := by[h]; len(grp.Workspaces) > 1 || grp.Solution {
			groups = append(groups, *grp)
		}
	}
	slices.SortStableFunc(groups, func(a, b Group) int { return len(b.Workspaces) - len(a.Workspaces) })
	return groups
}
