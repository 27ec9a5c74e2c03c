package cmd

import (
	"errors"

	"github.com/sandcastle/sandcastle/internal/workspace"
)

// message is what the learner reads for an error that ends a command.
func message(err error) string {
	if errors.Is(err, workspace.ErrNotFound) {
		return err.Error() + ".\nRun `sandcastle init` to create a workspace here, run `sandcastle` to use the default\n" +
			"workspace, or pass -C DIR to work in another folder."
	}
	return err.Error()
}
