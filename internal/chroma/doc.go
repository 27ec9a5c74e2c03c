// Package chroma is a small stand-in for github.com/alecthomas/chroma/v2,
// used through a replace directive in sandcastle's go.mod.
//
// It provides only the API that github.com/charmbracelet/glamour uses to
// highlight code blocks: the token types, StyleEntries, NewStyle and
// MustNewStyle here, styles.Registry and styles.Register, and
// quick.Highlight with the terminal formatters.
//
// It exists for start-up time. The real chroma compiles hundreds of lexers
// and parses dozens of styles while its packages initialise, about 11 ms and
// 4 MB on every start of the process, whether or not anything is ever
// highlighted (see docs/performance.md). Nothing in this module does work
// when its packages initialise: keywords are switch statements, colour
// tables are computed when asked for, and styles are built only when glamour
// registers one.
//
// quick.Highlight tokenises a few languages by hand (sql, go, python, sh,
// http and json; anything else is plain text) instead of chroma's
// hundreds of regular-expression lexers.
package chroma
