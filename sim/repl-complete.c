/*
 * repl-complete.c - Tab completion for the simulator (repl.h).
 *
 * The first word completes to a home command or, when it starts with '/',
 * to a conversation command; the word after `play` to a scenario id of the
 * library; the word after `play ID` to a language. Nothing completes inside
 * a reply (a new hire's sentence must not turn into file names: readline's
 * default completer is switched off).
 */
#include "repl.h"

#include <stdlib.h>
#include <string.h>

#include <readline/readline.h>

static const struct repl *repl_cur;

static const char *const repl_words_home[] = {
    "list", "play", "score", "track", "help", "quit", NULL};
static const char *const repl_words_scene[] = {
    "/hint", "/model", "/retry", "/score", "/transcript", "/multi",
    "/quit", "/help", NULL};
static const char *const repl_words_lang[] = {"en", "fa", NULL};

/* The candidates for the word being completed (set before the generator
 * runs): a static table, or the library's ids when `ids` is set. */
static const char *const *repl_cands;
static int repl_ids;

static const char *repl_cand(size_t i)
{
    if (repl_ids)
        return repl_cur && i < repl_cur->lib.n ? repl_cur->lib.v[i]->id : NULL;
    return repl_cands[i];
}

static char *repl_generate(const char *text, int state)
{
    static size_t i, len;
    const char *c;
    if (!state) {
        i = 0;
        len = strlen(text);
    }
    while ((c = repl_cand(i++)) != NULL)
        if (strncmp(c, text, len) == 0)
            return strdup(c);
    return NULL;
}

/* How many words come before `start` in the line. */
static int repl_word_index(int start)
{
    int n = 0, in = 0;
    for (int i = 0; i < start; i++) {
        int sp = rl_line_buffer[i] == ' ' || rl_line_buffer[i] == '\t';
        if (!sp && !in)
            n++;
        in = !sp;
    }
    return n;
}

static char **repl_complete(const char *text, int start, int end)
{
    (void)end;
    rl_attempted_completion_over = 1; /* never fall back to file names */
    int w = repl_word_index(start);
    int play = strncmp(rl_line_buffer, "play ", 5) == 0;
    repl_ids = 0;
    if (w == 0)
        repl_cands = text[0] == '/' ? repl_words_scene : repl_words_home;
    else if (w == 1 && play)
        repl_ids = 1;
    else if (w == 2 && play)
        repl_cands = repl_words_lang;
    else
        return NULL;
    return rl_completion_matches(text, repl_generate);
}

void repl_complete_init(struct repl *r)
{
    repl_cur = r;
    rl_attempted_completion_function = repl_complete;
}
