/*
 * test_track.c - the track loader, the track library and the status of a
 * trainee on a track, driven by data.
 *
 * Every .yaml file of tests/tracks/bad is one cmocka test: its header
 * comment states the problems the loader must report, one a line,
 *
 *   # expect: LINE:COL: message      (0:0 for problems without a position;
 *                                    the message may be a substring)
 *   # extra: ok                      (more problems may follow)
 *
 * and the loader must report exactly those (no more unless `extra`), then
 * return NULL; every file of tests/tracks/good must load without a
 * problem. Both are checked against the scenario library of
 * tests/scenarios/good (late-parcel in en and fa, en-only in en). Adding a
 * fixture needs no C. The shipped tracks (tracks/) must load against the
 * shipped scenarios. Inputs too big or regular to keep as files (1 MiB +
 * 1 bytes, deep nesting, 201 steps) are generated here; the status cases
 * are tables of results and what they must give.
 */
#include "testutil.h"
#include "fixtures.h"
#include "track.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

#define BAD_DIR TEST_DATA_DIR "/tracks/bad"
#define GOOD_DIR TEST_DATA_DIR "/tracks/good"
#define SCN_DIR TEST_DATA_DIR "/scenarios/good"


static score_rubric *rubric;
static scn_library lib;      /* tests/scenarios/good */
static scn_library shipped;  /* scenarios/ */

static void test_bad_file(void **state)
{
    const char *path = *state;
    size_t len;
    char *text = fx_slurp(path, &len);
    assert_non_null(text);
    scn_diags d = {0};
    trk_track *t = trk_load_text(path, text, len, &lib, &d);
    int failed = fx_check(path, text, &d, t != NULL);
    trk_free(t);
    scn_diags_free(&d);
    free(text);
    assert_int_equal(failed, 0);
}

static void test_good_file(void **state)
{
    const char *path = *state;
    scn_diags d = {0};
    trk_track *t = trk_load_file(path, &lib, &d);
    fx_print_diags(&d);
    assert_int_equal(d.n, 0);
    assert_non_null(t);
    assert_true(t->n_steps > 0);
    trk_free(t);
}

/* ---- the checks generated here ------------------------------------------------ */

static void test_too_big(void **state)
{
    (void)state;
    size_t len = TRK_MAX_FILE + 1;
    char *text = malloc(len);
    memset(text, '#', len);
    scn_diags d = {0};
    assert_null(trk_load_text("big.yaml", text, len, &lib, &d));
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.v[0].msg, "larger than 1048576 bytes (1 MiB): too big for a track"));
    scn_diags_free(&d);
    free(text);
}

static void test_deep(void **state)
{
    (void)state;
    size_t depth = 5000, len = 7 + 2 * depth;
    char *text = malloc(len + 1);
    memcpy(text, "steps: ", 7);
    memset(text + 7, '[', depth);
    memset(text + 7 + depth, ']', depth);
    scn_diags d = {0};
    assert_null(trk_load_text("deep.yaml", text, len, &lib, &d));
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.v[0].msg, "nested deeper than 32"));
    scn_diags_free(&d);
    free(text);
}

static void test_too_many_steps(void **state)
{
    (void)state;
    size_t cap = 100000, n = 0;
    char *text = malloc(cap);
    n += (size_t)snprintf(text + n, cap - n, "id: x\ntitle: {en: x}\nsummary: {en: x}\n"
                          "pass: {overall: 7}\nsteps:\n");
    for (int i = 0; i <= TRK_MAX_STEPS; i++)
        n += (size_t)snprintf(text + n, cap - n, "  - {id: s%d, scenario: en-only, "
                              "language: en}\n", i);
    scn_diags d = {0};
    assert_null(trk_load_text("many.yaml", text, n, &lib, &d));
    assert_true(fx_has_diag(&d, "too many steps (201; at most 200)"));
    scn_diags_free(&d);
    free(text);
}

static void test_details(void **state)
{
    (void)state;
    scn_diags d = {0};
    trk_track *t = trk_load_file(GOOD_DIR "/parallel.yaml", &lib, &d);
    assert_non_null(t);
    assert_string_equal(t->id, "parallel");
    assert_string_equal(scn_text_get(&t->title, SCORE_LANG_FA), "دو با هم");
    assert_int_equal(t->n_steps, 4);
    const trk_step *s = t->steps;
    assert_string_equal(s[0].id, "parcel-en");
    assert_int_equal(s[0].n_after, 0);
    assert_int_equal(s[0].day, 1);
    assert_true(s[0].pass.overall == 7 && s[0].pass.min[SCORE_HONESTY] == 6);
    assert_true(s[0].pass.min[SCORE_EMPATHY] < 0);
    assert_int_equal(s[1].lang, SCORE_LANG_FA);
    assert_int_equal(s[1].n_after, 0); /* after: [] */
    assert_true(s[1].pass.overall == 6.5 && s[1].pass.min[SCORE_HONESTY] == 6);
    assert_string_equal(s[2].id, "en-only-en"); /* the default id */
    assert_int_equal(s[2].n_after, 2);
    assert_true(s[2].after[0] == 0 && s[2].after[1] == 1);
    assert_true(s[2].pass.min[SCORE_BOUNDARIES] == 7 && s[2].pass.min[SCORE_HONESTY] == 5);
    assert_int_equal(s[3].n_after, 1); /* after: one id, not a list */
    assert_int_equal(s[3].after[0], 2);
    assert_int_equal(s[3].day, 0);
    assert_int_equal(trk_step_index(t, "parcel-again"), 3);
    assert_int_equal(trk_step_index(t, "nope"), -1);
    trk_free(t);
    /* the default `after`: the previous step */
    t = trk_load_file(GOOD_DIR "/minimal.yaml", &lib, &d);
    assert_non_null(t);
    assert_int_equal(t->steps[0].n_after, 0);
    trk_free(t);
    assert_int_equal(d.n, 0);
}

/* The shipped tracks load against the shipped scenarios. */
static void test_shipped(void **state)
{
    (void)state;
    trk_library tl = {0};
    scn_diags d = {0};
    const char *dir = "tracks";
    size_t bad = trk_library_load(&dir, 1, &shipped, &tl, &d);
    fx_print_diags(&d);
    assert_int_equal(bad, 0);
    const trk_track *on = trk_library_find(&tl, "onboarding-two-weeks");
    const trk_track *de = trk_library_find(&tl, "de-escalation");
    assert_non_null(on);
    assert_non_null(de);
    int days = 0, fa = 0;
    for (size_t i = 0; i < on->n_steps; i++) {
        days = on->steps[i].day > days ? on->steps[i].day : days;
        fa += on->steps[i].lang == SCORE_LANG_FA;
    }
    assert_int_equal(days, 10);
    assert_true(fa >= 3);
    assert_int_equal(de->n_steps, 6);
    assert_true(de->pass.overall > on->pass.overall);
    trk_library_free(&tl);
    scn_diags_free(&d);
}

static void test_library(void **state)
{
    (void)state;
    trk_library tl = {0};
    scn_diags d = {0};
    const char *paths[] = {GOOD_DIR, GOOD_DIR "/minimal.yaml", "no/such/dir"};
    size_t bad = trk_library_load(paths, 3, &lib, &tl, &d);
    assert_int_equal(bad, 2); /* the duplicate id and the missing folder */
    assert_int_equal(tl.n, 2);
    assert_non_null(trk_library_find(&tl, "minimal"));
    assert_null(trk_library_find(&tl, "nope"));
    assert_true(fx_has_diag(&d, "duplicate track id 'minimal'"));
    trk_library_free(&tl);
    scn_diags_free(&d);
}

static void test_is_track(void **state)
{
    (void)state;
    assert_true(trk_is_track_file("tracks/de-escalation.yaml"));
    assert_true(trk_is_track_file(GOOD_DIR "/minimal.yaml")); /* steps: */
    assert_false(trk_is_track_file("scenarios/backorder.yaml"));
    assert_false(trk_is_track_file("no/such/file.yaml"));
    setenv("HAMDEL_TRACKS", "/some/where", 1);
    assert_string_equal(trk_library_default_dir(), "/some/where");
    unsetenv("HAMDEL_TRACKS");
    assert_string_equal(trk_library_default_dir(), "tracks");
}

/* ---- status: tables of results and what they must give -------------------------- */

#define R(sc, lang, ov, e, a, h, b, at) {sc, SCORE_LANG_##lang, ov, {e, a, h, b}, at}

static trk_track *parallel(void)
{
    scn_diags d = {0};
    trk_track *t = trk_load_file(GOOD_DIR "/parallel.yaml", &lib, &d);
    assert_non_null(t);
    return t;
}

/* Nothing played: the two steps with no `after` are what comes next. */
static void test_status_fresh(void **state)
{
    (void)state;
    trk_track *t = parallel();
    trk_status st;
    trk_status_compute(t, NULL, 0, &st);
    assert_int_equal(st.n_passed, 0);
    assert_int_equal(st.n_next, 2);
    assert_true(st.next[0] == 0 && st.next[1] == 1);
    assert_int_equal(st.steps[2].state, TRK_LOCKED);
    assert_int_equal(st.steps[3].state, TRK_LOCKED);
    assert_int_equal(st.steps[0].best, -1);
    assert_false(st.certified);
    assert_null(st.certified_at);
    trk_status_free(&st);
    trk_free(t);
}

/* The pass mark: overall, then each minimum; the language must match; the
 * best qualifying result is the highest, the first pass the earliest. */
static void test_status_pass_marks(void **state)
{
    (void)state;
    trk_track *t = parallel();
    const trk_result r[] = {
        R("late-parcel", EN, 9.0, 9, 9, 5.9, 9, "2026-03-02T10:00:00Z"), /* 0: honesty < 6 */
        R("late-parcel", FA, 9.5, 9, 9, 9, 9, "2026-03-01T10:00:00Z"),   /* 1: fa, not en */
        R("late-parcel", EN, 6.9, 9, 9, 9, 9, "2026-03-03T10:00:00Z"),   /* 2: overall < 7 */
        R("late-parcel", EN, 7.0, 7, 7, 6, 7, "2026-03-04T10:00:00Z"),   /* 3: just passes */
        R("late-parcel", EN, 8.2, 8, 8, 8, 8, "2026-03-06T10:00:00Z"),   /* 4: best */
        R("late-parcel", EN, 8.2, 8, 8, 8, 8, "2026-03-05T10:00:00Z"),   /* 5: same, earlier */
        R("other", EN, 10, 10, 10, 10, 10, "2026-03-01T09:00:00Z"),      /* ignored */
    };
    trk_status st;
    trk_status_compute(t, r, sizeof r / sizeof *r, &st);
    const trk_step_status *en = &st.steps[0], *fa = &st.steps[1];
    assert_int_equal(en->state, TRK_PASSED);
    assert_int_equal(en->attempts, 5);
    assert_int_equal(en->best, 5);
    assert_int_equal(en->first_pass, 3);
    assert_int_equal(en->best_try, 0); /* 9.0, though it fails on honesty */
    assert_int_equal(fa->state, TRK_PASSED); /* 6.5 overall is enough there */
    assert_int_equal(fa->attempts, 1);
    assert_int_equal(st.steps[2].state, TRK_OPEN); /* after both */
    assert_int_equal(st.steps[3].state, TRK_LOCKED);
    assert_int_equal(st.n_next, 1);
    assert_int_equal(st.next[0], 2);
    assert_false(st.certified);
    assert_true(trk_result_passes(&t->steps[0], &r[3]));
    assert_false(trk_result_passes(&t->steps[0], &r[0]));
    trk_status_free(&st);
    trk_free(t);
}

/* Everything passed: certified on the date the last step was first
 * passed, with the means of the best results. A step that repeats a
 * scenario needs a session played once it was open. */
static void test_status_certified(void **state)
{
    (void)state;
    trk_track *t = parallel();
    const trk_result r[] = {
        R("late-parcel", EN, 8, 8, 8, 8, 8, "2026-03-01"),
        R("late-parcel", FA, 7, 7, 7, 7, 7, "2026-03-02"),
        R("en-only", EN, 9, 9, 9, 9, 9, "2026-03-09"),
        R("en-only", EN, 8, 8, 8, 8, 8, "2026-03-04"),
        R("en-only", EN, 7.9, 9, 9, 9, 9, "2026-03-03"), /* under 8 */
    };
    trk_status st;
    trk_status_compute(t, r, sizeof r / sizeof *r, &st);
    /* parcel-again opened on 03-04: the parcel of 03-01 does not count */
    assert_int_equal(st.n_passed, 3);
    assert_int_equal(st.steps[3].state, TRK_OPEN);
    assert_int_equal(st.steps[3].attempts, 0);
    assert_int_equal(st.n_next, 1);
    assert_int_equal(st.next[0], 3);
    assert_false(st.certified);
    assert_int_equal(st.steps[2].best, 2);
    assert_int_equal(st.steps[2].first_pass, 3);
    trk_status_free(&st);
    trk_result more[6];
    memcpy(more, r, sizeof r);
    more[5] = (trk_result)R("late-parcel", EN, 7.5, 7.5, 7.5, 7.5, 7.5, "2026-03-10");
    trk_status_compute(t, more, 6, &st);
    assert_true(st.certified);
    assert_int_equal(st.n_next, 0);
    assert_string_equal(st.certified_at, "2026-03-10");
    assert_int_equal(st.steps[0].best, 0);  /* 8 on 03-01 is still the best */
    assert_int_equal(st.steps[3].best, 5);
    /* (8 + 7 + 9 + 7.5) / 4 */
    assert_true(st.mean_overall > 7.874 && st.mean_overall < 7.876);
    assert_true(st.mean_dims[SCORE_HONESTY] > 7.874 && st.mean_dims[SCORE_HONESTY] < 7.876);
    trk_status_free(&st);
    assert_string_equal(trk_state_name(TRK_OPEN), "open");
    assert_string_equal(trk_state_name(TRK_LOCKED), "locked");
    assert_string_equal(trk_state_name(TRK_PASSED), "passed");
    trk_free(t);
}

/* The default chain: each step opens when the one before is passed. */
static void test_status_chain(void **state)
{
    (void)state;
    static const char text[] =
        "id: chain\ntitle: {en: c}\nsummary: {en: c}\npass: {overall: 7}\nsteps:\n"
        "  - {scenario: late-parcel, language: en}\n"
        "  - {scenario: late-parcel, language: fa}\n"
        "  - {scenario: en-only, language: en}\n";
    scn_diags d = {0};
    trk_track *t = trk_load_text("chain.yaml", text, sizeof text - 1, &lib, &d);
    assert_non_null(t);
    const trk_result r[] = {R("late-parcel", EN, 7.5, 7, 7, 7, 7, "2026-01-01"),
                            R("en-only", EN, 9, 9, 9, 9, 9, "2026-01-02")};
    trk_status st;
    trk_status_compute(t, r, 2, &st);
    assert_int_equal(st.steps[0].state, TRK_PASSED);
    assert_int_equal(st.steps[1].state, TRK_OPEN);
    assert_int_equal(st.steps[2].state, TRK_LOCKED); /* played ahead: not counted */
    assert_int_equal(st.steps[2].attempts, 0);
    assert_int_equal(st.n_next, 1);
    assert_int_equal(st.next[0], 1);
    assert_false(st.certified);
    trk_status_free(&st);
    trk_free(t);
}

/* ---- main ------------------------------------------------------------------------- */

int main(void)
{
    static struct CMUnitTest t[512];
    size_t n = 0;
    score_error err;
    scn_diags d = {0};
    rubric = score_rubric_load(SCORE_LANG_EN, NULL, 0, &err);
    scn_opts o = {scn_rubric_kind_ok, rubric};
    const char *dir = SCN_DIR, *sdir = "scenarios";
    scn_library_load(&dir, 1, &o, &lib, &d);
    scn_library_load(&sdir, 1, &o, &shipped, &d);
    if (d.n)
        fx_print_diags(&d);
    scn_diags_free(&d);
    n = fx_add_dir(t, n, 500, BAD_DIR, test_bad_file);
    if (n < 20)
        fprintf(stderr, "only %zu bad fixtures in %s\n", n, BAD_DIR);
    n = fx_add_dir(t, n, 500, GOOD_DIR, test_good_file);
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_too_big), cmocka_unit_test(test_deep),
        cmocka_unit_test(test_too_many_steps), cmocka_unit_test(test_details),
        cmocka_unit_test(test_shipped), cmocka_unit_test(test_library),
        cmocka_unit_test(test_is_track), cmocka_unit_test(test_status_fresh),
        cmocka_unit_test(test_status_pass_marks), cmocka_unit_test(test_status_certified),
        cmocka_unit_test(test_status_chain)};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        t[n++] = fixed[i];
    int rc = _cmocka_run_group_tests("track", t, n, NULL, NULL);
    for (size_t i = 0; i < n; i++)
        if (t[i].initial_state)
            free(t[i].initial_state);
    scn_library_free(&lib);
    scn_library_free(&shipped);
    score_rubric_free(rubric);
    return rc;
}
