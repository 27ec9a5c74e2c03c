package lessons

import (
	"slices"
	"strings"
)

// lessonParser turns the sections of one lesson into its introduction and steps.
type lessonParser struct {
	r      *reporter
	lesson *Lesson
	// format is the course's format.
	format int
}

// intro reads the lesson's introduction: prose, setup and seed blocks.
func (lp *lessonParser) intro(sec section) {
	lp.walk(sec, &lp.lesson.Intro, func(b blockInfo, blk *block) {
		switch b.role {
		case roleSetup, roleSeed:
			if sb := lp.sqlBlock(b, blk); b.role == roleSetup {
				lp.lesson.Setup = append(lp.lesson.Setup, sb)
			} else {
				lp.lesson.Seed = append(lp.lesson.Seed, sb)
			}
		default:
			lp.r.errorf(blk.line, "%s belongs to a step; move it below a ## heading", b.name())
		}
	})
}

// walk adds the section's prose to md and gives each machinery block, with
// the problems of its info string reported, to use.
func (lp *lessonParser) walk(sec section, md *Markdown, use func(blockInfo, *block)) {
	for _, pt := range sec.parts {
		if pt.block == nil {
			md.addText(pt.prose)
			continue
		}
		b, problems := parseInfoIn(pt.block.info, lp.format)
		if !b.machinery() {
			md.addCode(pt.block.raw, b.lang)
			continue
		}
		md.addText("")
		for _, msg := range problems {
			lp.r.errorf(pt.block.line, "%s", msg)
		}
		if b.role == roleProse {
			lp.prose(b, pt.block, md)
			continue
		}
		use(b, pt.block)
	}
}

// stepParser follows the blocks of one step, pairing checks with expects.
type stepParser struct {
	*lessonParser
	step *Step
	// pending is the check waiting for its expect; answered the check that
	// got it, while no other machinery block has come since.
	pending, answered *Check
}

// prose adds a prose block's Markdown to md, for the learners of its
// language only.
func (lp *lessonParser) prose(b blockInfo, blk *block, md *Markdown) {
	switch {
	case lp.format < 2:
		lp.r.errorf(blk.line, "%s", needsFormat2("the prose block"))
	case b.lang == "":
		lp.r.errorf(blk.line, "a prose block is for the learners of one server language: name it first, as in ```python prose```")
	}
	md.addProse(strings.Split(strings.TrimSuffix(blk.body, "\n"), "\n"), b.lang, blk.line)
	md.addText("")
}

// step reads one step.
func (lp *lessonParser) step(sec section) *Step {
	s := &Step{Lesson: lp.lesson, Line: sec.line}
	s.Title, s.ID = stepID(sec.title, sec.line, lp.r)
	sp := &stepParser{lessonParser: lp, step: s}
	lp.walk(sec, &s.Prose, sp.block)
	sp.flush()
	if len(s.Checks) == 0 {
		lp.r.errorf(s.Line, "step %q has no check; add a ```sql check``` block followed by ```expect```", s.Title)
	}
	if len(s.Hints) == 0 {
		lp.r.warnf(s.Line, "step %q has no hint; add a ```hint``` block", s.Title)
	}
	for _, e := range s.Equivalents {
		if !slices.ContainsFunc(s.Files, func(f *FileBlock) bool { return f.Kind == Solution && f.Path == e.Path }) {
			lp.r.errorf(e.Line, "mutant block names %s, which no solution of this step writes; a mutant is of this step's solutions", e.Path)
		}
	}
	return s
}

// block places one machinery block in the step.
func (sp *stepParser) block(b blockInfo, blk *block) {
	if b.role == roleExpect {
		sp.expect(b, blk)
		return
	}
	sp.flush()
	sp.answered = nil
	s := sp.step
	switch b.role {
	case roleSetup:
		s.Setup = append(s.Setup, sp.sqlBlock(b, blk))
	case roleSeed:
		s.Seed = append(s.Seed, sp.sqlBlock(b, blk))
	case roleCheck:
		sp.pending = sp.check(b, blk)
		s.Checks = append(s.Checks, sp.pending)
	case roleHint:
		s.Hints = append(s.Hints, sp.hint(b, blk))
	case roleMutant:
		if e := sp.equivalent(b, blk); e != nil {
			s.Equivalents = append(s.Equivalents, e)
		}
	default:
		if f := sp.file(b, blk); f != nil {
			s.Files = append(s.Files, f)
		}
	}
}

// flush reports a check still waiting for its expect.
func (sp *stepParser) flush() {
	if sp.pending != nil {
		sp.r.errorf(sp.pending.Line, "check has no expect; add an ```expect``` block right after it")
		sp.pending = nil
	}
}

// expect gives an expect block to the check just before it.
func (sp *stepParser) expect(b blockInfo, blk *block) {
	e := Expect{Mode: b.mode, Body: blk.body, Line: blk.line}
	switch {
	case sp.pending != nil:
		c := sp.pending
		errs, warnings := parseExpect(c, &e)
		if e.Mode == "exact" && c.Kind == "http" && sp.format < 2 {
			errs = append(errs, blockProblem{msg: needsFormat2("expect exact")})
		}
		for _, p := range errs {
			sp.r.errorf(blk.line+p.line, "%s", p.msg)
		}
		for _, msg := range warnings {
			sp.r.warnf(blk.line, "%s", msg)
		}
		c.Expect = e
		sp.pending, sp.answered = nil, c
	case sp.answered != nil:
		sp.r.errorf(blk.line, "the check at line %d already has its expect; a check takes exactly one", sp.answered.Line)
	default:
		sp.r.errorf(blk.line, "expect block does not follow a check; put it right after the check it belongs to")
	}
}

// sqlBlock reads a setup or seed block.
func (lp *lessonParser) sqlBlock(b blockInfo, blk *block) *SQLBlock {
	if b.lang != "" && b.lang != "sql" {
		lp.r.errorf(blk.line, "a %s block holds SQL; write it as ```sql %s```", b.role, b.role)
	}
	return &SQLBlock{Body: blk.body, Line: blk.line}
}

// equivalent reads a mutant block: a mutant declared right too.
func (lp *lessonParser) equivalent(b blockInfo, blk *block) *Equivalent {
	if lp.format < 2 {
		lp.r.errorf(blk.line, "%s", needsFormat2("the mutant block"))
	}
	changed := strings.TrimSpace(blk.body)
	switch {
	case !b.hasFile:
		lp.r.errorf(blk.line, "mutant block names no file; add file=PATH, the file the mutant changes")
	case !b.hasText:
		lp.r.errorf(blk.line, "mutant block says not why the mutant is right too; add a \"WHY\"")
	case changed == "" || strings.Contains(changed, "\n"):
		lp.r.errorf(blk.line, "mutant block holds the changed line as lessons test --mutants prints it after \"mutant survives: \", on one line")
	default:
		return &Equivalent{Lang: b.lang, Path: b.file, Changed: changed, Why: b.text, Line: blk.line}
	}
	return nil
}

// hint reads a hint block.
func (lp *lessonParser) hint(b blockInfo, blk *block) *Hint {
	if strings.TrimSpace(blk.body) == "" {
		lp.r.errorf(blk.line, "hint block is empty; write the hint in it")
	}
	return &Hint{Lang: b.lang, Body: blk.body, Line: blk.line}
}
