package server

import (
	"os/exec"
	"runtime"
	"slices"
	"strings"
)

// SystemCommand returns a course's run command, split into argv, as this
// system runs it. Courses write python3, as Linux and macOS name Python 3;
// on Windows, where an installer from python.org gives python and the py
// launcher but no python3, python3 becomes the first of python3, python
// and "py -3" on PATH. A hit among the Microsoft Store's app execution
// aliases (…\Microsoft\WindowsApps\), which open the Store when Python is
// not installed from it, is taken only when nothing else is found. Any
// other command, or python3 when none is found, is returned as it is.
func SystemCommand(argv []string) []string {
	return systemCommand(argv, runtime.GOOS, exec.LookPath)
}

// pythons are what a run command's python3 may be on Windows, in order.
var pythons = [][]string{{"python3"}, {"python"}, {"py", "-3"}}

func systemCommand(argv []string, goos string, lookPath func(string) (string, error)) []string {
	if goos != "windows" || len(argv) == 0 || argv[0] != "python3" {
		return argv
	}
	var alias []string
	for _, p := range pythons {
		path, err := lookPath(p[0])
		if err != nil {
			continue
		}
		found := append(slices.Clone(p), argv[1:]...)
		if !storeAlias(path) {
			return found
		}
		if alias == nil {
			alias = found
		}
	}
	if alias != nil {
		return alias
	}
	return argv
}

// storeAlias reports whether path is one of the Microsoft Store's app
// execution aliases.
func storeAlias(path string) bool {
	return strings.Contains(strings.ToLower(strings.ReplaceAll(path, `\`, "/")), "/microsoft/windowsapps/")
}
