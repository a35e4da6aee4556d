/*
 * jsonl-fast.c - parser half of the --jsonl fast path (jsonl-fast.h).
 *
 * A strict JSON parser into a small node array: strings are decoded into
 * one scratch buffer sized from the line (a decoded string is never
 * longer than its source), so nothing is allocated per line once the
 * buffers have grown. It says "no" (-1) rather than guess: whatever it
 * rejects, jansson parses and reports. The writer half is jsonl-write.c.
 */
#include "jsonl-fast.h"
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define JFAST_MAX_DEPTH 16
#define JFAST_MAX_KEYS 64 /* per object; duplicate checks stay cheap */

struct jfast_node {
    enum ctx_vtype type;
    int first, next; /* first child, next sibling (-1: none) */
    const char *s;   /* decoded string, or the number's text */
    size_t len;
    double num;
    int is_int;
    long long ival;
};

/* Bytes that a JSON string holds as they are: not '"', '\\' or a
 * control character. Built once; a table beats three compares a byte. */
static unsigned char jfast_plain[256];

static void jfast_init_table(void)
{
    for (int c = 0; c < 256; c++)
        jfast_plain[c] = c >= 0x20 && c != '"' && c != '\\';
}

void jfast_init(struct jfast *f)
{
    memset(f, 0, sizeof *f);
    if (!jfast_plain['a'])
        jfast_init_table();
}

void jfast_free(struct jfast *f)
{
    free(f->nodes);
    free(f->scratch);
    jfast_init(f);
}

static int jfast_new(struct jfast *f, enum ctx_vtype type)
{
    if (f->n_nodes == f->cap_nodes) {
        f->cap_nodes = f->cap_nodes ? f->cap_nodes * 2 : 64;
        f->nodes = util_xrealloc(f->nodes, f->cap_nodes * sizeof *f->nodes);
    }
    struct jfast_node *n = &f->nodes[f->n_nodes];
    memset(n, 0, sizeof *n);
    n->type = type;
    n->first = n->next = -1;
    return (int)f->n_nodes++;
}

static void jfast_ws(struct jfast *f)
{
    while (f->p < f->end && (*f->p == ' ' || *f->p == '\t' ||
                             *f->p == '\n' || *f->p == '\r'))
        f->p++;
}

static int jfast_hex4(const char *s, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return -1;
    }
    *out = v;
    return 0;
}

/* \uXXXX (with a surrogate pair) at f->p (after the 'u'); writes UTF-8. */
static int jfast_unicode(struct jfast *f, char **o)
{
    unsigned cp, lo;
    if (f->end - f->p < 4 || jfast_hex4(f->p, &cp))
        return -1;
    f->p += 4;
    if (cp >= 0xDC00 && cp <= 0xDFFF)
        return -1; /* a lone low surrogate: jansson's error */
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (f->end - f->p < 6 || f->p[0] != '\\' || f->p[1] != 'u' ||
            jfast_hex4(f->p + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF)
            return -1;
        f->p += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    }
    utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)cp,
                                              (utf8proc_uint8_t *)*o);
    *o += n;
    return n > 0 ? 0 : -1;
}

static int jfast_escape(struct jfast *f, char **o)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    if (f->p >= f->end)
        return -1;
    char c = *f->p++;
    if (c == 'u')
        return jfast_unicode(f, o);
    const char *k = strchr(from, c);
    if (!k || !c)
        return -1;
    *(*o)++ = to[k - from];
    return 0;
}

/* A string at f->p (the opening quote), decoded into scratch. Every byte
 * of the result must form valid UTF-8, as jansson demands. */
static int jfast_string(struct jfast *f)
{
    char *start = f->scratch + f->used, *o = start;
    const char *p = f->p + 1, *end = f->end;
    for (;;) {
        const char *q = p;
        while (q < end && jfast_plain[(unsigned char)*q])
            q++;
        memcpy(o, p, (size_t)(q - p));
        o += q - p;
        if (q >= end || (*q != '"' && *q != '\\'))
            return -1; /* unterminated, or a raw control character */
        if (*q == '"') {
            f->p = q + 1;
            break;
        }
        f->p = q + 1;
        if (jfast_escape(f, &o))
            return -1;
        p = f->p;
    }
    *o = '\0';
    if (!util_utf8_valid(start, (size_t)(o - start)))
        return -1;
    int i = jfast_new(f, CTX_V_STR);
    f->nodes[i].s = start;
    f->nodes[i].len = (size_t)(o - start);
    f->used += (size_t)(o - start) + 1;
    return i;
}

static const char *jfast_digits(const char *p, const char *end)
{
    while (p < end && *p >= '0' && *p <= '9')
        p++;
    return p;
}

/* The JSON number grammar, exactly; integers without '.'/exponent. */
static int jfast_number(struct jfast *f)
{
    const char *s = f->p, *p = s, *end = f->end;
    int is_int = 1;
    if (p < end && *p == '-')
        p++;
    if (p >= end || *p < '0' || *p > '9')
        return -1;
    p = *p == '0' ? p + 1 : jfast_digits(p, end);
    if (p < end && *p == '.') {
        const char *q = jfast_digits(p + 1, end);
        if (q == p + 1)
            return -1;
        p = q, is_int = 0;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        const char *q = jfast_digits(p, end);
        if (q == p)
            return -1;
        p = q, is_int = 0;
    }
    /* strtod/strtoll need a terminated copy; scratch has room for it. */
    char *t = f->scratch + f->used;
    memcpy(t, s, (size_t)(p - s));
    t[p - s] = '\0';
    f->used += (size_t)(p - s) + 1;
    f->p = p;
    int i = jfast_new(f, CTX_V_NUM);
    struct jfast_node *n = &f->nodes[i];
    errno = 0;
    n->num = strtod(t, NULL);
    if (!isfinite(n->num))
        return -1; /* jansson: "real number overflow" */
    n->is_int = is_int;
    if (is_int) {
        n->ival = strtoll(t, NULL, 10);
        if (errno == ERANGE)
            return -1; /* jansson: "too big integer" */
    }
    n->s = t;
    n->len = (size_t)(p - s);
    return i;
}

static int jfast_value(struct jfast *f);

static int jfast_literal(struct jfast *f)
{
    static const struct {
        const char *word;
        size_t len;
        enum ctx_vtype type;
        int b;
    } lit[] = {{"true", 4, CTX_V_BOOL, 1},
               {"false", 5, CTX_V_BOOL, 0},
               {"null", 4, CTX_V_NULL, 0}};
    for (size_t k = 0; k < 3; k++) {
        if ((size_t)(f->end - f->p) >= lit[k].len &&
            memcmp(f->p, lit[k].word, lit[k].len) == 0) {
            f->p += lit[k].len;
            int i = jfast_new(f, lit[k].type);
            f->nodes[i].ival = lit[k].b;
            return i;
        }
    }
    return -1;
}

/* Appends child `c` after `last` (or as the first child of `parent`). */
static void jfast_link(struct jfast *f, int parent, int *last, int c)
{
    if (*last < 0)
        f->nodes[parent].first = c;
    else
        f->nodes[*last].next = c;
    *last = c;
}

static int jfast_array(struct jfast *f)
{
    int a = jfast_new(f, CTX_V_SEQ), last = -1;
    f->p++;
    jfast_ws(f);
    if (f->p < f->end && *f->p == ']')
        return f->p++, a;
    for (;;) {
        int v = jfast_value(f);
        if (v < 0)
            return -1;
        jfast_link(f, a, &last, v);
        jfast_ws(f);
        if (f->p >= f->end)
            return -1;
        char c = *f->p++;
        if (c == ']')
            return a;
        if (c != ',')
            return -1;
    }
}

/* A key that is new in object `o` (duplicates are a jansson error). */
static int jfast_key(struct jfast *f, int o, int nkeys)
{
    jfast_ws(f);
    if (f->p >= f->end || *f->p != '"' || nkeys >= JFAST_MAX_KEYS)
        return -1;
    int k = jfast_string(f);
    if (k < 0 || memchr(f->nodes[k].s, '\0', f->nodes[k].len))
        return -1; /* a NUL in a key is not supported by jansson */
    for (int c = f->nodes[o].first; c >= 0; c = f->nodes[f->nodes[c].next].next)
        if (strcmp(f->nodes[c].s, f->nodes[k].s) == 0)
            return -1;
    jfast_ws(f);
    if (f->p >= f->end || *f->p != ':')
        return -1;
    f->p++;
    return k;
}

/* Children of an object alternate: key, value, key, value... */
static int jfast_object(struct jfast *f)
{
    int o = jfast_new(f, CTX_V_MAP), last = -1, nkeys = 0;
    f->p++;
    jfast_ws(f);
    if (f->p < f->end && *f->p == '}')
        return f->p++, o;
    for (;;) {
        int k = jfast_key(f, o, nkeys++);
        if (k < 0)
            return -1;
        jfast_link(f, o, &last, k);
        int v = jfast_value(f);
        if (v < 0)
            return -1;
        jfast_link(f, o, &last, v);
        jfast_ws(f);
        if (f->p >= f->end)
            return -1;
        char c = *f->p++;
        if (c == '}')
            return o;
        if (c != ',')
            return -1;
    }
}

static int jfast_value(struct jfast *f)
{
    jfast_ws(f);
    if (f->p >= f->end || ++f->depth > JFAST_MAX_DEPTH)
        return -1;
    int r;
    switch (*f->p) {
    case '{': r = jfast_object(f); break;
    case '[': r = jfast_array(f); break;
    case '"': r = jfast_string(f); break;
    case 't': case 'f': case 'n': r = jfast_literal(f); break;
    default: r = jfast_number(f); break;
    }
    f->depth--;
    return r;
}

static int jfast_set_id(const struct jfast_node *v, struct jfast_line *out)
{
    switch (v->type) {
    case CTX_V_NULL: out->id_kind = JFAST_ID_NULL; return 0;
    case CTX_V_BOOL:
        out->id_kind = v->ival ? JFAST_ID_TRUE : JFAST_ID_FALSE;
        return 0;
    case CTX_V_STR:
        out->id_kind = JFAST_ID_STR;
        out->id_str = v->s;
        out->id_len = v->len;
        return 0;
    case CTX_V_NUM:
        if (!v->is_int)
            return -1; /* jansson's real format is not reproduced here */
        out->id_kind = JFAST_ID_INT;
        out->id_int = v->ival;
        return 0;
    default: return -1; /* arrays and objects: the jansson path */
    }
}

/* The top-level keys: only what a valid line may hold. */
static int jfast_top(struct jfast *f, int root, struct jfast_line *out)
{
    int have_reply = 0;
    for (int k = f->nodes[root].first; k >= 0; k = f->nodes[k].next) {
        const struct jfast_node *key = &f->nodes[k];
        const struct jfast_node *v = &f->nodes[key->next];
        k = key->next;
        if (strcmp(key->s, "id") == 0) {
            if (jfast_set_id(v, out))
                return -1;
        } else if (strcmp(key->s, "reply") == 0 && v->type == CTX_V_STR) {
            out->reply = v->s;
            out->reply_len = v->len;
            have_reply = 1;
        } else if (strcmp(key->s, "context") == 0 &&
                   (v->type == CTX_V_MAP || v->type == CTX_V_NULL)) {
            out->context = v->type == CTX_V_MAP ? key->next : -1;
        } else {
            return -1;
        }
    }
    return have_reply ? 0 : -1;
}

int jfast_parse(struct jfast *f, const char *line, size_t len,
                struct jfast_line *out)
{
    /* Decoded strings and number copies never exceed the line, plus one
     * terminator per token: 2 * len bounds them all. */
    if (f->cap < 2 * len + 16) {
        f->cap = 2 * len + 16;
        free(f->scratch);
        f->scratch = util_xmalloc(f->cap);
    }
    f->used = 0;
    f->n_nodes = 0;
    f->depth = 0;
    f->p = line;
    f->end = line + len;
    memset(out, 0, sizeof *out);
    out->context = -1;
    jfast_ws(f);
    if (f->p >= f->end || *f->p != '{')
        return -1;
    int root = jfast_value(f);
    jfast_ws(f);
    if (root < 0 || f->p != f->end)
        return -1;
    return jfast_top(f, root, out);
}

static void jfast_view(const struct jfast *f, int i, struct ctx_value *v)
{
    const struct jfast_node *n = &f->nodes[i];
    memset(v, 0, sizeof *v);
    v->type = n->type;
    v->s = n->s;
    v->len = n->len;
    v->num = n->num;
    v->b = (int)n->ival;
    v->node = n;
}

static int jfast_each(const struct ctx_source *src, const struct ctx_value *v,
                      ctx_visit_fn fn, void *ud)
{
    const struct jfast *f = src->doc;
    const struct jfast_node *n = v->node;
    struct ctx_value key, val;
    int rc;
    for (int c = n->first; c >= 0; c = f->nodes[c].next) {
        if (n->type == CTX_V_MAP) {
            jfast_view(f, c, &key);
            c = f->nodes[c].next;
            jfast_view(f, c, &val);
            rc = fn(ud, &key, &val);
        } else {
            jfast_view(f, c, &val);
            rc = fn(ud, NULL, &val);
        }
        if (rc)
            return rc;
    }
    return 0;
}

int jfast_context(struct jfast *f, const struct jfast_line *l,
                  struct ctx_data *cx, struct arena *a, struct ctx_error *err)
{
    if (l->context < 0)
        return 0;
    struct ctx_source src = {jfast_each, f, 1};
    struct ctx_value v;
    memset(err, 0, sizeof *err);
    jfast_view(f, l->context, &v);
    return ctx_apply(cx, &src, &v, a, err);
}
