/*
 * batch.h - `hamdel score --jsonl`: many replies, one JSON line each.
 *
 * Input: one {"id":..., "reply":"...", "context":{...}} object per line.
 * Output: one result object per input line, in order, carrying the id; a
 * bad line yields {"id":...,"line":N,"error":"..."} and the run goes on.
 * Built for throughput: one score_result, one output buffer and one arena
 * are reused for every line.
 */
#ifndef HAMDEL_BATCH_H
#define HAMDEL_BATCH_H

#include <stdio.h>

#include "context.h"
#include "rubrics.h"
#include "score.h"

struct batch_opts {
    const char *path;            /* file name, or "-" for stdin */
    score_lang lang;             /* --lang; AUTO = per line */
    const struct ctx_data *base; /* --context file and flags */
    struct rubrics *rubrics;
    int stats; /* print the --stats line on stderr */
    int quiet; /* no progress bar */
};

/* Returns the exit status: 0, or 65 when any line failed. */
int batch_run(const struct batch_opts *o);
/* The same on an open stream (o->path only names it in messages), the
 * results written to `out`; `size` (0 = unknown) sizes the progress bar. */
int batch_run_stream(const struct batch_opts *o, FILE *in, FILE *out,
                     size_t size);

#endif
