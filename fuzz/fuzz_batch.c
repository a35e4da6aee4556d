/*
 * fuzz_batch.c - libFuzzer target: the JSONL reader of `hamdel score
 * --jsonl` (sim/batch.c).
 *
 * The input is the whole JSONL text, read through fmemopen by the real
 * batch loop (batch_run_stream) and written to /dev/null: every line is
 * parsed, validated, graded and its result or error object written, as on
 * the command line. The rubrics are loaded on first use and kept.
 */
#include "fuzz.h"
#include "batch.h"
#include "context.h"
#include "rubrics.h"

#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    static struct rubrics rs; /* no house files; loaded lazily, kept */
    static struct ctx_data base;
    if (!sink) {
        sink = fopen("/dev/null", "wb");
        if (!sink)
            abort();
        rubrics_init(&rs, NULL, 0);
        ctx_init(&base);
    }
    if (size == 0) /* fmemopen refuses an empty buffer */
        return 0;
    FILE *in = fmemopen((void *)(uintptr_t)data, size, "rb");
    if (!in)
        return 0;
    struct batch_opts o = {"fuzz.jsonl", SCORE_LANG_AUTO, &base, &rs, 0, 1};
    batch_run_stream(&o, in, sink, size);
    fclose(in);
    return 0;
}
