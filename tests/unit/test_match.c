/*
 * test_match.c - unit tests of cue matching (match.c, ac.c): negation scope
 * in both languages, phrases that need negation, containment, sentence
 * scope, fillers, numbers, and a long reply in linear time.
 */
#define TESTUTIL_MINI
#include "testutil.h"

static score_rubric *en, *fa;
static score_result res;

static int setup(void **state)
{
    (void)state;
    en = tu_mini(SCORE_LANG_EN);
    fa = tu_mini(SCORE_LANG_FA);
    score_result_init(&res);
    return en && fa ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    score_result_free(&res);
    score_rubric_free(en);
    score_rubric_free(fa);
    return 0;
}

static int has(const score_rubric *r, const char *reply, const char *kind)
{
    tu_score(r, NULL, reply, &res);
    return tu_find(&res, kind, -1) != NULL;
}

static void negation_flips_a_commitment(void **state)
{
    (void)state;
    assert_true(has(en, "I will send a new one.", "commitment"));
    assert_false(has(en, "I will not send a new one.", "commitment"));
    assert_false(has(en, "I won't send a new one.", "commitment"));
    assert_false(has(en, "I will never send a new one.", "commitment"));
    /* the scope ends at the clause */
    assert_true(has(en, "Not today, but I will send a new one.", "commitment"));
}

static void phrases_with_a_negator_need_negation(void **state)
{
    (void)state;
    assert_true(has(en, "Sorry, that's not my department.", "deflection"));
    assert_false(has(en, "My department will fix it.", "deflection"));
    assert_true(has(en, "We don't have it in stock.", "refusal"));
    assert_true(has(en, "We do not have it in stock.", "refusal"));
    assert_false(has(en, "We have it in stock.", "refusal"));
}

static void longer_hit_wins(void **state)
{
    (void)state;
    tu_score(en, NULL, "Sorry you feel that way.", &res);
    assert_non_null(tu_find(&res, "non_apology", SCORE_HONESTY));
    assert_null(tu_find(&res, "apology", -1));
}

static void phrases_stay_inside_a_sentence(void **state)
{
    (void)state;
    assert_false(has(en, "I will. Send it.", "commitment"));
    assert_true(has(en, "I have already sent it.", "action_taken"));
    assert_true(has(en, "I have just sent it.", "action_taken"));
}

static void numbers_in_any_script(void **state)
{
    (void)state;
    assert_true(has(en, "I will call you at 11.", "time"));
    assert_true(has(fa, "ساعت ۱۱ تماس می‌گیرم.", "time"));
    assert_true(has(fa, "ساعت ١١ تماس می‌گیرم.", "time"));
}

static void persian_forms_match_alike(void **state)
{
    (void)state;
    assert_true(has(fa, "همین امروز براتون میفرستم.", "commitment"));
    assert_true(has(fa, "همین امروز براتون می فرستم.", "commitment"));
    assert_true(has(fa, "همین امروز براتون می\u200cفرستم.", "commitment"));
    assert_true(has(fa, "براتون فرستادم.", "action_taken"));
    assert_true(has(fa, "عذر میخوام.", "apology"));
    assert_true(has(fa, "عذر مي خوام.", "apology"));
}

static void persian_negation(void **state)
{
    (void)state;
    assert_false(has(fa, "امروز براتون نمی‌فرستم.", "commitment"));
    assert_false(has(fa, "براتون نفرستادم.", "action_taken"));
    assert_true(has(fa, "متاسفانه نمیتونم قول بدم.", "limit_stated"));
    assert_false(has(fa, "میتونم قول بدم.", "limit_stated"));
    assert_true(has(fa, "هیچ کاری نمیشه کرد.", "deflection"));
}

static void spans_point_at_the_words(void **state)
{
    (void)state;
    const char *reply = "OK. I\u2019ll call you at 11.";
    tu_score(en, NULL, reply, &res);
    const score_finding *f = tu_find(&res, "commitment", -1);
    assert_non_null(f);
    assert_string_equal(f->text, "I\u2019ll call you");
    assert_int_equal(f->start, 4);
    assert_memory_equal(reply + f->start, f->text, f->end - f->start);
}

static void a_long_reply_is_linear(void **state)
{
    (void)state;
    size_t n = 4u << 20, k = 0;
    char *big = malloc(n + 1);
    assert_non_null(big);
    const char *s = "I will send it today because it is broken. ";
    while (k + strlen(s) < n) { memcpy(big + k, s, strlen(s)); k += strlen(s); }
    big[k] = '\0';
    assert_int_equal(score_reply(en, NULL, big, k, &res), SCORE_OK);
    assert_true(res.n_findings <= SCORE_MAX_FINDINGS);
    assert_true(res.signals.sentences > 50000);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(negation_flips_a_commitment),
        cmocka_unit_test(phrases_with_a_negator_need_negation),
        cmocka_unit_test(longer_hit_wins),
        cmocka_unit_test(phrases_stay_inside_a_sentence),
        cmocka_unit_test(numbers_in_any_script),
        cmocka_unit_test(persian_forms_match_alike),
        cmocka_unit_test(persian_negation),
        cmocka_unit_test(spans_point_at_the_words),
        cmocka_unit_test(a_long_reply_is_linear),
    };
    return cmocka_run_group_tests_name("match", tests, setup, teardown);
}
