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
 *  2. the YAML: libyaml's event API builds a small tree of our own, which
 *     lets us refuse anchors and aliases where they appear (no billion
 *     laughs), bound the nesting depth and the number of values, spot
 *     duplicate keys (libyaml accepts them) and check every scalar for
 *     terminal escapes and bidi overrides;
 *  3. the schema: keys, types, ranges, languages, conditions (scn-expr.c)
 *     and node targets; then the graph checks of scn-check.c.
 *
 * Stages 1 and 2 and the typed readers of stage 3 are shared with the
 * track loader (ldr.c); this file is the scenario schema. Problems go to
 * scn_diags (scn-util.c); `hamdel lint` prints them.
 */
#include "ldr.h"
#include "say-quote.h"
#include "scn.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    ldr y;                  /* the file being read (ldr.h) */
    const scn_opts *o;
    scn_scenario *s;
    struct ld_goto { scn_branch *b; const ldr_yn *v; } *gotos;
    size_t n_gotos, cap_gotos;
} ld;

static const char *const ld_fact_keys[] = {"cannot_promise", "unknown"};

/* facts: {cannot_promise: {en: [...], fa: [...]}, unknown: {...}} */
static void ld_facts(ld *L, const ldr_yn *v)
{
    ldr_kv kv[2], lk[2];
    const ldr_yn *x;
    if (!ldr_fields(&L->y, v, ld_fact_keys, 2, kv, "'facts'"))
        return;
    for (int f = 0; f < 2; f++) {
        const char *key = ld_fact_keys[f];
        scn_strings *dst = f == 0 ? L->s->cannot_promise : L->s->unknown;
        if (!(x = ldr_get(&L->y, v, &kv[f], key, 0)))
            continue;
        if (x->kind != LDR_MAP) {
            ldr_err(&L->y, x->line, x->col, "'%s' must give a list per language, e.g. "
                   "{en: [...], fa: [...]}, not %s", key, ldr_what(x));
            continue;
        }
        ldr_fields(&L->y, x, ldr_lang_keys, 2, lk, key);
        for (int i = 0; i < 2; i++)
            if (ldr_lang_here(&L->y, x, &lk[i], key, i))
                ldr_list(&L->y, lk[i].v, key, &dst[i]);
    }
}

static const char *const ld_persona_keys[] = {"name", "tension"};

static void ld_persona(ld *L, const ldr_yn *v)
{
    ldr_kv kv[2];
    const ldr_yn *x;
    if (!ldr_fields(&L->y, v, ld_persona_keys, 2, kv, "'persona'"))
        return;
    if ((x = ldr_get(&L->y, v, &kv[0], "name", 1)))
        ldr_text(&L->y, x, "name", &L->s->persona_name);
    if ((x = ldr_get(&L->y, v, &kv[1], "tension", 1)))
        ldr_number(&L->y, x, "tension", 0, 10, 0, &L->s->tension);
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
static void ld_when(ld *L, const ldr_yn *x, scn_branch *b)
{
    char msg[300];
    int col = 0;
    if (x->kind != LDR_SCALAR) {
        ldr_err(&L->y, x->line, x->col, "'when' must be a condition, not %s", ldr_what(x));
        return;
    }
    b->when_src = util_xstrdup(x->s);
    b->when = scn_expr_parse(x->s, L->o, msg, sizeof msg, &col);
    if (b->when)
        return;
    int c = x->col;
    if (!strchr(x->s, '\n') && col > 0)
        c = x->col + x->quoted + col - 1;
    ldr_err(&L->y, x->line, c, "condition: %s", msg);
}

/* goto targets are resolved once every node is known (ld_resolve). */
static void ld_goto_later(ld *L, scn_branch *b, const ldr_yn *v)
{
    if (L->n_gotos == L->cap_gotos) {
        L->cap_gotos = L->cap_gotos ? L->cap_gotos * 2 : 64;
        L->gotos = util_xrealloc(L->gotos, L->cap_gotos * sizeof *L->gotos);
    }
    L->gotos[L->n_gotos].b = b;
    L->gotos[L->n_gotos++].v = v;
}

/* A placeholder's kind, checked the way has(kind) is (say-quote.h). */
static int ld_say_kind(const char *kind, size_t len, const void *ud)
{
    const scn_opts *o = ud;
    char name[LDR_MAX_ID * 2 + 1];
    if (len >= sizeof name)
        return 0;
    memcpy(name, kind, len);
    name[len] = '\0';
    return !o || !o->kind_ok || o->kind_ok(name, o->kind_ud);
}

/* The placeholders of a `say` text that quote the trainee. */
static void ld_say_check(ld *L, const ldr_yn *x, const scn_branch *b)
{
    for (int i = 0; i < 2; i++) {
        char err[200];
        size_t at;
        if (b->say.t[i] && sayq_check(b->say.t[i], ld_say_kind, L->o, err,
                                      sizeof err, &at))
            ldr_err(&L->y, x->line, x->col, "say (%s), at byte %zu: %s",
                    ldr_lang_keys[i], at + 1, err);
    }
}

static void ld_branch(ld *L, const ldr_yn *v, scn_branch *b)
{
    ldr_kv kv[4];
    const ldr_yn *x;
    b->target = -1;
    b->line = v->line, b->col = v->col;
    if (!ldr_fields(&L->y, v, ld_branch_keys, 4, kv, "a branch"))
        return;
    if ((x = ldr_get(&L->y, v, &kv[0], "when", 0)))
        ld_when(L, x, b);
    if ((x = ldr_get(&L->y, v, &kv[1], "say", 0))) {
        ldr_text(&L->y, x, "say", &b->say);
        ld_say_check(L, x, b);
    }
    if ((x = ldr_get(&L->y, v, &kv[2], "tension", 0)))
        ldr_number(&L->y, x, "tension", -10, 10, 0, &b->tension);
    if ((x = ldr_get(&L->y, v, &kv[3], "goto", 1)) && (b->go = ldr_string(&L->y, x, "goto", LDR_MAX_ID * 4)))
        ld_goto_later(L, b, x);
}

/* First match wins, so only the last branch may be unconditional. */
static void ld_fallback_rule(ld *L, const ldr_yn *v, const scn_node *n)
{
    for (size_t i = 0; i < n->n_branches; i++) {
        const ldr_yn *it = v->kid[i];
        int last = i + 1 == n->n_branches, has_when = n->branches[i].when_src != NULL;
        if (it->kind != LDR_MAP)
            continue;
        if (!last && !has_when)
            ldr_err(&L->y, it->line, it->col, "only the last branch may leave out "
                   "'when': the branches after this one could never be taken");
        if (last && has_when)
            ldr_err(&L->y, it->line, it->col, "the last branch must leave out 'when': "
                   "it is what happens when no condition matches");
    }
}

static void ld_branches(ld *L, const ldr_yn *v, scn_node *n)
{
    if (v->kind != LDR_SEQ || v->n == 0) {
        ldr_err(&L->y, v->line, v->col, "'branches' must be a list of {when, say, "
               "tension, goto}, not %s", v->kind == LDR_SEQ ? "an empty list" : ldr_what(v));
        return;
    }
    if (v->n > SCN_MAX_BRANCHES) {
        ldr_err(&L->y, v->line, v->col, "too many branches (%zu; at most %d)", v->n,
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
static void ld_node_kind(ld *L, const ldr_yn *v, const ldr_kv *kv, scn_node *n)
{
    const ldr_yn *x;
    if (n->ending != SCN_END_NONE) {
        if (kv[NK_BRANCHES].k)
            ldr_err(&L->y, kv[NK_BRANCHES].k->line, kv[NK_BRANCHES].k->col,
                   "an ending node has no branches (node '%s' is 'ending: %s')",
                   n->id, scn_ending_name(n->ending));
        if (!kv[NK_DEBRIEF].k)
            ldr_err(&L->y, v->line, v->col, "ending node '%s' needs a 'debrief' (what "
                   "a trainer would say about this outcome)", n->id);
        if ((x = ldr_get(&L->y, v, &kv[NK_DEBRIEF], "debrief", 0)))
            ldr_text(&L->y, x, "debrief", &n->debrief);
        return;
    }
    if (kv[NK_DEBRIEF].k)
        ldr_err(&L->y, kv[NK_DEBRIEF].k->line, kv[NK_DEBRIEF].k->col,
               "'debrief' belongs to an ending node (add 'ending:' or remove it)");
    if (!kv[NK_BRANCHES].k)
        ldr_err(&L->y, v->line, v->col, "node '%s' has neither 'branches' nor 'ending'",
               n->id);
    else if ((x = ldr_get(&L->y, v, &kv[NK_BRANCHES], "branches", 0)))
        ld_branches(L, x, n);
}

static void ld_node(ld *L, const ldr_yn *key, const ldr_yn *v, scn_node *n)
{
    ldr_kv kv[NK_N];
    const ldr_yn *x;
    int k;
    n->id = util_xstrdup(key->s);
    n->line = key->line, n->col = key->col;
    n->wants = SCORE_WANTS_BOTH;
    if (!ldr_fields(&L->y, v, ld_node_keys, NK_N, kv, "a node"))
        return;
    if (kv[NK_ENDING].k) {
        n->ending = SCN_END_ENDED; /* even when misspelt: no cascade */
        if ((x = ldr_get(&L->y, v, &kv[NK_ENDING], "ending", 0)) &&
            (k = ldr_enum(&L->y, x, "ending", ld_endings, 4,
                         "resolved, escalated, churned or ended")) >= 0)
            n->ending = (scn_ending)(SCN_END_RESOLVED + k);
    }
    if ((x = ldr_get(&L->y, v, &kv[NK_CUSTOMER], "customer", n->ending == SCN_END_NONE)))
        ldr_text(&L->y, x, "customer", &n->customer);
    if ((x = ldr_get(&L->y, v, &kv[NK_WANTS], "wants", 0)) &&
        (k = ldr_enum(&L->y, x, "wants", ld_wants, 3, "action, empathy or both")) >= 0)
        n->wants = (score_wants)k;
    if ((x = ldr_get(&L->y, v, &kv[NK_ABUSIVE], "abusive", 0)))
        ldr_bool(&L->y, x, "abusive", &n->abusive);
    if ((x = ldr_get(&L->y, v, &kv[NK_HINT], "hint", 0)))
        ldr_text(&L->y, x, "hint", &n->hint);
    if ((x = ldr_get(&L->y, v, &kv[NK_MODEL], "model_answer", 0)))
        ldr_text(&L->y, x, "model_answer", &n->model_answer);
    ld_node_kind(L, v, kv, n);
}

static void ld_nodes(ld *L, const ldr_yn *v)
{
    scn_scenario *s = L->s;
    if (v->kind != LDR_MAP || v->n == 0) {
        ldr_err(&L->y, v->line, v->col, "'nodes' must map node ids to nodes, not %s",
               v->kind == LDR_MAP ? "an empty mapping" : ldr_what(v));
        return;
    }
    if (v->n / 2 > SCN_MAX_NODES) {
        ldr_err(&L->y, v->line, v->col, "too many nodes (%zu; at most %d)", v->n / 2,
               SCN_MAX_NODES);
        return;
    }
    s->nodes = util_xmalloc(v->n / 2 * sizeof *s->nodes);
    memset(s->nodes, 0, v->n / 2 * sizeof *s->nodes);
    for (size_t i = 0; i + 1 < v->n; i += 2) {
        const ldr_yn *key = v->kid[i];
        if (key->kind != LDR_SCALAR || scn_node_index(s, key->s) >= 0)
            continue; /* reported: a complex or duplicate key */
        if (!ldr_id_ok(key->s, '_'))
            ldr_err(&L->y, key->line, key->col, "node id '%.*s' must be 1 to %d of "
                   "a-z, 0-9 and '_'", ldr_clip(key->s), key->s, LDR_MAX_ID);
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
static int ld_ref(ld *L, const ldr_yn *v, const char *key)
{
    const scn_scenario *s = L->s;
    if (v->kind != LDR_SCALAR) {
        ldr_err(&L->y, v->line, v->col, "'%s' must be a node id, not %s", key, ldr_what(v));
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
        ldr_err(&L->y, v->line, v->col, "%s: no node named '%.*s' (did you mean '%s'?)",
               key, ldr_clip(v->s), v->s, sug);
    else
        ldr_err(&L->y, v->line, v->col, "%s: no node named '%.*s'", key, ldr_clip(v->s), v->s);
    free(ids);
    return -1;
}

/* Resolve start, breaking_point and every goto; 1 when all resolved. */
static int ld_resolve(ld *L, const ldr_yn *root, const ldr_kv *kv)
{
    scn_scenario *s = L->s;
    const ldr_yn *x;
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
    if ((x = ldr_get(&L->y, root, &kv[TK_START], "start", 1)))
        s->start = ld_ref(L, x, "start");
    if ((x = ldr_get(&L->y, root, &kv[TK_BP], "breaking_point", 1)))
        s->breaking_point = ld_ref(L, x, "breaking_point");
    if (s->start >= 0 && s->nodes[s->start].ending != SCN_END_NONE)
        ldr_err(&L->y, kv[TK_START].v->line, kv[TK_START].v->col,
               "start node '%s' is an ending: the conversation would be over "
               "before it begins", s->nodes[s->start].id);
    return ok && s->start >= 0 && s->breaking_point >= 0;
}

static void ld_top(ld *L, const ldr_yn *root)
{
    ldr_kv kv[TK_N];
    const ldr_yn *x;
    scn_scenario *s = L->s;
    double num;
    ldr_fields(&L->y, root, ld_top_keys, TK_N, kv, "a scenario");
    if ((x = ldr_get(&L->y, root, &kv[TK_LANGS], "languages", 1)))
        ldr_languages(&L->y, x), s->langs = L->y.langs;
    if ((x = ldr_get(&L->y, root, &kv[TK_ID], "id", 1)))
        s->id = ldr_id(&L->y, x, "id", '-'), s->id_line = x->line, s->id_col = x->col;
    if ((x = ldr_get(&L->y, root, &kv[TK_TITLE], "title", 1)))
        ldr_text(&L->y, x, "title", &s->title);
    if ((x = ldr_get(&L->y, root, &kv[TK_SUMMARY], "summary", 1)))
        ldr_text(&L->y, x, "summary", &s->summary);
    if ((x = ldr_get(&L->y, root, &kv[TK_DIFF], "difficulty", 1)) &&
        ldr_number(&L->y, x, "difficulty", 1, 5, 1, &num))
        s->difficulty = (int)num;
    if ((x = ldr_get(&L->y, root, &kv[TK_TAGS], "tags", 0)))
        ldr_list(&L->y, x, "tags", &s->tags);
    if ((x = ldr_get(&L->y, root, &kv[TK_PERSONA], "persona", 1)))
        ld_persona(L, x);
    if ((x = ldr_get(&L->y, root, &kv[TK_FACTS], "facts", 0)))
        ld_facts(L, x);
    if ((x = ldr_get(&L->y, root, &kv[TK_NODES], "nodes", 1)))
        ld_nodes(L, x);
    /* The graph checks only make sense once every target is known. */
    if (ld_resolve(L, root, kv))
        scn_check_graph(s, L->y.file, L->y.d);
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
    L.y.file = name, L.y.text = text, L.y.len = len, L.y.d = d;
    L.y.noun = "scenario";
    L.o = o;
    size_t first = d->n;
    L.s = ld_new(name);
    ldr_yn *root = ldr_parse(&L.y, SCN_MAX_FILE);
    /* Empty files and the wrong top-level type get a sentence, not a
     * cascade of "missing key" messages. */
    if (!L.y.fatal && ldr_root_ok(&L.y, root, "a scenario is a mapping of keys "
                                  "(id, title, languages, start, nodes, ...; see "
                                  "docs/scenarios.md)"))
        ld_top(&L, root);
    ldr_yn_free(root);
    free(L.gotos);
    if (d->n > first) {
        ldr_sort(d, first);
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
