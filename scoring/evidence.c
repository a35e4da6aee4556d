/*
 * evidence.c - the arithmetic every dimension shares.
 *
 * A dimension collects evidence (cues of positive weight), where each repeat
 * of the same kind is worth less than the one before, so saying "sorry"
 * five times is not five times the empathy; it then turns the evidence into
 * points and hands each cue its share as a finding, so the findings of a
 * dimension always add up to its score. Penalties work the same way with
 * negative weights.
 */
#include <math.h>
#include <string.h>

#include "internal.h"

#define APOLOGY_DECAY 0.3

double sc_decay(double decay, int n)
{
    double x = 1.0;
    for (int i = 0; i < n && x > 1e-9; i++) x *= decay;
    return x;
}

_Static_assert(SC_K_NBUILTIN <= 63, "built-in kinds must fit a 64-bit mask");

/* Bit 63 of a skip mask stands for every house-style (non built-in) kind. */
static int skipped(uint32_t kind, uint64_t skip)
{
    return (skip & SC_BIT(kind < 63 ? kind : 63)) != 0;
}

double sc_evidence(sc_eval *ev, score_dim dim, uint64_t skip, double decay)
{
    const sc_hits *h = ev->hits;
    double raw = 0;
    memset(ev->kind_count, 0, ev->r->n_kinds * sizeof *ev->kind_count);
    for (size_t i = 0; i < h->n; i++) {
        const sc_hit *x = &h->hits[i];
        const sc_kind *k = &ev->r->kinds[x->kind];
        ev->contrib[i] = 0;
        if (x->dropped || k->dim != (int)dim || x->weight <= 0 || skipped(x->kind, skip))
            continue;
        if (ev->hit_factor[i] == 0) continue;
        int n = ev->kind_count[x->kind]++;
        /* a second apology adds little, a third nearly nothing (tip 20) */
        double dk = x->kind == SC_K_APOLOGY && decay > APOLOGY_DECAY ? APOLOGY_DECAY : decay;
        ev->contrib[i] = x->weight * sc_decay(dk, n) * ev->hit_factor[i];
        raw += ev->contrib[i];
    }
    return raw;
}

int sc_share(sc_eval *ev, score_dim dim, double raw, double gain)
{
    const sc_hits *h = ev->hits;
    for (size_t i = 0; i < h->n; i++) {
        if (ev->contrib[i] <= 0) continue;
        const sc_hit *x = &h->hits[i];
        double d = raw > 0 ? gain * ev->contrib[i] / raw : 0;
        if (sc_finding(ev, dim, x->kind, x->start, x->end, d)) return SCORE_ENOMEM;
    }
    return SCORE_OK;
}

/* Penalties of one kind: the strongest counts in full wherever it stands,
 * the others decay in reading order ("definitely ... guaranteed" costs what
 * "guaranteed" costs, plus a little). */
double sc_penalties(sc_eval *ev, score_dim dim, uint64_t skip, double decay, double cap)
{
    const sc_hits *h = ev->hits;
    long *strongest = ev->strongest_of_kind;
    double total = 0;
    for (size_t j = 0; j < ev->n_penalty_hits; j++) {
        const sc_hit *x = &h->hits[ev->penalty_hits[j]];
        strongest[x->kind] = -1;
        ev->kind_count[x->kind] = 0;
    }
    for (size_t j = 0; j < ev->n_penalty_hits; j++) {
        uint32_t i = ev->penalty_hits[j];
        const sc_hit *x = &h->hits[i];
        if (ev->r->kinds[x->kind].dim != (int)dim || skipped(x->kind, skip)) continue;
        long *st = &strongest[x->kind];
        if (*st < 0 || x->weight < h->hits[*st].weight) *st = (long)i;
    }
    for (size_t j = 0; j < ev->n_penalty_hits; j++) {
        uint32_t i = ev->penalty_hits[j];
        const sc_hit *x = &h->hits[i];
        if (ev->r->kinds[x->kind].dim != (int)dim || skipped(x->kind, skip)) continue;
        int n = strongest[x->kind] == (long)i ? 0 : ++ev->kind_count[x->kind];
        double d = x->weight * sc_decay(decay, n);
        if (total + d < cap) d = cap - total;
        total += d;
        sc_finding(ev, dim, x->kind, x->start, x->end, d);
    }
    return total;
}

long sc_first_hit(const sc_eval *ev, uint32_t kind, size_t from)
{
    if (from == 0 && ev->first_of_kind) return ev->first_of_kind[kind];
    for (size_t i = from; i < ev->hits->n; i++)
        if (!ev->hits->hits[i].dropped && ev->hits->hits[i].kind == kind) return (long)i;
    return -1;
}

int sc_sent_has(const sc_eval *ev, uint32_t sent, uint64_t mask, int include_dropped)
{
    if (sent >= ev->text->nsents) return 0;
    return ((include_dropped ? ev->smask_all : ev->smask_kept)[sent] & mask) != 0;
}
