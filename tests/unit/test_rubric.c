/*
 * test_rubric.c - unit tests of rubric loading (rubric.c, compile.c,
 * load.c): errors name the file, line and column; house-style files merge
 * as docs/rubric-format.md says; the built-in rubrics load; and one loaded
 * rubric can be used by several threads at once.
 */
#define TESTUTIL_MINI
#include <pthread.h>
#include <stdio.h>
#include "testutil.h"

static char *mini_text;
static size_t mini_len;
static score_result res;

static int setup(void **state)
{
    (void)state;
    FILE *f = fopen(TEST_DATA_DIR "/data/mini-en.yaml", "rb");
    if (!f) return -1;
    mini_text = malloc(1 << 16);
    mini_len = fread(mini_text, 1, 1 << 16, f);
    fclose(f);
    score_result_init(&res);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(mini_text);
    score_result_free(&res);
    return 0;
}

/* The mini rubric with `house` merged over it (NULL on error, in *err). */
static score_rubric *with_house(const char *house, score_error *err)
{
    const char *names[] = {"mini-en.yaml", "house.yaml"};
    const char *texts[] = {mini_text, house};
    size_t lens[] = {mini_len, strlen(house)};
    memset(err, 0, sizeof *err);
    return sc_rubric_from_texts(SCORE_LANG_EN, names, texts, lens, 2, err);
}

static void expect_error(const char *house, int line, int col, const char *words)
{
    score_error err;
    score_rubric *r = with_house(house, &err);
    if (r) score_rubric_free(r);
    assert_null(r);
    assert_int_equal(err.code, SCORE_EDATA);
    assert_string_equal(err.file, "house.yaml");
    assert_int_equal(err.line, line);
    if (col) assert_int_equal(err.col, col);
    if (!strstr(err.msg, words)) fail_msg("message '%s' lacks '%s'", err.msg, words);
}

static void errors_have_positions(void **state)
{
    (void)state;
    expect_error("lang: en\ncues: [\n", 3, 0, "");
    expect_error("lang: en\ncolour: red\n", 2, 1, "unknown key 'colour'");
    expect_error("lang: en\nkinds:\n  x: {dimension: kindness, weight: 1, tip: t}\n", 3, 18,
                 "unknown dimension 'kindness'");
    expect_error("lang: en\ncues:\n  nonsense: [\"a b\"]\n", 3, 3, "unknown kind 'nonsense'");
    expect_error("lang: en\nweights: {action: lots}\n", 2, 19, "must be a number");
    expect_error("lang: xx\n", 1, 7, "unknown language 'xx'");
    expect_error("cues: {}\n", 1, 1, "needs 'lang");
    expect_error("lang: en\nwords: {verbs: [a]}\n", 2, 9, "unknown word list 'verbs'");
}

static void compile_errors_name_the_cue(void **state)
{
    (void)state;
    score_error err;
    score_rubric *r = with_house("lang: en\ncues:\n  guarantee: [\"never\"]\n", &err);
    assert_null(r);
    assert_non_null(strstr(err.file, "house.yaml:3:"));
    assert_non_null(strstr(err.msg, "no words besides negators"));
    r = with_house("lang: en\nkinds:\n  fresh: {dimension: action}\n", &err);
    assert_null(r);
    assert_non_null(strstr(err.msg, "'fresh' needs dimension, weight and tip"));
}

static void house_adds_a_banned_word(void **state)
{
    (void)state;
    score_error err;
    score_rubric *r = with_house("lang: en\nkinds:\n  banned_word: {dimension: empathy, weight: -1.5, "
                                 "tip: \"Name the real cost instead.\"}\ncues:\n  banned_word: [inconvenience]\n",
                                 &err);
    assert_non_null(r);
    assert_true(score_rubric_has_kind(r, "banned_word"));
    tu_score(r, NULL, "I am sorry for the inconvenience, I have sent it.", &res);
    const score_finding *f = tu_find(&res, "banned_word", SCORE_EMPATHY);
    assert_non_null(f);
    assert_true(f->delta < 0);
    assert_string_equal(f->text, "inconvenience");
    assert_string_equal(f->tip, "Name the real cost instead.");
    score_rubric_free(r);
}

static void house_disables_and_retips(void **state)
{
    (void)state;
    score_error err;
    score_rubric *r = with_house("lang: en\nkinds:\n  push_work: {tip: \"Our own tip.\"}\n"
                                 "cues:\n  apology: [{phrase: sorry, weight: 0}]\n", &err);
    assert_non_null(r);
    tu_score(r, NULL, "Sorry. You will have to contact them.", &res);
    assert_null(tu_find(&res, "apology", -1));
    assert_string_equal(tu_find(&res, "push_work", -1)->tip, "Our own tip.");
    score_rubric_free(r);
}

static void house_weights_and_other_language(void **state)
{
    (void)state;
    score_error err;
    score_rubric *r = with_house("lang: en\nweights: {action: 4}\n", &err);
    assert_non_null(r);
    assert_true(score_rubric_weight(r, SCORE_ACTION) == 4.0);
    score_rubric_free(r);
    r = with_house("lang: fa\ncolour: ignored because the file is for Persian\n", &err);
    assert_non_null(r);
    assert_true(score_rubric_weight(r, SCORE_ACTION) == 1.5);
    score_rubric_free(r);
}

static void builtin_rubrics_load(void **state)
{
    (void)state;
    score_error err = {0};
    for (int l = SCORE_LANG_EN; l <= SCORE_LANG_FA; l++) {
        score_rubric *r = score_rubric_load((score_lang)l, NULL, 0, &err);
        if (!r) fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.msg);
        const char *kinds[128];
        size_t n = score_rubric_kinds(r, kinds, 128);
        assert_true(n >= SC_K_NBUILTIN);
        for (int k = 0; k < SC_K_NBUILTIN; k++) assert_true(score_rubric_has_kind(r, sc_builtin_kind_names[k]));
        assert_true(r->n_cues >= 300); /* a real vocabulary, not a stub */
        score_rubric_free(r);
    }
}

static void missing_house_file_is_io_error(void **state)
{
    (void)state;
    score_error err = {0};
    const char *files[] = {"/nonexistent/house.yaml"};
    assert_null(score_rubric_load(SCORE_LANG_EN, files, 1, &err));
    assert_int_equal(err.code, SCORE_EIO);
    assert_string_equal(err.file, "/nonexistent/house.yaml");
}

/* ---- several threads, one rubric ----------------------------------------- */

static score_rubric *shared;
static const char *replies[] = {
    "I am sorry. I have sent a new one and I will call you tomorrow.",
    "Calm down. You will have to contact the courier.",
    "It will definitely arrive, 100% guaranteed. Learn to read.",
    "That was our mistake, because the label was wrong. What I can do is refund it today.",
};
static double expected[4][SCORE_NDIM + 1];

static void *worker(void *arg)
{
    long id = (long)arg;
    score_result r;
    score_result_init(&r);
    long bad = 0;
    for (int i = 0; i < 3000; i++) {
        int k = (int)((i + id) % 4);
        if (score_reply(shared, NULL, replies[k], strlen(replies[k]), &r) != SCORE_OK) bad++;
        for (int d = 0; d < SCORE_NDIM; d++) bad += r.scores[d] != expected[k][d];
        bad += r.overall != expected[k][SCORE_NDIM];
    }
    score_result_free(&r);
    return (void *)bad;
}

static void threads_share_a_rubric(void **state)
{
    (void)state;
    shared = tu_mini(SCORE_LANG_EN);
    assert_non_null(shared);
    for (int k = 0; k < 4; k++) {
        tu_score(shared, NULL, replies[k], &res);
        memcpy(expected[k], res.scores, sizeof res.scores);
        expected[k][SCORE_NDIM] = res.overall;
    }
    pthread_t t[4];
    for (long i = 0; i < 4; i++) assert_int_equal(pthread_create(&t[i], NULL, worker, (void *)i), 0);
    for (int i = 0; i < 4; i++) {
        void *bad;
        pthread_join(t[i], &bad);
        assert_int_equal((long)bad, 0);
    }
    score_rubric_free(shared);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(errors_have_positions),
        cmocka_unit_test(compile_errors_name_the_cue),
        cmocka_unit_test(house_adds_a_banned_word),
        cmocka_unit_test(house_disables_and_retips),
        cmocka_unit_test(house_weights_and_other_language),
        cmocka_unit_test(builtin_rubrics_load),
        cmocka_unit_test(missing_house_file_is_io_error),
        cmocka_unit_test(threads_share_a_rubric),
    };
    return cmocka_run_group_tests_name("rubric", tests, setup, teardown);
}
