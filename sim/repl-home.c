/*
 * repl-home.c - the simulator's home commands (repl.h): the welcome,
 * help, list, play ID [en|fa], score and quit.
 *
 * A new hire's first minute happens here, so every message says what to
 * type next, and a mistyped command or id gets a "did you mean". `score`
 * grades one reply against a free context (the scorer alone, no scenario)
 * for trying phrasings; its grades are shown as a conversation's are.
 */
#include "repl.h"
#include "scn-pick.h"
#include "bidi.h"
#include "i18n.h"
#include "term.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define HOME_TITLE_CELLS 44
#define HOME_TAG_CELLS 36

/* The scenario a newcomer should start with: the easiest. */
static const scn_scenario *home_first(const struct repl *r)
{
    const scn_scenario *best = NULL;
    for (size_t i = 0; i < r->lib.n; i++)
        if (!best || r->lib.v[i]->difficulty < best->difficulty)
            best = r->lib.v[i];
    return best;
}

void repl_welcome(struct repl *r)
{
    const struct view *v = &r->v;
    const scn_scenario *first = home_first(r);
    view_line(v, 0, TERM_BOLD, _("Welcome to hamdel, a safe place to practise difficult customer conversations."));
    view_line(v, 0, NULL, _("Nothing you type here reaches a real customer. Take your time."));
    if (first)
        view_linef(v, 0, NULL, _("To start, type:  play %s    (or 'list' to see every scenario)"),
                   first->id);
    else
        view_linef(v, 0, NULL, _("No scenarios were found in %s; 'score' still grades single replies."),
                   scn_library_default_dir());
    view_line(v, 0, TERM_DIM, _("'help' lists the commands. Tab completes them. Ctrl-D leaves."));
}

void repl_home_help(struct repl *r)
{
    static const char *const lines[] = {
        N_("list                 the scenarios, with your best grade so far"),
        N_("play ID [en|fa]      talk to a customer (e.g. play broken-tv fa)"),
        N_("score                grade one reply of yours, outside a scenario"),
        N_("track [ID]           the onboarding tracks; with an id, its next step"),
        N_("help                 this list"),
        N_("quit                 leave (Ctrl-D does the same)"),
    };
    view_line(&r->v, 0, TERM_BOLD, _("Commands:"));
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        view_line(&r->v, 2, NULL, _(lines[i]));
    view_line(&r->v, 0, TERM_DIM, _("Inside a scenario, type /help for the conversation commands."));
}

/* One cell of the table: reordered, escaped, cut and padded. */
static void home_cell(const struct repl *r, const char *text, size_t cells)
{
    char *vis = bidi_visual(text, strlen(text));
    size_t w = term_put_clean(stdout, vis, strlen(vis), cells, r->v.ascii);
    free(vis);
    for (; w < cells + 2; w++)
        fputc(' ', stdout);
}

/* Column widths that fit the terminal: the title is cut before the tags
 * are dropped, so 80 columns still show id, title, level and best. */
typedef struct {
    size_t id, title, tags; /* tags 0: not shown */
} home_widths;

static home_widths home_fit(const struct repl *r, size_t idw)
{
    home_widths w = {idw, HOME_TITLE_CELLS, HOME_TAG_CELLS};
    size_t cols = view_cols(&r->v), fixed = idw + 2 + 5 + 2 + 4;
    /* what is left for the title and the tags, each padded by 2 */
    size_t avail = cols > fixed + 1 ? cols - fixed - 1 : 0;
    if (avail >= HOME_TITLE_CELLS + 2 + 12 + 2) {
        size_t rest = avail - HOME_TITLE_CELLS - 2 - 2;
        w.tags = rest < HOME_TAG_CELLS ? rest : HOME_TAG_CELLS;
    } else {
        w.tags = 0;
        w.title = avail >= HOME_TITLE_CELLS + 2 ? HOME_TITLE_CELLS
                  : avail > 14 ? avail - 2 : 12;
    }
    return w;
}

static void home_row(const struct repl *r, const scn_scenario *s, home_widths hw)
{
    char num[32], tags[256] = "";
    for (size_t i = 0; i < s->tags.n; i++) {
        if (i)
            strncat(tags, ",", sizeof tags - strlen(tags) - 1);
        strncat(tags, s->tags.v[i], sizeof tags - strlen(tags) - 1);
    }
    home_cell(r, s->id, hw.id);
    home_cell(r, scn_text_any(&(s)->title, i18n_score_lang()), hw.title);
    snprintf(num, sizeof num, "%d/5", s->difficulty);
    home_cell(r, num, 5);
    if (hw.tags)
        home_cell(r, tags, hw.tags);
    double best = repl_best_grade(s->id);
    if (best < 0)
        snprintf(num, sizeof num, "-");
    else
        snprintf(num, sizeof num, "%.1f", best);
    term_put_clean(stdout, num, strlen(num), 0, 1);
    fputc('\n', stdout);
}

static void home_list(struct repl *r)
{
    size_t idw = 2;
    if (r->lib.n == 0) {
        view_linef(&r->v, 0, NULL, _("No scenarios were found in %s."),
                   scn_library_default_dir());
        return;
    }
    for (size_t i = 0; i < r->lib.n; i++) {
        size_t w = strlen(r->lib.v[i]->id);
        idw = w > idw ? w : idw;
    }
    home_widths hw = home_fit(r, idw);
    fputs(view_sgr(&r->v, TERM_BOLD), stdout);
    home_cell(r, _("ID"), hw.id);
    home_cell(r, _("TITLE"), hw.title);
    home_cell(r, _("LEVEL"), 5);
    if (hw.tags)
        home_cell(r, _("TAGS"), hw.tags);
    fputs(_("BEST"), stdout);
    fputs(view_sgr(&r->v, TERM_RESET), stdout);
    fputc('\n', stdout);
    for (size_t i = 0; i < r->lib.n; i++)
        home_row(r, r->lib.v[i], hw);
    view_line(&r->v, 0, TERM_DIM, _("BEST is your best overall grade (0-10) in a finished conversation."));
}

/* "did you mean" for a mistyped scenario id. */
static void home_no_such(struct repl *r, const char *id)
{
    view_linef(&r->v, 0, TERM_RED, _("There is no scenario '%s'."), id);
    for (size_t i = 0; i < r->lib.n; i++)
        if (util_distance(id, r->lib.v[i]->id) <= 3 || strstr(r->lib.v[i]->id, id)) {
            view_linef(&r->v, 0, NULL, _("Did you mean: play %s"), r->lib.v[i]->id);
            return;
        }
    view_line(&r->v, 0, NULL, _("Type 'list' to see the scenarios."));
}

/* The language: as asked, else the interface's, else what it has. */
static int home_lang(struct repl *r, const scn_scenario *s, const char *want,
                     score_lang *out)
{
    int l = want ? score_lang_parse(want) : (int)i18n_score_lang();
    if (l == SCORE_LANG_EN || l == SCORE_LANG_FA) {
        if (s->langs & (1u << l)) {
            *out = (score_lang)l;
            return 0;
        }
        if (want) {
            view_linef(&r->v, 0, TERM_RED, _("'%s' is not written in '%s'."), s->id, want);
            return -1;
        }
    } else if (want) {
        view_linef(&r->v, 0, TERM_RED, _("Unknown language '%s': use en or fa."), want);
        return -1;
    }
    *out = s->langs & (1u << SCORE_LANG_EN) ? SCORE_LANG_EN : SCORE_LANG_FA;
    return 0;
}

/* A scenario id of the library, alone or with a language ("backorder:fa"). */
static int home_is_id(struct repl *r, const char *word)
{
    char bare[256];
    if (scn_library_find(&r->lib, word))
        return 1;
    return scnp_split_lang(word, bare, sizeof bare) && scn_library_find(&r->lib, bare);
}

static void home_play(struct repl *r, const char *id, const char *lang)
{
    if (!id) {
        view_line(&r->v, 0, NULL, _("Which scenario? For example: play broken-tv  ('list' shows them all)"));
        return;
    }
    char bare[256];
    const char *suffix = scnp_split_lang(id, bare, sizeof bare); /* "play ID:fa" */
    if (suffix && !lang) {
        id = bare;
        lang = suffix;
    }
    const scn_scenario *s = scn_library_find(&r->lib, id);
    score_lang l;
    if (!s)
        home_no_such(r, id);
    else if (home_lang(r, s, lang, &l) == 0)
        repl_scene(r, s, l, NULL);
}

/* Ask one question; the answer (malloc'd) or NULL when cancelled. */
char *repl_ask(struct repl *r, const char *question, const char *label)
{
    char prompt[128], *line = NULL;
    view_line(&r->v, 0, NULL, question);
    repl_prompt(r, label, prompt, sizeof prompt);
    int rc = repl_read(r, prompt, &line);
    if (rc == REPL_IN_STOP)
        r->stop_sig = repl_stop_signal();
    return rc == REPL_IN_LINE ? line : NULL;
}

static int home_blank(const char *s)
{
    return s[strspn(s, " \t\n")] == '\0';
}

/* The free context: what the customer wants and how tense they are. */
static int home_context(struct repl *r, score_context *c)
{
    char *w = repl_ask(r, _("What does the customer want most: action, empathy or both? (Enter: both)"),
                       _("wants>"));
    if (!w)
        return -1;
    int k = home_blank(w) ? SCORE_WANTS_BOTH : score_wants_parse(w + strspn(w, " "));
    if (k < 0)
        view_line(&r->v, 0, TERM_DIM, _("Not one of action, empathy, both; using both."));
    c->wants = k < 0 ? SCORE_WANTS_BOTH : (score_wants)k;
    free(w);
    char *t = repl_ask(r, _("How upset is the customer, 0 (calm) to 10 (furious)? (Enter: 5)"),
                       _("tension>"));
    if (!t)
        return -1;
    double v;
    if (!home_blank(t) && (util_parse_double(t, &v) != 0 || v < 0 || v > 10))
        view_line(&r->v, 0, TERM_DIM, _("Not a number from 0 to 10; using 5."));
    else if (!home_blank(t))
        c->tension = v;
    free(t);
    return 0;
}

static void home_score(struct repl *r)
{
    char *reply = NULL;
    while (!reply || home_blank(reply)) {
        free(reply);
        reply = repl_ask(r, _("Type the reply you want graded ('\\' at the end of a line continues it):"),
                         _("reply>"));
        if (!reply)
            return;
    }
    score_context c;
    score_context_init(&c);
    if (home_context(r, &c) == 0) {
        score_lang l = score_detect_lang(reply, strlen(reply));
        c.lang = l;
        score_result res;
        score_result_init(&res);
        if (score_reply(repl_rubric(r, l), &c, reply, strlen(reply), &res) == SCORE_OK) {
            struct view_grade g;
            view_grade_result(&g, &res);
            view_grades(&r->v, &g);
            free(g.f);
        } else {
            view_line(&r->v, 0, TERM_RED, _("That reply has no words to grade."));
        }
        score_result_free(&res);
    }
    free(reply);
}

int repl_home_command(struct repl *r, char *line)
{
    char *save = NULL;
    char *cmd = strtok_r(line, " \t\n", &save);
    char *a1 = cmd ? strtok_r(NULL, " \t\n", &save) : NULL;
    char *a2 = a1 ? strtok_r(NULL, " \t\n", &save) : NULL;
    if (!cmd)
        return 0;
    /* "play ID --lang fa" as on the command line, as well as "play ID fa" */
    if (a2 && (strcmp(a2, "--lang") == 0 || strcmp(a2, "-l") == 0))
        a2 = strtok_r(NULL, " \t\n", &save);
    else if (a2 && strncmp(a2, "--lang=", 7) == 0)
        a2 += 7;
    if (cmd[0] == '/')
        cmd++; /* "/quit" at home means quit too */
    if (strcmp(cmd, "quit") == 0 || strcmp(cmd, "exit") == 0 || strcmp(cmd, "q") == 0)
        return 1;
    if (strcmp(cmd, "list") == 0 || strcmp(cmd, "ls") == 0)
        home_list(r);
    else if (strcmp(cmd, "play") == 0)
        home_play(r, a1, a2);
    else if (strcmp(cmd, "track") == 0 || strcmp(cmd, "tracks") == 0)
        repl_track(r, a1);
    else if (strcmp(cmd, "score") == 0)
        home_score(r);
    else if (strcmp(cmd, "help") == 0 || strcmp(cmd, "?") == 0)
        repl_home_help(r);
    else if (home_is_id(r, cmd))
        home_play(r, cmd, a1); /* a bare id (or ID:fa) plays it */
    else {
        view_linef(&r->v, 0, TERM_RED, _("Unknown command '%s'."), cmd);
        view_line(&r->v, 0, NULL, _("Type 'help' for the commands, or 'list' for the scenarios."));
    }
    return 0;
}
