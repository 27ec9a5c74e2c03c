package lessons

import "fmt"

// resolveEdits gives every solution and mistake block with the edit flag
// its whole file: the edit applied to its base (see walkBases). It reports
// what format 1 cannot use, an edit without a base, a hunk that does not
// apply and an edit that changes nothing.
func resolveEdits(c *Course, add reportFunc) {
	walkBases(c, func(s *Step, f *FileBlock, bases baseSet) {
		if c.Format == 1 && f.Edit != nil {
			add(s, f.Line, false, "%s", needsFormat2("the edit flag"))
		}
		if c.Format == 1 && f.Error {
			add(s, f.Line, false, "%s", needsFormat2("the error flag"))
		}
		if f.Edit != nil {
			resolveEdit(c, s, f, bases, add)
		}
	})
}

// baseSet holds, per workspace language and path, the solution an edit of
// that path is applied to.
type baseSet map[string]map[string]placed

// walkBases calls visit for every solution and mistake block of the course,
// in course order, with the bases of its step: the base of a solution is the
// solution of its file at the end of the step before, of a mistake the
// solution of its file in its own step, in each workspace language. A
// step's solutions are visited, and so resolved, before its mistakes.
func walkBases(c *Course, visit func(*Step, *FileBlock, baseSet)) {
	langs := workspaceLangs(c)
	newSet := func() baseSet {
		set := baseSet{}
		for _, w := range langs {
			set[w] = map[string]placed{}
		}
		return set
	}
	before := newSet()
	for _, s := range c.steps {
		now := newSet()
		for _, f := range s.Files {
			if f.Kind != Solution {
				continue
			}
			visit(s, f, before)
			for _, w := range langs {
				if c.AppliesTo(f.Lang, w) {
					now[w][f.Path] = placed{f, s.Lesson.File}
				}
			}
		}
		for _, f := range s.Files {
			if f.Kind == Mistake {
				visit(s, f, now)
			}
		}
		for w, files := range now {
			for p, f := range files {
				before[w][p] = f
			}
		}
	}
}

// baseOf returns the base of f in bases: the same in every language f
// applies to. missing lists the languages without one; conflict is the
// second base when two languages have different ones.
func baseOf(c *Course, f *FileBlock, bases baseSet) (base placed, missing []string, conflict *placed) {
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
			return base, missing, &b
		}
	}
	return base, missing, nil
}

// resolveEdit applies f's edit to its base in bases.
func resolveEdit(c *Course, s *Step, f *FileBlock, bases baseSet, add reportFunc) {
	base, missing, conflict := baseOf(c, f, bases)
	if conflict != nil {
		add(s, f.Line, false, "this edit of %s has a different base in each language (the solutions at %s and %s); write one edit per language", f.Path, base, *conflict)
		return
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
