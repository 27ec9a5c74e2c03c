// Command gendocs writes sandcastle's man pages and shell completions, which
// a release ships in each archive (.goreleaser.yaml runs it before building):
//
//	go run ./cmd/gendocs -out build -version v1.2.3 -date 2026-12-03T10:00:00Z
//
// writes build/man/sandcastle.1, build/man/sandcastle-check.1, …, and
// build/completions/sandcastle.bash, .zsh, .fish and .ps1.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/sandcastle/sandcastle/cmd"
)

func main() {
	out := flag.String("out", "build", "write man/ and completions/ into `DIR`")
	version := flag.String("version", "", "the release the man pages name, as v1.2.3")
	date := flag.String("date", "", "the release's date (RFC 3339) the man pages show; default $SOURCE_DATE_EPOCH, else now")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "gendocs: no arguments expected; see -help")
		os.Exit(2)
	}
	opts := options{dir: *out, version: *version}
	if *date != "" {
		t, err := time.Parse(time.RFC3339, *date)
		if err != nil {
			fmt.Fprintf(os.Stderr, "gendocs: -date %s: not an RFC 3339 time\n", *date)
			os.Exit(2)
		}
		opts.date = &t
	}
	if err := generate(cmd.Tree(), opts); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs: "+err.Error())
		os.Exit(1)
	}
}

type options struct {
	dir     string
	version string
	date    *time.Time // nil: cobra's default ($SOURCE_DATE_EPOCH, else now)
}

// generate writes the man pages of root and its commands into opts.dir/man
// and its completion scripts into opts.dir/completions.
func generate(root *cobra.Command, opts options) error {
	man := filepath.Join(opts.dir, "man")
	completions := filepath.Join(opts.dir, "completions")
	for _, d := range []string{man, completions} {
		if err := os.RemoveAll(d); err != nil {
			return err
		}
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	source := "sandcastle"
	if opts.version != "" {
		source += " " + opts.version
	}
	header := &doc.GenManHeader{Section: "1", Source: source, Manual: "sandcastle manual", Date: opts.date}
	if err := doc.GenManTree(root, header, man); err != nil {
		return fmt.Errorf("man pages: %w", err)
	}
	name := root.Name()
	for ext, gen := range map[string]func(f *os.File) error{
		"bash": func(f *os.File) error { return root.GenBashCompletionV2(f, true) },
		"zsh":  func(f *os.File) error { return root.GenZshCompletion(f) },
		"fish": func(f *os.File) error { return root.GenFishCompletion(f, true) },
		"ps1":  func(f *os.File) error { return root.GenPowerShellCompletionWithDesc(f) },
	} {
		path := filepath.Join(completions, name+"."+ext)
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		err = gen(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("%s completion: %w", ext, err)
		}
	}
	return nil
}
