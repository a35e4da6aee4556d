/*
 * rubric.c - rubric files (YAML) into a raw rubric, merged in order.
 *
 * The built-in rubric is parsed first, then each house-style file over it:
 * weights and kind fields are overridden one by one, word lists and cues are
 * appended (compile.c lets a later phrase override an earlier one). Every
 * error names the file, line and column (from libyaml's marks), because
 * rubric authors are trainers, not programmers.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "internal.h"

const char *const sc_builtin_kind_names[SC_K_NBUILTIN] = {
#define SC_KIND_NAME(id, name) name,
    SC_KINDS(SC_KIND_NAME)
#undef SC_KIND_NAME
};

static const char *const wordlist_names[SC_WL_N] = {
    "negators", "function", "clause_breaks", "filler",
    "join_prefix", "join_suffix", "neg_prefix", "conditional", "copula", "first_person",
    "object_negators", "auxiliaries", "vocative_insults", "titles", "openers",
    "certainty", "stative", "contrast", "cause", "cause_noun", "source",
    "question_words", "predicates"};

void sc_set_error(score_error *err, int code, const char *file, int line, int col,
                  const char *fmt, ...)
{
    if (!err) return;
    err->code = code;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->col = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
}

/* ---- small growable helpers -------------------------------------------- */

int sc_grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return SCORE_OK;
    size_t c = *cap ? *cap * 2 : 16;
    while (c < need) c *= 2;
    void *q = realloc(*p, c * size);
    if (!q) return SCORE_ENOMEM;
    *p = q;
    *cap = c;
    return SCORE_OK;
}

static int list_add(sc_strlist *l, const char *s)
{
    if (sc_grow((void **)&l->items, &l->cap, l->n + 1, sizeof *l->items)) return SCORE_ENOMEM;
    if (!(l->items[l->n] = strdup(s))) return SCORE_ENOMEM;
    l->n++;
    return SCORE_OK;
}

static int pair_add(sc_pair **v, size_t *n, size_t *cap, const char *a, const char *b)
{
    if (sc_grow((void **)v, cap, *n + 1, sizeof **v)) return SCORE_ENOMEM;
    (*v)[*n].from = strdup(a);
    (*v)[*n].to = strdup(b);
    if (!(*v)[*n].from || !(*v)[*n].to) return SCORE_ENOMEM;
    (*n)++;
    return SCORE_OK;
}

static long find_kind(const sc_raw *raw, const char *name)
{
    for (size_t i = 0; i < raw->n_kinds; i++)
        if (strcmp(raw->kinds[i].name, name) == 0) return (long)i;
    return -1;
}

static long add_kind(sc_raw *raw, const char *name)
{
    long k = find_kind(raw, name);
    if (k >= 0) return k;
    if (sc_grow((void **)&raw->kinds, &raw->cap_kinds, raw->n_kinds + 1, sizeof *raw->kinds))
        return -1;
    sc_kind *x = &raw->kinds[raw->n_kinds];
    memset(x, 0, sizeof *x);
    x->dim = SC_DIM_NONE;
    if (!(x->name = strdup(name))) return -1;
    return (long)raw->n_kinds++;
}

void sc_raw_init(sc_raw *raw)
{
    memset(raw, 0, sizeof *raw);
    for (int d = 0; d < SCORE_NDIM; d++) raw->weights[d] = 1.0;
    raw->overall_power = 1.0;
    for (int k = 0; k < SC_K_NBUILTIN; k++) add_kind(raw, sc_builtin_kind_names[k]);
}

void sc_raw_free(sc_raw *raw)
{
    for (size_t i = 0; i < raw->n_kinds; i++) {
        free(raw->kinds[i].name);
        free(raw->kinds[i].tip);
    }
    for (size_t i = 0; i < raw->n_cues; i++) {
        free(raw->cues[i].phrase);
        free(raw->cues[i].where);
    }
    for (int w = 0; w < SC_WL_N; w++) {
        for (size_t i = 0; i < raw->words[w].n; i++) free(raw->words[w].items[i]);
        free(raw->words[w].items);
    }
    for (size_t i = 0; i < raw->n_rewrites; i++) {
        free(raw->rewrites[i].from);
        free(raw->rewrites[i].to);
    }
    for (size_t i = 0; i < raw->n_suffixes; i++) {
        free(raw->suffixes[i].from);
        free(raw->suffixes[i].to);
    }
    free(raw->kinds);
    free(raw->cues);
    free(raw->rewrites);
    free(raw->suffixes);
    memset(raw, 0, sizeof *raw);
}

/* ---- YAML walking ------------------------------------------------------ */

typedef struct {
    yaml_document_t *doc;
    const char *file;
    score_error *err;
    sc_raw *raw;
} walk;

static int fail(walk *w, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(walk *w, const yaml_node_t *n, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sc_set_error(w->err, SCORE_EDATA, w->file, n ? (int)n->start_mark.line + 1 : 0,
                 n ? (int)n->start_mark.column + 1 : 0, "%s", msg);
    return SCORE_EDATA;
}

/* NULL-safe text for messages. */
static const char *S(const char *s) { return s ? s : "(not text)"; }

static yaml_node_t *node(walk *w, int id)
{
    return yaml_document_get_node(w->doc, id);
}

static const char *scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static int expect(walk *w, const yaml_node_t *n, yaml_node_type_t t, const char *what)
{
    if (n && n->type == t) return SCORE_OK;
    return fail(w, n, "%s must be %s", what,
                t == YAML_MAPPING_NODE ? "a mapping" : t == YAML_SEQUENCE_NODE ? "a list" : "text");
}

static int number(walk *w, const yaml_node_t *n, const char *what, double *out)
{
    const char *s = scalar(n);
    char *end;
    if (!s) return fail(w, n, "%s must be a number", what);
    double v = strtod(s, &end);
    if (end == s || *end || v != v || v > 1e6 || v < -1e6)
        return fail(w, n, "%s must be a number, not '%s'", what, s);
    *out = v;
    return SCORE_OK;
}

#define EACH_PAIR(w, map, p)                                                   \
    for (yaml_node_pair_t *p = (map)->data.mapping.pairs.start;                \
         p < (map)->data.mapping.pairs.top; p++)
#define EACH_ITEM(w, seq, it)                                                  \
    for (yaml_node_item_t *it = (seq)->data.sequence.items.start;              \
         it < (seq)->data.sequence.items.top; it++)

static int parse_weights(walk *w, yaml_node_t *map)
{
    if (expect(w, map, YAML_MAPPING_NODE, "weights")) return SCORE_EDATA;
    EACH_PAIR(w, map, p) {
        yaml_node_t *k = node(w, p->key), *v = node(w, p->value);
        int d = score_dim_parse(scalar(k) ? scalar(k) : "");
        if (d < 0)
            return fail(w, k, "unknown dimension '%s' (expected empathy, action, honesty or boundaries)",
                        S(scalar(k)));
        double x;
        if (number(w, v, "a weight", &x)) return SCORE_EDATA;
        if (x < 0) return fail(w, v, "a weight cannot be negative");
        w->raw->weights[d] = x;
    }
    return SCORE_OK;
}

static int parse_words(walk *w, yaml_node_t *map)
{
    if (expect(w, map, YAML_MAPPING_NODE, "words")) return SCORE_EDATA;
    EACH_PAIR(w, map, p) {
        yaml_node_t *k = node(w, p->key), *v = node(w, p->value);
        int which = -1;
        for (int i = 0; i < SC_WL_N; i++)
            if (scalar(k) && strcmp(scalar(k), wordlist_names[i]) == 0) which = i;
        if (which < 0)
            return fail(w, k, "unknown word list '%s' (expected negators, function, clause_breaks, "
                        "filler, join_prefix, join_suffix, neg_prefix, conditional, copula, first_person, "
                        "object_negators, auxiliaries, vocative_insults, titles, openers, certainty, "
                        "stative, contrast, cause, cause_noun, source, question_words or predicates)", S(scalar(k)));
        if (expect(w, v, YAML_SEQUENCE_NODE, S(scalar(k)))) return SCORE_EDATA;
        EACH_ITEM(w, v, it) {
            yaml_node_t *x = node(w, *it);
            if (!scalar(x) || !*scalar(x)) return fail(w, x, "a word must be non-empty text");
            if (list_add(&w->raw->words[which], scalar(x))) return SCORE_ENOMEM;
        }
    }
    return SCORE_OK;
}

static int parse_rewrites(walk *w, yaml_node_t *map, int suffix)
{
    if (expect(w, map, YAML_MAPPING_NODE, suffix ? "suffix_rewrite" : "rewrite")) return SCORE_EDATA;
    sc_raw *raw = w->raw;
    EACH_PAIR(w, map, p) {
        yaml_node_t *k = node(w, p->key), *v = node(w, p->value);
        if (!scalar(k) || !*scalar(k) || !scalar(v))
            return fail(w, k, "a rewrite maps a word to text");
        int rc = suffix ? pair_add(&raw->suffixes, &raw->n_suffixes, &raw->cap_suffixes, scalar(k), scalar(v))
                        : pair_add(&raw->rewrites, &raw->n_rewrites, &raw->cap_rewrites, scalar(k), scalar(v));
        if (rc) return rc;
    }
    return SCORE_OK;
}

static int set_string(char **dst, const char *s)
{
    char *c = strdup(s);
    if (!c) return SCORE_ENOMEM;
    free(*dst);
    *dst = c;
    return SCORE_OK;
}

static int parse_kind_field(walk *w, sc_kind *k, yaml_node_t *key, yaml_node_t *v)
{
    const char *f = scalar(key) ? scalar(key) : "";
    if (strcmp(f, "dimension") == 0) {
        const char *s = scalar(v);
        int d = s ? score_dim_parse(s) : -1;
        if (s && strcmp(s, "none") == 0) d = SC_DIM_NONE;
        else if (d < 0)
            return fail(w, v, "unknown dimension '%s' (expected empathy, action, honesty, boundaries or none)", S(s));
        k->dim = d;
        k->set_dim = 1;
    } else if (strcmp(f, "weight") == 0) {
        if (number(w, v, "weight", &k->weight)) return SCORE_EDATA;
        k->set_weight = 1;
    } else if (strcmp(f, "negation") == 0) {
        const char *s = scalar(v);
        if (!s || (strcmp(s, "flip") && strcmp(s, "ignore")))
            return fail(w, v, "negation must be flip or ignore, not '%s'", S(s));
        k->ignore_negation = strcmp(s, "ignore") == 0;
    } else if (strcmp(f, "tip") == 0) {
        if (!scalar(v) || !*scalar(v)) return fail(w, v, "tip must be one sentence of text");
        if (set_string(&k->tip, scalar(v))) return SCORE_ENOMEM;
        k->set_tip = 1;
    } else {
        return fail(w, key, "unknown kind field '%s' (expected dimension, weight, negation or tip)", f);
    }
    return SCORE_OK;
}

static int parse_kinds(walk *w, yaml_node_t *map)
{
    if (expect(w, map, YAML_MAPPING_NODE, "kinds")) return SCORE_EDATA;
    EACH_PAIR(w, map, p) {
        yaml_node_t *k = node(w, p->key), *v = node(w, p->value);
        const char *name = scalar(k);
        if (!name || !*name) return fail(w, k, "a kind needs a name");
        for (const char *c = name; *c; c++)
            if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_'))
                return fail(w, k, "kind name '%s' must be lower-case letters, digits and _", name);
        if (expect(w, v, YAML_MAPPING_NODE, "a kind")) return SCORE_EDATA;
        long ki = add_kind(w->raw, name);
        if (ki < 0) return SCORE_ENOMEM;
        EACH_PAIR(w, v, q) {
            if (parse_kind_field(w, &w->raw->kinds[ki], node(w, q->key), node(w, q->value)))
                return SCORE_EDATA;
        }
    }
    return SCORE_OK;
}

static int add_cue(walk *w, size_t kind, yaml_node_t *item)
{
    sc_raw *raw = w->raw;
    const char *phrase = scalar(item);
    double weight = 0;
    int has_weight = 0;
    if (item && item->type == YAML_MAPPING_NODE) {
        EACH_PAIR(w, item, p) {
            const char *f = scalar(node(w, p->key));
            yaml_node_t *v = node(w, p->value);
            if (f && strcmp(f, "phrase") == 0) phrase = scalar(v);
            else if (f && strcmp(f, "weight") == 0) {
                if (number(w, v, "weight", &weight)) return SCORE_EDATA;
                has_weight = 1;
            } else
                return fail(w, node(w, p->key), "unknown cue field '%s' (expected phrase or weight)", S(f));
        }
    }
    if (!phrase || !*phrase) return fail(w, item, "a cue must be a phrase (text)");
    if (strlen(phrase) > 400) return fail(w, item, "a cue phrase is limited to 400 bytes");
    if (sc_grow((void **)&raw->cues, &raw->cap_cues, raw->n_cues + 1, sizeof *raw->cues))
        return SCORE_ENOMEM;
    sc_rawcue *c = &raw->cues[raw->n_cues];
    char where[600];
    snprintf(where, sizeof where, "%s:%d:%d", w->file, (int)item->start_mark.line + 1,
             (int)item->start_mark.column + 1);
    c->phrase = strdup(phrase);
    c->where = strdup(where);
    if (!c->phrase || !c->where) return SCORE_ENOMEM;
    c->weight = weight;
    c->has_weight = has_weight;
    c->kind = kind;
    raw->n_cues++;
    return SCORE_OK;
}

static int parse_cues(walk *w, yaml_node_t *map)
{
    if (expect(w, map, YAML_MAPPING_NODE, "cues")) return SCORE_EDATA;
    EACH_PAIR(w, map, p) {
        yaml_node_t *k = node(w, p->key), *v = node(w, p->value);
        long ki = scalar(k) ? find_kind(w->raw, scalar(k)) : -1;
        if (ki < 0)
            return fail(w, k, "cues for unknown kind '%s' (declare it under kinds: first)", S(scalar(k)));
        if (expect(w, v, YAML_SEQUENCE_NODE, "a kind's cues")) return SCORE_EDATA;
        EACH_ITEM(w, v, it) {
            int rc = add_cue(w, (size_t)ki, node(w, *it));
            if (rc) return rc;
        }
    }
    return SCORE_OK;
}

static int parse_section(walk *w, const char *key, yaml_node_t *k, yaml_node_t *v)
{
    if (strcmp(key, "lang") == 0) return SCORE_OK;
    if (strcmp(key, "weights") == 0) return parse_weights(w, v);
    if (strcmp(key, "overall_power") == 0) {
        double x;
        if (number(w, v, "overall_power", &x)) return SCORE_EDATA;
        if (x < 0.1 || x > 3) return fail(w, v, "overall_power must be between 0.1 and 3");
        w->raw->overall_power = x;
        return SCORE_OK;
    }
    if (strcmp(key, "words") == 0) return parse_words(w, v);
    if (strcmp(key, "rewrite") == 0) return parse_rewrites(w, v, 0);
    if (strcmp(key, "suffix_rewrite") == 0) return parse_rewrites(w, v, 1);
    if (strcmp(key, "cues") == 0) return parse_cues(w, v);
    if (strcmp(key, "kinds") == 0) return SCORE_OK; /* done first */
    return fail(w, k, "unknown key '%s' (expected lang, weights, overall_power, words, rewrite, suffix_rewrite, kinds or cues)",
                key);
}

static int parse_root(walk *w, yaml_node_t *root, score_lang want, int *skipped)
{
    if (!root) return fail(w, NULL, "the rubric is empty");
    if (expect(w, root, YAML_MAPPING_NODE, "a rubric")) return SCORE_EDATA;
    yaml_node_t *lang = NULL;
    EACH_PAIR(w, root, p) {
        const char *k = scalar(node(w, p->key));
        if (k && strcmp(k, "lang") == 0) lang = node(w, p->value);
    }
    int l = scalar(lang) ? score_lang_parse(scalar(lang)) : -1;
    if (!lang) return fail(w, root, "a rubric needs 'lang: en' or 'lang: fa'");
    if (l != SCORE_LANG_EN && l != SCORE_LANG_FA)
        return fail(w, lang, "unknown language '%s' (expected en or fa)", S(scalar(lang)));
    if (l != (int)want) {
        *skipped = 1;
        return SCORE_OK;
    }
    EACH_PAIR(w, root, p) { /* kinds first: cues may name new kinds */
        const char *k = scalar(node(w, p->key));
        if (k && strcmp(k, "kinds") == 0 && parse_kinds(w, node(w, p->value))) return SCORE_EDATA;
    }
    EACH_PAIR(w, root, p) {
        yaml_node_t *k = node(w, p->key);
        if (!scalar(k)) return fail(w, k, "keys must be text");
        int rc = parse_section(w, scalar(k), k, node(w, p->value));
        if (rc) return rc;
    }
    return SCORE_OK;
}

#define SC_STR2(x) #x
#define SC_STR(x) SC_STR2(x)

int sc_raw_merge(sc_raw *raw, const char *name, const char *text, size_t len,
                 score_lang want, int *skipped, score_error *err)
{
    yaml_parser_t parser;
    yaml_document_t doc;
    *skipped = 0;
    int gl, gc, g = score_yaml_guard(text, len, &gl, &gc);
    if (g != SCORE_YAML_OK) { /* see yaml-guard.c for why */
        sc_set_error(err, SCORE_EDATA, name, gl, gc, "%s",
                     g == SCORE_YAML_ALIAS
                         ? "aliases are not allowed in a rubric (write the words out)"
                     : g == SCORE_YAML_UTF16
                         ? "the file is UTF-16: a rubric must be UTF-8 text"
                         : "nested deeper than " SC_STR(SCORE_YAML_MAX_DEPTH) " levels");
        return SCORE_EDATA;
    }
    if (!yaml_parser_initialize(&parser)) return SCORE_ENOMEM;
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &doc)) {
        sc_set_error(err, SCORE_EDATA, name, (int)parser.problem_mark.line + 1,
                     (int)parser.problem_mark.column + 1, "%s%s%s",
                     parser.problem ? parser.problem : "malformed YAML",
                     parser.context ? " " : "", parser.context ? parser.context : "");
        yaml_parser_delete(&parser);
        return SCORE_EDATA;
    }
    walk w = {.doc = &doc, .file = name, .err = err, .raw = raw};
    int rc = parse_root(&w, yaml_document_get_root_node(&doc), want, skipped);
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    return rc;
}
