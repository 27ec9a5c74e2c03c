package cmd

import (
	"github.com/spf13/cobra"
)

func newTrustCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "trust",
		Short: "Trust the workspace's course, so its sh checks may run",
		Long: `A course from a folder is not trusted: its sh checks run commands on your
computer, so sandcastle refuses them until you trust the course. Trust only a
course whose author you trust. The choice is recorded in this workspace.
The built-in course is always trusted.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			s, err := a.openSession(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			if s.Course.Trusted {
				a.io.println("The built-in course is always trusted.")
				return nil
			}
			if err := s.Trust(ctx); err != nil {
				return err
			}
			a.io.printf("Trusted %s (%s): its sh checks will run in %s.\n", s.Course.Title, s.WS.Config.Course, s.WS.Root)
			return nil
		},
	}
}
