package cmd

import (
	"context"
	"errors"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/trust"
	"github.com/sandcastle/sandcastle/lessons"
)

type trustOptions struct {
	show, revoke bool
}

func newTrustCmd(a *app) *cobra.Command {
	opts := &trustOptions{}
	c := &cobra.Command{
		Use:   "trust",
		Short: "Trust the workspace's course, so that its code may run",
		Long: `A course from a folder can run code on your computer: the command that starts
your server (built from files the course wrote into your workspace, such as a
go.mod or a helper module) and its sh checks. sandcastle runs none of it until
you trust the course. Trust only a course whose author you trust.

trust first lists what the course runs: for each language, the server command
and the files the course writes that are code; then each sh check, where it is
written and its command. Then it records that you trust the course, for its
folder and its content as they are now, in your config folder
($XDG_CONFIG_HOME/sandcastle/trust.json, or your system's config folder), never
in the workspace: nothing a repository carries can trust a course for you. A
course that changes, or a copy of it elsewhere, must be trusted again.

The built-in course is always trusted; a course that runs no code needs no trust.`,
		Example: `  sandcastle trust --show     # what the course runs, and whether you trust it; records nothing
  sandcastle trust            # lists the same, then trusts the course
  sandcastle trust --revoke   # forgets it: its code stops running`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.show && opts.revoke {
				return usageError{errors.New("--show and --revoke: choose one")}
			}
			return runTrust(cmd.Context(), a, opts)
		},
	}
	c.Flags().BoolVar(&opts.show, "show", false, "list what the course runs and whether you trust it; record nothing")
	c.Flags().BoolVar(&opts.revoke, "revoke", false, "stop trusting the course")
	return c
}

// runTrust lists what the workspace's course runs, then trusts it (or,
// with --show, only says whether it is trusted; with --revoke, forgets it).
// The trust is recorded in the user's config folder: the workspace is read
// only.
func runTrust(ctx context.Context, a *app, opts *trustOptions) error {
	s, err := a.readSession(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	io := a.io
	c := s.Course
	runs := s.Runs()
	switch {
	case c.Trusted:
		io.printf("%s is sandcastle's built-in course: it is always trusted, and nothing is recorded.\n", printable(c.Title))
		return nil
	case opts.revoke:
		was, err := s.Distrust()
		if err != nil {
			return err
		}
		if !was {
			io.printf("%s was not trusted: nothing to forget.\n", printable(c.Title))
			return nil
		}
		io.printf("%s is no longer trusted: sandcastle runs none of its code until you trust it again.\n", printable(c.Title))
		return nil
	case runs.Nothing():
		io.printf("%s runs no code on your computer (no server, no sh check): there is nothing to trust.\n", printable(c.Title))
		return nil
	}
	status := s.Trusted()
	io.printf("%s (%s) runs this code on your computer:\n\n", io.bold(c.Title), status.Location)
	printRuns(io, runs, s.Lang())
	if opts.show {
		switch status.State {
		case trust.Trusted:
			io.printf("\nYou trust this course, as it is now (since %s).\n", status.At.Local().Format("2 Jan 2006 15:04"))
		default:
			io.printf("\n%s: none of this runs. `%s trust` trusts it.\n", printable(status.Why(c.Title)), a.command(s.WS.Root))
		}
		return nil
	}
	g, err := s.Trust()
	if err != nil {
		return err
	}
	io.println()
	if g.Aside != "" {
		io.printf("%s the record of trusted courses could not be read; it is kept as %s.\n", io.yellow("warning:"), g.Aside)
	}
	io.printf("%s %s, at %s, with content %s.\n", io.green("Trusted"), printable(c.Title), g.Location, g.Hash)
	io.printf("Recorded in %s (not in the workspace).\n", g.Path)
	io.println(io.dim("If the course changes, or is copied elsewhere, sandcastle asks again. `" + a.command(s.WS.Root) + " trust --revoke` forgets it."))
	return nil
}

// printRuns lays out what a course runs: its server per language (the
// workspace's own, lang, marked), the code files it writes, its sh checks.
func printRuns(io *Streams, runs lessons.Runs, lang string) {
	for _, srv := range runs.Servers {
		switch {
		case srv.Lang == "":
			io.println("  Files the course writes into your workspace, which its sh checks may run:")
		case srv.Command == "":
			io.printf("  Files the course writes into a %s workspace:\n", printable(srv.Lang))
		default:
			mine := ""
			if srv.Lang == lang {
				mine = io.dim(" (your workspace's language)")
			}
			io.printf("  Your server, in %s%s:\n    %s\n", printable(srv.Lang), mine, io.bold(srv.Command))
			if len(srv.Files) > 0 {
				io.println("    run with these files the course writes into your workspace:")
			}
		}
		if len(srv.Files) > 0 {
			io.printf("    %s\n", printable(strings.Join(srv.Files, ", ")))
		}
	}
	if len(runs.Shell) == 0 {
		return
	}
	if len(runs.Servers) > 0 {
		io.println()
	}
	io.printf("  %s, run in your workspace:\n", plural(len(runs.Shell), "sh check"))
	for _, sh := range runs.Shell {
		io.printf("    %s %s\n", printable(sh.Title), io.dim("("+sh.Where()+")"))
		io.println(indent(strings.TrimRight(sh.Command, "\n"), "      "))
	}
}
