/*
 * workshop.c - running a workshop: players answer, replies are graded
 * side by side, ranked, and the conversation goes on with one of them
 * (workshop.h). The team summary is in workshop-sum.c.
 *
 * Every answer is graded by the round's own engine: eng_reply() then
 * eng_retry(), which puts the node, tension and apology count back. So each
 * player is graded in exactly the context the customer is in (the replies
 * the conversation went on with), and grading order never matters.
 */
#include "workshop.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

wks *wks_new(const char *const *players, size_t n)
{
    wks *w = util_xmalloc(sizeof *w);
    memset(w, 0, sizeof *w);
    w->players = util_xmalloc((n ? n : 1) * sizeof *w->players);
    for (size_t i = 0; i < n; i++)
        w->players[i] = util_xstrdup(players[i]);
    w->n_players = n;
    return w;
}

void wks_free(wks *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->n_replies; i++)
        eng_turn_clear(&w->replies[i].t);
    free(w->replies);
    for (size_t i = 0; i < w->n_rounds; i++)
        eng_free(w->rounds[i].e);
    free(w->rounds);
    for (size_t i = 0; i < w->n_players; i++)
        free(w->players[i]);
    free(w->players);
    free(w);
}

void wks_round_start(wks *w, const scn_scenario *s, score_lang lang,
                     const score_rubric *rubric)
{
    w->rounds = util_xrealloc(w->rounds, (w->n_rounds + 1) * sizeof *w->rounds);
    wks_round *r = &w->rounds[w->n_rounds++];
    r->s = s;
    r->lang = lang;
    r->e = eng_start(s, lang, rubric);
    w->turn_first = w->n_replies;
}

wks_round *wks_current(const wks *w)
{
    return w->n_rounds ? &w->rounds[w->n_rounds - 1] : NULL;
}

int wks_turn_no(const wks *w)
{
    const wks_round *r = wks_current(w);
    return r ? (int)eng_n_turns(r->e) + 1 : 0;
}

/* A new reply slot for player `p` at the current line. */
static wks_reply *wks_slot(wks *w, size_t p)
{
    if (w->n_replies == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 32;
        w->replies = util_xrealloc(w->replies, w->cap * sizeof *w->replies);
    }
    wks_reply *r = &w->replies[w->n_replies++];
    memset(r, 0, sizeof *r);
    r->round = (int)w->n_rounds - 1;
    r->turn = wks_turn_no(w);
    r->player = p;
    return r;
}

int wks_answer(wks *w, size_t p, const char *reply, size_t len,
               const wks_reply **out)
{
    wks_round *r = wks_current(w);
    const eng_turn *t;
    int turn = wks_turn_no(w);
    int rc = eng_reply(r->e, reply, len, &t);
    if (rc != SCORE_OK)
        return rc;
    wks_reply *x = wks_slot(w, p);
    x->turn = turn;
    eng_turn_copy(&x->t, t);
    eng_retry(r->e);
    if (out)
        *out = x;
    return SCORE_OK;
}

const wks_reply *wks_pass(wks *w, size_t p)
{
    const eng_session *e = wks_current(w)->e;
    wks_reply *x = wks_slot(w, p);
    x->passed = 1;
    x->t.number = x->turn;
    x->t.node = eng_node_index(e);
    x->t.node_id = eng_node(e)->id;
    x->t.customer = eng_text(e, &eng_node(e)->customer);
    x->t.tension_before = x->t.tension_after = eng_tension(e);
    return x;
}

int wks_has_answered(const wks *w, size_t p)
{
    for (size_t i = w->turn_first; i < w->n_replies; i++)
        if (w->replies[i].player == p)
            return 1;
    return 0;
}

void wks_line_clear(wks *w)
{
    while (w->n_replies > w->turn_first)
        eng_turn_clear(&w->replies[--w->n_replies].t);
}

size_t wks_line(const wks *w, wks_reply **v)
{
    *v = w->replies + w->turn_first;
    return w->n_replies - w->turn_first;
}

static double wks_r1(double v)
{
    return floor(v * 10.0 + 0.5) / 10.0;
}

static double wks_lowest(const wks_reply *r)
{
    double m = r->t.scores[0];
    for (int d = 1; d < SCORE_NDIM; d++)
        if (r->t.scores[d] < m)
            m = r->t.scores[d];
    return m;
}

/* Does a rank before b? Overall as shown (one decimal), then the more
 * balanced reply, then the player who answered first. */
static int wks_before(const wks_reply *a, const wks_reply *b)
{
    double oa = wks_r1(a->t.overall), ob = wks_r1(b->t.overall);
    if (oa != ob)
        return oa > ob;
    double la = wks_r1(wks_lowest(a)), lb = wks_r1(wks_lowest(b));
    if (la != lb)
        return la > lb;
    return a->player < b->player;
}

size_t wks_rank(wks *w, size_t *order)
{
    wks_reply *v;
    size_t n = wks_line(w, &v), k = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i].passed)
            continue;
        size_t j = k++;
        while (j > 0 && wks_before(&v[i], &v[order[j - 1]])) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
    for (size_t i = 0; i < n; i++)
        v[i].rank = 0;
    for (size_t r = 0; r < k; r++)
        v[order[r]].rank = (int)r + 1;
    return k;
}

int wks_pick(wks *w, size_t i, const eng_turn **turn)
{
    wks_reply *v;
    size_t n = wks_line(w, &v);
    if (i >= n || v[i].passed)
        return WKS_EINVAL;
    for (size_t j = 0; j < n; j++)
        v[j].picked = j == i;
    int rc = eng_reply(wks_current(w)->e, v[i].t.reply, v[i].t.reply_len,
                       turn);
    if (rc == SCORE_OK)
        w->turn_first = w->n_replies;
    return rc;
}
