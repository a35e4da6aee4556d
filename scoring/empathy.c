/*
 * empathy.c - empathy as a balance, not "more is better" (guide §1).
 *
 * Evidence (naming the feeling, one sincere apology, thanks, their name…)
 * raises the score from a neutral start up to 10 at the bottom of a band;
 * above the band it falls again (stacked apologies, gushing), and the band
 * moves with the context: a customer who wants action gets a brief
 * acknowledgement, a bereaved one more. Saying nothing at high tension reads
 * robotic; dismissing is worse than silence; clichés earn little.
 */
#include <math.h>
#include <string.h>

#include "internal.h"

#define CLICHE_COST (-0.75) /* scripted empathy: no credit, a small cost */
#define GUSH_COST (-1.0)    /* insincerity, on top of the band */
#define OVER_SLOPE 2.0      /* points lost per unit of raw above the band */
#define NON_APOLOGY_COST (-1.5)
#define STACKED_APOLOGY_COST (-0.75) /* each apology past the second */
#define HOSTILE_COST (-3.0)  /* retaliation or scolding: the opposite of empathy */
#define BLAME_COST (-2.0)
#define GROVEL_COST (-1.0)   /* self-abasement sounds insincere */

static void band(const sc_eval *ev, double *lo, double *hi)
{
    double t = ev->ctx->tension, up = t > 5 ? t - 5 : 0;
    switch (ev->ctx->wants) {
    case SCORE_WANTS_ACTION: *lo = 1.0; *hi = 3.5 + up * 0.25; return;
    case SCORE_WANTS_EMPATHY: *lo = 2.5 + up * 0.15; *hi = 6.0 + up * 0.3; break;
    default: *lo = 1.5 + up * 0.15; *hi = 3.5 + up * 0.3; break;
    }
    if (t < 3 && *lo > 1.3) *lo -= 0.5;
}

static double start_point(const sc_eval *ev)
{
    return ev->ctx->wants == SCORE_WANTS_ACTION ? 6.0
         : ev->ctx->wants == SCORE_WANTS_EMPATHY ? 4.0 : 5.0;
}

/* The customer's name, once: compare normalised words. A title ("Mrs",
 * «آقای») is not the name: "Mrs" alone does not use "Mrs Hughes"'s name.
 * The finding covers the title too when one stands right before the name. */
static double name_used(sc_eval *ev, uint32_t *start, uint32_t *end)
{
    const char *name = ev->ctx->customer_name;
    if (!name || !*name) return 0;
    sc_text nt = {0};
    double w = 0;
    if (sc_tokenize(ev->r, name, strlen(name), &nt) == SCORE_OK) {
        const sc_text *t = ev->text;
        for (size_t i = 0; i < t->ntoks && w == 0; i++)
            for (size_t j = 0; j < nt.ntoks; j++) {
                const sc_tok *a = &t->toks[i], *b = &nt.toks[j];
                if (b->id && (ev->r->vocab.words[b->id].flags & SC_W_TITLE)) continue;
                if (b->nlen >= 2 && a->nlen == b->nlen &&
                    memcmp(t->pool + a->noff, nt.pool + b->noff, a->nlen) == 0) {
                    w = sc_kind_weight(ev, SC_K_NAME_USED);
                    *start = a->start;
                    const sc_tok *p = i > 0 ? &t->toks[i - 1] : NULL;
                    if (p && p->id && (ev->r->vocab.words[p->id].flags & SC_W_TITLE) &&
                        a->start - p->end <= 2) /* "Mrs Hughes", "Mrs. Hughes" */
                        *start = p->start;
                    *end = a->end;
                    break;
                }
            }
    }
    sc_text_free(&nt);
    return w;
}

/* The hit at which the running evidence passed the band's top. */
static long crossing(const sc_eval *ev, double hi)
{
    double run = 0;
    for (size_t i = 0; i < ev->hits->n; i++) {
        run += ev->contrib[i];
        if (ev->contrib[i] > 0 && run > hi) return (long)i;
    }
    return -1;
}

/* "…so you don't have to explain it again", «نباید مجبور می‌شدید دوباره
 * توضیح بدید», «که لازم نباشه دوباره بگید»: a negation earlier in the
 * request's clause (a negated modal governs the verb after it, across a
 * Persian verb) means the reply spares them the repeat, not asks for it. */
static int negated_word(const score_rubric *r, const sc_text *t, const sc_tok *w)
{
    if (w->flags & (SC_T_NEGATOR | SC_T_NEG_SELF)) return 1;
    const char *s = t->pool + w->noff;
    for (size_t j = 0; j < r->n_neg_prefixes; j++) { /* «نباید», «نباشه»: a known word, negated */
        size_t pl = r->neg_prefix_len[j];
        if (w->nlen < pl + 4 || memcmp(s, r->neg_prefixes[j], pl) != 0) continue;
        if (sc_vocab_find(&r->vocab, s + pl, w->nlen - pl, sc_hash(s + pl, w->nlen - pl))) return 1;
    }
    return 0;
}

static int negated_request(const score_rubric *r, const sc_text *t, const sc_hit *x)
{
    for (uint32_t i = x->first; i-- > t->sents[x->sent].first;) {
        const sc_tok *w = &t->toks[i];
        if (negated_word(r, t, w)) return 1;
        if (w->flags & (SC_T_CLAUSE_START | SC_T_SENT_START)) return 0;
    }
    return 0;
}

static double extras(sc_eval *ev)
{
    double d = 0;
    int apologies = 0;
    long blame_sent = -1;
    for (size_t i = 0; i < ev->hits->n; i++) {
        const sc_hit *x = &ev->hits->hits[i];
        if (x->dropped) continue;
        if (x->kind == SC_K_BLAME) { /* one blaming sentence costs once, however it's phrased */
            if ((long)x->sent == blame_sent) continue;
            blame_sent = (long)x->sent;
        }
        if (x->kind == SC_K_APOLOGY && ++apologies > 2) {
            sc_finding(ev, SCORE_EMPATHY, SC_K_OVER_EMPATHY, x->start, x->end, STACKED_APOLOGY_COST);
            d += STACKED_APOLOGY_COST;
            continue;
        }
        int scold = x->kind == SC_K_SET_LIMIT && !ev->abusive;
        if (x->kind == SC_K_ASK_REPEAT && ev->customer_repeated &&
            !negated_request(ev->r, ev->text, x)) { /* seed 002 */
            double w = sc_kind_weight(ev, SC_K_ASK_REPEAT);
            sc_finding(ev, SCORE_EMPATHY, SC_K_ASK_REPEAT, x->start, x->end, w);
            d += w;
            continue;
        }
        double c = x->kind == SC_K_CLICHE ? CLICHE_COST
                 : x->kind == SC_K_GUSHING ? GUSH_COST
                 : x->kind == SC_K_NON_APOLOGY ? NON_APOLOGY_COST
                 : x->kind == SC_K_RETALIATION || x->kind == SC_K_ABUSE ||
                   x->kind == SC_K_SARCASM || scold ? HOSTILE_COST
                 : x->kind == SC_K_BLAME ? BLAME_COST
                 : x->kind == SC_K_GROVEL ? GROVEL_COST : 0;
        if (c == 0) continue;
        uint32_t kind = scold ? SC_K_SCOLDING
                      : x->kind == SC_K_ABUSE || x->kind == SC_K_SARCASM ? SC_K_RETALIATION : x->kind;
        sc_finding(ev, SCORE_EMPATHY, kind, x->start, x->end, c);
        d += c;
    }
    return d;
}

static double silence_cost(const sc_eval *ev)
{
    const score_context *c = ev->ctx;
    if (c->tension < 5) return 0;
    return -(2.0 + 0.5 * (c->tension - 5)) * (c->wants == SCORE_WANTS_EMPATHY ? 1.5 : 1.0);
}

static double too_little(sc_eval *ev, double raw)
{
    double d = silence_cost(ev);
    if (raw >= 0.3 || d == 0) return 0;
    sc_finding(ev, SCORE_EMPATHY, SC_K_ROBOTIC, 0, 0, d);
    return d;
}

/* Customers who want action: empathy sentences outnumbering action ones. */
static double outnumbered(sc_eval *ev)
{
    score_signals *g = &ev->res->signals;
    const uint64_t emp = SC_BIT(SC_K_FEELING) | SC_BIT(SC_K_VALIDATION) | SC_BIT(SC_K_APOLOGY) |
                         SC_BIT(SC_K_GUSHING) | SC_BIT(SC_K_HEARD) | SC_BIT(SC_K_CLICHE);
    const uint64_t act = SC_BIT(SC_K_ACTION_TAKEN) | SC_BIT(SC_K_COMMITMENT) |
                         SC_BIT(SC_K_NEXT_STEPS) | SC_BIT(SC_K_ALTERNATIVE) |
                         SC_BIT(SC_K_OWNERSHIP) | SC_BIT(SC_K_DIAGNOSTIC);
    for (uint32_t s = 0; s < ev->text->nsents; s++) {
        g->empathy_sentences += sc_sent_has(ev, s, emp, 0);
        g->action_sentences += sc_sent_has(ev, s, act, 0);
    }
    if (ev->ctx->wants != SCORE_WANTS_ACTION || g->empathy_sentences < 2 ||
        g->empathy_sentences <= g->action_sentences)
        return 0;
    double d = sc_kind_weight(ev, SC_K_OVER_EMPATHY);
    sc_finding(ev, SCORE_EMPATHY, SC_K_OVER_EMPATHY, 0, 0, d);
    return d;
}

/* ---- wrong_name: addressing someone else -------------------------------- */

static uint32_t wflags(const sc_eval *ev, const sc_tok *w)
{
    return w->id ? ev->r->vocab.words[w->id].flags : 0;
}

/* A reply word that spells one of the customer's name words (titles aside);
 * "Rob" for "Robert" too. */
static int customer_word(const sc_eval *ev, const sc_text *nt, const sc_tok *a)
{
    const char *s = ev->text->pool + a->noff;
    for (size_t j = 0; j < nt->ntoks; j++) {
        const sc_tok *b = &nt->toks[j];
        if (b->nlen < 2 || (wflags(ev, b) & SC_W_TITLE)) continue;
        size_t n = a->nlen < b->nlen ? a->nlen : b->nlen;
        if ((a->nlen == b->nlen || n >= 3) && memcmp(s, nt->pool + b->noff, n) == 0) return 1;
    }
    return 0;
}

/* A word that may be a name: not a word of the rubric, not a number, not an
 * adverb in -ly; in a script with capitals, capitalised. */
static int name_like(const sc_eval *ev, const sc_tok *a, int need_capital)
{
    const char *s = ev->text->pool + a->noff;
    unsigned char c = (unsigned char)ev->reply[a->start];
    if (a->id || a->nlen < 2 || (s[0] >= '0' && s[0] <= '9')) return 0;
    if (a->nlen > 3 && memcmp(s + a->nlen - 2, "ly", 2) == 0) return 0;
    return !need_capital || (c >= 'A' && c <= 'Z');
}

/* Token i ends an address: a comma or the sentence's end follows. */
static int ends_address(const sc_text *t, size_t i)
{
    return i + 1 == t->ntoks || t->toks[i + 1].sent != t->toks[i].sent ||
           (t->toks[i + 1].flags & SC_T_CLAUSE_START);
}

/* "Mrs Smith, …", «آقای رضایی، …», "Hi Mr Reza, …", "Ross, …" or "Hi Ross, …"
 * opening a sentence, to a customer with another name: the reply was written
 * for someone else. A title inside a sentence ("I've asked Mr Patel in
 * billing", «با سرپرستم، آقای کاظمی، …») names a colleague; it addresses
 * nobody. */
static long wrong_name_at(const sc_eval *ev, const sc_text *nt, uint32_t *end)
{
    const sc_text *t = ev->text;
    for (size_t i = 0; i < t->ntoks; i++) {
        const sc_tok *w = &t->toks[i];
        int opened = i >= 1 && (wflags(ev, &t->toks[i - 1]) & SC_W_OPENER) &&
                     (t->toks[i - 1].flags & SC_T_SENT_START) && !(w->flags & SC_T_CLAUSE_START);
        int at_start = (w->flags & SC_T_SENT_START) || opened;
        if ((wflags(ev, w) & SC_W_TITLE) && at_start && i + 1 < t->ntoks) {
            const sc_tok *n = &t->toks[i + 1];
            int dotted = n->sent != w->sent && ev->reply[w->end] == '.'; /* "Mr. Smith" */
            if ((n->sent != w->sent && !dotted) || (n->flags & SC_T_CLAUSE_START)) continue;
            size_t last = i + 1;
            if (!ends_address(t, last) && last + 1 < t->ntoks &&
                t->toks[last + 1].sent == n->sent && ends_address(t, last + 1))
                last++; /* "Mrs Linda Smith," */
            if (!ends_address(t, last)) continue;
            int named = 0, other = 0;
            for (size_t j = i + 1; j <= last; j++) {
                if (customer_word(ev, nt, &t->toks[j])) named = 1;
                else if (name_like(ev, &t->toks[j], ev->r->lang == SCORE_LANG_EN)) other = 1;
            }
            if (other && !named) {
                *end = t->toks[last].end;
                return (long)i;
            }
            continue;
        }
        /* a bare name opens the reply: "Ross, …", "Hi Ross, …" */
        if ((i == 0 || (i == 1 && t->toks[0].id)) && !(wflags(ev, w) & SC_W_OPENER) &&
            name_like(ev, w, 1) && ends_address(t, i) && i + 1 < t->ntoks &&
            !customer_word(ev, nt, w)) {
            *end = w->end;
            return (long)i;
        }
    }
    return -1;
}

static double wrong_name(sc_eval *ev)
{
    const char *name = ev->ctx->customer_name;
    if (!name || !*name) return 0;
    sc_text nt = {0};
    double d = 0;
    uint32_t end = 0;
    if (sc_tokenize(ev->r, name, strlen(name), &nt) == SCORE_OK && nt.ntoks) {
        long i = wrong_name_at(ev, &nt, &end);
        if (i >= 0) {
            d = sc_kind_weight(ev, SC_K_WRONG_NAME);
            sc_finding(ev, SCORE_EMPATHY, SC_K_WRONG_NAME, ev->text->toks[i].start, end, d);
        }
    }
    sc_text_free(&nt);
    return d;
}

double sc_empathy(sc_eval *ev)
{
    double lo, hi, e0 = start_point(ev);
    band(ev, &lo, &hi);
    double raw = sc_evidence(ev, SCORE_EMPATHY, SC_BIT(SC_K_CLICHE), 0.5);
    uint32_t ns = 0, ne = 0;
    double name = name_used(ev, &ns, &ne);
    raw += name;
    score_signals *g = &ev->res->signals;
    g->empathy_cues = raw;
    g->band_lo = lo;
    g->band_hi = hi;
    double reach = raw >= lo ? 1.0 : raw / lo;
    double gain = (10.0 - e0) * reach;
    sc_share(ev, SCORE_EMPATHY, raw - name, gain * (raw > 0 ? (raw - name) / raw : 0));
    if (name > 0) sc_finding(ev, SCORE_EMPATHY, SC_K_NAME_USED, ns, ne, gain * name / raw);
    double s = e0 + gain;
    if (raw > hi) {
        double d = -fmin(6.0, OVER_SLOPE * (raw - hi));
        long at = crossing(ev, hi);
        const sc_hit *x = at >= 0 ? &ev->hits->hits[at] : NULL;
        sc_finding(ev, SCORE_EMPATHY, SC_K_OVER_EMPATHY, x ? x->start : 0, x ? x->end : 0, d);
        s += d;
    }
    double little = too_little(ev, raw), costs = outnumbered(ev) + extras(ev) + wrong_name(ev);
    /* ask_repeat is charged above, only when the customer had repeated */
    costs += sc_penalties(ev, SCORE_EMPATHY, SC_BIT(SC_K_ASK_REPEAT), 0.6, -7.0);
    s += little + costs;
    /* Dismissing is worse than silence (guide §1): an acknowledgement next to
     * "it's a TV, not a kidney" does not count; the reply grades as silence
     * plus what it costs. */
    long dis = sc_first_hit(ev, SC_K_DISMISSIVE, 0);
    double silent = e0 + silence_cost(ev) + costs;
    if (dis >= 0 && ev->hit_factor[dis] > 0 && s > silent) {
        const sc_hit *x = &ev->hits->hits[dis];
        sc_finding(ev, SCORE_EMPATHY, SC_K_DISMISSIVE, x->start, x->end, silent - s);
        s = silent;
    }
    return sc_clamp10(s);
}
