/*
 * test_scn_expr.c - the branch condition language (sim/scn-expr.c):
 * parsing, typing, evaluation against a graded reply, error messages with
 * their 1-based columns, and the nesting limit.
 */
#include "testutil.h"
#include "scn.h"

#include <stdio.h>
#include <stdlib.h>

static score_rubric *rubric;
static scn_opts opts;

/* A reply's result with chosen scores and finding kinds. */
static score_finding findings[2];
static score_result reply;
static scn_env env;

static void setup_env(void)
{
    memset(&reply, 0, sizeof reply);
    reply.scores[SCORE_EMPATHY] = 3.5;
    reply.scores[SCORE_ACTION] = 7.0;
    reply.scores[SCORE_HONESTY] = 9.1;
    reply.scores[SCORE_BOUNDARIES] = 10;
    reply.overall = 6.4;
    findings[0].kind = "over_apology";
    findings[1].kind = "action_taken";
    reply.findings = findings;
    reply.n_findings = 2;
    env.reply = &reply;
    env.tension = 6;
    env.turn = 2;
    env.apologies = 3;
}

/* Parse (must succeed) and evaluate. */
static int eval(const char *src)
{
    char err[200];
    int col;
    scn_expr *e = scn_expr_parse(src, &opts, err, sizeof err, &col);
    if (!e)
        fprintf(stderr, "'%s': %d: %s\n", src, col, err);
    assert_non_null(e);
    int v = scn_expr_eval(e, &env);
    scn_expr_free(e);
    return v;
}

/* Parse must fail at `col` with a message containing `part`. */
static void fails(const char *src, int want_col, const char *part)
{
    char err[200];
    int col = -1;
    scn_expr *e = scn_expr_parse(src, &opts, err, sizeof err, &col);
    if (e || col != want_col || !strstr(err, part))
        fprintf(stderr, "'%s': got col %d '%s', want col %d '%s'\n", src, col,
                e ? "(parsed)" : err, want_col, part);
    assert_null(e);
    assert_int_equal(col, want_col);
    assert_non_null(strstr(err, part));
}

static void test_compare(void **state)
{
    (void)state;
    assert_true(eval("action >= 7"));
    assert_false(eval("action > 7"));
    assert_true(eval("action == 7"));
    assert_true(eval("empathy < 4"));
    assert_true(eval("empathy <= 3.5"));
    assert_true(eval("honesty != 9"));
    assert_true(eval("boundaries == 10"));
    assert_true(eval("overall >= 6.4"));
    assert_true(eval("tension == 6 and turn == 2 and apologies == 3"));
    assert_true(eval("-1 < 0"));
    assert_true(eval("7 <= action"));
}

static void test_logic(void **state)
{
    (void)state;
    assert_true(eval("has(over_apology)"));
    assert_false(eval("has(dismissive)"));
    assert_false(eval("not has(over_apology)"));
    assert_true(eval("not not has(over_apology)"));
    assert_false(eval("action >= 7 and not has(over_apology)"));
    assert_true(eval("empathy < 4 or has(dismissive)"));
    /* and binds tighter than or */
    assert_true(eval("has(dismissive) and action > 9 or turn == 2"));
    assert_false(eval("has(dismissive) and (action > 9 or turn == 2)"));
    assert_true(eval("((action >= 7))"));
}

static void test_no_reply(void **state)
{
    (void)state;
    scn_env none = {NULL, 4, 1, 0};
    char err[100];
    int col;
    scn_expr *e = scn_expr_parse("action < 1 and not has(over_apology) and tension == 4",
                                 &opts, err, sizeof err, &col);
    assert_non_null(e);
    assert_true(scn_expr_eval(e, &none));
    scn_expr_free(e);
    assert_true(scn_expr_eval(NULL, &none)); /* the fallback branch */
}

static void test_errors(void **state)
{
    (void)state;
    fails("actoin >= 7", 1, "unknown name 'actoin' (did you mean 'action'?)");
    fails("action >= 7 and has(dismisive)", 21,
          "unknown finding kind 'dismisive' (did you mean 'dismissive'?)");
    fails("has(zzzzzzzz)", 5, "unknown finding kind 'zzzzzzzz'");
    fails("action >= ", 11, "ends early");
    fails("action >= 7 &&  empathy > 2", 13, "write 'and'");
    fails("action || empathy", 8, "write 'or'");
    fails("action", 1, "expected a test but found a number");
    fails("action and empathy > 3", 1, "expected a test");
    fails("has(over_apology) > 1", 1, "compares numbers, not tests");
    fails("1 < action < 3", 12, "cannot be chained");
    fails("(action >= 7", 13, "expected ')'");
    fails("action >= 7)", 12, "unexpected ')'");
    fails("", 1, "empty condition");
    fails("has over_apology", 1, "'has' needs a finding kind");
    fails("mood > 3", 1, "unknown name 'mood'");
    fails("action = 7", 8, "write 'not', '==' or '!='");
    fails("action >= 7 and", 16, "ends early");
    fails("action >= 7 $", 13, "unexpected '$'");
}

static void test_depth(void **state)
{
    (void)state;
    char src[SCN_MAX_EXPR + 2];
    /* 32 levels are fine, 33 are not, 150 are refused without recursion. */
    int n = 0;
    for (int i = 0; i < 32; i++)
        src[n++] = '(';
    n += sprintf(src + n, "turn > 1");
    for (int i = 0; i < 32; i++)
        src[n++] = ')';
    src[n] = '\0';
    assert_true(eval(src));
    memset(src, 0, sizeof src);
    memset(src, '(', 150);
    fails(src, 33, "nested too deeply");
    memset(src, 0, sizeof src);
    for (n = 0; n + 4 < 200; n += 4)
        memcpy(src + n, "not ", 4);
    strcpy(src + n, "has(over_apology)");
    fails(src, 129, "nested too deeply");
}

static void test_length(void **state)
{
    (void)state;
    char src[SCN_MAX_EXPR + 20];
    memset(src, ' ', sizeof src);
    memcpy(src, "turn > 1", 8);
    src[SCN_MAX_EXPR + 1] = '\0';
    fails(src, 1, "longer than");
}

static void test_no_kind_check(void **state)
{
    (void)state;
    char err[100];
    int col;
    scn_expr *e = scn_expr_parse("has(anything_at_all)", NULL, err, sizeof err, &col);
    assert_non_null(e);
    assert_false(scn_expr_eval(e, &env));
    scn_expr_free(e);
}

int main(void)
{
    score_error err;
    rubric = score_rubric_load(SCORE_LANG_EN, NULL, 0, &err);
    opts.kind_ok = scn_rubric_kind_ok;
    opts.kind_ud = rubric;
    setup_env();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compare),  cmocka_unit_test(test_logic),
        cmocka_unit_test(test_no_reply), cmocka_unit_test(test_errors),
        cmocka_unit_test(test_depth),    cmocka_unit_test(test_length),
        cmocka_unit_test(test_no_kind_check),
    };
    int rc = cmocka_run_group_tests_name("scn_expr", tests, NULL, NULL);
    score_rubric_free(rubric);
    return rc;
}
