/*
 * context.h - the context of a reply: what the customer said and wants.
 *
 * A context comes from a YAML file (--context), from flags (--customer,
 * --tension, ...) or, in batch mode, from the "context" object of a JSONL
 * line. Both file formats go through ONE validator (ctx_apply): each loader
 * only wraps its nodes as struct ctx_value and supplies a ctx_source that
 * can walk lists and mappings, so keys, types and ranges are checked the
 * same way and with the same messages whatever the format.
 *
 * Schema (every key optional):
 *   lang: en|fa|auto   customer: str   customer_name: str
 *   wants: action|empathy|both   tension: 0..10   abusive: bool
 *   facts: {cannot_promise: [str], unknown: [str]}   history: [str]
 */
#ifndef HAMDEL_CONTEXT_H
#define HAMDEL_CONTEXT_H

#include <stddef.h>

#include "arena.h"
#include "score.h"

/* Bits of ctx_data.set: which fields were given. */
enum {
    CTX_HAS_LANG = 1u << 0,
    CTX_HAS_CUSTOMER = 1u << 1,
    CTX_HAS_NAME = 1u << 2,
    CTX_HAS_WANTS = 1u << 3,
    CTX_HAS_TENSION = 1u << 4,
    CTX_HAS_ABUSIVE = 1u << 5,
    CTX_HAS_CANNOT = 1u << 6,
    CTX_HAS_UNKNOWN = 1u << 7,
    CTX_HAS_HISTORY = 1u << 8
};

struct ctx_data {
    unsigned set;
    score_lang lang;
    const char *customer, *customer_name;
    score_wants wants;
    double tension;
    int abusive;
    const char **cannot_promise, **unknown, **history;
    size_t n_cannot_promise, n_unknown, n_history;
};

/* An error with its position in the source (1-based; 0 = unknown). */
struct ctx_error {
    int line, col;
    char msg[400];
};

/* A format-neutral view of one node of a YAML or JSON document. */
enum ctx_vtype {
    CTX_V_NULL,
    CTX_V_STR,   /* a quoted string (YAML quoted scalar, JSON string) */
    CTX_V_PLAIN, /* a YAML plain scalar: string, number or bool by use */
    CTX_V_NUM,
    CTX_V_BOOL,
    CTX_V_SEQ,
    CTX_V_MAP
};

struct ctx_value {
    enum ctx_vtype type;
    const char *s; /* STR and PLAIN: NUL-terminated text */
    size_t len;
    double num;        /* NUM */
    int b;             /* BOOL */
    int line, col;     /* 1-based position, 0 if the format has none */
    const void *node;  /* the loader's node, for ctx_source.each */
};

/* Called per item of a list (key NULL) or per pair of a mapping; a
 * nonzero return stops the walk and is returned by each(). */
typedef int (*ctx_visit_fn)(void *ud, const struct ctx_value *key,
                            const struct ctx_value *val);

struct ctx_source {
    int (*each)(const struct ctx_source *src, const struct ctx_value *v,
                ctx_visit_fn fn, void *ud);
    void *doc; /* the loader's document, if it needs one */
    /* 1 when the source's strings outlive the context (no copy needed). */
    int borrow;
};

void ctx_init(struct ctx_data *cx);
/*
 * Validate a context mapping and set the fields it gives in `cx`. Strings
 * are copied into `a` unless the source lends them. Returns 0, or -1 with
 * `err` filled (position of the offending node when known).
 */
int ctx_apply(struct ctx_data *cx, const struct ctx_source *src,
              const struct ctx_value *map, struct arena *a,
              struct ctx_error *err);
/* Fields set in `over` replace those of `dst` (pointers are shared). */
void ctx_merge(struct ctx_data *dst, const struct ctx_data *over);
/* Fill a score_context that borrows from `cx`. */
void ctx_to_score(const struct ctx_data *cx, score_context *out);

/*
 * Load a YAML context file (context-yaml.c). Returns 0, or a sysexits
 * code: UTIL_EX_NOINPUT / UTIL_EX_IOERR (err->msg is strerror) or
 * UTIL_EX_DATAERR (err has the line and column).
 */
int ctx_load_yaml_file(struct ctx_data *cx, const char *path, struct arena *a,
                       struct ctx_error *err);

/* Apply a context mapping that is a node of a libyaml document another
 * loader parsed (`doc` is a yaml_document_t *, `node` a yaml_node_t *):
 * how scenario and calibration files reuse the one context schema. */
int ctx_apply_yaml_node(struct ctx_data *cx, void *doc, const void *node, struct arena *a,
                        struct ctx_error *err);

/* Apply a jansson object (context-json.c); `obj` is a json_t *. The
 * strings are borrowed from the JSON value, which must outlive cx. */
int ctx_apply_json(struct ctx_data *cx, const void *obj, struct arena *a,
                   struct ctx_error *err);

#endif
