/*
 * models.c - grades every model answer of a scenario in its node's context
 * (models.h). The context is the engine's (eng_grade_model), so a model
 * answer is judged exactly as the same words typed at that node would be,
 * at the scenario's starting tension and with no earlier replies.
 */
#include "models.h"

#include <stdio.h>
#include <string.h>

#include "engine.h"

static const char *const mdl_dims[SCORE_NDIM] = {"empathy", "action", "honesty",
                                                 "boundaries"};

static void mdl_one(const scn_scenario *s, int node, score_lang lang,
                    const score_rubric *r, double min, mdl_fn fn, void *ud,
                    size_t *low)
{
    score_result res;
    score_result_init(&res);
    if (eng_grade_model(s, node, lang, r, &res) == SCORE_OK) {
        mdl_grade g = {s, node, lang, &res, res.overall < min};
        *low += (size_t)g.low;
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
    for (size_t i = 0; i < s->n_nodes; i++) {
        if (s->nodes[i].ending != SCN_END_NONE)
            continue;
        for (int l = 0; l < 2; l++)
            if (s->langs & (1u << langs[l]))
                mdl_one(s, (int)i, langs[l], rubrics[l], min, fn, ud, &low);
    }
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
