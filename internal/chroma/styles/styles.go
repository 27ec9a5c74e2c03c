// Package styles is the registry of chroma styles, as glamour uses it.
//
// Unlike chroma's, it starts empty: chroma parses some seventy embedded XML
// styles when the package initialises, which is most of its start-up cost.
// Glamour registers the style it highlights with (from its own style sheet)
// before it highlights; a style named by a glamour theme but never
// registered ("monokai", say) is not found, and quick.Highlight then writes
// the code without colour.
package styles

import "github.com/alecthomas/chroma/v2"

// Registry of styles by name. It is nil until the first Register, so that
// not even an empty map is made when the package initialises.
var Registry map[string]*chroma.Style

// Register adds style to the Registry, replacing any of the same name.
func Register(style *chroma.Style) *chroma.Style {
	if Registry == nil {
		Registry = map[string]*chroma.Style{}
	}
	Registry[style.Name] = style
	return style
}

// Get returns the named style, or nil if there is none.
func Get(name string) *chroma.Style {
	return Registry[name]
}
