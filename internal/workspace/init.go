package workspace

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/sandcastle/sandcastle/internal/coursegit"
	"github.com/sandcastle/sandcastle/lessons"
)

// ExistsError is returned by Init for a folder that already is a workspace.
type ExistsError struct{ Dir string }

func (e *ExistsError) Error() string {
	return fmt.Sprintf("%s is already a sandcastle workspace; init never overwrites it", e.Dir)
}

// LangError is a server language that init cannot settle on its own.
type LangError struct {
	Lang    string
	Choices []string
}

func (e *LangError) Error() string {
	if e.Lang == "" {
		return fmt.Sprintf("choose the language of your server: --lang %s", strings.Join(e.Choices, " or --lang "))
	}
	if len(e.Choices) == 0 {
		return fmt.Sprintf("--lang %s: this course has no server, so it takes no language", e.Lang)
	}
	return fmt.Sprintf("--lang %s: this course's languages are %s", e.Lang, strings.Join(e.Choices, ", "))
}

// PickLang settles a workspace's language: lang when the course has it; the
// course's only language when lang is ""; "" for a course without languages.
// A course of several languages needs lang (a *LangError says the choices),
// unless optional is set, when "" means the learner chooses later.
func PickLang(c *lessons.Course, lang string, optional bool) (string, error) {
	names := c.LanguageNames()
	switch {
	case lang != "" && !c.HasLanguage(lang):
		return "", &LangError{Lang: lang, Choices: names}
	case lang != "":
		return lang, nil
	case len(names) == 1:
		return names[0], nil
	case len(names) > 1 && !optional:
		return "", &LangError{Choices: names}
	}
	return "", nil
}

// Init creates a workspace in dir for the course ref (BuiltinRef when "")
// in the server language lang, and the first step's starter files. It never
// overwrites a file. A course from a git URL is recorded as URL@COMMIT, the
// commit its ref names now.
func Init(ctx context.Context, dir, ref, lang string) (*Workspace, []string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, ConfigFile)); err == nil {
		return nil, nil, &ExistsError{Dir: dir}
	}
	if ref == "" {
		ref = BuiltinRef
	} else if _, serr := os.Stat(ref); ref != BuiltinRef && (serr == nil || !coursegit.IsURL(ref)) {
		if ref, err = courseRef(ref, dir); err != nil {
			return nil, nil, err
		}
	}
	course, err := LoadCourse(ctx, ref, dir)
	if err != nil {
		return nil, nil, err
	}
	if len(course.Steps()) == 0 {
		return nil, nil, fmt.Errorf("the course %s has no steps", ref)
	}
	if course.Origin != "" {
		// A course from git is pinned to the commit its ref named now:
		// the workspace never moves to a newer one on its own.
		ref = course.Origin
	}
	cfg := Config{Course: ref, Lang: lang, CourseVersion: course.Release}
	if err := writeConfig(dir, cfg); err != nil {
		return nil, nil, err
	}
	w, err := OpenWithProgress(ctx, dir, Record)
	if err != nil {
		return nil, nil, err
	}
	if _, err := w.Store(ctx); err != nil {
		w.Close()
		return nil, nil, err
	}
	created, err := w.CreateStarters(course.Steps()[0])
	if err != nil {
		w.Close()
		return nil, nil, err
	}
	return w, created, nil
}

// courseRef is how sandcastle.yaml names a course folder: relative to the
// workspace when it can be, so the two can move together.
func courseRef(path, dir string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if rel, err := filepath.Rel(dir, abs); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel), nil
	}
	return abs, nil
}

func writeConfig(dir string, cfg Config) error {
	content, err := configText(cfg)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create workspace: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, ConfigFile), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return &ExistsError{Dir: dir}
	}
	if err != nil {
		return fmt.Errorf("create workspace: %w", err)
	}
	_, err = f.WriteString(content)
	return errors.Join(err, f.Close())
}

// SetLang records the learner's server language in sandcastle.yaml, for a
// workspace created before it was chosen.
func (w *Workspace) SetLang(lang string) error {
	if !w.Course.HasLanguage(lang) {
		return &LangError{Lang: lang, Choices: w.Course.LanguageNames()}
	}
	cfg := w.Config
	cfg.Lang = lang
	content, err := configText(cfg)
	if err != nil {
		return err
	}
	if err := w.replace(ConfigFile, content); err != nil {
		return err
	}
	w.Config = cfg
	return nil
}

// configText is the text of sandcastle.yaml for cfg, under a comment that
// says what the file is.
func configText(cfg Config) (string, error) {
	data, err := yaml.Marshal(cfg)
	if err != nil {
		return "", err
	}
	return "# A sandcastle workspace: the course you follow and your server's language.\n" + string(data), nil
}
