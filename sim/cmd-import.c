/*
 * cmd-import.c - `hamdel import`: load JSONL transcripts into the progress
 * database.
 *
 * Each file is read line by line and recorded through store-rec.c (or
 * store-workshop.c for a workshop transcript, known by its first line), the
 * same path live recording uses, in one transaction per file. Rows that are
 * already in the database add nothing, so importing a file twice counts it
 * once, and a transcript that has grown since adds only its new lines. A
 * bad line is reported as FILE:LINE[:COL]: what is wrong; what came before
 * it is kept and the import goes on with the next file (exit 65 at the
 * end). Transcripts are only read, never changed.
 */
#include "cmd.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A turn line holds one reply (at most 16 MiB) with its findings, JSON-
 * escaped: a longer line is not hamdel's, and reading it whole would let
 * one line take all memory. */
#define IMPORT_MAX_LINE (128u << 20)

struct import_opts {
    const char *db, *trainee;
    int quiet;
};

static const struct option import_longopts[] = {
    {"db", required_argument, NULL, 'D'},
    {"trainee", required_argument, NULL, 'T'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Returns -1 to go on, or an exit status (help shown, usage error). */
static int import_parse(struct import_opts *o, int argc, char **argv)
{
    int c;
    memset(o, 0, sizeof *o);
    cmd_getopt_reset();
    while ((c = getopt_long(argc, argv, ":qh", import_longopts, NULL)) != -1) {
        switch (c) {
        case 'h': cmd_print_help(&cmd_import, stdout); return UTIL_EX_OK;
        case 'D': o->db = optarg; break;
        case 'T': o->trainee = optarg; break;
        case 'q': o->quiet = 1; break;
        case ':':
            return cmd_usage_error(&cmd_import, _("import: option '%s' needs a value"),
                                   argv[optind - 1]);
        default:
            return cmd_usage_error(&cmd_import, _("import: unknown option '%s'"),
                                   argv[optind - 1]);
        }
    }
    if (!o->db)
        o->db = cmd_db;
    if (o->trainee && !*o->trainee)
        return cmd_usage_error(&cmd_import, _("import: --trainee needs a name"));
    /* the name goes into tables, reports and CSV files: util_name_ok */
    if (o->trainee && !util_name_ok(o->trainee, strlen(o->trainee), UTIL_MAX_NAME))
        return cmd_usage_error(&cmd_import, _("%s: '%s' cannot be a trainee's name (1 to "
                               "%d characters, no control or direction-changing "
                               "characters)"), "import", o->trainee, UTIL_MAX_NAME);
    if (optind >= argc)
        return cmd_usage_error(&cmd_import, _("import: which transcripts? "
                               "(one or more .jsonl files)"));
    return -1;
}

/* What one file did, in one line. */
static void import_report(const char *file, const struct store_counts *c)
{
    const char *ending = *c->ending ? c->ending : _("not ended");
    if (c->new_session)
        printf(ngettext("%s: new session, %d turn (%s)\n",
                        "%s: new session, %d turns (%s)\n", c->session_turns),
               file, c->session_turns, ending);
    else if (c->turns || c->events || c->ended)
        printf(ngettext("%s: updated, %d new turn, now %d (%s)\n",
                        "%s: updated, %d new turns, now %d (%s)\n", c->turns),
               file, c->turns, c->session_turns, ending);
    else
        printf(_("%s: already in the database, nothing new\n"), file);
}

/* What one workshop file did, in one line. */
static void import_report_workshop(const char *file,
                                   const struct store_wcounts *c)
{
    const char *state = strcmp(c->state, "ended") == 0 ? _("ended")
                        : *c->state ? _("interrupted") : _("not ended");
    char players[64];
    snprintf(players, sizeof players, ngettext("%d player", "%d players",
             (unsigned long)c->players), c->players);
    if (c->new_workshop)
        /* TRANSLATORS: "w.jsonl: new workshop, 12 replies of 3 players (ended)" */
        printf(ngettext("%s: new workshop, %d reply of %s (%s)\n",
                        "%s: new workshop, %d replies of %s (%s)\n",
                        (unsigned long)c->total_replies),
               file, c->total_replies, players, state);
    else if (c->replies || c->sessions || c->ended)
        printf(ngettext("%s: updated workshop, %d new reply, now %d in all, of %s (%s)\n",
                        "%s: updated workshop, %d new replies, now %d in all, of %s (%s)\n",
                        (unsigned long)c->replies),
               file, c->replies, c->total_replies, players, state);
    else
        printf(_("%s: already in the database, nothing new\n"), file);
}

/* The recorder of one file: a conversation's or, when its first line is a
 * workshop's header, a workshop's (chosen on that line). */
struct import_rec {
    store_rec *r;
    store_wrec *w;
};

static int import_line(struct import_rec *ir, store *db,
                       const struct import_opts *o, const char *source,
                       const json_t *j, char *err, size_t errlen)
{
    if (!ir->r && !ir->w) {
        if (store_line_is_workshop(j)) {
            if (o->trainee)
                util_warn(_("%s: a workshop transcript names its players; "
                          "--trainee is not used for it"), source);
            ir->w = store_wrec_new(db, source, 0);
        } else {
            ir->r = store_rec_new(db, o->trainee, source, 0);
        }
    }
    return ir->w ? store_wrec_line(ir->w, j, err, errlen)
                 : store_rec_line(ir->r, j, err, errlen);
}

/* Say what the file did (unless `quiet`) and free its recorder. */
static void import_done(struct import_rec *ir, int quiet, const char *file)
{
    if (ir->w && store_wrec_workshop(ir->w) >= 0 && !quiet)
        import_report_workshop(file, store_wrec_counts(ir->w));
    else if (ir->r && store_rec_session(ir->r) >= 0 && !quiet)
        import_report(file, store_rec_counts(ir->r));
    store_rec_free(ir->r);
    store_wrec_free(ir->w);
}

/* Import one file: 0, UTIL_EX_DATAERR (a bad line), UTIL_EX_NOINPUT, or
 * STORE_EDB when the database failed (*dbcode then says how: a lock held
 * by another program is 75, try again, not an I/O error). */
static int import_file(store *db, const struct import_opts *o,
                       const char *file, int *dbcode)
{
    char err[4200];
    FILE *f = util_fopen_input(file); /* a directory is no input: 66 */
    if (!f) {
        util_warn(_("cannot open %s: %s"), file, strerror(errno));
        return UTIL_EX_NOINPUT;
    }
    char *real = realpath(file, NULL);
    struct import_rec ir = {NULL, NULL};
    if (store_begin(db, err, sizeof err) != 0) {
        util_warn("%s", err);
        *dbcode = store_exit_code(db);
        free(real);
        fclose(f);
        return STORE_EDB;
    }
    char *line = NULL;
    size_t cap = 0, len, got;
    unsigned long lineno = 0;
    int rc = 0, any = 0, over;
    while (rc == 0 && util_getline_max(f, IMPORT_MAX_LINE, &line, &cap, &len,
                                       &got, &over) == 0) {
        lineno++;
        if (over) {
            util_warn(_("%s:%lu: the line is longer than %u bytes: not a "
                        "transcript line"), file, lineno, IMPORT_MAX_LINE);
            rc = UTIL_EX_DATAERR;
            break;
        }
        while (len > 0 && line[len - 1] == '\r')
            line[--len] = '\0';
        if (strspn(line, " \t") == len)
            continue;
        json_error_t je;
        json_t *j = json_loadb(line, len, 0, &je);
        if (!j) {
            util_warn(_("%s:%lu:%d: invalid JSON: %s"), file, lineno,
                      je.column > 0 ? je.column : 1, je.text);
            rc = UTIL_EX_DATAERR;
            break;
        }
        int k = import_line(&ir, db, o, real ? real : file, j, err, sizeof err);
        json_decref(j);
        if (k == STORE_EDB) {
            util_warn("%s", err);
            rc = STORE_EDB;
        } else if (k != 0) {
            util_warn("%s:%lu: %s", file, lineno, err);
            rc = UTIL_EX_DATAERR;
        }
        any = 1;
    }
    if (rc == 0 && ferror(f)) {
        util_warn(_("cannot read %s: %s"), file, strerror(errno));
        rc = UTIL_EX_DATAERR;
    }
    if (rc == 0 && !any) {
        util_warn(_("%s: empty file, not a transcript"), file);
        rc = UTIL_EX_DATAERR;
    }
    free(line);
    fclose(f);
    /* what came before a bad line is kept */
    if (rc != STORE_EDB && store_commit(db, err, sizeof err) != 0) {
        util_warn("%s", err);
        rc = STORE_EDB;
    }
    if (rc == STORE_EDB) {
        *dbcode = store_exit_code(db); /* before the rollback resets it */
        store_rollback(db);
    }
    /* after a rollback there is nothing to report */
    import_done(&ir, o->quiet || rc == STORE_EDB, file);
    free(real);
    return rc;
}

static int import_main(int argc, char **argv)
{
    struct import_opts o;
    int rc = import_parse(&o, argc, argv);
    if (rc >= 0)
        return rc;
    char err[4200];
    int code;
    store *db = store_open_default(o.db, err, sizeof err, &code);
    if (!db) {
        util_warn("%s", err);
        return code;
    }
    int bad = 0, missing = 0;
    for (int i = optind; i < argc; i++) {
        int dbcode = UTIL_EX_IOERR;
        int k = import_file(db, &o, argv[i], &dbcode);
        if (k == STORE_EDB) {
            store_close(db);
            return dbcode;
        }
        bad |= k == UTIL_EX_DATAERR;
        missing |= k == UTIL_EX_NOINPUT;
        fflush(stdout);
    }
    store_close(db);
    return bad ? UTIL_EX_DATAERR : missing ? UTIL_EX_NOINPUT : UTIL_EX_OK;
}

const struct cmd_entry cmd_import = {
    .name = "import",
    .fn = import_main,
    .summary = N_("load transcripts into the progress database"),
    .usage = "hamdel import [--db FILE] [--trainee NAME] [--quiet] FILE...",
    .help = N_(
        "Loads JSONL transcripts (see 'hamdel help play') into the progress\n"
        "database, one line per file saying what it did. Importing is\n"
        "idempotent: a session already there is counted once, and a\n"
        "transcript that has grown since adds only its new turns. A\n"
        "workshop transcript ('hamdel help workshop') becomes one session\n"
        "per player and round.\n"
        "\n"
        "      --db FILE       the database (default: $HAMDEL_DB, else\n"
        "                      hamdel.db in $HAMDEL_HOME, else\n"
        "                      $XDG_DATA_HOME/hamdel/, else\n"
        "                      ~/.local/share/hamdel/)\n"
        "      --trainee NAME  whose sessions these are (default: the name\n"
        "                      in each transcript, if any)\n"
        "  -q, --quiet         no line per file (errors are still shown)\n"
        "\n"
        "A bad line is reported as FILE:LINE: what is wrong; the lines\n"
        "before it are kept and the import goes on with the next file.\n"
        "\n"
        "Exit status: 0 all imported, 64 usage, 65 a file had a bad line,\n"
        "66 a file could not be opened, 74 database error, 65 or 75 the\n"
        "database is damaged, not hamdel's, from a newer hamdel, or locked.\n"),
};
