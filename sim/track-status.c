/*
 * track-status.c - where a trainee stands on a track: a pure function of
 * the track and the trainee's finished results (docs/tracks.md, "Passing
 * and certification").
 *
 * A step is passed by a result of its scenario in its language whose
 * overall mean and per-dimension means meet the step's pass mark, finished
 * once the step was open: when the last of the steps it comes after was
 * first passed (any time for a step that comes after none). So a step that
 * repeats a scenario needs a new session, and a locked step is really
 * locked. A step is open when every step it comes after is passed, locked
 * otherwise; the open steps are what comes next. Passing every step certifies the
 * trainee: on the date the last step was first passed, with the means of
 * each step's best result. No database here: `hamdel track show
 * --trainee` and the progress store supply the results.
 */
#include "track.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

const char *trk_state_name(trk_state s)
{
    switch (s) {
    case TRK_PASSED: return "passed";
    case TRK_OPEN: return "open";
    default: return "locked";
    }
}

int trk_result_passes(const trk_step *s, const trk_result *r)
{
    if (r->overall < s->pass.overall)
        return 0;
    for (int d = 0; d < SCORE_NDIM; d++)
        if (s->pass.min[d] >= 0 && r->dims[d] < s->pass.min[d])
            return 0;
    return 1;
}

/* Is a later than b? A missing date counts as the earliest. */
static int ts_later(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") > 0;
}

/* One step, once it is known to be open since `since` (NULL: always). */
static void ts_step(const trk_step *s, const trk_result *r, size_t n,
                    const char *since, trk_step_status *o)
{
    o->best = o->first_pass = o->best_try = -1;
    o->attempts = 0;
    for (size_t i = 0; i < n; i++) {
        if (!r[i].scenario || strcmp(r[i].scenario, s->scenario) != 0 ||
            r[i].lang != s->lang || (since && ts_later(since, r[i].finished_at)))
            continue;
        o->attempts++;
        /* the best: highest overall, then the earliest */
        if (o->best_try < 0 || r[i].overall > r[o->best_try].overall ||
            (r[i].overall == r[o->best_try].overall &&
             ts_later(r[o->best_try].finished_at, r[i].finished_at)))
            o->best_try = (int)i;
        if (!trk_result_passes(s, &r[i]))
            continue;
        if (o->best < 0 || r[i].overall > r[o->best].overall ||
            (r[i].overall == r[o->best].overall &&
             ts_later(r[o->best].finished_at, r[i].finished_at)))
            o->best = (int)i;
        if (o->first_pass < 0 || ts_later(r[o->first_pass].finished_at, r[i].finished_at))
            o->first_pass = (int)i;
    }
    o->state = o->best >= 0 ? TRK_PASSED : TRK_OPEN;
}

void trk_status_compute(const trk_track *t, const trk_result *r, size_t n,
                        trk_status *out)
{
    memset(out, 0, sizeof *out);
    out->n_steps = t->n_steps;
    out->steps = util_xmalloc((t->n_steps + 1) * sizeof *out->steps);
    out->next = util_xmalloc((t->n_steps + 1) * sizeof *out->next);
    /* Every step starts locked; a pass opens the steps after it. The
     * loader refuses cycles, so n rounds settle every step. */
    unsigned char *done = util_xmalloc(t->n_steps + 1);
    memset(done, 0, t->n_steps + 1);
    for (size_t i = 0; i < t->n_steps; i++) {
        memset(&out->steps[i], 0, sizeof out->steps[i]);
        out->steps[i].best = out->steps[i].first_pass = out->steps[i].best_try = -1;
    }
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t i = 0; i < t->n_steps; i++) {
            const trk_step *s = &t->steps[i];
            const char *since = NULL;
            int ready = 1, open = 1;
            for (size_t k = 0; k < s->n_after; k++) {
                const trk_step_status *p = &out->steps[s->after[k]];
                ready &= done[s->after[k]];
                open &= p->state == TRK_PASSED;
                if (p->state == TRK_PASSED &&
                    (!since || ts_later(r[p->first_pass].finished_at, since)))
                    since = r[p->first_pass].finished_at;
            }
            if (done[i] || !ready)
                continue;
            done[i] = 1, changed = 1;
            if (open)
                ts_step(s, r, n, since, &out->steps[i]);
        }
    }
    free(done);
    for (size_t i = 0; i < t->n_steps; i++) {
        out->n_passed += out->steps[i].state == TRK_PASSED;
        if (out->steps[i].state == TRK_OPEN)
            out->next[out->n_next++] = i;
    }
    out->certified = t->n_steps > 0 && out->n_passed == t->n_steps;
    if (!out->certified)
        return;
    for (size_t i = 0; i < t->n_steps; i++) {
        const trk_result *best = &r[out->steps[i].best];
        const trk_result *first = &r[out->steps[i].first_pass];
        if (!out->certified_at || ts_later(first->finished_at, out->certified_at))
            out->certified_at = first->finished_at;
        out->mean_overall += best->overall / (double)t->n_steps;
        for (int d = 0; d < SCORE_NDIM; d++)
            out->mean_dims[d] += best->dims[d] / (double)t->n_steps;
    }
}

void trk_status_free(trk_status *st)
{
    free(st->steps);
    free(st->next);
    memset(st, 0, sizeof *st);
}
