/*
 * test_engine.c - the conversation engine (sim/engine.c) on scenarios built
 * in C, so that each rule is tested alone: branch order and first match,
 * the tension clamp, the breaking point at 10, the context handed to the
 * scorer (history: repeat_apology only on the second apology), the
 * condition environment (turn, apologies) and the report card. The
 * scorer is the real one with the built-in English rubric; the replies are
 * chosen so that the branch taken does not hinge on fine score values.
 */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "engine.h"
#include "scn.h"

static score_rubric *rubric;

static int te_setup(void **state)
{
    (void)state;
    score_error err;
    memset(&err, 0, sizeof err);
    rubric = score_rubric_load(SCORE_LANG_EN, NULL, 0, &err);
    return rubric ? 0 : -1;
}

static int te_teardown(void **state)
{
    (void)state;
    score_rubric_free(rubric);
    return 0;
}

static int te_kind_ok(const char *kind, void *ud)
{
    return score_rubric_has_kind(ud, kind);
}

static char *te_dup(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* A scenario of `n` nodes, all customer turns until te_end() says not. */
static scn_scenario *te_new(size_t n, double tension)
{
    scn_scenario *s = calloc(1, sizeof *s);
    s->id = te_dup("t");
    s->langs = 1u << SCORE_LANG_EN;
    s->tension = tension;
    s->persona_name.t[0] = te_dup("Ross");
    s->nodes = calloc(n, sizeof *s->nodes);
    s->n_nodes = n;
    s->breaking_point = -1;
    for (size_t i = 0; i < n; i++) {
        char id[32];
        snprintf(id, sizeof id, "n%zu", i);
        s->nodes[i].id = te_dup(id);
        s->nodes[i].customer.t[0] = te_dup("My TV died a week after I bought it.");
        s->nodes[i].wants = SCORE_WANTS_ACTION;
    }
    return s;
}

static void te_end(scn_scenario *s, int node, scn_ending kind)
{
    s->nodes[node].ending = kind;
}

/* Append a branch; `when` NULL is the fallback. */
static void te_branch(scn_scenario *s, int node, const char *when,
                      double tension, int target, const char *say)
{
    scn_node *n = &s->nodes[node];
    n->branches = realloc(n->branches, (n->n_branches + 1) * sizeof *n->branches);
    scn_branch *b = &n->branches[n->n_branches++];
    memset(b, 0, sizeof *b);
    if (when) {
        char err[200];
        int col;
        scn_opts o = {te_kind_ok, rubric};
        b->when = scn_expr_parse(when, &o, err, sizeof err, &col);
        if (!b->when)
            fail_msg("bad condition '%s': %s (col %d)", when, err, col);
        b->when_src = te_dup(when);
    }
    b->tension = tension;
    b->target = target;
    b->go = te_dup(s->nodes[target].id);
    b->say.t[0] = te_dup(say);
}

static void te_free(scn_scenario *s)
{
    for (size_t i = 0; i < s->n_nodes; i++) {
        scn_node *n = &s->nodes[i];
        for (size_t j = 0; j < n->n_branches; j++) {
            scn_expr_free(n->branches[j].when);
            free(n->branches[j].when_src);
            free(n->branches[j].go);
            free(n->branches[j].say.t[0]);
        }
        free(n->branches);
        free(n->id);
        free(n->customer.t[0]);
    }
    free(s->nodes);
    free(s->persona_name.t[0]);
    free(s->id);
    free(s);
}

static const eng_turn *te_say(eng_session *e, const char *reply)
{
    const eng_turn *t = NULL;
    assert_int_equal(eng_reply(e, reply, strlen(reply), &t), SCORE_OK);
    assert_non_null(t);
    return t;
}

#define GOOD "I have booked a technician for tomorrow at 10 and I will call you when they are on the way."
#define SORRY "I am so sorry, I really apologise."
#define MIXED "I am sorry. I have booked a technician for tomorrow at 10."
#define WEAK "whatever"

/* The first branch whose condition holds wins, even if later ones hold. */
static void test_first_match(void **state)
{
    (void)state;
    scn_scenario *s = te_new(4, 5);
    te_branch(s, 0, "action >= 7", -2, 1, "Finally, someone who listens.");
    te_branch(s, 0, "action >= 5", 0, 2, NULL);
    te_branch(s, 0, NULL, 1, 3, NULL);
    te_end(s, 1, SCN_END_RESOLVED);
    te_end(s, 2, SCN_END_ENDED);
    te_end(s, 3, SCN_END_CHURNED);
    eng_session *e = eng_start(s, SCORE_LANG_EN, rubric);
    assert_false(eng_done(e));
    assert_string_equal(eng_node(e)->id, "n0");
    const eng_turn *t = te_say(e, GOOD);
    assert_int_equal(t->branch, 0);
    assert_int_equal(t->next, 1);
    assert_string_equal(t->say, "Finally, someone who listens.");
    assert_true(t->tension_before == 5 && t->tension_after == 3);
    assert_true(eng_done(e));
    assert_int_equal(eng_ending(e), SCN_END_RESOLVED);
    assert_int_equal(eng_reply(e, GOOD, strlen(GOOD), &t), ENG_EDONE);
    assert_int_equal(eng_n_turns(e), 1);
    eng_free(e);
    te_free(s);
}

/* Branches are tried in the order written: swapping them swaps the result;
 * a reply that matches no condition takes the fallback. */
static void test_branch_order(void **state)
{
    (void)state;
    scn_scenario *s = te_new(3, 5);
    te_branch(s, 0, "action >= 5", 0, 2, NULL);
    te_branch(s, 0, "action >= 7", 0, 1, NULL);
    te_branch(s, 0, NULL, 1, 0, "Are you even listening?");
    te_end(s, 1, SCN_END_RESOLVED);
    te_end(s, 2, SCN_END_ENDED);
    eng_session *e = eng_start(s, SCORE_LANG_EN, rubric);
    const eng_turn *t = te_say(e, WEAK);
    assert_int_equal(t->branch, 2);
    assert_int_equal(t->next, 0);
    assert_string_equal(t->say, "Are you even listening?");
    t = te_say(e, GOOD);
    assert_int_equal(t->branch, 0);
    assert_int_equal(eng_ending(e), SCN_END_ENDED);
    eng_free(e);
    te_free(s);
}

/* Tension never leaves 0..10; without a breaking point it just stops at 10. */
static void test_tension_clamp(void **state)
{
    (void)state;
    scn_scenario *s = te_new(2, 1);
    te_branch(s, 0, "action >= 7", -5, 0, NULL);
    te_branch(s, 0, NULL, 7, 0, NULL);
    te_end(s, 1, SCN_END_RESOLVED);
    eng_session *e = eng_start(s, SCORE_LANG_EN, rubric);
    const eng_turn *t = te_say(e, GOOD);
    assert_true(t->tension_before == 1 && t->tension_after == 0);
    te_say(e, WEAK);
    assert_true(eng_tension(e) == 7);
    t = te_say(e, WEAK);
    assert_true(t->tension_after == 10);
    assert_false(t->broke);
    assert_false(eng_done(e));
    eng_free(e);
    te_free(s);
}

/* Reaching 10 goes to the breaking point instead of the branch's goto. */
static void test_breaking_point(void **state)
{
    (void)state;
    scn_scenario *s = te_new(3, 8);
    s->breaking_point = 2;
    te_branch(s, 0, "action >= 7", -1, 1, NULL);
    te_branch(s, 0, NULL, 1, 0, NULL);
    te_end(s, 1, SCN_END_RESOLVED);
    te_end(s, 2, SCN_END_CHURNED);
    eng_session *e = eng_start(s, SCORE_LANG_EN, rubric);
    const eng_turn *t = te_say(e, WEAK);
    assert_false(t->broke);
    assert_int_equal(t->next, 0);
    t = te_say(e, WEAK);
    assert_true(t->broke);
    assert_int_equal(t->next, 2);
    assert_true(t->tension_after == 10);
    assert_int_equal(eng_ending(e), SCN_END_CHURNED);
    const char *ids[8];
    assert_int_equal(eng_path(e, ids, 8), 3);
    assert_string_equal(ids[0], "n0");
    assert_string_equal(ids[1], "n0");
    assert_string_equal(ids[2], "n2");
    eng_free(e);
    te_free(s);
}

static int te_has(const eng_turn *t, const char *kind)
{
    for (size_t i = 0; i < t->n_findings; i++)
        if (strcmp(t->findings[i].kind, kind) == 0)
            return 1;
    return 0;
}

/* The trainee's earlier replies reach the scorer: the same apology is a
 * repeat only the second time. The conversation's apology count and turn
 * number reach the conditions. */
static void test_history_and_env(void **state)
{
    (void)state;
    scn_scenario *s = te_new(3, 5);
    te_branch(s, 0, "apologies >= 2 and has(repeat_apology)", 0, 1, NULL);
    te_branch(s, 0, "turn >= 3", 0, 2, NULL);
    te_branch(s, 0, NULL, 0, 0, NULL);
    te_end(s, 1, SCN_END_ESCALATED);
    te_end(s, 2, SCN_END_ENDED);
    eng_session *e = eng_start(s, SCORE_LANG_EN, rubric);
    const eng_turn *t = te_say(e, MIXED);
    assert_int_equal(t->apologies, 1);
    assert_false(te_has(t, "repeat_apology"));
    assert_int_equal(t->branch, 2);
    t = te_say(e, MIXED);
    assert_true(te_has(t, "repeat_apology"));
    assert_int_equal(t->branch, 0);
    assert_int_equal(eng_ending(e), SCN_END_ESCALATED);
    eng_free(e);

    e = eng_start(s, SCORE_LANG_EN, rubric); /* no apologies: turn 3 ends */
    assert_int_equal(te_say(e, GOOD)->branch, 2);
    assert_int_equal(te_say(e, GOOD)->branch, 2);
    assert_int_equal(te_say(e, GOOD)->branch, 1);
    assert_int_equal(eng_ending(e), SCN_END_ENDED);
    eng_free(e);
    te_free(s);
}

/* The scenario's facts, the node's wants and the persona reach the scorer. */
static void test_facts_in_context(void **state)
{
    (void)state;
    scn_scenario *s = te_new(2, 5);
    char fact[] = "a full refund";
    char *facts[] = {fact};
    s->cannot_promise[0].v = facts;
    s->cannot_promise[0].n = 1;
    te_branch(s, 0, "has(promise_forbidden)", 0, 0, NULL);
    te_branch(s, 0, NULL, 0, 1, NULL);
    te_end(s, 1, SCN_END_RESOLVED);
    eng_session *e = eng_start(s, SCORE_LANG_EN, rubric);
    const eng_turn *t = te_say(e, "I will give you a full refund today.");
    assert_true(te_has(t, "promise_forbidden"));
    assert_int_equal(t->branch, 0);
    assert_true(t->scores[SCORE_HONESTY] < 10);
    eng_free(e);
    s->cannot_promise[0].v = NULL;
    s->cannot_promise[0].n = 0;
    te_free(s);
}

/* Empty replies are refused without a turn; endings stop the session. */
static void test_empty_and_start_at_end(void **state)
{
    (void)state;
    scn_scenario *s = te_new(2, 5);
    te_branch(s, 0, NULL, 0, 1, NULL);
    te_end(s, 1, SCN_END_RESOLVED);
    eng_session *e = eng_start(s, SCORE_LANG_EN, rubric);
    const eng_turn *t = NULL;
    assert_int_equal(eng_reply(e, "  ", 2, &t), SCORE_EEMPTY);
    assert_null(t);
    assert_int_equal(eng_n_turns(e), 0);
    eng_card c;
    eng_report(e, &c);
    assert_int_equal(c.turns, 0);
    assert_int_equal(c.best, -1);
    assert_int_equal(c.costliest, -1);
    eng_free(e);
    s->start = 1;
    e = eng_start(s, SCORE_LANG_EN, rubric);
    assert_true(eng_done(e));
    assert_int_equal(eng_reply(e, GOOD, strlen(GOOD), &t), ENG_EDONE);
    eng_free(e);
    te_free(s);
}

/* Means per dimension, best and worst by overall, the costliest turn. */
static void test_report_card(void **state)
{
    (void)state;
    scn_scenario *s = te_new(2, 5);
    te_branch(s, 0, "action >= 7", -1, 0, NULL);
    te_branch(s, 0, "turn >= 3", 0, 1, NULL);
    te_branch(s, 0, NULL, 2, 0, NULL);
    te_end(s, 1, SCN_END_RESOLVED);
    eng_session *e = eng_start(s, SCORE_LANG_EN, rubric);
    const char *replies[] = {GOOD, WEAK, MIXED};
    double sum[SCORE_NDIM] = {0}, overall = 0;
    for (int i = 0; i < 3; i++) {
        const eng_turn *t = te_say(e, replies[i]);
        for (int d = 0; d < SCORE_NDIM; d++)
            sum[d] += t->scores[d];
        overall += t->overall;
    }
    eng_card c;
    eng_report(e, &c);
    assert_int_equal(c.turns, 3);
    for (int d = 0; d < SCORE_NDIM; d++)
        assert_true(fabs(c.mean[d] - sum[d] / 3) < 1e-9);
    assert_true(fabs(c.overall - overall / 3) < 1e-9);
    const eng_turn *t0 = eng_turn_at(e, 0), *t1 = eng_turn_at(e, 1),
                   *t2 = eng_turn_at(e, 2);
    int best = t2->overall > t0->overall ? 2 : 0;
    assert_int_equal(c.best, best);
    assert_int_equal(c.worst, 1);
    assert_true(t1->overall < t0->overall && t1->overall < t2->overall);
    assert_int_equal(c.costliest, 1); /* the weak reply: +2 */
    assert_true(c.cost == 2);
    eng_free(e);
    te_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_match),
        cmocka_unit_test(test_branch_order),
        cmocka_unit_test(test_tension_clamp),
        cmocka_unit_test(test_breaking_point),
        cmocka_unit_test(test_history_and_env),
        cmocka_unit_test(test_facts_in_context),
        cmocka_unit_test(test_empty_and_start_at_end),
        cmocka_unit_test(test_report_card),
    };
    return cmocka_run_group_tests_name("engine", tests, te_setup, te_teardown);
}
