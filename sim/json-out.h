/*
 * json-out.h - the machine-readable result of `hamdel score --json` and of
 * each line of `--jsonl`: the one writer of both (docs/cli.md has the
 * format).
 *
 * The writer lays out the fixed structure itself (braces, key names,
 * commas) and prints the numbers (one decimal for reals, so 8.9 and not
 * 8.9000000000000004); every string value and the batch line's id are
 * serialised by jansson (json_dumpb), never escaped by hand.
 */
#ifndef HAMDEL_JSON_OUT_H
#define HAMDEL_JSON_OUT_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

#include "score.h"

/* Flags for every json_dump* call of the program. */
#define JSONOUT_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(15))

/* A JSON real rounded to `decimals` (0..6) places. */
json_t *jsonout_real(double v, int decimals);

/* A growable output buffer reused across lines. */
struct jsonout_buf {
    char *data;
    size_t size;
};

/*
 * jansson escapes C0 controls but writes C1 controls (U+0080..U+009F) and
 * the bidi embeddings, overrides and isolates (U+202A..U+202E,
 * U+2066..U+2069) raw; JSON lines end up on terminals (`score --jsonl` is
 * read there, `grep` prints them), where those reorder or take over the
 * line. Rewrite them as \uXXXX, which is the same JSON string. They can
 * only occur inside strings, so a pass over the bytes is safe. Returns the
 * new length of b->data[0..len) (grown as needed).
 */
size_t jsonout_defang(struct jsonout_buf *b, size_t len);

/* json_dumpf for stdout and the like, defanged, plus a newline; 0 or -1. */
int jsonout_print(const json_t *j, FILE *f);

/* Serialise `j` plus a newline into `b`; returns the length. For the
 * small, rare objects (the batch error object). */
size_t jsonout_dump(const json_t *j, struct jsonout_buf *b);

struct jsonout_cached; /* a rubric string as jansson escaped it */

/* The result writer: its buffer and a cache of the escaped rubric strings
 * (kinds, tips; by address). The cache is only valid while the rubrics
 * that own those strings are loaded: call jsonout_forget() or
 * jsonout_free() before a rubric is freed or replaced. */
struct jsonout {
    struct jsonout_buf buf;
    size_t len;                    /* bytes of buf in use */
    struct jsonout_cached *cache;  /* allocated on first use */
};

void jsonout_init(struct jsonout *w);
void jsonout_forget(struct jsonout *w);
void jsonout_free(struct jsonout *w);

/* Write the result as one line into w->buf and return its length: with
 * `"id":` + the id (any JSON value, as jansson dumps it) first, unless
 * id is NULL (single-reply --json). Works with any jansson allocator. */
size_t jsonout_result(struct jsonout *w, const json_t *id,
                      const score_result *res);

#endif
