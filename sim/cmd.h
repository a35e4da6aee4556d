/*
 * cmd.h - the subcommand table of the hamdel program.
 *
 * Like git or tmux, hamdel is one binary with subcommands. Each subcommand
 * lives in its own file (cmd-NAME.c) and exports one `const struct
 * cmd_entry` that carries its name, its one-line summary and its full help
 * text, so a command's documentation sits next to its code. main.c collects
 * the entries in cmd_table and dispatches on argv[1].
 */
#ifndef HAMDEL_CMD_H
#define HAMDEL_CMD_H

#include <stdio.h>

struct cmd_entry {
    const char *name;
    /* argv[0] is the command name; returns the process exit status. */
    int (*fn)(int argc, char **argv);
    const char *summary; /* one line, for `hamdel help` */
    const char *usage;   /* "hamdel NAME [options]" lines */
    const char *help;    /* the rest of `hamdel help NAME` */
};

extern const struct cmd_entry cmd_score;
extern const struct cmd_entry cmd_play;
extern const struct cmd_entry cmd_lint;
extern const struct cmd_entry cmd_graph;
extern const struct cmd_entry cmd_list;
extern const struct cmd_entry cmd_track;
extern const struct cmd_entry cmd_progress;
extern const struct cmd_entry cmd_import;
extern const struct cmd_entry cmd_report;
extern const struct cmd_entry cmd_workshop;
extern const struct cmd_entry cmd_help;
extern const struct cmd_entry cmd_version;

/* The global --trainee NAME and --db FILE given before the command (or
 * NULL): the defaults of the commands' own options (main.c). */
extern const char *cmd_trainee;
extern const char *cmd_db;

/* NULL-terminated, in the order `hamdel help` lists them (main.c). */
extern const struct cmd_entry *const cmd_table[];

/* Before a command's getopt_long loop: our own messages (opterr off, with
 * the "hamdel:" prefix), and a full re-initialisation, since the simulator
 * may run a command's parser more than once (cmd-help.c). */
void cmd_getopt_reset(void);

/* The entry called `name`, or NULL. */
const struct cmd_entry *cmd_find(const char *name);

/* Print the usage and help text of one command (cmd-help.c). */
void cmd_print_help(const struct cmd_entry *c, FILE *out);
/* Print the program's general help: usage and the list of commands. */
void cmd_print_general_help(FILE *out);
/* Print "hamdel: MSG" and a pointer to the command's help; returns 64. */
int cmd_usage_error(const struct cmd_entry *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
