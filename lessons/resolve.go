package lessons

import "fmt"

// resolveEdits gives every solution and mistake block with the edit flag
// its whole file: the edit applied to its base. The base of a solution is
// the solution of its file at the end of the step before, of a mistake the
// solution of its file in its own step, in each workspace language the
// block applies to. It reports what format 1 cannot use, an edit without a
// base, a hunk that does not apply and an edit that changes nothing.
func resolveEdits(c *Course, add reportFunc) {
	langs := workspaceLangs(c)
	before := map[string]map[string]placed{} // language -> path -> solution at the end of the step before
	for _, w := range langs {
		before[w] = map[string]placed{}
	}
	for _, s := range c.steps {
		for _, f := range s.Files {
			if c.Format == 1 && f.Edit != nil {
				add(s, f.Line, false, "%s", needsFormat2("the edit flag"))
			}
			if c.Format == 1 && f.Error {
				add(s, f.Line, false, "%s", needsFormat2("the error flag"))
			}
		}
		now := map[string]map[string]placed{}
		for _, w := range langs {
			now[w] = map[string]placed{}
		}
		for _, f := range s.Files {
			if f.Kind != Solution {
				continue
			}
			resolveEdit(c, s, f, before, add)
			for _, w := range langs {
				if c.AppliesTo(f.Lang, w) {
					now[w][f.Path] = placed{f, s.Lesson.File}
				}
			}
		}
		for _, f := range s.Files {
			if f.Kind == Mistake {
				resolveEdit(c, s, f, now, add)
			}
		}
		for w, files := range now {
			for p, f := range files {
				before[w][p] = f
			}
		}
	}
}

// resolveEdit applies f's edit to its base in bases, one per language.
func resolveEdit(c *Course, s *Step, f *FileBlock, bases map[string]map[string]placed, add reportFunc) {
	if f.Edit == nil {
		return
	}
	var base placed
	var missing []string
	for _, w := range workspaceLangs(c) {
		if !c.AppliesTo(f.Lang, w) {
			continue
		}
		b, ok := bases[w][f.Path]
		switch {
		case !ok:
			missing = append(missing, w)
		case base.block == nil:
			base = b
		case b.block.Content != base.block.Content:
			add(s, f.Line, false, "this edit of %s has a different base in each language (the solutions at %s and %s); write one edit per language", f.Path, base, b)
			return
		}
	}
	if len(missing) > 0 {
		where := "in an earlier step"
		if f.Kind == Mistake {
			where = "in this step"
		}
		add(s, f.Line, false, "edit has no base: no solution of %s %s%s to edit; write the whole file, without edit",
			f.Path, where, forLangs(c, f, missing))
		f.Content = ""
		return
	}
	content, err := f.Edit.Apply(base.block.Content)
	if err != nil {
		add(s, err.Line, false, "%s (the base: the solution of %s at %s)", err.Message, f.Path, base)
		f.Content = base.block.Content
		return
	}
	if content == base.block.Content {
		add(s, f.Line, false, "edit changes nothing in %s; %s", f.Path, map[FileKind]string{
			Solution: "remove the block, or make the change it should make",
			Mistake:  "a mistake must differ from the solution",
		}[f.Kind])
	}
	f.Content = content
}

// placed is a solution block and the lesson file it is written in.
type placed struct {
	block *FileBlock
	file  string
}

func (p placed) String() string { return fmt.Sprintf("%s:%d", p.file, p.block.Line) }
