/*
 * models.c - grades every model answer of a scenario in its node's context
 * (models.h). The context is the engine's (eng_grade_model), so a model
 * answer is judged exactly as the same words typed at that node would be,
 * at the scenario's starting tension and with no earlier replies.
 */
#include "models.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

static const char *const mdl_dims[SCORE_NDIM] = {"empathy", "action", "honesty",
                                                 "boundaries"};

static int mdl_bad_end(const scn_scenario *s, const scn_branch *b)
{
    scn_ending to = s->nodes[b->target].ending;
    return to == SCN_END_CHURNED || to == SCN_END_ESCALATED;
}

static int mdl_is_best(const scn_scenario *s, const scn_node *n, int branch)
{
    if (branch < 0 || mdl_bad_end(s, &n->branches[branch]))
        return 0;
    for (size_t i = 0; i < n->n_branches; i++)
        if (!mdl_bad_end(s, &n->branches[i]) &&
            n->branches[i].tension < n->branches[branch].tension)
            return 0;
    return 1;
}

static void mdl_one(const scn_scenario *s, int node, int turn, score_lang lang,
                    const score_rubric *r, double min, mdl_fn fn, void *ud,
                    size_t *low)
{
    score_result res;
    score_result_init(&res);
    if (eng_grade_model(s, node, lang, r, &res) == SCORE_OK) {
        scn_env env = {&res, s->tension, turn, res.signals.apologies};
        mdl_grade g = {s, node, lang, &res, res.overall < min,
                       eng_branch(&s->nodes[node], &env), 0};
        g.stray = !mdl_is_best(s, &s->nodes[node], g.branch);
        *low += (size_t)(g.low || g.stray);
        if (fn)
            fn(&g, ud);
    }
    score_result_free(&res);
}

size_t mdl_walk(const scn_scenario *s, const score_rubric *const rubrics[2],
                double min, mdl_fn fn, void *ud)
{
    static const score_lang langs[2] = {SCORE_LANG_EN, SCORE_LANG_FA};
    size_t low = 0;
    /* the reply number at which each node is first reached */
    int *dist = s->n_nodes ? scn_distances(s, s->start) : NULL;
    for (size_t i = 0; i < s->n_nodes; i++) {
        if (s->nodes[i].ending != SCN_END_NONE)
            continue;
        for (int l = 0; l < 2; l++)
            if (s->langs & (1u << langs[l]))
                mdl_one(s, (int)i, dist && dist[i] >= 0 ? dist[i] + 1 : 1, langs[l],
                        rubrics[l], min, fn, ud, &low);
    }
    free(dist);
    return low;
}

void mdl_describe(const mdl_grade *g, char *buf, size_t len)
{
    const score_result *r = g->res;
    size_t k = 0;
#define MDL_PUT(...)                                                     \
    do {                                                                 \
        int w_ = snprintf(buf + k, k < len ? len - k : 0, __VA_ARGS__);  \
        if (w_ > 0)                                                      \
            k += (size_t)w_;                                             \
    } while (0)
    MDL_PUT("overall %.1f (", r->overall);
    for (int d = 0; d < SCORE_NDIM; d++)
        MDL_PUT("%s%s %.1f", d ? ", " : "", mdl_dims[d], r->scores[d]);
    MDL_PUT(")");
    int first = 1;
    for (size_t i = 0; i < r->n_findings; i++) {
        const score_finding *f = &r->findings[i];
        if (f->delta >= 0)
            continue;
        MDL_PUT("%s%s", first ? "; cost: " : ", ", f->kind);
        if (f->end > f->start)
            MDL_PUT(" \"%s\"", f->text);
        MDL_PUT(" %+.1f", f->delta);
        first = 0;
    }
#undef MDL_PUT
    if (k >= len && len > 0)
        buf[len - 1] = '\0';
}
