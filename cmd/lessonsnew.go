package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/lessons"
)

type lessonsNewOptions struct {
	dir   string
	id    string
	title string
}

func newLessonsNewCmd(a *app) *cobra.Command {
	opts := &lessonsNewOptions{}
	c := &cobra.Command{
		Use:   "new DIR",
		Short: "Start a new course in DIR, from a commented example",
		Long: `Create a course in DIR, a new or empty folder: a course.yaml and a first lesson
that uses every kind of block of the course format (starters, solutions, mistakes,
setup and seed SQL, each way of expecting rows, query files run with arguments,
hints, and an HTTP step in Go and in Python), each explained in comments. It passes
lessons lint and lessons test as it is: change it into your own course and prove it
again after every change.

The course's id is DIR's name, made of lowercase letters, digits and '-' (or --id);
its title is made from the id (or --title). new never overwrites a file: a DIR that
is not empty is refused.`,
		Example: `  sandcastle lessons new ./sql-for-analysts
  sandcastle lessons new ./course --id sql-101 --title "SQL 101"`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.dir = args[0]
			return runLessonsNew(a, opts)
		},
	}
	c.Flags().StringVar(&opts.id, "id", "", "`ID` of the course (default: made from DIR's name)")
	c.Flags().StringVar(&opts.title, "title", "", "`TITLE` of the course (default: made from the id)")
	return c
}

// templateData is what the .tmpl files of the template are executed with.
type templateData struct {
	ID    string
	Title string
}

func runLessonsNew(a *app, opts *lessonsNewOptions) error {
	_, dir, err := a.startPath(opts.dir)
	if err != nil {
		return err
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	data, err := newCourseData(dir, opts)
	if err != nil {
		return usageError{err}
	}
	if err := checkEmptyFolder(dir, opts.dir); err != nil {
		return usageError{err}
	}
	created, err := writeTemplate(dir, data)
	if err != nil {
		return fmt.Errorf("lessons new %s: %w", opts.dir, err)
	}
	shown := opts.dir
	if a.dir != "" && !filepath.IsAbs(shown) {
		shown = filepath.Join(a.dir, shown)
	}
	printNewCourse(a.io, shown, data, created)
	return nil
}

// newCourseData settles the new course's id and title.
func newCourseData(dir string, opts *lessonsNewOptions) (templateData, error) {
	id := opts.id
	if id == "" {
		id = lessons.Slug(filepath.Base(dir))
		if id == "" {
			return templateData{}, fmt.Errorf("cannot make a course id from the folder name %q: give one with --id, "+
				"in lowercase letters, digits and '-'", filepath.Base(dir))
		}
	} else if !lessons.ValidID(id) {
		return templateData{}, fmt.Errorf("--id %s: a course id uses only lowercase letters, digits and '-', as in --id %s",
			id, orDefault(lessons.Slug(id), "sql-101"))
	}
	title := strings.TrimSpace(opts.title)
	if strings.ContainsFunc(title, unicode.IsControl) {
		return templateData{}, errors.New("--title: write the title on one line")
	}
	if title == "" {
		title = titleOf(id)
	}
	return templateData{ID: id, Title: title}, nil
}

// titleOf makes a title of an id: "sql-for-analysts" is "Sql for analysts".
func titleOf(id string) string {
	t := strings.Join(strings.FieldsFunc(id, func(r rune) bool { return r == '-' }), " ")
	if t == "" {
		return id
	}
	return strings.ToUpper(t[:1]) + t[1:]
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// checkEmptyFolder refuses a DIR that exists and is not an empty folder;
// arg is DIR as the user wrote it.
func checkEmptyFolder(dir, arg string) error {
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("%s is a file: lessons new creates a course in a new or empty folder", arg)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s is not empty: lessons new creates a course in a new or empty folder, and never "+
			"overwrites a file; choose another folder", arg)
	}
	return nil
}

// writeTemplate writes the course template into dir, executing its .tmpl
// files with data, and returns the files it created. It never overwrites a
// file; when it fails, it removes what it created.
func writeTemplate(dir string, data templateData) (created []string, err error) {
	madeDir := false
	if _, serr := os.Stat(dir); errors.Is(serr, fs.ErrNotExist) {
		madeDir = true
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	defer func() {
		if err == nil {
			return
		}
		for i := len(created) - 1; i >= 0; i-- {
			os.Remove(filepath.Join(dir, filepath.FromSlash(created[i])))
		}
		if madeDir {
			os.Remove(dir)
		}
		created = nil
	}()
	tmpl := lessons.Template()
	err = fs.WalkDir(tmpl, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		content, err := fs.ReadFile(tmpl, name)
		if err != nil {
			return err
		}
		if base, ok := strings.CutSuffix(name, ".tmpl"); ok {
			if content, err = execute(name, content, data); err != nil {
				return err
			}
			name = base
		}
		if err := createFile(dir, name, content); err != nil {
			return err
		}
		created = append(created, name)
		return nil
	})
	return created, err
}

// execute runs one .tmpl file of the template.
func execute(name string, text []byte, data templateData) ([]byte, error) {
	t, err := template.New(name).Option("missingkey=error").Parse(string(text))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := t.Execute(&out, data); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// createFile writes a new file dir/name, creating its folders; a file that
// exists already is an error.
func createFile(dir, name string, content []byte) error {
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(content)
	return errors.Join(err, f.Close())
}

// printNewCourse says what lessons new created and what to run next.
func printNewCourse(io *Streams, dir string, data templateData, created []string) {
	io.printf("Created the course %s (%s) in %s:\n", io.bold(data.Title), data.ID, dir)
	for _, f := range created {
		io.printf("  %s\n", f)
	}
	course := shellQuote(dir)
	io.printf("\nIt is a working example of every kind of block, explained in comments: read\n" +
		"the lesson, then make it your own. Prove it after every change, and try it as a learner:\n")
	io.printf("  sandcastle lessons lint --course %s\n", course)
	io.printf("  sandcastle lessons test --course %s\n", course)
	io.printf("  sandcastle init %s --course %s --lang go\n", shellQuote(data.ID+"-workspace"), course)
}

// shellQuote quotes s for a POSIX shell when it needs quotes.
func shellQuote(s string) string {
	if s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_./:@+=,", r)))
	}) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
