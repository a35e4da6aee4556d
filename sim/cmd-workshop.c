/*
 * cmd-workshop.c - `hamdel workshop`: a room of trainees answers the same
 * customer on one shared terminal, and compares the replies side by side.
 *
 * This file owns the command's options and help, finds the rounds'
 * scenarios (scn-pick.c), checks the players' names, and runs the
 * workshop (workshop-run.c) with replies from the room at a terminal
 * (repl-workshop.c) or, scripted, from stdin: one line per player per
 * line of the customer, in player order (a blank line passes), the best
 * reply going on. At the end it prints --json and writes --results.
 */
#include "cmd.h"
#include "i18n.h"
#include "json-out.h"
#include "outfile.h"
#include "repl.h"
#include "rubrics.h"
#include "scn-pick.h"
#include "term.h"
#include "util.h"
#include "workshop-run.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct workshop_opts {
    const char *rounds[WKS_MAX_ROUNDS]; /* ID or ID:LANG, in order */
    size_t n_rounds;
    const char *players, *lang_name, *transcript, *db, *results, *ui_lang;
    int json, plain, bidi;
};

static const struct option workshop_longopts[] = {
    {"players", required_argument, NULL, 'P'},
    {"rounds", required_argument, NULL, 'r'},
    {"lang", required_argument, NULL, 'l'},
    {"transcript", required_argument, NULL, 't'},
    {"db", required_argument, NULL, 'D'},
    {"results", required_argument, NULL, 'R'},
    {"json", no_argument, NULL, 'j'},
    {"plain", no_argument, NULL, 'p'},
    {"bidi", no_argument, NULL, 'b'},
    {"ui-lang", required_argument, NULL, 'u'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Add one round; 0, or 64 after the message. */
static int workshop_add_round(struct workshop_opts *o, const char *what)
{
    if (!*what)
        return cmd_usage_error(&cmd_workshop, _("workshop: an empty scenario "
                               "name in the rounds"));
    if (o->n_rounds == WKS_MAX_ROUNDS)
        return cmd_usage_error(&cmd_workshop, _("workshop: at most %d rounds"),
                               WKS_MAX_ROUNDS);
    o->rounds[o->n_rounds++] = what;
    return 0;
}

/* --rounds A,B,C: split in place (optarg points into argv). */
static int workshop_add_rounds(struct workshop_opts *o, char *list)
{
    for (char *save = NULL, *s = strtok_r(list, ",", &save); s;
         s = strtok_r(NULL, ",", &save)) {
        int rc = workshop_add_round(o, s);
        if (rc)
            return rc;
    }
    return 0;
}

/* Returns -1 to go on, or an exit status (help shown, usage error). */
static int workshop_parse(struct workshop_opts *o, int argc, char **argv)
{
    int c, rc;
    char *later[WKS_MAX_ROUNDS];
    size_t n_later = 0;
    memset(o, 0, sizeof *o);
    cmd_getopt_reset();
    while ((c = getopt_long(argc, argv, ":P:r:l:t:jh", workshop_longopts,
                            NULL)) != -1) {
        switch (c) {
        case 'h': cmd_print_help(&cmd_workshop, stdout); return UTIL_EX_OK;
        case 'P': o->players = optarg; break;
        case 'r':
            if (n_later == WKS_MAX_ROUNDS)
                return cmd_usage_error(&cmd_workshop, _("workshop: at most "
                                       "%d rounds"), WKS_MAX_ROUNDS);
            later[n_later++] = optarg;
            break;
        case 'l': o->lang_name = optarg; break;
        case 't': o->transcript = optarg; break;
        case 'D': o->db = optarg; break;
        case 'R': o->results = optarg; break;
        case 'j': o->json = 1; break;
        case 'p': o->plain = 1; break;
        case 'b': o->bidi = 1; break;
        case 'u': o->ui_lang = optarg; break;
        case ':':
            return cmd_usage_error(&cmd_workshop, _("workshop: option '%s' "
                                   "needs a value"), argv[optind - 1]);
        default:
            return cmd_usage_error(&cmd_workshop, _("workshop: unknown option "
                                   "'%s'"), argv[optind - 1]);
        }
    }
    for (int i = optind; i < argc; i++)
        if ((rc = workshop_add_round(o, argv[i])) != 0)
            return rc;
    for (size_t i = 0; i < n_later; i++)
        if ((rc = workshop_add_rounds(o, later[i])) != 0)
            return rc;
    if (!o->db)
        o->db = cmd_db;
    if (o->n_rounds == 0)
        return cmd_usage_error(&cmd_workshop, _("workshop: which scenario? "
                               "(an id from 'hamdel list', or a file)"));
    if (!o->players)
        return cmd_usage_error(&cmd_workshop, _("workshop: who plays? Give "
                               "--players NAME,NAME,..."));
    return -1;
}

/* ---- the players ------------------------------------------------------------ */

/* The message for a refused name, shown escaped: the name may hold the
 * very control characters that got it refused. */
static int workshop_bad_name(const char *s, size_t len)
{
    char *shown = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&shown, &n);
    if (m) {
        term_put_clean(m, s, len, 60, 0);
        fclose(m);
    }
    int rc = cmd_usage_error(&cmd_workshop, _("workshop: '%s' cannot be a "
                             "player's name (1 to %d characters, no control "
                             "or direction-changing characters)"),
                             shown ? shown : "?", WKS_MAX_NAME);
    free(shown);
    return rc;
}

/* Split --players into trimmed names; 0, or 64 after the message. */
static int workshop_players(const char *list, char ***out, size_t *n)
{
    char *copy = util_xstrdup(list);
    char **v = util_xmalloc((WKS_MAX_PLAYERS + 1) * sizeof *v);
    size_t k = 0;
    int rc = 0;
    for (char *save = NULL, *s = strtok_r(copy, ",", &save); s && !rc;
         s = strtok_r(NULL, ",", &save)) {
        while (*s == ' ' || *s == '\t')
            s++;
        size_t len = strlen(s);
        while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
            s[--len] = '\0';
        if (k == WKS_MAX_PLAYERS)
            rc = cmd_usage_error(&cmd_workshop, _("workshop: at most %d "
                                 "players"), WKS_MAX_PLAYERS);
        else if (!util_name_ok(s, len, WKS_MAX_NAME))
            rc = workshop_bad_name(s, len);
        for (size_t i = 0; i < k && !rc; i++)
            if (strcmp(v[i], s) == 0)
                rc = cmd_usage_error(&cmd_workshop, _("workshop: '%s' is in "
                                     "the players twice"), s);
        if (!rc)
            v[k++] = util_xstrdup(s);
    }
    free(copy);
    if (!rc && k < WKS_MIN_PLAYERS)
        rc = cmd_usage_error(&cmd_workshop, _("workshop: a workshop needs at "
                             "least %d players"), WKS_MIN_PLAYERS);
    if (rc) {
        for (size_t i = 0; i < k; i++)
            free(v[i]);
        free(v);
        return rc;
    }
    *out = v;
    *n = k;
    return 0;
}

/* ---- the rounds ------------------------------------------------------------- */

static int workshop_plan(const struct workshop_opts *o, struct scnp_src *src,
                         const scn_opts *so, struct wksj_plan *plan)
{
    for (size_t i = 0; i < o->n_rounds; i++) {
        char id[4096];
        const char *lang = scnp_split_lang(o->rounds[i], id, sizeof id);
        int rc = scnp_load(src, id, so, &plan[i].s);
        if (rc == 0)
            rc = scnp_lang(lang ? lang : o->lang_name, plan[i].s, &plan[i].lang);
        if (rc)
            return rc;
    }
    return 0;
}

/* ---- scripted input ------------------------------------------------------------ */

struct workshop_script {
    char *buf;
    size_t cap;
};

/* One line per player per customer line; a blank one passes. */
static int workshop_script_reply(struct wks_run *run, size_t p, char **text)
{
    struct workshop_script *sc = run->io.ud;
    size_t len;
    int cut;
    const char *line = util_read_line(stdin, SCORE_MAX_REPLY, &len, &sc->buf,
                                      &sc->cap, &cut);
    if (!line)
        return WKS_IN_END;
    if (cut)
        util_warn(_("%s's reply is longer than %u bytes; only the first %u "
                  "are graded"), run->w->players[p], SCORE_MAX_REPLY,
                  SCORE_MAX_REPLY);
    if (util_blank(line, len))
        return WKS_IN_PASS;
    *text = util_xmalloc(len + 1);
    memcpy(*text, line, len + 1);
    return WKS_IN_REPLY;
}

/* ---- after the workshop -------------------------------------------------------- */

struct workshop_csv {
    const struct wks_run *run;
};

static int workshop_csv_write(FILE *f, void *ud)
{
    const struct wks_run *r = ((struct workshop_csv *)ud)->run;
    const wks *w = r->w;
    static const char *const head[] = {"workshop", "round", "scenario", "lang",
        "turn", "node", "player", "rank", "picked", "empathy", "action",
        "honesty", "boundaries", "overall", "reply"};
    fputs("\xEF\xBB\xBF", f); /* spreadsheets read UTF-8 by its BOM */
    for (size_t i = 0; i < sizeof head / sizeof *head; i++)
        outf_csv_field(f, head[i], i + 1 == sizeof head / sizeof *head);
    for (size_t i = 0; i < w->n_replies; i++) {
        const wks_reply *x = &w->replies[i];
        const wks_round *rd = &w->rounds[x->round];
        char num[32];
        outf_csv_field(f, r->id, 0);
        snprintf(num, sizeof num, "%d", x->round + 1);
        outf_csv_field(f, num, 0);
        outf_csv_field(f, rd->s->id, 0);
        outf_csv_field(f, score_lang_name(rd->lang), 0);
        snprintf(num, sizeof num, "%d", x->turn);
        outf_csv_field(f, num, 0);
        outf_csv_field(f, x->t.node_id, 0);
        outf_csv_field(f, w->players[x->player], 0);
        snprintf(num, sizeof num, "%d", x->rank);
        outf_csv_field(f, x->passed ? "" : num, 0);
        outf_csv_field(f, x->picked ? "1" : "0", 0);
        for (int d = 0; d <= SCORE_NDIM; d++) {
            double v = d < SCORE_NDIM ? x->t.scores[d] : x->t.overall;
            snprintf(num, sizeof num, "%.1f", view_r1(v));
            outf_csv_field(f, x->passed ? "" : num, 0);
        }
        outf_csv_field(f, x->passed ? "" : x->t.reply, 1);
    }
    return ferror(f) ? UTIL_EX_IOERR : 0;
}

static void workshop_json(const struct wks_run *r)
{
    wks_sum sum;
    wks_summarise(r->w, &sum);
    json_t *o = wksj_document(r->id, r->w, &sum, r->path, r->ended != 0);
    wks_sum_free(&sum);
    if (jsonout_print(o, stdout) != 0)
        util_die(UTIL_EX_IOERR, "cannot write the result");
    json_decref(o);
}

static int workshop_run(const struct workshop_opts *o, struct wks_run *r)
{
    struct workshop_script sc = {NULL, 0};
    int rc;
    if (!o->json && repl_wanted()) {
        struct repl_opts ro = {o->ui_lang, o->bidi, o->plain, NULL, o->db};
        rc = repl_workshop(&ro, r);
    } else {
        r->io.reply = workshop_script_reply;
        r->io.ud = &sc;
        rc = wks_run_all(r);
    }
    free(sc.buf);
    if (r->path && o->json)
        workshop_json(r);
    else if (r->path && !o->json)
        printf(_("transcript: %s\n"), r->path);
    if (r->path && o->results) {
        struct workshop_csv c = {r};
        int wrc = outf_atomic(o->results, workshop_csv_write, &c);
        rc = rc ? rc : wrc;
    }
    return rc;
}

static int workshop_main(int argc, char **argv)
{
    struct workshop_opts o;
    int rc = workshop_parse(&o, argc, argv);
    if (rc >= 0)
        return rc;
    char **players = NULL;
    size_t n_players = 0;
    if ((rc = workshop_players(o.players, &players, &n_players)) != 0)
        return rc;
    struct rubrics rs;
    rubrics_init(&rs, NULL, 0);
    scn_opts so = {scnp_kind_ok, &rs};
    struct scnp_src src;
    memset(&src, 0, sizeof src);
    struct wksj_plan plan[WKS_MAX_ROUNDS];
    rc = workshop_plan(&o, &src, &so, plan);
    if (rc == 0) {
        struct wks_run r;
        memset(&r, 0, sizeof r);
        r.w = wks_new((const char *const *)players, n_players);
        r.plan = plan;
        r.n_plan = o.n_rounds;
        r.rs = &rs;
        r.quiet = o.json;
        r.transcript = o.transcript;
        r.db = o.db;
        view_init(&r.v, stdout, o.plain);
        rc = workshop_run(&o, &r);
        wks_run_free(&r);
        wks_free(r.w);
    }
    for (size_t i = 0; i < n_players; i++)
        free(players[i]);
    free(players);
    scnp_free(&src);
    rubrics_free(&rs);
    return rc;
}

const struct cmd_entry cmd_workshop = {
    .name = "workshop",
    .fn = workshop_main,
    .summary = N_("a room of trainees answers the same customer, side by side"),
    .usage = "hamdel workshop ID[:LANG] [ID[:LANG]...] --players NAME,NAME,...\n"
             "       [--rounds ID[:LANG],...] [--lang en|fa] [--db FILE]\n"
             "       [--transcript FILE] [--results FILE.csv] [--json]\n"
             "       [--ui-lang en|fa] [--bidi] [--plain]",
    .help = N_(
        "Runs a workshop on one shared screen: the customer speaks, every\n"
        "player writes a reply in turn (the screen hides each reply once it\n"
        "is entered), then all replies appear side by side, ranked, with\n"
        "their four scores, what mattered most and the model answer. The\n"
        "facilitator chooses which reply the conversation goes on with.\n"
        "Several scenarios are several rounds; at the end comes the team\n"
        "summary: each player's means, the most improved player, the reply\n"
        "of the day per dimension and the lines the room found hardest.\n"
        "\n"
        "  -P, --players LIST    2 to 12 names, comma separated, in the\n"
        "                        order they answer\n"
        "  -r, --rounds LIST     more scenarios, played after the first\n"
        "                        (ID:fa plays that round in Persian)\n"
        "  -l, --lang LANG       en or fa for every round without its own\n"
        "  -t, --transcript FILE the workshop's transcript (never\n"
        "                        overwritten; default: workshop-*.jsonl in\n"
        "                        the sessions folder)\n"
        "      --db FILE         the progress database (default: $HAMDEL_DB,\n"
        "                        else hamdel.db in the data folder); every\n"
        "                        reply is recorded under its player's name\n"
        "      --results FILE    a CSV file: one row per player per line\n"
        "  -j, --json            one JSON object at the end instead of text\n"
        "      --plain           ASCII only, no colour, replies one after\n"
        "                        another\n"
        "      --ui-lang LANG    hamdel's own messages in en or fa\n"
        "      --bidi            reorder right-to-left text for terminals\n"
        "                        that don't\n"
        "\n"
        "At a player's prompt: /pass skips this line, /hint shows the\n"
        "trainer's hint, /quit ends the workshop. At the facilitator's\n"
        "prompt: Enter goes on with the best reply, /pick N with reply N,\n"
        "/each shows what each reply would have caused, /model shows the\n"
        "model answer again, /quit ends the workshop.\n"
        "\n"
        "With stdin not a terminal (a demo, a test): one line per player per\n"
        "customer line, in player order; a blank line passes; the best reply\n"
        "goes on.\n"
        "\n"
        "Exit status: 0 done (or /quit), 64 usage, 65 invalid scenario, 66\n"
        "no such scenario, 73 the transcript or results file cannot be\n"
        "created, 74 read/write error, 75 the input ended before the\n"
        "workshop did.\n"),
};
