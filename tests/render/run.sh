#!/bin/sh
# tests/render/run.sh BUILD - the HTML report as a person sees it: records
# two sessions in a temporary database, writes `report --team --html`, and
# renders it in headless Chromium; the screenshot must exist and not be
# blank. Where chromium is not installed the suite prints
# "skip: chromium not installed" and passes (make test installs nothing).
# Ends with "render: N passed, M failed" like the other script suites.
set -u
BUILD=${1:-build}
R=$(pwd)
bin=${HAMDEL_BIN:-$BUILD/hamdel}
case $bin in /*) ;; *) bin="$R/$bin" ;; esac
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "skip: chromium not installed"
    echo "render: 1 passed, 0 failed"
    exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hamdel-render.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export HAMDEL_SCENARIOS="$R/scenarios" HAMDEL_DB="$tmp/room.db" HAMDEL_HOME="$tmp/home"
for p in wants-manager-fa-strong wants-manager-en-weak; do
    sed -n 's/^  - "\(.*\)"$/\1/p' "$R/tests/plans/$p.yaml" > "$tmp/r.txt"
    lang=${p#wants-manager-}; lang=${lang%%-*}
    "$bin" play wants-manager --lang "$lang" --trainee 'سارا' < "$tmp/r.txt" > /dev/null
done
fail=0
"$bin" report --team --html "$tmp/r.html" || { echo "FAIL report exited $?"; fail=1; }
timeout 60 "$browser" --headless --no-sandbox --disable-gpu \
    --screenshot="$tmp/shot.png" --window-size=1200,1600 "file://$tmp/r.html" \
    > /dev/null 2>&1
if [ ! -s "$tmp/shot.png" ]; then
    echo "FAIL render: no screenshot"; fail=1
else
    size=$(wc -c < "$tmp/shot.png")
    # a blank 1200x1600 page compresses to a few kilobytes
    if [ "$size" -lt 20000 ]; then echo "FAIL render: screenshot looks blank ($size bytes)"; fail=1
    else echo "ok render ($size bytes)"; fi
fi
if [ $fail -eq 0 ]; then echo "render: 1 passed, 0 failed"; exit 0; fi
echo "render: 0 passed, 1 failed"; exit 1
