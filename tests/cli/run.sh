#!/bin/sh
# tests/cli/run.sh BUILD [CASES NAME] - data-driven tests of the hamdel
# command line. Without CASES it walks tests/cli/cases and calls itself
# "cli"; tests/hostile/run.sh walks the hostile-input catalogue with it
# (CASES = tests/hostile/cases, NAME = hostile): one runner, two folders.
#
# Each file CASES/NAME.case is one case: a small shell fragment,
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
#   limit=SECONDS               the time limit (default 20, times 20 under
#                               HAMDEL_WRAP): running longer is a hang, a
#                               failure
#   raw_ok='why'                stdout may hold escape sequences (colour on
#                               a terminal): the case checks them itself
#   skip='why'                  set by case_setup: the case cannot run here
#   case_setup() { ...; }       run first, in the temporary directory
#   case_check() { ...; }       run last; a non-zero status fails the case;
#                               it sees the files out, err and $rc
# Without stdin_* the command reads /dev/null. Every case, whatever it
# says, must print no raw control sequence: no ESC, no C1 control and no
# bidi embedding, override or isolate (U+202A-U+202E, U+2066-U+2069) on
# stdout or stderr (raw_ok exempts stdout only). The runner prints "ok NAME"
# or "FAIL NAME: why" per case and ends with "NAME: N passed, M failed";
# the exit status is 1 when any case failed. HAMDEL_WRAP (e.g. valgrind)
# prefixes every hamdel command; CLI_ONLY=TEXT runs only the cases whose
# file name contains TEXT. Only POSIX sh, awk, grep, sed and timeout(1)
# (when installed) are used.
set -u
BUILD=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
cases=${2:-$here/cases}
case $cases in /*) ;; *) cases="$(pwd)/$cases" ;; esac
suite=${3:-cli}
bin=${HAMDEL_BIN:-$BUILD/hamdel}
case $bin in /*) ;; *) bin="$(pwd)/$bin" ;; esac
HAMDEL="$bin"
export HAMDEL
[ -x "$HAMDEL" ] || { echo "FAIL setup: no executable $HAMDEL"; echo "$suite: 0 passed, 1 failed"; exit 1; }

# Every hamdel command runs under a time limit: a hang is a failure, not a
# stuck `make test`. Valgrind is some twenty times slower.
# Under script(1) ($1 = fg) it stays in the terminal's foreground process
# group, or reading the typed stdin_text would stop it (SIGTTIN).
tlimit() {
    command -v timeout > /dev/null 2>&1 || return 0
    t=${limit:-20}
    [ -n "${HAMDEL_WRAP:-}" ] && t=$((t * 20))
    printf 'timeout %s-k 5 %s' "${1:+--foreground }" "$t"
}

# The raw control sequences no output may hold (see the header); prints
# what it found in file $1, or nothing. Byte patterns, so LC_ALL=C.
esc=$(printf '\033')
c1=$(printf '\302[\200-\237]')
bidi=$(printf '\342\200[\252-\256]')
isol=$(printf '\342\201[\246-\251]')
raw_controls() {
    [ -f "$1" ] || return 0
    if LC_ALL=C grep -q "$esc" "$1"; then echo "ESC (0x1b)"
    elif LC_ALL=C grep -q "$c1" "$1"; then echo "a C1 control (U+0080-U+009F)"
    elif LC_ALL=C grep -q "$bidi" "$1"; then echo "a bidi embedding or override (U+202A-U+202E)"
    elif LC_ALL=C grep -q "$isol" "$1"; then echo "a bidi isolate (U+2066-U+2069)"
    fi
}


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
            printf '%s' "$stdin_text" | script -qec "$(tlimit fg) sh cmd.sh 2>err" /dev/null > out; rc=$?
        else
            script -qec "$(tlimit fg) sh cmd.sh 2>err" /dev/null > out < /dev/null; rc=$?
        fi
        return
    fi
    if [ -n "${stdin_cmd:-}" ]; then
        sh -c "$stdin_cmd" | eval "$(tlimit) ${HAMDEL_WRAP:-} \"\$HAMDEL\" $args" > "$to" 2> err
        rc=$?
    elif [ -n "${stdin_text+set}" ]; then
        printf '%s' "$stdin_text" | eval "$(tlimit) ${HAMDEL_WRAP:-} \"\$HAMDEL\" $args" > "$to" 2> err
        rc=$?
    elif [ -n "${stdin_file:-}" ]; then
        eval "$(tlimit) ${HAMDEL_WRAP:-} \"\$HAMDEL\" $args" < "$cases/$stdin_file" > "$to" 2> err
        rc=$?
    else
        eval "$(tlimit) ${HAMDEL_WRAP:-} \"\$HAMDEL\" $args" < /dev/null > "$to" 2> err
        rc=$?
    fi
    [ -f out ] || : > out
}

# The checks, in order; prints the first failure and returns 1.
verify() {
    case $rc in 124|137) [ -n "$(tlimit)" ] && { echo "timed out: a hang (limit ${limit:-20}s)"; return 1; } ;; esac
    what=$(raw_controls err)
    [ -z "$what" ] || { echo "stderr holds $what"; return 1; }
    if [ -z "${raw_ok:-}" ]; then
        what=$(raw_controls out)
        [ -z "$what" ] || { echo "stdout holds $what"; return 1; }
    fi
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
        [ -z "${skip:-}" ] || { echo "ok $name # skip: $skip"; exit 0; }
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
echo "$suite: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
