package cmd

import (
	"runtime/debug"
	"strings"
	"time"
)

// The release, its commit and its date, stamped by the release build
// (.goreleaser.yaml) with -ldflags "-X github.com/sandcastle/sandcastle/cmd.version=v1.2.3
// -X github.com/sandcastle/sandcastle/cmd.commit=abc1234 -X github.com/sandcastle/sandcastle/cmd.date=2026-12-03T10:00:00Z".
// Unstamped (go install, go build), they come from the build information.
var (
	version = ""
	commit  = ""
	date    = ""
)

// versionString is the release, or the module version the binary was built
// from, or "devel": what go install takes after @.
func versionString() string {
	info, _ := debug.ReadBuildInfo()
	return buildVersion(version, commit, date, info).version
}

// versionLine is what --version prints after "sandcastle ": the version,
// and the commit and date it was built from when they are known, as in
// "v1.2.3 (commit abc1234, built 2026-12-03)".
func versionLine() string {
	info, _ := debug.ReadBuildInfo()
	return buildVersion(version, commit, date, info).String()
}

// built is the version, commit and date of a binary.
type built struct {
	version string
	commit  string // abbreviated, with "-dirty" when built with uncommitted changes
	date    string // YYYY-MM-DD
}

// buildVersion takes what the release build stamped, and what it did not
// from info (nil when the binary has none): the module's version (go install
// module@version), and the commit and its time that go build records in a
// checkout (vcs.revision, vcs.time, vcs.modified).
func buildVersion(version, commit, date string, info *debug.BuildInfo) built {
	b := built{version: version, commit: commit, date: date}
	if info != nil {
		if b.version == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			b.version = info.Main.Version
		}
		var dirty bool
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				if b.commit == "" {
					b.commit = s.Value
				}
			case "vcs.time":
				if b.date == "" {
					b.date = s.Value
				}
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if dirty && commit == "" && b.commit != "" {
			b.commit = shortCommit(b.commit) + "-dirty"
		}
	}
	if b.version == "" {
		b.version = "devel"
	}
	b.commit = shortCommit(b.commit)
	if t, err := time.Parse(time.RFC3339, b.date); err == nil {
		b.date = t.UTC().Format(time.DateOnly)
	}
	return b
}

// shortCommit abbreviates a full commit hash (SHA-1 or SHA-256) to 7
// characters, as git does.
func shortCommit(c string) string {
	if len(c) >= 40 {
		return c[:7]
	}
	return c
}

func (b built) String() string {
	var about []string
	if b.commit != "" {
		about = append(about, "commit "+b.commit)
	}
	if b.date != "" {
		about = append(about, "built "+b.date)
	}
	if len(about) == 0 {
		return b.version
	}
	return b.version + " (" + strings.Join(about, ", ") + ")"
}
