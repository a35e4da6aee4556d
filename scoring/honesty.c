/*
 * honesty.c - honesty is always the best policy (guide §3, tip 33).
 *
 * Honesty starts at 10 and loses points for guarantees, fake positivity,
 * blaming the customer, non-apologies and (facts.c) promising what the
 * context says cannot be promised or stating as certain what nobody knows.
 * Admitting a mistake, "I don't know yet", explaining why and stating a
 * limit clearly are credits: they mitigate losses but never lift above 10.
 */
#include <math.h>

#include "internal.h"

#define KNOWN_WHEN 0.5 /* "I don't know yet" plus when they will hear back */

static double credit_of(sc_eval *ev, const sc_hit *x, int nth)
{
    if (x->kind == SC_K_EXPLAIN_WHY && nth > 0) return 0; /* once is enough */
    double c = x->weight * sc_decay(0.5, nth);
    if (x->kind == SC_K_DONT_KNOW && nth == 0 &&
        (sc_first_hit(ev, SC_K_COMMITMENT, 0) >= 0 || sc_first_hit(ev, SC_K_OWNERSHIP, 0) >= 0 ||
         sc_first_hit(ev, SC_K_TIME, 0) >= 0))
        c += KNOWN_WHEN;
    return c;
}

/* Credits are positive-weight honesty cues; each gets its share of what the
 * credits could actually give back (at most what was lost). */
static double credits(sc_eval *ev, double lost)
{
    double raw = sc_evidence(ev, SCORE_HONESTY, 0, 1.0);
    if (raw <= 0) return 0;
    int seen_why = 0, seen_dk = 0;
    raw = 0;
    for (size_t i = 0; i < ev->hits->n; i++) {
        if (ev->contrib[i] <= 0) continue;
        const sc_hit *x = &ev->hits->hits[i];
        int nth = x->kind == SC_K_EXPLAIN_WHY ? seen_why++ : x->kind == SC_K_DONT_KNOW ? seen_dk++ : 0;
        ev->contrib[i] = credit_of(ev, x, nth);
        raw += ev->contrib[i];
    }
    double back = fmin(raw, -lost);
    sc_share(ev, SCORE_HONESTY, raw, back > 0 ? back : 0);
    return back > 0 ? back : 0;
}

/* Credits give back what the reply's own wording lost, not what breaking
 * the scenario's facts cost: "because it's urgent" does not excuse
 * promising what may not be promised. */
double sc_honesty(sc_eval *ev)
{
    long h = sc_first_hit(ev, SC_K_HEDGE, 0); /* a marker, shown so has(hedge) sees it */
    if (h >= 0)
        sc_finding(ev, SCORE_HONESTY, SC_K_HEDGE, ev->hits->hits[h].start, ev->hits->hits[h].end, 0);
    double lost = sc_penalties(ev, SCORE_HONESTY, 0, 0.5, -10.0);
    double facts = sc_facts(ev);
    return sc_clamp10(10.0 + lost + facts + credits(ev, lost));
}
