#!/bin/sh
# tests/tmux/run.sh BUILD - end-to-end tests of the interactive simulator.
#
# Drives the real BUILD/hamdel the way a person does: in a terminal (a
# private tmux server), typing keys and reading the screen. Each file
# tests/tmux/cases/NAME.case is one case, a list of steps, one a line
# (format: tests/tmux/README.md). The runner prints "ok NAME" or
# "FAIL NAME: why" followed by the screen, and ends with exactly
#   tmux: N passed, M failed
# The exit status is 1 when a case failed. Without tmux every case is
# skipped: one "skip" line, "tmux: 0 passed, 0 failed", exit 0.
#
# Every case runs in a fresh HAMDEL_HOME (a temporary folder), in a 120x40
# window, with TERM=xterm-256color, LANG=C.UTF-8, NO_COLOR unset (so the
# colour paths run), INPUTRC=/dev/null (readline's defaults, not the
# machine's) and the repository root as the working directory. Every wait
# has a timeout (HAMDEL_TMUX_WAIT, default 10 s) and the whole suite a
# deadline (HAMDEL_TMUX_DEADLINE, default 240 s); the tmux server is killed
# on exit. TMUX_ONLY=TEXT runs only the cases whose file name contains
# TEXT. Only POSIX sh, awk, grep, sed, ps and tmux are used.
set -u
BUILD=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cases="$here/cases"
bin=$BUILD/hamdel
case $bin in /*) ;; *) bin="$(pwd)/$bin" ;; esac
default_wait=${HAMDEL_TMUX_WAIT:-10}
deadline=${HAMDEL_TMUX_DEADLINE:-240}
LC_ALL=C.UTF-8
export LC_ALL

if ! command -v tmux > /dev/null 2>&1; then
    echo "skip: tmux is not installed; the end-to-end REPL tests did not run"
    echo "tmux: 0 passed, 0 failed"
    exit 0
fi
[ -x "$bin" ] || { echo "FAIL setup: no executable $bin"; echo "tmux: 0 passed, 1 failed"; exit 1; }

sock="hamdel-test-$$"
work=$(mktemp -d "${TMPDIR:-/tmp}/hamdel-tmux.XXXXXX") || exit 1
T() { tmux -u -L "$sock" -f /dev/null "$@"; }
sockpath="" srvpid=""
cleanup() {
    T kill-server > /dev/null 2>&1
    [ -n "$sockpath" ] && [ -S "$sockpath" ] && rm -f "$sockpath"
    rm -rf "$work"
}
trap cleanup EXIT
trap 'cleanup; exit 129' HUP
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 141' PIPE
trap 'cleanup; exit 143' TERM
started=$(date +%s)

# ---------------------------------------------------------------- helpers

nap() { sleep 0.1 2> /dev/null || sleep 1; }

alive() { # the session exists and its program still runs
    [ "$(T display -p -t t '#{pane_dead}' 2> /dev/null)" = 0 ]
}

# The absolute line of the cursor (history lines + cursor row).
cursor_line() {
    T display -p -t t '#{history_size} #{cursor_y}' 2> /dev/null |
        awk '{ print $1 + $2 }'
}

# Everything on the pane from absolute line $1 (0 = oldest history line)
# to the bottom, wrapped lines joined, spaces at the ends of lines and
# blank lines at the end dropped.
capture_from() {
    h=$(T display -p -t t '#{history_size}' 2> /dev/null) || return 1
    T capture-pane -p -J -t t -S $(($1 - h)) 2> /dev/null |
        awk '{ sub(/[ \t]+$/, ""); l[NR] = $0; if ($0 != "") last = NR } END { for (i = 1; i <= last; i++) print l[i] }'
}

# The region a step looks at: since the last input (here) or all (all).
region() {
    if [ "$1" = all ]; then capture_from 0; else capture_from "$mark"; fi
}

# The raw bytes the program wrote to the terminal in this run, ESC shown
# as <ESC> so that patterns can name escape sequences.
raw_text() {
    [ -f "$raw" ] || { : ; return; }
    awk '{ gsub(/\033/, "<ESC>"); gsub(/\r/, ""); print }' "$raw"
}

# "REGEX [SECONDS]": splits off a trailing whole number as the timeout.
split_timeout() {
    re=$1 secs=$default_wait
    last=${1##* }
    if [ "$last" != "$1" ] && [ -n "$last" ] && [ -z "$(printf '%s' "$last" | tr -d 0-9)" ]; then
        re=${1% *} secs=$last
    fi
}

# Files under HAMDEL_HOME matching the glob $1 (one a line).
files_of() {
    ( cd "$home" 2> /dev/null && for f in $1; do [ -f "$f" ] && echo "$home/$f"; done )
}

# The one file matching $1, waiting a little for it; sets $file.
one_file() {
    i=0
    while :; do
        n=$(files_of "$1" | wc -l | tr -d ' ')
        [ "$n" = 1 ] && { file=$(files_of "$1"); return 0; }
        [ "$n" -gt 1 ] && { why="$n files match $1: $(files_of "$1" | sed "s|$home/||" | tr '\n' ' ')"; return 1; }
        i=$((i + 1)); [ $i -ge 30 ] && { why="no file matches \$HAMDEL_HOME/$1 ($(cd "$home" && find . -type f | tr '\n' ' '))"; return 1; }
        nap
    done
}

# Polls `cmd` (a function name) until it succeeds or the time is up.
poll() { # secs cmd
    i=0 n=$(($1 * 10))
    while :; do
        "$2" && return 0
        i=$((i + 1)); [ $i -ge $n ] && return 1
        nap
    done
}

# ------------------------------------------------------------------ steps

step_start() { # ARGS: (re)start hamdel with these arguments
    launch "$(wrap) $(quote "$bin") $1"
}

# Under `make valgrind` (HAMDEL_WRAP=valgrind ...), hamdel runs under it
# here too, logging to a file per process: the REPL's paths get the same
# memory checks as the command line's. The logs are read after the case.
wrap() {
    case ${HAMDEL_WRAP:-} in
    valgrind*) printf '%s --log-file=%s' "$HAMDEL_WRAP" "$(quote "$tmp/vg.%p")" ;;
    esac
}

# Anything valgrind logged (it logs only errors and leaks with -q) fails
# the case.
check_wrap_logs() {
    for f in "$tmp"/vg.*; do
        [ -s "$f" ] || continue
        why="valgrind: $(head -c 2000 "$f" | tr '\n' ' ')"
        return 1
    done
    return 0
}

step_start_sh() { # SCRIPT: (re)start `sh -c SCRIPT`, hamdel in $HAMDEL
    launch "HAMDEL=$(quote "$bin") sh -c $(quote "$1")"
}

launch() { # the command line the pane runs (after env -i and the settings)
    T kill-session -t t > /dev/null 2>&1
    runs=$((runs + 1))
    raw="$tmp/raw.$runs"; : > "$raw"
    go="$tmp/go.$runs"
    # The pane waits for $go so that pipe-pane records the very first byte.
    printf '#!/bin/sh\nwhile [ ! -e %s ]; do sleep 0.05 2>/dev/null || sleep 1; done\ncd %s || exit 1\nexec env -i PATH="$PATH" HOME=%s TERM=xterm-256color LANG=C.UTF-8 INPUTRC=/dev/null TMPDIR=%s HAMDEL_HOME=%s %s %s\n' \
        "$(quote "$go")" "$(quote "$root")" "$(quote "$tmp/home")" "$(quote "$tmp")" \
        "$(quote "$home")" "$envs" "$1" > "$tmp/cmd.$runs"
    # Options first (history-limit counts only for panes made after it);
    # an idle session holds the server and its options between cases.
    if ! T has-session -t keep > /dev/null 2>&1; then
        T new-session -d -s keep -x 120 -y 40 cat \; \
            set -g history-limit 50000 \; set -g remain-on-exit on \; \
            set -g status off \; \
            set -g escape-time 10 > /dev/null 2>&1 ||
            { why="tmux could not start its server"; return 1; }
        sockpath=$(T display -p '#{socket_path}' 2> /dev/null)
        srvpid=$(T display -p '#{pid}' 2> /dev/null)
    fi
    T new-session -d -s t -x 120 -y 40 "sh $(quote "$tmp/cmd.$runs")" > /dev/null 2>&1 ||
        { why="tmux could not start a session"; return 1; }
    T pipe-pane -t t "cat >> $(quote "$raw")" || { why="tmux pipe-pane failed"; return 1; }
    mark=0
    : > "$go"
}

step_env() { envs="$envs $(quote "$1")"; }

quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

need_alive() {
    alive && return 0
    why="hamdel is not running (it exited: $(T display -p -t t 'status #{pane_dead_status}, signal #{pane_dead_signal}' 2> /dev/null))"
    return 1
}

step_type() {
    need_alive || return 1
    mark=$(cursor_line)
    T send-keys -t t -l -- "$1" 2> /dev/null || { why="tmux could not type (the program exited?)"; return 1; }
}
step_key() {
    need_alive || return 1
    mark=$(cursor_line)
    before=$(raw_size)
    # shellcheck disable=SC2086
    T send-keys -t t $1 2> /dev/null || { why="tmux could not send the key(s) '$1'"; return 1; }
    case " $1 " in *" Enter "*) await_echo "$before" ;; esac
}
step_line() { # the mark stays where the typing began
    before=$(raw_size)
    step_type "$1" || return 1
    T send-keys -t t Enter 2> /dev/null || { why="tmux could not press Enter"; return 1; }
    await_echo "$before"
}
# A slow program (valgrind) echoes late: until it has, the mark line still
# shows the bare prompt, which a `wait` for the next prompt would take for
# the answer. Wait (at most the wait time) until the program wrote
# something after the input that began when its output was $1 bytes.
await_echo() {
    i=0
    while [ "$(raw_size)" = "$1" ] && [ $i -lt $((default_wait * 10)) ]; do
        nap; i=$((i + 1))
    done
}
raw_size() { wc -c < "$raw" 2> /dev/null | tr -d ' '; }
# Paste TEXT (printf %b escapes: \\t, \\033, \\n ...) as a terminal paste:
# bracketed when the program asked for it, like a paste from the clipboard.
step_paste() {
    need_alive || return 1
    mark=$(cursor_line)
    T set-buffer -b hamdel-paste -- "$(printf '%b' "$1")" &&
        T paste-buffer -p -d -b hamdel-paste -t t
}
# Paste COUNT copies of TEXT (a long reply) as one paste.
step_paste_repeat() {
    need_alive || return 1
    mark=$(cursor_line)
    n=${1%% *} text=${1#* }
    T set-buffer -b hamdel-paste -- "$(awk -v n="$n" -v t="$text" 'BEGIN { for (i = 0; i < n; i++) printf "%s", t }')" &&
        T paste-buffer -p -d -b hamdel-paste -t t
}

check_re() { region "$where" | grep -Eq -- "$re"; }
step_wait() {
    split_timeout "$1"; where=here
    poll "$secs" check_re && return 0
    why="no /$re/ on the screen after ${secs}s"; return 1
}
step_wait_all() {
    split_timeout "$1"; where=all
    poll "$secs" check_re && return 0
    why="no /$re/ anywhere in the pane after ${secs}s"; return 1
}
step_expect() {
    re=$1 where=$2
    check_re && return 0
    why="the screen lacks /$re/"; return 1
}
step_reject() {
    re=$1 where=$2
    check_re || return 0
    why="the screen has /$re/: $(region "$where" | grep -E -- "$re" | head -2 | tr '\n' ' ')"; return 1
}

check_raw() { raw_text | grep -Eq -- "$re"; }
step_expect_raw() {
    split_timeout "$1"
    poll "$secs" check_raw && return 0
    why="the terminal output lacks /$re/"; return 1
}
step_reject_raw() {
    re=$1
    check_raw || return 0
    why="the terminal output has /$re/: $(raw_text | grep -Eo -- ".{0,12}($re).{0,12}" | head -5 | sed 's/$/ ~/' | tr '\n' ' ')"; return 1
}

dead() { ! alive; }
step_wait_exit() {
    split_timeout "x ${1:-}"
    poll "$secs" dead && return 0
    why="hamdel still runs after ${secs}s"; return 1
}
# tmux marks a pane dead when its terminal closes, and learns the status
# when it reaps the process. tmux 3.3 sometimes misses the SIGCHLD (the
# program is a zombie and the status stays empty), so the server is
# nudged with another one while we wait.
reaped() {
    st=$(T display -p -t t '#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}' 2> /dev/null)
    case $st in 1:?*:*|1:*:?*) return 0 ;; esac
    [ -n "$srvpid" ] && kill -CHLD "$srvpid" 2> /dev/null
    return 1
}
step_exit_code() {
    poll "$default_wait" dead || { why="hamdel still runs after ${default_wait}s"; return 1; }
    poll "$default_wait" reaped || { why="hamdel closed the terminal but did not exit within ${default_wait}s"; return 1; }
    st=${st#1:}
    [ "${st%%:*}" = "$1" ] && return 0
    if [ -n "${st#*:}" ]; then why="killed by signal ${st#*:}, expected exit status $1"
    else why="exit status ${st%%:*}, expected $1"; fi
    return 1
}

step_hangup() { # close the terminal: the program gets SIGHUP
    T kill-session -t t > /dev/null 2>&1
    hung=1
}

# Send a signal to the terminal's foreground process group (hamdel, and
# the shell of start-sh when it has not put hamdel in a group of its own).
step_signal() { # NAME
    pp=$(T display -p -t t '#{pane_pid}' 2> /dev/null)
    fg=$(ps -o tpgid= -p "$pp" 2> /dev/null | tr -d ' ')
    if [ -z "$fg" ] || ! [ "$fg" -gt 0 ] 2> /dev/null; then
        why="no foreground process on the terminal"; return 1
    fi
    kill -s "$1" -- "-$fg" 2> /dev/null || { why="cannot send SIG$1 to process group $fg"; return 1; }
}

step_resize() { # COLSxROWS
    T resize-window -t t -x "${1%x*}" -y "${1#*x}" > /dev/null 2>&1 ||
        { why="cannot resize to $1"; return 1; }
}

step_file_lines() { # GLOB N
    g=${1% *} want=${1##* }
    one_file "$g" || return 1
    i=0
    while :; do
        got=$(wc -l < "$file" | tr -d ' ')
        [ "$got" = "$want" ] && return 0
        i=$((i + 1)); [ $i -ge 30 ] && break
        nap
    done
    why="$g has $got lines, expected $want:
$(sed 's/^/    > /' "$file" | cut -c1-300)"
    return 1
}

file_re() { grep -Eq -- "$re" "$file"; }
step_file_has() { # GLOB REGEX
    g=${1%% *} re=${1#* }
    one_file "$g" || return 1
    poll 3 file_re && return 0
    why="$g lacks /$re/:
$(sed 's/^/    > /' "$file" | cut -c1-300)"
    return 1
}
step_file_lacks() {
    g=${1%% *} re=${1#* }
    one_file "$g" || return 1
    file_re || return 0
    why="$g has /$re/"; return 1
}
step_file_count() { # GLOB N
    g=${1% *} want=${1##* }
    got=$(files_of "$g" | wc -l | tr -d ' ')
    [ "$got" = "$want" ] && return 0
    why="$got files match $g, expected $want"; return 1
}

# ------------------------------------------------------------------- cases

show_screen() {
    if [ -z "$hung" ] && T has-session -t t 2> /dev/null; then
        echo "    screen (last 40 lines, the window is 120x40):"
        capture_from 0 | tail -n 40 | sed 's/^/    | /'
    else
        echo "    (no screen: the terminal was closed)"
    fi
}

run_step() { # verb arg
    why=""
    case $1 in
    start) step_start "$2" ;;
    start-sh) step_start_sh "$2" ;;
    env) step_env "$2" ;;
    type) step_type "$2" ;;
    line) step_line "$2" ;;
    paste) step_paste "$2" ;;
    paste-repeat) step_paste_repeat "$2" ;;
    key) step_key "$2" ;;
    wait) step_wait "$2" ;;
    wait-all) step_wait_all "$2" ;;
    expect) step_expect "$2" here ;;
    expect-all) step_expect "$2" all ;;
    reject) step_reject "$2" here ;;
    reject-all) step_reject "$2" all ;;
    expect-raw) step_expect_raw "$2" ;;
    reject-raw) step_reject_raw "$2" ;;
    wait-exit) step_wait_exit "$2" ;;
    exit-code) step_exit_code "$2" ;;
    hangup) step_hangup ;;
    resize) step_resize "$2" ;;
    signal) step_signal "$2" ;;
    sleep) sleep "$2" ;;
    file-lines) step_file_lines "$2" ;;
    file-has) step_file_has "$2" ;;
    file-lacks) step_file_lacks "$2" ;;
    file-count) step_file_count "$2" ;;
    *) why="unknown step '$1'"; return 1 ;;
    esac
}

run_case() { # file; prints the result; status 0 ok, 1 fail
    name=$(basename "$1" .case)
    tmp="$work/$name"; home="$tmp/hamdel-home"
    mkdir -p "$tmp/home" "$home"
    envs="" runs=0 mark=0 raw="" hung="" lineno=0 ok=1
    while IFS= read -r l <&3 || [ -n "$l" ]; do
        lineno=$((lineno + 1))
        case $l in ''|'#'*) continue ;; esac
        verb=${l%% *}
        arg=""; [ "$verb" != "$l" ] && arg=${l#* }
        if [ $(($(date +%s) - started)) -gt "$deadline" ]; then
            why="the suite ran out of time (${deadline}s)"; ok=0; break
        fi
        if [ $runs = 0 ] && [ "$verb" != start ] && [ "$verb" != start-sh ] && [ "$verb" != env ]; then
            why="the first step must be 'start' (or 'env', 'start-sh')"; ok=0; break
        fi
        run_step "$verb" "$arg" || { ok=0; break; }
    done 3< "$1"
    if [ $ok = 1 ] && [ -n "$(wrap)" ]; then
        T kill-session -t t > /dev/null 2>&1
        sleep 1 # let a killed process's valgrind write its log
        check_wrap_logs || { ok=0; l="(valgrind)"; }
    fi
    if [ $ok = 1 ]; then
        echo "ok $name"
    else
        echo "FAIL $name: line $lineno: $l: $why"
        show_screen
    fi
    T kill-session -t t > /dev/null 2>&1
    rm -rf "$tmp"
    [ $ok = 1 ]
}

passed=0 failed=0
for f in "$cases"/*.case; do
    [ -f "$f" ] || continue
    case $(basename "$f") in *"${TMUX_ONLY:-}"*) ;; *) continue ;; esac
    if run_case "$f"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "tmux: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
