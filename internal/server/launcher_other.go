//go:build !linux

package server

import "runtime"

// launcher runs argv as it is: only Linux has Landlock. A confined server
// elsewhere has the environment allow-list and its private folder, and
// may read, write and connect as the user running sandcastle.
func (c *confinement) launcher(o *Options, argv, env []string, port int) ([]string, []string, error) {
	return argv, env, nil
}

// ConfinementGaps says what this system cannot confine of a student's
// server in grade: without Landlock, its files and its network.
func ConfinementGaps() []string {
	return []string{"there is no Landlock on " + systemName(runtime.GOOS) + ": a student's server is not confined, " +
		"and may read and write whatever you can, and connect anywhere"}
}

// systemName is GOOS as its users call it.
func systemName(goos string) string {
	switch goos {
	case "darwin":
		return "macOS"
	case "windows":
		return "Windows"
	}
	return goos
}

// RunLauncher does nothing: there is no launcher outside Linux.
func RunLauncher() {}
