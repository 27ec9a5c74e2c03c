package cmd

import (
	"runtime/debug"
	"testing"
)

// TestBuildVersion: what --version prints, and the version lessons workflow
// pins, from a release build's stamps or from the build information of
// go install and go build.
func TestBuildVersion(t *testing.T) {
	const rev = "0123456789abcdef0123456789abcdef01234567"
	settings := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	for _, tc := range []struct {
		name                  string
		version, commit, date string
		info                  *debug.BuildInfo
		wantLine, wantVersion string
	}{
		{name: "a release build, stamped", version: "v1.2.3", commit: "abc1234", date: "2026-12-03T10:11:12Z",
			info:     &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}},
			wantLine: "v1.2.3 (commit abc1234, built 2026-12-03)", wantVersion: "v1.2.3"},
		{name: "stamps win over the build information", version: "v1.2.3", commit: "abc1234", date: "2026-12-03T23:30:00-02:00",
			info:     &debug.BuildInfo{Main: debug.Module{Version: "v9.9.9"}, Settings: settings("vcs.revision", rev, "vcs.time", "2020-01-01T00:00:00Z", "vcs.modified", "true")},
			wantLine: "v1.2.3 (commit abc1234, built 2026-12-04)", wantVersion: "v1.2.3"},
		{name: "go install module@version", info: &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}},
			wantLine: "v1.2.3", wantVersion: "v1.2.3"},
		{name: "go install module@commit", info: &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261203101112-0123456789ab"}},
			wantLine: "v0.0.0-20261203101112-0123456789ab", wantVersion: "v0.0.0-20261203101112-0123456789ab"},
		{name: "go build in a checkout", info: &debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: settings("vcs.revision", rev, "vcs.time", "2026-12-03T10:11:12Z", "vcs.modified", "false")},
			wantLine: "devel (commit 0123456, built 2026-12-03)", wantVersion: "devel"},
		{name: "go build with uncommitted changes", info: &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261203101112-0123456789ab+dirty"},
			Settings: settings("vcs.revision", rev, "vcs.time", "2026-12-03T10:11:12Z", "vcs.modified", "true")},
			wantLine: "v0.0.0-20261203101112-0123456789ab+dirty (commit 0123456-dirty, built 2026-12-03)", wantVersion: "v0.0.0-20261203101112-0123456789ab+dirty"},
		{name: "no build information", wantLine: "devel", wantVersion: "devel"},
		{name: "a date that is not RFC 3339 is shown as stamped", version: "v1.2.3", date: "yesterday",
			wantLine: "v1.2.3 (built yesterday)", wantVersion: "v1.2.3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := buildVersion(tc.version, tc.commit, tc.date, tc.info)
			if got := b.String(); got != tc.wantLine {
				t.Errorf("--version: got %q, want %q", got, tc.wantLine)
			}
			if b.version != tc.wantVersion {
				t.Errorf("version: got %q, want %q", b.version, tc.wantVersion)
			}
		})
	}
}
