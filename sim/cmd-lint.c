/*
 * cmd-lint.c - `hamdel lint`: check scenario and track files the way an
 * author needs.
 *
 * Loads the given files and folders (default: the scenario library and the
 * track library) through the one loader of each (scn-load.c, scn-lib.c;
 * track-load.c), so lint accepts exactly what `play` and `track` accept,
 * with conditions checked against the built-in rubric's finding kinds and
 * tracks against the scenarios. A file is a track when it lies in a folder
 * named `tracks` or has a top-level `steps:` key (trk_is_track_file). Every problem is printed as FILE:LINE:COL: message, the
 * form editors and CI annotate; --json gives the same as one document for
 * tools. Exit 65 when any file has a problem, 66 when a path is missing.
 */
#include "cmd.h"
#include "engine.h"
#include "models.h"
#include "json-out.h"
#include "scn.h"
#include "track.h"
#include "i18n.h"
#include "util.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int lint_file_ok(const scn_diags *d, const char *file)
{
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(d->v[i].file, file) == 0)
            return 0;
    return 1;
}

static json_t *lint_json_errors(const scn_diags *d)
{
    json_t *errs = json_array();
    for (size_t i = 0; i < d->n; i++) {
        const scn_diag *g = &d->v[i];
        json_t *e = json_object();
        json_object_set_new(e, "file", json_string(g->file));
        json_object_set_new(e, "line", g->line ? json_integer(g->line) : json_null());
        json_object_set_new(e, "col", g->line ? json_integer(g->col) : json_null());
        json_object_set_new(e, "message", json_string(g->msg));
        json_array_append_new(errs, e);
    }
    return errs;
}

/* The files of one lint run: scenarios and tracks, and what loaded. */
typedef struct {
    scn_strings files; /* every file, in the order given */
    char *is_track;    /* per file */
    scn_library lib;
    trk_library tracks;
    size_t n_tracks;
} lint_set;

static const char *lint_id(const lint_set *L, size_t i)
{
    const char *f = L->files.v[i];
    for (size_t j = 0; !L->is_track[i] && j < L->lib.n; j++)
        if (strcmp(L->lib.v[j]->path, f) == 0)
            return L->lib.v[j]->id;
    for (size_t j = 0; L->is_track[i] && j < L->tracks.n; j++)
        if (strcmp(L->tracks.v[j]->path, f) == 0)
            return L->tracks.v[j]->id;
    return NULL;
}

static void lint_json(const lint_set *L, const scn_diags *d, int ok, json_t *models)
{
    json_t *root = json_object(), *arr = json_array();
    const scn_strings *files = &L->files;
    for (size_t i = 0; i < files->n; i++) {
        json_t *f = json_object();
        const char *id = lint_id(L, i);
        json_object_set_new(f, "file", json_string(files->v[i]));
        json_object_set_new(f, "ok", json_boolean(lint_file_ok(d, files->v[i])));
        json_object_set_new(f, "id", id ? json_string(id) : json_null());
        json_object_set_new(f, "kind", json_string(L->is_track[i] ? "track" : "scenario"));
        json_array_append_new(arr, f);
    }
    json_object_set_new(root, "ok", json_boolean(ok));
    json_object_set_new(root, "files", arr);
    json_object_set_new(root, "errors", lint_json_errors(d));
    if (models)
        json_object_set_new(root, "models", models);
    jsonout_print(root, stdout);
    json_decref(root);
}

static void lint_summary(const lint_set *L, const scn_diags *d)
{
    const scn_strings *files = &L->files;
    size_t bad = 0, scenarios = files->n - L->n_tracks;
    for (size_t i = 0; i < files->n; i++)
        bad += !lint_file_ok(d, files->v[i]);
    if (bad == 0) {
        if (scenarios || !L->n_tracks)
            util_warn(ngettext("lint: %zu scenario file ok",
                               "lint: %zu scenario files ok", scenarios), scenarios);
        if (L->n_tracks)
            util_warn(ngettext("lint: %zu track file ok",
                               "lint: %zu track files ok", L->n_tracks), L->n_tracks);
        return;
    }
    char probs[64], where[64];
    snprintf(probs, sizeof probs,
             ngettext("%zu problem", "%zu problems", d->n), d->n);
    snprintf(where, sizeof where,
             ngettext("%zu of %zu file", "%zu of %zu files", files->n), bad,
             files->n);
    /* TRANSLATORS: "lint: 3 problems in 2 of 5 files" */
    util_warn(_("lint: %s in %s"), probs, where);
}

/* Returns -1 to go on, or an exit status. Paths are left in argv[*first..]. */
static int lint_args(int argc, char **argv, int *json, int *models, int *first)
{
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        if (strcmp(argv[i], "--json") == 0 || strcmp(argv[i], "-j") == 0) {
            *json = 1;
        } else if (strcmp(argv[i], "--models") == 0 || strcmp(argv[i], "-m") == 0) {
            *models = 1;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            cmd_print_help(&cmd_lint, stdout);
            return UTIL_EX_OK;
        } else {
            return cmd_usage_error(&cmd_lint, _("lint: unknown option '%s'"), argv[i]);
        }
    }
    *first = i;
    for (; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            util_warn("%s: %s", argv[i], strerror(errno));
            return UTIL_EX_NOINPUT;
        }
    }
    return -1;
}

/* --models: every model answer graded in its node's context (models.c);
 * those under MDL_MIN_OVERALL become problems at their node. */
typedef struct {
    scn_diags *d;
    json_t *arr; /* --json: every graded answer */
    size_t graded;
    double lowest;
} lint_models;

static void lint_model_seen(const mdl_grade *g, void *ud)
{
    lint_models *m = ud;
    const scn_node *n = &g->s->nodes[g->node];
    const char *lang = g->lang == SCORE_LANG_FA ? "fa" : "en";
    char why[2048];
    mdl_describe(g, why, sizeof why);
    m->graded++;
    if (g->res->overall < m->lowest)
        m->lowest = g->res->overall;
    if (g->low)
        scn_diags_add(m->d, g->s->path, n->line, n->col,
                      _("model answer of node '%s' (%s) scores under %.0f: %s"),
                      n->id, lang, MDL_MIN_OVERALL, why);
    if (g->stray && g->branch >= 0) {
        const scn_branch *b = &n->branches[g->branch];
        scn_diags_add(m->d, g->s->path, b->line, b->col,
                      _("model answer of node '%s' (%s) takes this branch (tension %+g, to '%s'), "
                        "not the node's best way on: %s"),
                      n->id, lang, b->tension, b->go, why);
    } else if (g->stray) {
        scn_diags_add(m->d, g->s->path, n->line, n->col,
                      _("model answer of node '%s' (%s) matches no branch: %s"), n->id, lang, why);
    }
    if (m->arr) {
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(g->s->id));
        json_object_set_new(o, "node", json_string(n->id));
        json_object_set_new(o, "lang", json_string(lang));
        json_object_set_new(o, "overall", json_real(g->res->overall));
        json_object_set_new(o, "ok", json_boolean(!g->low && !g->stray));
        json_object_set_new(o, "branch_line",
                            g->branch >= 0 ? json_integer(n->branches[g->branch].line)
                                           : json_null());
        json_array_append_new(m->arr, o);
    }
}

static void lint_models_run(const scn_library *lib, const score_rubric *const rb[2],
                            lint_models *m)
{
    for (size_t i = 0; i < lib->n; i++)
        mdl_walk(lib->v[i], rb, MDL_MIN_OVERALL, lint_model_seen, m);
}

/* Load the scenarios, then the tracks against them and the scenario
 * library (whose own problems are not this run's business unless it is
 * linted too); a scenario linted here wins over the library's of its id. */
static void lint_load(lint_set *L, const scn_opts *o, scn_diags *d)
{
    scn_strings scn = {0}, trk = {0};
    L->is_track = util_xmalloc(L->files.n + 1);
    for (size_t i = 0; i < L->files.n; i++) {
        L->is_track[i] = (char)trk_is_track_file(L->files.v[i]);
        scn_strings *to = L->is_track[i] ? &trk : &scn;
        to->v = util_xrealloc(to->v, (to->n + 1) * sizeof *to->v);
        to->v[to->n++] = L->files.v[i];
    }
    L->n_tracks = trk.n;
    if (scn.n)
        scn_library_load((const char *const *)scn.v, scn.n, o, &L->lib, d);
    if (trk.n) {
        scn_diags ignored = {0};
        scn_library deflib = {0}, view = {0};
        const char *def = scn_library_default_dir();
        scn_library_load(&def, 1, o, &deflib, &ignored);
        view.v = util_xmalloc((L->lib.n + deflib.n + 1) * sizeof *view.v);
        for (size_t i = 0; i < L->lib.n; i++)
            view.v[view.n++] = L->lib.v[i];
        for (size_t i = 0; i < deflib.n; i++)
            if (!scn_library_find(&L->lib, deflib.v[i]->id))
                view.v[view.n++] = deflib.v[i];
        trk_library_load((const char *const *)trk.v, trk.n, &view, &L->tracks, d);
        free(view.v); /* the scenarios belong to the two libraries */
        scn_library_free(&deflib);
        scn_diags_free(&ignored);
    }
    free(scn.v); /* the strings belong to L->files */
    free(trk.v);
}

static int lint_run(const char *const *paths, size_t n, int json,
                    const score_rubric *const *models, const scn_opts *o)
{
    scn_diags d = {0};
    lint_set L;
    memset(&L, 0, sizeof L);
    int rc = UTIL_EX_OK;
    scn_library_files(paths, n, &L.files, &d);
    if (L.files.n == 0 && d.n == 0) {
        util_warn(_("no scenario files (*.yaml, *.yml) in %s"), paths[0]);
        rc = UTIL_EX_NOINPUT;
    } else {
        lint_load(&L, o, &d);
        lint_models m = {&d, models && json ? json_array() : NULL, 0, 10.0};
        if (models)
            lint_models_run(&L.lib, models, &m);
        rc = d.n ? UTIL_EX_DATAERR : UTIL_EX_OK;
        if (json) {
            lint_json(&L, &d, d.n == 0, m.arr);
        } else {
            scn_diags_print(&d, stderr);
            lint_summary(&L, &d);
            if (models)
                /* TRANSLATORS: "lint: 120 model answers graded, lowest 8.1" */
                util_warn(_("lint: %zu model answers graded, lowest %.1f"),
                          m.graded, m.graded ? m.lowest : 0.0);
        }
    }
    scn_library_free(&L.lib);
    trk_library_free(&L.tracks);
    scn_strings_free(&L.files);
    free(L.is_track);
    scn_diags_free(&d);
    return rc;
}

static int lint_main(int argc, char **argv)
{
    int json = 0, models = 0, first = 1;
    int rc = lint_args(argc, argv, &json, &models, &first);
    if (rc >= 0)
        return rc;
    /* By default the scenario library and, when there is one, the tracks. */
    struct stat st;
    const char *def[2] = {scn_library_default_dir(), trk_library_default_dir()};
    size_t ndef = stat(def[1], &st) == 0 && S_ISDIR(st.st_mode) ? 2 : 1;
    const char *const *paths = first < argc ? (const char *const *)argv + first : def;
    size_t n = first < argc ? (size_t)(argc - first) : ndef;
    score_error err;
    score_rubric *r = score_rubric_load(SCORE_LANG_EN, NULL, 0, &err);
    if (!r)
        util_die(UTIL_EX_SOFTWARE, _("cannot load the built-in rubric: %s"), err.msg);
    /* The built-in kinds are the same in both languages: one rubric. */
    scn_opts o = {scn_rubric_kind_ok, r};
    score_rubric *fa = models ? score_rubric_load(SCORE_LANG_FA, NULL, 0, &err) : NULL;
    if (models && !fa)
        util_die(UTIL_EX_SOFTWARE, _("cannot load the built-in rubric: %s"), err.msg);
    const score_rubric *const rb[2] = {r, fa};
    rc = lint_run(paths, n, json, models ? rb : NULL, &o);
    score_rubric_free(fa);
    score_rubric_free(r);
    return rc;
}

const struct cmd_entry cmd_lint = {
    .name = "lint",
    .fn = lint_main,
    .summary = N_("check scenario and track files: YAML, keys, languages, graph, conditions"),
    .usage = "hamdel lint [--json] [--models] [FILE|DIR ...]",
    .help =
        N_("Checks scenario files (docs/scenarios.md) and track files\n"
        "(docs/tracks.md) and prints every problem of every file as\n"
        "FILE:LINE:COL: message on stderr, then a summary. Without arguments\n"
        "it checks the scenario library ($HAMDEL_SCENARIOS, else ./scenarios,\n"
        "else the installed one) and the tracks ('hamdel help track' says\n"
        "where). A folder means its *.yaml and *.yml files. A file is a track\n"
        "when it lies in a folder named 'tracks' or has a top-level 'steps:'\n"
        "key. Tracks are checked against the scenarios linted with them and\n"
        "the scenario library: every step's scenario must exist in the step's\n"
        "language, step ids must be unique and 'after' must name steps\n"
        "of the track without a cycle.\n"
        "\n"
        "It checks the YAML itself (syntax, duplicate keys, no anchors or\n"
        "aliases, nesting, size, UTF-8), keys, types and ranges, that every\n"
        "text exists in every listed language and holds no control characters\n"
        "or terminal escapes, that conditions parse and name real scores and\n"
        "finding kinds, that every goto exists, every node is reachable and\n"
        "can reach an ending, and that ids are unique across the files.\n"
        "\n"
        "Options:\n"
        "  -m, --models  also grade every node's model answer in that node's\n"
        "                context (its wants, the facts, the starting tension);\n"
        "                one under 8 overall is a problem at its node, with\n"
        "                the scores and the findings that cost points, and so\n"
        "                is one whose branch leads to a churned or escalated\n"
        "                ending or raises tension more than another would\n"
        "  -j, --json    one JSON document on stdout instead:\n"
        "                {\"ok\", \"files\": [{\"file\", \"ok\", \"id\", \"kind\"}],\n"
        "                 \"errors\": [{\"file\", \"line\", \"col\", \"message\"}],\n"
        "                 with --models \"models\": [{\"id\", \"node\", \"lang\",\n"
        "                 \"overall\", \"ok\", \"branch_line\"}]}\n"
        "\n"
        "Exit status: 0 all files valid, 64 usage, 65 a file has problems,\n"
        "66 a path or the library is missing.\n"),
};
