/*
 * json-out.c - writes a score_result as JSON (json-out.h): the one writer
 * of `hamdel score --json` and of every `--jsonl` result line.
 *
 * The key names and their order are the documented output format
 * (docs/cli.md); keep them in sync. Strings go through one jansson string
 * per result (json_string_setn_nocheck: the library's texts are valid
 * UTF-8) and json_dumpb, straight into the output buffer. Kinds, tips and
 * the library's names never change while their rubric is loaded, so their
 * escaped form is kept in a small cache keyed by address.
 */
#include "json-out.h"
#include "util.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define JO_CACHE 512 /* direct-mapped; a rubric has ~150 kinds and tips */

struct jsonout_cached {
    const char *s; /* the string's address (the key) */
    char *json;    /* jansson's serialisation, quotes included */
    size_t len;
};

json_t *jsonout_real(double v, int decimals)
{
    static const double scale[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    double m = scale[decimals < 0 ? 0 : decimals > 6 ? 6 : decimals];
    double r = round(v * m) / m;
    if (r == 0)
        r = 0; /* no "-0.0" */
    return json_real(r);
}

static void jo_grow(struct jsonout_buf *b, size_t need)
{
    if (need <= b->size)
        return;
    size_t size = b->size ? b->size : 4096;
    while (size < need)
        size *= 2;
    b->data = util_xrealloc(b->data, size);
    b->size = size;
}

size_t jsonout_dump(const json_t *j, struct jsonout_buf *b)
{
    for (;;) {
        size_t n = json_dumpb(j, b->data, b->size, JSONOUT_FLAGS);
        if (n == 0)
            util_die(UTIL_EX_SOFTWARE, "cannot serialise a result as JSON");
        if (n < b->size) {
            b->data[n] = '\n';
            return jsonout_defang(b, n + 1);
        }
        jo_grow(b, n + 2); /* json_dumpb said how much it needs */
    }
}

/* The length of the raw C1 or bidi control at s[0..n), or 0. */
static size_t jo_hazard(const unsigned char *s, size_t n)
{
    if (n >= 2 && s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F)
        return 2;
    if (n >= 3 && s[0] == 0xE2 && ((s[1] == 0x80 && s[2] >= 0xAA && s[2] <= 0xAE) ||
                                   (s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9)))
        return 3;
    return 0;
}

size_t jsonout_defang(struct jsonout_buf *b, size_t len)
{
    const unsigned char *s = (const unsigned char *)b->data;
    size_t extra = 0;
    for (size_t i = 0; i < len; i++) {
        size_t k = (s[i] == 0xC2 || s[i] == 0xE2) ? jo_hazard(s + i, len - i) : 0;
        if (k)
            extra += 6 - k, i += k - 1;
    }
    if (!extra) /* the usual case: nothing copied */
        return len;
    char *out = util_xmalloc(len + extra + 1);
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        size_t k = jo_hazard(s + i, len - i);
        if (!k) {
            out[o++] = (char)s[i++];
            continue;
        }
        unsigned cp = k == 2 ? s[i + 1]
                             : ((s[i] & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
        o += (size_t)snprintf(out + o, 7, "\\u%04x", cp);
        i += k;
    }
    jo_grow(b, o + 1);
    memcpy(b->data, out, o);
    free(out);
    return o;
}

int jsonout_print(const json_t *j, FILE *f)
{
    struct jsonout_buf b = {NULL, 0};
    size_t n = jsonout_dump(j, &b); /* with its newline */
    n = jsonout_defang(&b, n);
    int rc = fwrite(b.data, 1, n, f) == n ? 0 : -1;
    free(b.data);
    return rc;
}

void jsonout_init(struct jsonout *w)
{
    memset(w, 0, sizeof *w);
}

void jsonout_forget(struct jsonout *w)
{
    if (!w->cache)
        return;
    for (size_t i = 0; i < JO_CACHE; i++)
        free(w->cache[i].json);
    free(w->cache);
    w->cache = NULL;
}

void jsonout_free(struct jsonout *w)
{
    jsonout_forget(w);
    free(w->buf.data);
    memset(w, 0, sizeof *w);
}

static void jo_raw(struct jsonout *w, const char *s, size_t n)
{
    jo_grow(&w->buf, w->len + n);
    memcpy(w->buf.data + w->len, s, n);
    w->len += n;
}

#define JO_LIT(w, s) jo_raw((w), (s), sizeof(s) - 1)

/* json_dumpb of any value at the end of the buffer; -1 if jansson cannot
 * serialise it. `room` is a guess of the size (the buffer grows anyway). */
static int jo_dump(struct jsonout *w, const json_t *j, size_t room)
{
    for (;;) {
        jo_grow(&w->buf, w->len + room);
        size_t left = w->buf.size - w->len;
        size_t n = json_dumpb(j, w->buf.data + w->len, left,
                              JSON_ENCODE_ANY | JSONOUT_FLAGS);
        if (n == 0)
            return -1;
        if (n <= left) {
            w->len += n;
            return 0;
        }
        room = n;
    }
}

/* A string from the library, through the result's jansson string `js`;
 * "" if it is not valid UTF-8 (jansson then refuses to dump it). */
static void jo_text(struct jsonout *w, json_t *js, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (json_string_setn_nocheck(js, s ? s : "", n) != 0)
        util_die(UTIL_EX_SOFTWARE, "out of memory writing JSON");
    /* 6n + 2: the most jansson can write (every byte as \u00XX) */
    if (jo_dump(w, js, 6 * n + 2) != 0)
        JO_LIT(w, "\"\"");
}

static struct jsonout_cached *jo_slot(struct jsonout *w, const char *s)
{
    if (!w->cache) {
        w->cache = calloc(JO_CACHE, sizeof *w->cache);
        if (!w->cache)
            util_die(UTIL_EX_SOFTWARE, "out of memory");
    }
    uint64_t h = (uint64_t)(uintptr_t)s * UINT64_C(0x9E3779B97F4A7C15);
    return &w->cache[(h >> 32) % JO_CACHE];
}

/* A string that stays put while its rubric is loaded (kind, tip) or for
 * the whole run (names): escaped by jansson once, then copied. */
static void jo_fixed(struct jsonout *w, json_t *js, const char *s)
{
    if (!s) {
        jo_text(w, js, s);
        return;
    }
    struct jsonout_cached *c = jo_slot(w, s);
    if (c->s != s) {
        size_t at = w->len;
        jo_text(w, js, s);
        free(c->json);
        c->len = w->len - at;
        c->json = util_xmalloc(c->len);
        memcpy(c->json, w->buf.data + at, c->len);
        c->s = s;
        return;
    }
    jo_raw(w, c->json, c->len);
}

/* %lld without printf: this runs a dozen times per line. */
static void jo_int(struct jsonout *w, long long v)
{
    char tmp[24], *o = tmp + sizeof tmp;
    unsigned long long a = v < 0 ? 0ull - (unsigned long long)v
                                 : (unsigned long long)v;
    do
        *--o = (char)('0' + a % 10);
    while ((a /= 10) != 0);
    if (v < 0)
        *--o = '-';
    jo_raw(w, o, (size_t)(tmp + sizeof tmp - o));
}

/* Huge or non-finite reals (never seen in practice): jansson writes the
 * former, JSON has no spelling for the latter. */
static void jo_real_rare(struct jsonout *w, double v)
{
    json_t *r = jsonout_real(v, 1);
    if (!r || jo_dump(w, r, 32) != 0)
        JO_LIT(w, "null");
    json_decref(r);
}

/* jsonout_real(v, 1) as jansson prints it: the tenths t are an integer
 * below 1e14, and %.15g of t/10 gives exactly its digits with one
 * decimal ("7.0", "0.5", "-2.5"; never "-0.0"). */
static void jo_real1(struct jsonout *w, double v)
{
    double t = round(v * 10);
    if (!isfinite(t) || fabs(t) >= 1e14) {
        jo_real_rare(w, v);
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
    jo_raw(w, o, (size_t)(tmp + sizeof tmp - o));
}

static void jo_scores(struct jsonout *w, json_t *js, const score_result *res)
{
    JO_LIT(w, "\"lang\":");
    jo_fixed(w, js, score_lang_name(res->lang));
    JO_LIT(w, ",\"scores\":{");
    for (int d = 0; d < SCORE_NDIM; d++) {
        if (d)
            JO_LIT(w, ",");
        jo_fixed(w, js, score_dim_name((score_dim)d));
        JO_LIT(w, ":");
        jo_real1(w, res->scores[d]);
    }
    JO_LIT(w, "},\"overall\":");
    jo_real1(w, res->overall);
}

static void jo_signals(struct jsonout *w, const score_signals *s)
{
    JO_LIT(w, ",\"signals\":{\"empathy_cues\":");
    jo_real1(w, s->empathy_cues);
    JO_LIT(w, ",\"action_cues\":");
    jo_real1(w, s->action_cues);
    JO_LIT(w, ",\"apologies\":");
    jo_int(w, s->apologies);
    JO_LIT(w, ",\"band\":[");
    jo_real1(w, s->band_lo);
    JO_LIT(w, ",");
    jo_real1(w, s->band_hi);
    JO_LIT(w, "],\"sentences\":");
    jo_int(w, s->sentences);
    JO_LIT(w, ",\"real_sentences\":");
    jo_int(w, s->real_sentences);
    JO_LIT(w, ",\"words\":");
    jo_int(w, s->words);
    JO_LIT(w, ",\"questions\":");
    jo_int(w, s->questions);
    JO_LIT(w, ",\"empathy_sentences\":");
    jo_int(w, s->empathy_sentences);
    JO_LIT(w, ",\"action_sentences\":");
    jo_int(w, s->action_sentences);
    JO_LIT(w, ",\"invalid_bytes\":");
    jo_int(w, s->invalid_bytes);
    if (s->truncated)
        JO_LIT(w, ",\"truncated\":true}");
    else
        JO_LIT(w, ",\"truncated\":false}");
}

static void jo_finding(struct jsonout *w, json_t *js, const score_finding *x)
{
    JO_LIT(w, "{\"dimension\":");
    jo_fixed(w, js, score_dim_name(x->dim));
    JO_LIT(w, ",\"kind\":");
    jo_fixed(w, js, x->kind);
    JO_LIT(w, ",\"start\":");
    jo_int(w, (long long)x->start);
    JO_LIT(w, ",\"end\":");
    jo_int(w, (long long)x->end);
    JO_LIT(w, ",\"text\":");
    jo_text(w, js, x->text);
    JO_LIT(w, ",\"delta\":");
    jo_real1(w, x->delta);
    JO_LIT(w, ",\"tip\":");
    jo_fixed(w, js, x->tip);
    JO_LIT(w, "}");
}

static void jo_id(struct jsonout *w, const json_t *id)
{
    if (!id)
        return;
    JO_LIT(w, "\"id\":");
    if (jo_dump(w, id, 64) != 0)
        util_die(UTIL_EX_SOFTWARE, "cannot serialise an id as JSON");
    JO_LIT(w, ",");
}

size_t jsonout_result(struct jsonout *w, const json_t *id,
                      const score_result *res)
{
    /* One string per result, so that it comes from and goes back to
     * whichever allocator jansson has now (batch mode: the line's arena). */
    json_t *js = json_string_nocheck("");
    if (!js)
        util_die(UTIL_EX_SOFTWARE, "out of memory writing JSON");
    w->len = 0;
    JO_LIT(w, "{");
    jo_id(w, id);
    jo_scores(w, js, res);
    jo_signals(w, &res->signals);
    JO_LIT(w, ",\"findings\":[");
    for (size_t i = 0; i < res->n_findings; i++) {
        if (i)
            JO_LIT(w, ",");
        jo_finding(w, js, &res->findings[i]);
    }
    JO_LIT(w, "]}\n");
    json_decref(js);
    w->len = jsonout_defang(&w->buf, w->len); /* reply spans quote anything */
    return w->len;
}
