/*
 * cmd-track.c - `hamdel track`: the training tracks (docs/tracks.md).
 *
 * `track list` lists the tracks of the track library (trk_library_default_dir)
 * and `track show ID` prints one: its title, summary and pass mark, then a
 * table of the steps (day, scenario, language, pass mark, which steps it
 * comes after, the scenario's title) that fits the terminal. Both check the
 * tracks against the scenario library through the one loader
 * (track-load.c), so they accept exactly what `lint` accepts; --json gives
 * the same as one document.
 *
 * `--trainee NAME` shows progress: the progress store (store.h) gives the
 * trainee's finished sessions as trk_result rows, and track_progress()
 * turns them into the status column with trk_status_compute.
 */
#include "cmd.h"
#include "i18n.h"
#include "json-out.h"
#include "scn.h"
#include "store.h"
#include "term.h"
#include "track.h"
#include "util.h"
#include "view.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    int json;
    score_lang lang;       /* titles in this language */
    const char *trainee;   /* --trainee NAME, or NULL */
    const char *id;        /* show: the track */
} track_opts;

/* Both libraries, loaded once. Returns the number of files with problems. */
typedef struct {
    score_rubric *rubric;
    scn_library scn;
    trk_library trk;
    scn_diags d;
    size_t bad;
} track_libs;

/* 0, or UTIL_EX_NOINPUT when there is no tracks folder (said so). */
static int track_libs_load(track_libs *L)
{
    score_error err;
    struct stat st;
    memset(L, 0, sizeof *L);
    const char *sdir = scn_library_default_dir(), *tdir = trk_library_default_dir();
    if (stat(tdir, &st) != 0) {
        util_warn(_("track: cannot open the tracks folder %s: %s (HAMDEL_TRACKS "
                    "names another)"), tdir, strerror(errno));
        return UTIL_EX_NOINPUT;
    }
    L->rubric = score_rubric_load(SCORE_LANG_EN, NULL, 0, &err);
    if (!L->rubric)
        util_die(UTIL_EX_SOFTWARE, _("cannot load the built-in rubric: %s"), err.msg);
    scn_opts o = {scn_rubric_kind_ok, L->rubric};
    /* The scenarios' own problems are lint's business; a step naming a
     * scenario that did not load is reported with the track. */
    scn_diags ignored = {0};
    scn_library_load(&sdir, 1, &o, &L->scn, &ignored);
    scn_diags_free(&ignored);
    L->bad = trk_library_load(&tdir, 1, &L->scn, &L->trk, &L->d);
    return 0;
}

static void track_libs_free(track_libs *L)
{
    scn_diags_free(&L->d);
    trk_library_free(&L->trk);
    scn_library_free(&L->scn);
    score_rubric_free(L->rubric);
}

static void track_warn_bad(const track_libs *L)
{
    if (L->bad)
        util_warn(ngettext("%zu track file with problems left out; run "
                           "'hamdel lint' for details",
                           "%zu track files with problems left out; run "
                           "'hamdel lint' for details", L->bad), L->bad);
}

static json_t *track_pass_json(const trk_pass *p)
{
    json_t *o = json_object();
    json_object_set_new(o, "overall", json_real(p->overall));
    for (int d = 0; d < SCORE_NDIM; d++)
        json_object_set_new(o, score_dim_name((score_dim)d),
                            p->min[d] >= 0 ? json_real(p->min[d]) : json_null());
    return o;
}

/* "8 (honesty 7, boundaries 7)" */
static void track_pass_text(const trk_pass *p, char *buf, size_t n)
{
    size_t k = (size_t)snprintf(buf, n, "%g", p->overall);
    int any = 0;
    for (int d = 0; d < SCORE_NDIM && k < n; d++) {
        if (p->min[d] < 0)
            continue;
        k += (size_t)snprintf(buf + k, n - k, "%s%s %g", any ? ", " : " (",
                              view_dim_name((score_dim)d), p->min[d]);
        any = 1;
    }
    if (any && k < n)
        snprintf(buf + k, n - k, ")");
}

static unsigned track_langs(const trk_track *t)
{
    unsigned bits = 0;
    for (size_t i = 0; i < t->n_steps; i++)
        bits |= 1u << t->steps[i].lang;
    return bits;
}

static json_t *track_langs_json(unsigned bits)
{
    json_t *a = json_array();
    if (bits & (1u << SCORE_LANG_EN))
        json_array_append_new(a, json_string("en"));
    if (bits & (1u << SCORE_LANG_FA))
        json_array_append_new(a, json_string("fa"));
    return a;
}

static int track_days(const trk_track *t)
{
    int days = 0;
    for (size_t i = 0; i < t->n_steps; i++)
        days = t->steps[i].day > days ? t->steps[i].day : days;
    return days;
}

/* ---- a table that fits the terminal --------------------------------------- */

typedef struct {
    size_t cols, rows;
    char **cell;   /* rows x cols, row 0 the heading */
    size_t *width; /* 0: a column left out */
} track_table;

static void track_table_init(track_table *t, size_t cols, size_t rows)
{
    t->cols = cols, t->rows = rows;
    t->cell = util_xmalloc(cols * rows * sizeof *t->cell);
    memset(t->cell, 0, cols * rows * sizeof *t->cell);
    t->width = util_xmalloc(cols * sizeof *t->width);
}

static void track_table_print(track_table *t)
{
    for (size_t c = 0; c < t->cols; c++) {
        t->width[c] = 0;
        for (size_t r = 0; r < t->rows; r++) {
            const char *s = t->cell[r * t->cols + c];
            size_t w = term_width(s, strlen(s));
            t->width[c] = w > t->width[c] ? w : t->width[c];
        }
    }
    /* On a terminal the last column (a title) is cut to what is left. */
    if (isatty(fileno(stdout))) {
        struct view v;
        view_init(&v, stdout, 1);
        size_t used = 0, cols = view_cols(&v), last = t->cols - 1;
        for (size_t c = 0; c < last; c++)
            used += t->width[c] + 2;
        t->width[last] = used + 10 > cols ? 0
                         : t->width[last] < cols - used ? t->width[last] : cols - used;
    }
    size_t shown = t->cols; /* one past the last column shown */
    while (shown > 1 && t->width[shown - 1] == 0)
        shown--;
    for (size_t r = 0; r < t->rows; r++) {
        for (size_t c = 0; c < shown; c++) {
            const char *s = t->cell[r * t->cols + c];
            if (t->width[c] == 0)
                continue;
            size_t got = term_put_clean(stdout, s, strlen(s), t->width[c], 0);
            for (size_t k = got; c + 1 < shown && k < t->width[c] + 2; k++)
                fputc(' ', stdout);
        }
        fputc('\n', stdout);
    }
    for (size_t i = 0; i < t->cols * t->rows; i++)
        free(t->cell[i]);
    free(t->cell);
    free(t->width);
}

static char *track_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *track_fmt(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return util_xstrdup(buf);
}

/* ---- track list ---------------------------------------------------------------- */

static json_t *track_list_object(const trk_track *t, score_lang lang)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(t->id));
    json_object_set_new(o, "title", json_string(scn_text_any(&t->title, lang)));
    json_object_set_new(o, "steps", json_integer((json_int_t)t->n_steps));
    json_object_set_new(o, "days", track_days(t) ? json_integer(track_days(t)) : json_null());
    json_object_set_new(o, "languages", track_langs_json(track_langs(t)));
    json_object_set_new(o, "pass", track_pass_json(&t->pass));
    json_object_set_new(o, "file", json_string(t->path));
    return o;
}

static int track_by_id(const void *a, const void *b)
{
    return strcmp((*(trk_track *const *)a)->id, (*(trk_track *const *)b)->id);
}

static int track_list(const track_opts *o)
{
    track_libs L;
    if (track_libs_load(&L))
        return UTIL_EX_NOINPUT;
    if (L.trk.n)
        qsort(L.trk.v, L.trk.n, sizeof *L.trk.v, track_by_id);
    if (o->json) {
        json_t *rows = json_array();
        for (size_t i = 0; i < L.trk.n; i++)
            json_array_append_new(rows, track_list_object(L.trk.v[i], o->lang));
        jsonout_print(rows, stdout);
        json_decref(rows);
    } else {
        static const char *const head[] = {N_("ID"), N_("STEPS"), N_("DAYS"),
                                           N_("LANGS"), N_("PASS"), N_("TITLE")};
        track_table tb;
        track_table_init(&tb, 6, L.trk.n + 1);
        for (size_t c = 0; c < 6; c++)
            tb.cell[c] = util_xstrdup(_(head[c]));
        for (size_t i = 0; i < L.trk.n; i++) {
            const trk_track *t = L.trk.v[i];
            char **row = tb.cell + (i + 1) * 6, pass[160];
            unsigned langs = track_langs(t);
            track_pass_text(&t->pass, pass, sizeof pass);
            row[0] = util_xstrdup(t->id);
            row[1] = track_fmt("%zu", t->n_steps);
            row[2] = track_days(t) ? track_fmt("%d", track_days(t)) : util_xstrdup("-");
            row[3] = track_fmt("%s%s%s", langs & (1u << SCORE_LANG_EN) ? "en" : "",
                               langs == ((1u << SCORE_LANG_EN) | (1u << SCORE_LANG_FA)) ? "," : "",
                               langs & (1u << SCORE_LANG_FA) ? "fa" : "");
            row[4] = util_xstrdup(pass);
            row[5] = util_xstrdup(scn_text_any(&t->title, o->lang));
        }
        track_table_print(&tb);
    }
    track_warn_bad(&L);
    int rc = L.bad ? UTIL_EX_DATAERR : UTIL_EX_OK;
    track_libs_free(&L);
    return rc;
}

/* ---- track show -------------------------------------------------------------- */

/* The trainee's progress: their finished sessions from the progress store
 * (--db, HAMDEL_DB or the default file) as trk_result rows, and the status
 * trk_status_compute makes of them. 1 with `st` filled; 0 (said on
 * stderr) when the database can't be read: the track is then shown
 * without progress. The status points into the rows in `k`. */
static int track_progress(const trk_track *t, const char *trainee, trk_status *st,
                          trk_rows *k)
{
    char err[1024];
    if (trk_progress_load(cmd_db, t, trainee, k, st, err, sizeof err) == 0)
        return 1;
    util_warn("%s", err);
    util_warn(_("track: showing the track without %s's progress"), trainee);
    return 0;
}

/* A result as JSON: {"overall", "empathy", ..., "at"}. */
static json_t *track_result_json(const trk_result *r)
{
    static const char *const dims[SCORE_NDIM] = {"empathy", "action", "honesty", "boundaries"};
    json_t *j = json_object();
    json_object_set_new(j, "overall", json_real(round(r->overall * 10) / 10));
    for (int d = 0; d < SCORE_NDIM; d++)
        json_object_set_new(j, dims[d], json_real(round(r->dims[d] * 10) / 10));
    json_object_set_new(j, "at", json_string(r->finished_at));
    return j;
}

static json_t *track_show_json(const trk_track *t, const track_opts *o,
                               const track_libs *L, const trk_status *st,
                               const trk_rows *rows)
{
    json_t *r = json_object(), *steps = json_array();
    json_object_set_new(r, "id", json_string(t->id));
    json_object_set_new(r, "title", json_string(scn_text_any(&t->title, o->lang)));
    json_object_set_new(r, "summary", json_string(scn_text_any(&t->summary, o->lang)));
    json_object_set_new(r, "pass", track_pass_json(&t->pass));
    json_object_set_new(r, "file", json_string(t->path));
    for (size_t i = 0; i < t->n_steps; i++) {
        const trk_step *s = &t->steps[i];
        const scn_scenario *sc = scn_library_find(&L->scn, s->scenario);
        json_t *j = json_object(), *after = json_array();
        json_object_set_new(j, "id", json_string(s->id));
        json_object_set_new(j, "scenario", json_string(s->scenario));
        json_object_set_new(j, "language", json_string(score_lang_name(s->lang)));
        json_object_set_new(j, "title", sc ? json_string(scn_text_any(&sc->title, s->lang))
                                           : json_null());
        json_object_set_new(j, "day", s->day ? json_integer(s->day) : json_null());
        json_object_set_new(j, "pass", track_pass_json(&s->pass));
        for (size_t k = 0; k < s->n_after; k++)
            json_array_append_new(after, json_string(t->steps[s->after[k]].id));
        json_object_set_new(j, "after", after);
        if (st) {
            const trk_step_status *ss = &st->steps[i];
            json_object_set_new(j, "state", json_string(trk_state_name(ss->state)));
            json_object_set_new(j, "attempts", json_integer((json_int_t)ss->attempts));
            json_object_set_new(j, "best", ss->best >= 0 ? track_result_json(&rows->v[ss->best])
                                                         : json_null());
        }
        json_array_append_new(steps, j);
    }
    json_object_set_new(r, "steps", steps);
    json_object_set_new(r, "trainee", o->trainee ? json_string(o->trainee) : json_null());
    json_object_set_new(r, "certified", st ? json_boolean(st->certified) : json_null());
    json_object_set_new(r, "certified_at", st && st->certified && st->certified_at
                                               ? json_string(st->certified_at) : json_null());
    if (st) {
        json_t *next = json_array();
        for (size_t i = 0; i < st->n_next; i++)
            json_array_append_new(next, json_string(t->steps[st->next[i]].id));
        json_object_set_new(r, "next", next);
    }
    return r;
}

/* trk_state order: what the STATUS column says. */
static const char *const track_state_ui[] = {N_("locked"), N_("open"), N_("passed")};

static void track_show_table(const trk_track *t, const track_opts *o,
                             const track_libs *L, const trk_status *st)
{
    static const char *const head[] = {N_("#"), N_("DAY"), N_("SCENARIO"), N_("LANG"),
                                       N_("PASS"), N_("AFTER"), N_("STATUS"), N_("TITLE")};
    size_t nc = st ? 8 : 7;
    char pass[160];
    struct view v;
    view_init(&v, stdout, 1);
    view_line(&v, 0, NULL, scn_text_any(&t->title, o->lang));
    view_para(&v, 2, NULL, scn_text_any(&t->summary, o->lang));
    track_pass_text(&t->pass, pass, sizeof pass);
    /* TRANSLATORS: "pass mark: overall 7 (honesty 6); 19 steps" */
    view_linef(&v, 2, NULL, _("pass mark: overall %s; %zu steps"), pass, t->n_steps);
    fputc('\n', stdout);
    track_table tb;
    track_table_init(&tb, nc, t->n_steps + 1);
    for (size_t c = 0, k = 0; c < 8; c++)
        if (st || c != 6)
            tb.cell[k++] = util_xstrdup(_(head[c]));
    for (size_t i = 0; i < t->n_steps; i++) {
        const trk_step *s = &t->steps[i];
        const scn_scenario *sc = scn_library_find(&L->scn, s->scenario);
        char **row = tb.cell + (i + 1) * nc, after[256] = "";
        size_t c = 0, k = 0;
        for (size_t a = 0; a < s->n_after && k + 12 < sizeof after; a++)
            k += (size_t)snprintf(after + k, sizeof after - k, "%s%zu", a ? "," : "",
                                  s->after[a] + 1);
        track_pass_text(&s->pass, pass, sizeof pass);
        row[c++] = track_fmt("%zu", i + 1);
        row[c++] = s->day ? track_fmt("%d", s->day) : util_xstrdup("-");
        row[c++] = util_xstrdup(s->scenario);
        row[c++] = util_xstrdup(score_lang_name(s->lang));
        row[c++] = util_xstrdup(pass);
        row[c++] = util_xstrdup(s->n_after ? after : "-");
        if (st)
            row[c++] = util_xstrdup(_(track_state_ui[st->steps[i].state]));
        row[c++] = util_xstrdup(sc ? scn_text_any(&sc->title, s->lang) : "");
    }
    track_table_print(&tb);
    if (!st)
        return;
    fputc('\n', stdout);
    if (st->certified)
        /* TRANSLATORS: "certified on 2026-11-23T10:00:00Z (overall 8.6)" */
        view_linef(&v, 0, NULL, _("%s: certified on %s (overall %.1f)"), o->trainee,
                   st->certified_at ? st->certified_at : "?", st->mean_overall);
    else
        view_linef(&v, 0, NULL, _("%s: %zu of %zu steps passed"), o->trainee,
                   st->n_passed, t->n_steps);
    for (size_t i = 0; i < st->n_next && !st->certified; i++) {
        const trk_step *s = &t->steps[st->next[i]];
        /* TRANSLATORS: "next: step 2, wants-manager (fa)" */
        view_linef(&v, 2, NULL, _("next: step %zu, %s (%s)"), st->next[i] + 1, s->scenario,
                   score_lang_name(s->lang));
    }
}

static int track_show(const track_opts *o)
{
    track_libs L;
    if (track_libs_load(&L))
        return UTIL_EX_NOINPUT;
    const trk_track *t = trk_library_find(&L.trk, o->id);
    int rc = UTIL_EX_OK;
    if (!t) {
        const char **ids = util_xmalloc((L.trk.n + 1) * sizeof *ids);
        for (size_t i = 0; i < L.trk.n; i++)
            ids[i] = L.trk.v[i]->id;
        const char *sug = scn_suggest(o->id, ids, L.trk.n);
        if (sug)
            util_warn(_("track: no track '%s' (did you mean '%s'?)"), o->id, sug);
        else
            util_warn(_("track: no track '%s'; 'hamdel track list' shows them"), o->id);
        free(ids);
        track_warn_bad(&L);
        track_libs_free(&L);
        return UTIL_EX_DATAERR;
    }
    trk_status st;
    trk_rows rows = {NULL, NULL, 0};
    int have = o->trainee && track_progress(t, o->trainee, &st, &rows);
    if (o->json) {
        json_t *j = track_show_json(t, o, &L, have ? &st : NULL, &rows);
        jsonout_print(j, stdout);
        json_decref(j);
    } else {
        track_show_table(t, o, &L, have ? &st : NULL);
    }
    if (have)
        trk_status_free(&st);
    trk_rows_free(&rows);
    track_libs_free(&L);
    return rc;
}

/* ---- arguments ------------------------------------------------------------------ */

static int track_args(int argc, char **argv, int first, track_opts *o, int show)
{
    int v;
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--json") == 0 || strcmp(a, "-j") == 0) {
            o->json = 1;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            cmd_print_help(&cmd_track, stdout);
            return UTIL_EX_OK;
        } else if (strcmp(a, "--lang") == 0 || strcmp(a, "-l") == 0 ||
                   (show && strcmp(a, "--trainee") == 0)) {
            if (i + 1 == argc)
                return cmd_usage_error(&cmd_track, _("track: option '%s' needs a value"), a);
            if (strcmp(a, "--trainee") == 0) {
                o->trainee = argv[++i];
                if (!*o->trainee)
                    return cmd_usage_error(&cmd_track, _("track: the trainee's name is empty"));
            } else if ((v = score_lang_parse(argv[++i])) < 0 || v == SCORE_LANG_AUTO) {
                return cmd_usage_error(&cmd_track, _("track: unknown language '%s' "
                                       "(expected en or fa)"), argv[i]);
            } else {
                o->lang = (score_lang)v;
            }
        } else if (a[0] == '-' && a[1]) {
            return cmd_usage_error(&cmd_track, _("track: unknown option '%s'"), a);
        } else if (show && !o->id) {
            o->id = a;
        } else {
            return cmd_usage_error(&cmd_track, _("track: unexpected argument '%s'"), a);
        }
    }
    if (show && !o->id)
        return cmd_usage_error(&cmd_track, _("track show: which track? (an id from "
                               "'hamdel track list')"));
    return -1;
}

static int track_main(int argc, char **argv)
{
    /* Titles follow the interface language unless --lang says otherwise. */
    track_opts o = {0, i18n_score_lang(),
                    NULL, NULL};
    static const char *const subs[] = {"list", "show"};
    if (argc < 2)
        return cmd_usage_error(&cmd_track, _("track: which? 'list' or 'show ID'"));
    const char *sub = argv[1];
    if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0) {
        cmd_print_help(&cmd_track, stdout);
        return UTIL_EX_OK;
    }
    int show = strcmp(sub, "show") == 0;
    if (!show && strcmp(sub, "list") != 0) {
        const char *sug = scn_suggest(sub, subs, 2);
        if (sug)
            return cmd_usage_error(&cmd_track, _("track: unknown subcommand '%s' "
                                   "(did you mean '%s'?)"), sub, sug);
        return cmd_usage_error(&cmd_track, _("track: unknown subcommand '%s' "
                               "(expected list or show)"), sub);
    }
    int rc = track_args(argc, argv, 2, &o, show);
    if (rc >= 0)
        return rc;
    return show ? track_show(&o) : track_list(&o);
}

const struct cmd_entry cmd_track = {
    .name = "track",
    .fn = track_main,
    .summary = N_("list and show the training tracks"),
    .usage = "hamdel track list [--lang en|fa] [--json]\n"
             "       hamdel track show ID [--trainee NAME] [--lang en|fa] [--json]",
    .help =
        N_("A track is an ordered list of scenarios, each in one language with a\n"
        "pass mark, that a trainee works through (docs/tracks.md). Tracks come\n"
        "from $HAMDEL_TRACKS, else ./tracks or ./scenarios/tracks, else the\n"
        "tracks folder beside the scenario library, else the installed one.\n"
        "\n"
        "  list        the tracks: id, steps, working days, languages, the\n"
        "              pass mark and the title\n"
        "  show ID     one track: title, summary and pass mark, then its steps\n"
        "              (day, scenario, language, pass mark, the step numbers\n"
        "              it comes after, the scenario's title)\n"
        "\n"
        "Options:\n"
        "  -l, --lang LANG   titles in en or fa (default: the interface's)\n"
        "  --trainee NAME    show: the trainee's progress from the progress\n"
        "                    database (HAMDEL_DB or the global --db): each\n"
        "                    step passed, open or locked, and certification\n"
        "  -j, --json        one JSON document: list gives [{id, title, steps,\n"
        "                    days, languages, pass, file}], show gives {id,\n"
        "                    title, summary, pass, file, steps: [{id, scenario,\n"
        "                    language, title, day, pass, after; with\n"
        "                    --trainee state, attempts, best}], trainee,\n"
        "                    certified, certified_at}\n"
        "\n"
        "Track files with problems are left out (exit 65); 'hamdel lint'\n"
        "shows why. A missing track exits 65, a missing tracks folder 66.\n"),
};
