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

/* Characters in the first n bytes of a UTF-8 string. */
static size_t chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* English endings that keep a word's meaning: "refund"/"refunds"/"refunded",
 * "roll"/"rolling", "comes"/"coming". Not any extension: "back" is not
 * "backup". The bases of a word: itself and itself minus one ending. */
static const char *const ends[] = {"s", "es", "ed", "d", "ing", "er", "ers", "'s", "s'"};
#define NENDS (sizeof ends / sizeof *ends)

static size_t bases(const char *s, size_t n, size_t out[NENDS + 1])
{
    size_t k = 0;
    out[k++] = n;
    for (size_t i = 0; i < NENDS; i++) {
        size_t e = strlen(ends[i]);
        if (n >= e + 3 && memcmp(s + n - e, ends[i], e) == 0) out[k++] = n - e;
    }
    return k;
}

/* Same base, or one base is the other plus a silent 'e' ("come"/"com"). */
static int en_same(const char *x, size_t xn, const char *y, size_t yn)
{
    size_t bx[NENDS + 1], by[NENDS + 1];
    size_t nx = bases(x, xn, bx), ny = bases(y, yn, by);
    for (size_t i = 0; i < nx; i++)
        for (size_t j = 0; j < ny; j++) {
            size_t p = bx[i], q = by[j];
            if (p == q && memcmp(x, y, p) == 0) return 1;
            if (p == q + 1 && x[q] == 'e' && memcmp(x, y, q) == 0) return 1;
            if (q == p + 1 && y[p] == 'e' && memcmp(x, y, p) == 0) return 1;
        }
    return 0;
}

/* The same word, or the same stem: "refund"/"refunded", "delivery"/
 * "delivered" share all but the fact word's last quarter (5 letters at
 * least; 3 in Persian). English words otherwise differ only by an
 * inflection; a Persian word may carry any suffix («کالاها»). Lengths count
 * characters, so «شده» and «شدن» (one shared byte of their last letter) are
 * different words. */
static int word_matches(int en, const sc_text *t, const sc_tok *a, const sc_text *f, const sc_tok *b)
{
    const char *x = t->pool + a->noff, *y = f->pool + b->noff;
    size_t n = a->nlen < b->nlen ? a->nlen : b->nlen, common = 0;
    while (common < n && x[common] == y[common]) common++;
    while (common > 0 && common < n && ((unsigned char)x[common] & 0xC0) == 0x80) common--;
    if (a->nlen == b->nlen && common == n) return 1;
    size_t cc = chars(x, common), cb = chars(y, b->nlen);
    if (en && common >= 3 && en_same(x, a->nlen, y, b->nlen)) return 1;
    if (!en && common == b->nlen) return b->nlen >= 3; /* the reply word extends it */
    return cc >= (en ? 5u : 3u) && cc * 4 >= cb * 3;
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
 * stands in a negation scope, or (Persian) before a negated verb. A fact
 * word the fact itself negates ("without the owner's confirmation") is
 * mentioned only by a negated word: asking for her confirmation is the
 * opposite. A fact word repeated ("the owner … the owner's") counts once.
 * When a longer fact is mentioned by only some of its words, a short word
 * ("back", "old") must stand next to another of them: "get back to you …
 * about the update" is not "rolling back the update". */
static uint32_t vflags(const score_rubric *r, const sc_tok *w)
{
    return w->id ? r->vocab.words[w->id].flags : 0;
}

/* Does word i stand in a clause opened by a condition ("if it sells, …",
 * «اگه بلیت‌ها فروش رفت، …»)? "I" and "we" start a clause of their own, yet
 * in "once we know the exact date" the condition opens theirs: a clause
 * that a first-person word starts right after a conditional word is in it. */
static int in_condition(const score_rubric *r, const sc_text *t, const sc_sent *s, uint32_t i)
{
    for (uint32_t j = i + 1; j-- > s->first;) {
        uint32_t f = vflags(r, &t->toks[j]);
        if (f & SC_W_CONDITIONAL) return 1;
        if (!(t->toks[j].flags & SC_T_CLAUSE_START)) continue;
        if (!(f & SC_W_FIRST_PERSON) || !(f & SC_W_CLAUSE)) return 0;
        /* the condition just before, or two words before ("as soon as we") */
        for (uint32_t k = j; k-- > s->first && k + 2 >= j;) {
            if (vflags(r, &t->toks[k]) & SC_W_CONDITIONAL) return 1;
            if (t->toks[k].flags & SC_T_CLAUSE_START) return 0;
        }
        return 0;
    }
    return 0;
}

typedef struct {
    uint32_t first;  /* the first matched word */
    int cond;        /* a matched word stands in a condition */
    size_t nat, nfw;
    uint32_t at[MAX_FACT_WORDS]; /* the matched words */
} mention_info;

static int mentions(int en, const score_rubric *r, const sc_text *t, const sc_sent *s,
                    const sc_text *f, const uint32_t *fw, size_t nfw, int *neg, mention_info *mi)
{
    size_t need = nfw <= 2 ? nfw : (nfw * 3 + 4) / 5, got = 0;
    uint32_t at[MAX_FACT_WORDS], len[MAX_FACT_WORDS];
    *neg = 0;
    mi->cond = 0;
    mi->first = s->first;
    for (size_t j = 0; j < nfw; j++) {
        const sc_tok *b = &f->toks[fw[j]];
        int fneg = (b->flags & SC_T_NEG) != 0;
        int found = 0;
        for (uint32_t i = s->first; i < s->last; i++) {
            const sc_tok *a = &t->toks[i];
            if (!word_matches(en, t, a, f, b)) continue;
            int rneg = (a->flags & SC_T_NEG) || clause_verb_negated(t, s, i);
            if (fneg && !rneg) continue;
            /* any of its occurrences in a condition: "I've listed your ticket
             * for resale, and if it sells, …" */
            if (in_condition(r, t, s, i)) mi->cond = 1;
            if (found) continue;
            found = 1;
            if (rneg && !fneg) *neg = 1;
            if (got == 0 || i < mi->first) mi->first = i;
            at[got] = i;
            len[got++] = (uint32_t)chars(f->pool + b->noff, b->nlen);
        }
    }
    if (nfw == 0 || got < need) return 0;
    mi->nat = got;
    mi->nfw = nfw;
    memcpy(mi->at, at, got * sizeof *at);
    if (got == nfw || nfw < 3) return 1;
    for (size_t j = 0; j < got; j++) {
        if (len[j] >= (en ? 5u : 3u)) continue;
        int near = 0;
        for (size_t k = 0; k < got && !near; k++)
            near = k != j && (at[k] > at[j] ? at[k] - at[j] : at[j] - at[k]) <= 2;
        if (!near) return 0;
    }
    return 1;
}

/* Does the token range of seg hold a hit of a kind in mask? (Only asked of
 * a clause that mentions a fact: rare.) */
static int seg_has(const sc_eval *ev, const sc_sent *seg, uint64_t mask, int include_dropped)
{
    for (size_t i = 0; i < ev->hits->n; i++) {
        const sc_hit *x = &ev->hits->hits[i];
        if (x->first >= seg->first && x->first < seg->last && x->kind < 64 &&
            (mask & SC_BIT(x->kind)) && (include_dropped || !x->dropped))
            return 1;
    }
    return 0;
}

/* Does the segment claim something about an unknown? An asserting hit
 * (dropped ones too: the "will" of "it will be fixed…") unless it is, or
 * lies inside, owning the follow-up: "I'll let you know the outcome of the
 * claim" is what tip 24 asks for, not a claim about the outcome. */
static int claims_unknown(const sc_eval *ev, const sc_sent *seg)
{
    uint32_t own_first = UINT32_MAX, own_last = 0;
    for (size_t i = 0; i < ev->hits->n; i++) {
        const sc_hit *x = &ev->hits->hits[i];
        if (x->kind == SC_K_OWNERSHIP && !x->dropped && x->first >= seg->first && x->first < seg->last) {
            own_first = x->first < own_first ? x->first : own_first;
            own_last = x->last > own_last ? x->last : own_last;
        }
    }
    for (size_t i = 0; i < ev->hits->n; i++) {
        const sc_hit *x = &ev->hits->hits[i];
        if (x->first < seg->first || x->first >= seg->last || x->kind >= 64 ||
            !(ASSERTS & ~SC_BIT(SC_K_OWNERSHIP) & SC_BIT(x->kind)))
            continue;
        if (x->first >= own_first && x->last <= own_last) continue;
        return 1;
    }
    return 0;
}

/* Is the question mark the sentence's end? */
static int is_question(const sc_eval *ev, const sc_sent *seg)
{
    const sc_text *t = ev->text;
    for (size_t b = t->toks[seg->last - 1].end; b < ev->len; b++) {
        unsigned char c = (unsigned char)ev->reply[b];
        if (c == '?') return 1;
        if (c == 0xD8 && b + 1 < ev->len && (unsigned char)ev->reply[b + 1] == 0x9F) return 1; /* ؟ */
        if (c != ' ' && c != '"' && c != '\'' && c != ')') return 0;
    }
    return 0;
}

/* An unknown stated as plain fact, with no "will" to give it away: the fact
 * (all of it, or three of its words at least) is the subject, a copula links
 * it to a claim, and the claim has words of its own ("The cause of the double charge is a bank timeout", «علت قطعی
 * خرابی سرور بوده»). "We're investigating the cause" has no copula after the
 * fact; a question asks, it does not claim. */
static int plain_claim(const sc_eval *ev, const sc_sent *seg, const mention_info *mi)
{
    const sc_text *t = ev->text;
    int copula = 0, own = 0;
    if (mi->nat < mi->nfw && mi->nat < 3) return 0; /* too thin for a claim without "will" */
    for (uint32_t i = mi->first + 1; i < seg->last; i++) {
        const sc_tok *w = &t->toks[i];
        if (w->flags & (SC_T_CLAUSE_START | SC_T_SENT_START)) break;
        if (vflags(ev->r, w) & SC_W_COPULA) {
            copula = 1;
            continue;
        }
        int matched = 0;
        for (size_t j = 0; j < mi->nat && !matched; j++) matched = mi->at[j] == i;
        if (!matched && is_content(w)) own = 1;
    }
    return copula && own && !is_question(ev, seg);
}

/* Does the segment name a cause as plain fact when the unknown is a cause
 * ("the cause of the outage", «علت قطعی»)? Without any of the fact's words:
 * "It was a database fault on our side", «مشکل از سرور دیتابیسه». Either an
 * explanation ("because", "caused by") of the fact's own subject ("the
 * double charge happened because of a bank timeout"), or a `cause_noun`
 * ("fault", «خرابی») that is not the fact's subject, linked by a copula or a
 * `source` word («از») in its clause, not an indirect question ("we're
 * checking what the fault is", «… مشکل از کجاست»). An explanation of something else
 * ("the courier only comes on weekdays because …") is not the cause. */
#define CLAUSE_REACH 12 /* words either side of a cause noun */
static int cause_claim(const sc_eval *ev, const sc_sent *seg, const sc_text *f,
                       const uint32_t *fw, size_t nfw)
{
    const sc_text *t = ev->text;
    int en = ev->r->lang == SCORE_LANG_EN;
    size_t nsub = 0, got = 0; /* the fact's subject: its words but the cause's */
    for (size_t j = 0; j < nfw; j++) {
        if (vflags(ev->r, &f->toks[fw[j]]) & SC_W_CAUSE) continue;
        nsub++;
        int found = 0;
        for (uint32_t i = seg->first; i < seg->last && !found; i++) {
            const sc_tok *a = &t->toks[i];
            found = !(a->flags & SC_T_NEG) && word_matches(en, t, a, f, &f->toks[fw[j]]) &&
                    !in_condition(ev->r, t, seg, i);
        }
        got += found;
    }
    size_t need = nsub <= 2 ? nsub : (nsub * 3 + 4) / 5;
    if (nsub && got >= need && (ev->smask_all[t->toks[seg->first].sent] & SC_BIT(SC_K_EXPLAIN_WHY)))
        /* explained, outside a condition ("if … because of this") */
        for (size_t k = 0; k < ev->hits->n; k++) {
            const sc_hit *x = &ev->hits->hits[k];
            if (x->kind == SC_K_EXPLAIN_WHY && x->first >= seg->first && x->first < seg->last &&
                !in_condition(ev->r, t, seg, x->first))
                return 1;
        }
    for (uint32_t i = seg->first; i < seg->last; i++) {
        const sc_tok *a = &t->toks[i];
        if (!(vflags(ev->r, a) & SC_W_CAUSE_NOUN) || (a->flags & SC_T_NEG)) continue;
        int own = 0; /* the fact's own subject: "the fault is covered" */
        for (size_t j = 0; j < nfw && !own; j++) own = word_matches(en, t, a, f, &f->toks[fw[j]]);
        if (own) continue;
        uint32_t lo = i, hi = i + 1; /* its clause, within a few words */
        while (lo > seg->first && lo + CLAUSE_REACH > i && !(t->toks[lo].flags & SC_T_CLAUSE_START)) lo--;
        while (hi < seg->last && hi < i + CLAUSE_REACH && !(t->toks[hi].flags & SC_T_CLAUSE_START)) hi++;
        int link = i + 1 < hi && (vflags(ev->r, &t->toks[i + 1]) & SC_W_SOURCE), wh = 0, cond = 0, vneg = 0;
        for (uint32_t k = lo; k < hi; k++) {
            const sc_tok *w = &t->toks[k];
            uint32_t fl = vflags(ev->r, w);
            link |= (fl & SC_W_COPULA) && !(w->flags & SC_T_NEG);
            wh |= (fl & SC_W_QUESTION) != 0;
            cond |= k <= i && (fl & SC_W_CONDITIONAL); /* "if it was a fault, …" */
            vneg |= k > i && (w->flags & SC_T_NEG_SELF); /* «مشکل از سرور نیست» */
        }
        if (link && !wh && !cond && !vneg) return 1;
    }
    return 0;
}

#define NOT_A_CAUSE_CLAIM (SC_BIT(SC_K_ADMIT_MISTAKE) | SC_BIT(SC_K_BLAME))

/* Persian has no "will": the present می-verb is the future. The verb that
 * closes the fact's own clause («کل مبلغ رو پرداخت می‌کنن», "they'll pay the
 * full amount"), in the third person and not negated, asserts it as "will"
 * does in English. */
#define FA_VERB_REACH 6
static int fa_future(const sc_eval *ev, const sc_sent *seg, const mention_info *mi)
{
    const sc_text *t = ev->text;
    uint32_t last = mi->first;
    for (size_t j = 0; j < mi->nat; j++)
        if (mi->at[j] > last) last = mi->at[j];
    for (uint32_t i = last + 1; i < seg->last && i <= last + FA_VERB_REACH; i++) {
        const sc_tok *w = &t->toks[i];
        if ((w->flags & SC_T_CLAUSE_START) && !(vflags(ev->r, w) & SC_W_CLAUSE)) return 0;
        if (!(w->flags & SC_T_VERB)) continue;
        return !(w->flags & (SC_T_NEG | SC_T_NEG_SELF)) && sc_fa_person(t->pool + w->noff, w->nlen) == 3;
    }
    return 0;
}

static double check_fact(sc_eval *ev, const char *fact, uint32_t kind, sc_text *f)
{
    if (!fact || !*fact || sc_tokenize(ev->r, fact, strlen(fact), f)) return 0;
    uint32_t fw[MAX_FACT_WORDS];
    size_t nfw = 0;
    for (size_t i = 0; i < f->ntoks && nfw < MAX_FACT_WORDS; i++) {
        const sc_tok *w = &f->toks[i];
        int dup = 0;
        for (size_t j = 0; j < nfw && !dup; j++) {
            const sc_tok *v = &f->toks[fw[j]];
            dup = v->nlen == w->nlen && memcmp(f->pool + v->noff, f->pool + w->noff, w->nlen) == 0;
        }
        if (is_content(w) && !dup) fw[nfw++] = (uint32_t)i;
    }
    int en = ev->r->lang == SCORE_LANG_EN, cause = 0;
    for (size_t j = 0; j < nfw; j++) cause |= (vflags(ev->r, &f->toks[fw[j]]) & SC_W_CAUSE) != 0;
    cause = cause && kind == SC_K_CERTAINTY_UNKNOWN;
    const sc_text *t = ev->text;
    uint64_t soft = kind == SC_K_PROMISE_FORBIDDEN ? LIMITS : HEDGES;
    for (uint32_t s = 0; s < t->nsents; s++) {
        /* For an unknown, a clause after ';' is a claim of its own, as after a
         * full stop: "I've emailed you PrintPoint's details; their site says
         * it's in stock, but…". A promise binds the whole sentence: "I'll
         * transfer it now; her confirmation isn't needed". */
        sc_sent seg = t->sents[s];
        int split = kind == SC_K_CERTAINTY_UNKNOWN;
        for (uint32_t end = seg.first; end <= t->sents[s].last; end++) {
            if (end < t->sents[s].last &&
                !(split && end > seg.first && (t->toks[end].flags & SC_T_SEMI)))
                continue;
            seg.last = end;
            int neg, whole = seg.first == t->sents[s].first && end == t->sents[s].last;
            mention_info mi;
            if (!mentions(en, ev->r, t, &seg, f, fw, nfw, &neg, &mi) || neg) {
                if (cause && !is_question(ev, &seg) &&
                    !(whole ? sc_sent_has(ev, s, soft | NOT_A_CAUSE_CLAIM, 1)
                            : seg_has(ev, &seg, soft | NOT_A_CAUSE_CLAIM, 1)) &&
                    cause_claim(ev, &seg, f, fw, nfw)) {
                    double d = sc_kind_weight(ev, kind);
                    sc_finding(ev, SCORE_HONESTY, kind, t->toks[seg.first].start,
                               t->toks[end - 1].end, d);
                    return d;
                }
                goto next_seg;
            }
            if (whole ? sc_sent_has(ev, s, soft, 0) : seg_has(ev, &seg, soft, 0)) goto next_seg;
            int asserts = kind == SC_K_CERTAINTY_UNKNOWN ? claims_unknown(ev, &seg)
                          : whole ? sc_sent_has(ev, s, ASSERTS, 1) : seg_has(ev, &seg, ASSERTS, 1);
            if (!en && !asserts && !is_question(ev, &seg)) asserts = fa_future(ev, &seg, &mi);
            if (kind == SC_K_CERTAINTY_UNKNOWN) {
                if (mi.cond) goto next_seg; /* "if it sells, …": a condition, not a claim */
                asserts = asserts || plain_claim(ev, &seg, &mi);
            }
            if (asserts) {
                double d = sc_kind_weight(ev, kind);
                sc_finding(ev, SCORE_HONESTY, kind, t->toks[seg.first].start,
                           t->toks[end - 1].end, d);
                return d; /* once per fact */
            }
        next_seg:
            seg.first = end;
        }
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
