/*
 * repl-track.c - `track [ID]` in the simulator: follow an onboarding track
 * (docs/tracks.md) one step at a time.
 *
 * Without an id it lists the tracks. With one it asks the trainee's name
 * when hamdel was started without --trainee (the sessions must be recorded
 * under a name to count), reads their finished sessions from the progress
 * store (store.h), computes the track's status (track-status.c) and plays
 * the next open step; afterwards it says whether the step was passed. The
 * store is optional: when it can't be opened the step is still played and
 * the trainee is told why it won't count.
 */
#include "repl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store.h"
#include "term.h"
#include "track.h"
#include "util.h"

static void track_list(struct repl *r, const trk_library *tl)
{
    if (tl->n == 0) {
        view_linef(&r->v, 0, NULL, _("No tracks were found in %s."), trk_library_default_dir());
        return;
    }
    view_line(&r->v, 0, TERM_BOLD, _("Tracks:"));
    for (size_t i = 0; i < tl->n; i++)
        view_linef(&r->v, 2, NULL, "%-22s %s", tl->v[i]->id, scn_text_any(&tl->v[i]->title, i18n_score_lang()));
    view_line(&r->v, 0, TERM_DIM, _("Type: track ID   to play the next step of one."));
}

/* The trainee's name: --trainee or the remembered one, else asked once
 * and remembered (repl-trainee.c). */
static const char *track_trainee(struct repl *r)
{
    if (r->o.trainee && *r->o.trainee)
        return r->o.trainee;
    char *name = repl_ask(r, _("Your name, so this track's steps count for you:"), _("name>"));
    if (!name)
        return NULL;
    int bad = repl_trainee_remember(r, name);
    free(name);
    return bad ? NULL : r->o.trainee; /* from now on every scenario is recorded */
}

typedef struct {
    trk_rows rows;
    trk_status st;
    int ok; /* the store was read */
} track_state;

static void track_state_free(track_state *k)
{
    if (k->ok)
        trk_status_free(&k->st);
    trk_rows_free(&k->rows);
    k->ok = 0;
}

/* Read the trainee's finished sessions and compute the track's status. */
static int track_read(struct repl *r, const trk_track *t, const char *who, track_state *k)
{
    char err[1024];
    memset(k, 0, sizeof *k);
    if (trk_progress_load(r->o.db, t, who, &k->rows, &k->st, err, sizeof err) != 0) {
        view_line(&r->v, 0, TERM_RED, err);
        return 0;
    }
    k->ok = 1;
    return 1;
}

static void track_step_line(struct repl *r, const trk_track *t, size_t i)
{
    const trk_step *s = &t->steps[i];
    const scn_scenario *sc = scn_library_find(&r->lib, s->scenario);
    view_linef(&r->v, 0, TERM_BOLD, _("Step %zu of %zu: %s (%s), pass mark %.1f overall"), i + 1,
               t->n_steps, sc ? scn_text_any(&sc->title, i18n_score_lang()) : s->scenario, score_lang_name(s->lang),
               s->pass.overall);
}

/* After the scene: did it pass the step? */
static void track_after(struct repl *r, const trk_track *t, size_t step, const char *who)
{
    track_state k;
    if (!track_read(r, t, who, &k))
        return;
    if (k.st.steps[step].state == TRK_PASSED)
        view_linef(&r->v, 0, TERM_GREEN, _("Step %zu passed. %zu of %zu steps done."), step + 1,
                   k.st.n_passed, t->n_steps);
    else
        view_linef(&r->v, 0, NULL, _("Step %zu is not passed yet: it needs an overall mean of %.1f."),
                   step + 1, t->steps[step].pass.overall);
    if (k.st.certified)
        view_linef(&r->v, 0, TERM_GREEN, _("Certified: you have passed every step of %s."), t->id);
    track_state_free(&k);
}

static void track_play(struct repl *r, const trk_track *t)
{
    const char *who = track_trainee(r);
    if (!who) {
        view_line(&r->v, 0, NULL, _("Without a name the steps can't be counted; nothing was started."));
        return;
    }
    track_state k;
    if (!track_read(r, t, who, &k)) {
        view_line(&r->v, 0, NULL, _("The progress database can't be used, so the track can't be followed now."));
        return;
    }
    if (k.st.certified) {
        view_linef(&r->v, 0, TERM_GREEN, _("%s is certified for %s (%s). Replay any step with play."),
                   who, t->id, k.st.certified_at ? k.st.certified_at : "");
        track_state_free(&k);
        return;
    }
    if (k.st.n_next == 0) {
        view_line(&r->v, 0, NULL, _("No step is open right now."));
        track_state_free(&k);
        return;
    }
    size_t step = k.st.next[0];
    track_state_free(&k);
    const trk_step *s = &t->steps[step];
    const scn_scenario *sc = scn_library_find(&r->lib, s->scenario);
    if (!sc) {
        view_linef(&r->v, 0, TERM_RED, _("There is no scenario '%s'."), s->scenario);
        return;
    }
    track_step_line(r, t, step);
    repl_scene(r, sc, s->lang, NULL);
    if (!r->quit && !r->stop_sig)
        track_after(r, t, step, who);
}

void repl_track(struct repl *r, const char *id)
{
    trk_library tl = {0};
    scn_diags d = {0};
    const char *dir = trk_library_default_dir();
    trk_library_load(&dir, 1, &r->lib, &tl, &d);
    if (!id) {
        track_list(r, &tl);
    } else {
        const trk_track *t = trk_library_find(&tl, id);
        if (t)
            track_play(r, t);
        else
            view_linef(&r->v, 0, TERM_RED, _("There is no track '%s'. Type: track   to list them."), id);
    }
    trk_library_free(&tl);
    scn_diags_free(&d);
}
