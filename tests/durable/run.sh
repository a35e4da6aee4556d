#!/bin/sh
# tests/durable/run.sh BUILD - nothing is lost when hamdel is stopped
# mid-conversation (issue 8, durability).
#
# For each line "COMMAND STOP TURNS" of tests/durable/cases it plays the
# fixture tests/scenarios/engine/patient-loop.yaml (a customer who asks
# again as long as the replies stay weak) with `hamdel play --trainee T`
# or `hamdel workshop --players T,U`, recording into a fresh database. The
# replies go through a FIFO one turn at a time, and the runner waits until
# the transcript holds that turn before it sends the next, so the stop
# lands after exactly TURNS finished turns with no timing race. Then it
# stops hamdel (SIGKILL, SIGTERM, SIGHUP, or the terminal closing) and
# checks that
#   - the transcript is valid JSON Lines ending in a newline (no partial
#     line) with exactly TURNS turns; after KILL nothing closes it, after
#     the others its last line is the "interrupted" line;
#   - the database is still readable and holds the live-recorded session;
#   - `hamdel import` records the transcript, and a second import adds
#     nothing; `hamdel progress` then shows one session of TURNS turns.
# Prints "ok NAME" or "FAIL NAME: why" per case and "durable: N passed,
# M failed". HAMDEL_WRAP prefixes hamdel (valgrind); DURABLE_WAIT is the
# deadline in tenths of a second for each wait (default 200). To debug:
# DURABLE_ONLY=NAME runs only the cases whose name (play-KILL-3) contains
# it; DURABLE_KEEP=1 keeps each case's folder and prints where it is.
set -u
BUILD=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
bin=${HAMDEL_BIN:-$BUILD/hamdel}
case $bin in /*) ;; *) bin="$(pwd)/$bin" ;; esac
HAMDEL="$bin"
SCN="$here/../scenarios/engine/patient-loop.yaml"
JSON_CHECK="$here/../cli/json-check.awk"
WAIT=${DURABLE_WAIT:-200}
export HAMDEL SCN
[ -x "$HAMDEL" ] || { echo "FAIL setup: no executable $HAMDEL"; echo "durable: 0 passed, 1 failed"; exit 1; }

# Polls the shell condition $1 every 0.1 s until it holds or the deadline.
wait_until() {
    i=0
    while ! eval "$1"; do
        i=$((i + 1))
        [ $i -ge "$WAIT" ] && return 1
        sleep 0.1
    done
    return 0
}

# Lines of t.jsonl matching the fixed string $1.
count() { if [ -f t.jsonl ]; then grep -cF -- "$1" t.jsonl; else echo 0; fi; }

# The hamdel command line of the case, for cmd.sh (shell-quoted paths).
command_line() { # command
    if [ "$1" = play ]; then
        echo 'exec ${HAMDEL_WRAP:-} "$HAMDEL" --db x.db play "$SCN" --trainee T --transcript t.jsonl'
    else
        echo 'exec ${HAMDEL_WRAP:-} "$HAMDEL" --db x.db workshop "$SCN" --players T,U --transcript t.jsonl'
    fi
}

# Starts hamdel reading the FIFO `in`, on fd 3 here. cmd.sh writes its pid
# (the pid hamdel gets) to `pid`; `rc` gets the exit status of hamdel
# (not on a terminal, where script(1) is the job).
start() { # command stop
    mkfifo in || return 1
    { echo 'echo $$ > pid'; command_line "$1"; } > cmd.sh
    if [ "$2" = PTY ]; then
        # script(1) gives hamdel a terminal, fed from the FIFO; killing
        # script closes the terminal's master side: the terminal goes away
        script -qec "exec sh cmd.sh 2> err" /dev/null < in > out &
    else
        ( sh cmd.sh < in > out 2> err; echo $? > rc ) &
    fi
    job=$!
    exec 3> in
    wait_until '[ -s pid ]' || return 1
    hpid=$(cat pid)
}

# Sends turn $2's replies (an Enter after each on a terminal, where the
# facilitator's Enter goes on with the best reply); waits for the turn.
play_turn() { # command n stop
    if [ "$3" = PTY ]; then eol='\r'; else eol='\n'; fi
    if [ "$1" = play ]; then
        printf "ok$eol" >&3
        wait_until "[ \$(count '{\"turn\":') -ge $2 ]"
    else
        printf "ok$eol" >&3
        printf "fine$eol" >&3
        [ "$3" = PTY ] && printf "$eol" >&3
        wait_until "[ \$(count '\"pick\":') -ge $2 ]"
    fi
}

stop() { # stop
    case $1 in
    PTY) kill -KILL "$job" ;;
    *) kill -"$1" "$hpid" ;;
    esac
    # hamdel itself must be gone, not just script (which is our child)
    if [ "$1" = PTY ]; then
        wait_until '! kill -0 "$hpid" 2> /dev/null'
    else
        wait_until '[ -f rc ]'
    fi
}

# The transcript after the stop; prints why not and returns 1.
check_transcript() { # command stop n
    [ -s t.jsonl ] || { echo "no transcript"; return 1; }
    [ "$(tail -c 1 t.jsonl | od -An -c | tr -d ' ')" = '\n' ] ||
        { echo "the transcript ends in a partial line"; return 1; }
    bad=$(awk -f "$JSON_CHECK" t.jsonl | head -3 | tr '\n' ' ')
    [ -z "$bad" ] || { echo "invalid JSON on transcript line(s) $bad"; return 1; }
    if [ "$1" = play ]; then
        got=$(count '{"turn":')
        last='{"interrupted":true,"node":"asking","turns":'$3'}'
    else
        got=$(count '"pick":')
        replies=$(count '"player":"')
        [ "$replies" = $(($3 * 2)) ] || { echo "$replies replies, expected $(($3 * 2))"; return 1; }
        last='{"round":1,"interrupted":true,"node":"asking","turns":'$3'}'
    fi
    [ "$got" = "$3" ] || { echo "$got turns in the transcript, expected $3"; return 1; }
    [ "$(count '"ending":')" = 0 ] || { echo "an ending line after a stop"; return 1; }
    if [ "$2" = KILL ]; then
        [ "$(count '"interrupted":')" = 0 ] ||
            { echo "an interrupted line after SIGKILL"; return 1; }
        [ "$(cat rc)" = 137 ] || { echo "exit status $(cat rc), expected 137"; return 1; }
    else
        # a signal writes the one line that fits; a terminal that goes away
        # may also end the input first, and a workshop then closes with
        # {"interrupted":true} after the round's line
        end=$(tail -n 1 t.jsonl)
        [ "$1" = workshop ] && [ "$end" = '{"interrupted":true}' ] &&
            [ "$2" = PTY ] && end=$(tail -n 2 t.jsonl | head -n 1)
        [ "$end" = "$last" ] ||
            { echo "closing line '$(printf %s "$end" | head -c 200)', expected '$last'"; return 1; }
        [ "$(count '"node":"asking","turns":')" = 1 ] || { echo "more than one interrupted line"; return 1; }
    fi
    case $2 in
    TERM) [ "$(cat rc)" = 143 ] || { echo "exit status $(cat rc), expected 143 (SIGTERM)"; return 1; } ;;
    HUP) [ "$(cat rc)" = 129 ] || { echo "exit status $(cat rc), expected 129 (SIGHUP)"; return 1; } ;;
    esac
    return 0
}

# The database after the stop, the two imports, and progress.
check_database() { # command stop n
    "$HAMDEL" --db x.db progress --trainee T --json > live.json 2> live.err ||
        { echo "the live-recorded database is unreadable: $(head -c 200 live.err)"; return 1; }
    grep -q '"session_count":1,' live.json ||
        { echo "the live-recorded session is not in the database"; return 1; }
    "$HAMDEL" --db x.db import t.jsonl > imp1 2>&1 ||
        { echo "import failed: $(head -c 200 imp1)"; return 1; }
    "$HAMDEL" --db x.db import t.jsonl > imp2 2>&1 ||
        { echo "second import failed: $(head -c 200 imp2)"; return 1; }
    grep -qx 't.jsonl: already in the database, nothing new' imp2 ||
        { echo "the second import added something: $(head -c 200 imp2)"; return 1; }
    "$HAMDEL" --db x.db progress --trainee T --json > prog.json 2> prog.err ||
        { echo "progress failed: $(head -c 200 prog.err)"; return 1; }
    grep -q '"session_count":1,' prog.json ||
        { echo "not one session: $(grep -o '"session_count":[0-9]*' prog.json)"; return 1; }
    grep -q '"turns":'"$3"',' prog.json ||
        { echo "the session lacks \"turns\":$3: $(grep -o '"turns":[0-9]*' prog.json | head -1)"; return 1; }
    # the session itself: interrupted unless SIGKILL left no word of it
    if [ "$2" = KILL ]; then i=false; else i=true; fi
    want='"ending":null,"interrupted":'$i',"finished":false,'
    grep -qF "$want" prog.json || { echo "progress lacks $want"; return 1; }
}

run_case() { # command stop n -> one result line; status 0 ok, 1 fail
    name="$1-$2-$3"
    if [ "$2" = PTY ] && ! command -v script > /dev/null 2>&1; then
        echo "ok $name # skip: no script(1)"; return 0
    fi
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/hamdel-durable.XXXXXX") || return 1
    (
        cd "$tmp" || exit 1
        HAMDEL_HOME="$tmp/home" NO_COLOR=1
        export HAMDEL_HOME NO_COLOR
        why=""
        start "$1" "$2" || why="hamdel did not start"
        n=1
        while [ -z "$why" ] && [ $n -le "$3" ]; do
            play_turn "$1" $n "$2" || why="turn $n never reached the transcript"
            n=$((n + 1))
        done
        [ -n "$why" ] || stop "$2" || why="hamdel still running after the stop"
        exec 3>&-
        if [ -s pid ] && kill -0 "$(cat pid)" 2> /dev/null; then
            kill -KILL "$(cat pid)" 2> /dev/null # ours, hung: never leave it
        fi
        wait
        [ -n "$why" ] || why=$(check_transcript "$1" "$2" "$3") || true
        [ -n "$why" ] || why=$(check_database "$1" "$2" "$3") || true
        [ -z "$why" ] && { echo "ok $name"; exit 0; }
        echo "FAIL $name: $why"
        exit 1
    )
    st=$?
    if [ -n "${DURABLE_KEEP:-}" ]; then echo "# kept $tmp"; else rm -rf "$tmp"; fi
    return $st
}

passed=0 failed=0
while read -r cmd how turns rest; do
    case $cmd in ''|'#'*) continue ;; esac
    case "$cmd-$how-$turns" in *"${DURABLE_ONLY:-}"*) ;; *) continue ;; esac
    if run_case "$cmd" "$how" "$turns" < /dev/null; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
done < "$here/cases"
echo "durable: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
