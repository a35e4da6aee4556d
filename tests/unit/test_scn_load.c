/*
 * test_scn_load.c - the scenario loader, graph checks and library, driven
 * by data files.
 *
 * Every .yaml file of tests/scenarios/bad is one cmocka test: its header comment
 * states the problems the loader must report, one a line,
 *
 *   # expect: LINE:COL: message      (0:0 for problems without a position;
 *                                    the message may be a substring)
 *   # extra: ok                      (more problems may follow: an alias
 *                                    bomb reports up to the error cap)
 *
 * and the loader must report exactly those (no more unless `extra`), then
 * return NULL. Adding a fixture needs no C. Every .yaml file of
 * tests/scenarios/good must load without a single problem. A few checks whose inputs are too big
 * or too regular to keep as files (1 MiB + 1 bytes, 501 nodes, deep
 * nesting) are generated here, as are the library checks.
 */
#include "testutil.h"
#include "fixtures.h"
#include "scn.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

#define BAD_DIR TEST_DATA_DIR "/scenarios/bad"
#define GOOD_DIR TEST_DATA_DIR "/scenarios/good"


static score_rubric *rubric;
static scn_opts opts;

/* One bad fixture: exactly the expected problems, and no scenario. */
static void test_bad_file(void **state)
{
    const char *path = *state;
    size_t len;
    char *text = fx_slurp(path, &len);
    assert_non_null(text);
    scn_diags d = {0};
    scn_scenario *s = scn_load_text(path, text, len, &opts, &d);
    int failed = fx_check(path, text, &d, s != NULL);
    scn_free(s);
    scn_diags_free(&d);
    free(text);
    assert_int_equal(failed, 0);
}

static void test_good_file(void **state)
{
    const char *path = *state;
    scn_diags d = {0};
    scn_scenario *s = scn_load_file(path, &opts, &d);
    fx_print_diags(&d);
    assert_int_equal(d.n, 0);
    assert_non_null(s);
    assert_true(s->start >= 0 && s->breaking_point >= 0);
    scn_free(s);
}

/* ---- the checks generated here --------------------------------------------- */

static void test_too_big(void **state)
{
    (void)state;
    size_t len = SCN_MAX_FILE + 1;
    char *text = malloc(len);
    memset(text, '#', len);
    scn_diags d = {0};
    assert_null(scn_load_text("big.yaml", text, len, &opts, &d));
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.v[0].msg, "larger than"));
    scn_diags_free(&d);
    free(text);
}

static void test_deep_generated(void **state)
{
    (void)state;
    for (int depth = 40; depth <= 100000; depth *= 50) {
        size_t len = 4 + 2 * (size_t)depth;
        char *text = malloc(len + 1);
        memcpy(text, "id: ", 4);
        memset(text + 4, '[', (size_t)depth);
        memset(text + 4 + depth, ']', (size_t)depth);
        scn_diags d = {0};
        assert_null(scn_load_text("deep.yaml", text, len, &opts, &d));
        assert_int_equal(d.n, 1);
        assert_non_null(strstr(d.v[0].msg, "nested deeper than 32"));
        scn_diags_free(&d);
        free(text);
    }
}

static void test_too_many_nodes(void **state)
{
    (void)state;
    size_t cap = 200000, n = 0;
    char *text = malloc(cap);
    n += (size_t)snprintf(text + n, cap - n, "id: x\nnodes:\n");
    for (int i = 0; i <= SCN_MAX_NODES; i++)
        n += (size_t)snprintf(text + n, cap - n, "  n%d: {ending: ended}\n", i);
    scn_diags d = {0};
    assert_null(scn_load_text("many.yaml", text, n, &opts, &d));
    assert_true(fx_has_diag(&d, "too many nodes (501; at most 500)"));
    scn_diags_free(&d);
    free(text);
}

static void test_good_details(void **state)
{
    (void)state;
    scn_diags d = {0};
    scn_scenario *s = scn_load_file(GOOD_DIR "/two-lang.yaml", &opts, &d);
    assert_non_null(s);
    assert_string_equal(s->id, "late-parcel");
    assert_int_equal(s->langs, (1u << SCORE_LANG_EN) | (1u << SCORE_LANG_FA));
    assert_int_equal(s->difficulty, 2);
    assert_int_equal(s->min_turns_to_resolve, 1);
    assert_string_equal(scn_text_get(&s->title, SCORE_LANG_EN), "The late parcel");
    assert_non_null(scn_text_get(&s->title, SCORE_LANG_FA));
    assert_int_equal(s->cannot_promise[1].n, 1);
    const scn_node *n = &s->nodes[s->start];
    assert_string_equal(n->id, "opening");
    assert_int_equal(n->wants, SCORE_WANTS_ACTION);
    assert_int_equal(n->n_branches, 3);
    assert_true(n->branches[1].tension == 2);
    assert_null(n->branches[2].when);
    assert_string_equal(s->nodes[n->branches[0].target].id, "sorted");
    assert_int_equal(s->nodes[s->breaking_point].ending, SCN_END_CHURNED);
    scn_free(s);
    s = scn_load_file(GOOD_DIR "/en-only.yaml", &opts, &d);
    assert_non_null(s);
    assert_int_equal(s->min_turns_to_resolve, -1);
    assert_null(scn_text_get(&s->title, SCORE_LANG_FA));
    scn_free(s);
    assert_int_equal(d.n, 0);
}

static void test_library(void **state)
{
    (void)state;
    scn_library lib = {0};
    scn_diags d = {0};
    const char *paths[] = {GOOD_DIR, GOOD_DIR "/two-lang.yaml", "no/such/dir"};
    size_t bad = scn_library_load(paths, 3, &opts, &lib, &d);
    assert_int_equal(bad, 2); /* the duplicate id and the missing folder */
    assert_int_equal(lib.n, 2);
    assert_non_null(scn_library_find(&lib, "late-parcel"));
    assert_null(scn_library_find(&lib, "nope"));
    assert_true(fx_has_diag(&d, "duplicate scenario id 'late-parcel': "
                             GOOD_DIR "/two-lang.yaml has it too"));
    assert_true(fx_has_diag(&d, "cannot open"));
    scn_library_free(&lib);
    scn_diags_free(&d);
}

static void test_default_dir(void **state)
{
    (void)state;
    setenv("HAMDEL_SCENARIOS", "/some/where", 1);
    assert_string_equal(scn_library_default_dir(), "/some/where");
    unsetenv("HAMDEL_SCENARIOS");
    assert_non_null(strstr(scn_library_default_dir(), "scenarios"));
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(scn_ending_name(SCN_END_RESOLVED), "resolved");
    assert_string_equal(scn_ending_name(SCN_END_CHURNED), "churned");
    char hello[] = "hello";
    scn_text t = {{hello, NULL}};
    assert_string_equal(scn_text_get(&t, SCORE_LANG_EN), "hello");
    assert_null(scn_text_get(&t, SCORE_LANG_FA));
}

/* ---- main: one test per data file, then the generated ones --------------------- */

int main(void)
{
    static struct CMUnitTest t[512];
    size_t n = 0;
    score_error err;
    rubric = score_rubric_load(SCORE_LANG_EN, NULL, 0, &err);
    opts.kind_ok = scn_rubric_kind_ok;
    opts.kind_ud = rubric;
    n = fx_add_dir(t, n, 500, BAD_DIR, test_bad_file);
    if (n < 25)
        fprintf(stderr, "only %zu bad fixtures in %s\n", n, BAD_DIR);
    n = fx_add_dir(t, n, 500, GOOD_DIR, test_good_file);
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_too_big), cmocka_unit_test(test_deep_generated),
        cmocka_unit_test(test_too_many_nodes), cmocka_unit_test(test_good_details),
        cmocka_unit_test(test_library), cmocka_unit_test(test_default_dir),
        cmocka_unit_test(test_names)};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        t[n++] = fixed[i];
    int rc = _cmocka_run_group_tests("scn_load", t, n, NULL, NULL);
    score_rubric_free(rubric);
    return rc;
}
