#!/bin/sh
# mk/fuzz.sh - runs hamdel's libFuzzer targets (docs/fuzzing.md).
#
#   sh mk/fuzz.sh check CC          is CC a clang that can link libFuzzer?
#   sh mk/fuzz.sh smoke DIR T...    each target DIR/T for FUZZ_TIME seconds
#   sh mk/fuzz.sh run DIR T         one target until interrupted
#
# Targets start from the committed seeds (fuzz/corpus/T) and the
# regression inputs (fuzz/regress/T); what they discover goes to
# DIR/corpus/T, crashes and the like to DIR/artifacts/, never into the
# committed folders. FUZZ_ARGS adds libFuzzer options.
set -u
cmd=$1; shift

case "$cmd" in
check)
    cc=$1
    if ! command -v "$cc" >/dev/null 2>&1; then
        echo "make fuzz: '$cc' not found: the fuzz targets need clang with libFuzzer" \
             "(Debian/Ubuntu: apt install clang; or FUZZ_CC=clang-NN)" >&2
        exit 1
    fi
    tmp=${TMPDIR:-/tmp}/hamdel-fuzzcheck.$$
    printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n' > "$tmp.c"
    if ! "$cc" -fsanitize=fuzzer "$tmp.c" -o "$tmp" 2>/dev/null; then
        rm -f "$tmp" "$tmp.c"
        echo "make fuzz: '$cc' cannot link -fsanitize=fuzzer (libFuzzer, part of" \
             "clang's compiler-rt, is missing): install clang's runtime or set FUZZ_CC" >&2
        exit 1
    fi
    rm -f "$tmp" "$tmp.c"
    ;;
smoke|run)
    dir=$1; shift
    mkdir -p "$dir/artifacts"
    status=0
    for t in "$@"; do
        mkdir -p "$dir/corpus/$t"
        seeds=""
        for s in "fuzz/corpus/$t" "fuzz/regress/$t"; do [ -d "$s" ] && seeds="$seeds $s"; done
        time=""
        [ "$cmd" = smoke ] && time="-max_total_time=${FUZZ_TIME:-60}"
        echo "== $t" >&2
        # shellcheck disable=SC2086 # word splitting of the option lists is wanted
        "$dir/$t" $time -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
            -artifact_prefix="$dir/artifacts/$t-" ${FUZZ_ARGS:-} \
            "$dir/corpus/$t" $seeds || { status=1; echo "$t: FAILED (see $dir/artifacts/)" >&2; }
    done
    exit $status
    ;;
*)
    echo "usage: mk/fuzz.sh check CC | smoke DIR T... | run DIR T" >&2
    exit 64
    ;;
esac
