/*
 * workshop-sum.c - the team summary at the end of a workshop
 * (workshop.h): what the facilitator reads out before the room leaves.
 *
 * Everything is computed from the recorded replies alone, so the summary
 * in the transcript, on screen and in --json is the same, and a test can
 * recompute it from the per-reply rows.
 */
#include "workshop.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Means per player and for the room; counts of passes, picks, firsts. */
static void wks_sum_means(const wks *w, wks_sum *s)
{
    for (size_t i = 0; i < w->n_replies; i++) {
        const wks_reply *r = &w->replies[i];
        wks_player_sum *p = &s->players[r->player];
        if (r->passed) {
            p->passed++;
            s->passed++;
            continue;
        }
        p->answered++;
        s->answered++;
        p->picked += r->picked != 0;
        p->firsts += r->rank == 1;
        for (int d = 0; d < SCORE_NDIM; d++) {
            p->mean[d] += r->t.scores[d];
            s->mean[d] += r->t.scores[d];
        }
        p->overall += r->t.overall;
        s->overall += r->t.overall;
    }
    for (size_t k = 0; k < w->n_players; k++) {
        wks_player_sum *p = &s->players[k];
        for (int d = 0; d < SCORE_NDIM && p->answered; d++)
            p->mean[d] /= (double)p->answered;
        if (p->answered)
            p->overall /= (double)p->answered;
    }
    for (int d = 0; d < SCORE_NDIM && s->answered; d++)
        s->mean[d] /= (double)s->answered;
    if (s->answered)
        s->overall /= (double)s->answered;
}

/* A player's gain: the mean overall of the later half of their replies
 * minus that of the earlier half (the middle one of an odd count is in
 * neither). The most improved player has the largest positive gain. */
static void wks_sum_gain(const wks *w, wks_sum *s)
{
    double *v = util_xmalloc((w->n_replies + 1) * sizeof *v);
    double best = 0;
    s->most_improved = -1;
    for (size_t k = 0; k < w->n_players; k++) {
        size_t n = 0;
        for (size_t i = 0; i < w->n_replies; i++)
            if (w->replies[i].player == k && !w->replies[i].passed)
                v[n++] = w->replies[i].t.overall;
        wks_player_sum *p = &s->players[k];
        if (n < 2)
            continue;
        double early = 0, late = 0;
        for (size_t i = 0; i < n / 2; i++) {
            early += v[i];
            late += v[n - 1 - i];
        }
        p->gain_known = 1;
        p->gain = (late - early) / (double)(n / 2);
        if (p->gain > best + 1e-9) {
            best = p->gain;
            s->most_improved = (long)k;
        }
    }
    free(v);
}

/* The reply of the day per dimension: the highest score there, then the
 * higher overall, then the earlier reply. */
static void wks_sum_of_the_day(const wks *w, wks_sum *s)
{
    for (int d = 0; d < SCORE_NDIM; d++) {
        long best = -1;
        for (size_t i = 0; i < w->n_replies; i++) {
            const wks_reply *r = &w->replies[i];
            if (r->passed)
                continue;
            if (best < 0) {
                best = (long)i;
                continue;
            }
            const wks_reply *b = &w->replies[best];
            if (r->t.scores[d] > b->t.scores[d] + 1e-9 ||
                (r->t.scores[d] > b->t.scores[d] - 1e-9 &&
                 r->t.overall > b->t.overall + 1e-9))
                best = (long)i;
        }
        s->of_the_day[d] = best;
    }
}

/* One customer line (round, turn) as the room answered it. */
static wks_hard wks_sum_line(const wks *w, size_t first, size_t end)
{
    wks_hard h;
    memset(&h, 0, sizeof h);
    h.round = w->replies[first].round;
    h.turn = w->replies[first].turn;
    h.node_id = w->replies[first].t.node_id;
    h.customer = w->replies[first].t.customer;
    h.best = -1;
    for (size_t i = first; i < end; i++) {
        const wks_reply *r = &w->replies[i];
        if (r->passed)
            continue;
        h.mean += r->t.overall;
        h.answered++;
        if (h.best < 0 || r->rank == 1 ||
            (w->replies[h.best].rank != 1 &&
             r->t.overall > w->replies[h.best].t.overall))
            h.best = (long)i;
    }
    if (h.answered)
        h.mean /= (double)h.answered;
    return h;
}

/* The WKS_HARDEST lines with the lowest room mean (earlier on ties). */
static void wks_sum_hardest(const wks *w, wks_sum *s)
{
    s->n_hard = 0;
    for (size_t first = 0; first < w->n_replies;) {
        size_t end = first + 1;
        while (end < w->n_replies &&
               w->replies[end].round == w->replies[first].round &&
               w->replies[end].turn == w->replies[first].turn)
            end++;
        wks_hard h = wks_sum_line(w, first, end);
        first = end;
        if (!h.answered)
            continue;
        size_t j = s->n_hard < WKS_HARDEST ? s->n_hard++ : WKS_HARDEST;
        while (j > 0 && h.mean < s->hard[j - 1].mean - 1e-9) {
            if (j < WKS_HARDEST)
                s->hard[j] = s->hard[j - 1];
            j--;
        }
        if (j < WKS_HARDEST)
            s->hard[j] = h;
    }
}

void wks_summarise(const wks *w, wks_sum *s)
{
    memset(s, 0, sizeof *s);
    s->players = util_xmalloc((w->n_players ? w->n_players : 1) *
                              sizeof *s->players);
    memset(s->players, 0, (w->n_players ? w->n_players : 1) *
                          sizeof *s->players);
    wks_sum_means(w, s);
    wks_sum_gain(w, s);
    wks_sum_of_the_day(w, s);
    wks_sum_hardest(w, s);
}

void wks_sum_free(wks_sum *s)
{
    free(s->players);
    s->players = NULL;
}
