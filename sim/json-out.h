/*
 * json-out.h - the machine-readable result of `hamdel score --json` and of
 * each line of `--jsonl`, built with jansson (no hand-made JSON).
 *
 * Reals are rounded to one decimal and dumped with JSON_REAL_PRECISION so
 * that 7.5 prints as 7.5 and 8.9 as 8.9, not 8.9000000000000004.
 */
#ifndef HAMDEL_JSON_OUT_H
#define HAMDEL_JSON_OUT_H

#include <jansson.h>
#include <stddef.h>

#include "score.h"

/* Flags for every json_dump* call of the program. */
#define JSONOUT_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(15))

/* A JSON real rounded to `decimals` (0..6) places. */
json_t *jsonout_real(double v, int decimals);

/* Add lang, scores, overall, signals and findings to `obj`, in that order
 * (after whatever `obj` already holds, e.g. "id"). 0, or -1 on ENOMEM. */
int jsonout_fill(json_t *obj, const score_result *res);

/* A growable output buffer reused across lines. */
struct jsonout_buf {
    char *data;
    size_t size;
};

/* Serialise `j` plus a newline into `b`; returns the length. */
size_t jsonout_dump(const json_t *j, struct jsonout_buf *b);

#endif
