/*
 * test_library.c - what the shipped scenario library promises a trainer
 * (issue 5), one cmocka test per scenario in scenarios/:
 *
 * - it loads cleanly and lists both English and Persian;
 * - its best path is a real conversation: min_turns_to_resolve >= 3;
 * - it has at least two kinds of ending;
 * - every customer node has a hint and a model answer, in every language;
 * - every model answer, graded in its node's context (models.c, the same
 *   walk as `hamdel lint --models`), scores at least MDL_MIN_OVERALL and
 *   takes the node's best way on (no bad ending, the least tension);
 * - it has a strong, a weak and a mistake plan per language
 *   (tests/plans/ID-LANG-KIND.yaml), the strong one expecting `resolved`
 *   and the weak one `churned` or `escalated`. The plans themselves are
 *   played by test_plans.c;
 * - trainers can find it: docs/scenarios.md has its catalogue paragraph
 *   (the anchor <a id="ID"></a>).
 *
 * Every broken promise is printed with the scenario's file and line before
 * the test fails, so an author sees the whole list at once.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

#include "models.h"
#include "util.h"
#include "scn.h"

#define TL_MIN_TURNS 3
#define TL_MAX 256

static score_rubric *tl_rubrics[2];
static scn_library tl_lib;
static scn_diags tl_diags;

static int tl_kind_ok(const char *kind, void *ud)
{
    (void)ud;
    return score_rubric_has_kind(tl_rubrics[0], kind);
}

/* The branch a model answer took, when it is not the node's best way on. */
static int tl_calms(const mdl_grade *g)
{
    if (!g->stray)
        return 1;
    const scn_node *n = &g->s->nodes[g->node];
    if (g->branch < 0) {
        fprintf(stderr, "%s:%d:%d: model answer of '%s' (%s) matches no branch\n",
                g->s->path, n->line, n->col, n->id, g->lang == SCORE_LANG_FA ? "fa" : "en");
        return 0;
    }
    const scn_branch *b = &n->branches[g->branch];
    fprintf(stderr, "%s:%d:%d: model answer of '%s' (%s) takes the branch at line %d "
            "(tension %+g, to '%s'), not the node's best way on\n",
            g->s->path, n->line, n->col, n->id, g->lang == SCORE_LANG_FA ? "fa" : "en",
            b->line, b->tension, b->go);
    return 0;
}

static void tl_low(const mdl_grade *g, void *ud)
{
    int *bad = ud;
    if (!tl_calms(g))
        (*bad)++;
    if (!g->low)
        return;
    char why[2048];
    mdl_describe(g, why, sizeof why);
    const scn_node *n = &g->s->nodes[g->node];
    fprintf(stderr, "%s:%d:%d: model answer of '%s' (%s) scores under %.0f: %s\n",
            g->s->path, n->line, n->col, n->id,
            g->lang == SCORE_LANG_FA ? "fa" : "en", MDL_MIN_OVERALL, why);
    (*bad)++;
}

/* The value of expect.ending in a plan file, or "" (missing file: NULL). */
static const char *tl_plan_ending(const char *path, char *out, size_t len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    yaml_parser_t p;
    yaml_document_t doc;
    out[0] = '\0';
    yaml_parser_initialize(&p);
    yaml_parser_set_input_file(&p, f);
    if (yaml_parser_load(&p, &doc)) {
        yaml_node_t *root = yaml_document_get_root_node(&doc);
        for (yaml_node_pair_t *kv = root && root->type == YAML_MAPPING_NODE
                                        ? root->data.mapping.pairs.start : NULL;
             kv && kv < root->data.mapping.pairs.top; kv++) {
            yaml_node_t *k = yaml_document_get_node(&doc, kv->key);
            yaml_node_t *v = yaml_document_get_node(&doc, kv->value);
            if (k->type != YAML_SCALAR_NODE || strcmp((char *)k->data.scalar.value, "expect") ||
                v->type != YAML_MAPPING_NODE)
                continue;
            for (yaml_node_pair_t *e = v->data.mapping.pairs.start;
                 e < v->data.mapping.pairs.top; e++) {
                yaml_node_t *ek = yaml_document_get_node(&doc, e->key);
                yaml_node_t *ev = yaml_document_get_node(&doc, e->value);
                if (ek->type == YAML_SCALAR_NODE && ev->type == YAML_SCALAR_NODE &&
                    strcmp((char *)ek->data.scalar.value, "ending") == 0)
                    snprintf(out, len, "%s", (char *)ev->data.scalar.value);
            }
        }
        yaml_document_delete(&doc);
    }
    yaml_parser_delete(&p);
    fclose(f);
    return out;
}

static int tl_plans(const scn_scenario *s)
{
    static const char *const langs[2] = {"en", "fa"};
    static const char *const kinds[3] = {"strong", "weak", "mistake"};
    int bad = 0;
    for (int l = 0; l < 2; l++)
        for (int k = 0; k < 3; k++) {
            char path[512], end[32];
            snprintf(path, sizeof path, TEST_DATA_DIR "/plans/%s-%s-%s.yaml", s->id,
                     langs[l], kinds[k]);
            const char *e = tl_plan_ending(path, end, sizeof end);
            if (!e) {
                fprintf(stderr, "%s: %s: no %s plan in %s (%s)\n", s->path, s->id,
                        kinds[k], langs[l], path);
                bad++;
            } else if ((k == 0 && strcmp(e, "resolved") != 0) ||
                       (k == 1 && strcmp(e, "churned") != 0 && strcmp(e, "escalated") != 0)) {
                fprintf(stderr, "%s: the %s plan must expect %s, not '%s'\n", path,
                        kinds[k], k == 0 ? "resolved" : "churned or escalated", e);
                bad++;
            }
        }
    return bad;
}

static int tl_nodes(const scn_scenario *s)
{
    static const score_lang langs[2] = {SCORE_LANG_EN, SCORE_LANG_FA};
    int bad = 0;
    unsigned kinds = 0;
    for (size_t i = 0; i < s->n_nodes; i++) {
        const scn_node *n = &s->nodes[i];
        if (n->ending != SCN_END_NONE) {
            kinds |= 1u << n->ending;
            continue;
        }
        for (int l = 0; l < 2; l++)
            if (!scn_text_get(&n->hint, langs[l]) || !scn_text_get(&n->model_answer, langs[l])) {
                fprintf(stderr, "%s:%d:%d: node '%s' needs a hint and a model answer in %s\n",
                        s->path, n->line, n->col, n->id, l ? "fa" : "en");
                bad++;
            }
    }
    if (__builtin_popcount(kinds) < 2) {
        fprintf(stderr, "%s: %s has one kind of ending; a trainee needs at least two\n",
                s->path, s->id);
        bad++;
    }
    return bad;
}

static char *tl_guide; /* docs/scenarios.md, for the catalogue check */

static int tl_catalogue(const scn_scenario *s)
{
    char anchor[160];
    snprintf(anchor, sizeof anchor, "<a id=\"%s\"></a>", s->id);
    if (tl_guide && strstr(tl_guide, anchor))
        return 0;
    fprintf(stderr, "docs/scenarios.md: %s has no catalogue paragraph (%s)\n", s->id, anchor);
    return 1;
}

static void tl_scenario(void **state)
{
    const scn_scenario *s = *state;
    int bad = 0;
    unsigned both = (1u << SCORE_LANG_EN) | (1u << SCORE_LANG_FA);
    if ((s->langs & both) != both) {
        fprintf(stderr, "%s: %s must be written in both en and fa\n", s->path, s->id);
        bad++;
    }
    if (s->min_turns_to_resolve < TL_MIN_TURNS) {
        fprintf(stderr, "%s: %s resolves in %d replies; the shortest resolved path must take %d\n",
                s->path, s->id, s->min_turns_to_resolve, TL_MIN_TURNS);
        bad++;
    }
    bad += tl_nodes(s);
    mdl_walk(s, (const score_rubric *const *)tl_rubrics, MDL_MIN_OVERALL, tl_low, &bad);
    bad += tl_plans(s);
    bad += tl_catalogue(s);
    assert_int_equal(bad, 0);
}

/* What the library must hold for a two-week onboarding (issue 5). */
static void tl_sixteen(void **state)
{
    (void)state;
    static const char *const ids[] = {
        "broken-tv", "backorder", "feature-no", "update-broke-settings",
        "abusive-double-charge", "wants-manager", "close-account", "owner-change",
        "hate-the-update", "late-wrong-item", "out-of-stock-elsewhere",
        "outage-unknown", "told-three-times", "needs-other-team", "not-tech-savvy",
        "deadlock-refund"};
    int missing = 0;
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
        if (!scn_library_find(&tl_lib, ids[i])) {
            fprintf(stderr, "scenarios/: no scenario '%s'\n", ids[i]);
            missing++;
        }
    assert_int_equal(missing, 0);
}

static void tl_load_errors(void **state)
{
    (void)state;
    scn_diags_print(&tl_diags, stderr);
    assert_int_equal(tl_diags.n, 0);
}

int main(void)
{
    score_error err;
    tl_rubrics[0] = score_rubric_load(SCORE_LANG_EN, NULL, 0, &err);
    tl_rubrics[1] = score_rubric_load(SCORE_LANG_FA, NULL, 0, &err);
    if (!tl_rubrics[0] || !tl_rubrics[1]) {
        fprintf(stderr, "cannot load the built-in rubrics: %s\n", err.msg);
        return 1;
    }
    size_t glen;
    int more, opened;
    tl_guide = util_read_file("docs/scenarios.md", 1u << 22, &glen, &more, &opened);
    const char *dir = "scenarios";
    scn_opts o = {tl_kind_ok, NULL};
    scn_library_load(&dir, 1, &o, &tl_lib, &tl_diags);
    static struct CMUnitTest tests[TL_MAX + 2];
    size_t n = 0;
    tests[n++] = (struct CMUnitTest){"the library loads", tl_load_errors, NULL, NULL, NULL};
    tests[n++] = (struct CMUnitTest){"the sixteen scenarios", tl_sixteen, NULL, NULL, NULL};
    for (size_t i = 0; i < tl_lib.n && n <= TL_MAX; i++)
        tests[n++] = (struct CMUnitTest){tl_lib.v[i]->id, tl_scenario, NULL, NULL,
                                         tl_lib.v[i]};
    int rc = _cmocka_run_group_tests("library", tests, n, NULL, NULL);
    scn_library_free(&tl_lib);
    scn_diags_free(&tl_diags);
    score_rubric_free(tl_rubrics[0]);
    score_rubric_free(tl_rubrics[1]);
    free(tl_guide);
    return rc;
}
