/*
 * cmd-report.c - `hamdel report`: a trainee's or the team's progress as a
 * self-contained HTML page (report-html.h) or a CSV of every turn.
 *
 * The numbers come from the progress store (store-report.c), aggregated
 * in SQL; model answers and customer lines of the hardest nodes from the
 * scenario library. Each file is written to a temporary file next to it
 * and renamed into place, so a crash never leaves half a report.
 */
#include "cmd.h"
#include "i18n.h"
#include "report-html.h"
#include "scn.h"
#include "outfile.h"
#include "store.h"
#include "track.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define REPORT_N_HARDEST 5

struct report_opts {
    const char *db, *trainee, *since, *html, *csv;
    int team;
};

static const struct option report_longopts[] = {
    {"db", required_argument, NULL, 'D'},
    {"trainee", required_argument, NULL, 'T'},
    {"team", no_argument, NULL, 't'},
    {"since", required_argument, NULL, 's'},
    {"html", required_argument, NULL, 'H'},
    {"csv", required_argument, NULL, 'C'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* YYYY-MM-DD naming a real day. */
static int report_date_ok(const char *s)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return 0;
    return !(m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
}

static int report_parse(struct report_opts *o, int argc, char **argv)
{
    int c;
    memset(o, 0, sizeof *o);
    cmd_getopt_reset();
    while ((c = getopt_long(argc, argv, ":h", report_longopts, NULL)) != -1) {
        switch (c) {
        case 'h': cmd_print_help(&cmd_report, stdout); return UTIL_EX_OK;
        case 'D': o->db = optarg; break;
        case 'T': o->trainee = optarg; break;
        case 't': o->team = 1; break;
        case 's': o->since = optarg; break;
        case 'H': o->html = optarg; break;
        case 'C': o->csv = optarg; break;
        case ':':
            return cmd_usage_error(&cmd_report, _("report: option '%s' needs a value"),
                                   argv[optind - 1]);
        default:
            return cmd_usage_error(&cmd_report, _("report: unknown option '%s'"),
                                   argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cmd_usage_error(&cmd_report, _("report: unexpected argument '%s'"),
                               argv[optind]);
    if (!o->db)
        o->db = cmd_db;
    if (!o->trainee && !o->team)
        o->trainee = cmd_trainee;
    if (o->trainee && o->team)
        return cmd_usage_error(&cmd_report, _("report: --trainee and --team "
                               "exclude each other"));
    if (o->trainee && !*o->trainee)
        return cmd_usage_error(&cmd_report, _("report: --trainee needs a name"));
    if (!o->trainee && !o->team)
        return cmd_usage_error(&cmd_report, _("report: whose report? Give "
                               "--trainee NAME or --team"));
    if (o->since && !report_date_ok(o->since))
        return cmd_usage_error(&cmd_report, _("report: --since wants a date as "
                               "YYYY-MM-DD, not '%s'"), o->since);
    if (!o->html && !o->csv)
        return cmd_usage_error(&cmd_report, _("report: which file? Give --html "
                               "FILE or --csv FILE"));
    return -1;
}

/* ---- CSV ---- */

struct report_csv {
    store *db;
    const store_rep_filter *flt;
    char err[4200];
};

static int report_csv_row(const store_rep_turn *t, void *ud)
{
    FILE *f = ud;
    char num[32];
    outf_csv_field(f, t->trainee, 0);
    outf_csv_field(f, t->session, 0);
    outf_csv_field(f, t->scenario, 0);
    outf_csv_field(f, t->lang, 0);
    outf_csv_field(f, t->started, 0);
    snprintf(num, sizeof num, "%d", t->number);
    outf_csv_field(f, num, 0);
    outf_csv_field(f, t->node, 0);
    for (int d = 0; d < SCORE_NDIM; d++) {
        snprintf(num, sizeof num, "%.1f", t->dims[d]);
        outf_csv_field(f, num, 0);
    }
    snprintf(num, sizeof num, "%.1f", t->overall);
    outf_csv_field(f, num, 0);
    outf_csv_field(f, t->reply, 1);
    return ferror(f) ? UTIL_EX_IOERR : 0;
}

static int report_csv_write(FILE *f, void *ud)
{
    struct report_csv *c = ud;
    fputs("\xEF\xBB\xBF" "trainee,session,scenario,lang,started,turn,node,"
          "empathy,action,honesty,boundaries,overall,reply\r\n", f);
    int rc = store_rep_turns(c->db, c->flt, report_csv_row, f, c->err,
                             sizeof c->err);
    if (rc == STORE_EDB) {
        util_warn("%s", c->err);
        return UTIL_EX_IOERR;
    }
    return rc;
}

/* ---- HTML ---- */

static int report_html_write(FILE *f, void *ud)
{
    rh_write(f, ud); /* a write error shows in ferror: report_atomic */
    return 0;
}

/* The customer lines and model answers of the hardest nodes. */
static void report_models(const store_rep_hard *h, size_t n, const char **cust,
                          const char **model, scn_library *lib)
{
    score_error e;
    score_rubric *rub = score_rubric_load(SCORE_LANG_EN, NULL, 0, &e);
    scn_opts so = {rub ? scn_rubric_kind_ok : NULL, rub};
    scn_diags ignored = {0};
    const char *dir = scn_library_default_dir();
    scn_library_load(&dir, 1, &so, lib, &ignored);
    scn_diags_free(&ignored);
    for (size_t i = 0; i < n; i++) {
        const scn_scenario *s = scn_library_find(lib, h[i].scenario);
        int k = s ? scn_node_index(s, h[i].node) : -1;
        cust[i] = k >= 0 ? scn_text_get(&s->nodes[k].customer, h[i].lang) : NULL;
        model[i] = k >= 0 ? scn_text_get(&s->nodes[k].model_answer, h[i].lang) : NULL;
    }
    score_rubric_free(rub);
}

/* Every reported trainee on every track, from all their finished sessions
 * (tracks ignore --since, as in `progress`). `sess` is ordered by trainee. */
static struct rh_cert *report_certs(store *db, const store_rep_session *sess, size_t n_sess,
                                    const scn_library *lib, size_t *n, size_t *n_tracks)
{
    trk_library tl = {0};
    scn_diags ignored = {0};
    const char *dir = trk_library_default_dir();
    trk_library_load(&dir, 1, lib, &tl, &ignored);
    scn_diags_free(&ignored);
    struct rh_cert *v = NULL;
    size_t cap = 0;
    *n = 0;
    *n_tracks = tl.n;
    for (size_t i = 0; i < n_sess && tl.n; i++) {
        if (i && strcmp(sess[i].trainee, sess[i - 1].trainee) == 0)
            continue;
        trk_rows rows;
        char err[1024];
        if (trk_rows_load(db, sess[i].trainee, &rows, err, sizeof err) != 0)
            continue;
        for (size_t t = 0; t < tl.n; t++) {
            trk_status st;
            trk_status_compute(tl.v[t], rows.v, rows.n, &st);
            if (*n == cap) {
                cap = cap ? cap * 2 : 16;
                v = util_xrealloc(v, cap * sizeof *v);
            }
            struct rh_cert *c = &v[(*n)++];
            c->trainee = sess[i].trainee;
            c->track = util_xstrdup(tl.v[t]->id);
            c->title = util_xstrdup(scn_text_any(&tl.v[t]->title, i18n_score_lang()));
            c->passed = st.n_passed;
            c->steps = tl.v[t]->n_steps;
            c->certified = st.certified;
            c->certified_at = st.certified && st.certified_at ? util_xstrdup(st.certified_at) : NULL;
            c->mean = st.mean_overall;
            trk_status_free(&st);
        }
        trk_rows_free(&rows);
    }
    trk_library_free(&tl);
    return v;
}

static void report_certs_free(struct rh_cert *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].track);
        free(v[i].title);
        free(v[i].certified_at);
    }
    free(v);
}

static int report_html(store *db, const struct report_opts *o,
                       const store_rep_filter *flt, const store_rep_totals *tot)
{
    char err[4200], today[16];
    struct rh_report r;
    memset(&r, 0, sizeof r);
    time_t now = time(NULL);
    struct tm tm;
    strftime(today, sizeof today, "%Y-%m-%d", gmtime_r(&now, &tm));
    r.trainee = o->trainee;
    r.since = o->since;
    r.today = today;
    r.tot = *tot;
    store_rep_session *sess = NULL, *by_scn = NULL;
    store_rep_hard *hard = NULL;
    store_rep_workshop *ws = NULL;
    size_t n_sess = 0, n_scn = 0, n_hard = 0, n_ws = 0;
    int rc = UTIL_EX_IOERR;
    if (store_rep_sessions(db, flt, 0, &sess, &n_sess, err, sizeof err) != 0 ||
        (o->team && store_rep_sessions(db, flt, 1, &by_scn, &n_scn, err, sizeof err) != 0) ||
        (o->team && store_rep_workshops(db, flt, &ws, &n_ws, err, sizeof err) != 0) ||
        store_rep_hardest(db, flt, REPORT_N_HARDEST, &hard, &n_hard, err, sizeof err) != 0) {
        util_warn("%s", err);
        goto out;
    }
    const char *cust[REPORT_N_HARDEST] = {0}, *model[REPORT_N_HARDEST] = {0};
    scn_library lib = {0};
    report_models(hard, n_hard, cust, model, &lib);
    size_t n_certs = 0, n_tracks = 0;
    struct rh_cert *certs = report_certs(db, sess, n_sess, &lib, &n_certs, &n_tracks);
    r.certs = certs;
    r.n_certs = n_certs;
    r.n_tracks = n_tracks;
    r.sess = sess;
    r.n_sess = n_sess;
    r.by_scn = by_scn;
    r.n_by_scn = n_scn;
    r.hard = hard;
    r.n_hard = n_hard;
    r.customer = cust;
    r.model = model;
    r.workshops = ws;
    r.n_workshops = n_ws;
    rc = outf_atomic(o->html, report_html_write, &r);
    report_certs_free(certs, n_certs);
    scn_library_free(&lib);
out:
    store_rep_sessions_free(sess, n_sess);
    store_rep_sessions_free(by_scn, n_scn);
    store_rep_hardest_free(hard, n_hard);
    store_rep_workshops_free(ws, n_ws);
    return rc;
}

static int report_main(int argc, char **argv)
{
    struct report_opts o;
    int rc = report_parse(&o, argc, argv);
    if (rc >= 0)
        return rc;
    char err[4200];
    int code;
    store *db = store_open_default(o.db, err, sizeof err, &code);
    if (!db) {
        util_warn("%s", err);
        return code;
    }
    store_rep_filter flt = {o.trainee, o.since};
    store_rep_totals tot;
    if (store_rep_totals_get(db, &flt, &tot, err, sizeof err) != 0) {
        util_warn("%s", err);
        store_close(db);
        return UTIL_EX_IOERR;
    }
    if (o.trainee && tot.sessions == 0) {
        if (o.since)
            util_warn(_("report: no sessions of %s since %s in %s"), o.trainee,
                      o.since, store_file(db));
        else
            util_warn(_("report: no sessions of %s in %s"), o.trainee,
                      store_file(db));
        store_close(db);
        return UTIL_EX_NOINPUT;
    }
    rc = 0;
    if (o.html)
        rc = report_html(db, &o, &flt, &tot);
    if (rc == 0 && o.csv) {
        struct report_csv c = {db, &flt, {0}};
        rc = outf_atomic(o.csv, report_csv_write, &c);
    }
    store_close(db);
    return rc;
}

const struct cmd_entry cmd_report = {
    .name = "report",
    .fn = report_main,
    .summary = N_("write a progress report as HTML or CSV"),
    .usage = "hamdel report [--trainee NAME | --team] [--since DATE] [--db FILE]\n"
             "              (--html FILE | --csv FILE)",
    .help = N_(
        "Writes the progress of one trainee, or of everyone in the database,\n"
        "from the progress database (see 'hamdel help import').\n"
        "\n"
        "      --trainee NAME  one trainee's report (default: the global\n"
        "                      --trainee)\n"
        "      --team          everyone's report: adds the grade distribution\n"
        "                      per scenario and a table of trainees\n"
        "      --since DATE    only sessions started on or after DATE\n"
        "                      (YYYY-MM-DD, UTC)\n"
        "      --html FILE     one self-contained page: headline numbers, a\n"
        "                      profile, a trend chart per trainee and the\n"
        "                      hardest turns with the typical reply beside the\n"
        "                      model answer; no scripts, nothing fetched,\n"
        "                      prints well\n"
        "      --csv FILE      one row per graded turn (UTF-8 with a BOM,\n"
        "                      RFC 4180 quoting)\n"
        "      --db FILE       the database (default: $HAMDEL_DB, else\n"
        "                      hamdel.db in the data folder)\n"
        "\n"
        "Files are written to a temporary file and renamed into place.\n"
        "\n"
        "Exit status: 0 written, 64 usage (no --trainee or --team, a bad\n"
        "date), 66 no sessions of that trainee, 73 the file cannot be\n"
        "created, 74 a write or database read failed, 65 or 75 the database\n"
        "is damaged, not hamdel's, locked or from a newer hamdel.\n"),
};
