/*
 * models.h - grading a scenario's model answers (mdl_).
 *
 * Every customer node carries a model answer: what a trainee sees with
 * /model, and the library's promise of what "good" looks like. If the
 * scorer grades its own model answers poorly, either the answer or the
 * scorer is wrong, so `hamdel lint --models` and the model-answer test
 * (tests/unit/test_models.c) walk them all through this one function.
 */
#ifndef HAMDEL_MODELS_H
#define HAMDEL_MODELS_H

#include <stddef.h>

#include "scn.h"
#include "score.h"

/* The lowest overall grade a model answer may have (issue 5). */
#define MDL_MIN_OVERALL 8.0

typedef struct {
    const scn_scenario *s;
    int node;                 /* index into s->nodes */
    score_lang lang;
    const score_result *res;  /* valid during the callback only */
    int low;                  /* res->overall < the minimum */
    int branch;               /* the branch it takes at the starting tension,
                                 on the reply number the node is first
                                 reached at; -1 none */
    int stray;                /* that is not the node's best way on (below) */
} mdl_grade;

typedef void (*mdl_fn)(const mdl_grade *g, void *ud);

/* Grade every model answer of `s` in every language it lists, calling `fn`
 * (may be NULL) for each. rubrics[0] is English, rubrics[1] Persian.
 * Returns how many scored under `min` or strayed.
 *
 * The best way on from a node is a branch that leads neither to a churned
 * nor an escalated ending and changes tension least among those: a model
 * answer must take one (walking back a promise may cost a point, when
 * nothing better could have cost less). */
size_t mdl_walk(const scn_scenario *s, const score_rubric *const rubrics[2],
                double min, mdl_fn fn, void *ud);

/* One line a person can act on: the scores and the findings that cost
 * points, e.g. "overall 7.4 (empathy 6, action 9, honesty 10, boundaries
 * 10); cost: over_apology \"so sorry\" -1.5". */
void mdl_describe(const mdl_grade *g, char *buf, size_t len);

#endif
