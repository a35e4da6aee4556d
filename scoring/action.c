/*
 * action.c - action focus: default to action (guide §2, Buffer rule 2).
 *
 * Evidence, strongest first: an action already taken, a commitment (worth
 * more with a concrete time in the same sentence), next steps, an
 * alternative, a diagnostic question, owning the follow-up. It saturates
 * toward 10. Going to the fix early earns a little, three sentences of
 * preamble cost a little. Penalties: pushing work onto the customer, a bare
 * no, deflection, stalling someone who is leaving, jargon, walls of text.
 */
#include <math.h>

#include "internal.h"

#define SCALE 3.0          /* raw evidence for ~63% of the way to 10 */
#define EARLY_BONUS 0.5
#define SOFT_REFUSAL 0.25  /* share of a refusal's cost when an alternative follows */
#define CONCRETE (SC_BIT(SC_K_ACTION_TAKEN) | SC_BIT(SC_K_COMMITMENT) | SC_BIT(SC_K_OWNERSHIP))

static double start_point(const sc_eval *ev)
{
    /* even a grieving customer needs the task done: only "action" starts lower */
    return ev->ctx->wants == SCORE_WANTS_ACTION ? 2.0 : 3.0;
}

/* A time counts once per sentence that commits to something. */
static double times(sc_eval *ev)
{
    double raw = 0;
    int n = 0;
    long last_sent = -1;
    for (size_t i = 0; i < ev->hits->n; i++) {
        const sc_hit *x = &ev->hits->hits[i];
        if (x->kind != SC_K_TIME || (long)x->sent == last_sent || ev->hit_factor[i] == 0 ||
            !sc_sent_has(ev, x->sent, CONCRETE, 0))
            continue;
        last_sent = x->sent;
        ev->contrib[i] = x->weight * sc_decay(0.5, n++) * ev->hit_factor[i];
        raw += ev->contrib[i];
    }
    return raw;
}

/* Early fix bonus or late-fix cost, judged by the first piece of evidence. */
static double placement(sc_eval *ev)
{
    for (size_t i = 0; i < ev->hits->n; i++) {
        if (ev->contrib[i] <= 0) continue;
        const sc_hit *x = &ev->hits->hits[i];
        if (x->sent <= 1) {
            ev->contrib[i] += EARLY_BONUS;
            return EARLY_BONUS;
        }
        if (x->sent >= 3 && ev->text->nsents >= 4) {
            double d = sc_kind_weight(ev, SC_K_LATE_FIX);
            sc_finding(ev, SCORE_ACTION, SC_K_LATE_FIX, x->start, x->end, d);
            return d;
        }
        return 0;
    }
    return 0;
}

static double refusals(sc_eval *ev)
{
    int softened = sc_first_hit(ev, SC_K_ALTERNATIVE, 0) >= 0 ||
                   sc_first_hit(ev, SC_K_NEXT_STEPS, 0) >= 0;
    double total = 0;
    int n = 0;
    for (long i = sc_first_hit(ev, SC_K_REFUSAL, 0); i >= 0;
         i = sc_first_hit(ev, SC_K_REFUSAL, (size_t)i + 1)) {
        const sc_hit *x = &ev->hits->hits[i];
        double d = x->weight * sc_decay(0.5, n++) * (softened ? SOFT_REFUSAL : 1.0);
        sc_finding(ev, SCORE_ACTION, SC_K_REFUSAL, x->start, x->end, d);
        total += d;
    }
    return total;
}

static double stalling(sc_eval *ev)
{
    long i = sc_first_hit(ev, SC_K_RETENTION, 0);
    if (i < 0 || !ev->customer_leaving) return 0;
    const sc_hit *x = &ev->hits->hits[i];
    double d = sc_kind_weight(ev, SC_K_STALLING);
    sc_finding(ev, SCORE_ACTION, SC_K_STALLING, x->start, x->end, d);
    return d;
}

static double length(sc_eval *ev)
{
    int words = ev->res->signals.words;
    if (words <= 200) return 0;
    double d = sc_kind_weight(ev, SC_K_WALL_OF_TEXT) * (words > 500 ? 2.0 : words > 350 ? 1.5 : 1.0);
    sc_finding(ev, SCORE_ACTION, SC_K_WALL_OF_TEXT, 0, 0, d);
    return d;
}

double sc_action(sc_eval *ev)
{
    double a0 = start_point(ev);
    double raw = sc_evidence(ev, SCORE_ACTION, SC_BIT(SC_K_TIME), 0.5);
    raw += times(ev);
    double late = 0;
    if (raw > 0) {
        double p = placement(ev);
        if (p > 0) raw += p;
        else late = p;
    }
    ev->res->signals.action_cues = raw;
    double gain = (10.0 - a0) * (1.0 - exp(-raw / SCALE));
    if (sc_share(ev, SCORE_ACTION, raw, gain)) return 0;
    double s = a0 + gain + late;
    if (ev->repeat_reply) { /* the same answer again answers nothing new */
        const sc_text *t = ev->text;
        double d = sc_kind_weight(ev, SC_K_REPEAT_REPLY);
        sc_finding(ev, SCORE_ACTION, SC_K_REPEAT_REPLY, 0, t->ntoks ? t->toks[t->ntoks - 1].end : 0, d);
        s += d;
    } else if (raw == 0) {
        double d = sc_kind_weight(ev, SC_K_NO_ACTION);
        sc_finding(ev, SCORE_ACTION, SC_K_NO_ACTION, 0, 0, d);
        s += d;
    }
    s += refusals(ev) + stalling(ev) + length(ev);
    s += sc_penalties(ev, SCORE_ACTION, SC_BIT(SC_K_REFUSAL) | SC_BIT(SC_K_JARGON), 0.5, -8.0);
    s += sc_penalties(ev, SCORE_ACTION, ~SC_BIT(SC_K_JARGON), 1.0, -2.1);
    return sc_clamp10(s);
}
