package lessons

import (
	"strings"
	"unicode/utf8"
)

// toolNames are the names, of folders or of files, that a tool on the
// learner's machine reads as its own: version control (git runs hooks and
// commands from .git/config, Mercurial from .hg/hgrc), a forge's CI (run on
// the learner's next push, with their secrets), editors (VS Code runs tasks
// from .vscode when the folder opens), shell and tool managers (direnv runs
// .envrc on cd), git hook managers, package managers that run code from
// their settings, and the files of a home folder (a workspace may be one).
// A course's file= never names one, in any part of its path. Keys are
// lowercase: macOS and Windows compare names without case.
var toolNames = map[string]string{
	// Version control.
	".git": "git", ".gitmodules": "git", ".gitattributes": "git", ".lfsconfig": "Git LFS",
	".hg": "Mercurial", ".svn": "Subversion", ".bzr": "Bazaar", ".jj": "Jujutsu", ".pijul": "Pijul",
	"_darcs": "Darcs", ".fslckout": "Fossil", "_fossil_": "Fossil", ".fossil-settings": "Fossil",
	// Forges and CI.
	".github": "GitHub", ".gitlab": "GitLab", ".gitlab-ci.yml": "GitLab CI", ".gitea": "Gitea",
	".forgejo": "Forgejo", ".circleci": "CircleCI", ".travis.yml": "Travis CI", ".drone.yml": "Drone",
	".woodpecker": "Woodpecker", ".woodpecker.yml": "Woodpecker", ".buildkite": "Buildkite",
	"bitbucket-pipelines.yml": "Bitbucket Pipelines", "azure-pipelines.yml": "Azure Pipelines",
	".azure-pipelines": "Azure Pipelines", ".cirrus.yml": "Cirrus CI", "appveyor.yml": "AppVeyor",
	".appveyor.yml": "AppVeyor", "jenkinsfile": "Jenkins",
	// Editors and IDEs.
	".vscode": "VS Code", ".idea": "JetBrains IDEs", ".fleet": "Fleet", ".zed": "Zed",
	".vs": "Visual Studio", ".devcontainer": "Dev Containers", ".devcontainer.json": "Dev Containers",
	".helix": "Helix", ".nvim.lua": "Neovim", ".nvimrc": "Neovim", ".exrc": "Vim", ".theia": "Theia",
	// Shell environments and tool managers.
	".envrc": "direnv", ".direnv": "direnv", ".tool-versions": "asdf", ".mise": "mise",
	".rtx.toml": "rtx", ".config": "many tools", ".local": "many tools",
	// Git hook managers.
	".husky": "Husky", ".pre-commit-config.yaml": "pre-commit", "lefthook.yml": "Lefthook",
	".lefthook.yml": "Lefthook", "lefthook-local.yml": "Lefthook", ".lefthook": "Lefthook",
	".overcommit.yml": "Overcommit",
	// Package managers that run code their settings name.
	".npmrc": "npm", ".yarnrc": "Yarn", ".yarnrc.yml": "Yarn", ".yarn": "Yarn",
	".pnpmfile.cjs": "pnpm", ".cargo": "Cargo",
	// A home folder's own files.
	".ssh": "SSH", ".gnupg": "GnuPG", ".gitconfig": "git", ".netrc": "many tools",
	".profile": "the shell", ".bashrc": "bash", ".bash_profile": "bash", ".bash_login": "bash",
	".bash_logout": "bash", ".zshrc": "zsh", ".zshenv": "zsh", ".zprofile": "zsh", ".zlogin": "zsh",
}

// ToolPart is the part of a workspace path that is not the learner's: a
// tool's folder or file, or a name Windows may read as another.
type ToolPart struct {
	// Part is the path's part, as written.
	Part string
	// Tool is who reads Part as its own ("git", "VS Code"); "" for a
	// Windows short name.
	Tool string
	// Folder is set when Part is a folder of the path, not its last name.
	Folder bool
}

// ToolPath finds the first part of p, a slash-separated path relative to a
// workspace, that a tool reads as its own (see toolNames), comparing as
// macOS and Windows do: without case, without the characters macOS ignores
// in names, the dots and spaces Windows drops at their end, or an NTFS
// stream (".git::$INDEX_ALLOCATION" is .git). A short name such as GIT~1,
// which Windows may resolve to .git, is reported too. ok is false when p is
// the learner's.
func ToolPath(p string) (t ToolPart, ok bool) {
	parts := strings.Split(p, "/")
	for i, part := range parts {
		name := comparedName(part)
		t = ToolPart{Part: part, Folder: i < len(parts)-1}
		if tool, found := toolNames[name]; found {
			t.Tool = tool
			return t, true
		}
		if isMiseFile(name) {
			t.Tool = "mise"
			return t, true
		}
		if isShortName(name) {
			return t, true
		}
	}
	return ToolPart{}, false
}

// Why says why a course may not write the path ToolPath found t in, and
// what to do.
func (t ToolPart) Why() string {
	switch {
	case t.Tool == "":
		return "names " + t.Part + ", which Windows may read as a short name for another folder (such as .git); give its long name"
	case t.Folder:
		return "is inside " + t.Part + ", " + t.Tool + "'s own folder; a course never writes there: choose another path"
	}
	return "is " + t.Tool + "'s own file; a course never writes it: choose another path"
}

// comparedName is a path's part as macOS and Windows compare it.
func comparedName(part string) string {
	if i := strings.IndexByte(part, ':'); i >= 0 {
		part = part[:i]
	}
	part = strings.Map(func(r rune) rune {
		if ignoredInNames(r) {
			return -1
		}
		return r
	}, part)
	return strings.ToLower(strings.TrimRight(part, ". "))
}

// ignoredInNames reports whether HFS+ leaves r out when it compares names,
// so that ".g\u200cit" is .git there.
func ignoredInNames(r rune) bool {
	return r >= 0x200c && r <= 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x206a && r <= 0x206f || r == 0xfeff
}

// isMiseFile reports whether name is one of mise's settings files:
// mise.toml, .mise.toml, mise.local.toml, .mise.production.toml, ...
func isMiseFile(name string) bool {
	rest, ok := strings.CutPrefix(strings.TrimPrefix(name, "."), "mise")
	return ok && strings.HasSuffix(rest, ".toml") && strings.HasPrefix(rest, ".")
}

// isShortName reports whether name has the shape of a Windows 8.3 short
// name (GIT~1, GITHUB~2.YML): up to six characters, ~ and a number.
func isShortName(name string) bool {
	base, _, _ := strings.Cut(name, ".")
	stem, num, ok := strings.Cut(base, "~")
	if !ok || stem == "" || utf8.RuneCountInString(stem) > 6 || num == "" || len(num) > 6 || num[0] == '0' {
		return false
	}
	return strings.Trim(num, "0123456789") == ""
}
