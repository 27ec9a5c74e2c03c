package workspace

import (
	"path/filepath"
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
