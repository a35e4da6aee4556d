/*
 * jsonl-write.c - writer half of the --jsonl fast path (jsonl-fast.h).
 *
 * Produces the same bytes as jsonout_fill() + json_dumpb(JSONOUT_FLAGS):
 * compact separators, keys in the same order, strings escaped as jansson
 * escapes them (\" \\ \b \f \n \r \t, other controls as \u00XX in upper
 * case, everything else - '/', DEL, non-ASCII - as is), reals rounded to
 * one decimal and printed like %.15g with ".0" added, integers as %lld.
 * tests/cli/cases/jsonl-fast-same.case checks this against jansson.
 */
#include "jsonl-fast.h"
#include "util.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

struct jw {
    struct jsonout_buf *b;
    size_t len;
    int bad; /* a value jansson would not write the same way */
};

static void jw_reserve(struct jw *w, size_t n)
{
    if (w->len + n <= w->b->size)
        return;
    size_t size = w->b->size ? w->b->size : 4096;
    while (size < w->len + n)
        size *= 2;
    w->b->data = util_xrealloc(w->b->data, size);
    w->b->size = size;
}

static void jw_raw(struct jw *w, const char *s, size_t n)
{
    jw_reserve(w, n);
    memcpy(w->b->data + w->len, s, n);
    w->len += n;
}

#define JW_LIT(w, s) jw_raw((w), (s), sizeof(s) - 1)

/* Escape one byte that jansson escapes; returns the bytes written. */
static size_t jw_escape(char *o, unsigned char c)
{
    static const char hex[] = "0123456789ABCDEF";
    o[0] = '\\';
    switch (c) {
    case '"': o[1] = '"'; return 2;
    case '\\': o[1] = '\\'; return 2;
    case '\b': o[1] = 'b'; return 2;
    case '\f': o[1] = 'f'; return 2;
    case '\n': o[1] = 'n'; return 2;
    case '\r': o[1] = 'r'; return 2;
    case '\t': o[1] = 't'; return 2;
    default:
        o[1] = 'u', o[2] = '0', o[3] = '0';
        o[4] = hex[c >> 4], o[5] = hex[c & 15];
        return 6;
    }
}

/* Runs of bytes that need no escape are copied with one memcpy. */
static void jw_str(struct jw *w, const char *s, size_t n)
{
    jw_reserve(w, 6 * n + 2); /* worst case: every byte as \u00XX */
    char *o = w->b->data + w->len, *o0 = o;
    const char *end = s + n;
    *o++ = '"';
    while (s < end) {
        const char *q = s;
        while (q < end && (unsigned char)*q >= 0x20 && *q != '"' &&
               *q != '\\')
            q++;
        memcpy(o, s, (size_t)(q - s));
        o += q - s;
        if (q == end)
            break;
        o += jw_escape(o, (unsigned char)*q);
        s = q + 1;
    }
    *o++ = '"';
    w->len += (size_t)(o - o0);
}

/* A C string from the library or the result, "" if it is not valid
 * UTF-8 (json_string() refuses it, and json-out.c then writes ""). */
static void jw_text(struct jw *w, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n && !util_utf8_valid(s, n))
        n = 0;
    jw_str(w, s ? s : "", n);
}

/*
 * Kinds and tips are owned by a rubric, which stays loaded and unchanged
 * for the whole run; tips are most of the bytes of a result. So each one
 * is escaped once and remembered by address (a direct-mapped cache whose
 * entries are replaced on collision), and written with one memcpy.
 */
#define JW_CACHE 1024
static struct {
    const char *s;
    char *json; /* the escaped string with its quotes */
    size_t len;
} jw_cache[JW_CACHE];

static void jw_rubric_text(struct jw *w, const char *s)
{
    if (!s) {
        jw_str(w, "", 0);
        return;
    }
    size_t slot = ((uintptr_t)s >> 3) % JW_CACHE;
    if (jw_cache[slot].s != s) {
        struct jsonout_buf tmp = {NULL, 0};
        struct jw t = {&tmp, 0, 0};
        jw_text(&t, s);
        free(jw_cache[slot].json);
        jw_cache[slot].s = s;
        jw_cache[slot].json = tmp.data;
        jw_cache[slot].len = t.len;
    }
    jw_raw(w, jw_cache[slot].json, jw_cache[slot].len);
}

void jfast_write_reset(void)
{
    for (size_t i = 0; i < JW_CACHE; i++) {
        free(jw_cache[i].json);
        jw_cache[i].s = NULL;
        jw_cache[i].json = NULL;
    }
}

/* %lld without printf: this runs a dozen times per line. */
static void jw_int(struct jw *w, long long v)
{
    char tmp[24], *o = tmp + sizeof tmp;
    unsigned long long a = v < 0 ? 0ull - (unsigned long long)v
                                 : (unsigned long long)v;
    do
        *--o = (char)('0' + a % 10);
    while ((a /= 10) != 0);
    if (v < 0)
        *--o = '-';
    jw_raw(w, o, (size_t)(tmp + sizeof tmp - o));
}

/* jsonout_real(v, 1) as jansson dumps it: for |v| < 1e13 the tenths are
 * an integer t and %.15g of t/10 prints its digits exactly. */
static void jw_real1(struct jw *w, double v)
{
    double t = round(v * 10);
    if (!isfinite(t) || fabs(t) >= 1e14) {
        w->bad = 1;
        return;
    }
    long long i = (long long)t;
    char tmp[32], *o = tmp + sizeof tmp;
    unsigned long long a = (unsigned long long)(i < 0 ? -i : i);
    *--o = (char)('0' + a % 10);
    *--o = '.';
    a /= 10;
    do
        *--o = (char)('0' + a % 10);
    while ((a /= 10) != 0);
    if (i < 0)
        *--o = '-';
    jw_raw(w, o, (size_t)(tmp + sizeof tmp - o));
}

static void jw_id(struct jw *w, const struct jfast_line *l)
{
    JW_LIT(w, "{\"id\":");
    switch (l->id_kind) {
    case JFAST_ID_INT: jw_int(w, l->id_int); break;
    case JFAST_ID_STR: jw_str(w, l->id_str, l->id_len); break;
    case JFAST_ID_TRUE: JW_LIT(w, "true"); break;
    case JFAST_ID_FALSE: JW_LIT(w, "false"); break;
    default: JW_LIT(w, "null"); break;
    }
}

static void jw_scores(struct jw *w, const score_result *res)
{
    JW_LIT(w, ",\"lang\":");
    jw_text(w, score_lang_name(res->lang));
    JW_LIT(w, ",\"scores\":{");
    for (int d = 0; d < SCORE_NDIM; d++) {
        if (d)
            JW_LIT(w, ",");
        jw_text(w, score_dim_name((score_dim)d));
        JW_LIT(w, ":");
        jw_real1(w, res->scores[d]);
    }
    JW_LIT(w, "},\"overall\":");
    jw_real1(w, res->overall);
}

static void jw_signals(struct jw *w, const score_signals *s)
{
    JW_LIT(w, ",\"signals\":{\"empathy_cues\":");
    jw_real1(w, s->empathy_cues);
    JW_LIT(w, ",\"action_cues\":");
    jw_real1(w, s->action_cues);
    JW_LIT(w, ",\"apologies\":");
    jw_int(w, s->apologies);
    JW_LIT(w, ",\"band\":[");
    jw_real1(w, s->band_lo);
    JW_LIT(w, ",");
    jw_real1(w, s->band_hi);
    JW_LIT(w, "],\"sentences\":");
    jw_int(w, s->sentences);
    JW_LIT(w, ",\"real_sentences\":");
    jw_int(w, s->real_sentences);
    JW_LIT(w, ",\"words\":");
    jw_int(w, s->words);
    JW_LIT(w, ",\"questions\":");
    jw_int(w, s->questions);
    JW_LIT(w, ",\"empathy_sentences\":");
    jw_int(w, s->empathy_sentences);
    JW_LIT(w, ",\"action_sentences\":");
    jw_int(w, s->action_sentences);
    JW_LIT(w, ",\"invalid_bytes\":");
    jw_int(w, s->invalid_bytes);
    if (s->truncated)
        JW_LIT(w, ",\"truncated\":true}");
    else
        JW_LIT(w, ",\"truncated\":false}");
}

static void jw_finding(struct jw *w, const score_finding *x)
{
    JW_LIT(w, "{\"dimension\":");
    jw_text(w, score_dim_name(x->dim));
    JW_LIT(w, ",\"kind\":");
    jw_rubric_text(w, x->kind);
    JW_LIT(w, ",\"start\":");
    jw_int(w, (long long)x->start);
    JW_LIT(w, ",\"end\":");
    jw_int(w, (long long)x->end);
    JW_LIT(w, ",\"text\":");
    jw_text(w, x->text);
    JW_LIT(w, ",\"delta\":");
    jw_real1(w, x->delta);
    JW_LIT(w, ",\"tip\":");
    jw_rubric_text(w, x->tip);
    JW_LIT(w, "}");
}

size_t jfast_write_result(struct jsonout_buf *b, const struct jfast_line *l,
                          const score_result *res)
{
    struct jw w = {b, 0, 0};
    jw_id(&w, l);
    jw_scores(&w, res);
    jw_signals(&w, &res->signals);
    JW_LIT(&w, ",\"findings\":[");
    for (size_t i = 0; i < res->n_findings; i++) {
        if (i)
            JW_LIT(&w, ",");
        jw_finding(&w, &res->findings[i]);
    }
    JW_LIT(&w, "]}\n");
    return w.bad ? 0 : w.len;
}
