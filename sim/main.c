/*
 * main.c - entry point of the hamdel program: finds the subcommand.
 *
 * `hamdel COMMAND [ARGS]` runs the command from cmd_table below; the few
 * options that belong to the program itself (--help, -h, --version) are
 * handled here. A bare `hamdel` prints the general help for now (it will
 * start the practice REPL later). Unknown commands get a "did you mean"
 * hint and exit 64 (EX_USAGE), like every usage error of the program.
 */
#include "cmd.h"
#include "util.h"

#include <locale.h>
#include <string.h>

const struct cmd_entry *const cmd_table[] = {
    &cmd_score,
    &cmd_play,
    &cmd_lint,
    &cmd_graph,
    &cmd_list,
    &cmd_help,
    &cmd_version,
    NULL,
};

const struct cmd_entry *cmd_find(const char *name)
{
    for (size_t i = 0; cmd_table[i]; i++)
        if (strcmp(cmd_table[i]->name, name) == 0)
            return cmd_table[i];
    return NULL;
}


static int main_unknown_command(const char *name)
{
    util_warn("unknown command '%s'", name);
    for (size_t i = 0; cmd_table[i]; i++) {
        if (util_distance(name, cmd_table[i]->name) <= 2) {
            fprintf(stderr, "hamdel: did you mean '%s'?\n",
                    cmd_table[i]->name);
            break;
        }
    }
    fputs("hamdel: run 'hamdel help' for the list of commands\n", stderr);
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
        util_warn("unknown option '%s'", first);
        fputs("hamdel: run 'hamdel --help' for usage\n", stderr);
        return UTIL_EX_USAGE;
    }
    const struct cmd_entry *c = cmd_find(first);
    if (!c)
        return main_unknown_command(first);
    return c->fn(argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
    /* The terminal's encoding matters only for isatty-decorated output;
     * everything we read and write is UTF-8 regardless. */
    setlocale(LC_CTYPE, "");
    int rc;
    if (argc < 2) {
        cmd_print_general_help(stdout);
        rc = UTIL_EX_OK;
    } else {
        rc = main_dispatch(argc, argv);
    }
    util_check_stdout();
    return rc;
}
