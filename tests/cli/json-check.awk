# json-check.awk - syntax check of one JSON value per input line (a small
# recursive-descent parser; jq is not assumed to be installed). Prints the
# numbers of the bad lines. Used by tests/cli/run.sh and tests/durable/run.sh.
function ws() { while (p <= n && index(" \t\r\n", substr(s, p, 1))) p++ }
function str(   r) {
    r = substr(s, p)
    if (!match(r, /^"([^"\\]|\\["\\\/bfnrt]|\\u[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F])*"/)) return 0
    p += RLENGTH; return 1
}
function num(   r) {
    r = substr(s, p)
    if (!match(r, /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/)) return 0
    p += RLENGTH; return 1
}
function arr() {
    p++; ws(); if (substr(s, p, 1) == "]") { p++; return 1 }
    for (;;) {
        if (!val()) return 0
        ws(); c = substr(s, p, 1); p++
        if (c == "]") return 1
        if (c != ",") return 0
    }
}
function obj() {
    p++; ws(); if (substr(s, p, 1) == "}") { p++; return 1 }
    for (;;) {
        ws(); if (substr(s, p, 1) != "\"" || !str()) return 0
        ws(); if (substr(s, p, 1) != ":") return 0
        p++; if (!val()) return 0
        ws(); c = substr(s, p, 1); p++
        if (c == "}") return 1
        if (c != ",") return 0
    }
}
function val(   c) {
    ws(); c = substr(s, p, 1)
    if (c == "{") return obj()
    if (c == "[") return arr()
    if (c == "\"") return str()
    if (substr(s, p, 4) == "true" || substr(s, p, 4) == "null") { p += 4; return 1 }
    if (substr(s, p, 5) == "false") { p += 5; return 1 }
    return num()
}
{ s = $0; n = length(s); p = 1; if (!val()) { print NR; next } ws(); if (p <= n) print NR }
