package cmd

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/trust"
	"github.com/sandcastle/sandcastle/internal/workspace"
	"github.com/sandcastle/sandcastle/lessons"
)

type initOptions struct {
	dir    string
	course string
	lang   string
}

func newInitCmd(a *app) *cobra.Command {
	opts := &initOptions{}
	c := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Create a workspace for a course",
		Long: `Create a workspace in DIR (default: the current folder) for a course, and the
first step's files. init never overwrites a file.

The built-in course has a server part written in Go or in Python: choose with
--lang (in a terminal, init asks when you leave it out).

--course takes a course folder, or a git URL (https://, ssh://, git://, file://,
or user@host:path) with an optional @REF: a branch, a tag or a commit (default:
the repository's HEAD). A folder that exists is always taken as a folder. The
course is fetched with your git into your cache folder, and the workspace
records the commit REF names now (URL@COMMIT in sandcastle.yaml): it stays on
that commit, read from the cache, until you change that line. A course from git
is never trusted on its own (see sandcastle trust).`,
		Example: `  sandcastle init my-backend --lang python
  sandcastle init --course ./my-course
  sandcastle init --course https://github.com/acme/sql-course@v1 --lang go`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.dir = args[0]
			}
			return runInit(cmd.Context(), a, opts)
		},
	}
	c.Flags().StringVar(&opts.course, "course", "", "the course: a folder, a git URL with an optional @REF, or "+workspace.BuiltinRef+" (default)")
	c.Flags().StringVar(&opts.lang, "lang", "", "the language of your server: go or python")
	return c
}

func runInit(ctx context.Context, a *app, opts *initOptions) error {
	start, dir, err := a.startPath(opts.dir)
	if err != nil {
		return err
	}
	course, err := workspace.LoadCourse(ctx, opts.course, start)
	if err != nil {
		return err
	}
	lang, err := workspace.PickLang(course, opts.lang, false)
	var langErr *workspace.LangError
	if errors.As(err, &langErr) && opts.lang == "" && a.io.InTTY && a.io.OutTTY {
		lang, err = askLang(a.io, langErr.Choices)
	}
	if err != nil {
		return usageError{err}
	}
	ref := opts.course
	if course.Origin != "" {
		ref = course.Origin // the commit loaded now, not wherever its branch is next
	} else if ref != "" && ref != workspace.BuiltinRef && !filepath.IsAbs(ref) {
		ref = filepath.Join(start, ref)
	}
	ws, created, err := workspace.Init(ctx, dir, ref, lang)
	if err != nil {
		return err
	}
	defer ws.Close()
	io := a.io
	io.printf("Created a sandcastle workspace for %s in %s", io.bold(ws.Course.Title), ws.Root)
	if lang != "" {
		io.printf(" (your server: %s)", lang)
	}
	io.println()
	for _, f := range created {
		io.printf("  created %s\n", printable(f))
	}
	if !ws.Course.Trusted && !ws.Course.Runs().Nothing() && !trustedCourse(ws.Course) {
		io.println("This course runs code on your computer (its server command, on files it writes; sh checks):\n" +
			"sandcastle runs none of it until you trust the course. `sandcastle trust --show` lists it.")
	}
	io.printf("Next: %s\n", nextCommand(ws.Root, start, a.command(ws.Root)))
	return nil
}

// trustedCourse reports whether the learner trusts a course from a folder.
func trustedCourse(c *lessons.Course) bool {
	store, err := trust.Default()
	return err == nil && store.Check(c).OK()
}

// askLang asks the learner, in a terminal, which server language to use.
func askLang(io *Streams, choices []string) (string, error) {
	in := bufio.NewScanner(io.In)
	for {
		io.printf("Which language will you write your server in? [%s]: ", printable(strings.Join(choices, "/")))
		if !in.Scan() {
			return "", fmt.Errorf("no language chosen: pass --lang %s", strings.Join(choices, " or --lang "))
		}
		answer := strings.ToLower(strings.TrimSpace(in.Text()))
		for _, c := range choices {
			if answer == c {
				return c, nil
			}
		}
		io.printf("Please answer %s.\n", strings.Join(choices, " or "))
	}
}

// nextCommand is how to run command in the workspace at root from start
// (a command with -C runs there from anywhere).
func nextCommand(root, start, command string) string {
	abs, err := filepath.Abs(start)
	if err == nil && abs == root || strings.Contains(command, " -C ") {
		return "`" + command + "`"
	}
	return fmt.Sprintf("`cd %s` and run `%s`", root, command)
}
