#!/bin/sh
# tests/run-all.sh - runs every test of hamdel and prints one closing line.
#
# `make test` calls it with the build directory. It runs each cmocka binary
# in BUILD/tests (they walk the data files under tests/ themselves) and then
# the script suites tests/cli/run.sh, tests/hostile/run.sh,
# tests/durable/run.sh, tests/tmux/run.sh and tests/render/run.sh.
# HAMDEL_WRAP, when
# set, prefixes every command (make valgrind uses it). The last line is the
# "N passed, N failed" summary CI reads; the exit status is 1 on any failure.
set -u
BUILD=${1:-build}
export HAMDEL_BIN="$BUILD/hamdel"
export HAMDEL_HOME="${TMPDIR:-/tmp}/hamdel-test-home.$$"
export NO_COLOR=1 LC_ALL=C.UTF-8
mkdir -p "$HAMDEL_HOME"
trap 'rm -rf "$HAMDEL_HOME"' EXIT INT TERM
passed=0 failed=0 suites_failed=""

for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    out=$(${HAMDEL_WRAP:-} "$t" 2>&1); rc=$?
    p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
    f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
    if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p)); failed=$((failed + f))
    if [ "$f" -ne 0 ]; then
        suites_failed="$suites_failed $name"
        printf '%s\n' "$out" | grep -v '^\[ \(RUN\|       OK\) ' >&2
    fi
    printf '%-28s %4d passed, %d failed\n' "$name" "$p" "$f"
done

# A script suite (tests/NAME/run.sh) ends with "NAME: N passed, M failed".
run_suite() { # $1 = name
    [ -f "tests/$1/run.sh" ] || return 0
    out=$(sh "tests/$1/run.sh" "$BUILD" 2>&1); rc=$?
    p=$(printf '%s\n' "$out" | sed -n "s/^$1: \([0-9]*\) passed, \([0-9]*\) failed\$/\1/p")
    f=$(printf '%s\n' "$out" | sed -n "s/^$1: \([0-9]*\) passed, \([0-9]*\) failed\$/\2/p")
    p=${p:-0}; f=${f:-0}
    if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p)); failed=$((failed + f))
    [ "$f" -ne 0 ] && { suites_failed="$suites_failed $1"; printf '%s\n' "$out" | grep -v '^ok ' >&2; }
    printf '%-28s %4d passed, %d failed\n' "$1" "$p" "$f"
}

run_suite cli
# The hostile-input catalogue (tests/hostile/README.md), same runner.
run_suite hostile
# play and workshop stopped after N turns (signals, a closed terminal).
run_suite durable
# The end-to-end REPL tests drive the real program in tmux.
run_suite tmux
# The HTML report rendered in headless Chromium (skipped without it).
run_suite render

[ -n "$suites_failed" ] && echo "failing:$suites_failed" >&2
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
