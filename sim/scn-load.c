/*
 * scn-load.c - reads one scenario file (docs/scenarios.md) into an
 * scn_scenario and reports EVERY problem of the file as FILE:LINE:COL.
 *
 * A scenario file is untrusted input that will end up on a trainee's
 * terminal, so loading runs in three stages, each of which keeps going
 * after a problem so that an author sees all of them at once:
 *
 *  1. the bytes: size cap, NUL bytes, invalid UTF-8 and raw control
 *     characters, with their line and column, before libyaml sees them;
 *  2. the YAML: libyaml's event API builds a small tree of our own (yn),
 *     which lets us refuse anchors and aliases where they appear (no
 *     billion laughs), bound the nesting depth and the number of values,
 *     spot duplicate keys (libyaml accepts them) and check every scalar
 *     for terminal escapes and bidi overrides;
 *  3. the schema: keys, types, ranges, languages, conditions (scn-expr.c)
 *     and node targets; then the graph checks of scn-check.c.
 *
 * Problems go to scn_diags (scn-util.c); `hamdel lint` prints them.
 */
#include "scn.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

#define LD_MAX_ERRORS 50      /* per file; beyond that it is the wrong file */
#define LD_MAX_VALUES 200000  /* YAML values per file */
#define LD_MAX_LIST 64        /* tags, facts per language */
#define LD_MAX_ID 64          /* bytes of an id */

/* ---- the YAML tree ---------------------------------------------------------- */

enum { YN_SCALAR, YN_SEQ, YN_MAP, YN_BAD /* an alias we refused */ };

typedef struct yn {
    int kind;
    int quoted;  /* scalar written in quotes (or as a block): always text */
    int null;    /* plain empty, ~ or null */
    char *s;     /* scalar value, NUL-terminated, controls replaced */
    int line, col;
    struct yn **kid; /* SEQ items; MAP key, value, key, value, ... */
    size_t n, cap;
} yn;

typedef struct {
    const char *file;
    const char *text;
    size_t len;
    scn_diags *d;
    size_t nerr;
    const scn_opts *o;
    size_t values;          /* yn nodes made */
    unsigned langs;         /* from `languages`, when it was valid */
    int langs_ok;
    int fatal;              /* the YAML could not be read to the end */
    scn_scenario *s;
    struct ld_goto { scn_branch *b; const yn *v; } *gotos;
    size_t n_gotos, cap_gotos;
} ld;

static void ld_err(ld *L, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void ld_err(ld *L, int line, int col, const char *fmt, ...)
{
    char buf[900];
    if (L->nerr++ > LD_MAX_ERRORS)
        return;
    if (L->nerr > LD_MAX_ERRORS) {
        scn_diags_add(L->d, L->file, line, col,
                      "too many problems; stopping after %d", LD_MAX_ERRORS);
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    scn_diags_add(L->d, L->file, line, col, "%s", buf);
}

/* At most 60 bytes of `s`, cut on a character boundary: for messages. */
static int ld_clip(const char *s)
{
    size_t n = strlen(s);
    if (n <= 60)
        return (int)n;
    n = 60;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return (int)n;
}

static yn *yn_new(ld *L, int kind, const yaml_mark_t *m)
{
    yn *n = util_xmalloc(sizeof *n);
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->line = (int)m->line + 1;
    n->col = (int)m->column + 1;
    L->values++;
    return n;
}

static void yn_add(yn *parent, yn *child)
{
    if (parent->n == parent->cap) {
        parent->cap = parent->cap ? parent->cap * 2 : 8;
        parent->kid = util_xrealloc(parent->kid, parent->cap * sizeof *parent->kid);
    }
    parent->kid[parent->n++] = child;
}

static void yn_free(yn *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->n; i++)
        yn_free(n->kid[i]);
    free(n->kid);
    free(n->s);
    free(n);
}

/* ---- stage 1: the bytes -------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s (code point in *cp), or 0. */
static size_t ld_utf8(const unsigned char *s, size_t avail, unsigned *cp)
{
    unsigned c = s[0];
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (!n || c > 0xF4 || n > avail)
        return 0;
    unsigned v = c & (0x3F >> (n - 1));
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = v << 6 | (s[i] & 0x3F);
    }
    static const unsigned min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < min[n] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0; /* overlong, out of range, surrogate */
    *cp = v;
    return n;
}

/* Characters a scenario text may not contain: they could drive the
 * terminal (ESC, C0, C1, DEL) or disguise the text (bidi overrides). */
static int ld_bad_cp(unsigned cp)
{
    return (cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F ||
           (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

static const char *ld_cp_name(unsigned cp)
{
    if (cp == 0x1B)
        return " (escape: terminal escape sequences are not allowed)";
    if (cp >= 0x202A)
        return " (a bidi control: it can make text read differently "
               "from what it says)";
    return " (control characters are not allowed in a scenario)";
}

/* Stage 1: returns the number of problems; the YAML is only parsed
 * when there are none (libyaml would stop at the first anyway). */
static size_t ld_prescan(ld *L)
{
    const unsigned char *s = (const unsigned char *)L->text;
    size_t i = 0, before = L->nerr;
    int line = 1, col = 1;
    if (L->len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3; /* a byte-order mark is allowed (and skipped by libyaml) */
    while (i < L->len && L->nerr <= LD_MAX_ERRORS) {
        unsigned cp;
        size_t n = ld_utf8(s + i, L->len - i, &cp);
        if (n == 0) {
            ld_err(L, line, col, "invalid UTF-8 (byte 0x%02X): a scenario "
                   "must be UTF-8 text", s[i]);
            n = 1;
        } else if (cp == 0) {
            ld_err(L, line, col, "NUL byte: a scenario must be UTF-8 text, "
                   "not binary");
        } else if (cp == '\n' || (cp == '\r' && (i + 1 == L->len || s[i + 1] != '\n'))) {
            i += n, line++, col = 1;
            continue;
        } else if (ld_bad_cp(cp) && cp != '\r' && cp < 0x202A) {
            ld_err(L, line, col, "control character U+%04X%s", cp, ld_cp_name(cp));
        }
        i += n, col++;
    }
    return L->nerr - before;
}

/* ---- stage 2: the YAML tree ------------------------------------------------------ */

/* Copy a scalar, replacing forbidden characters by '?' so that no later
 * message can carry them to the terminal; report the first one. */
static void ld_scalar_text(ld *L, yn *n, const unsigned char *v, size_t len)
{
    char *out = util_xmalloc(len + 1);
    size_t o = 0;
    int told = 0;
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t k = ld_utf8(v + i, len - i, &cp);
        if (k == 0 || ld_bad_cp(cp)) {
            if (told++)
                ;
            else if (k == 0)
                ld_err(L, n->line, n->col, "invalid UTF-8 in a text");
            else
                ld_err(L, n->line, n->col, "text contains U+%04X%s", cp,
                       ld_cp_name(cp));
            out[o++] = '?';
            i += k ? k : 1;
            continue;
        }
        memcpy(out + o, v + i, k);
        o += k, i += k;
    }
    out[o] = '\0';
    n->s = out;
}

typedef struct {
    yn *stack[SCN_MAX_DEPTH + 2];
    int depth, docs;
    yn *root;
} ld_build;

static int ld_is_null(const yaml_event_t *e)
{
    const char *s = (const char *)e->data.scalar.value;
    return e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
           (!*s || !strcmp(s, "~") || !strcmp(s, "null") ||
            !strcmp(s, "Null") || !strcmp(s, "NULL"));
}

/* Attach a new node where the builder stands; 0 when the file must stop. */
static int ld_attach(ld *L, ld_build *b, yn *n, const unsigned char *anchor)
{
    if (anchor)
        ld_err(L, n->line, n->col, "anchor '&%.40s' is not allowed: "
               "scenarios do not use anchors and aliases (write the text out)",
               (const char *)anchor);
    if (L->values > LD_MAX_VALUES) {
        ld_err(L, n->line, n->col, "too many YAML values (more than %d)", LD_MAX_VALUES);
        L->fatal = 1;
        yn_free(n);
        return 0;
    }
    if (b->depth == 0) {
        b->root = n;
        return 1;
    }
    yn *parent = b->stack[b->depth - 1];
    if (parent->kind == YN_MAP && parent->n % 2 == 0 && n->kind != YN_SCALAR)
        ld_err(L, n->line, n->col, "a key must be a name, not a list or mapping");
    yn_add(parent, n);
    return 1;
}

static int ld_cmp_key(const void *a, const void *b)
{
    const yn *x = *(yn *const *)a, *y = *(yn *const *)b;
    int c = strcmp(x->s, y->s);
    if (c)
        return c;
    return x->line != y->line ? x->line - y->line : x->col - y->col;
}

/* libyaml keeps duplicate keys; a scenario must not (which one wins?). */
static void ld_dup_keys(ld *L, const yn *map)
{
    size_t n = 0;
    yn **keys = util_xmalloc((map->n / 2 + 1) * sizeof *keys);
    for (size_t i = 0; i + 1 < map->n; i += 2)
        if (map->kid[i]->kind == YN_SCALAR)
            keys[n++] = map->kid[i];
    qsort(keys, n, sizeof *keys, ld_cmp_key);
    for (size_t i = 1, first = 0; i < n; i++) {
        if (strcmp(keys[i]->s, keys[first]->s) != 0) {
            first = i;
            continue;
        }
        ld_err(L, keys[i]->line, keys[i]->col, "duplicate key '%.*s' (first at "
               "line %d, column %d)", ld_clip(keys[i]->s), keys[i]->s,
               keys[first]->line, keys[first]->col);
    }
    free(keys);
}

static int ld_open(ld *L, ld_build *b, const yaml_event_t *e, int kind,
                   const unsigned char *anchor)
{
    yn *n = yn_new(L, kind, &e->start_mark);
    if (!ld_attach(L, b, n, anchor))
        return 0;
    if (b->depth >= SCN_MAX_DEPTH) {
        ld_err(L, n->line, n->col, "nested deeper than %d levels", SCN_MAX_DEPTH);
        L->fatal = 1;
        return 0;
    }
    b->stack[b->depth++] = n;
    return 1;
}

static int ld_leaf(ld *L, ld_build *b, const yaml_event_t *e)
{
    yn *n;
    if (e->type == YAML_ALIAS_EVENT) {
        n = yn_new(L, YN_BAD, &e->start_mark);
        ld_err(L, n->line, n->col, "alias '*%.40s' is not allowed: scenarios "
               "do not use anchors and aliases (write the text out)",
               (const char *)e->data.alias.anchor);
        return ld_attach(L, b, n, NULL);
    }
    n = yn_new(L, YN_SCALAR, &e->start_mark);
    n->quoted = e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
    n->null = ld_is_null(e);
    ld_scalar_text(L, n, e->data.scalar.value, e->data.scalar.length);
    return ld_attach(L, b, n, e->data.scalar.anchor);
}

/* One event; returns 0 when the tree is complete or must stop. */
static int ld_event(ld *L, ld_build *b, const yaml_event_t *e)
{
    switch (e->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (b->docs++ == 0)
            return 1;
        ld_err(L, (int)e->start_mark.line + 1, (int)e->start_mark.column + 1,
               "a second YAML document: a scenario file holds one scenario");
        L->fatal = 1;
        return 0;
    case YAML_SCALAR_EVENT:
    case YAML_ALIAS_EVENT: return ld_leaf(L, b, e);
    case YAML_SEQUENCE_START_EVENT:
        return ld_open(L, b, e, YN_SEQ, e->data.sequence_start.anchor);
    case YAML_MAPPING_START_EVENT:
        return ld_open(L, b, e, YN_MAP, e->data.mapping_start.anchor);
    case YAML_MAPPING_END_EVENT:
        ld_dup_keys(L, b->stack[b->depth - 1]);
        b->depth--;
        return 1;
    case YAML_SEQUENCE_END_EVENT: b->depth--; return 1;
    case YAML_STREAM_END_EVENT: return 0;
    default: return 1;
    }
}

static void ld_syntax(ld *L, const yaml_parser_t *p)
{
    const char *what = p->problem ? p->problem : "syntax error";
    int line = (int)p->problem_mark.line + 1, col = (int)p->problem_mark.column + 1;
    if (p->context)
        ld_err(L, line, col, "YAML syntax: %s (%s at line %d)", what, p->context,
               (int)p->context_mark.line + 1);
    else
        ld_err(L, line, col, "YAML syntax: %s", what);
}

static yn *ld_tree(ld *L)
{
    yaml_parser_t p;
    yaml_event_t e;
    ld_build b;
    memset(&b, 0, sizeof b);
    if (!yaml_parser_initialize(&p))
        util_die(UTIL_EX_SOFTWARE, "cannot initialise the YAML parser");
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
    yaml_parser_set_input_string(&p, (const unsigned char *)L->text, L->len);
    for (int more = 1; more;) {
        if (!yaml_parser_parse(&p, &e)) {
            ld_syntax(L, &p);
            L->fatal = 1;
            break;
        }
        more = ld_event(L, &b, &e);
        yaml_event_delete(&e);
    }
    yaml_parser_delete(&p);
    return b.root;
}

/* ---- stage 3: the schema ------------------------------------------------------- */

typedef struct {
    const yn *k, *v;
} ld_kv;

static const char *const ld_lang_keys[] = {"en", "fa"};

static const char *yn_what(const yn *v)
{
    switch (v->kind) {
    case YN_SEQ: return "a list";
    case YN_MAP: return "a mapping";
    case YN_BAD: return "an alias";
    default: return v->null ? "empty" : "a single value";
    }
}

static void ld_unknown_key(ld *L, const yn *k, const char *const *keys, size_t nk)
{
    const char *sug = scn_suggest(k->s, keys, nk);
    if (sug) {
        ld_err(L, k->line, k->col, "unknown key '%.*s' (did you mean '%s'?)",
               ld_clip(k->s), k->s, sug);
        return;
    }
    char list[400] = "";
    for (size_t i = 0; i < nk; i++) {
        strncat(list, keys[i], sizeof list - strlen(list) - 1);
        strncat(list, i + 1 < nk ? ", " : "", sizeof list - strlen(list) - 1);
    }
    ld_err(L, k->line, k->col, "unknown key '%.*s' (expected %s)",
           ld_clip(k->s), k->s, list);
}

/* Split a mapping into its known keys (out[i] for keys[i], the first
 * occurrence) and report the unknown ones. 0 when it is no mapping. */
static int ld_fields(ld *L, const yn *map, const char *const *keys, size_t nk,
                     ld_kv *out, const char *what)
{
    memset(out, 0, nk * sizeof *out);
    if (map->kind == YN_BAD)
        return 0;
    if (map->kind != YN_MAP) {
        ld_err(L, map->line, map->col, "%s must be a mapping (key: value), not %s",
               what, yn_what(map));
        return 0;
    }
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const yn *k = map->kid[i];
        size_t j = 0;
        if (k->kind != YN_SCALAR)
            continue; /* reported while the tree was built */
        while (j < nk && strcmp(k->s, keys[j]) != 0)
            j++;
        if (j == nk)
            ld_unknown_key(L, k, keys, nk);
        else if (!out[j].k)
            out[j].k = k, out[j].v = map->kid[i + 1];
    }
    return 1;
}

/* The value of a key, or NULL (after a message when it was required, or
 * present without a value). */
static const yn *ld_get(ld *L, const yn *map, const ld_kv *kv, const char *key,
                        int required)
{
    if (!kv->k) {
        if (required)
            ld_err(L, map->line, map->col, "missing required key '%s'", key);
        return NULL;
    }
    if (kv->v->kind == YN_SCALAR && kv->v->null) {
        ld_err(L, kv->k->line, kv->k->col, "'%s' has no value", key);
        return NULL;
    }
    return kv->v->kind == YN_BAD ? NULL : kv->v;
}

static char *ld_string(ld *L, const yn *v, const char *key, size_t max)
{
    if (v->kind != YN_SCALAR) {
        ld_err(L, v->line, v->col, "'%s' must be a text, not %s", key, yn_what(v));
        return NULL;
    }
    if (strlen(v->s) > max) {
        ld_err(L, v->line, v->col, "'%s' is longer than %zu bytes", key, max);
        return NULL;
    }
    return util_xstrdup(v->s);
}

static int ld_number(ld *L, const yn *v, const char *key, double lo, double hi,
                     int whole, double *out)
{
    double x;
    if (v->kind == YN_SCALAR && !v->quoted && util_parse_double(v->s, &x) == 0 &&
        x >= lo && x <= hi && (!whole || x == (double)(long)x)) {
        *out = x;
        return 1;
    }
    if (v->kind == YN_SCALAR)
        ld_err(L, v->line, v->col, "'%s' must be a %s from %g to %g, not %s'%.*s'",
               key, whole ? "whole number" : "number", lo, hi,
               v->quoted ? "the quoted text " : "", ld_clip(v->s), v->s);
    else
        ld_err(L, v->line, v->col, "'%s' must be a %s from %g to %g, not %s",
               key, whole ? "whole number" : "number", lo, hi, yn_what(v));
    return 0;
}

static void ld_bool(ld *L, const yn *v, const char *key, int *out)
{
    static const char *const t[] = {"true", "True", "TRUE"}, *const f[] = {"false", "False", "FALSE"};
    for (int i = 0; i < 3 && v->kind == YN_SCALAR && !v->quoted; i++) {
        if (strcmp(v->s, t[i]) == 0 || strcmp(v->s, f[i]) == 0) {
            *out = strcmp(v->s, t[i]) == 0;
            return;
        }
    }
    ld_err(L, v->line, v->col, "'%s' must be true or false", key);
}

/* The index of the value in `names`, or -1 after a message. */
static int ld_enum(ld *L, const yn *v, const char *key, const char *const *names,
                   size_t n, const char *list)
{
    if (v->kind == YN_SCALAR)
        for (size_t i = 0; i < n; i++)
            if (strcmp(v->s, names[i]) == 0)
                return (int)i;
    const char *sug = v->kind == YN_SCALAR ? scn_suggest(v->s, names, n) : NULL;
    if (sug)
        ld_err(L, v->line, v->col, "'%s' must be %s, not '%.*s' (did you mean '%s'?)",
               key, list, ld_clip(v->s), v->s, sug);
    else if (v->kind == YN_SCALAR)
        ld_err(L, v->line, v->col, "'%s' must be %s, not '%.*s'", key, list,
               ld_clip(v->s), v->s);
    else
        ld_err(L, v->line, v->col, "'%s' must be %s, not %s", key, list, yn_what(v));
    return -1;
}

/* An id: a-z, 0-9 and `extra` ('-' for scenarios, '_' for nodes). */
static int ld_id_ok(const char *s, char extra)
{
    if (!*s || strlen(s) > LD_MAX_ID)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == extra))
            return 0;
    return 1;
}

static char *ld_id(ld *L, const yn *v, const char *key, char extra)
{
    if (v->kind == YN_SCALAR && ld_id_ok(v->s, extra))
        return util_xstrdup(v->s);
    if (v->kind == YN_SCALAR)
        ld_err(L, v->line, v->col, "%s '%.*s' must be 1 to %d of a-z, 0-9 and '%c'",
               key, ld_clip(v->s), v->s, LD_MAX_ID, extra);
    else
        ld_err(L, v->line, v->col, "%s must be a name, not %s", key, yn_what(v));
    return NULL;
}

static unsigned ld_lang_bit(int i)
{
    return 1u << (i == 0 ? SCORE_LANG_EN : SCORE_LANG_FA);
}

static void ld_languages(ld *L, const yn *v)
{
    unsigned bits = 0;
    int ok = 1;
    if (v->kind != YN_SEQ || v->n == 0) {
        ld_err(L, v->line, v->col, "'languages' must be a list such as [en, fa], not %s",
               v->kind == YN_SEQ ? "an empty list" : yn_what(v));
        return;
    }
    for (size_t i = 0; i < v->n; i++) {
        int k = ld_enum(L, v->kid[i], "languages", ld_lang_keys, 2, "en or fa");
        if (k < 0) {
            ok = 0;
        } else if (bits & ld_lang_bit(k)) {
            ld_err(L, v->kid[i]->line, v->kid[i]->col, "'%s' is listed twice",
                   ld_lang_keys[k]);
        }
        if (k >= 0)
            bits |= ld_lang_bit(k);
    }
    L->s->langs = bits;
    L->langs_ok = ok;
}

/* Is language i there as the listed languages require? 1 when the value
 * kv->v is to be read. */
static int ld_lang_here(ld *L, const yn *map, const ld_kv *kv, const char *key, int i)
{
    const char *lang = ld_lang_keys[i];
    if (!kv->k) {
        if (L->langs_ok && (L->s->langs & ld_lang_bit(i)))
            ld_err(L, map->line, map->col, "'%s' has no '%s' text (languages lists %s)",
                   key, lang, lang);
        return 0;
    }
    if (L->langs_ok && !(L->s->langs & ld_lang_bit(i)))
        ld_err(L, kv->k->line, kv->k->col, "'%s' has a '%s' text, but languages "
               "does not list %s", key, lang, lang);
    return kv->v->kind != YN_BAD;
}

/* A text: {en: "...", fa: "..."} with every listed language. */
static void ld_text(ld *L, const yn *v, const char *key, scn_text *out)
{
    ld_kv kv[2];
    if (v->kind != YN_MAP) {
        ld_err(L, v->line, v->col, "'%s' must give the text per language, e.g. "
               "{en: \"...\", fa: \"...\"}, not %s", key, yn_what(v));
        return;
    }
    ld_fields(L, v, ld_lang_keys, 2, kv, key);
    for (int i = 0; i < 2; i++) {
        if (!ld_lang_here(L, v, &kv[i], key, i))
            continue;
        const yn *t = kv[i].v;
        if (t->kind == YN_SCALAR && (t->null || !t->s[0])) {
            ld_err(L, t->line, t->col, "the '%s' text of '%s' is empty",
                   ld_lang_keys[i], key);
            continue;
        }
        out->t[i] = ld_string(L, t, key, SCN_MAX_TEXT);
    }
}

static void ld_list(ld *L, const yn *v, const char *key, scn_strings *out)
{
    if (v->kind != YN_SEQ) {
        ld_err(L, v->line, v->col, "'%s' must be a list, e.g. [\"...\", \"...\"], "
               "not %s", key, yn_what(v));
        return;
    }
    if (v->n > LD_MAX_LIST) {
        ld_err(L, v->line, v->col, "'%s' has %zu items (at most %d)", key, v->n,
               LD_MAX_LIST);
        return;
    }
    out->v = util_xmalloc((v->n + 1) * sizeof *out->v);
    for (size_t i = 0; i < v->n; i++) {
        const yn *it = v->kid[i];
        if (it->kind == YN_SCALAR && (it->null || !it->s[0])) {
            ld_err(L, it->line, it->col, "an item of '%s' is empty", key);
            continue;
        }
        char *s = it->kind == YN_BAD ? NULL : ld_string(L, it, key, SCN_MAX_TEXT);
        if (s)
            out->v[out->n++] = s;
    }
}

static const char *const ld_fact_keys[] = {"cannot_promise", "unknown"};

/* facts: {cannot_promise: {en: [...], fa: [...]}, unknown: {...}} */
static void ld_facts(ld *L, const yn *v)
{
    ld_kv kv[2], lk[2];
    const yn *x;
    if (!ld_fields(L, v, ld_fact_keys, 2, kv, "'facts'"))
        return;
    for (int f = 0; f < 2; f++) {
        const char *key = ld_fact_keys[f];
        scn_strings *dst = f == 0 ? L->s->cannot_promise : L->s->unknown;
        if (!(x = ld_get(L, v, &kv[f], key, 0)))
            continue;
        if (x->kind != YN_MAP) {
            ld_err(L, x->line, x->col, "'%s' must give a list per language, e.g. "
                   "{en: [...], fa: [...]}, not %s", key, yn_what(x));
            continue;
        }
        ld_fields(L, x, ld_lang_keys, 2, lk, key);
        for (int i = 0; i < 2; i++)
            if (ld_lang_here(L, x, &lk[i], key, i))
                ld_list(L, lk[i].v, key, &dst[i]);
    }
}

static const char *const ld_persona_keys[] = {"name", "tension"};

static void ld_persona(ld *L, const yn *v)
{
    ld_kv kv[2];
    const yn *x;
    if (!ld_fields(L, v, ld_persona_keys, 2, kv, "'persona'"))
        return;
    if ((x = ld_get(L, v, &kv[0], "name", 1)))
        ld_text(L, x, "name", &L->s->persona_name);
    if ((x = ld_get(L, v, &kv[1], "tension", 1)))
        ld_number(L, x, "tension", 0, 10, 0, &L->s->tension);
}

/* ---- nodes and branches --------------------------------------------------- */

static const char *const ld_branch_keys[] = {"when", "say", "tension", "goto"};
static const char *const ld_node_keys[] = {
    "customer", "wants", "abusive", "hint", "model_answer", "branches", "ending", "debrief"};
enum { NK_CUSTOMER, NK_WANTS, NK_ABUSIVE, NK_HINT, NK_MODEL, NK_BRANCHES,
       NK_ENDING, NK_DEBRIEF, NK_N };
static const char *const ld_endings[] = {"resolved", "escalated", "churned", "ended"};
/* In score_wants order. */
static const char *const ld_wants[] = {"both", "action", "empathy"};

/* Parse the condition now: a typo must be a lint error, not a surprise in
 * the middle of a session. Columns point into the file when they can. */
static void ld_when(ld *L, const yn *x, scn_branch *b)
{
    char msg[300];
    int col = 0;
    if (x->kind != YN_SCALAR) {
        ld_err(L, x->line, x->col, "'when' must be a condition, not %s", yn_what(x));
        return;
    }
    b->when_src = util_xstrdup(x->s);
    b->when = scn_expr_parse(x->s, L->o, msg, sizeof msg, &col);
    if (b->when)
        return;
    int c = x->col;
    if (!strchr(x->s, '\n') && col > 0)
        c = x->col + x->quoted + col - 1;
    ld_err(L, x->line, c, "condition: %s", msg);
}

/* goto targets are resolved once every node is known (ld_resolve). */
static void ld_goto_later(ld *L, scn_branch *b, const yn *v)
{
    if (L->n_gotos == L->cap_gotos) {
        L->cap_gotos = L->cap_gotos ? L->cap_gotos * 2 : 64;
        L->gotos = util_xrealloc(L->gotos, L->cap_gotos * sizeof *L->gotos);
    }
    L->gotos[L->n_gotos].b = b;
    L->gotos[L->n_gotos++].v = v;
}

static void ld_branch(ld *L, const yn *v, scn_branch *b)
{
    ld_kv kv[4];
    const yn *x;
    b->target = -1;
    b->line = v->line, b->col = v->col;
    if (!ld_fields(L, v, ld_branch_keys, 4, kv, "a branch"))
        return;
    if ((x = ld_get(L, v, &kv[0], "when", 0)))
        ld_when(L, x, b);
    if ((x = ld_get(L, v, &kv[1], "say", 0)))
        ld_text(L, x, "say", &b->say);
    if ((x = ld_get(L, v, &kv[2], "tension", 0)))
        ld_number(L, x, "tension", -10, 10, 0, &b->tension);
    if ((x = ld_get(L, v, &kv[3], "goto", 1)) && (b->go = ld_string(L, x, "goto", LD_MAX_ID * 4)))
        ld_goto_later(L, b, x);
}

/* First match wins, so only the last branch may be unconditional. */
static void ld_fallback_rule(ld *L, const yn *v, const scn_node *n)
{
    for (size_t i = 0; i < n->n_branches; i++) {
        const yn *it = v->kid[i];
        int last = i + 1 == n->n_branches, has_when = n->branches[i].when_src != NULL;
        if (it->kind != YN_MAP)
            continue;
        if (!last && !has_when)
            ld_err(L, it->line, it->col, "only the last branch may leave out "
                   "'when': the branches after this one could never be taken");
        if (last && has_when)
            ld_err(L, it->line, it->col, "the last branch must leave out 'when': "
                   "it is what happens when no condition matches");
    }
}

static void ld_branches(ld *L, const yn *v, scn_node *n)
{
    if (v->kind != YN_SEQ || v->n == 0) {
        ld_err(L, v->line, v->col, "'branches' must be a list of {when, say, "
               "tension, goto}, not %s", v->kind == YN_SEQ ? "an empty list" : yn_what(v));
        return;
    }
    if (v->n > SCN_MAX_BRANCHES) {
        ld_err(L, v->line, v->col, "too many branches (%zu; at most %d)", v->n,
               SCN_MAX_BRANCHES);
        return;
    }
    n->branches = util_xmalloc(v->n * sizeof *n->branches);
    memset(n->branches, 0, v->n * sizeof *n->branches);
    n->n_branches = v->n;
    for (size_t i = 0; i < v->n; i++)
        ld_branch(L, v->kid[i], &n->branches[i]);
    ld_fallback_rule(L, v, n);
}

/* The parts that differ between an ending and a customer turn. */
static void ld_node_kind(ld *L, const yn *v, const ld_kv *kv, scn_node *n)
{
    const yn *x;
    if (n->ending != SCN_END_NONE) {
        if (kv[NK_BRANCHES].k)
            ld_err(L, kv[NK_BRANCHES].k->line, kv[NK_BRANCHES].k->col,
                   "an ending node has no branches (node '%s' is 'ending: %s')",
                   n->id, scn_ending_name(n->ending));
        if (!kv[NK_DEBRIEF].k)
            ld_err(L, v->line, v->col, "ending node '%s' needs a 'debrief' (what "
                   "a trainer would say about this outcome)", n->id);
        if ((x = ld_get(L, v, &kv[NK_DEBRIEF], "debrief", 0)))
            ld_text(L, x, "debrief", &n->debrief);
        return;
    }
    if (kv[NK_DEBRIEF].k)
        ld_err(L, kv[NK_DEBRIEF].k->line, kv[NK_DEBRIEF].k->col,
               "'debrief' belongs to an ending node (add 'ending:' or remove it)");
    if (!kv[NK_BRANCHES].k)
        ld_err(L, v->line, v->col, "node '%s' has neither 'branches' nor 'ending'",
               n->id);
    else if ((x = ld_get(L, v, &kv[NK_BRANCHES], "branches", 0)))
        ld_branches(L, x, n);
}

static void ld_node(ld *L, const yn *key, const yn *v, scn_node *n)
{
    ld_kv kv[NK_N];
    const yn *x;
    int k;
    n->id = util_xstrdup(key->s);
    n->line = key->line, n->col = key->col;
    n->wants = SCORE_WANTS_BOTH;
    if (!ld_fields(L, v, ld_node_keys, NK_N, kv, "a node"))
        return;
    if (kv[NK_ENDING].k) {
        n->ending = SCN_END_ENDED; /* even when misspelt: no cascade */
        if ((x = ld_get(L, v, &kv[NK_ENDING], "ending", 0)) &&
            (k = ld_enum(L, x, "ending", ld_endings, 4,
                         "resolved, escalated, churned or ended")) >= 0)
            n->ending = (scn_ending)(SCN_END_RESOLVED + k);
    }
    if ((x = ld_get(L, v, &kv[NK_CUSTOMER], "customer", n->ending == SCN_END_NONE)))
        ld_text(L, x, "customer", &n->customer);
    if ((x = ld_get(L, v, &kv[NK_WANTS], "wants", 0)) &&
        (k = ld_enum(L, x, "wants", ld_wants, 3, "action, empathy or both")) >= 0)
        n->wants = (score_wants)k;
    if ((x = ld_get(L, v, &kv[NK_ABUSIVE], "abusive", 0)))
        ld_bool(L, x, "abusive", &n->abusive);
    if ((x = ld_get(L, v, &kv[NK_HINT], "hint", 0)))
        ld_text(L, x, "hint", &n->hint);
    if ((x = ld_get(L, v, &kv[NK_MODEL], "model_answer", 0)))
        ld_text(L, x, "model_answer", &n->model_answer);
    ld_node_kind(L, v, kv, n);
}

static void ld_nodes(ld *L, const yn *v)
{
    scn_scenario *s = L->s;
    if (v->kind != YN_MAP || v->n == 0) {
        ld_err(L, v->line, v->col, "'nodes' must map node ids to nodes, not %s",
               v->kind == YN_MAP ? "an empty mapping" : yn_what(v));
        return;
    }
    if (v->n / 2 > SCN_MAX_NODES) {
        ld_err(L, v->line, v->col, "too many nodes (%zu; at most %d)", v->n / 2,
               SCN_MAX_NODES);
        return;
    }
    s->nodes = util_xmalloc(v->n / 2 * sizeof *s->nodes);
    memset(s->nodes, 0, v->n / 2 * sizeof *s->nodes);
    for (size_t i = 0; i + 1 < v->n; i += 2) {
        const yn *key = v->kid[i];
        if (key->kind != YN_SCALAR || scn_node_index(s, key->s) >= 0)
            continue; /* reported: a complex or duplicate key */
        if (!ld_id_ok(key->s, '_'))
            ld_err(L, key->line, key->col, "node id '%.*s' must be 1 to %d of "
                   "a-z, 0-9 and '_'", ld_clip(key->s), key->s, LD_MAX_ID);
        ld_node(L, key, v->kid[i + 1], &s->nodes[s->n_nodes++]);
    }
}

/* ---- the scenario ------------------------------------------------------------ */

static const char *const ld_top_keys[] = {
    "id", "title", "summary", "languages", "difficulty", "tags", "persona",
    "facts", "breaking_point", "start", "nodes"};
enum { TK_ID, TK_TITLE, TK_SUMMARY, TK_LANGS, TK_DIFF, TK_TAGS, TK_PERSONA,
       TK_FACTS, TK_BP, TK_START, TK_NODES, TK_N };

/* A node reference (start, breaking_point, goto): the index, or -1. */
static int ld_ref(ld *L, const yn *v, const char *key)
{
    const scn_scenario *s = L->s;
    if (v->kind != YN_SCALAR) {
        ld_err(L, v->line, v->col, "'%s' must be a node id, not %s", key, yn_what(v));
        return -1;
    }
    int i = scn_node_index(s, v->s);
    if (i >= 0 || s->n_nodes == 0)
        return i; /* no nodes: already reported */
    const char **ids = util_xmalloc(s->n_nodes * sizeof *ids);
    for (size_t j = 0; j < s->n_nodes; j++)
        ids[j] = s->nodes[j].id;
    const char *sug = scn_suggest(v->s, ids, s->n_nodes);
    if (sug)
        ld_err(L, v->line, v->col, "%s: no node named '%.*s' (did you mean '%s'?)",
               key, ld_clip(v->s), v->s, sug);
    else
        ld_err(L, v->line, v->col, "%s: no node named '%.*s'", key, ld_clip(v->s), v->s);
    free(ids);
    return -1;
}

/* Resolve start, breaking_point and every goto; 1 when all resolved. */
static int ld_resolve(ld *L, const yn *root, const ld_kv *kv)
{
    scn_scenario *s = L->s;
    const yn *x;
    int ok = 1;
    for (size_t i = 0; i < L->n_gotos; i++)
        L->gotos[i].b->target = ld_ref(L, L->gotos[i].v, "goto");
    /* A turn whose branches were refused would look like a dead end. */
    for (size_t i = 0; i < s->n_nodes; i++) {
        const scn_node *n = &s->nodes[i];
        ok &= n->ending != SCN_END_NONE || n->n_branches > 0;
        for (size_t b = 0; b < n->n_branches; b++)
            ok &= n->branches[b].target >= 0;
    }
    if ((x = ld_get(L, root, &kv[TK_START], "start", 1)))
        s->start = ld_ref(L, x, "start");
    if ((x = ld_get(L, root, &kv[TK_BP], "breaking_point", 1)))
        s->breaking_point = ld_ref(L, x, "breaking_point");
    if (s->start >= 0 && s->nodes[s->start].ending != SCN_END_NONE)
        ld_err(L, kv[TK_START].v->line, kv[TK_START].v->col,
               "start node '%s' is an ending: the conversation would be over "
               "before it begins", s->nodes[s->start].id);
    return ok && s->start >= 0 && s->breaking_point >= 0;
}

static void ld_top(ld *L, const yn *root)
{
    ld_kv kv[TK_N];
    const yn *x;
    scn_scenario *s = L->s;
    double num;
    ld_fields(L, root, ld_top_keys, TK_N, kv, "a scenario");
    if ((x = ld_get(L, root, &kv[TK_LANGS], "languages", 1)))
        ld_languages(L, x);
    if ((x = ld_get(L, root, &kv[TK_ID], "id", 1)))
        s->id = ld_id(L, x, "id", '-'), s->id_line = x->line, s->id_col = x->col;
    if ((x = ld_get(L, root, &kv[TK_TITLE], "title", 1)))
        ld_text(L, x, "title", &s->title);
    if ((x = ld_get(L, root, &kv[TK_SUMMARY], "summary", 1)))
        ld_text(L, x, "summary", &s->summary);
    if ((x = ld_get(L, root, &kv[TK_DIFF], "difficulty", 1)) &&
        ld_number(L, x, "difficulty", 1, 5, 1, &num))
        s->difficulty = (int)num;
    if ((x = ld_get(L, root, &kv[TK_TAGS], "tags", 0)))
        ld_list(L, x, "tags", &s->tags);
    if ((x = ld_get(L, root, &kv[TK_PERSONA], "persona", 1)))
        ld_persona(L, x);
    if ((x = ld_get(L, root, &kv[TK_FACTS], "facts", 0)))
        ld_facts(L, x);
    if ((x = ld_get(L, root, &kv[TK_NODES], "nodes", 1)))
        ld_nodes(L, x);
    /* The graph checks only make sense once every target is known. */
    if (ld_resolve(L, root, kv))
        scn_check_graph(s, L->file, L->d);
}

/* Empty files and the wrong top-level type get a sentence, not a
 * cascade of "missing key" messages. */
static int ld_root_ok(ld *L, const yn *root)
{
    const char *how = "a scenario is a mapping of keys (id, title, languages, "
                      "start, nodes, ...; see docs/scenarios.md)";
    if (!root || (root->kind == YN_SCALAR && root->null)) {
        ld_err(L, 0, 0, "the file is empty: %s", how);
        return 0;
    }
    if (root->kind == YN_SEQ)
        ld_err(L, root->line, root->col, "the file is a list, but %s", how);
    else if (root->kind == YN_SCALAR)
        ld_err(L, root->line, root->col, "the file is a single value, but %s", how);
    return root->kind == YN_MAP;
}

/* Problems in the order of the file (stable: same place, found order). */
static void ld_sort(scn_diags *d, size_t first)
{
    for (size_t i = first + 1; i < d->n; i++) {
        scn_diag g = d->v[i];
        size_t j = i;
        while (j > first && (d->v[j - 1].line > g.line ||
                             (d->v[j - 1].line == g.line && d->v[j - 1].col > g.col))) {
            d->v[j] = d->v[j - 1];
            j--;
        }
        d->v[j] = g;
    }
}

static scn_scenario *ld_new(const char *name)
{
    scn_scenario *s = util_xmalloc(sizeof *s);
    memset(s, 0, sizeof *s);
    s->path = util_xstrdup(name);
    s->start = s->breaking_point = -1;
    s->min_turns_to_resolve = -1;
    return s;
}

scn_scenario *scn_load_text(const char *name, const char *text, size_t len,
                            const scn_opts *o, scn_diags *d)
{
    ld L;
    memset(&L, 0, sizeof L);
    L.file = name, L.text = text, L.len = len, L.d = d, L.o = o;
    size_t first = d->n;
    if (len > SCN_MAX_FILE) {
        ld_err(&L, 0, 0, "the file is larger than %u bytes (1 MiB): too big "
               "for a scenario", SCN_MAX_FILE);
        return NULL;
    }
    if (ld_prescan(&L) > 0) {
        ld_sort(d, first);
        return NULL;
    }
    L.s = ld_new(name);
    yn *root = ld_tree(&L);
    if (!L.fatal && ld_root_ok(&L, root))
        ld_top(&L, root);
    yn_free(root);
    free(L.gotos);
    if (d->n > first) {
        ld_sort(d, first);
        scn_free(L.s);
        return NULL;
    }
    return L.s;
}

scn_scenario *scn_load_file(const char *path, const scn_opts *o, scn_diags *d)
{
    size_t len;
    int more, opened;
    /* A file over the cap is read to cap + 1 bytes: load_text says why. */
    char *text = util_read_file(path, SCN_MAX_FILE, &len, &more, &opened);
    if (!text) {
        scn_diags_add(d, path, 0, 0, "cannot %s: %s", opened ? "read" : "open", strerror(errno));
        return NULL;
    }
    scn_scenario *s = scn_load_text(path, text, len, o, d);
    free(text);
    return s;
}

static void ld_text_free(scn_text *t)
{
    free(t->t[0]);
    free(t->t[1]);
}

static void ld_node_free(scn_node *n)
{
    free(n->id);
    ld_text_free(&n->customer);
    ld_text_free(&n->hint);
    ld_text_free(&n->model_answer);
    ld_text_free(&n->debrief);
    for (size_t i = 0; i < n->n_branches; i++) {
        scn_expr_free(n->branches[i].when);
        free(n->branches[i].when_src);
        ld_text_free(&n->branches[i].say);
        free(n->branches[i].go);
    }
    free(n->branches);
}

void scn_free(scn_scenario *s)
{
    if (!s)
        return;
    free(s->id);
    free(s->path);
    ld_text_free(&s->title);
    ld_text_free(&s->summary);
    ld_text_free(&s->persona_name);
    scn_strings_free(&s->tags);
    for (int i = 0; i < 2; i++) {
        scn_strings_free(&s->cannot_promise[i]);
        scn_strings_free(&s->unknown[i]);
    }
    for (size_t i = 0; i < s->n_nodes; i++)
        ld_node_free(&s->nodes[i]);
    free(s->nodes);
    free(s);
}
