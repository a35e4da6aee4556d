/*
 * engine.c - the conversation engine (engine.h).
 *
 * One eng_reply() is one turn: build the scorer's context from the node
 * and the conversation so far, grade, pick the first branch whose
 * condition holds (scn_expr_eval sees the grades and the conversation as
 * it was before this reply, apologies counted through this one), move
 * tension and the current node, and keep a self-contained copy of the
 * turn. Nothing here prints or touches files: callers decide how a turn is
 * shown or recorded, and the test-plan runner drives the same code.
 */
#include "engine.h"
#include "say-quote.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

struct eng_session {
    const scn_scenario *s;
    score_lang lang;
    const score_rubric *rubric;
    int node;           /* current node index */
    double tension;
    int apologies;      /* sum over the replies so far */
    eng_turn *turns;
    size_t n_turns, cap;
    const char **history; /* the replies so far (the turns' copies) */
    score_result res;     /* the last reply's grades, reused */
};

static int eng_li(score_lang lang)
{
    return lang == SCORE_LANG_FA ? 1 : 0;
}

static double eng_clamp(double t)
{
    return t < 0 ? 0 : t > ENG_MAX_TENSION ? ENG_MAX_TENSION : t;
}

eng_session *eng_start(const scn_scenario *s, score_lang lang,
                       const score_rubric *rubric)
{
    eng_session *e = util_xmalloc(sizeof *e);
    memset(e, 0, sizeof *e);
    e->s = s;
    e->lang = lang == SCORE_LANG_FA ? SCORE_LANG_FA : SCORE_LANG_EN;
    e->rubric = rubric;
    e->node = s->start;
    e->tension = eng_clamp(s->tension);
    score_result_init(&e->res);
    return e;
}

void eng_turn_clear(eng_turn *t)
{
    for (size_t i = 0; i < t->n_findings; i++) {
        free(t->findings[i].kind);
        free(t->findings[i].tip);
        free(t->findings[i].text);
    }
    free(t->findings);
    free(t->reply);
    free(t->say_own);
    memset(t, 0, sizeof *t);
}


void eng_free(eng_session *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->n_turns; i++)
        eng_turn_clear(&e->turns[i]);
    free(e->turns);
    free(e->history);
    score_result_free(&e->res);
    free(e);
}

const scn_scenario *eng_scenario(const eng_session *e) { return e->s; }
score_lang eng_lang(const eng_session *e) { return e->lang; }
const scn_node *eng_node(const eng_session *e) { return &e->s->nodes[e->node]; }
int eng_node_index(const eng_session *e) { return e->node; }
double eng_tension(const eng_session *e) { return e->tension; }
size_t eng_n_turns(const eng_session *e) { return e->n_turns; }
const score_result *eng_last_result(const eng_session *e) { return &e->res; }

scn_ending eng_ending(const eng_session *e)
{
    return eng_node(e)->ending;
}

int eng_done(const eng_session *e)
{
    return eng_ending(e) != SCN_END_NONE;
}

const eng_turn *eng_turn_at(const eng_session *e, size_t i)
{
    return i < e->n_turns ? &e->turns[i] : NULL;
}

const char *eng_text(const eng_session *e, const scn_text *t)
{
    const char *s = scn_text_get(t, e->lang);
    return s ? s : "";
}

void eng_node_context(const scn_scenario *s, int node, score_lang lang,
                      double tension, score_context *c)
{
    const scn_node *n = &s->nodes[node];
    int li = eng_li(lang);
    score_context_init(c);
    c->lang = lang;
    c->customer = scn_text_get(&n->customer, lang);
    c->customer_name = scn_text_get(&s->persona_name, lang);
    c->wants = n->wants;
    c->tension = tension;
    c->abusive = n->abusive;
    c->cannot_promise = (const char *const *)s->cannot_promise[li].v;
    c->n_cannot_promise = s->cannot_promise[li].n;
    c->unknown = (const char *const *)s->unknown[li].v;
    c->n_unknown = s->unknown[li].n;
}

/* The scorer's view of this turn: the node's context plus the
 * conversation so far (tension, the trainee's earlier replies). */
static void eng_context(const eng_session *e, score_context *c)
{
    eng_node_context(e->s, e->node, e->lang, e->tension, c);
    c->history = e->history;
    c->n_history = e->n_turns;
}

int eng_grade_model(const scn_scenario *s, int node, score_lang lang,
                    const score_rubric *rubric, score_result *res)
{
    const char *m = scn_text_get(&s->nodes[node].model_answer, lang);
    if (!m)
        return SCORE_EEMPTY;
    score_context c;
    eng_node_context(s, node, lang, s->tension, &c);
    return score_reply(rubric, &c, m, strlen(m), res);
}

/* The first branch whose condition holds; -1 when none does. */
int eng_branch(const scn_node *n, const scn_env *env)
{
    for (size_t i = 0; i < n->n_branches; i++)
        if (!n->branches[i].when || scn_expr_eval(n->branches[i].when, env))
            return (int)i;
    return -1;
}

static int eng_pick(const eng_session *e, const scn_node *n, int apologies)
{
    scn_env env = {&e->res, e->tension, (int)e->n_turns + 1, apologies};
    return eng_branch(n, &env);
}

static char *eng_dup(const char *s)
{
    return util_xstrdup(s ? s : "");
}

void eng_turn_copy(eng_turn *dst, const eng_turn *src)
{
    *dst = *src;
    dst->reply = util_xmalloc(src->reply_len + 1);
    memcpy(dst->reply, src->reply, src->reply_len + 1);
    dst->findings = src->n_findings
        ? util_xmalloc(src->n_findings * sizeof *dst->findings) : NULL;
    for (size_t i = 0; i < src->n_findings; i++) {
        dst->findings[i] = src->findings[i];
        dst->findings[i].kind = eng_dup(src->findings[i].kind);
        dst->findings[i].tip = eng_dup(src->findings[i].tip);
        dst->findings[i].text = eng_dup(src->findings[i].text);
    }
    if (src->say_own) {
        dst->say_own = eng_dup(src->say_own);
        dst->say = dst->say_own;
    }
}

static void eng_copy_findings(eng_turn *t, const score_result *r)
{
    t->n_findings = r->n_findings;
    t->findings = util_xmalloc(r->n_findings * sizeof *t->findings);
    for (size_t i = 0; i < r->n_findings; i++) {
        const score_finding *f = &r->findings[i];
        eng_finding *g = &t->findings[i];
        g->dim = f->dim;
        g->kind = eng_dup(f->kind);
        g->tip = eng_dup(f->tip);
        g->text = eng_dup(f->text);
        g->start = f->start;
        g->end = f->end;
        g->delta = f->delta;
    }
}

/* A new turn at the end of the array, with the reply and grades copied. */
static eng_turn *eng_new_turn(eng_session *e, const char *reply, size_t len)
{
    if (e->n_turns == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 8;
        e->turns = util_xrealloc(e->turns, e->cap * sizeof *e->turns);
        e->history = util_xrealloc(e->history, e->cap * sizeof *e->history);
    }
    eng_turn *t = &e->turns[e->n_turns];
    memset(t, 0, sizeof *t);
    t->number = (int)e->n_turns + 1;
    t->node = e->node;
    t->node_id = eng_node(e)->id;
    t->customer = eng_text(e, &eng_node(e)->customer);
    t->reply = util_xmalloc(len + 1);
    memcpy(t->reply, reply, len);
    t->reply[len] = '\0';
    t->reply_len = len;
    memcpy(t->scores, e->res.scores, sizeof t->scores);
    t->overall = e->res.overall;
    t->apologies = e->res.signals.apologies;
    eng_copy_findings(t, &e->res);
    return t;
}

/* The words of the turn's first finding of `kind` (say-quote.h). */
static const char *eng_find_words(const char *kind, size_t len, void *ud)
{
    const eng_turn *t = ud;
    for (size_t i = 0; i < t->n_findings; i++) {
        const eng_finding *f = &t->findings[i];
        if (strlen(f->kind) == len && memcmp(f->kind, kind, len) == 0 && f->text && *f->text)
            return f->text;
    }
    return NULL;
}

/* Apply branch `b` of the current node (or none) to the turn and session. */
static void eng_move(eng_session *e, eng_turn *t, int b)
{
    const scn_node *n = eng_node(e);
    t->branch = b;
    t->tension_before = e->tension;
    t->next = e->node;
    if (b >= 0) {
        const scn_branch *br = &n->branches[b];
        const char *say = scn_text_get(&br->say, e->lang);
        t->say = say && *say ? say : NULL;
        if (t->say && sayq_has(t->say))
            t->say = t->say_own = sayq_expand(t->say, eng_find_words, t);
        e->tension = eng_clamp(e->tension + br->tension);
        t->next = br->target;
        if (e->tension >= ENG_MAX_TENSION && e->s->breaking_point >= 0) {
            t->next = e->s->breaking_point;
            t->broke = 1;
        }
    }
    /* A conversation that goes round in circles ends at the breaking
     * point: no customer waits forever, and the turns kept in memory stay
     * bounded (docs/limits.md). */
    if (e->n_turns + 1 >= ENG_MAX_TURNS && !t->broke &&
        e->s->nodes[t->next].ending == SCN_END_NONE && e->s->breaking_point >= 0) {
        t->next = e->s->breaking_point;
        t->broke = 1;
    }
    t->tension_after = e->tension;
    e->node = t->next;
}

int eng_reply(eng_session *e, const char *reply, size_t len,
              const eng_turn **turn)
{
    if (turn)
        *turn = NULL;
    if (eng_done(e))
        return ENG_EDONE;
    score_context c;
    eng_context(e, &c);
    int rc = score_reply(e->rubric, &c, reply, len, &e->res);
    if (rc != SCORE_OK)
        return rc;
    int apologies = e->apologies + e->res.signals.apologies;
    int b = eng_pick(e, eng_node(e), apologies);
    eng_turn *t = eng_new_turn(e, reply, len);
    eng_move(e, t, b);
    e->apologies = apologies;
    e->history[e->n_turns] = t->reply;
    e->n_turns++;
    if (turn)
        *turn = t;
    return SCORE_OK;
}

int eng_retry(eng_session *e)
{
    if (e->n_turns == 0)
        return -1;
    eng_turn *t = &e->turns[e->n_turns - 1];
    e->node = t->node;
    e->tension = t->tension_before;
    e->apologies -= t->apologies;
    eng_turn_clear(t);
    e->n_turns--;
    return 0;
}

size_t eng_path(const eng_session *e, const char **ids, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < e->n_turns && k < max; i++)
        ids[k++] = e->turns[i].node_id;
    if (k < max)
        ids[k++] = eng_node(e)->id;
    return k;
}

void eng_report(const eng_session *e, eng_card *c)
{
    memset(c, 0, sizeof *c);
    c->best = c->worst = c->costliest = -1;
    c->turns = e->n_turns;
    for (size_t i = 0; i < e->n_turns; i++) {
        const eng_turn *t = &e->turns[i];
        for (int d = 0; d < SCORE_NDIM; d++)
            c->mean[d] += t->scores[d];
        c->overall += t->overall;
        if (c->best < 0 || t->overall > e->turns[c->best].overall)
            c->best = (int)i;
        if (c->worst < 0 || t->overall < e->turns[c->worst].overall)
            c->worst = (int)i;
        double rise = t->tension_after - t->tension_before;
        if (rise > c->cost) {
            c->cost = rise;
            c->costliest = (int)i;
        }
    }
    if (e->n_turns == 0)
        return;
    for (int d = 0; d < SCORE_NDIM; d++)
        c->mean[d] /= (double)e->n_turns;
    c->overall /= (double)e->n_turns;
}
