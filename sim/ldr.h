/*
 * ldr.h - the loaders' toolkit: YAML files read into a tree with positions
 * under the limits that keep hostile files harmless, and the schema
 * helpers that turn every problem into a FILE:LINE:COL diagnostic.
 *
 * Internal to the two loaders, scn-load.c (scenarios) and track-load.c
 * (tracks); everything else uses scn.h and track.h. Public names carry the
 * ldr_ prefix. A loader fills an ldr (file, text, diagnostics, the noun its
 * messages use), calls ldr_parse, checks the root with ldr_root_ok, then
 * reads keys with ldr_fields / ldr_get and the typed readers; each reader
 * reports what is wrong at the value's position and keeps going, so an
 * author sees every problem at once.
 */
#ifndef HAMDEL_LDR_H
#define HAMDEL_LDR_H

#include <stddef.h>

#include "scn.h"

#define LDR_MAX_ERRORS 50      /* per file; beyond that it is the wrong file */
#define LDR_MAX_VALUES 200000  /* YAML values per file */
#define LDR_MAX_LIST 64        /* items of a list of texts */
#define LDR_MAX_ID 64          /* bytes of an id */

enum { LDR_SCALAR, LDR_SEQ, LDR_MAP, LDR_BAD /* an alias we refused */ };

/* A YAML value with its position (1-based line and column). */
typedef struct ldr_yn {
    int kind;
    int quoted;  /* scalar written in quotes (or as a block): always text */
    int null;    /* plain empty, ~ or null */
    char *s;     /* scalar value, NUL-terminated, controls replaced */
    int line, col;
    struct ldr_yn **kid; /* SEQ items; MAP key, value, key, value, ... */
    size_t n, cap;
} ldr_yn;

/* One file being read. Set file, text, len, d and noun; the rest starts 0. */
typedef struct {
    const char *file;
    const char *text;
    size_t len;
    scn_diags *d;
    const char *noun;  /* "scenario", "track": what messages call the file */
    size_t nerr;
    size_t values;     /* ldr_yn nodes made */
    unsigned langs;    /* from `languages` (ldr_languages), when valid */
    int langs_ok;      /* texts must then have exactly those languages */
    int fatal;         /* the YAML could not be read to the end */
} ldr;

/* A key and its value, as split out by ldr_fields. */
typedef struct {
    const ldr_yn *k, *v;
} ldr_kv;

extern const char *const ldr_lang_keys[2]; /* "en", "fa" */

void ldr_err(ldr *L, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* At most 60 bytes of `s`, cut on a character boundary: "%.*s" in messages. */
int ldr_clip(const char *s);

/* Stages 1 and 2: the tree, or NULL (problems reported; L->fatal set when
 * the file could not be read to its end). Free with ldr_yn_free. */
ldr_yn *ldr_parse(ldr *L, size_t max_bytes);
void ldr_yn_free(ldr_yn *n);
/* An empty file or a root that is no mapping gets one sentence ending in
 * `how` (what the file should be). 1 when the root is a mapping. */
int ldr_root_ok(ldr *L, const ldr_yn *root, const char *how);
/* Sort the diagnostics from `first` on into the order of the file. */
void ldr_sort(scn_diags *d, size_t first);

/* "a list", "a mapping", "empty", ...: for "must be X, not Y" messages. */
const char *ldr_what(const ldr_yn *v);
/* Split a mapping into its known keys (out[i] for keys[i], the first
 * occurrence) and report the unknown ones with a did-you-mean. 0 when it
 * is no mapping (reported, `what` naming it). */
int ldr_fields(ldr *L, const ldr_yn *map, const char *const *keys, size_t nk,
               ldr_kv *out, const char *what);
/* The value of a key, or NULL (after a message when it was required, or
 * present without a value). */
const ldr_yn *ldr_get(ldr *L, const ldr_yn *map, const ldr_kv *kv, const char *key,
                      int required);
char *ldr_string(ldr *L, const ldr_yn *v, const char *key, size_t max);
int ldr_number(ldr *L, const ldr_yn *v, const char *key, double lo, double hi,
               int whole, double *out);
void ldr_bool(ldr *L, const ldr_yn *v, const char *key, int *out);
/* The index of the value in `names`, or -1 after a message. */
int ldr_enum(ldr *L, const ldr_yn *v, const char *key, const char *const *names,
             size_t n, const char *list);
/* An id: 1 to LDR_MAX_ID of a-z, 0-9 and `extra`. */
int ldr_id_ok(const char *s, char extra);
char *ldr_id(ldr *L, const ldr_yn *v, const char *key, char extra);
/* 1 << SCORE_LANG_EN for i == 0, 1 << SCORE_LANG_FA for 1. */
unsigned ldr_lang_bit(int i);
/* `languages: [en, fa]` into L->langs (L->langs_ok when all were valid). */
void ldr_languages(ldr *L, const ldr_yn *v);
/* Is language i (0 en, 1 fa) of a per-language mapping there as the
 * listed languages require? 1 when kv->v is to be read. */
int ldr_lang_here(ldr *L, const ldr_yn *map, const ldr_kv *kv, const char *key, int i);
/* A text {en: "...", fa: "..."}; with L->langs_ok, every listed language
 * and no other. */
void ldr_text(ldr *L, const ldr_yn *v, const char *key, scn_text *out);
void ldr_list(ldr *L, const ldr_yn *v, const char *key, scn_strings *out);

#endif
