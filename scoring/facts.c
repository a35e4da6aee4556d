/*
 * facts.c - the context's facts against what the reply asserts (guide §3).
 *
 * A scenario says what may not be promised here (`cannot_promise`) and what
 * nobody knows yet (`unknown`). A sentence *mentions* a fact when it holds
 * most of the fact's content words (a reply word may extend a fact word:
 * "refund" finds "refunded"). A mention is a problem only when the sentence
 * also commits or asserts (a commitment, an action, a guarantee, "will")
 * and is neither negated nor hedged: "I can't promise a full refund" and
 * "it will probably be fixed within the hour" are honest.
 */
#include <string.h>

#include "internal.h"

#define ASSERTS (SC_BIT(SC_K_COMMITMENT) | SC_BIT(SC_K_ACTION_TAKEN) | SC_BIT(SC_K_GUARANTEE) | \
                 SC_BIT(SC_K_FUTURE) | SC_BIT(SC_K_OWNERSHIP) | SC_BIT(SC_K_FAKE_POSITIVE))
/* What takes the certainty out of a sentence: for a promise only an explicit
 * limit does ("I can't promise"), for an unknown a hedge or a condition too. */
#define LIMITS (SC_BIT(SC_K_DONT_KNOW) | SC_BIT(SC_K_LIMIT_STATED) | SC_BIT(SC_K_REFUSAL))
#define HEDGES (LIMITS | SC_BIT(SC_K_HEDGE))
#define MAX_FACT_WORDS 16

static int is_content(const sc_tok *w)
{
    return !(w->flags & (SC_T_FUNCTION | SC_T_NEGATOR | SC_T_FILLER)) && w->nlen >= 2;
}

/* The same word, or the same stem: "refund"/"refunded", "delivery"/
 * "delivered" share all but the fact word's last quarter (5 bytes at least). */
static int word_matches(const sc_text *t, const sc_tok *a, const sc_text *f, const sc_tok *b)
{
    const char *x = t->pool + a->noff, *y = f->pool + b->noff;
    size_t n = a->nlen < b->nlen ? a->nlen : b->nlen, common = 0;
    while (common < n && x[common] == y[common]) common++;
    if (common == b->nlen && (a->nlen == b->nlen || b->nlen >= 3)) return 1;
    return common >= 5 && common * 4 >= b->nlen * 3;
}

/* Persian puts the verb last: in «پول این ماه برگشت نمی‌خوره» the words
 * before نمی‌خوره are what it negates. Is word i's clause closed by a
 * negated verb (before the next verb or clause)? */
static int clause_verb_negated(const sc_text *t, const sc_sent *s, uint32_t i)
{
    for (uint32_t j = i + 1; j < s->last; j++) {
        uint32_t f = t->toks[j].flags;
        if (f & SC_T_NEG_SELF) return 1;
        if (f & (SC_T_VERB | SC_T_CLAUSE_START)) return 0;
    }
    return 0;
}

/* Is sentence s a mention of the fact? *neg tells whether a matched word
 * stands in a negation scope, or (Persian) before a negated verb. */
static int mentions(const sc_text *t, const sc_sent *s, const sc_text *f,
                    const uint32_t *fw, size_t nfw, int *neg)
{
    size_t need = nfw <= 2 ? nfw : (nfw * 3 + 4) / 5, got = 0;
    *neg = 0;
    for (size_t j = 0; j < nfw; j++)
        for (uint32_t i = s->first; i < s->last; i++) {
            const sc_tok *a = &t->toks[i];
            if (!word_matches(t, a, f, &f->toks[fw[j]])) continue;
            if ((a->flags & SC_T_NEG) || clause_verb_negated(t, s, i)) *neg = 1;
            got++;
            break;
        }
    return nfw > 0 && got >= need;
}

static double check_fact(sc_eval *ev, const char *fact, uint32_t kind, sc_text *f)
{
    if (!fact || !*fact || sc_tokenize(ev->r, fact, strlen(fact), f)) return 0;
    uint32_t fw[MAX_FACT_WORDS];
    size_t nfw = 0;
    for (size_t i = 0; i < f->ntoks && nfw < MAX_FACT_WORDS; i++)
        if (is_content(&f->toks[i])) fw[nfw++] = (uint32_t)i;
    const sc_text *t = ev->text;
    for (uint32_t s = 0; s < t->nsents; s++) {
        int neg;
        if (!mentions(t, &t->sents[s], f, fw, nfw, &neg)) continue;
        uint64_t soft = kind == SC_K_PROMISE_FORBIDDEN ? LIMITS : HEDGES;
        if (neg || sc_sent_has(ev, s, soft, 0) || !sc_sent_has(ev, s, ASSERTS, 1)) continue;
        double d = sc_kind_weight(ev, kind);
        sc_finding(ev, SCORE_HONESTY, kind, t->sents[s].start, t->sents[s].end, d);
        return d; /* once per fact */
    }
    return 0;
}

double sc_facts(sc_eval *ev)
{
    const score_context *c = ev->ctx;
    sc_text f = {0};
    double d = 0;
    for (size_t i = 0; i < c->n_cannot_promise; i++)
        d += check_fact(ev, c->cannot_promise[i], SC_K_PROMISE_FORBIDDEN, &f);
    for (size_t i = 0; i < c->n_unknown; i++)
        d += check_fact(ev, c->unknown[i], SC_K_CERTAINTY_UNKNOWN, &f);
    sc_text_free(&f);
    return d;
}
