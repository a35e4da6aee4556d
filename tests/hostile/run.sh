#!/bin/sh
# tests/hostile/run.sh BUILD - the hostile-input catalogue (README.md here).
#
# The cases are in the format of tests/cli (see the header of
# tests/cli/run.sh) and are walked by the same runner, which also checks
# every case's time limit and that no output holds a raw control sequence.
# Ends with "hostile: N passed, M failed".
here=$(cd "$(dirname "$0")" && pwd)
exec sh "$here/../cli/run.sh" "${1:-build}" "$here/cases" hostile
