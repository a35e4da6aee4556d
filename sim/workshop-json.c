/*
 * workshop-json.c - a workshop as JSON: the lines of its transcript and
 * the document `hamdel workshop --json` prints (workshop-json.h).
 *
 * A reply line is exactly a `hamdel play` turn line (trs_turn_json) with
 * "round" and "player" added, so the progress store records a player's
 * replies with the same code as a solo session's turns. The format is
 * described in docs/cli.md.
 */
#include "workshop-json.h"
#include "json-out.h"
#include "transcript.h"
#include "util.h"

#include <string.h>

static void wksj_append(json_t *a, json_t *v)
{
    if (!a || !v || json_array_append_new(a, v) != 0)
        util_die(UTIL_EX_SOFTWARE, "out of memory writing the workshop");
}

json_t *wksj_header(const char *id, const wks *w,
                    const struct wksj_plan *plan, size_t n)
{
    char when[32];
    json_t *o = json_object(), *ps = json_array(), *rs = json_array();
    for (size_t i = 0; i < w->n_players; i++)
        wksj_append(ps, trs_str(w->players[i]));
    for (size_t i = 0; i < n; i++) {
        json_t *r = json_object();
        trs_set(r, "scenario", trs_str(plan[i].s->id));
        trs_set(r, "lang", json_string(score_lang_name(plan[i].lang)));
        wksj_append(rs, r);
    }
    trs_set(o, "workshop", json_string(id));
    trs_set(o, "started", json_string(trs_now(when, sizeof when)));
    trs_set(o, "version", json_string(SCORE_VERSION));
    trs_set(o, "players", ps);
    trs_set(o, "rounds", rs);
    return o;
}

json_t *wksj_round(const wks *w)
{
    char when[32];
    const wks_round *r = wks_current(w);
    json_t *o = json_object();
    trs_set(o, "round", json_integer((json_int_t)w->n_rounds));
    trs_set(o, "scenario", trs_str(r->s->id));
    trs_set(o, "lang", json_string(score_lang_name(r->lang)));
    trs_set(o, "started", json_string(trs_now(when, sizeof when)));
    return o;
}

json_t *wksj_reply(const wks *w, const wks_reply *x)
{
    const wks_round *r = &w->rounds[x->round];
    json_t *o;
    if (x->passed) {
        o = json_object();
        trs_set(o, "turn", json_integer(x->turn));
        trs_set(o, "node", trs_str(x->t.node_id));
        trs_set(o, "passed", json_true());
    } else {
        o = trs_turn_json(r->e, &x->t);
    }
    trs_set(o, "round", json_integer(x->round + 1));
    trs_set(o, "player", trs_str(w->players[x->player]));
    return o;
}

json_t *wksj_pick(const wks *w, size_t pick, wks_by by, const size_t *order,
                  size_t n)
{
    wks_reply *v;
    wks_line(w, &v);
    json_t *o = json_object(), *rank = json_array();
    for (size_t i = 0; i < n; i++)
        wksj_append(rank, trs_str(w->players[v[order[i]].player]));
    trs_set(o, "round", json_integer((json_int_t)w->n_rounds));
    trs_set(o, "turn", json_integer(v[pick].turn));
    trs_set(o, "pick", trs_str(w->players[v[pick].player]));
    trs_set(o, "by", json_string(by == WKS_BY_BEST ? "best" : "facilitator"));
    trs_set(o, "ranking", rank);
    return o;
}

json_t *wksj_round_end(const wks *w)
{
    const wks_round *r = wks_current(w);
    json_t *o = json_object();
    trs_set(o, "round", json_integer((json_int_t)w->n_rounds));
    if (eng_done(r->e)) {
        trs_set(o, "ending", json_string(scn_ending_name(eng_ending(r->e))));
        trs_set(o, "node", trs_str(eng_node(r->e)->id));
        trs_set(o, "summary", trs_summary_json(r->e));
    } else {
        trs_set(o, "interrupted", json_true());
        trs_set(o, "node", trs_str(eng_node(r->e)->id));
        trs_set(o, "turns", json_integer((json_int_t)eng_n_turns(r->e)));
    }
    return o;
}

json_t *wksj_interrupted(const wks *w, int in_round)
{
    if (in_round && wks_current(w))
        return wksj_round_end(w); /* not done: the interrupted form */
    json_t *o = json_object();
    trs_set(o, "interrupted", json_true());
    return o;
}

/* ---- the summary ---------------------------------------------------------- */

static json_t *wksj_brief(const wks *w, const wks_reply *x)
{
    json_t *o = json_object();
    trs_set(o, "player", trs_str(w->players[x->player]));
    trs_set(o, "round", json_integer(x->round + 1));
    trs_set(o, "scenario", trs_str(w->rounds[x->round].s->id));
    trs_set(o, "turn", json_integer(x->turn));
    trs_set(o, "node", trs_str(x->t.node_id));
    trs_set(o, "reply", trs_strn(x->t.reply, x->t.reply_len));
    trs_set(o, "scores", trs_scores(x->t.scores));
    trs_set(o, "overall", jsonout_real(x->t.overall, 1));
    return o;
}

static json_t *wksj_players(const wks *w, const wks_sum *s)
{
    json_t *a = json_array();
    for (size_t k = 0; k < w->n_players; k++) {
        const wks_player_sum *p = &s->players[k];
        json_t *o = json_object();
        trs_set(o, "name", trs_str(w->players[k]));
        trs_set(o, "answered", json_integer((json_int_t)p->answered));
        trs_set(o, "passed", json_integer((json_int_t)p->passed));
        trs_set(o, "picked", json_integer((json_int_t)p->picked));
        trs_set(o, "firsts", json_integer((json_int_t)p->firsts));
        trs_set(o, "scores", p->answered ? trs_scores(p->mean) : json_null());
        trs_set(o, "overall", p->answered ? jsonout_real(p->overall, 1)
                                          : json_null());
        trs_set(o, "gain", p->gain_known ? jsonout_real(p->gain, 1)
                                         : json_null());
        wksj_append(a, o);
    }
    return a;
}

static json_t *wksj_hardest(const wks *w, const wks_sum *s)
{
    json_t *a = json_array();
    for (size_t i = 0; i < s->n_hard; i++) {
        const wks_hard *h = &s->hard[i];
        json_t *o = json_object();
        trs_set(o, "round", json_integer(h->round + 1));
        trs_set(o, "scenario", trs_str(w->rounds[h->round].s->id));
        trs_set(o, "turn", json_integer(h->turn));
        trs_set(o, "node", trs_str(h->node_id));
        trs_set(o, "customer", trs_str(h->customer));
        trs_set(o, "mean", jsonout_real(h->mean, 1));
        trs_set(o, "answered", json_integer((json_int_t)h->answered));
        trs_set(o, "best", h->best >= 0 ? wksj_brief(w, &w->replies[h->best])
                                        : json_null());
        wksj_append(a, o);
    }
    return a;
}

json_t *wksj_summary(const wks *w, const wks_sum *s)
{
    json_t *o = json_object(), *day = json_object();
    trs_set(o, "replies", json_integer((json_int_t)s->answered));
    trs_set(o, "passed", json_integer((json_int_t)s->passed));
    trs_set(o, "scores", trs_scores(s->mean));
    trs_set(o, "overall", jsonout_real(s->overall, 1));
    trs_set(o, "players", wksj_players(w, s));
    if (s->most_improved >= 0) {
        json_t *m = json_object();
        trs_set(m, "player", trs_str(w->players[s->most_improved]));
        trs_set(m, "gain", jsonout_real(s->players[s->most_improved].gain, 1));
        trs_set(o, "most_improved", m);
    } else {
        trs_set(o, "most_improved", json_null());
    }
    for (int d = 0; d < SCORE_NDIM; d++)
        trs_set(day, score_dim_name((score_dim)d), s->of_the_day[d] >= 0
                ? wksj_brief(w, &w->replies[s->of_the_day[d]]) : json_null());
    trs_set(o, "reply_of_the_day", day);
    trs_set(o, "hardest", wksj_hardest(w, s));
    return o;
}

json_t *wksj_end(const wks *w, const wks_sum *s)
{
    char when[32];
    json_t *o = json_object();
    trs_set(o, "workshop_end", json_true());
    trs_set(o, "ended", json_string(trs_now(when, sizeof when)));
    trs_set(o, "summary", wksj_summary(w, s));
    return o;
}

/* ---- --json: the whole workshop ------------------------------------------ */

/* The turns of round `ri`: each customer line with every reply and the
 * one the conversation went on with. */
static json_t *wksj_turns(const wks *w, int ri)
{
    json_t *turns = json_array(), *cur = NULL, *replies = NULL;
    int at = 0;
    const wks_round *r = &w->rounds[ri];
    for (size_t i = 0; i < w->n_replies; i++) {
        const wks_reply *x = &w->replies[i];
        if (x->round != ri)
            continue;
        if (!cur || x->turn != at) {
            at = x->turn;
            cur = json_object();
            replies = json_array();
            trs_set(cur, "turn", json_integer(at));
            trs_set(cur, "node", trs_str(x->t.node_id));
            trs_set(cur, "customer", trs_str(x->t.customer));
            const char *m = scn_text_get(&r->s->nodes[x->t.node].model_answer,
                                         r->lang);
            trs_set(cur, "model", m ? trs_str(m) : json_null());
            trs_set(cur, "replies", replies);
            trs_set(cur, "pick", json_null());
            wksj_append(turns, cur);
        }
        json_t *o = wksj_reply(w, x);
        json_object_del(o, "round");
        trs_set(o, "rank", x->rank ? json_integer(x->rank) : json_null());
        trs_set(o, "picked", json_boolean(x->picked));
        if (x->picked)
            trs_set(cur, "pick", trs_str(w->players[x->player]));
        wksj_append(replies, o);
    }
    return turns;
}

json_t *wksj_document(const char *id, const wks *w, const wks_sum *s,
                      const char *transcript, int interrupted)
{
    json_t *o = json_object(), *ps = json_array(), *rs = json_array();
    for (size_t i = 0; i < w->n_players; i++)
        wksj_append(ps, trs_str(w->players[i]));
    for (size_t i = 0; i < w->n_rounds; i++) {
        const wks_round *r = &w->rounds[i];
        json_t *x = json_object();
        trs_set(x, "round", json_integer((json_int_t)i + 1));
        trs_set(x, "scenario", trs_str(r->s->id));
        trs_set(x, "lang", json_string(score_lang_name(r->lang)));
        trs_set(x, "turns", wksj_turns(w, (int)i));
        trs_set(x, "ending", eng_done(r->e)
                ? json_string(scn_ending_name(eng_ending(r->e))) : json_null());
        trs_set(x, "node", trs_str(eng_node(r->e)->id));
        trs_set(x, "conversation", trs_summary_json(r->e));
        wksj_append(rs, x);
    }
    trs_set(o, "workshop", json_string(id));
    trs_set(o, "players", ps);
    trs_set(o, "transcript", transcript ? trs_str(transcript) : json_null());
    trs_set(o, "interrupted", json_boolean(interrupted));
    trs_set(o, "rounds", rs);
    trs_set(o, "summary", wksj_summary(w, s));
    return o;
}
