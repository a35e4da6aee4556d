/*
 * cmd-score.c - `hamdel score`: grade one reply, or a JSONL batch.
 *
 * This file owns the command's options and help text. It builds the base
 * context (--context file, then flags over it), then either grades one
 * reply (stdin or --reply) and prints a report (report.c) or JSON
 * (json-out.c), or hands over to batch.c for --jsonl. Rubrics are loaded
 * lazily per language through rubrics.c.
 */
#include "batch.h"
#include "cmd.h"
#include "context.h"
#include "json-out.h"
#include "report.h"
#include "rubrics.h"
#include "term.h"
#include "i18n.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


struct score_opts {
    const char *reply;      /* --reply, or NULL for stdin */
    score_lang lang;
    const char *house[SCORE_MAX_HOUSE];
    size_t n_house;
    const char *ctx_file;
    struct ctx_data flags;  /* context fields given as flags */
    const char *jsonl;
    int json, plain, stats, quiet;
};

enum {
    OPT_RUBRIC = 256, OPT_CUSTOMER, OPT_NAME, OPT_WANTS, OPT_TENSION,
    OPT_ABUSIVE, OPT_PLAIN, OPT_JSONL, OPT_STATS
};

static const struct option score_longopts[] = {
    {"reply", required_argument, NULL, 'r'},
    {"lang", required_argument, NULL, 'l'},
    {"rubric", required_argument, NULL, OPT_RUBRIC},
    {"context", required_argument, NULL, 'c'},
    {"customer", required_argument, NULL, OPT_CUSTOMER},
    {"customer-name", required_argument, NULL, OPT_NAME},
    {"wants", required_argument, NULL, OPT_WANTS},
    {"tension", required_argument, NULL, OPT_TENSION},
    {"abusive", no_argument, NULL, OPT_ABUSIVE},
    {"json", no_argument, NULL, 'j'},
    {"plain", no_argument, NULL, OPT_PLAIN},
    {"jsonl", required_argument, NULL, OPT_JSONL},
    {"stats", no_argument, NULL, OPT_STATS},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Context flags: validated like the file's keys, but a bad value here is
 * a usage error (64), not bad data. */
static int score_ctx_flag(struct score_opts *o, int c, const char *arg)
{
    struct ctx_data *f = &o->flags;
    int v;
    switch (c) {
    case OPT_CUSTOMER: f->customer = arg, f->set |= CTX_HAS_CUSTOMER; break;
    case OPT_NAME: f->customer_name = arg, f->set |= CTX_HAS_NAME; break;
    case OPT_ABUSIVE: f->abusive = 1, f->set |= CTX_HAS_ABUSIVE; break;
    case OPT_WANTS:
        if ((v = score_wants_parse(arg)) < 0)
            return cmd_usage_error(&cmd_score, _("unknown wants value '%s' "
                                   "(expected action, empathy or both)"), arg);
        f->wants = (score_wants)v, f->set |= CTX_HAS_WANTS;
        break;
    case OPT_TENSION:
        if (util_parse_double(arg, &f->tension) || f->tension < 0 ||
            f->tension > 10)
            return cmd_usage_error(&cmd_score, _("--tension must be a number "
                                   "from 0 to 10, not '%s'"), arg);
        f->set |= CTX_HAS_TENSION;
        break;
    default: return UTIL_EX_SOFTWARE; /* an option we forgot to handle */
    }
    return 0;
}

static int score_opt(struct score_opts *o, int c, const char *arg)
{
    int v;
    switch (c) {
    case 'r': o->reply = arg; break;
    case 'c': o->ctx_file = arg; break;
    case 'j': o->json = 1; break;
    case 'q': o->quiet = 1; break;
    case OPT_PLAIN: o->plain = 1; break;
    case OPT_JSONL: o->jsonl = arg; break;
    case OPT_STATS: o->stats = 1; break;
    case 'l':
        if ((v = score_lang_parse(arg)) < 0) {
            util_warn(_("unknown language '%s' (expected en, fa or auto)"), arg);
            return UTIL_EX_USAGE;
        }
        o->lang = (score_lang)v;
        break;
    case OPT_RUBRIC:
        if (o->n_house == SCORE_MAX_HOUSE)
            return cmd_usage_error(&cmd_score, _("at most %d --rubric files"),
                                   SCORE_MAX_HOUSE);
        o->house[o->n_house++] = arg;
        break;
    default: return score_ctx_flag(o, c, arg);
    }
    return 0;
}

/* Returns -1 to go on, or an exit status (help shown, usage error). */
static int score_parse(struct score_opts *o, int argc, char **argv)
{
    int c, rc;
    memset(o, 0, sizeof *o);
    ctx_init(&o->flags);
    o->lang = SCORE_LANG_AUTO;
    cmd_getopt_reset();
    while ((c = getopt_long(argc, argv, ":r:l:c:jqh", score_longopts,
                            NULL)) != -1) {
        if (c == 'h') {
            cmd_print_help(&cmd_score, stdout);
            return UTIL_EX_OK;
        }
        if (c == '?' || c == ':') {
            const char *bad = argv[optind - 1];
            return cmd_usage_error(&cmd_score, c == ':'
                                   ? _("score: option '%s' needs a value")
                                   : _("score: unknown option '%s'"), bad);
        }
        if ((rc = score_opt(o, c, optarg)) != 0)
            return rc;
    }
    if (optind < argc)
        return cmd_usage_error(&cmd_score, _("score: unexpected argument '%s' "
                               "(give the reply on stdin or with --reply)"),
                               argv[optind]);
    if (o->jsonl && o->reply)
        return cmd_usage_error(&cmd_score, _("score: --reply and --jsonl "
                               "cannot be used together"));
    if (o->stats && !o->jsonl)
        return cmd_usage_error(&cmd_score, _("score: --stats only applies "
                               "to --jsonl"));
    return -1;
}

/* The --context file, then the flags over it. */
static void score_base_context(const struct score_opts *o,
                               struct ctx_data *base, struct arena *a)
{
    ctx_init(base);
    if (o->ctx_file) {
        struct ctx_error err;
        int rc = ctx_load_yaml_file(base, o->ctx_file, a, &err);
        if (rc && err.line > 0)
            util_die(rc, "%s:%d:%d: %s", o->ctx_file, err.line, err.col,
                     err.msg);
        if (rc)
            util_die(rc, "%s: %s", o->ctx_file, err.msg);
    }
    ctx_merge(base, &o->flags);
}

static char *score_read_reply(const struct score_opts *o, size_t *len)
{
    if (o->reply) {
        *len = strlen(o->reply);
        return util_xstrdup(o->reply);
    }
    if (isatty(STDIN_FILENO))
        util_warn(_("type the reply, then Ctrl-D"));
    int more;
    char *text = util_read_fd(STDIN_FILENO, SCORE_MAX_REPLY, len, &more);
    if (!text)
        util_die(UTIL_EX_IOERR, _("cannot read the reply: %s"), strerror(errno));
    return text;
}

static void score_print(const struct score_opts *o, const score_result *res)
{
    if (o->json) {
        struct jsonout w;
        jsonout_init(&w);
        size_t n = jsonout_result(&w, NULL, res);
        fwrite(w.buf.data, 1, n, stdout);
        jsonout_free(&w);
        return;
    }
    struct report_opts ro = {0, o->plain};
    ro.color = !o->plain && term_color_ok(stdout);
    report_text(stdout, res, &ro);
}

static int score_one(const struct score_opts *o, const struct ctx_data *base,
                     struct rubrics *rs)
{
    size_t len;
    char *text = score_read_reply(o, &len);
    score_lang lang = o->lang;
    if (lang == SCORE_LANG_AUTO)
        lang = base->lang;
    if (lang == SCORE_LANG_AUTO)
        lang = score_detect_lang(text, len);
    score_context sc;
    ctx_to_score(base, &sc);
    sc.lang = lang;
    score_result res;
    score_result_init(&res);
    int rc = score_reply(rubrics_get(rs, lang), &sc, text, len, &res);
    if (rc == SCORE_EEMPTY)
        util_die(UTIL_EX_DATAERR, _("empty reply"));
    if (rc != SCORE_OK)
        util_die(UTIL_EX_SOFTWARE, _("the scorer failed (code %d)"), rc);
    score_print(o, &res);
    score_result_free(&res);
    free(text);
    return UTIL_EX_OK;
}

static int score_main(int argc, char **argv)
{
    static struct score_opts o; /* static: large, and lives for the run */
    int rc = score_parse(&o, argc, argv);
    if (rc >= 0)
        return rc;
    struct arena a;
    struct ctx_data base;
    struct rubrics rs;
    arena_init(&a);
    score_base_context(&o, &base, &a);
    rubrics_init(&rs, o.house, o.n_house);
    if (o.jsonl) {
        struct batch_opts bo = {o.jsonl, o.lang, &base, &rs,
                                o.stats, o.quiet};
        rc = batch_run(&bo);
    } else {
        rc = score_one(&o, &base, &rs);
    }
    rubrics_free(&rs);
    arena_free(&a);
    return rc;
}

const struct cmd_entry cmd_score = {
    .name = "score",
    .fn = score_main,
    .summary = N_("grade a support reply (stdin, --reply, or a JSONL batch)"),
    .usage = "hamdel score [options] < reply.txt\n"
             "       hamdel score [options] --reply TEXT\n"
             "       hamdel score [options] --jsonl FILE|-",
    .help =
        N_("Grades a reply on empathy, action, honesty and boundaries (0-10)\n"
        "and lists the findings behind each grade, biggest effect first.\n"
        "\n"
        "Input and language:\n"
        "  -r, --reply TEXT      grade TEXT instead of reading stdin\n"
        "  -l, --lang LANG       en, fa or auto (default: the context's lang,\n"
        "                        else detected from the reply's script)\n"
        "      --rubric FILE     merge a house-style rubric over the built-in\n"
        "                        one (repeatable; see docs/rubric-format.md)\n"
        "\n"
        "Context (what the reply answers; flags override the file):\n"
        "  -c, --context FILE    YAML: lang, customer, customer_name, wants,\n"
        "                        tension, abusive, facts, history\n"
        "      --customer TEXT   the customer's last message\n"
        "      --customer-name NAME\n"
        "      --wants WANTS     action, empathy or both (default both)\n"
        "      --tension N       0..10 (default 5)\n"
        "      --abusive         the customer insulted or threatened the agent\n"
        "\n"
        "Output:\n"
        "  -j, --json            one JSON object instead of the report\n"
        "      --plain           no colour, ASCII bars (colour is also off when\n"
        "                        stdout is not a terminal or NO_COLOR is set)\n"
        "\n"
        "Batch:\n"
        "      --jsonl FILE|-    grade one {\"id\",\"reply\",\"context\"} object\n"
        "                        per line; one JSON result per line, in order\n"
        "      --stats           after --jsonl, one JSON line of timings on\n"
        "                        stderr\n"
        "  -q, --quiet           no progress bar\n"
        "\n"
        "Exit status: 0 ok, 64 usage, 65 bad data (empty reply, bad context\n"
        "or rubric, a failed batch line), 66 missing input file, 70 internal\n"
        "error, 74 read/write error. See docs/cli.md.\n"),
};
