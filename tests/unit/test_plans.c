/*
 * test_plans.c - runs the test plans (tests/plans/NAME.yaml): playthroughs
 * written as data (tests/plans/README.md has the format).
 *
 * Each plan names a scenario (a library id or a file), a language and the
 * trainee's replies, and says what must come out: the node path, the
 * ending kind, bands on the report card's means, the number of turns. Every
 * plan is one cmocka test; it is played through the engine (engine.c) with
 * the built-in rubrics, exactly as `hamdel play` would, and every mismatch
 * is printed as "PLAN:LINE: ..." before the test fails, so a scenario
 * author sees all that changed at once. With no plans yet the suite passes
 * with a note.
 */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

#include "engine.h"
#include "scn.h"

#define TP_DIR TEST_DATA_DIR "/plans"
#define TP_MAX_PLANS 1024

/* A score band: lo <= v <= hi (strict ends for "> x" and "< x"). */
typedef struct {
    int dim; /* a score_dim, or SCORE_NDIM for overall */
    double lo, hi;
    int lo_strict, hi_strict;
    char src[64];
    int line;
} tp_band;

typedef struct {
    const char *file;
    int errors;
    char *scenario;
    int scenario_line;
    score_lang lang;
    char **replies;
    int *reply_lines;
    size_t n_replies;
    char **path;
    size_t n_path;
    int path_line;     /* 0: no path expected */
    int ending;        /* scn_ending, -1: not given */
    int ending_line;
    tp_band bands[SCORE_NDIM + 1];
    size_t n_bands;
    int turns, turns_line; /* turns -1: not given */
} tp_plan;

static score_rubric *tp_rubrics[3];

static void tp_err(tp_plan *p, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Every problem is printed with the plan's file and line, then counted. */
static void tp_err(tp_plan *p, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s:%d: ", p->file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    p->errors++;
}

static int tp_line(const yaml_node_t *n)
{
    return (int)n->start_mark.line + 1;
}

static const char *tp_scalar(tp_plan *p, const yaml_node_t *n, const char *what)
{
    if (n && n->type == YAML_SCALAR_NODE)
        return (const char *)n->data.scalar.value;
    tp_err(p, n ? tp_line(n) : 0, "%s must be a single value", what);
    return NULL;
}

/* A list of strings into *out; returns the count. */
static size_t tp_strings(tp_plan *p, yaml_document_t *d, const yaml_node_t *n,
                         const char *what, char ***out, int **lines)
{
    if (n->type != YAML_SEQUENCE_NODE) {
        tp_err(p, tp_line(n), "%s must be a list", what);
        return 0;
    }
    size_t k = 0, cap = (size_t)(n->data.sequence.items.top -
                                 n->data.sequence.items.start);
    *out = calloc(cap + 1, sizeof **out);
    if (lines)
        *lines = calloc(cap + 1, sizeof **lines);
    for (yaml_node_item_t *i = n->data.sequence.items.start;
         i < n->data.sequence.items.top; i++) {
        const yaml_node_t *x = yaml_document_get_node(d, *i);
        const char *s = tp_scalar(p, x, what);
        if (!s)
            continue;
        if (lines)
            (*lines)[k] = tp_line(x);
        (*out)[k++] = strdup(s);
    }
    return k;
}

static int tp_number(const char *s, double *v)
{
    char *end;
    while (*s == ' ')
        s++;
    errno = 0;
    *v = strtod(s, &end);
    if (end == s || errno)
        return -1;
    while (*end == ' ')
        end++;
    return *end ? -1 : 0;
}

/* ">= x", "> x", "<= x", "< x", "a..b" or a bare number (that value). */
static int tp_band_parse(const char *s, tp_band *b)
{
    double v;
    const char *dots = strstr(s, "..");
    b->lo = -1e9, b->hi = 1e9;
    b->lo_strict = b->hi_strict = 0;
    snprintf(b->src, sizeof b->src, "%s", s);
    if (dots) {
        char lo[64];
        size_t n = (size_t)(dots - s);
        if (n >= sizeof lo)
            return -1;
        memcpy(lo, s, n);
        lo[n] = '\0';
        return tp_number(lo, &b->lo) || tp_number(dots + 2, &b->hi) ? -1 : 0;
    }
    int ge = s[0] == '>', le = s[0] == '<', eq = s[1] == '=';
    if (!ge && !le)
        return tp_number(s, &v) ? -1 : (b->lo = b->hi = v, 0);
    if (tp_number(s + 1 + eq, &v))
        return -1;
    if (ge)
        b->lo = v, b->lo_strict = !eq;
    else
        b->hi = v, b->hi_strict = !eq;
    return 0;
}

static int tp_in_band(const tp_band *b, double v)
{
    const double eps = 1e-9; /* scores carry one decimal */
    if (b->lo_strict ? v <= b->lo + eps : v < b->lo - eps)
        return 0;
    if (b->hi_strict ? v >= b->hi - eps : v > b->hi + eps)
        return 0;
    return 1;
}

static void tp_scores(tp_plan *p, yaml_document_t *d, const yaml_node_t *n)
{
    if (n->type != YAML_MAPPING_NODE) {
        tp_err(p, tp_line(n), "scores must be a mapping like {overall: \">= 7\"}");
        return;
    }
    for (yaml_node_pair_t *i = n->data.mapping.pairs.start;
         i < n->data.mapping.pairs.top; i++) {
        const yaml_node_t *k = yaml_document_get_node(d, i->key);
        const yaml_node_t *v = yaml_document_get_node(d, i->value);
        const char *key = tp_scalar(p, k, "a score name");
        const char *val = tp_scalar(p, v, "a score band");
        if (!key || !val)
            continue;
        int dim = strcmp(key, "overall") == 0 ? SCORE_NDIM : score_dim_parse(key);
        tp_band *b = &p->bands[p->n_bands];
        if (dim < 0 || p->n_bands > SCORE_NDIM) {
            tp_err(p, tp_line(k), "unknown score '%s' (empathy, action, "
                   "honesty, boundaries or overall)", key);
        } else if (tp_band_parse(val, b) != 0) {
            tp_err(p, tp_line(v), "bad band '%s' (\">= x\", \"<= x\", "
                   "\"a..b\")", val);
        } else {
            b->dim = dim;
            b->line = tp_line(v);
            p->n_bands++;
        }
    }
}

static int tp_ending_parse(const char *s)
{
    for (int e = SCN_END_RESOLVED; e <= SCN_END_ENDED; e++)
        if (strcmp(s, scn_ending_name((scn_ending)e)) == 0)
            return e;
    return -1;
}

static void tp_expect_key(tp_plan *p, yaml_document_t *d, const char *key,
                          const yaml_node_t *v)
{
    const char *s;
    if (strcmp(key, "path") == 0) {
        p->n_path = tp_strings(p, d, v, "expect.path", &p->path, NULL);
        p->path_line = tp_line(v);
    } else if (strcmp(key, "ending") == 0) {
        if ((s = tp_scalar(p, v, "expect.ending")) &&
            (p->ending = tp_ending_parse(s)) < 0)
            tp_err(p, tp_line(v), "unknown ending '%s' (resolved, escalated, "
                   "churned or ended)", s);
        p->ending_line = tp_line(v);
    } else if (strcmp(key, "scores") == 0) {
        tp_scores(p, d, v);
    } else if (strcmp(key, "turns") == 0) {
        double t;
        if ((s = tp_scalar(p, v, "expect.turns")) &&
            (tp_number(s, &t) || t < 0 || t != (int)t))
            tp_err(p, tp_line(v), "turns must be a whole number, not '%s'", s);
        else if (s)
            p->turns = (int)t;
        p->turns_line = tp_line(v);
    } else {
        tp_err(p, tp_line(v), "unknown key expect.%s (path, ending, scores, "
               "turns)", key);
    }
}

/* Calls fn for each key/value of a mapping node. */
typedef void (*tp_pair_fn)(tp_plan *p, yaml_document_t *d, const char *key,
                           const yaml_node_t *v);

static void tp_each(tp_plan *p, yaml_document_t *d, const yaml_node_t *n,
                    const char *what, tp_pair_fn fn)
{
    if (!n || n->type != YAML_MAPPING_NODE) {
        tp_err(p, n ? tp_line(n) : 1, "%s must be a mapping", what);
        return;
    }
    for (yaml_node_pair_t *i = n->data.mapping.pairs.start;
         i < n->data.mapping.pairs.top; i++) {
        const char *key = tp_scalar(p, yaml_document_get_node(d, i->key), "a key");
        if (key)
            fn(p, d, key, yaml_document_get_node(d, i->value));
    }
}

static void tp_expect(tp_plan *p, yaml_document_t *d, const char *key,
                      const yaml_node_t *v)
{
    (void)key;
    tp_each(p, d, v, "expect", tp_expect_key);
}

static void tp_top_key(tp_plan *p, yaml_document_t *d, const char *key,
                       const yaml_node_t *v)
{
    const char *s;
    if (strcmp(key, "scenario") == 0) {
        if ((s = tp_scalar(p, v, "scenario")))
            p->scenario = strdup(s);
        p->scenario_line = tp_line(v);
    } else if (strcmp(key, "lang") == 0) {
        int l = (s = tp_scalar(p, v, "lang")) ? score_lang_parse(s) : -1;
        if (s && l != SCORE_LANG_EN && l != SCORE_LANG_FA)
            tp_err(p, tp_line(v), "lang must be en or fa, not '%s'", s);
        else if (s)
            p->lang = (score_lang)l;
    } else if (strcmp(key, "replies") == 0) {
        p->n_replies = tp_strings(p, d, v, "replies", &p->replies, &p->reply_lines);
    } else if (strcmp(key, "expect") == 0) {
        tp_expect(p, d, key, v);
    } else if (strcmp(key, "note") != 0) {
        tp_err(p, tp_line(v), "unknown key '%s' (scenario, lang, note, "
               "replies, expect)", key);
    }
}

/* Parse the plan file; 0 when it can be played. */
static int tp_load(tp_plan *p, const char *file)
{
    memset(p, 0, sizeof *p);
    p->file = file;
    p->lang = SCORE_LANG_EN;
    p->ending = p->turns = -1;
    FILE *f = fopen(file, "rb");
    if (!f) {
        tp_err(p, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    yaml_parser_t y;
    yaml_document_t d;
    yaml_parser_initialize(&y);
    yaml_parser_set_input_file(&y, f);
    if (!yaml_parser_load(&y, &d)) {
        tp_err(p, (int)y.problem_mark.line + 1, "YAML: %s", y.problem);
    } else {
        tp_each(p, &d, yaml_document_get_root_node(&d), "a plan", tp_top_key);
        yaml_document_delete(&d);
    }
    yaml_parser_delete(&y);
    fclose(f);
    if (!p->errors && !p->scenario)
        tp_err(p, 1, "no scenario: (an id or a file)");
    if (!p->errors && p->n_replies == 0)
        tp_err(p, 1, "no replies:");
    if (!p->errors && !p->path_line && p->ending < 0 && !p->n_bands &&
        p->turns < 0)
        tp_err(p, 1, "nothing to check: give expect.path, ending, scores or turns");
    return p->errors ? -1 : 0;
}

static void tp_free(tp_plan *p)
{
    for (size_t i = 0; i < p->n_replies; i++)
        free(p->replies[i]);
    for (size_t i = 0; i < p->n_path; i++)
        free(p->path[i]);
    free(p->replies);
    free(p->reply_lines);
    free(p->path);
    free(p->scenario);
}

static int tp_kind_ok(const char *kind, void *ud)
{
    (void)ud;
    return score_rubric_has_kind(tp_rubrics[SCORE_LANG_EN], kind) ||
           score_rubric_has_kind(tp_rubrics[SCORE_LANG_FA], kind);
}

/* A scenario file: relative to the plan's folder. */
static scn_scenario *tp_load_file(tp_plan *p, const char *name, scn_diags *d,
                                  const scn_opts *o)
{
    char path[4096];
    const char *slash = strrchr(p->file, '/');
    if (name[0] == '/' || !slash)
        snprintf(path, sizeof path, "%s", name);
    else
        snprintf(path, sizeof path, "%.*s/%s", (int)(slash - p->file), p->file,
                 name);
    return scn_load_file(path, o, d);
}

static scn_library tp_lib;
static scn_diags tp_lib_diags;
static int tp_lib_loaded;

/* The library, loaded once for all plans. */
static const scn_scenario *tp_library_find(const char *id)
{
    if (!tp_lib_loaded) {
        scn_opts o = {tp_kind_ok, NULL};
        const char *dir = scn_library_default_dir();
        scn_library_load(&dir, 1, &o, &tp_lib, &tp_lib_diags);
        tp_lib_loaded = 1;
    }
    return scn_library_find(&tp_lib, id);
}

/* The plan's scenario, or NULL; *own is set when the caller must free it
 * (a file of its own rather than a library scenario). */
static const scn_scenario *tp_scenario(tp_plan *p, scn_scenario **own)
{
    scn_opts o = {tp_kind_ok, NULL};
    scn_diags d = {0};
    size_t n = strlen(p->scenario);
    *own = NULL;
    if (strchr(p->scenario, '/') || (n > 5 && !strcmp(p->scenario + n - 5, ".yaml")))
        *own = tp_load_file(p, p->scenario, &d, &o);
    else if (tp_library_find(p->scenario))
        return tp_library_find(p->scenario);
    const scn_diags *show = *own || d.n ? &d : &tp_lib_diags;
    for (size_t i = 0; !*own && i < show->n; i++)
        tp_err(p, p->scenario_line, "scenario %s:%d:%d: %s", show->v[i].file,
               show->v[i].line, show->v[i].col, show->v[i].msg);
    if (!*own)
        tp_err(p, p->scenario_line, "cannot load scenario '%s'", p->scenario);
    scn_diags_free(&d);
    return *own;
}

/* Feed the replies; a reply after the ending is a mismatch too. */
static void tp_play(tp_plan *p, eng_session *e)
{
    for (size_t i = 0; i < p->n_replies; i++) {
        if (eng_done(e)) {
            tp_err(p, p->reply_lines[i], "the conversation already ended "
                   "(%s at %s); replies from here on are never used",
                   scn_ending_name(eng_ending(e)), eng_node(e)->id);
            return;
        }
        const eng_turn *t;
        int rc = eng_reply(e, p->replies[i], strlen(p->replies[i]), &t);
        if (rc != SCORE_OK)
            tp_err(p, p->reply_lines[i], "the scorer refused this reply "
                   "(code %d)", rc);
    }
}

static void tp_check_path(tp_plan *p, const eng_session *e)
{
    size_t max = eng_n_turns(e) + 1, n;
    const char **ids = malloc(max * sizeof *ids);
    n = eng_path(e, ids, max);
    int same = n == p->n_path;
    for (size_t i = 0; same && i < n; i++)
        same = strcmp(ids[i], p->path[i]) == 0;
    if (!same) {
        fprintf(stderr, "%s:%d: path: expected [", p->file, p->path_line);
        for (size_t i = 0; i < p->n_path; i++)
            fprintf(stderr, "%s%s", i ? ", " : "", p->path[i]);
        fputs("], got [", stderr);
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, "%s%s", i ? ", " : "", ids[i]);
        fputs("]\n", stderr);
        p->errors++;
    }
    free(ids);
}

static void tp_check(tp_plan *p, const eng_session *e)
{
    if (p->path_line)
        tp_check_path(p, e);
    if (p->ending >= 0 && (int)eng_ending(e) != p->ending)
        tp_err(p, p->ending_line, "ending: expected %s, got %s (at %s)",
               scn_ending_name((scn_ending)p->ending),
               eng_done(e) ? scn_ending_name(eng_ending(e)) : "no ending",
               eng_node(e)->id);
    if (p->turns >= 0 && (size_t)p->turns != eng_n_turns(e))
        tp_err(p, p->turns_line, "turns: expected %d, got %zu", p->turns,
               eng_n_turns(e));
    eng_card c;
    eng_report(e, &c);
    for (size_t i = 0; i < p->n_bands; i++) {
        const tp_band *b = &p->bands[i];
        double v = b->dim == SCORE_NDIM ? c.overall : c.mean[b->dim];
        const char *name = b->dim == SCORE_NDIM ? "overall"
                                                : score_dim_name((score_dim)b->dim);
        if (!tp_in_band(b, v))
            tp_err(p, b->line, "scores.%s: expected %s, got %.2f", name,
                   b->src, v);
    }
}

static void tp_run(void **state)
{
    const char *file = *state;
    tp_plan p;
    if (tp_load(&p, file) == 0) {
        scn_scenario *own;
        const scn_scenario *s = tp_scenario(&p, &own);
        if (s && !(s->langs & (1u << p.lang)))
            tp_err(&p, 1, "scenario '%s' has no '%s' text",
                   s->id, score_lang_name(p.lang));
        else if (s) {
            eng_session *e = eng_start(s, p.lang, tp_rubrics[p.lang]);
            tp_play(&p, e);
            tp_check(&p, e);
            eng_free(e);
        }
        if (own)
            scn_free(own);
    }
    int errors = p.errors;
    tp_free(&p);
    if (errors)
        fail_msg("%s: %d mismatch(es), listed above", file, errors);
}

static int tp_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .yaml files of tests/plans, sorted; returns the count. */
static size_t tp_find(char **files, size_t max)
{
    size_t n = 0;
    DIR *dir = opendir(TP_DIR);
    if (!dir)
        return 0;
    /* HAMDEL_PLANS=PREFIX runs only the plans whose file name starts with
     * it: a scenario author's loop while writing one scenario. */
    const char *only = getenv("HAMDEL_PLANS");
    struct dirent *de;
    while ((de = readdir(dir)) != NULL && n < max) {
        size_t len = strlen(de->d_name);
        if (de->d_name[0] == '.' || len < 6 ||
            strcmp(de->d_name + len - 5, ".yaml") != 0)
            continue;
        if (only && *only && strncmp(de->d_name, only, strlen(only)) != 0)
            continue;
        files[n] = malloc(sizeof TP_DIR + len + 1);
        sprintf(files[n++], "%s/%s", TP_DIR, de->d_name);
    }
    closedir(dir);
    qsort(files, n, sizeof *files, tp_cmp);
    return n;
}

static int tp_setup(void **state)
{
    (void)state;
    score_error err;
    for (int l = SCORE_LANG_EN; l <= SCORE_LANG_FA; l++) {
        memset(&err, 0, sizeof err);
        tp_rubrics[l] = score_rubric_load((score_lang)l, NULL, 0, &err);
        if (!tp_rubrics[l])
            return -1;
    }
    return 0;
}

static int tp_teardown(void **state)
{
    (void)state;
    if (tp_lib_loaded) {
        scn_library_free(&tp_lib);
        scn_diags_free(&tp_lib_diags);
    }
    for (int l = 0; l < 3; l++)
        score_rubric_free(tp_rubrics[l]);
    return 0;
}

static void tp_none(void **state)
{
    (void)state;
    print_message("no test plans in " TP_DIR " yet: nothing to run\n");
}

int main(void)
{
    static char *files[TP_MAX_PLANS];
    static struct CMUnitTest tests[TP_MAX_PLANS];
    size_t n = tp_find(files, TP_MAX_PLANS);
    for (size_t i = 0; i < n; i++) {
        tests[i].name = files[i];
        tests[i].test_func = tp_run;
        tests[i].initial_state = files[i];
    }
    if (n == 0) {
        tests[0].name = "no plans (skipped)";
        tests[0].test_func = tp_none;
        n = 1;
    }
    int rc = _cmocka_run_group_tests("plans", tests, n, tp_setup, tp_teardown);
    for (size_t i = 0; i < TP_MAX_PLANS; i++)
        free(files[i]);
    return rc;
}
