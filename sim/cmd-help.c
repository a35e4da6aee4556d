/*
 * cmd-help.c - the `help` and `version` commands, and help printing.
 *
 * Every command's help text lives in that command's own file (its struct
 * cmd_entry); this file only prints them, so `hamdel help score` and
 * `hamdel score --help` always show the same text. Help is printed in the
 * interface language, line by line through bidi_visual (for --bidi).
 */
#include "cmd.h"

#include <getopt.h>
#include "bidi.h"
#include "i18n.h"
#include "score.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* A table text (marked with N_) in the interface language; "" stays ""
 * (gettext("") would be the catalogue's header). */
static const char *help_tr(const char *s)
{
    return s && *s ? _(s) : s;
}

/* Write text line by line, each in visual order when --bidi is on. */
static void help_puts(FILE *out, const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t n = 0;
        while (i + n < len && text[i + n] != '\n')
            n++;
        char *v = bidi_visual(text + i, n);
        fputs(v, out);
        free(v);
        i += n;
        if (i < len) {
            fputc('\n', out);
            i++;
        }
    }
}

/* Run print(arg, f) into memory, then help_puts the result to out. */
static void help_through_bidi(FILE *out, void (*print)(const void *, FILE *),
                              const void *arg)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = bidi_enabled() ? open_memstream(&buf, &len) : NULL;
    if (!m) {
        print(arg, out);
        return;
    }
    print(arg, m);
    fclose(m);
    help_puts(out, buf, len);
    free(buf);
}

static void help_command(const void *arg, FILE *out)
{
    const struct cmd_entry *c = arg;
    fprintf(out, _("usage: %s\n"), c->usage);
    fprintf(out, "\n%s - %s\n", c->name, help_tr(c->summary));
    if (c->help && c->help[0])
        fprintf(out, "\n%s", help_tr(c->help));
}

void cmd_print_help(const struct cmd_entry *c, FILE *out)
{
    help_through_bidi(out, help_command, c);
}

static void help_general(const void *arg, FILE *out)
{
    (void)arg;
    fputs(_("usage: hamdel [<options>] <command> [<args>]\n\n"
            "hamdel grades customer-support replies on empathy balance,\n"
            "action focus, honesty and boundaries (English and Persian).\n\n"
            "Commands:\n"),
          out);
    for (size_t i = 0; cmd_table[i]; i++)
        fprintf(out, "  %-10s %s\n", cmd_table[i]->name,
                help_tr(cmd_table[i]->summary));
    fputs(_("\nOptions (before the command):\n"
            "  -h, --help        this help\n"
            "  -V, --version     the version\n"
            "  --ui-lang LANG    the language of hamdel's own messages: en or\n"
            "                    fa (default: $HAMDEL_UI_LANG, else LANG and\n"
            "                    LC_MESSAGES)\n"
            "  --bidi            reorder and shape right-to-left text for\n"
            "                    terminals without bidi support (not for\n"
            "                    GNOME Terminal, Konsole or mlterm)\n"
            "  --plain           no colour or decoration, for screen readers\n"
            "                    and logs\n"),
          out);
    fputs(_("  --trainee NAME    record the conversations in the progress\n"
            "                    database under this name (see 'hamdel help play')\n"
            "  --db FILE         the progress database (default: $HAMDEL_DB)\n"),
          out);
    fputs(_("\nRun 'hamdel help <command>' or 'hamdel <command> --help' for "
            "the options of one command.\n"),
          out);
}

void cmd_print_general_help(FILE *out)
{
    help_through_bidi(out, help_general, NULL);
}

void cmd_getopt_reset(void)
{
    opterr = 0;
#ifdef __GLIBC__
    optind = 0;
#else
    optind = 1;
#endif
}

int cmd_usage_error(const struct cmd_entry *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    util_vwarn(fmt, ap); /* the message quotes what was typed: escaped */
    va_end(ap);
    fprintf(stderr, "usage: %s\nhamdel: run 'hamdel help %s' for details\n",
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
        return cmd_usage_error(&cmd_help, _("help: too many arguments"));
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        cmd_print_help(&cmd_help, stdout);
        return UTIL_EX_OK;
    }
    const struct cmd_entry *c = cmd_find(argv[1]);
    if (!c) {
        util_warn(_("unknown command '%s'"), argv[1]);
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
        return cmd_usage_error(&cmd_version, _("version: unexpected argument '%s'"),
                               argv[1]);
    printf("hamdel %s\n", SCORE_VERSION);
    return UTIL_EX_OK;
}

const struct cmd_entry cmd_help = {
    .name = "help",
    .fn = help_main,
    .summary = N_("show the help of hamdel or of one command"),
    .usage = "hamdel help [<command>]",
    .help = N_("Without a command, lists all commands. With one, prints its\n"
            "options (the same text as 'hamdel <command> --help').\n"),
};

const struct cmd_entry cmd_version = {
    .name = "version",
    .fn = version_main,
    .summary = N_("print the version of hamdel"),
    .usage = "hamdel version   (or: hamdel --version)",
    .help = "",
};
