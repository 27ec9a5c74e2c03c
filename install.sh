#!/bin/sh
# Installs sandcastle from a release, for Linux and macOS:
#
#   curl -fsSL https://raw.githubusercontent.com/sandcastle/sandcastle/main/install.sh | sh
#
# It downloads the archive for this system and the release's checksums.txt,
# checks the archive's SHA-256, and puts the sandcastle binary in
# ~/.local/bin (nothing needs root). Set, before sh:
#
#   SANDCASTLE_VERSION=v1.2.3     a release (default: the latest)
#   SANDCASTLE_INSTALL_DIR=DIR    where the binary goes (default: ~/.local/bin)
#   SANDCASTLE_BASE_URL=URL       where the release's files are (default: the
#                                 project's GitHub releases; for a mirror, or a test)
#
# On Windows, use install.ps1 in PowerShell.
set -eu

repo_url=https://github.com/sandcastle/sandcastle

say() {
	printf '%s\n' "$*"
}

fail() {
	printf 'sandcastle install: %s\n' "$*" >&2
	exit 1
}

if [ "$#" -gt 0 ]; then
	fail "no arguments expected (got $1): set SANDCASTLE_VERSION, SANDCASTLE_INSTALL_DIR or SANDCASTLE_BASE_URL instead"
fi

# The system, named as the release's archives name it.
detect_os() {
	case "$(uname -s)" in
	Linux) echo linux ;;
	Darwin) echo darwin ;;
	MINGW* | MSYS* | CYGWIN* | Windows_NT)
		fail "on Windows, install with PowerShell: irm https://raw.githubusercontent.com/sandcastle/sandcastle/main/install.ps1 | iex" ;;
	*) fail "no release for $(uname -s): build from source with go install github.com/sandcastle/sandcastle@latest" ;;
	esac
}

detect_arch() {
	arch=$(uname -m)
	# A shell under Rosetta on an Apple silicon Mac says x86_64: take the native build.
	if [ "$1" = darwin ] && [ "$arch" = x86_64 ] && [ "$(sysctl -n hw.optional.arm64 2>/dev/null || true)" = 1 ]; then
		arch=arm64
	fi
	case "$arch" in
	x86_64 | amd64) echo amd64 ;;
	aarch64 | arm64 | armv8*) echo arm64 ;;
	*) fail "no release for $1 on $arch (there are for amd64 and arm64): build from source with go install github.com/sandcastle/sandcastle@latest" ;;
	esac
}

# download URL FILE
download() {
	if command -v curl >/dev/null 2>&1; then
		curl -fsSL --retry 2 -o "$2" "$1" || fail "could not download $1"
	elif command -v wget >/dev/null 2>&1; then
		wget -q -O "$2" "$1" || fail "could not download $1"
	else
		fail "neither curl nor wget is installed: install one of them and run this again"
	fi
}

# sha256 FILE prints the file's SHA-256 in hex.
sha256() {
	if command -v sha256sum >/dev/null 2>&1; then
		sha256sum "$1" | cut -d ' ' -f 1
	elif command -v shasum >/dev/null 2>&1; then
		shasum -a 256 "$1" | cut -d ' ' -f 1
	elif command -v openssl >/dev/null 2>&1; then
		openssl dgst -sha256 -r "$1" | cut -d ' ' -f 1
	else
		fail "found no sha256sum, shasum or openssl to check the download with"
	fi
}

os=$(detect_os)
arch=$(detect_arch "$os")
archive="sandcastle_${os}_${arch}.tar.gz"

version=${SANDCASTLE_VERSION:-latest}
case "$version" in
latest) ;;
v[0-9]*) ;;
[0-9]*) version="v$version" ;;
*) fail "SANDCASTLE_VERSION=$version: not a release; write one as v1.2.3, or leave it unset for the latest" ;;
esac
case "$version" in
*[!A-Za-z0-9.+-]*) fail "SANDCASTLE_VERSION=$version: not a release; write one as v1.2.3" ;;
esac
if [ -n "${SANDCASTLE_BASE_URL:-}" ]; then
	base_url=${SANDCASTLE_BASE_URL%/}
elif [ "$version" = latest ]; then
	base_url="$repo_url/releases/latest/download"
else
	base_url="$repo_url/releases/download/$version"
fi

install_dir=${SANDCASTLE_INSTALL_DIR:-}
if [ -z "$install_dir" ]; then
	[ -n "${HOME:-}" ] || fail "HOME is not set: set SANDCASTLE_INSTALL_DIR to the folder to install into"
	install_dir="$HOME/.local/bin"
fi

tmp=$(mktemp -d 2>/dev/null || mktemp -d -t sandcastle)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

say "Downloading $archive ($version) from $base_url"
download "$base_url/$archive" "$tmp/$archive"
download "$base_url/checksums.txt" "$tmp/checksums.txt"

want=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1; exit }' "$tmp/checksums.txt")
[ -n "$want" ] || fail "checksums.txt of $base_url has no line for $archive: nothing was installed"
got=$(sha256 "$tmp/$archive")
if [ "$got" != "$want" ]; then
	fail "$archive is not the file the release published: its SHA-256 is $got, checksums.txt says $want. The download was damaged or changed on its way; nothing was installed. Try again, and if it happens again, report it at $repo_url/issues"
fi
say "Checked its SHA-256 against checksums.txt"

mkdir "$tmp/x"
tar -xzf "$tmp/$archive" -C "$tmp/x" sandcastle || fail "could not unpack $archive: nothing was installed"
[ -f "$tmp/x/sandcastle" ] || fail "$archive holds no sandcastle binary: nothing was installed"

mkdir -p "$install_dir" || fail "could not make $install_dir: set SANDCASTLE_INSTALL_DIR to a folder you can write"
# Copied beside the old binary, then renamed over it: a sandcastle running
# now keeps its file, and a failed copy leaves the old one in place.
cp "$tmp/x/sandcastle" "$install_dir/.sandcastle.new" || fail "could not write into $install_dir: set SANDCASTLE_INSTALL_DIR to a folder you can write"
chmod 755 "$install_dir/.sandcastle.new"
mv -f "$install_dir/.sandcastle.new" "$install_dir/sandcastle" || fail "could not install $install_dir/sandcastle"

installed=$("$install_dir/sandcastle" --version 2>&1) || fail "installed $install_dir/sandcastle, but it does not run: $installed"
say "Installed $installed in $install_dir/sandcastle"

case ":${PATH:-}:" in
*":$install_dir:"* | *":$install_dir/:"*)
	say "Start learning: sandcastle"
	;;
*)
	# Written as the learner would type it, with $HOME for their home.
	shown=$install_dir
	case "$install_dir" in
	"$HOME"/*) shown="\$HOME${install_dir#"$HOME"}" ;;
	esac
	say ""
	say "$install_dir is not on your PATH. To run sandcastle by name, add it:"
	case "$(basename "${SHELL:-sh}")" in
	zsh) say "  echo 'export PATH=\"$shown:\$PATH\"' >> ~/.zshrc" ;;
	bash)
		if [ "$os" = darwin ]; then
			say "  echo 'export PATH=\"$shown:\$PATH\"' >> ~/.bash_profile"
		else
			say "  echo 'export PATH=\"$shown:\$PATH\"' >> ~/.bashrc"
		fi
		;;
	fish) say "  fish_add_path $shown" ;;
	*) say "  echo 'export PATH=\"$shown:\$PATH\"' >> ~/.profile" ;;
	esac
	say "then open a new terminal and start learning: sandcastle"
	say "(until then: $install_dir/sandcastle)"
	;;
esac
