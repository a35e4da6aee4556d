/*
 * cmd-progress.c - `hamdel progress`: a trainee's progress, or the team's,
 * from the progress database (store.h, store-progress.c).
 *
 * For one trainee (--trainee, else the global --trainee): how many
 * sessions and how many reached an ending, the per-dimension and overall
 * means of those results, the trend (the mean of the last five results
 * minus that of the first five; with fewer than ten, the last and first
 * half), the best and weakest dimension, a sparkline per dimension over
 * the sessions, the last few sessions, and where the trainee stands on
 * every track of the track library (track-status.c, as `track show
 * --trainee` computes it). `--team` gives one row per trainee instead;
 * only then does anyone see other trainees. --json prints the same as one
 * document (jansson).
 *
 * An unknown trainee is not an error: a new hire has no sessions yet, so
 * the report says so and exits 0. A database file that does not exist is
 * read as an empty one and is not created.
 */
#include "bidi.h"
#include "cmd.h"
#include "i18n.h"
#include "json-out.h"
#include "scn.h"
#include "store.h"
#include "term.h"
#include "track.h"
#include "util.h"
#include "view.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PROGRESS_LAST 5      /* sessions listed, and the trend's windows */
#define PROGRESS_SPARK 40    /* sessions drawn per sparkline at most */

typedef struct {
    const char *trainee;
    const char *since;
    int team, json, plain;
    score_lang lang; /* track titles */
} progress_opts;

/* ---- numbers ------------------------------------------------------------- */

static double progress_r1(double v)
{
    return round(v * 10) / 10;
}

static json_t *progress_num(int known, double v)
{
    return known ? json_real(progress_r1(v)) : json_null();
}

/* A sparkline of `n` values 0..10 (the last `max` of them) in `buf`:
 * one block character per value, or an ASCII ramp when `ascii`. */
static void progress_spark(const double *v, size_t n, size_t max, int ascii,
                           char *buf, size_t len)
{
    static const char *const blocks[8] = {"\u2581", "\u2582", "\u2583", "\u2584",
                                          "\u2585", "\u2586", "\u2587", "\u2588"};
    static const char ramp[] = "_.-:=+*#";
    size_t k = 0, from = n > max ? n - max : 0;
    buf[0] = '\0';
    for (size_t i = from; i < n; i++) {
        int lv = (int)(v[i] / 10.0 * 8.0);
        lv = lv < 0 ? 0 : lv > 7 ? 7 : lv;
        const char *c = ascii ? (char[2]){ramp[lv], '\0'} : blocks[lv];
        size_t cl = strlen(c);
        if (k + cl + 1 > len)
            break;
        memcpy(buf + k, c, cl + 1);
        k += cl;
    }
}

/* What a trainee's sessions add up to. */
typedef struct {
    size_t finished, scored;
    double means[SCORE_NDIM + 1]; /* the dimensions, then overall */
    int has_trend;
    double trend[SCORE_NDIM + 1];
    int best, weakest; /* score_dim, or -1 */
} progress_sum;

static double progress_val(const store_session *s, int d)
{
    return d == SCORE_NDIM ? s->overall : s->dims[d];
}

static void progress_summarise(const store_session *v, size_t n, progress_sum *p)
{
    memset(p, 0, sizeof *p);
    p->best = p->weakest = -1;
    const store_session **r = util_xmalloc((n ? n : 1) * sizeof *r);
    for (size_t i = 0; i < n; i++) {
        if (store_session_finished(&v[i]))
            p->finished++;
        if (store_session_finished(&v[i]) && v[i].scored)
            r[p->scored++] = &v[i];
    }
    for (size_t i = 0; i < p->scored; i++)
        for (int d = 0; d <= SCORE_NDIM; d++)
            p->means[d] += progress_val(r[i], d) / (double)p->scored;
    if (p->scored >= 2) {
        size_t k = p->scored / 2 < PROGRESS_LAST ? p->scored / 2 : PROGRESS_LAST;
        p->has_trend = 1;
        for (int d = 0; d <= SCORE_NDIM; d++) {
            double first = 0, last = 0;
            for (size_t i = 0; i < k; i++) {
                first += progress_val(r[i], d);
                last += progress_val(r[p->scored - k + i], d);
            }
            p->trend[d] = (last - first) / (double)k;
        }
    }
    if (p->scored) {
        p->best = p->weakest = 0;
        for (int d = 1; d < SCORE_NDIM; d++) {
            if (progress_r1(p->means[d]) > progress_r1(p->means[p->best]))
                p->best = d;
            if (progress_r1(p->means[d]) < progress_r1(p->means[p->weakest]))
                p->weakest = d;
        }
    }
    free(r);
}

/* The weakest of four means (ties: the first). */
static int progress_weakest(const double *m)
{
    int w = 0;
    for (int d = 1; d < SCORE_NDIM; d++)
        if (progress_r1(m[d]) < progress_r1(m[w]))
            w = d;
    return w;
}

/* ---- a table that fits the terminal ----------------------------------------- */

typedef struct {
    size_t cols, rows, cap;
    char **cell;
} progress_table;

static void progress_table_init(progress_table *t, size_t cols)
{
    memset(t, 0, sizeof *t);
    t->cols = cols;
}

static void progress_table_row(progress_table *t, ...)
{
    va_list ap;
    if (t->rows == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->cell = util_xrealloc(t->cell, t->cap * t->cols * sizeof *t->cell);
    }
    va_start(ap, t);
    for (size_t c = 0; c < t->cols; c++) {
        const char *s = va_arg(ap, const char *);
        t->cell[t->rows * t->cols + c] = util_xstrdup(s ? s : "");
    }
    va_end(ap);
    t->rows++;
}

/* Print with two spaces between columns, no trailing spaces; on a
 * terminal a row is cut at the window's width. */
static void progress_table_print(progress_table *t, const struct view *v, size_t indent)
{
    size_t *w = util_xmalloc(t->cols * sizeof *w);
    for (size_t c = 0; c < t->cols; c++) {
        w[c] = 0;
        for (size_t r = 0; r < t->rows; r++) {
            const char *s = t->cell[r * t->cols + c];
            size_t k = term_width(s, strlen(s));
            w[c] = k > w[c] ? k : w[c];
        }
    }
    size_t room = isatty(fileno(v->f)) ? view_cols(v) : 0;
    for (size_t r = 0; r < t->rows; r++) {
        size_t used = indent, last = t->cols; /* one past the last non-empty */
        while (last > 1 && !*t->cell[r * t->cols + last - 1])
            last--;
        for (size_t i = 0; i < indent; i++)
            fputc(' ', v->f);
        for (size_t c = 0; c < last; c++) {
            const char *s = t->cell[r * t->cols + c];
            size_t max = w[c];
            if (room && used + max > room)
                max = room > used + 4 ? room - used : 4;
            size_t got = term_put_clean(v->f, s, strlen(s), max, v->ascii);
            used += got;
            if (c + 1 < last) {
                for (size_t k = got; k < w[c] + 2; k++)
                    fputc(' ', v->f);
                used += w[c] + 2 - got;
            }
            if (room && used >= room)
                break;
        }
        fputc('\n', v->f);
    }
    for (size_t i = 0; i < t->rows * t->cols; i++)
        free(t->cell[i]);
    free(t->cell);
    free(w);
}

static char *progress_fmt(char *buf, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static char *progress_fmt(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return buf;
}

/* "2026-11-23" from an ISO 8601 time. */
static const char *progress_day(const char *iso, char *buf)
{
    snprintf(buf, 11, "%s", iso ? iso : "-");
    return buf;
}

/* ---- tracks ------------------------------------------------------------------ */

typedef struct {
    trk_library lib;
    trk_status *st; /* one per track */
    trk_rows rows;  /* what the statuses point into */
} progress_tracks;

static int progress_track_by_id(const void *a, const void *b)
{
    return strcmp((*(trk_track *const *)a)->id, (*(trk_track *const *)b)->id);
}

/* Where the trainee stands on every track of the library (all their
 * results, whatever --since says: a certification does not expire).
 * A missing tracks folder gives no tracks; track files with problems are
 * left out ('hamdel lint' is where they are reported). 0 or STORE_EDB. */
static int progress_tracks_load(store *db, const char *trainee, progress_tracks *T,
                                char *err, size_t errlen)
{
    struct stat sb;
    memset(T, 0, sizeof *T);
    const char *tdir = trk_library_default_dir();
    if (stat(tdir, &sb) != 0)
        return 0;
    scn_diags d = {0};
    trk_library_load(&tdir, 1, NULL, &T->lib, &d);
    scn_diags_free(&d);
    if (T->lib.n)
        qsort(T->lib.v, T->lib.n, sizeof *T->lib.v, progress_track_by_id);
    if (trk_rows_load(db, trainee, &T->rows, err, errlen) != 0)
        return STORE_EDB;
    T->st = util_xmalloc((T->lib.n ? T->lib.n : 1) * sizeof *T->st);
    for (size_t i = 0; i < T->lib.n; i++)
        trk_status_compute(T->lib.v[i], T->rows.v, T->rows.n, &T->st[i]);
    return 0;
}

static void progress_tracks_free(progress_tracks *T)
{
    if (T->st)
        for (size_t i = 0; i < T->lib.n; i++)
            trk_status_free(&T->st[i]);
    free(T->st);
    trk_rows_free(&T->rows);
    trk_library_free(&T->lib);
}

static json_t *progress_tracks_json(const progress_tracks *T, score_lang lang)
{
    json_t *a = json_array();
    for (size_t i = 0; i < T->lib.n; i++) {
        const trk_track *t = T->lib.v[i];
        const trk_status *st = &T->st[i];
        json_t *o = json_object(), *next = json_array();
        json_object_set_new(o, "id", json_string(t->id));
        json_object_set_new(o, "title", json_string(scn_text_any(&(t)->title, lang)));
        json_object_set_new(o, "steps", json_integer((json_int_t)t->n_steps));
        json_object_set_new(o, "passed", json_integer((json_int_t)st->n_passed));
        for (size_t k = 0; k < st->n_next; k++)
            json_array_append_new(next, json_string(t->steps[st->next[k]].id));
        json_object_set_new(o, "next", next);
        json_object_set_new(o, "certified", json_boolean(st->certified));
        json_object_set_new(o, "certified_at", st->certified && st->certified_at
                                                   ? json_string(st->certified_at)
                                                   : json_null());
        json_object_set_new(o, "certified_overall",
                            progress_num(st->certified, st->mean_overall));
        json_array_append_new(a, o);
    }
    return a;
}

/* ---- one trainee ------------------------------------------------------------ */

static json_t *progress_dims_json(const double *v, int known)
{
    json_t *o = json_object();
    for (int d = 0; d < SCORE_NDIM; d++)
        json_object_set_new(o, score_dim_name((score_dim)d), progress_num(known, v[d]));
    json_object_set_new(o, "overall", progress_num(known, v[SCORE_NDIM]));
    return o;
}

static json_t *progress_trainee_json(const progress_opts *o, int known,
                                     const store_session *v, size_t n,
                                     const progress_sum *p, const progress_tracks *T)
{
    json_t *j = json_object(), *sessions = json_array();
    json_object_set_new(j, "trainee", json_string(o->trainee));
    json_object_set_new(j, "known", json_boolean(known));
    json_object_set_new(j, "since", o->since ? json_string(o->since) : json_null());
    for (size_t i = 0; i < n; i++) {
        const store_session *s = &v[i];
        json_t *e = json_object();
        json_object_set_new(e, "id", json_string(s->key ? s->key : ""));
        json_object_set_new(e, "scenario", json_string(s->scenario ? s->scenario : ""));
        json_object_set_new(e, "language", json_string(score_lang_name(s->lang)));
        json_object_set_new(e, "started", json_string(s->started ? s->started : ""));
        json_object_set_new(e, "ended", s->ended ? json_string(s->ended) : json_null());
        json_object_set_new(e, "ending", s->ending ? json_string(s->ending) : json_null());
        json_object_set_new(e, "interrupted", json_boolean(s->interrupted));
        json_object_set_new(e, "finished", json_boolean(store_session_finished(s)));
        json_object_set_new(e, "workshop", json_boolean(s->workshop));
        json_object_set_new(e, "turns", json_integer(s->turns));
        for (int d = 0; d < SCORE_NDIM; d++)
            json_object_set_new(e, score_dim_name((score_dim)d),
                                progress_num(s->scored, s->dims[d]));
        json_object_set_new(e, "overall", progress_num(s->scored, s->overall));
        json_array_append_new(sessions, e);
    }
    json_object_set_new(j, "sessions", sessions);
    json_object_set_new(j, "session_count", json_integer((json_int_t)n));
    json_object_set_new(j, "finished", json_integer((json_int_t)p->finished));
    json_object_set_new(j, "interrupted", json_integer((json_int_t)(n - p->finished)));
    json_object_set_new(j, "means", p->scored ? progress_dims_json(p->means, 1) : json_null());
    json_object_set_new(j, "trend", p->has_trend ? progress_dims_json(p->trend, 1) : json_null());
    json_object_set_new(j, "best", p->best >= 0 ? json_string(score_dim_name((score_dim)p->best))
                                                : json_null());
    json_object_set_new(j, "weakest", p->weakest >= 0
                                          ? json_string(score_dim_name((score_dim)p->weakest))
                                          : json_null());
    json_object_set_new(j, "tracks", progress_tracks_json(T, o->lang));
    return j;
}

static const char *progress_dim_ui(int d)
{
    return d == SCORE_NDIM ? _("overall") : view_dim_name((score_dim)d);
}

static void progress_trainee_text(const progress_opts *o, int known,
                                  const store_session *v, size_t n,
                                  const progress_sum *p, const progress_tracks *T)
{
    struct view vw;
    char a[64], b[64], c[64], spark[PROGRESS_SPARK * 4 + 1];
    view_init(&vw, stdout, o->plain);
    if (!n) {
        if (!known)
            view_linef(&vw, 0, NULL, _("%s: no sessions recorded yet"), o->trainee);
        else
            view_linef(&vw, 0, NULL, _("%s: no sessions since %s"), o->trainee, o->since);
    } else {
        /* TRANSLATORS: "Sara: 12 sessions, 10 finished, 2 interrupted" */
        view_linef(&vw, 0, TERM_BOLD, _("%s: %zu sessions, %zu finished, %zu interrupted"),
                   o->trainee, n, p->finished, n - p->finished);
    }
    if (p->scored) {
        if (p->has_trend)
            /* TRANSLATORS: "overall 7.4, trend +1.2 (last sessions against the first)" */
            view_linef(&vw, 2, NULL, _("overall %.1f, trend %+.1f (the last results "
                                       "against the first)"),
                       p->means[SCORE_NDIM], progress_r1(p->trend[SCORE_NDIM]));
        else
            view_linef(&vw, 2, NULL, _("overall %.1f"), p->means[SCORE_NDIM]);
        view_linef(&vw, 2, NULL, _("best: %s %.1f; weakest: %s %.1f"),
                   view_dim_name((score_dim)p->best), p->means[p->best],
                   view_dim_name((score_dim)p->weakest), p->means[p->weakest]);
        fputc('\n', stdout);
        progress_table tb;
        progress_table_init(&tb, 4);
        progress_table_row(&tb, "", _("MEAN"), _("TREND"), _("BY SESSION"));
        double *vals = util_xmalloc(p->scored * sizeof *vals);
        for (int d = 0; d <= SCORE_NDIM; d++) {
            size_t k = 0;
            for (size_t i = 0; i < n; i++)
                if (store_session_finished(&v[i]) && v[i].scored)
                    vals[k++] = progress_val(&v[i], d);
            progress_spark(vals, k, PROGRESS_SPARK, vw.ascii, spark, sizeof spark);
            progress_table_row(&tb, progress_dim_ui(d),
                               progress_fmt(a, sizeof a, "%.1f", p->means[d]),
                               p->has_trend ? progress_fmt(b, sizeof b, "%+.1f",
                                                           progress_r1(p->trend[d])) : "-",
                               spark);
        }
        free(vals);
        progress_table_print(&tb, &vw, 2);
    }
    if (n) {
        fputc('\n', stdout);
        view_line(&vw, 0, TERM_BOLD, _("Last sessions"));
        progress_table tb;
        progress_table_init(&tb, 5);
        progress_table_row(&tb, _("DATE"), _("SCENARIO"), _("LANG"), _("ENDING"), _("OVERALL"));
        for (size_t i = n > PROGRESS_LAST ? n - PROGRESS_LAST : 0; i < n; i++) {
            const store_session *s = &v[i];
            const char *end = s->ending && !s->interrupted ? s->ending
                              : s->interrupted           ? _("(interrupted)")
                                                         : _("(unfinished)");
            char scn[200];
            /* TRANSLATORS: a session played in a workshop, in the list of
             * sessions: "broken-tv (workshop)" */
            snprintf(scn, sizeof scn, s->workshop ? _("%s (workshop)") : "%s",
                     s->scenario);
            progress_table_row(&tb, progress_day(s->started, c), scn,
                               score_lang_name(s->lang), end,
                               s->scored ? progress_fmt(a, sizeof a, "%.1f", s->overall) : "-");
        }
        progress_table_print(&tb, &vw, 2);
    }
    if (T->lib.n) {
        fputc('\n', stdout);
        view_line(&vw, 0, TERM_BOLD, _("Tracks"));
        progress_table tb;
        progress_table_init(&tb, 4);
        progress_table_row(&tb, _("TRACK"), _("PASSED"), _("CERTIFIED"), _("NEXT"));
        for (size_t i = 0; i < T->lib.n; i++) {
            const trk_track *t = T->lib.v[i];
            const trk_status *st = &T->st[i];
            const char *next = "-";
            if (st->n_next) {
                const trk_step *s = &t->steps[st->next[0]];
                next = progress_fmt(c, sizeof c, "%s (%s)", s->scenario,
                                    score_lang_name(s->lang));
            }
            progress_table_row(&tb, t->id,
                               progress_fmt(a, sizeof a, "%zu/%zu", st->n_passed, t->n_steps),
                               st->certified ? progress_day(st->certified_at, b) : "-",
                               st->certified ? "" : next);
        }
        progress_table_print(&tb, &vw, 2);
    }
}

/* The database, or NULL (and *rc 0) when its file does not exist yet. */
static store *progress_open(int *rc)
{
    char path[4096], err[1024];
    struct stat sb;
    *rc = 0;
    if (store_path(cmd_db, path, sizeof path, err, sizeof err) != 0) {
        util_warn("progress: %s", err);
        *rc = UTIL_EX_NOINPUT;
        return NULL;
    }
    if (stat(path, &sb) != 0 && errno == ENOENT)
        return NULL;
    store *db = store_open(path, err, sizeof err, rc);
    if (!db)
        util_warn("%s", err);
    return db;
}

static int progress_trainee(const progress_opts *o)
{
    char err[1024];
    int rc;
    store *db = progress_open(&rc);
    if (rc)
        return rc;
    store_session *v = NULL;
    size_t n = 0;
    int known = db ? store_sessions(db, o->trainee, o->since, &v, &n, err, sizeof err) : 0;
    progress_tracks T;
    if (known == STORE_EDB ||
        progress_tracks_load(known ? db : NULL, o->trainee, &T, err, sizeof err) != 0) {
        util_warn("%s", err);
        if (known != STORE_EDB)
            progress_tracks_free(&T);
        store_close(db);
        return UTIL_EX_IOERR;
    }
    progress_sum p;
    progress_summarise(v, n, &p);
    if (o->json) {
        json_t *j = progress_trainee_json(o, known, v, n, &p, &T);
        jsonout_print(j, stdout);
        json_decref(j);
    } else {
        progress_trainee_text(o, known, v, n, &p, &T);
    }
    progress_tracks_free(&T);
    store_sessions_free(v, n);
    if (db)
        store_close(db);
    return UTIL_EX_OK;
}

/* ---- the team ------------------------------------------------------------------ */

static int progress_team(const progress_opts *o)
{
    char err[1024], a[64], b[64], c[64], spark[STORE_TEAM_RECENT * 4 + 1];
    int rc;
    store *db = progress_open(&rc);
    if (rc)
        return rc;
    store_team_row *v = NULL;
    size_t n = 0;
    if (db && store_team(db, o->since, &v, &n, err, sizeof err) != 0) {
        util_warn("%s", err);
        store_close(db);
        return UTIL_EX_IOERR;
    }
    if (o->json) {
        json_t *j = json_object(), *rows = json_array();
        json_object_set_new(j, "since", o->since ? json_string(o->since) : json_null());
        for (size_t i = 0; i < n; i++) {
            const store_team_row *r = &v[i];
            json_t *e = json_object(), *recent = json_array();
            double m[SCORE_NDIM + 1];
            memcpy(m, r->dims, sizeof r->dims);
            m[SCORE_NDIM] = r->overall;
            json_object_set_new(e, "name", json_string(r->name));
            json_object_set_new(e, "sessions", json_integer((json_int_t)r->sessions));
            json_object_set_new(e, "finished", json_integer((json_int_t)r->finished));
            json_object_set_new(e, "overall", progress_num(r->scored > 0, r->overall));
            json_object_set_new(e, "means", r->scored ? progress_dims_json(m, 1) : json_null());
            json_object_set_new(e, "weakest",
                                r->scored ? json_string(score_dim_name(
                                                (score_dim)progress_weakest(r->dims)))
                                          : json_null());
            json_object_set_new(e, "last_active",
                                r->last_active ? json_string(r->last_active) : json_null());
            for (size_t k = 0; k < r->n_recent; k++)
                json_array_append_new(recent, json_real(progress_r1(r->recent[k])));
            json_object_set_new(e, "recent", recent);
            json_array_append_new(rows, e);
        }
        json_object_set_new(j, "trainees", rows);
        jsonout_print(j, stdout);
        json_decref(j);
    } else if (!n) {
        puts(_("no trainees in the progress database yet"));
    } else {
        struct view vw;
        view_init(&vw, stdout, o->plain);
        progress_table tb;
        progress_table_init(&tb, 6);
        progress_table_row(&tb, _("TRAINEE"), _("SESSIONS"), _("OVERALL"), _("WEAKEST"),
                           _("LAST ACTIVE"), _("RECENT"));
        for (size_t i = 0; i < n; i++) {
            const store_team_row *r = &v[i];
            progress_spark(r->recent, r->n_recent, STORE_TEAM_RECENT, vw.ascii, spark,
                           sizeof spark);
            progress_table_row(&tb, r->name, progress_fmt(a, sizeof a, "%zu", r->sessions),
                               r->scored ? progress_fmt(b, sizeof b, "%.1f", r->overall) : "-",
                               r->scored ? view_dim_name((score_dim)progress_weakest(r->dims))
                                         : "-",
                               r->last_active ? progress_day(r->last_active, c) : "-", spark);
        }
        progress_table_print(&tb, &vw, 0);
    }
    store_team_free(v, n);
    if (db)
        store_close(db);
    return UTIL_EX_OK;
}

/* ---- arguments ------------------------------------------------------------------ */

/* YYYY-MM-DD, optionally followed by THH:MM[:SS][Z]. */
static int progress_date_ok(const char *s)
{
    static const char pat[] = "dddd-dd-dd";
    size_t n = strlen(s);
    if (n < 10)
        return 0;
    for (size_t i = 0; i < 10; i++)
        if (pat[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != pat[i])
            return 0;
    if (n == 10)
        return 1;
    if (s[10] != 'T' || n < 16)
        return 0;
    for (size_t i = 11; i < n; i++)
        if (!isdigit((unsigned char)s[i]) && s[i] != ':' && !(s[i] == 'Z' && i + 1 == n))
            return 0;
    return 1;
}

static int progress_main(int argc, char **argv)
{
    progress_opts o = {cmd_trainee, NULL, 0, 0, bidi_plain_enabled(),
                       i18n_score_lang()};
    int own_trainee = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            cmd_print_help(&cmd_progress, stdout);
            return UTIL_EX_OK;
        } else if (strcmp(a, "--json") == 0 || strcmp(a, "-j") == 0) {
            o.json = 1;
        } else if (strcmp(a, "--team") == 0) {
            o.team = 1;
        } else if (strcmp(a, "--plain") == 0) {
            o.plain = 1;
        } else if (strcmp(a, "--trainee") == 0 || strcmp(a, "--since") == 0) {
            if (i + 1 == argc)
                return cmd_usage_error(&cmd_progress, _("progress: option '%s' needs a value"), a);
            if (a[2] == 't') {
                o.trainee = argv[++i];
                own_trainee = 1;
                if (!*o.trainee)
                    return cmd_usage_error(&cmd_progress, _("progress: the trainee's name is empty"));
            } else {
                o.since = argv[++i];
                if (!progress_date_ok(o.since))
                    return cmd_usage_error(&cmd_progress, _("progress: --since wants a date "
                                           "like 2026-11-01, not '%s'"), o.since);
            }
        } else if (a[0] == '-' && a[1]) {
            return cmd_usage_error(&cmd_progress, _("progress: unknown option '%s'"), a);
        } else {
            return cmd_usage_error(&cmd_progress, _("progress: unexpected argument '%s'"), a);
        }
    }
    if (o.team && own_trainee)
        return cmd_usage_error(&cmd_progress, _("progress: --trainee and --team "
                               "exclude each other"));
    if (o.team)
        return progress_team(&o);
    if (!o.trainee || !*o.trainee)
        return cmd_usage_error(&cmd_progress, _("progress: whose? give --trainee NAME "
                               "(or --team for everyone)"));
    return progress_trainee(&o);
}

const struct cmd_entry cmd_progress = {
    .name = "progress",
    .fn = progress_main,
    .summary = N_("a trainee's progress, or the team's, from the progress database"),
    .usage = "hamdel progress --trainee NAME [--since DATE] [--plain] [--json]\n"
             "       hamdel progress --team [--since DATE] [--plain] [--json]",
    .help =
        N_("Reads the progress database (HAMDEL_DB, the global --db, or the\n"
        "default file; 'hamdel help play' tells how sessions get there).\n"
        "\n"
        "For one trainee: sessions, how many reached an ending and how many\n"
        "were interrupted; the means of the finished sessions per dimension\n"
        "and overall; the trend (the mean of the last 5 results minus that of\n"
        "the first 5; with fewer than 10, of the last and first half); the\n"
        "best and weakest dimension; a sparkline per dimension over the\n"
        "sessions; the last 5 sessions; and every track's passed steps,\n"
        "certification and next step (tracks count all sessions, whatever\n"
        "--since says). A trainee sees only their own progress.\n"
        "\n"
        "Options:\n"
        "  --trainee NAME    whose progress (default: the global --trainee)\n"
        "  --team            one row per trainee instead, sorted by name:\n"
        "                    sessions, overall mean, weakest dimension, last\n"
        "                    active day and a sparkline of the latest results\n"
        "  --since DATE      only sessions started then or later (2026-11-01\n"
        "                    or 2026-11-01T09:00:00Z, UTC)\n"
        "  --plain           ASCII sparklines, no colour (also the global one)\n"
        "  -j, --json        one JSON document: {trainee, known, since,\n"
        "                    sessions: [{id, scenario, language, started,\n"
        "                    ended, ending, interrupted, finished, workshop,\n"
        "                    turns, empathy, action, honesty, boundaries,\n"
        "                    overall}], session_count, finished, interrupted,\n"
        "                    means, trend, best, weakest, tracks: [{id, title,\n"
        "                    steps, passed, next, certified, certified_at,\n"
        "                    certified_overall}]}; with --team {since,\n"
        "                    trainees: [{name, sessions, finished, overall,\n"
        "                    means, weakest, last_active, recent}]}\n"
        "\n"
        "A trainee with no sessions is not an error: the report says so (exit\n"
        "0; in JSON known is false). Without --trainee or --team: exit 64. A\n"
        "database that cannot be opened exits as 'import' does (65, 75, 74).\n"),
};
