#!/bin/bash
# Time `sandcastle check` of honest steps and `grade` of a class, two binaries
# paired in one run (issue 10's "no slower than today"):
#
#     docs/check_timing.sh BASE NEW [SCRATCH]
#
# BASE and NEW are sandcastle binaries (say, `git worktree add /tmp/base f4187c4
# && go -C /tmp/base build -o /tmp/base/sandcastle .` and `go build -o
# /tmp/new/sandcastle .`). Each gets its own scratch folder with: the step of
# testdata/courses/bench with its solution (five SQL checks); the step of
# testdata/courses/web with the solutions of testdata/script/web_python.txtar
# and web_go.txtar (a server, one POST, one SQL check); and a class of ten
# copies of the Python workspace. RUNS and GRUNS set hyperfine's runs.
set -euo pipefail
BASE=$1 NEW=$2 SCRATCH=${3:-/tmp/check-timing}
SRC=$(cd "$(dirname "$0")/.." && pwd)

setup() { # setup BIN DIR
	local bin=$1 d=$2
	rm -rf "$d" && mkdir -p "$d" && cd "$d"
	export XDG_CONFIG_HOME=$d/config XDG_DATA_HOME=$d/data
	cp -r "$SRC/testdata/courses/web" "$SRC/testdata/courses/bench" .
	"$bin" init sql --course ./bench >/dev/null
	sed -n 2p bench/bench.sql >sql/schema.sql
	for lang in python go; do
		"$bin" init $lang --course ./web --lang $lang >/dev/null
		(cd $lang && "$bin" trust >/dev/null 2>&1 || true) # a binary without trust runs it anyway
	done
	awk '/^-- solution --$/{f=1;next} /^-- /{f=0} f' "$SRC/testdata/script/web_python.txtar" >python/server/app.py
	awk '/^-- solution --$/{f=1;next} /^-- /{f=0} f' "$SRC/testdata/script/web_go.txtar" >go/server/main.go
	mkdir class
	for i in $(seq 1 10); do cp -r python class/py$i && rm -rf class/py$i/.sandcastle; done
	(cd go && "$bin" check >/dev/null) # the Go server's first build
}
setup "$BASE" "$SCRATCH/base"
setup "$NEW" "$SCRATCH/new"
for w in sql python go; do
	hyperfine -N -w 3 -r "${RUNS:-40}" \
		-n "base $w" "env XDG_CONFIG_HOME=$SCRATCH/base/config $BASE -C $SCRATCH/base/$w check" \
		-n "new $w" "env XDG_CONFIG_HOME=$SCRATCH/new/config $NEW -C $SCRATCH/new/$w check"
done
hyperfine -N -w 1 -r "${GRUNS:-10}" \
	-n "base grade" "$BASE grade --course $SCRATCH/base/web $(echo "$SCRATCH"/base/class/py{1..10})" \
	-n "new grade" "$NEW grade --course $SCRATCH/new/web $(echo "$SCRATCH"/new/class/py{1..10})"
