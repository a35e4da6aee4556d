/*
 * jsonl-fast.h - the fast path of `hamdel score --jsonl`.
 *
 * Measured on the bench corpus, jansson's json_loadb and json_dumpb took
 * about 14 of the 18 us per line (the scorer about 4), so batch mode reads
 * and writes the common, well-formed line itself:
 *   - jfast_parse() accepts only lines it fully understands: a valid JSON
 *     object with the keys id (string, integer, true/false/null), reply
 *     (string) and context (object); anything else - invalid JSON, another
 *     id type, a duplicate or unknown key, deep nesting - returns -1 and
 *     batch.c handles the line with jansson, which also writes every error
 *     object. So error messages come from one place only.
 *   - the context is validated by ctx_apply() (context.c), like YAML and
 *     jansson contexts: this file only adapts its nodes.
 *   - jfast_write_result() writes exactly the bytes jansson would write
 *     for the same result (same key order, escapes, number format); the
 *     CLI tests compare both paths byte for byte (--jansson forces the
 *     reference path).
 */
#ifndef HAMDEL_JSONL_FAST_H
#define HAMDEL_JSONL_FAST_H

#include <stddef.h>

#include "arena.h"
#include "context.h"
#include "json-out.h"
#include "score.h"

struct jfast_node;

/* Parser state, reused for every line (its buffers only grow). */
struct jfast {
    struct jfast_node *nodes;
    size_t n_nodes, cap_nodes;
    char *scratch; /* decoded strings, NUL-terminated */
    size_t used, cap;
    const char *p, *end; /* the line being parsed */
    int depth;
};

/* What a line holds; strings point into the parser's scratch buffer and
 * stay valid until the next jfast_parse(). */
struct jfast_line {
    enum { JFAST_ID_NONE, JFAST_ID_NULL, JFAST_ID_INT, JFAST_ID_STR,
           JFAST_ID_TRUE, JFAST_ID_FALSE } id_kind;
    long long id_int;
    const char *id_str;
    size_t id_len;
    const char *reply;
    size_t reply_len;
    int context; /* node index of the context object, or -1 */
};

void jfast_init(struct jfast *f);
void jfast_free(struct jfast *f);

/* 0 when the line is on the fast path, -1 to hand it to jansson. */
int jfast_parse(struct jfast *f, const char *line, size_t len,
                struct jfast_line *out);

/* Apply the line's context (if any) to cx through ctx_apply(). */
int jfast_context(struct jfast *f, const struct jfast_line *l,
                  struct ctx_data *cx, struct arena *a, struct ctx_error *err);

/* Write `{"id":...,` + the result + "}\n" into b, as json-out.c and
 * jansson would; returns the length, or 0 if a value cannot be written
 * that way (then use the jansson path). */
size_t jfast_write_result(struct jsonout_buf *b, const struct jfast_line *l,
                          const score_result *res);
/* Forget the writer's cache of escaped rubric strings; call it before
 * the rubrics are freed (a new rubric may reuse the same addresses). */
void jfast_write_reset(void);

#endif
