/*
 * ldr.c - the YAML reading shared by the loaders of scenarios (scn-load.c)
 * and tracks (track-load.c): untrusted bytes to a small tree with
 * positions, and the schema helpers that report every problem as
 * FILE:LINE:COL (ldr.h says what each does).
 *
 * Two stages run before any schema is looked at:
 *
 *  1. the bytes: size cap, NUL bytes, invalid UTF-8 and raw control
 *     characters, with their line and column, before libyaml sees them;
 *  2. the YAML: libyaml's event API builds a small tree of our own
 *     (ldr_yn), which lets us refuse anchors and aliases where they appear
 *     (no billion laughs), bound the nesting depth and the number of
 *     values, spot duplicate keys (libyaml accepts them) and check every
 *     scalar for terminal escapes and bidi overrides.
 */
#include "ldr.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

void ldr_err(ldr *L, int line, int col, const char *fmt, ...)
{
    char buf[900];
    if (L->nerr++ > LDR_MAX_ERRORS)
        return;
    if (L->nerr > LDR_MAX_ERRORS) {
        scn_diags_add(L->d, L->file, line, col,
                      "too many problems; stopping after %d", LDR_MAX_ERRORS);
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    scn_diags_add(L->d, L->file, line, col, "%s", buf);
}

/* At most 60 bytes of `s`, cut on a character boundary: for messages. */
int ldr_clip(const char *s)
{
    size_t n = strlen(s);
    if (n <= 60)
        return (int)n;
    n = 60;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return (int)n;
}

static ldr_yn *ldr_yn_new(ldr *L, int kind, const yaml_mark_t *m)
{
    ldr_yn *n = util_xmalloc(sizeof *n);
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->line = (int)m->line + 1;
    n->col = (int)m->column + 1;
    L->values++;
    return n;
}

static void ldr_yn_add(ldr_yn *parent, ldr_yn *child)
{
    if (parent->n == parent->cap) {
        parent->cap = parent->cap ? parent->cap * 2 : 8;
        parent->kid = util_xrealloc(parent->kid, parent->cap * sizeof *parent->kid);
    }
    parent->kid[parent->n++] = child;
}

void ldr_yn_free(ldr_yn *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->n; i++)
        ldr_yn_free(n->kid[i]);
    free(n->kid);
    free(n->s);
    free(n);
}

/* ---- stage 1: the bytes -------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s (code point in *cp), or 0. */
static size_t ldr_utf8(const unsigned char *s, size_t avail, unsigned *cp)
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

/* Characters a text may not contain: they could drive the
 * terminal (ESC, C0, C1, DEL) or disguise the text (bidi overrides). */
static int ldr_bad_cp(unsigned cp)
{
    return (cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F ||
           (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

static const char *ldr_cp_name(const ldr *L, unsigned cp, char *buf, size_t n)
{
    if (cp == 0x1B)
        return " (escape: terminal escape sequences are not allowed)";
    if (cp >= 0x202A)
        return " (a bidi control: it can make text read differently "
               "from what it says)";
    snprintf(buf, n, " (control characters are not allowed in a %s)", L->noun);
    return buf;
}

/* Stage 1: returns the number of problems; the YAML is only parsed
 * when there are none (libyaml would stop at the first anyway). */
static size_t ldr_prescan(ldr *L)
{
    const unsigned char *s = (const unsigned char *)L->text;
    size_t i = 0, before = L->nerr;
    int line = 1, col = 1;
    if (L->len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3; /* a byte-order mark is allowed (and skipped by libyaml) */
    while (i < L->len && L->nerr <= LDR_MAX_ERRORS) {
        unsigned cp;
        size_t n = ldr_utf8(s + i, L->len - i, &cp);
        if (n == 0) {
            ldr_err(L, line, col, "invalid UTF-8 (byte 0x%02X): a %s "
                   "must be UTF-8 text", s[i], L->noun);
            n = 1;
        } else if (cp == 0) {
            ldr_err(L, line, col, "NUL byte: a %s must be UTF-8 text, "
                   "not binary", L->noun);
        } else if (cp == '\n' || (cp == '\r' && (i + 1 == L->len || s[i + 1] != '\n'))) {
            i += n, line++, col = 1;
            continue;
        } else if (ldr_bad_cp(cp) && cp != '\r' && cp < 0x202A) {
            char why[80];
            ldr_err(L, line, col, "control character U+%04X%s", cp,
                    ldr_cp_name(L, cp, why, sizeof why));
        }
        i += n, col++;
    }
    return L->nerr - before;
}

/* ---- stage 2: the YAML tree ------------------------------------------------------ */

/* Copy a scalar, replacing forbidden characters by '?' so that no later
 * message can carry them to the terminal; report the first one. */
static void ldr_scalar_text(ldr *L, ldr_yn *n, const unsigned char *v, size_t len)
{
    char *out = util_xmalloc(len + 1);
    size_t o = 0;
    int told = 0;
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t k = ldr_utf8(v + i, len - i, &cp);
        if (k == 0 || ldr_bad_cp(cp)) {
            if (told++)
                ;
            else if (k == 0)
                ldr_err(L, n->line, n->col, "invalid UTF-8 in a text");
            else {
                char why[80];
                ldr_err(L, n->line, n->col, "text contains U+%04X%s", cp,
                        ldr_cp_name(L, cp, why, sizeof why));
            }
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
    ldr_yn *stack[SCN_MAX_DEPTH + 2];
    int depth, docs;
    ldr_yn *root;
} ldr_build;

static int ldr_is_null(const yaml_event_t *e)
{
    const char *s = (const char *)e->data.scalar.value;
    return e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
           (!*s || !strcmp(s, "~") || !strcmp(s, "null") ||
            !strcmp(s, "Null") || !strcmp(s, "NULL"));
}

/* Attach a new node where the builder stands; 0 when the file must stop. */
static int ldr_attach(ldr *L, ldr_build *b, ldr_yn *n, const unsigned char *anchor)
{
    if (anchor)
        ldr_err(L, n->line, n->col, "anchor '&%.40s' is not allowed: "
               "%ss do not use anchors and aliases (write the text out)",
               (const char *)anchor, L->noun);
    if (L->values > LDR_MAX_VALUES) {
        ldr_err(L, n->line, n->col, "too many YAML values (more than %d)", LDR_MAX_VALUES);
        L->fatal = 1;
        ldr_yn_free(n);
        return 0;
    }
    if (b->depth == 0) {
        b->root = n;
        return 1;
    }
    ldr_yn *parent = b->stack[b->depth - 1];
    if (parent->kind == LDR_MAP && parent->n % 2 == 0 && n->kind != LDR_SCALAR)
        ldr_err(L, n->line, n->col, "a key must be a name, not a list or mapping");
    ldr_yn_add(parent, n);
    return 1;
}

static int ldr_cmp_key(const void *a, const void *b)
{
    const ldr_yn *x = *(ldr_yn *const *)a, *y = *(ldr_yn *const *)b;
    int c = strcmp(x->s, y->s);
    if (c)
        return c;
    return x->line != y->line ? x->line - y->line : x->col - y->col;
}

/* libyaml keeps duplicate keys; a file must not (which one wins?). */
static void ldr_dup_keys(ldr *L, const ldr_yn *map)
{
    size_t n = 0;
    ldr_yn **keys = util_xmalloc((map->n / 2 + 1) * sizeof *keys);
    for (size_t i = 0; i + 1 < map->n; i += 2)
        if (map->kid[i]->kind == LDR_SCALAR)
            keys[n++] = map->kid[i];
    qsort(keys, n, sizeof *keys, ldr_cmp_key);
    for (size_t i = 1, first = 0; i < n; i++) {
        if (strcmp(keys[i]->s, keys[first]->s) != 0) {
            first = i;
            continue;
        }
        ldr_err(L, keys[i]->line, keys[i]->col, "duplicate key '%.*s' (first at "
               "line %d, column %d)", ldr_clip(keys[i]->s), keys[i]->s,
               keys[first]->line, keys[first]->col);
    }
    free(keys);
}

static int ldr_open(ldr *L, ldr_build *b, const yaml_event_t *e, int kind,
                   const unsigned char *anchor)
{
    ldr_yn *n = ldr_yn_new(L, kind, &e->start_mark);
    if (!ldr_attach(L, b, n, anchor))
        return 0;
    if (b->depth >= SCN_MAX_DEPTH) {
        ldr_err(L, n->line, n->col, "nested deeper than %d levels", SCN_MAX_DEPTH);
        L->fatal = 1;
        return 0;
    }
    b->stack[b->depth++] = n;
    return 1;
}

static int ldr_leaf(ldr *L, ldr_build *b, const yaml_event_t *e)
{
    ldr_yn *n;
    if (e->type == YAML_ALIAS_EVENT) {
        n = ldr_yn_new(L, LDR_BAD, &e->start_mark);
        ldr_err(L, n->line, n->col, "alias '*%.40s' is not allowed: %ss "
               "do not use anchors and aliases (write the text out)",
               (const char *)e->data.alias.anchor, L->noun);
        return ldr_attach(L, b, n, NULL);
    }
    n = ldr_yn_new(L, LDR_SCALAR, &e->start_mark);
    n->quoted = e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
    n->null = ldr_is_null(e);
    ldr_scalar_text(L, n, e->data.scalar.value, e->data.scalar.length);
    return ldr_attach(L, b, n, e->data.scalar.anchor);
}

/* One event; returns 0 when the tree is complete or must stop. */
static int ldr_event(ldr *L, ldr_build *b, const yaml_event_t *e)
{
    switch (e->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (b->docs++ == 0)
            return 1;
        ldr_err(L, (int)e->start_mark.line + 1, (int)e->start_mark.column + 1,
               "a second YAML document: a %s file holds one %s", L->noun, L->noun);
        L->fatal = 1;
        return 0;
    case YAML_SCALAR_EVENT:
    case YAML_ALIAS_EVENT: return ldr_leaf(L, b, e);
    case YAML_SEQUENCE_START_EVENT:
        return ldr_open(L, b, e, LDR_SEQ, e->data.sequence_start.anchor);
    case YAML_MAPPING_START_EVENT:
        return ldr_open(L, b, e, LDR_MAP, e->data.mapping_start.anchor);
    case YAML_MAPPING_END_EVENT:
        ldr_dup_keys(L, b->stack[b->depth - 1]);
        b->depth--;
        return 1;
    case YAML_SEQUENCE_END_EVENT: b->depth--; return 1;
    case YAML_STREAM_END_EVENT: return 0;
    default: return 1;
    }
}

static void ldr_syntax(ldr *L, const yaml_parser_t *p)
{
    const char *what = p->problem ? p->problem : "syntax error";
    int line = (int)p->problem_mark.line + 1, col = (int)p->problem_mark.column + 1;
    if (p->context)
        ldr_err(L, line, col, "YAML syntax: %s (%s at line %d)", what, p->context,
               (int)p->context_mark.line + 1);
    else
        ldr_err(L, line, col, "YAML syntax: %s", what);
}

static ldr_yn *ldr_tree(ldr *L)
{
    yaml_parser_t p;
    yaml_event_t e;
    ldr_build b;
    memset(&b, 0, sizeof b);
    if (!yaml_parser_initialize(&p))
        util_die(UTIL_EX_SOFTWARE, "cannot initialise the YAML parser");
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
    yaml_parser_set_input_string(&p, (const unsigned char *)L->text, L->len);
    for (int more = 1; more;) {
        if (!yaml_parser_parse(&p, &e)) {
            ldr_syntax(L, &p);
            L->fatal = 1;
            break;
        }
        more = ldr_event(L, &b, &e);
        yaml_event_delete(&e);
    }
    yaml_parser_delete(&p);
    return b.root;
}

/* ---- stage 3: the schema ------------------------------------------------------- */

const char *const ldr_lang_keys[2] = {"en", "fa"};

const char *ldr_what(const ldr_yn *v)
{
    switch (v->kind) {
    case LDR_SEQ: return "a list";
    case LDR_MAP: return "a mapping";
    case LDR_BAD: return "an alias";
    default: return v->null ? "empty" : "a single value";
    }
}

static void ldr_unknown_key(ldr *L, const ldr_yn *k, const char *const *keys, size_t nk)
{
    const char *sug = scn_suggest(k->s, keys, nk);
    if (sug) {
        ldr_err(L, k->line, k->col, "unknown key '%.*s' (did you mean '%s'?)",
               ldr_clip(k->s), k->s, sug);
        return;
    }
    char list[400] = "";
    for (size_t i = 0; i < nk; i++) {
        strncat(list, keys[i], sizeof list - strlen(list) - 1);
        strncat(list, i + 1 < nk ? ", " : "", sizeof list - strlen(list) - 1);
    }
    ldr_err(L, k->line, k->col, "unknown key '%.*s' (expected %s)",
           ldr_clip(k->s), k->s, list);
}

/* Split a mapping into its known keys (out[i] for keys[i], the first
 * occurrence) and report the unknown ones. 0 when it is no mapping. */
int ldr_fields(ldr *L, const ldr_yn *map, const char *const *keys, size_t nk,
                     ldr_kv *out, const char *what)
{
    memset(out, 0, nk * sizeof *out);
    if (map->kind == LDR_BAD)
        return 0;
    if (map->kind != LDR_MAP) {
        ldr_err(L, map->line, map->col, "%s must be a mapping (key: value), not %s",
               what, ldr_what(map));
        return 0;
    }
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const ldr_yn *k = map->kid[i];
        size_t j = 0;
        if (k->kind != LDR_SCALAR)
            continue; /* reported while the tree was built */
        while (j < nk && strcmp(k->s, keys[j]) != 0)
            j++;
        if (j == nk)
            ldr_unknown_key(L, k, keys, nk);
        else if (!out[j].k)
            out[j].k = k, out[j].v = map->kid[i + 1];
    }
    return 1;
}

/* The value of a key, or NULL (after a message when it was required, or
 * present without a value). */
const ldr_yn *ldr_get(ldr *L, const ldr_yn *map, const ldr_kv *kv, const char *key,
                        int required)
{
    if (!kv->k) {
        if (required)
            ldr_err(L, map->line, map->col, "missing required key '%s'", key);
        return NULL;
    }
    if (kv->v->kind == LDR_SCALAR && kv->v->null) {
        ldr_err(L, kv->k->line, kv->k->col, "'%s' has no value", key);
        return NULL;
    }
    return kv->v->kind == LDR_BAD ? NULL : kv->v;
}

char *ldr_string(ldr *L, const ldr_yn *v, const char *key, size_t max)
{
    if (v->kind != LDR_SCALAR) {
        ldr_err(L, v->line, v->col, "'%s' must be a text, not %s", key, ldr_what(v));
        return NULL;
    }
    if (strlen(v->s) > max) {
        ldr_err(L, v->line, v->col, "'%s' is longer than %zu bytes", key, max);
        return NULL;
    }
    return util_xstrdup(v->s);
}

int ldr_number(ldr *L, const ldr_yn *v, const char *key, double lo, double hi,
                     int whole, double *out)
{
    double x;
    if (v->kind == LDR_SCALAR && !v->quoted && util_parse_double(v->s, &x) == 0 &&
        x >= lo && x <= hi && (!whole || x == (double)(long)x)) {
        *out = x;
        return 1;
    }
    if (v->kind == LDR_SCALAR)
        ldr_err(L, v->line, v->col, "'%s' must be a %s from %g to %g, not %s'%.*s'",
               key, whole ? "whole number" : "number", lo, hi,
               v->quoted ? "the quoted text " : "", ldr_clip(v->s), v->s);
    else
        ldr_err(L, v->line, v->col, "'%s' must be a %s from %g to %g, not %s",
               key, whole ? "whole number" : "number", lo, hi, ldr_what(v));
    return 0;
}

void ldr_bool(ldr *L, const ldr_yn *v, const char *key, int *out)
{
    static const char *const t[] = {"true", "True", "TRUE"}, *const f[] = {"false", "False", "FALSE"};
    for (int i = 0; i < 3 && v->kind == LDR_SCALAR && !v->quoted; i++) {
        if (strcmp(v->s, t[i]) == 0 || strcmp(v->s, f[i]) == 0) {
            *out = strcmp(v->s, t[i]) == 0;
            return;
        }
    }
    ldr_err(L, v->line, v->col, "'%s' must be true or false", key);
}

/* The index of the value in `names`, or -1 after a message. */
int ldr_enum(ldr *L, const ldr_yn *v, const char *key, const char *const *names,
                   size_t n, const char *list)
{
    if (v->kind == LDR_SCALAR)
        for (size_t i = 0; i < n; i++)
            if (strcmp(v->s, names[i]) == 0)
                return (int)i;
    const char *sug = v->kind == LDR_SCALAR ? scn_suggest(v->s, names, n) : NULL;
    if (sug)
        ldr_err(L, v->line, v->col, "'%s' must be %s, not '%.*s' (did you mean '%s'?)",
               key, list, ldr_clip(v->s), v->s, sug);
    else if (v->kind == LDR_SCALAR)
        ldr_err(L, v->line, v->col, "'%s' must be %s, not '%.*s'", key, list,
               ldr_clip(v->s), v->s);
    else
        ldr_err(L, v->line, v->col, "'%s' must be %s, not %s", key, list, ldr_what(v));
    return -1;
}

/* An id: a-z, 0-9 and `extra` ('-' for scenarios, '_' for nodes). */
int ldr_id_ok(const char *s, char extra)
{
    if (!*s || strlen(s) > LDR_MAX_ID)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == extra))
            return 0;
    return 1;
}

char *ldr_id(ldr *L, const ldr_yn *v, const char *key, char extra)
{
    if (v->kind == LDR_SCALAR && ldr_id_ok(v->s, extra))
        return util_xstrdup(v->s);
    if (v->kind == LDR_SCALAR)
        ldr_err(L, v->line, v->col, "%s '%.*s' must be 1 to %d of a-z, 0-9 and '%c'",
               key, ldr_clip(v->s), v->s, LDR_MAX_ID, extra);
    else
        ldr_err(L, v->line, v->col, "%s must be a name, not %s", key, ldr_what(v));
    return NULL;
}

unsigned ldr_lang_bit(int i)
{
    return 1u << (i == 0 ? SCORE_LANG_EN : SCORE_LANG_FA);
}

void ldr_languages(ldr *L, const ldr_yn *v)
{
    unsigned bits = 0;
    int ok = 1;
    if (v->kind != LDR_SEQ || v->n == 0) {
        ldr_err(L, v->line, v->col, "'languages' must be a list such as [en, fa], not %s",
               v->kind == LDR_SEQ ? "an empty list" : ldr_what(v));
        return;
    }
    for (size_t i = 0; i < v->n; i++) {
        int k = ldr_enum(L, v->kid[i], "languages", ldr_lang_keys, 2, "en or fa");
        if (k < 0) {
            ok = 0;
        } else if (bits & ldr_lang_bit(k)) {
            ldr_err(L, v->kid[i]->line, v->kid[i]->col, "'%s' is listed twice",
                   ldr_lang_keys[k]);
        }
        if (k >= 0)
            bits |= ldr_lang_bit(k);
    }
    L->langs = bits;
    L->langs_ok = ok;
}

/* Is language i there as the listed languages require? 1 when the value
 * kv->v is to be read. */
int ldr_lang_here(ldr *L, const ldr_yn *map, const ldr_kv *kv, const char *key, int i)
{
    const char *lang = ldr_lang_keys[i];
    if (!kv->k) {
        if (L->langs_ok && (L->langs & ldr_lang_bit(i)))
            ldr_err(L, map->line, map->col, "'%s' has no '%s' text (languages lists %s)",
                   key, lang, lang);
        return 0;
    }
    if (L->langs_ok && !(L->langs & ldr_lang_bit(i)))
        ldr_err(L, kv->k->line, kv->k->col, "'%s' has a '%s' text, but languages "
               "does not list %s", key, lang, lang);
    return kv->v->kind != LDR_BAD;
}

/* A text: {en: "...", fa: "..."} with every listed language. */
void ldr_text(ldr *L, const ldr_yn *v, const char *key, scn_text *out)
{
    ldr_kv kv[2];
    if (v->kind != LDR_MAP) {
        ldr_err(L, v->line, v->col, "'%s' must give the text per language, e.g. "
               "{en: \"...\", fa: \"...\"}, not %s", key, ldr_what(v));
        return;
    }
    ldr_fields(L, v, ldr_lang_keys, 2, kv, key);
    for (int i = 0; i < 2; i++) {
        if (!ldr_lang_here(L, v, &kv[i], key, i))
            continue;
        const ldr_yn *t = kv[i].v;
        if (t->kind == LDR_SCALAR && (t->null || !t->s[0])) {
            ldr_err(L, t->line, t->col, "the '%s' text of '%s' is empty",
                   ldr_lang_keys[i], key);
            continue;
        }
        out->t[i] = ldr_string(L, t, key, SCN_MAX_TEXT);
    }
}

void ldr_list(ldr *L, const ldr_yn *v, const char *key, scn_strings *out)
{
    if (v->kind != LDR_SEQ) {
        ldr_err(L, v->line, v->col, "'%s' must be a list, e.g. [\"...\", \"...\"], "
               "not %s", key, ldr_what(v));
        return;
    }
    if (v->n > LDR_MAX_LIST) {
        ldr_err(L, v->line, v->col, "'%s' has %zu items (at most %d)", key, v->n,
               LDR_MAX_LIST);
        return;
    }
    out->v = util_xmalloc((v->n + 1) * sizeof *out->v);
    for (size_t i = 0; i < v->n; i++) {
        const ldr_yn *it = v->kid[i];
        if (it->kind == LDR_SCALAR && (it->null || !it->s[0])) {
            ldr_err(L, it->line, it->col, "an item of '%s' is empty", key);
            continue;
        }
        char *s = it->kind == LDR_BAD ? NULL : ldr_string(L, it, key, SCN_MAX_TEXT);
        if (s)
            out->v[out->n++] = s;
    }
}


/* Problems in the order of the file (stable: same place, found order). */
void ldr_sort(scn_diags *d, size_t first)
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

ldr_yn *ldr_parse(ldr *L, size_t max)
{
    if (L->len > max) {
        ldr_err(L, 0, 0, "the file is larger than %zu bytes (%zu %s): too big "
                "for a %s", max, max >= 1u << 20 ? max >> 20 : max >> 10,
                max >= 1u << 20 ? "MiB" : "KiB", L->noun);
        L->fatal = 1;
        return NULL;
    }
    if (ldr_prescan(L) > 0) {
        L->fatal = 1;
        return NULL;
    }
    return ldr_tree(L);
}

int ldr_root_ok(ldr *L, const ldr_yn *root, const char *how)
{
    if (!root || (root->kind == LDR_SCALAR && root->null)) {
        ldr_err(L, 0, 0, "the file is empty: %s", how);
        return 0;
    }
    if (root->kind == LDR_SEQ)
        ldr_err(L, root->line, root->col, "the file is a list, but %s", how);
    else if (root->kind == LDR_SCALAR)
        ldr_err(L, root->line, root->col, "the file is a single value, but %s", how);
    return root->kind == LDR_MAP;
}
