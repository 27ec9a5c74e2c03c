//go:build !linux

package server

// launcher runs argv as it is: only Linux has Landlock. A confined server
// elsewhere has the environment allow-list and its private folder, and
// may read, write and connect as the user running sandcastle.
func (c *confinement) launcher(o *Options, argv, env []string, port int) ([]string, []string, error) {
	return argv, env, nil
}

// RunLauncher does nothing: there is no launcher outside Linux.
func RunLauncher() {}
