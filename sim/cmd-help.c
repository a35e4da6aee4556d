/*
 * cmd-help.c - the `help` and `version` commands, and help printing.
 *
 * Every command's help text lives in that command's own file (its struct
 * cmd_entry); this file only prints them, so `hamdel help score` and
 * `hamdel score --help` always show the same text.
 */
#include "cmd.h"
#include "score.h"
#include "util.h"

#include <stdarg.h>
#include <string.h>

void cmd_print_help(const struct cmd_entry *c, FILE *out)
{
    fprintf(out, "usage: %s\n\n%s - %s\n", c->usage, c->name, c->summary);
    if (c->help && c->help[0])
        fprintf(out, "\n%s", c->help);
}

void cmd_print_general_help(FILE *out)
{
    fputs("usage: hamdel [--version] [--help] <command> [<args>]\n\n"
          "hamdel grades customer-support replies on empathy balance,\n"
          "action focus, honesty and boundaries (English and Persian).\n\n"
          "Commands:\n",
          out);
    for (size_t i = 0; cmd_table[i]; i++)
        fprintf(out, "  %-10s %s\n", cmd_table[i]->name,
                cmd_table[i]->summary);
    fputs("\nRun 'hamdel help <command>' or 'hamdel <command> --help' for "
          "the options of one command.\n",
          out);
}

int cmd_usage_error(const struct cmd_entry *c, const char *fmt, ...)
{
    va_list ap;
    fputs("hamdel: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nusage: %s\nhamdel: run 'hamdel help %s' for details\n",
            c->usage, c->name);
    return UTIL_EX_USAGE;
}

static int help_main(int argc, char **argv)
{
    if (argc < 2) {
        cmd_print_general_help(stdout);
        return UTIL_EX_OK;
    }
    if (argc > 2)
        return cmd_usage_error(&cmd_help, "help: too many arguments");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        cmd_print_help(&cmd_help, stdout);
        return UTIL_EX_OK;
    }
    const struct cmd_entry *c = cmd_find(argv[1]);
    if (!c) {
        util_warn("unknown command '%s'", argv[1]);
        fputs("hamdel: run 'hamdel help' for the list of commands\n", stderr);
        return UTIL_EX_USAGE;
    }
    cmd_print_help(c, stdout);
    return UTIL_EX_OK;
}

static int version_main(int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 ||
                     strcmp(argv[1], "-h") == 0)) {
        cmd_print_help(&cmd_version, stdout);
        return UTIL_EX_OK;
    }
    if (argc > 1)
        return cmd_usage_error(&cmd_version, "version: unexpected argument '%s'",
                               argv[1]);
    printf("hamdel %s\n", SCORE_VERSION);
    return UTIL_EX_OK;
}

const struct cmd_entry cmd_help = {
    .name = "help",
    .fn = help_main,
    .summary = "show the help of hamdel or of one command",
    .usage = "hamdel help [<command>]",
    .help = "Without a command, lists all commands. With one, prints its\n"
            "options (the same text as 'hamdel <command> --help').\n",
};

const struct cmd_entry cmd_version = {
    .name = "version",
    .fn = version_main,
    .summary = "print the version of hamdel",
    .usage = "hamdel version   (or: hamdel --version)",
    .help = "",
};
