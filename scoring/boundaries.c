/*
 * boundaries.c - the customer's boundaries and your own (guide §4).
 *
 * The customer's: no more than one or two apologies, not again every turn,
 * no grovelling, no offers pushed on someone who said no. Your own: with an
 * abusive customer, name the behaviour calmly while still helping; end the
 * chat only after a warning; never retaliate (the floor). Scolding a
 * customer who is merely upset is a boundary error too, and a transfer needs
 * a reason and ownership or it is a brush-off. Starts at 10; credits only
 * mitigate.
 */
#include <math.h>

#include "internal.h"

#define MAX_APOLOGIES 2
#define RETALIATION_FLOOR 1.0

static const sc_hit *hit(const sc_eval *ev, long i)
{
    return i >= 0 ? &ev->hits->hits[i] : NULL;
}

/* Grovelling is apologising too: "please forgive us" counts. */
static double apologies(sc_eval *ev)
{
    int n = 0;
    double d = 0, w = sc_kind_weight(ev, SC_K_OVER_APOLOGY);
    long first = sc_first_hit(ev, SC_K_APOLOGY, 0);
    for (size_t i = 0; i < ev->hits->n; i++) {
        const sc_hit *x = &ev->hits->hits[i];
        if (x->dropped || (x->kind != SC_K_APOLOGY && x->kind != SC_K_GROVEL)) continue;
        if (++n <= MAX_APOLOGIES || d <= 3 * w) continue;
        sc_finding(ev, SCORE_BOUNDARIES, SC_K_OVER_APOLOGY, x->start, x->end, w);
        d += w;
    }
    ev->res->signals.apologies = n;
    if (first >= 0 && ev->history_apologies > 0) {
        double r = sc_kind_weight(ev, SC_K_REPEAT_APOLOGY) * (ev->history_apologies > 1 ? 1.5 : 1.0);
        sc_finding(ev, SCORE_BOUNDARIES, SC_K_REPEAT_APOLOGY, hit(ev, first)->start, hit(ev, first)->end, r);
        d += r;
    }
    return d;
}

/* Ending the chat (Buffer): with an abusive customer, fine after a warning
 * (this reply's or an earlier one's), −1 without. With one who is not
 * abusive, right only at a true deadlock: the demand was already refused in
 * this conversation (an earlier reply said no or stated a limit) or they
 * say they keep asking, and this reply closes gracefully, stating the limit
 * and leaving a last real option open. Graceful but without a deadlock
 * (ending early), or at a deadlock but abruptly, costs 1; neither, 2. */
static double end_cost(const sc_eval *ev, int warned)
{
    if (ev->abusive) return warned || ev->history_limits ? 0 : -1.0;
    int deadlock = ev->history_refusals > 0 || ev->customer_repeated;
    int limit = sc_first_hit(ev, SC_K_LIMIT_STATED, 0) >= 0 || sc_first_hit(ev, SC_K_REFUSAL, 0) >= 0;
    int option = 0;
    static const uint32_t options[] = {SC_K_ALTERNATIVE, SC_K_NEXT_STEPS, SC_K_ACTION_TAKEN,
                                       SC_K_COMMITMENT, SC_K_OWNERSHIP};
    for (size_t i = 0; i < sizeof options / sizeof *options && !option; i++)
        option = sc_first_hit(ev, options[i], 0) >= 0;
    int graceful = limit && option;
    return deadlock && graceful ? 0 : deadlock || graceful ? -1.0 : -2.0;
}

/* Naming the behaviour is right with an abusive customer, and scolding with
 * one who is only frustrated. */
static double limits(sc_eval *ev, double *credit)
{
    const sc_hit *lim = hit(ev, sc_first_hit(ev, SC_K_SET_LIMIT, 0));
    const sc_hit *end = hit(ev, sc_first_hit(ev, SC_K_END_CHAT, 0));
    double d = 0;
    if (lim && ev->abusive) {
        *credit += sc_kind_weight(ev, SC_K_NAME_BEHAVIOUR);
        sc_finding(ev, SCORE_BOUNDARIES, SC_K_NAME_BEHAVIOUR, lim->start, lim->end, 0);
    } else if (lim) { /* every rebuke of an upset customer costs, less each time */
        double w = sc_kind_weight(ev, SC_K_SCOLDING);
        for (long i = sc_first_hit(ev, SC_K_SET_LIMIT, 0); i >= 0;
             i = sc_first_hit(ev, SC_K_SET_LIMIT, (size_t)i + 1), w *= 0.5) {
            sc_finding(ev, SCORE_BOUNDARIES, SC_K_SCOLDING, hit(ev, i)->start, hit(ev, i)->end, w);
            d += w;
        }
    } else if (ev->abusive && !end) {
        d += sc_kind_weight(ev, SC_K_TOLERATES_ABUSE);
        sc_finding(ev, SCORE_BOUNDARIES, SC_K_TOLERATES_ABUSE, 0, 0, sc_kind_weight(ev, SC_K_TOLERATES_ABUSE));
    }
    if (end) { /* ending: see end_cost(); always a finding, so has(end_chat) sees it */
        double c = end_cost(ev, lim != NULL);
        sc_finding(ev, SCORE_BOUNDARIES, SC_K_END_CHAT, end->start, end->end, c);
        d += c;
    }
    return d;
}

static double transfers(sc_eval *ev, double *credit)
{
    const sc_hit *t = hit(ev, sc_first_hit(ev, SC_K_TRANSFER, 0));
    if (!t) return 0;
    int reason = sc_first_hit(ev, SC_K_EXPLAIN_WHY, 0) >= 0;
    int owned = sc_first_hit(ev, SC_K_OWNERSHIP, 0) >= 0 || sc_first_hit(ev, SC_K_COMMITMENT, 0) >= 0;
    if (reason && owned) {
        *credit += sc_kind_weight(ev, SC_K_REFERRAL);
        sc_finding(ev, SCORE_BOUNDARIES, SC_K_REFERRAL, t->start, t->end, 0);
        return 0;
    }
    double d = sc_kind_weight(ev, SC_K_BARE_TRANSFER) * (reason || owned ? 0.5 : 1.0);
    sc_finding(ev, SCORE_BOUNDARIES, SC_K_BARE_TRANSFER, t->start, t->end, d);
    return d;
}

/* Every offer pushed on someone who is leaving or said no costs, the
 * later ones a little less. */
static double pushy(sc_eval *ev)
{
    if (!ev->customer_leaving) { /* an offer to someone staying: shown, 0 points */
        const sc_hit *x = hit(ev, sc_first_hit(ev, SC_K_RETENTION, 0));
        if (x) sc_finding(ev, SCORE_ACTION, SC_K_RETENTION, x->start, x->end, 0);
        return 0;
    }
    double total = 0, w = sc_kind_weight(ev, SC_K_PUSHY_OFFER);
    for (long i = sc_first_hit(ev, SC_K_RETENTION, 0); i >= 0;
         i = sc_first_hit(ev, SC_K_RETENTION, (size_t)i + 1)) {
        const sc_hit *x = hit(ev, i);
        sc_finding(ev, SCORE_BOUNDARIES, SC_K_PUSHY_OFFER, x->start, x->end, w);
        total += w;
        w *= 0.67;
    }
    return total;
}

/* Credits given back, at most what was lost; their findings get the share. */
static void give_back(sc_eval *ev, double credit, double lost, double *s)
{
    double back = fmin(credit, -lost);
    if (back <= 0) return;
    for (size_t i = 0; i < ev->res->n_findings; i++) {
        score_finding *f = &ev->res->findings[i];
        if (f->dim == SCORE_BOUNDARIES && f->delta == 0 &&
            (f->kind == ev->r->kinds[SC_K_NAME_BEHAVIOUR].name || f->kind == ev->r->kinds[SC_K_REFERRAL].name))
            f->delta = back * sc_kind_weight(ev, f->kind == ev->r->kinds[SC_K_REFERRAL].name
                                                     ? SC_K_REFERRAL : SC_K_NAME_BEHAVIOUR) / credit;
    }
    *s += back;
}

/* Swearing or insulting (abuse cues) and sarcasm in a reply are retaliation
 * too. */
static double agent_insults(sc_eval *ev)
{
    double d = 0;
    for (size_t i = 0; i < ev->hits->n; i++) {
        const sc_hit *x = &ev->hits->hits[i];
        if (x->dropped || (x->kind != SC_K_ABUSE && x->kind != SC_K_SARCASM)) continue;
        double w = sc_kind_weight(ev, SC_K_RETALIATION) * (d == 0 ? 1.0 : 0.25);
        sc_finding(ev, SCORE_BOUNDARIES, SC_K_RETALIATION, x->start, x->end, w);
        d += w;
    }
    return d;
}

int sc_retaliated(const sc_eval *ev)
{
    return sc_first_hit(ev, SC_K_RETALIATION, 0) >= 0 || sc_first_hit(ev, SC_K_ABUSE, 0) >= 0 ||
           sc_first_hit(ev, SC_K_SARCASM, 0) >= 0;
}

double sc_boundaries(sc_eval *ev)
{
    double credit = 0;
    double lost = apologies(ev) + limits(ev, &credit) + transfers(ev, &credit) + pushy(ev);
    lost += sc_penalties(ev, SCORE_BOUNDARIES, 0, 0.5, -10.0) + agent_insults(ev);
    double s = 10.0 + lost;
    give_back(ev, credit, lost, &s);
    if (sc_retaliated(ev) && s > RETALIATION_FLOOR) s = RETALIATION_FLOOR;
    return sc_clamp10(s);
}
