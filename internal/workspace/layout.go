package workspace

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The layout of sandcastle's own folder in a workspace (StateDir):
//
//	.sandcastle/state.db      the learner's progress
//	.sandcastle/backups/      the learner's files that reset replaced
//	.sandcastle/server.db     the database of the last check of an HTTP step,
//	.sandcastle/server.log    and its server's output
//	.sandcastle/serve.db      the same for sandcastle serve,
//	.sandcastle/serve.log     which runs beside the checks
//	.sandcastle/build/        the learner's Go server, built
//	.sandcastle/sql_history   the SQL console's statements, the last 500
//	.sandcastle/copied/       the code blocks the learner copied in the TUI
//
// Every other package asks for these paths here, or takes them from the
// result that made them.

// BackupsShown is how a message names the backups folder.
const BackupsShown = StateDir + "/backups"

// ServerFiles are where a run of the learner's server keeps its files: the
// database it is given, its log and its Go build.
type ServerFiles struct {
	DB, Log, Build string
}

// ServerFilesIn are the files of the runs named name ("server" for checks,
// "serve" for sandcastle serve) kept in dir, a workspace's StateDir or a
// folder of grade's own.
func ServerFilesIn(dir, name string) ServerFiles {
	return ServerFiles{
		DB:    filepath.Join(dir, name+".db"),
		Log:   filepath.Join(dir, name+".log"),
		Build: filepath.Join(dir, "build"),
	}
}

// SQLHistory is the file that keeps the SQL console's statements.
func (w *Workspace) SQLHistory() string { return w.StatePath("sql_history") }

// StatePath is the path of elem in the workspace's own folder; with no
// elem, the folder.
func (w *Workspace) StatePath(elem ...string) string {
	return filepath.Join(append([]string{w.Root, StateDir}, elem...)...)
}

// Shown is how a message names path for the learner: relative to the
// workspace, with forward slashes, when it is inside it, else as it is.
func (w *Workspace) Shown(path string) string {
	rel, err := filepath.Rel(w.Root, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return path
	}
	return filepath.ToSlash(rel)
}

// CopiedDir is the folder where the TUI writes the code blocks a learner
// copies (y): .sandcastle/copied/.
func (w *Workspace) CopiedDir() string { return w.StatePath("copied") }

// SaveCopied writes the n-th code block of step (its id in its lesson, short
// enough for a message to name), in language lang, to CopiedDir as
// <step>-<n>.<ext>, and returns its path. The file is sandcastle's own: a
// later copy of the same block replaces it.
func (w *Workspace) SaveCopied(step string, n int, lang, code string) (string, error) {
	name := strings.ReplaceAll(step, "/", "-") + "-" + strconv.Itoa(n) + "." + codeExt(lang)
	path := filepath.Join(w.CopiedDir(), name)
	if err := os.MkdirAll(w.CopiedDir(), 0o755); err != nil {
		return path, err
	}
	if code != "" && !strings.HasSuffix(code, "\n") {
		code += "\n"
	}
	return path, os.WriteFile(path, []byte(code), 0o644)
}

// codeExt is the file extension of code in lang, a code block's language.
func codeExt(lang string) string {
	switch strings.ToLower(lang) {
	case "sql", "go", "sh", "json", "http":
		return strings.ToLower(lang)
	case "python", "py", "python3":
		return "py"
	case "bash", "shell":
		return "sh"
	}
	return "txt"
}
