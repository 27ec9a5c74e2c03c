package check

import "fmt"

// trustHow says how to let a course's code run: the last line of every
// refusal.
const trustHow = "If you trust its author, run `sandcastle trust`, which first lists what it will run."

// distrust is why the course's code does not run, leading a refusal.
func distrust(opts Options) string {
	if opts.Distrust != "" {
		return opts.Distrust
	}
	return "This course is not trusted"
}

// UntrustedError is a step that starts the learner's server refused because
// the course is not trusted: the server command is the course's, and it
// runs files the course wrote (a starter's `json.py` is what `import json`
// finds), so none of it runs before the learner trusts the course.
type UntrustedError struct {
	// Why says why the course is not trusted.
	Why string
	// Command is the course's server command.
	Command string
}

func (e *UntrustedError) Error() string {
	return fmt.Sprintf("%s, and this step starts your server with the course's command (`%s`), "+
		"which runs code the course wrote into your workspace (its starter and helper files): "+
		"sandcastle runs none of a course's code before you trust it.\n%s",
		e.Why, e.Command, trustHow)
}

// shRefused is the message of an sh check of a course that is not trusted.
func shRefused(opts Options) string {
	return distrust(opts) + ", so sandcastle does not run its sh checks.\n" + trustHow
}
