/*
 * context.c - the one validator of reply contexts, and context merging.
 *
 * ctx_apply() walks a mapping given as format-neutral ctx_value nodes (see
 * context.h) and checks every key, type and range; context-yaml.c and
 * context-json.c only adapt their parsers to it. Error messages name the
 * offending key or value and list what would have been accepted.
 */
#include "context.h"
#include "i18n.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define CTX_KNOWN_KEYS \
    "lang, customer, customer_name, wants, tension, abusive, facts, history"

struct ctx_walk {
    struct ctx_data *cx;
    const struct ctx_source *src;
    struct arena *a;
    struct ctx_error *err;
    unsigned seen;
    /* list being filled by ctx_list_item */
    const char *list_key;
    const char **items;
    size_t n_items;
};

void ctx_init(struct ctx_data *cx)
{
    memset(cx, 0, sizeof *cx);
    cx->lang = SCORE_LANG_AUTO;
    cx->wants = SCORE_WANTS_BOTH;
    cx->tension = 5.0;
}

/* Quote user text for a message: bounded, control characters replaced, so
 * a hostile key cannot inject terminal escapes into our stderr. */
static const char *ctx_quote(char *buf, size_t size, const char *s)
{
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)s;
    for (; *p && o + 4 < size; p++) {
        int c1 = p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F;
        if (*p < 0x20 || *p == 0x7F || c1) {
            buf[o++] = '?';
            p += c1;
        } else {
            buf[o++] = (char)*p;
        }
    }
    if (*p) {
        /* cut at a character boundary before adding the ellipsis */
        while (o > 0 && ((unsigned char)buf[o - 1] & 0xC0) == 0x80)
            o--;
        if (o > 0 && (unsigned char)buf[o - 1] >= 0xC0)
            o--;
        buf[o++] = '.', buf[o++] = '.', buf[o++] = '.';
    }
    buf[o] = '\0';
    return buf;
}

static int ctx_fail(struct ctx_walk *w, const struct ctx_value *at,
                    const char *fmt, ...) UTIL_PRINTF(3, 4);

static int ctx_fail(struct ctx_walk *w, const struct ctx_value *at,
                    const char *fmt, ...)
{
    va_list ap;
    w->err->line = at ? at->line : 0;
    w->err->col = at ? at->col : 0;
    va_start(ap, fmt);
    vsnprintf(w->err->msg, sizeof w->err->msg, fmt, ap);
    va_end(ap);
    return -1;
}

/* What a value is, for messages: a YAML plain scalar is shown as typed
 * (the reader wrote `abusive: maybe`, not "a scalar"). */
static const char *ctx_type_name(const struct ctx_value *v)
{
    switch (v->type) {
    case CTX_V_NULL: return "null";
    case CTX_V_STR: return _("a string");
    case CTX_V_PLAIN: return _("a plain scalar");
    case CTX_V_NUM: return _("a number");
    case CTX_V_BOOL: return "true/false";
    case CTX_V_SEQ: return _("a list");
    case CTX_V_MAP: return _("a mapping");
    }
    return "?";
}

static const char *ctx_describe(const struct ctx_value *v, char *buf,
                                size_t size)
{
    char q[64];
    if (v->type != CTX_V_PLAIN)
        return ctx_type_name(v);
    snprintf(buf, size, "'%s'", ctx_quote(q, sizeof q, v->s));
    return buf;
}

static int ctx_is_text(const struct ctx_value *v)
{
    return v->type == CTX_V_STR || v->type == CTX_V_PLAIN;
}

static const char *ctx_keep(struct ctx_walk *w, const struct ctx_value *v)
{
    return w->src->borrow ? v->s : arena_strndup(w->a, v->s, v->len);
}

static int ctx_want_string(struct ctx_walk *w, const char *key,
                           const struct ctx_value *v, const char **out)
{
    if (!ctx_is_text(v))
        return ctx_fail(w, v, _("'%s' must be a string, not %s"), key,
                        ctx_type_name(v));
    *out = ctx_keep(w, v);
    return 0;
}

static int ctx_set_lang(struct ctx_walk *w, const char *key,
                        const struct ctx_value *v)
{
    char q[80];
    const char *s;
    if (ctx_want_string(w, key, v, &s))
        return -1;
    int l = score_lang_parse(s);
    if (l < 0)
        return ctx_fail(w, v, _("unknown lang '%s' (expected en, fa or auto)"),
                        ctx_quote(q, sizeof q, s));
    w->cx->lang = (score_lang)l;
    return 0;
}

static int ctx_set_wants(struct ctx_walk *w, const char *key,
                         const struct ctx_value *v)
{
    char q[80];
    const char *s;
    if (ctx_want_string(w, key, v, &s))
        return -1;
    int x = score_wants_parse(s);
    if (x < 0)
        return ctx_fail(w, v,
                        _("unknown wants value '%s' (expected action, empathy "
                        "or both)"),
                        ctx_quote(q, sizeof q, s));
    w->cx->wants = (score_wants)x;
    return 0;
}

static int ctx_set_customer(struct ctx_walk *w, const char *key,
                            const struct ctx_value *v)
{
    return ctx_want_string(w, key, v, &w->cx->customer);
}

static int ctx_set_name(struct ctx_walk *w, const char *key,
                        const struct ctx_value *v)
{
    return ctx_want_string(w, key, v, &w->cx->customer_name);
}

static int ctx_set_tension(struct ctx_walk *w, const char *key,
                           const struct ctx_value *v)
{
    char d[80];
    double t = v->num;
    if (v->type == CTX_V_PLAIN) {
        if (util_parse_double(v->s, &t) != 0)
            return ctx_fail(w, v, _("'%s' must be a number from 0 to 10, not %s"),
                            key, ctx_describe(v, d, sizeof d));
    } else if (v->type != CTX_V_NUM) {
        return ctx_fail(w, v, _("'%s' must be a number from 0 to 10, not %s"),
                        key, ctx_type_name(v));
    }
    if (!(t >= 0.0 && t <= 10.0))
        return ctx_fail(w, v, _("%s %g is outside 0..10"), key, t);
    w->cx->tension = t;
    return 0;
}

/* YAML 1.1 booleans as libyaml users write them. */
static int ctx_parse_bool(const char *s, int *out)
{
    static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes",
                                      "YES", "on", "On", "ON"};
    static const char *const no[] = {"false", "False", "FALSE", "no", "No",
                                     "NO", "off", "Off", "OFF"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcmp(s, yes[i]) == 0)
            return *out = 1, 0;
        if (strcmp(s, no[i]) == 0)
            return *out = 0, 0;
    }
    return -1;
}

static int ctx_set_abusive(struct ctx_walk *w, const char *key,
                           const struct ctx_value *v)
{
    char d[80];
    int b = v->b;
    if (v->type == CTX_V_PLAIN ? ctx_parse_bool(v->s, &b) != 0
                               : v->type != CTX_V_BOOL)
        return ctx_fail(w, v, _("'%s' must be true or false, not %s"), key,
                        ctx_describe(v, d, sizeof d));
    w->cx->abusive = b;
    return 0;
}

static int ctx_count_item(void *ud, const struct ctx_value *k,
                          const struct ctx_value *v)
{
    (void)k, (void)v;
    ((struct ctx_walk *)ud)->n_items++;
    return 0;
}

static int ctx_list_item(void *ud, const struct ctx_value *k,
                         const struct ctx_value *v)
{
    struct ctx_walk *w = ud;
    (void)k;
    if (!ctx_is_text(v))
        return ctx_fail(w, v, _("each item of '%s' must be a string, not %s"),
                        w->list_key, ctx_type_name(v));
    w->items[w->n_items++] = ctx_keep(w, v);
    return 0;
}

/* A list of strings: counted first so the array is allocated once. */
static int ctx_want_list(struct ctx_walk *w, const char *key,
                         const struct ctx_value *v, const char ***out,
                         size_t *n)
{
    if (v->type != CTX_V_SEQ)
        return ctx_fail(w, v, _("'%s' must be a list of strings, not %s"), key,
                        ctx_type_name(v));
    w->n_items = 0;
    w->src->each(w->src, v, ctx_count_item, w);
    w->items = arena_alloc(w->a, (w->n_items + 1) * sizeof *w->items);
    w->list_key = key;
    w->n_items = 0;
    if (w->src->each(w->src, v, ctx_list_item, w))
        return -1;
    *out = w->items;
    *n = w->n_items;
    return 0;
}

static int ctx_set_history(struct ctx_walk *w, const char *key,
                           const struct ctx_value *v)
{
    return ctx_want_list(w, key, v, &w->cx->history, &w->cx->n_history);
}

static int ctx_facts_pair(void *ud, const struct ctx_value *k,
                          const struct ctx_value *v);

static int ctx_set_facts(struct ctx_walk *w, const char *key,
                         const struct ctx_value *v)
{
    if (v->type != CTX_V_MAP)
        return ctx_fail(w, v,
                        _("'%s' must be a mapping with cannot_promise and "
                        "unknown, not %s"),
                        key, ctx_type_name(v));
    return w->src->each(w->src, v, ctx_facts_pair, w);
}

typedef int (*ctx_setter)(struct ctx_walk *w, const char *key,
                          const struct ctx_value *v);

static const struct {
    const char *name;
    ctx_setter set;
    unsigned bit;
} ctx_keys[] = {
    {"lang", ctx_set_lang, CTX_HAS_LANG},
    {"customer", ctx_set_customer, CTX_HAS_CUSTOMER},
    {"customer_name", ctx_set_name, CTX_HAS_NAME},
    {"wants", ctx_set_wants, CTX_HAS_WANTS},
    {"tension", ctx_set_tension, CTX_HAS_TENSION},
    {"abusive", ctx_set_abusive, CTX_HAS_ABUSIVE},
    {"facts", ctx_set_facts, CTX_HAS_CANNOT | CTX_HAS_UNKNOWN},
    {"history", ctx_set_history, CTX_HAS_HISTORY},
};

/* Checks shared by both levels: the key is text and not seen before. */
static int ctx_check_key(struct ctx_walk *w, const struct ctx_value *k)
{
    if (!ctx_is_text(k))
        return ctx_fail(w, k, _("a key must be a string, not %s"),
                        ctx_type_name(k));
    return 0;
}

static int ctx_facts_pair(void *ud, const struct ctx_value *k,
                          const struct ctx_value *v)
{
    struct ctx_walk *w = ud;
    char q[80];
    if (ctx_check_key(w, k))
        return -1;
    int cannot = strcmp(k->s, "cannot_promise") == 0;
    if (!cannot && strcmp(k->s, "unknown") != 0)
        return ctx_fail(w, k,
                        _("unknown key '%s' in facts (known keys: "
                        "cannot_promise, unknown)"),
                        ctx_quote(q, sizeof q, k->s));
    if (v->type == CTX_V_NULL)
        return 0;
    struct ctx_data *cx = w->cx;
    cx->set |= cannot ? CTX_HAS_CANNOT : CTX_HAS_UNKNOWN;
    return cannot ? ctx_want_list(w, "cannot_promise", v, &cx->cannot_promise,
                                  &cx->n_cannot_promise)
                  : ctx_want_list(w, "unknown", v, &cx->unknown,
                                  &cx->n_unknown);
}

static int ctx_top_pair(void *ud, const struct ctx_value *k,
                        const struct ctx_value *v)
{
    struct ctx_walk *w = ud;
    char q[80];
    if (ctx_check_key(w, k))
        return -1;
    for (size_t i = 0; i < sizeof ctx_keys / sizeof ctx_keys[0]; i++) {
        if (strcmp(k->s, ctx_keys[i].name) != 0)
            continue;
        if (w->seen & (1u << i))
            return ctx_fail(w, k, _("duplicate key '%s'"), ctx_keys[i].name);
        w->seen |= 1u << i;
        if (v->type == CTX_V_NULL)
            return 0; /* `key:` with no value leaves the default */
        if (ctx_keys[i].set(w, ctx_keys[i].name, v))
            return -1;
        /* facts sets its own bits, per sub-key given */
        if (ctx_keys[i].set != ctx_set_facts)
            w->cx->set |= ctx_keys[i].bit;
        return 0;
    }
    return ctx_fail(w, k, _("unknown key '%s' (known keys: %s)"),
                    ctx_quote(q, sizeof q, k->s), CTX_KNOWN_KEYS);
}

int ctx_apply(struct ctx_data *cx, const struct ctx_source *src,
              const struct ctx_value *map, struct arena *a,
              struct ctx_error *err)
{
    struct ctx_walk w = {.cx = cx, .src = src, .a = a, .err = err};
    char d[80];
    if (map->type == CTX_V_NULL)
        return 0; /* an empty document is an empty context */
    if (map->type != CTX_V_MAP)
        return ctx_fail(&w, map, _("the context must be a mapping of keys (%s), not %s"),
                        CTX_KNOWN_KEYS, ctx_describe(map, d, sizeof d));
    return src->each(src, map, ctx_top_pair, &w) ? -1 : 0;
}

void ctx_merge(struct ctx_data *dst, const struct ctx_data *over)
{
    unsigned s = over->set;
    if (s & CTX_HAS_LANG) dst->lang = over->lang;
    if (s & CTX_HAS_CUSTOMER) dst->customer = over->customer;
    if (s & CTX_HAS_NAME) dst->customer_name = over->customer_name;
    if (s & CTX_HAS_WANTS) dst->wants = over->wants;
    if (s & CTX_HAS_TENSION) dst->tension = over->tension;
    if (s & CTX_HAS_ABUSIVE) dst->abusive = over->abusive;
    if (s & CTX_HAS_CANNOT) {
        dst->cannot_promise = over->cannot_promise;
        dst->n_cannot_promise = over->n_cannot_promise;
    }
    if (s & CTX_HAS_UNKNOWN) {
        dst->unknown = over->unknown;
        dst->n_unknown = over->n_unknown;
    }
    if (s & CTX_HAS_HISTORY) {
        dst->history = over->history;
        dst->n_history = over->n_history;
    }
    dst->set |= s;
}

void ctx_to_score(const struct ctx_data *cx, score_context *out)
{
    /* Start from the library's defaults; override only what was given. */
    score_context_init(out);
    unsigned s = cx->set;
    if (s & CTX_HAS_LANG) out->lang = cx->lang;
    if (s & CTX_HAS_CUSTOMER) out->customer = cx->customer;
    if (s & CTX_HAS_NAME) out->customer_name = cx->customer_name;
    if (s & CTX_HAS_WANTS) out->wants = cx->wants;
    if (s & CTX_HAS_TENSION) out->tension = cx->tension;
    if (s & CTX_HAS_ABUSIVE) out->abusive = cx->abusive;
    out->cannot_promise = cx->cannot_promise;
    out->n_cannot_promise = cx->n_cannot_promise;
    out->unknown = cx->unknown;
    out->n_unknown = cx->n_unknown;
    out->history = cx->history;
    out->n_history = cx->n_history;
}
