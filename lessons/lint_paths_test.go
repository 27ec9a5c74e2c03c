package lessons

import (
	"slices"
	"testing"
)

// TestLintToolPaths: a course may not write where version control, a forge's
// CI, an editor or a shell tool reads its own configuration: the learner's
// next `git status`, push or folder opening would run what the course wrote.
func TestLintToolPaths(t *testing.T) {
	tests := []struct {
		name string
		path string
		want string
	}{
		{"git's own folder", ".git/config", "file=.git/config is inside .git, git's own folder; a course never writes there: choose another path"},
		{"another case", ".GitHub/workflows/x.yml", "file=.GitHub/workflows/x.yml is inside .GitHub, GitHub's own folder; a course never writes there: choose another path"},
		{"a folder deeper down", "server/.git/hooks/pre-commit", "file=server/.git/hooks/pre-commit is inside .git, git's own folder; a course never writes there: choose another path"},
		{"a tool's file", ".gitmodules", "file=.gitmodules is git's own file; a course never writes it: choose another path"},
		{"a tool's file in a folder", "server/.envrc", "file=server/.envrc is direnv's own file; a course never writes it: choose another path"},
		{"an editor", ".vscode/tasks.json", "file=.vscode/tasks.json is inside .vscode, VS Code's own folder; a course never writes there: choose another path"},
		{"Windows drops trailing dots", ".git./config", "file=.git./config is inside .git., git's own folder; a course never writes there: choose another path"},
		{"an NTFS stream", ".git::$INDEX_ALLOCATION/config", "file=.git::$INDEX_ALLOCATION/config is inside .git::$INDEX_ALLOCATION, git's own folder; a course never writes there: choose another path"},
		{"macOS ignores joiners", ".g\u200cit/config", "file=.g\u200cit/config is inside .g\u200cit, git's own folder; a course never writes there: choose another path"},
		{"a Windows short name", "GIT~1/config", "file=GIT~1/config names GIT~1, which Windows may read as a short name for another folder (such as .git); give its long name"},
		{"mise's settings", "mise.local.toml", "file=mise.local.toml is mise's own file; a course never writes it: choose another path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lesson := cleanStep + "'''sql file=" + tt.path + "\n'''\n"
			got := lintCourse(t, oneLesson(testFrontMatter+lesson))
			want := "01-a.md:15: " + tt.want
			if !slices.Contains(got, want) {
				t.Errorf("problems:\n%q\nwant among them:\n%q", got, want)
			}
		})
	}
}

// TestLintPathsOfTheLearner: paths that only look like a tool's are the
// learner's to have.
func TestLintPathsOfTheLearner(t *testing.T) {
	for _, p := range []string{".gitignore", "server/git.go", "docs/github.md", ".env", "vscode.sql", "queries/.hidden.sql", "git/config.sql"} {
		t.Run(p, func(t *testing.T) {
			if part, ok := ToolPath(p); ok {
				t.Errorf("ToolPath(%q) = %+v; want the learner's", p, part)
			}
		})
	}
}
