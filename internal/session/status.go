package session

// Status is what is recorded about the workspace's course, as
// `sandcastle status --json` prints it.
type Status struct {
	Course    string `json:"course"`
	Title     string `json:"title"`
	Workspace string `json:"workspace"`
	Lang      string `json:"lang"`
	// Version is the course's version, and MadeWith the one the workspace
	// was made with; either is "" when the course had none.
	Version  string   `json:"version,omitempty"`
	MadeWith string   `json:"made_with_version,omitempty"`
	Current  string   `json:"current"`
	Passed   []string `json:"passed"`
	// CaughtUp are the steps whose files were filled with the course's
	// answers (CatchUp) and that have not passed since: never passed.
	CaughtUp  []string       `json:"caught_up"`
	Steps     int            `json:"steps"`
	Hints     map[string]int `json:"hints"`
	Solutions []string       `json:"solutions"`
	// Trusted is whether the course's code may run (always, for the
	// built-in course).
	Trusted bool `json:"trusted"`
}

// Status reads the recorded progress; it runs no check.
func (s *Session) Status() Status {
	st := Status{
		Course: s.Course.ID, Title: s.Course.Title, Workspace: s.WS.Root, Lang: s.Lang(),
		Current: s.Current().FullID(), Steps: len(s.Course.Steps()),
		Passed: []string{}, CaughtUp: []string{}, Hints: map[string]int{}, Solutions: []string{},
		Trusted: s.trusted.OK(), Version: s.Course.Release, MadeWith: s.WS.Config.CourseVersion,
	}
	for _, step := range s.Course.Steps() {
		sp := s.Progress.Steps[step.FullID()]
		if sp.Passed {
			st.Passed = append(st.Passed, step.FullID())
		}
		if sp.CaughtUp && !sp.Passed {
			st.CaughtUp = append(st.CaughtUp, step.FullID())
		}
		if sp.HintsSeen > 0 {
			st.Hints[step.FullID()] = sp.HintsSeen
		}
		if sp.SolutionSeen {
			st.Solutions = append(st.Solutions, step.FullID())
		}
	}
	return st
}

// HintsUsed counts the hints seen over the whole course.
func (st Status) HintsUsed() int {
	n := 0
	for _, h := range st.Hints {
		n += h
	}
	return n
}
