/*
 * repl-input.c - reading what the trainee types (repl.h).
 *
 * readline's callback interface is driven from a pselect() loop with our
 * signals blocked everywhere else, so a signal can only arrive while we
 * wait for a key: Ctrl-C clears the line (the caller re-prompts), SIGWINCH
 * tells readline the new size, SIGHUP/SIGTERM make the read return
 * REPL_IN_STOP so the caller can close the transcript and restore the
 * terminal before leaving. readline's own signal handlers are off; the
 * terminal is in readline's mode only while a prompt is up (the handler is
 * removed as soon as a line is complete), so output, grading and a crash
 * all happen with the terminal as the shell left it.
 */
#include "repl.h"
#include "bidi.h"
#include "i18n.h"
#include "term.h"
#include "util.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#define REPL_HISTORY_MAX_ENTRY 4096

static volatile sig_atomic_t repl_sig_int, repl_sig_winch, repl_sig_stop;

/* The line handler's results. */
static char *repl_line;
static int repl_line_done;

static void repl_on_signal(int sig)
{
    if (sig == SIGINT)
        repl_sig_int = 1;
    else if (sig == SIGWINCH)
        repl_sig_winch = 1;
    else
        repl_sig_stop = sig;
}

int repl_stop_signal(void)
{
    return repl_sig_stop;
}

/* Installed before every read: a transcript's guard (trs_guard) may have
 * taken these signals in between. */
static void repl_catch(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGWINCH};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = repl_on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaction(sigs[i], &sa, NULL);
}

void repl_input_init(int plain)
{
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_readline_name = "hamdel";
    if (plain) {
        /* a log or a screen reader must see no escape sequences at all:
         * these two make readline write mode switches around each prompt */
        rl_variable_bind("enable-bracketed-paste", "off");
        rl_variable_bind("enable-meta-key", "off");
    }
    repl_catch();
}

static void repl_on_line(char *line)
{
    repl_line = line;
    repl_line_done = 1;
    rl_callback_handler_remove();
}

/* What a pending signal means for the read in progress; -1: go on. */
static int repl_pending(void)
{
    if (repl_sig_stop) {
        rl_callback_handler_remove();
        return REPL_IN_STOP;
    }
    if (repl_sig_winch) {
        repl_sig_winch = 0;
        rl_resize_terminal();
    }
    if (repl_sig_int) {
        repl_sig_int = 0;
        /* leave what was typed visible, marked, and start afresh below */
        rl_point = rl_end;
        rl_redisplay();
        fputs("^C", stdout); /* before the remove: it may print a \r */
        fflush(stdout);
        rl_replace_line("", 0);
        rl_callback_handler_remove();
        fputs("\n", stdout);
        return REPL_IN_INT;
    }
    if (repl_line_done)
        return repl_line ? REPL_IN_LINE : REPL_IN_EOF;
    return -1;
}

/* One physical line through readline. */
static int repl_read_one(const char *prompt, char **out)
{
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT), sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP), sigaddset(&block, SIGWINCH);
    sigprocmask(SIG_BLOCK, &block, &old);
    repl_catch();
    fflush(stdout);
    repl_line = NULL;
    repl_line_done = 0;
    rl_callback_handler_install(prompt, repl_on_line);
    int rc;
    while ((rc = repl_pending()) < 0) {
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(STDIN_FILENO, &fds);
        if (pselect(STDIN_FILENO + 1, &fds, NULL, NULL, NULL, &old) < 0) {
            if (errno == EINTR)
                continue;
            rl_callback_handler_remove();
            rc = REPL_IN_EOF;
            break;
        }
        rl_callback_read_char();
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    *out = rc == REPL_IN_LINE ? repl_line : (free(repl_line), NULL);
    return rc;
}

static void repl_remember(const char *text)
{
    size_t n = strlen(text);
    if (n == 0 || n > REPL_HISTORY_MAX_ENTRY)
        return;
    char *flat = util_xstrdup(text);
    for (char *p = flat; *p; p++)
        if (*p == '\n')
            *p = ' ';
    HIST_ENTRY *last = history_length ? history_get(history_base + history_length - 1) : NULL;
    if (!last || strcmp(last->line, flat) != 0)
        add_history(flat);
    free(flat);
}

/* Append `line` (len n) to the growing entry *acc after `sep`: a space
 * for `\` continuation (one sentence typed in pieces), a newline in
 * /multi (the trainee's own line breaks). */
static void repl_append(char **acc, size_t *len, const char *line, size_t n,
                        char sep)
{
    *acc = util_xrealloc(*acc, *len + n + 2);
    if (*len)
        (*acc)[(*len)++] = sep;
    memcpy(*acc + *len, line, n);
    *len += n;
    (*acc)[*len] = '\0';
}

int repl_read(struct repl *r, const char *prompt, char **out)
{
    char *acc = NULL, *line, more[64];
    size_t len = 0;
    repl_prompt(r, "...>", more, sizeof more);
    for (;;) {
        int rc = repl_read_one(len || acc ? more : prompt, &line);
        if (rc != REPL_IN_LINE) {
            if (rc == REPL_IN_EOF && acc)
                break; /* Ctrl-D after a `\`: take what there is */
            free(acc);
            return rc;
        }
        size_t n = repl_clean(line, strlen(line));
        int cont = n > 0 && line[n - 1] == '\\';
        repl_append(&acc, &len, line, cont ? n - 1 : n, ' ');
        free(line);
        if (!cont)
            break;
    }
    if (!r->no_history)
        repl_remember(acc);
    *out = acc;
    return REPL_IN_LINE;
}

int repl_read_multi(struct repl *r, char **out)
{
    char *acc = NULL, *line, more[64];
    size_t len = 0;
    repl_prompt(r, "...>", more, sizeof more);
    for (;;) {
        int rc = repl_read_one(more, &line);
        if (rc == REPL_IN_EOF)
            break;
        if (rc != REPL_IN_LINE) {
            free(acc);
            return rc;
        }
        size_t n = repl_clean(line, strlen(line));
        int end = strcmp(line, ".") == 0;
        if (!end)
            repl_append(&acc, &len, line, n, '\n');
        free(line);
        if (end)
            break;
    }
    if (!acc)
        acc = util_xstrdup("");
    repl_remember(acc);
    *out = acc;
    return REPL_IN_LINE;
}

void repl_prompt(const struct repl *r, const char *text, char *buf, size_t n)
{
    char *vis = bidi_visual(text, strlen(text));
    if (r->v.color)
        snprintf(buf, n, "\001%s\002%s\001%s\002 ", TERM_BOLD, vis, TERM_RESET);
    else
        snprintf(buf, n, "%s ", vis);
    free(vis);
}

/* Length of an escape sequence starting at s[0] == ESC (CSI, OSC, or
 * ESC plus one character). */
static size_t repl_esc_len(const char *s, size_t len)
{
    size_t i = 1;
    if (len < 2)
        return 1;
    if (s[1] == '[') {
        for (i = 2; i < len && !((unsigned char)s[i] >= 0x40 && (unsigned char)s[i] <= 0x7E); i++)
            ;
        return i < len ? i + 1 : len;
    }
    if (s[1] == ']') {
        for (i = 2; i < len && s[i] != '\a' && !(s[i] == 0x1b && i + 1 < len && s[i + 1] == '\\'); i++)
            ;
        return i >= len ? len : s[i] == '\a' ? i + 1 : i + 2;
    }
    return 2;
}

/* Bytes of a control character at s that is not ESC: C0, DEL, the C1
 * range (U+0080..U+009F) and the bidi embeddings/overrides/isolates; 0
 * when s starts with something printable. */
static size_t repl_ctl_len(const unsigned char *s, size_t len)
{
    if (s[0] < 0x20 || s[0] == 0x7F)
        return 1;
    if (len >= 2 && s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F)
        return 2;
    if (len >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0xAA && s[2] <= 0xAE)
        return 3;
    if (len >= 3 && s[0] == 0xE2 && s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9)
        return 3;
    return 0;
}

size_t repl_clean(char *s, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        size_t k = c == 0x1b ? repl_esc_len(s + i, len - i)
                             : repl_ctl_len((const unsigned char *)s + i, len - i);
        if (k == 0) {
            s[o++] = s[i++];
            continue;
        }
        if (c == '\n' || c == '\t')
            s[o++] = c == '\t' ? ' ' : '\n';
        i += k;
    }
    s[o] = '\0';
    return o;
}
