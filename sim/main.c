/*
 * main.c - entry point of the hamdel program: finds the subcommand.
 *
 * `hamdel COMMAND [ARGS]` runs the command from cmd_table below; the few
 * options that belong to the program itself (--help, -h, --version, and
 * the global --ui-lang, --bidi, --plain, --trainee and --db before the
 * command) are handled
 * here. A bare `hamdel` prints the general help for now (it will
 * start the practice REPL later). Unknown commands get a "did you mean"
 * hint and exit 64 (EX_USAGE), like every usage error of the program.
 */
#include "bidi.h"
#include "cmd.h"
#include "i18n.h"
#include "repl.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

const struct cmd_entry *const cmd_table[] = {
    &cmd_score,
    &cmd_play,
    &cmd_lint,
    &cmd_graph,
    &cmd_list,
    &cmd_track,
    &cmd_progress,
    &cmd_import,
    &cmd_report,
    &cmd_workshop,
    &cmd_help,
    &cmd_version,
    NULL,
};

const char *cmd_trainee;
const char *cmd_db;

const struct cmd_entry *cmd_find(const char *name)
{
    for (size_t i = 0; cmd_table[i]; i++)
        if (strcmp(cmd_table[i]->name, name) == 0)
            return cmd_table[i];
    return NULL;
}


static int main_unknown_command(const char *name)
{
    util_warn(_("unknown command '%s'"), name);
    for (size_t i = 0; cmd_table[i]; i++) {
        if (util_distance(name, cmd_table[i]->name) <= 2) {
            util_warn(_("did you mean '%s'?"), cmd_table[i]->name);
            break;
        }
    }
    util_warn(_("run 'hamdel help' for the list of commands"));
    return UTIL_EX_USAGE;
}

static int main_dispatch(int argc, char **argv)
{
    const char *first = argv[1];
    if (strcmp(first, "--help") == 0 || strcmp(first, "-h") == 0) {
        cmd_print_general_help(stdout);
        return UTIL_EX_OK;
    }
    if (strcmp(first, "--version") == 0 || strcmp(first, "-V") == 0)
        return cmd_version.fn(1, argv + 1);
    if (first[0] == '-' && first[1] != '\0') {
        util_warn(_("unknown option '%s'"), first);
        util_warn(_("run 'hamdel --help' for usage"));
        return UTIL_EX_USAGE;
    }
    const struct cmd_entry *c = cmd_find(first);
    if (!c)
        return main_unknown_command(first);
    return c->fn(argc - 1, argv + 1);
}

/* The global options before the command. */
struct main_globals {
    const char *ui_lang;
    const char *trainee, *db; /* for the simulator's conversations */
    int bidi, plain, bad; /* bad: a usage error was printed */
};

/* The value of --ui-lang=X or --ui-lang X at argv[*i], or NULL when argv[*i]
 * is not that option; *missing = 1 when the value is absent. */
static const char *main_ui_lang_arg(int argc, char **argv, int *i,
                                    int *missing)
{
    const char *a = argv[*i];
    if (strncmp(a, "--ui-lang=", 10) == 0)
        return a + 10;
    if (strcmp(a, "--ui-lang") != 0)
        return NULL;
    if (*i + 1 >= argc) {
        *missing = 1;
        return NULL;
    }
    return argv[++*i];
}

/* Read the global options; returns how many arguments they took. */
static int main_parse_globals(int argc, char **argv, struct main_globals *g)
{
    int i = 1;
    for (; i < argc && !g->bad; i++) {
        int missing = 0;
        const char *v = main_ui_lang_arg(argc, argv, &i, &missing);
        if (v)
            g->ui_lang = v;
        else if (missing)
            g->bad = 1;
        else if (strcmp(argv[i], "--bidi") == 0)
            g->bidi = 1;
        else if (strcmp(argv[i], "--plain") == 0)
            g->plain = 1;
        else if (strcmp(argv[i], "--trainee") == 0 && i + 1 < argc)
            g->trainee = argv[++i];
        else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            g->db = argv[++i];
        else
            break;
    }
    return i - 1;
}

/* Set up the language and display; UTIL_EX_OK or a usage error. */
static int main_setup(struct main_globals *g)
{
    const char *from = "--ui-lang";
    if (!g->ui_lang) {
        g->ui_lang = getenv("HAMDEL_UI_LANG");
        from = "HAMDEL_UI_LANG";
        if (g->ui_lang && !*g->ui_lang)
            g->ui_lang = NULL;
    }
    int known = !g->ui_lang || i18n_known(g->ui_lang);
    i18n_init(known ? g->ui_lang : NULL);
    bidi_enable(g->bidi);
    bidi_plain_enable(g->plain);
    if (g->bad) {
        util_warn(_("option '--ui-lang' needs a language: en or fa"));
        return UTIL_EX_USAGE;
    }
    if (!known) {
        util_warn(_("%s: unknown interface language '%s' (use en or fa)"),
                  from, g->ui_lang);
        return UTIL_EX_USAGE;
    }
    /* the name goes into tables, reports and CSV files: util_name_ok */
    if (g->trainee && !util_name_ok(g->trainee, strlen(g->trainee), UTIL_MAX_NAME)) {
        util_warn(_("%s: '%s' cannot be a trainee's name (1 to %d characters, no "
                    "control or direction-changing characters)"),
                  "--trainee", g->trainee, UTIL_MAX_NAME);
        return UTIL_EX_USAGE;
    }
    return UTIL_EX_OK;
}

int main(int argc, char **argv)
{
    struct main_globals g = {NULL, NULL, NULL, 0, 0, 0};
    int k = main_parse_globals(argc, argv, &g);
    int rc = main_setup(&g);
    if (rc != UTIL_EX_OK)
        return rc;
    cmd_trainee = g.trainee;
    cmd_db = g.db;
    argv[k] = argv[0];
    argc -= k;
    argv += k;
    if (argc < 2) {
        /* the simulator on a terminal, else the general help (repl.c) */
        struct repl_opts ro = {g.ui_lang, g.bidi, g.plain, g.trainee, g.db};
        rc = repl_main(&ro);
    } else {
        rc = main_dispatch(argc, argv);
    }
    util_check_stdout();
    return rc;
}
