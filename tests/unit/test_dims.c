/*
 * test_dims.c - unit tests of the four dimensions and overall (empathy.c,
 * action.c, honesty.c, boundaries.c, facts.c, score.c) on the fixed mini
 * rubric: each test states one judgement of the scoring guide as an
 * ordering or a band, so they hold however the built-in rubrics grow.
 */
#define TESTUTIL_MINI
#include <math.h>
#include "testutil.h"

static score_rubric *en;
static score_result a, b;
static score_context ctx;

static int setup(void **state)
{
    (void)state;
    en = tu_mini(SCORE_LANG_EN);
    score_result_init(&a);
    score_result_init(&b);
    return en ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    score_result_free(&a);
    score_result_free(&b);
    score_rubric_free(en);
    return 0;
}

static int reset(void **state)
{
    (void)state;
    score_context_init(&ctx);
    return 0;
}

static double dim(const char *reply, score_dim d)
{
    tu_score(en, &ctx, reply, &a);
    return a.scores[d];
}

static void empathy_is_a_band(void **state)
{
    (void)state;
    ctx.wants = SCORE_WANTS_ACTION;
    ctx.tension = 7;
    double none = dim("I have reserved a replacement.", SCORE_EMPATHY);
    double brief = dim("I am sorry. I have reserved a replacement.", SCORE_EMPATHY);
    double gush = dim("I am sorry. I can only imagine how devastating this is. That sounds "
                      "frustrating. No wonder you are upset. I have reserved a replacement.",
                      SCORE_EMPATHY);
    assert_true(brief > none);
    assert_true(brief > gush);
    assert_true(brief >= 8.0);
    assert_non_null(tu_find(&a, "over_empathy", SCORE_EMPATHY));
}

static void empathy_band_moves_with_context(void **state)
{
    (void)state;
    const char *reply = "I am sorry. That sounds frustrating. No wonder you are upset. "
                        "I have reserved a replacement.";
    ctx.wants = SCORE_WANTS_ACTION;
    double action = dim(reply, SCORE_EMPATHY);
    ctx.wants = SCORE_WANTS_EMPATHY;
    ctx.tension = 8;
    double grief = dim(reply, SCORE_EMPATHY);
    assert_true(grief > action);
}

static void dismissal_is_worse_than_silence(void **state)
{
    (void)state;
    ctx.tension = 7;
    double silent = dim("I have reserved a replacement.", SCORE_EMPATHY);
    assert_non_null(tu_find(&a, "robotic", SCORE_EMPATHY));
    double dismiss = dim("Calm down. I have reserved a replacement.", SCORE_EMPATHY);
    assert_true(dismiss < silent);
}

static void apologies_saturate(void **state)
{
    (void)state;
    double one = dim("I am sorry, I have sent it.", SCORE_EMPATHY);
    double many = dim("I am sorry. Sorry. I apologize, I am sorry, I have sent it.", SCORE_EMPATHY);
    assert_true(many <= one);
    double bounds = dim("I am sorry. Sorry. I apologize, I am sorry, I have sent it.", SCORE_BOUNDARIES);
    assert_true(bounds < 10);
    assert_non_null(tu_find(&a, "over_apology", SCORE_BOUNDARIES));
    assert_int_equal(a.signals.apologies, 4);
}

static void cliche_and_non_apology(void **state)
{
    (void)state;
    double sincere = dim("I am sorry, I have sent it.", SCORE_EMPATHY);
    double cliche = dim("We apologize for any inconvenience, I have sent it.", SCORE_EMPATHY);
    double non = dim("Sorry you feel that way, I have sent it.", SCORE_EMPATHY);
    assert_true(sincere > cliche);
    assert_true(cliche > non);
    assert_true(dim("Sorry you feel that way.", SCORE_HONESTY) < 10);
}

static void action_strength_order(void **state)
{
    (void)state;
    ctx.wants = SCORE_WANTS_ACTION;
    double taken = dim("I have reserved a replacement for you.", SCORE_ACTION);
    double timed = dim("I will send a replacement tomorrow.", SCORE_ACTION);
    double promise = dim("I will send a replacement for you.", SCORE_ACTION);
    double nothing = dim("That is a shame for you.", SCORE_ACTION);
    assert_true(taken > promise);
    assert_true(timed > promise);
    assert_true(promise > nothing);
    assert_non_null(tu_find(&a, "no_action", SCORE_ACTION));
    double best = dim("I have reserved a replacement for you. I will call you at 11 today, "
                      "and I will follow up tomorrow.", SCORE_ACTION);
    assert_true(best >= 9.0);
}

static void action_penalties(void **state)
{
    (void)state;
    double mine = dim("I will send it today.", SCORE_ACTION);
    double yours = dim("I will send it today. You will have to contact the courier.", SCORE_ACTION);
    assert_true(yours < mine);
    double bare = dim("We do not have it.", SCORE_ACTION);
    double soft = dim("We do not have it. What I can do is reserve the next one.", SCORE_ACTION);
    assert_true(soft > bare);
    assert_true(dim("Sorry, that is not my department.", SCORE_ACTION) < 2.0);
}

static void late_fix_costs(void **state)
{
    (void)state;
    double early = dim("I have sent a new one. It is on the way. It is the same model. It is blue.",
                       SCORE_ACTION);
    double late = dim("It is the same model. It is blue. It is new. I have sent a new one.", SCORE_ACTION);
    assert_true(early > late);
    assert_non_null(tu_find(&a, "late_fix", SCORE_ACTION));
}

static void honesty_guarantees_and_credits(void **state)
{
    (void)state;
    assert_true(dim("I will send it today.", SCORE_HONESTY) == 10.0);
    double g = dim("It will definitely arrive, 100% guaranteed.", SCORE_HONESTY);
    assert_true(g <= 7.0);
    double credited = dim("That was our mistake. It will definitely arrive.", SCORE_HONESTY);
    assert_true(credited > dim("It will definitely arrive.", SCORE_HONESTY));
    assert_true(dim("That was our mistake, because the label was wrong.", SCORE_HONESTY) <= 10.0);
}

static void honesty_against_facts(void **state)
{
    (void)state;
    const char *cp[] = {"full refund for three years"}, *un[] = {"fixed within"};
    ctx.cannot_promise = cp;
    ctx.n_cannot_promise = 1;
    ctx.unknown = un;
    ctx.n_unknown = 1;
    assert_true(dim("I will give you a full refund for all three years.", SCORE_HONESTY) <= 6.0);
    assert_non_null(tu_find(&a, "promise_forbidden", SCORE_HONESTY));
    assert_true(dim("I can't promise a full refund for three years.", SCORE_HONESTY) == 10.0);
    assert_true(dim("It will be fixed within two hours.", SCORE_HONESTY) <= 7.0);
    assert_non_null(tu_find(&a, "certainty_unknown", SCORE_HONESTY));
    assert_true(dim("It will probably be fixed within two hours.", SCORE_HONESTY) == 10.0);
}

static void boundaries_abuse(void **state)
{
    (void)state;
    ctx.customer = "You idiot, fix it.";
    double silent = dim("I will send it today.", SCORE_BOUNDARIES);
    assert_non_null(tu_find(&a, "tolerates_abuse", SCORE_BOUNDARIES));
    double named = dim("Please keep this respectful. I will send it today.", SCORE_BOUNDARIES);
    assert_true(named > silent);
    ctx.customer = "This is the third time it broke!";
    double scold = dim("Please keep this respectful. I will send it today.", SCORE_BOUNDARIES);
    assert_non_null(tu_find(&a, "scolding", SCORE_BOUNDARIES));
    assert_true(scold < named);
}

static void retaliation_is_the_floor(void **state)
{
    (void)state;
    tu_score(en, &ctx, "Learn to read. I have sent it today.", &a);
    assert_true(a.scores[SCORE_BOUNDARIES] <= 1.0);
    assert_true(a.overall <= 2.0);
}

static void transfer_needs_reason_and_ownership(void **state)
{
    (void)state;
    double bare = dim("I will transfer you.", SCORE_BOUNDARIES);
    double owned = dim("I will connect you with Sam in billing, who can reverse it, and I will "
                       "check back tomorrow.", SCORE_BOUNDARIES);
    assert_true(owned > bare);
    assert_non_null(tu_find(&a, "referral", SCORE_BOUNDARIES));
}

static void pushy_offers_to_leaving_customers(void **state)
{
    (void)state;
    ctx.customer = "Cancel my account now.";
    double pushy = dim("Before you go, I will send you a discount.", SCORE_BOUNDARIES);
    assert_non_null(tu_find(&a, "pushy_offer", SCORE_BOUNDARIES));
    assert_non_null(tu_find(&a, "stalling", SCORE_ACTION));
    ctx.customer = "Can you help me?";
    assert_true(dim("Before you go, I will send you a discount.", SCORE_BOUNDARIES) > pushy);
}

static void keyword_salad_scores_low_everywhere(void **state)
{
    (void)state;
    tu_score(en, &ctx, "sorry understand refund today instead sent", &a);
    for (int d = 0; d < SCORE_NDIM; d++) assert_true(a.scores[d] <= 3.0);
    tu_score(en, &ctx, "Sorry. Today. Instead. Tomorrow. Guaranteed.", &a);
    assert_true(a.overall <= 4.0);
}

static void overall_is_weighted_mean(void **state)
{
    (void)state;
    tu_score(en, &ctx, "I am sorry. I have sent a new one and I will call you tomorrow.", &a);
    double w = 0, s = 0;
    for (int d = 0; d < SCORE_NDIM; d++) {
        s += a.scores[d] * score_rubric_weight(en, (score_dim)d);
        w += score_rubric_weight(en, (score_dim)d);
    }
    assert_true(fabs(a.overall - s / w) <= 0.051);
}

static void findings_explain_the_score(void **state)
{
    (void)state;
    /* honesty and boundaries start at 10: their findings add up to the score */
    tu_score(en, &ctx, "It will definitely arrive. I am sorry, sorry, sorry. Learn to read.", &a);
    for (int d = SCORE_HONESTY; d <= SCORE_BOUNDARIES; d++) {
        double sum = 10;
        for (size_t i = 0; i < a.n_findings; i++)
            if ((int)a.findings[i].dim == d) sum += a.findings[i].delta;
        if (d == SCORE_HONESTY) assert_true(fabs(sc_clamp10(sum) - a.scores[d]) <= 0.051);
    }
    for (size_t i = 0; i < a.n_findings; i++) assert_non_null(a.findings[i].tip);
}

static void same_input_same_grade(void **state)
{
    (void)state;
    const char *r = "I am sorry, Ross. I have sent a new one today.";
    ctx.customer_name = "Ross";
    tu_score(en, &ctx, r, &a);
    tu_score(en, &ctx, r, &b);
    assert_memory_equal(a.scores, b.scores, sizeof a.scores);
    assert_int_equal(a.n_findings, b.n_findings);
    assert_non_null(tu_find(&a, "name_used", SCORE_EMPATHY));
}

static void empty_reply_is_an_error(void **state)
{
    (void)state;
    assert_int_equal(score_reply(en, &ctx, "", 0, &a), SCORE_EEMPTY);
    assert_int_equal(score_reply(en, &ctx, " \n\t ... !!", 10, &a), SCORE_EEMPTY);
}

static void asking_again_costs_only_after_repeating(void **state)
{
    (void)state;
    double fresh = dim("Could you explain again what happened? I will check it today.", SCORE_EMPATHY);
    assert_null(tu_find(&a, "ask_repeat", -1));
    ctx.customer = "This is the third time I explain this!";
    double again = dim("Could you explain again what happened? I will check it today.", SCORE_EMPATHY);
    assert_int_equal(tu_count(&a, "ask_repeat"), 1);
    assert_true(again <= fresh - 2.9);
}

#define T(f) cmocka_unit_test_setup(f, reset)
int main(void)
{
    const struct CMUnitTest tests[] = {
        T(empathy_is_a_band), T(empathy_band_moves_with_context),
        T(dismissal_is_worse_than_silence), T(apologies_saturate),
        T(cliche_and_non_apology), T(action_strength_order), T(action_penalties),
        T(late_fix_costs), T(honesty_guarantees_and_credits), T(honesty_against_facts),
        T(boundaries_abuse), T(retaliation_is_the_floor),
        T(transfer_needs_reason_and_ownership), T(pushy_offers_to_leaving_customers),
        T(keyword_salad_scores_low_everywhere), T(overall_is_weighted_mean),
        T(findings_explain_the_score), T(same_input_same_grade), T(empty_reply_is_an_error),
        T(asking_again_costs_only_after_repeating),
    };
    return cmocka_run_group_tests_name("dimensions", tests, setup, teardown);
}
