package lessons

import (
	"embed"
	"io/fs"
)

//go:embed template
var template embed.FS

// Template returns the files that `sandcastle lessons new` starts a course
// from: a small course that uses every kind of block of the format, with
// comments that explain each one to its author. A file whose name ends in
// .tmpl is a text/template that takes .ID and .Title (course.yaml.tmpl
// becomes course.yaml); the other files are copied as they are.
func Template() fs.FS {
	sub, err := fs.Sub(template, "template")
	if err != nil {
		panic(err) // cannot happen: the folder is embedded above
	}
	return sub
}
