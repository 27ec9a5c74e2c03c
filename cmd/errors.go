package cmd

import (
	"errors"
	"os"
	"path/filepath"

	"github.com/sandcastle/sandcastle/internal/workspace"
)

// message is what the learner reads for an error that ends a command.
func message(err error) string {
	if errors.Is(err, workspace.ErrNotFound) {
		msg := err.Error() + ".\nRun `sandcastle init` to create a workspace here, run `sandcastle` to use the default\n" +
			"workspace, or pass -C DIR to work in another folder."
		if dir, derr := workspace.DefaultDir(); derr == nil {
			if _, serr := os.Stat(filepath.Join(dir, workspace.ConfigFile)); serr == nil {
				msg += "\nYour default workspace is " + dir + ": `cd` there, or add -C " + dir + "."
			}
		}
		return msg
	}
	return err.Error()
}
