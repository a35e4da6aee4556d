/*
 * repl-scene.c - one conversation in the simulator (repl.h).
 *
 * The customer speaks (view_customer), the trainee answers at `you>`;
 * each reply goes to the engine, is written to the transcript at once
 * (transcript.c), and is followed by its grades, what mattered most, how
 * the tension moved and the customer's reaction. Lines starting with '/'
 * are commands: /hint, /model, /retry, /score, /transcript, /multi,
 * /quit, /help. Asking for help is recorded as an event line, so a trainer
 * reading the transcript sees it. However the conversation stops (an
 * ending, /quit, Ctrl-D, a hang-up), the transcript is closed properly.
 */
#include "repl.h"
#include "i18n.h"
#include "store.h"
#include "term.h"
#include "transcript.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define SCENE_WEAK 6.0 /* below this overall, the model answer is shown */

struct scene {
    struct repl *r;
    const struct view *v;
    eng_session *e;
    trs *t;
    store_live *live; /* recording in the progress store, or NULL */
    char *path;
    int shown;      /* the current customer line is on screen */
    int told_ctrlc; /* the Ctrl-C note was given */
};

static int scene_open(struct scene *sc, const char *transcript)
{
    char err[4200];
    int code;
    sc->t = trs_start(transcript, sc->e, sc->r->o.trainee, err, sizeof err, &code);
    if (!sc->t) {
        view_line(sc->v, 0, TERM_RED, err);
        view_line(sc->v, 0, NULL, _("Without a transcript the practice would be lost, so it did not start."));
        return -1;
    }
    sc->path = util_xstrdup(trs_path(sc->t));
    if (sc->r->o.trainee || sc->r->o.db)
        sc->live = store_live_start(sc->t, sc->r->o.db, sc->r->o.trainee);
    return 0;
}

static void scene_help(const struct scene *sc)
{
    static const char *const lines[] = {
        N_("Type your reply and press Enter. End a line with \\ to go on"),
        N_("on the next line, or use /multi for a long reply."),
        N_("/hint        a hint for this line (it is noted in the transcript)"),
        N_("/model       a model answer for this line (also noted)"),
        N_("/retry       answer the last customer line again"),
        N_("/score       your report card so far"),
        N_("/transcript  where this conversation is saved"),
        N_("/quit        stop here; your transcript is kept"),
        N_("/multi       write a long reply over several lines (end with a line with only .)"),
        N_("/help        this list"),
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        view_line(sc->v, i < 2 ? 0 : 2, NULL, _(lines[i]));
}

/* Write an event line; a failed write is reported, practice goes on. */
static void scene_event(struct scene *sc, const char *what,
                        const scn_node *n, int turn)
{
    if (trs_event(sc->t, sc->e, what, n->id, turn) != 0)
        view_linef(sc->v, 0, TERM_RED, _("Could not write the transcript %s: %s"),
                   sc->path, strerror(errno));
}

static void scene_hint(struct scene *sc)
{
    const char *hint = eng_text(sc->e, &eng_node(sc->e)->hint);
    if (!*hint) {
        view_line(sc->v, 0, NULL, _("There is no hint for this line. Think about what the customer wants right now."));
        return;
    }
    view_line(sc->v, 0, TERM_BOLD, _("Hint:"));
    view_para(sc->v, 2, NULL, hint);
    scene_event(sc, "hint", eng_node(sc->e), (int)eng_n_turns(sc->e) + 1);
}

/* The model answer to node `n`, noted as asked for before turn `turn`. */
static void scene_model(struct scene *sc, const scn_node *n, int turn,
                        const char *label)
{
    const char *model = eng_text(sc->e, &n->model_answer);
    if (!*model) {
        view_line(sc->v, 0, NULL, _("This line has no model answer."));
        return;
    }
    view_line(sc->v, 0, TERM_GREEN, label);
    view_para(sc->v, 2, NULL, model);
    scene_event(sc, "model", n, turn);
}

static void scene_retry(struct scene *sc)
{
    const eng_turn *last = eng_n_turns(sc->e)
        ? eng_turn_at(sc->e, eng_n_turns(sc->e) - 1) : NULL;
    if (!last) {
        view_line(sc->v, 0, NULL, _("Nothing to retry yet: answer the customer first."));
        return;
    }
    int number = last->number;
    eng_retry(sc->e);
    scene_event(sc, "retry", eng_node(sc->e), number);
    view_line(sc->v, 0, TERM_DIM, _("Answer the same line again. Your first try stays in the transcript."));
    sc->shown = 0;
}

/* A graded reply: the grades, the tension, the customer's reaction. */
static void scene_show_turn(struct scene *sc, const eng_turn *t)
{
    struct view_grade g;
    fputc('\n', sc->v->f);
    view_grade_turn(&g, t);
    view_grades(sc->v, &g);
    free(g.f);
    view_tension_move(sc->v, t);
    if (t->overall < SCENE_WEAK)
        scene_model(sc, &eng_scenario(sc->e)->nodes[t->node], t->number,
                    _("What to say instead (a model answer; /retry to try again):"));
    fputc('\n', sc->v->f);
    if (t->say)
        view_customer(sc->v, sc->e, t->say);
}

static void scene_reply(struct scene *sc, const char *reply, size_t len)
{
    const eng_turn *t;
    int rc = eng_reply(sc->e, reply, len, &t);
    if (rc == SCORE_EEMPTY) {
        view_line(sc->v, 0, NULL, _("That has no words to grade. Type your reply to the customer."));
        return;
    }
    if (rc != SCORE_OK) {
        view_linef(sc->v, 0, TERM_RED, _("The reply could not be graded (code %d)."), rc);
        return;
    }
    if (trs_turn(sc->t, sc->e) != 0)
        view_linef(sc->v, 0, TERM_RED, _("Could not write the transcript %s: %s"),
                   sc->path, strerror(errno));
    scene_show_turn(sc, t);
    sc->shown = 0;
}

/* A '/' command; 1 when the conversation should stop. */
static int scene_command(struct scene *sc, char *line)
{
    char *save = NULL, *cmd = strtok_r(line, " \t\n", &save);
    if (!cmd || strcmp(cmd, "/help") == 0 || strcmp(cmd, "/?") == 0)
        scene_help(sc);
    else if (strcmp(cmd, "/quit") == 0 || strcmp(cmd, "/exit") == 0)
        return 1;
    else if (strcmp(cmd, "/hint") == 0)
        scene_hint(sc);
    else if (strcmp(cmd, "/model") == 0)
        scene_model(sc, eng_node(sc->e), (int)eng_n_turns(sc->e) + 1,
                    _("A model answer to this line (say it in your own words):"));
    else if (strcmp(cmd, "/retry") == 0)
        scene_retry(sc);
    else if (strcmp(cmd, "/score") == 0)
        view_card(sc->v, sc->e);
    else if (strcmp(cmd, "/transcript") == 0)
        view_linef(sc->v, 0, NULL, _("Transcript: %s"), sc->path);
    else {
        view_linef(sc->v, 0, TERM_RED, _("Unknown command '%s'."), cmd);
        view_line(sc->v, 0, NULL, _("Type /help for the commands."));
    }
    return 0;
}

static int scene_blank(const char *s)
{
    return s[strspn(s, " \t\n")] == '\0';
}

/* One entry at `you>`; 1 when the conversation should stop. */
static int scene_input(struct scene *sc, char *line)
{
    if (strcmp(line, "/multi") == 0) {
        view_line(sc->v, 0, TERM_DIM, _("Type your reply over several lines; a line with only a dot (.) sends it."));
        free(line);
        int rc = repl_read_multi(sc->r, &line);
        if (rc != REPL_IN_LINE)
            return rc == REPL_IN_STOP ? (sc->r->stop_sig = repl_stop_signal(), 1) : 0;
    }
    int stop = 0;
    if (line[0] == '/')
        stop = scene_command(sc, line);
    else if (scene_blank(line))
        view_line(sc->v, 0, NULL, _("Type a reply to the customer first (or /hint if you are stuck)."));
    else
        scene_reply(sc, line, strlen(line));
    free(line);
    return stop;
}

static void scene_loop(struct scene *sc)
{
    char prompt[128], *line;
    while (!eng_done(sc->e)) {
        if (!sc->shown)
            view_customer(sc->v, sc->e, eng_text(sc->e, &eng_node(sc->e)->customer));
        sc->shown = 1;
        repl_prompt(sc->r, _("you>"), prompt, sizeof prompt);
        int rc = repl_read(sc->r, prompt, &line);
        if (rc == REPL_IN_INT && !sc->told_ctrlc++)
            view_line(sc->v, 0, TERM_DIM, _("(Ctrl-C clears the line. /quit ends the conversation.)"));
        if (rc == REPL_IN_STOP)
            sc->r->stop_sig = repl_stop_signal();
        if (rc == REPL_IN_EOF)
            fputc('\n', sc->v->f);
        if (rc == REPL_IN_STOP || rc == REPL_IN_EOF ||
            (rc == REPL_IN_LINE && scene_input(sc, line)) || sc->r->stop_sig)
            break;
    }
}

/* Close the transcript; show the end unless the terminal is gone. */
static void scene_finish(struct scene *sc)
{
    if (trs_close(sc->t, sc->e) != 0 && !sc->r->stop_sig)
        view_linef(sc->v, 0, TERM_RED, _("Could not finish the transcript %s: %s"),
                   sc->path, strerror(errno));
    sc->t = NULL;
    store_live_stop(sc->live);
    sc->live = NULL;
    if (sc->r->stop_sig)
        return;
    view_ending(sc->v, sc->e);
    view_card(sc->v, sc->e);
    view_linef(sc->v, 0, NULL, _("Transcript: %s"), sc->path);
    view_suggest(sc->v, sc->e, &sc->r->lib);
    fputc('\n', sc->v->f);
}

/* The interface speaks the scenario's language unless the trainee chose
 * one (--ui-lang, HAMDEL_UI_LANG): a Persian customer gets a Persian
 * screen. Returns the language to go back to afterwards, or NULL. */
static const char *scene_ui_lang(const struct repl *r, score_lang lang)
{
    static char before[8];
    const char *want = score_lang_name(lang);
    if (r->o.ui_lang || strcmp(i18n_lang(), want) == 0)
        return NULL;
    snprintf(before, sizeof before, "%s", i18n_lang());
    i18n_init(want);
    return before;
}

void repl_scene(struct repl *r, const scn_scenario *s, score_lang lang,
                const char *transcript)
{
    const char *restore = scene_ui_lang(r, lang);
    struct scene sc = {r, &r->v, NULL, NULL, NULL, NULL, 0, 0};
    sc.e = eng_start(s, lang, repl_rubric(r, lang));
    if (scene_open(&sc, transcript) == 0) {
        view_intro(sc.v, sc.e);
        view_line(sc.v, 0, TERM_DIM, _("Type your reply and press Enter. /hint if you are stuck, /help for more."));
        scene_loop(&sc);
        scene_finish(&sc);
    }
    free(sc.path);
    eng_free(sc.e);
    if (restore)
        i18n_init(restore);
}
