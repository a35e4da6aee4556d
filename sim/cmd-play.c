/*
 * cmd-play.c - `hamdel play`: play a scenario, one reply per input line.
 *
 * This file owns the command's options, help text and the text shown to
 * the trainee. It loads the scenario (an id from the library or a file;
 * lint errors are FILE:LINE:COL and exit 65), picks the language, opens
 * the durable transcript (transcript.c) and feeds every non-blank line of
 * stdin to the engine (engine.c), printing the customer's lines, the
 * grades and the customer's reactions, then the ending, the debrief and
 * the report card. When stdin and stdout are terminals (and not --json)
 * the loaded scenario goes to the interactive simulator (repl.h) instead
 * of the line loop; piped input keeps the loop, as scripts and tests do.
 * All text from scenarios and replies is printed through term.c, escaped.
 */
#include "cmd.h"
#include "i18n.h"
#include "engine.h"
#include "json-out.h"
#include "repl.h"
#include "rubrics.h"
#include "scn.h"
#include "scn-pick.h"
#include "store.h"
#include "term.h"
#include "transcript.h"
#include "util.h"
#include "view.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PLAY_EX_TEMPFAIL 75 /* input ended before an ending */
#define PLAY_TEXT_CELLS 0   /* scenario lines: never cut */
#define PLAY_SPAN_CELLS 40

struct play_opts {
    const char *what;       /* ID or FILE */
    const char *lang_name;  /* --lang, or NULL */
    const char *transcript; /* --transcript, or NULL for the default */
    int json, plain, bidi;
    const char *ui_lang;    /* --ui-lang, for the simulator */
    const char *trainee;    /* --trainee: record in the progress store */
    const char *db;         /* --db: the progress store's file */
};

static const struct option play_longopts[] = {
    {"lang", required_argument, NULL, 'l'},
    {"transcript", required_argument, NULL, 't'},
    {"json", no_argument, NULL, 'j'},
    {"plain", no_argument, NULL, 'p'},
    {"bidi", no_argument, NULL, 'b'},
    {"ui-lang", required_argument, NULL, 'u'},
    {"trainee", required_argument, NULL, 'T'},
    {"db", required_argument, NULL, 'D'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Returns -1 to go on, or an exit status (help shown, usage error). */
static int play_parse(struct play_opts *o, int argc, char **argv)
{
    int c;
    memset(o, 0, sizeof *o);
    cmd_getopt_reset();
    while ((c = getopt_long(argc, argv, ":l:t:jh", play_longopts, NULL)) != -1) {
        switch (c) {
        case 'h': cmd_print_help(&cmd_play, stdout); return UTIL_EX_OK;
        case 'l': o->lang_name = optarg; break;
        case 't': o->transcript = optarg; break;
        case 'j': o->json = 1; break;
        case 'p': o->plain = 1; break;
        case 'b': o->bidi = 1; break;
        case 'u': o->ui_lang = optarg; break;
        case 'T': o->trainee = optarg; break;
        case 'D': o->db = optarg; break;
        case ':':
            return cmd_usage_error(&cmd_play, _("play: option '%s' needs a value"),
                                   argv[optind - 1]);
        default:
            return cmd_usage_error(&cmd_play, _("play: unknown option '%s'"),
                                   argv[optind - 1]);
        }
    }
    if (!o->trainee)
        o->trainee = cmd_trainee;
    if (!o->db)
        o->db = cmd_db;
    if (o->trainee && !*o->trainee)
        return cmd_usage_error(&cmd_play, _("play: --trainee needs a name"));
    /* the name goes into tables, reports and CSV files: util_name_ok */
    if (o->trainee && !util_name_ok(o->trainee, strlen(o->trainee), UTIL_MAX_NAME))
        return cmd_usage_error(&cmd_play, _("%s: '%s' cannot be a trainee's name (1 to "
                               "%d characters, no control or direction-changing "
                               "characters)"), "play", o->trainee, UTIL_MAX_NAME);
    if (optind >= argc)
        return cmd_usage_error(&cmd_play, _("play: which scenario? (an id "
                               "from 'hamdel list', or a file)"));
    o->what = argv[optind];
    /* `play ID fa`: a language as the second word, as the simulator's
     * home command takes it */
    if (optind + 1 < argc && !o->lang_name &&
        (strcmp(argv[optind + 1], "en") == 0 || strcmp(argv[optind + 1], "fa") == 0))
        o->lang_name = argv[++optind];
    if (optind + 1 < argc)
        return cmd_usage_error(&cmd_play, _("play: unexpected argument '%s'"),
                               argv[optind + 1]);
    return -1;
}

/* Output settings of the text mode. */
struct play_out {
    FILE *f;
    int ascii;
    const eng_session *e;
};

static void play_put(const struct play_out *po, const char *s)
{
    term_put_clean(po->f, s ? s : "", s ? strlen(s) : 0, PLAY_TEXT_CELLS,
                   po->ascii);
}

/* "Ross: line" for the customer's words at the current node. */
static void play_customer(const struct play_out *po, const char *line)
{
    const scn_scenario *s = eng_scenario(po->e);
    const char *name = eng_text(po->e, &s->persona_name);
    play_put(po, *name ? name : _("customer"));
    fputs(": ", po->f);
    play_put(po, line);
    fputc('\n', po->f);
}

static void play_intro(const struct play_out *po)
{
    const scn_scenario *s = eng_scenario(po->e);
    fprintf(po->f, "== ");
    play_put(po, eng_text(po->e, &s->title));
    fprintf(po->f, " (%s, %s) ==\n", s->id, score_lang_name(eng_lang(po->e)));
    const char *sum = eng_text(po->e, &s->summary);
    if (*sum) {
        play_put(po, sum);
        fputc('\n', po->f);
    }
    fprintf(po->f, _("tension %g/10\n\n"), eng_tension(po->e));
}

/* The indices of the two findings with the biggest effect. */
static size_t play_top2(const eng_turn *t, size_t top[2])
{
    double *d = util_xmalloc((t->n_findings ? t->n_findings : 1) * sizeof *d);
    for (size_t i = 0; i < t->n_findings; i++)
        d[i] = t->findings[i].delta;
    size_t k = view_top(d, t->n_findings, top, 2);
    free(d);
    return k;
}

static void play_finding(const struct play_out *po, const eng_finding *x)
{
    fprintf(po->f, "    %+.1f %-10s %s", x->delta, score_dim_name(x->dim),
            x->kind);
    if (x->end > x->start) {
        fputs(" \"", po->f);
        term_put_clean(po->f, x->text, strlen(x->text), PLAY_SPAN_CELLS,
                       po->ascii);
        fputc('"', po->f);
    }
    if (x->tip && *x->tip) {
        fputs(po->ascii ? " -> " : " → ", po->f);
        play_put(po, x->tip);
    }
    fputc('\n', po->f);
}

static void play_grades(const struct play_out *po, const eng_turn *t)
{
    fputs("  grades:", po->f);
    for (int d = 0; d < SCORE_NDIM; d++)
        fprintf(po->f, " %s %.1f", score_dim_name((score_dim)d), t->scores[d]);
    fprintf(po->f, "  overall %.1f\n", t->overall);
    size_t top[2], k = play_top2(t, top);
    for (size_t i = 0; i < k; i++)
        play_finding(po, &t->findings[top[i]]);
}

static void play_turn(const struct play_out *po, const eng_turn *t)
{
    fputs(_("you: "), po->f);
    term_put_clean(po->f, t->reply, t->reply_len, 0, po->ascii);
    fputc('\n', po->f);
    play_grades(po, t);
    if (t->say)
        play_customer(po, t->say);
    double d = t->tension_after - t->tension_before;
    fprintf(po->f, "  tension %g -> %g (%s%g)%s\n\n", t->tension_before,
            t->tension_after, d < 0 ? "-" : "+", fabs(d),
            t->broke ? ": the customer has had enough" : "");
}

/* "turn 2 (overall 8.9): reply" for the report card. */
static void play_card_turn(const struct play_out *po, const char *label,
                           int i, const char *what)
{
    if (i < 0)
        return;
    const eng_turn *t = eng_turn_at(po->e, (size_t)i);
    fprintf(po->f, _("  %-12s turn %d (%s): "), label, t->number, what);
    term_put_clean(po->f, t->reply, t->reply_len, 60, po->ascii);
    fputc('\n', po->f);
}

static void play_card(const struct play_out *po)
{
    eng_card c;
    char what[64];
    eng_report(po->e, &c);
    fprintf(po->f, ngettext("report card (%zu turn)\n", "report card (%zu turns)\n", c.turns),
            c.turns);
    if (c.turns == 0)
        return;
    for (int d = 0; d < SCORE_NDIM; d++)
        fprintf(po->f, "  %-12s %4.1f\n", score_dim_name((score_dim)d),
                view_r1(c.mean[d]));
    fprintf(po->f, "  %-12s %4.1f\n", "overall", view_r1(c.overall));
    snprintf(what, sizeof what, _("overall %.1f"),
             eng_turn_at(po->e, (size_t)c.best)->overall);
    play_card_turn(po, _("best:"), c.best, what);
    snprintf(what, sizeof what, _("overall %.1f"),
             eng_turn_at(po->e, (size_t)c.worst)->overall);
    play_card_turn(po, _("worst:"), c.worst, what);
    snprintf(what, sizeof what, _("tension +%g"), c.cost);
    if (c.costliest >= 0)
        play_card_turn(po, _("cost most:"), c.costliest, what);
    else
        fprintf(po->f, _("  %-12s no reply raised the tension\n"), _("cost most:"));
}

static void play_ending(const struct play_out *po, const char *path)
{
    const eng_session *e = po->e;
    const scn_node *n = eng_node(e);
    if (eng_done(e)) {
        fprintf(po->f, "== ending: %s (%s) ==\n", scn_ending_name(n->ending),
                n->id);
        const char *line = eng_text(e, &n->customer);
        if (*line)
            play_customer(po, line);
        const char *debrief = eng_text(e, &n->debrief);
        if (*debrief) {
            fputs(_("debrief: "), po->f);
            play_put(po, debrief);
            fputc('\n', po->f);
        }
    } else {
        fprintf(po->f, "== the conversation stopped before an ending "
                "(at %s) ==\n", n->id);
    }
    fputc('\n', po->f);
    play_card(po);
    if (path) {
        fputs(_("transcript: "), po->f);
        play_put(po, path);
        fputc('\n', po->f);
    }
}

/* --json: the whole session as one object at the end. */
static void play_json(const eng_session *e, const char *path)
{
    json_t *o = json_object(), *turns = json_array();
    const scn_node *n = eng_node(e);
    for (size_t i = 0; i < eng_n_turns(e); i++)
        json_array_append_new(turns, trs_turn_json(e, eng_turn_at(e, i)));
    json_object_set_new(o, "scenario", json_string(eng_scenario(e)->id));
    json_object_set_new(o, "lang", json_string(score_lang_name(eng_lang(e))));
    json_object_set_new(o, "transcript", path ? json_string(path) : json_null());
    json_object_set_new(o, "turns", turns);
    json_object_set_new(o, "ending", eng_done(e)
                        ? json_string(scn_ending_name(n->ending)) : json_null());
    json_object_set_new(o, "node", json_string(n->id));
    json_object_set_new(o, "interrupted", json_boolean(!eng_done(e)));
    json_object_set_new(o, "debrief", json_string(eng_text(e, &n->debrief)));
    json_object_set_new(o, "summary", trs_summary_json(e));
    if (jsonout_print(o, stdout) != 0)
        util_die(UTIL_EX_IOERR, "cannot write the result");
    json_decref(o);
}

/* Everything one run needs. */
struct play_run {
    const struct play_opts *o;
    eng_session *e;
    trs *t;
    store_live *live; /* recording in the progress store, or NULL */
    struct play_out po;
};

/* Grade one input line (a line without words is skipped with a note). */
static void play_line(struct play_run *r, const char *line, size_t len,
                     unsigned long lineno, int *shown)
{
    const eng_turn *turn;
    int rc = eng_reply(r->e, line, len, &turn);
    if (rc == SCORE_EEMPTY) {
        util_warn("line %lu has no words; skipped", lineno);
        return;
    }
    if (rc != SCORE_OK)
        util_die(UTIL_EX_SOFTWARE, "the scorer failed (code %d)", rc);
    if (trs_turn(r->t, r->e) != 0)
        util_die(UTIL_EX_IOERR, "cannot write the transcript %s: %s",
                 trs_path(r->t), strerror(errno));
    if (!r->o->json)
        play_turn(&r->po, turn);
    *shown = 0;
}

/* Show the customer, read replies until an ending or the end of input. */
static int play_loop(struct play_run *r)
{
    char *buf = NULL;
    size_t cap = 0, len;
    unsigned long lineno = 0;
    int shown = 0, tty = isatty(STDIN_FILENO), rc = 0;
    while (!eng_done(r->e)) {
        if (!shown && !r->o->json)
            play_customer(&r->po, eng_text(r->e, &eng_node(r->e)->customer));
        shown = 1;
        if (tty) {
            fflush(stdout);
            fputs("> ", stderr);
        }
        int cut;
        const char *line = util_read_line(stdin, SCORE_MAX_REPLY, &len, &buf,
                                          &cap, &cut);
        if (!line)
            break;
        lineno++;
        if (cut)
            util_warn(_("line %lu is longer than %u bytes; only the first "
                      "%u are graded"), lineno, SCORE_MAX_REPLY, SCORE_MAX_REPLY);
        if (!util_blank(line, len))
            play_line(r, line, len, lineno, &shown);
    }
    if (ferror(stdin)) {
        util_warn("cannot read the replies: %s", strerror(errno));
        rc = UTIL_EX_IOERR;
    }
    free(buf);
    return rc;
}

/* The transcript: --transcript, else a new file under the data dir. */
static int play_open_transcript(struct play_run *r)
{
    char err[4200];
    int code = UTIL_EX_IOERR;
    r->t = trs_start(r->o->transcript, r->e, r->o->trainee, err, sizeof err, &code);
    if (!r->t) {
        util_warn("%s", err);
        return code;
    }
    if (r->o->trainee || r->o->db)
        r->live = store_live_start(r->t, r->o->db, r->o->trainee);
    return 0;
}

/* Close the transcript and report; the exit status of the session. */
static int play_finish(struct play_run *r, int rc)
{
    char *path = util_xstrdup(trs_path(r->t));
    if (trs_close(r->t, r->e) != 0 && rc == 0) {
        util_warn("cannot finish the transcript %s: %s", path, strerror(errno));
        rc = UTIL_EX_IOERR;
    }
    r->t = NULL;
    store_live_stop(r->live);
    r->live = NULL;
    if (r->o->json)
        play_json(r->e, path);
    else
        play_ending(&r->po, path);
    free(path);
    if (rc == 0 && !eng_done(r->e)) {
        util_warn("the input ended before the conversation did; the "
                  "transcript says it was interrupted");
        rc = PLAY_EX_TEMPFAIL;
    }
    return rc;
}

static int play_session(const struct play_opts *o, const scn_scenario *s,
                        score_lang lang, struct rubrics *rs)
{
    struct play_run r = {o, NULL, NULL, NULL, {stdout, o->plain, NULL}};
    r.e = eng_start(s, lang, rubrics_get(rs, lang));
    r.po.e = r.e;
    r.po.ascii = o->plain;
    int rc = play_open_transcript(&r);
    if (rc == 0) {
        if (!o->json)
            play_intro(&r.po);
        rc = play_finish(&r, play_loop(&r));
    }
    eng_free(r.e);
    return rc;
}

static int play_main(int argc, char **argv)
{
    struct play_opts o;
    int rc = play_parse(&o, argc, argv);
    if (rc >= 0)
        return rc;
    struct rubrics rs;
    rubrics_init(&rs, NULL, 0);
    scn_opts so = {scnp_kind_ok, &rs};
    struct scnp_src src;
    memset(&src, 0, sizeof src);
    const scn_scenario *s = NULL;
    char id[4096];
    const char *suffix = scnp_split_lang(o.what, id, sizeof id); /* ID:fa */
    rc = scnp_load(&src, id, &so, &s);
    score_lang lang = SCORE_LANG_EN;
    if (rc == 0)
        rc = scnp_lang(suffix ? suffix : o.lang_name, s, &lang);
    if (rc == 0 && !o.json && repl_wanted()) {
        struct repl_opts ro = {o.ui_lang, o.bidi, o.plain, o.trainee, o.db};
        rc = repl_play(&ro, s, lang, o.transcript);
    } else if (rc == 0) {
        rc = play_session(&o, s, lang, &rs);
    }
    scnp_free(&src);
    rubrics_free(&rs);
    return rc;
}

const struct cmd_entry cmd_play = {
    .name = "play",
    .fn = play_main,
    .summary = N_("play a scenario: one reply per line of stdin"),
    .usage = "hamdel play ID[:LANG]|FILE [en|fa] [--lang en|fa] [--transcript FILE] [--json]\n"
             "       [--trainee NAME] [--db FILE] [--ui-lang en|fa] [--bidi] [--plain]",
    .help = N_(
        "Plays a scenario (an id from the library, see 'hamdel list', or a\n"
        "scenario file). The customer speaks; every non-blank line of stdin\n"
        "is your next reply. Each reply is graded in the conversation's\n"
        "context, the customer reacts and the tension moves; at the end you\n"
        "get the ending, the trainer's debrief and a report card.\n"
        "\n"
        "  -l, --lang LANG       en or fa, also written 'ID fa' or 'ID:fa'\n"
        "                        (default: en when the scenario has it, else\n"
        "                        its first language)\n"
        "  -t, --transcript FILE write the transcript here (never overwritten;\n"
        "                        default: $HAMDEL_HOME/sessions/, else\n"
        "                        $XDG_DATA_HOME/hamdel/sessions/, else\n"
        "                        ~/.local/share/hamdel/sessions/)\n"
        "  -j, --json            one JSON object at the end instead of text\n"
        "      --trainee NAME    record every turn in the progress database\n"
        "                        under this trainee's name, as it is played\n"
        "      --db FILE         the progress database (default: $HAMDEL_DB,\n"
        "                        else hamdel.db next to the sessions folder);\n"
        "                        given alone, records without a name\n"
        "      --plain           ASCII punctuation only, no colour\n"
        "      --ui-lang LANG    the simulator's own messages in en or fa\n"
        "      --bidi            reorder right-to-left lines for terminals\n"
        "                        that don't (see 'hamdel help')\n"
        "\n"
        "On a terminal, play opens the interactive simulator at this\n"
        "scenario (/help there lists its commands); with piped input it\n"
        "reads one reply per line as described here.\n"
        "\n"
        "The transcript is JSON Lines, written and synced after every turn;\n"
        "a conversation cut short (end of input, a signal) is marked\n"
        "interrupted (header, one line per turn, then the ending).\n"
        "The transcript is the record: when the database cannot be used,\n"
        "play says so and goes on ('hamdel import' loads it later).\n"
        "\n"
        "Exit status: 0 an ending was reached, 64 usage (or a language the\n"
        "scenario lacks), 65 invalid scenario, 66 no such scenario or file,\n"
        "73 the transcript file exists, 74 read/write error, 75 the input\n"
        "ended before an ending.\n"),
};
