#!/bin/sh
# tests/run-all.sh - runs every test of hamdel and prints one closing line.
#
# `make test` calls it with the build directory. It runs each cmocka binary
# in BUILD/tests (they walk the data files under tests/ themselves) and then
# the command-line cases in tests/cli (tests/cli/run.sh). HAMDEL_WRAP, when
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

if [ -x tests/cli/run.sh ] || [ -f tests/cli/run.sh ]; then
    out=$(sh tests/cli/run.sh "$BUILD" 2>&1); rc=$?
    p=$(printf '%s\n' "$out" | sed -n 's/^cli: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
    f=$(printf '%s\n' "$out" | sed -n 's/^cli: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
    p=${p:-0}; f=${f:-0}
    if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p)); failed=$((failed + f))
    [ "$f" -ne 0 ] && { suites_failed="$suites_failed cli"; printf '%s\n' "$out" | grep -v '^ok ' >&2; }
    printf '%-28s %4d passed, %d failed\n' "cli" "$p" "$f"
fi

# The end-to-end REPL tests drive the real program in tmux (tests/tmux).
if [ -f tests/tmux/run.sh ]; then
    out=$(sh tests/tmux/run.sh "$BUILD" 2>&1); rc=$?
    p=$(printf '%s\n' "$out" | sed -n 's/^tmux: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
    f=$(printf '%s\n' "$out" | sed -n 's/^tmux: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
    p=${p:-0}; f=${f:-0}
    if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p)); failed=$((failed + f))
    [ "$f" -ne 0 ] && { suites_failed="$suites_failed tmux"; printf '%s\n' "$out" | grep -v '^ok ' >&2; }
    printf '%-28s %4d passed, %d failed\n' "tmux" "$p" "$f"
fi

[ -n "$suites_failed" ] && echo "failing:$suites_failed" >&2
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
