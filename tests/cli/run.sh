#!/bin/sh
# tests/cli/run.sh BUILD - data-driven tests of the hamdel command line.
#
# Each file tests/cli/cases/NAME.case is one case: a small shell fragment,
# sourced in a subshell inside a fresh temporary directory, that sets
# (all optional except args):
#   args='score --reply "hi"'   arguments, shell-quoted (eval'd)
#   stdin_text='...'            text fed to stdin (printf %s)
#   stdin_cmd='printf ...'      a command whose output is fed to stdin
#                               (for NULs or generated megabytes)
#   stdin_file=NAME             a file next to the case (cases/NAME)
#   stdout_to=/dev/full         where stdout goes instead of a capture file
#   tty=1                       run under script(1) so stdout is a terminal
#                               (the case is skipped without script);
#                               stdin_text is then typed at that terminal
#                               (end each line with \r, as Enter does)
#   exit=0                      the expected exit status ("0 65" = either)
#   out_has / err_has           lines that stdout / stderr must contain
#   out_lacks / err_lacks       lines that must not appear
#   out_re / err_re             extended regexes (one a line) that must match
#   lines=N                     stdout must have exactly N lines
#   json=1                      every stdout line must be valid JSON
#   case_setup() { ...; }       run first, in the temporary directory
#   case_check() { ...; }       run last; a non-zero status fails the case;
#                               it sees the files out, err and $rc
# Without stdin_* the command reads /dev/null. The runner prints "ok NAME"
# or "FAIL NAME: why" per case and ends with "cli: N passed, M failed";
# the exit status is 1 when any case failed. HAMDEL_WRAP (e.g. valgrind)
# prefixes every hamdel command; CLI_ONLY=TEXT runs only the cases whose
# file name contains TEXT. Only POSIX sh, awk, grep and sed are used.
set -u
BUILD=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
cases="$here/cases"
bin=${HAMDEL_BIN:-$BUILD/hamdel}
case $bin in /*) ;; *) bin="$(pwd)/$bin" ;; esac
HAMDEL="$bin"
export HAMDEL
[ -x "$HAMDEL" ] || { echo "FAIL setup: no executable $HAMDEL"; echo "cli: 0 passed, 1 failed"; exit 1; }


# Each line of $1 must (mode has) / must not (lacks) occur in file $2.
check_lines() { # mode list file label
    printf '%s\n' "$2" | while IFS= read -r pat; do
        [ -n "$pat" ] || continue
        if [ "$1" = has ] && ! grep -qF -- "$pat" "$3"; then
            echo "$4 lacks '$pat'"; return 1
        elif [ "$1" = lacks ] && grep -qF -- "$pat" "$3"; then
            echo "$4 has '$pat'"; return 1
        elif [ "$1" = re ] && ! grep -qE -- "$pat" "$3"; then
            echo "$4 does not match /$pat/"; return 1
        fi
    done
}

# Runs hamdel as the case asks; sets rc. stdout -> out (or stdout_to).
run_hamdel() {
    to=${stdout_to:-out}
    if [ -n "${tty:-}" ]; then
        # script(1) gives hamdel a terminal; its own output is the capture.
        printf '%s\n' "${HAMDEL_WRAP:-} \"\$HAMDEL\" $args" > cmd.sh
        if [ -n "${stdin_text+set}" ]; then
            printf '%s' "$stdin_text" | script -qec "sh cmd.sh 2>err" /dev/null > out; rc=$?
        else
            script -qec "sh cmd.sh 2>err" /dev/null > out < /dev/null; rc=$?
        fi
        return
    fi
    if [ -n "${stdin_cmd:-}" ]; then
        sh -c "$stdin_cmd" | eval "${HAMDEL_WRAP:-} \"\$HAMDEL\" $args" > "$to" 2> err
        rc=$?
    elif [ -n "${stdin_text+set}" ]; then
        printf '%s' "$stdin_text" | eval "${HAMDEL_WRAP:-} \"\$HAMDEL\" $args" > "$to" 2> err
        rc=$?
    elif [ -n "${stdin_file:-}" ]; then
        eval "${HAMDEL_WRAP:-} \"\$HAMDEL\" $args" < "$cases/$stdin_file" > "$to" 2> err
        rc=$?
    else
        eval "${HAMDEL_WRAP:-} \"\$HAMDEL\" $args" < /dev/null > "$to" 2> err
        rc=$?
    fi
    [ -f out ] || : > out
}

# The checks, in order; prints the first failure and returns 1.
verify() {
    ok_rc=0
    for want in ${exit:-0}; do [ "$rc" = "$want" ] && ok_rc=1; done
    [ $ok_rc = 1 ] || { echo "exit $rc, expected ${exit:-0} (stderr: $(head -c 300 err | tr '\n' ' '))"; return 1; }
    check_lines has "${out_has:-}" out stdout || return 1
    check_lines lacks "${out_lacks:-}" out stdout || return 1
    check_lines re "${out_re:-}" out stdout || return 1
    check_lines has "${err_has:-}" err stderr || return 1
    check_lines lacks "${err_lacks:-}" err stderr || return 1
    check_lines re "${err_re:-}" err stderr || return 1
    if [ -n "${lines:-}" ]; then
        got=$(wc -l < out | tr -d ' ')
        [ "$got" = "$lines" ] || { echo "stdout has $got lines, expected $lines"; return 1; }
    fi
    if [ -n "${json:-}" ]; then
        bad=$(awk -f "$here/json-check.awk" out | head -3 | tr '\n' ' ')
        [ -z "$bad" ] || { echo "invalid JSON on stdout line(s) $bad"; return 1; }
        [ -s out ] || { echo "no JSON on stdout"; return 1; }
    fi
    if command -v case_check > /dev/null 2>&1; then
        why=$(case_check 2>&1) || { echo "check failed: $why"; return 1; }
    fi
    return 0
}

run_case() { # file -> prints one result line; status 0 ok, 1 fail
    name=$(basename "$1" .case)
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/hamdel-cli.XXXXXX") || return 1
    (
        cd "$tmp" || exit 1
        . "$1"
        if [ -n "${tty:-}" ] && ! command -v script > /dev/null 2>&1; then
            echo "ok $name # skip: no script(1)"; exit 0
        fi
        if command -v case_setup > /dev/null 2>&1; then
            case_setup || { echo "FAIL $name: setup failed"; exit 1; }
        fi
        run_hamdel
        why=$(verify) && { echo "ok $name"; exit 0; }
        echo "FAIL $name: $why"; exit 1
    )
    st=$?
    rm -rf "$tmp"
    return $st
}

passed=0 failed=0
for f in "$cases"/*.case; do
    [ -f "$f" ] || continue
    case $(basename "$f") in *"${CLI_ONLY:-}"*) ;; *) continue ;; esac
    if run_case "$f"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
