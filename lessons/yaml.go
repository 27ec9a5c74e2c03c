package lessons

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// decodeYAML parses text and returns the content of its first document, or
// nil for an empty document. A panic inside the YAML parser becomes an error.
func decodeYAML(text string) (root *yaml.Node, err error) {
	defer func() {
		if v := recover(); v != nil {
			root, err = nil, fmt.Errorf("yaml: %v", v)
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, nil
	}
	return deref(doc.Content[0]), nil
}

// yamlError splits a YAML error into the line it names (0 when it names
// none) and its message without the "yaml: line N:" prefix.
func yamlError(err error) (line int, msg string) {
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		num, after, found := strings.Cut(rest, ":")
		if n, convErr := strconv.Atoi(num); found && convErr == nil {
			line, msg = n, strings.TrimSpace(after)
		}
	}
	// go-yaml names the line before the problem for the "did not find
	// expected ..." errors of its parser (it counts that line from 0).
	if line > 0 && strings.HasPrefix(msg, "did not find expected") {
		line++
	}
	return line, msg
}

// deref follows aliases to the node they name.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 16; i++ {
		n = n.Alias
	}
	return n
}

// scalarText returns the text of a scalar node ("" for null) and whether the
// node is a scalar at all.
func scalarText(n *yaml.Node) (string, bool) {
	n = deref(n)
	if n == nil || n.Kind != yaml.ScalarNode {
		return "", false
	}
	if n.Tag == "!!null" {
		return "", true
	}
	return n.Value, true
}

// yamlField is one key of a YAML mapping.
type yamlField struct {
	key   string
	line  int
	value *yaml.Node
}

// mappingFields returns the keys of a mapping node in the order written,
// reporting a key given twice at the line lineOf gives for it and keeping the first.
func mappingFields(n *yaml.Node, r *reporter, lineOf func(*yaml.Node) int) []yamlField {
	var fields []yamlField
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := deref(n.Content[i])
		key, _ := scalarText(k)
		if seen[key] {
			r.errorf(lineOf(k), "key %q is given twice; keep one", key)
			continue
		}
		seen[key] = true
		fields = append(fields, yamlField{key: key, line: lineOf(k), value: n.Content[i+1]})
	}
	return fields
}

// unknownKey reports a key that is not one of known as a warning, naming the
// nearest known key when one is close.
func unknownKey(r *reporter, f yamlField, known []string, where string) {
	if hint := didYouMean(f.key, known, 2); hint != "" {
		r.warnf(f.line, "unknown key %q%s", f.key, hint)
		return
	}
	r.warnf(f.line, "unknown key %q; %s takes %s", f.key, where, wordList(known, "and"))
}

// wordList joins words as "a, b and c".
func wordList(words []string, conj string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}

// ValidID reports whether id may be the id of a course, a lesson or a step:
// lowercase ASCII letters, digits and '-', at least one of them.
func ValidID(id string) bool {
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return id != ""
}
