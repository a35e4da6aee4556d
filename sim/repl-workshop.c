/*
 * repl-workshop.c - `hamdel workshop` with the room at a terminal: each
 * player types at their own prompt, the screen is cleared after every
 * reply so the next player cannot read it, and the facilitator steers at
 * a prompt of their own after the side-by-side view (repl.h).
 *
 * Input comes through repl_read (readline under pselect), so Ctrl-C
 * clears a line, a resize redraws, and SIGHUP/SIGTERM end the workshop
 * with the transcript closed as interrupted. Replies are never added to
 * readline's history: the up arrow must not show the last player's reply.
 */
#include "repl.h"
#include "i18n.h"
#include "term.h"
#include "util.h"
#include "workshop-run.h"
#include "workshop-view.h"

#include <stdlib.h>
#include <string.h>

/* The room's screen is cleared between players; --plain (screen readers,
 * no escape sequences) scrolls the reply away instead. */
static void rw_clear(const struct repl *r)
{
    if (r->o.plain) {
        for (int i = 0; i < 60; i++)
            fputc('\n', stdout);
    } else {
        fputs("\033[H\033[2J\033[3J", stdout);
    }
    fflush(stdout);
}

static void rw_player_help(struct repl *r)
{
    view_line(&r->v, 2, NULL, _("Type your reply and press Enter (end a line "
              "with \\ to go on writing)."));
    view_line(&r->v, 2, NULL, _("/pass   skip this line"));
    view_line(&r->v, 2, NULL, _("/hint   the trainer's hint for this line"));
    view_line(&r->v, 2, NULL, _("/quit   end the workshop (everything so far "
              "is kept)"));
}

static void rw_hint(struct repl *r, const wks *w)
{
    const wks_round *rd = wks_current(w);
    const char *h = scn_text_get(&eng_node(rd->e)->hint, rd->lang);
    view_para(&r->v, 2, TERM_DIM, h && *h ? h : _("No hint for this line."));
}

/* Read one entry; what it means for the workshop, or -1 to read again. */
static int rw_read(struct repl *r, const char *label, char **line)
{
    char prompt[160];
    repl_prompt(r, label, prompt, sizeof prompt);
    int rc = repl_read(r, prompt, line);
    if (rc == REPL_IN_INT)
        return -1;
    if (rc == REPL_IN_STOP) {
        r->stop_sig = repl_stop_signal();
        return WKS_IN_STOP;
    }
    if (rc == REPL_IN_EOF)
        return WKS_IN_QUIT;
    return WKS_IN_REPLY;
}

static int rw_reply(struct wks_run *run, size_t p, char **text)
{
    struct repl *r = run->io.ud;
    char label[WKS_MAX_NAME_BYTES + 4];
    snprintf(label, sizeof label, "%s>", run->w->players[p]);
    for (;;) {
        char *line = NULL;
        int in = rw_read(r, label, &line);
        if (in < 0)
            continue;
        if (in != WKS_IN_REPLY)
            return in;
        if (strcmp(line, "/pass") == 0 || strcmp(line, "/quit") == 0) {
            in = line[1] == 'p' ? WKS_IN_PASS : WKS_IN_QUIT;
            free(line);
            return in;
        }
        if (strcmp(line, "/hint") == 0 || strcmp(line, "/help") == 0) {
            if (strcmp(line, "/hint") == 0)
                rw_hint(r, run->w);
            else
                rw_player_help(r);
            free(line);
            continue;
        }
        if (line[0] == '/' && !strchr(line, ' ')) {
            view_linef(&r->v, 0, NULL, _("Unknown command %s; /help lists "
                       "them. A reply never starts with /."), line);
            free(line);
            continue;
        }
        *text = line;
        return WKS_IN_REPLY;
    }
}

static void rw_answered(struct wks_run *run, size_t p)
{
    struct repl *r = run->io.ud;
    (void)p;
    rw_clear(r);
    wksv_customer(&run->v, run->w);
}

static void rw_pick_help(struct repl *r, const wks *w, const size_t *order)
{
    wks_reply *line;
    wks_line(w, &line);
    view_linef(&r->v, 0, TERM_DIM, _("Enter: go on with #1 (%s)  /pick N: "
               "with reply N  /each: what each would cause  /model  /quit"),
               w->players[line[order[0]].player]);
}

/* "/pick N", "N": a rank; 0 when it isn't one. */
static size_t rw_rank(const char *s, size_t n)
{
    if (strncmp(s, "/pick", 5) == 0)
        s += 5;
    while (*s == ' ')
        s++;
    char *end;
    long k = strtol(s, &end, 10);
    if (end == s || *end || k < 1 || (size_t)k > n)
        return 0;
    return (size_t)k;
}

static int rw_pick(struct wks_run *run, const size_t *order, size_t n,
                   size_t *pick, wks_by *by)
{
    struct repl *r = run->io.ud;
    rw_pick_help(r, run->w, order);
    for (;;) {
        char *line = NULL;
        int in = rw_read(r, "facilitator>", &line);
        if (in < 0)
            continue;
        if (in != WKS_IN_REPLY)
            return in;
        size_t k = rw_rank(line, n);
        int best = !*line || strcmp(line, "/pick") == 0;
        if (best || k) {
            *pick = order[best ? 0 : k - 1];
            *by = best || k == 1 ? WKS_BY_BEST : WKS_BY_FACILITATOR;
        } else if (strcmp(line, "/each") == 0) {
            wksv_each(&run->v, run->w, order, n);
        } else if (strcmp(line, "/model") == 0) {
            wksv_model(&run->v, run->w);
        } else if (strcmp(line, "/quit") == 0) {
            free(line);
            return WKS_IN_QUIT;
        } else {
            view_linef(&r->v, 0, NULL, _("Choose a reply from 1 to %zu."), n);
            rw_pick_help(r, run->w, order);
        }
        free(line);
        if (best || k)
            return WKS_IN_PICK;
    }
}

int repl_workshop(const struct repl_opts *o, struct wks_run *run)
{
    struct repl *r = util_xmalloc(sizeof *r);
    repl_begin(r, o);
    r->no_history = 1;
    run->v = r->v;
    run->io.reply = rw_reply;
    run->io.answered = rw_answered;
    run->io.pick = rw_pick;
    run->io.ud = r;
    run->io.interactive = 1;
    view_para(&r->v, 0, TERM_DIM, _("Workshop: each player answers in turn; "
              "the screen is cleared after every reply. /help at a player's "
              "prompt lists the commands."));
    int rc = wks_run_all(run);
    int end = repl_end(r);
    free(r);
    return end ? end : rc;
}
