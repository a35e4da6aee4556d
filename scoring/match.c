/*
 * match.c - the cue phrases found in a tokenised text.
 *
 * Negators and filler words are skipped, so "I have not sent" is the phrase
 * "i have sent" inside a negation scope, and "I have already sent" is
 * "i have sent". A phrase never crosses a sentence. Then the rules of the
 * rubric format apply: a negated hit of a `flip` kind does not count, a
 * phrase written with a negator counts only when negated, and a hit inside
 * a longer hit ("sorry" inside "sorry you feel that way") is dropped so that
 * one stretch of text is one finding.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define NONE UINT32_MAX

static int hit_push(sc_hits *h, const sc_hit *x)
{
    if (sc_grow((void **)&h->hits, &h->cap, h->n + 1, sizeof *h->hits)) return SCORE_ENOMEM;
    h->hits[h->n++] = *x;
    return SCORE_OK;
}

/* A phrase written with its own negator ("it will never happen again")
 * counts only once negated. But two negations cancel: when the matched span
 * holds a negation of its own and its first word is already negated from
 * outside ("I can't promise it won't happen again"), it does not stand.
 * Persian «هیچ کاری نمی‌شه کرد» is one negation (negative concord).
 * `first`, `last` are token indices (inclusive). */
static int single_negation(const sc_text *t, uint32_t first, uint32_t last)
{
    const sc_tok *w = &t->toks[first];
    if (!(w->flags & SC_T_NEG) || (w->flags & SC_T_NEG_SELF)) return 1;
    for (uint32_t i = first + 1; i <= last; i++)
        if (t->toks[i].flags & SC_T_NEGATOR) return 0; /* not a verb's ن: Persian
                                                         has negative concord */
    return 1;
}

static uint32_t wflags(const score_rubric *r, const sc_tok *w)
{
    return w->id ? r->vocab.words[w->id].flags : 0;
}

/* The next word of the same clause after token i, filler skipped; NONE at
 * the clause's end. */
static uint32_t next_in_clause(const sc_text *t, uint32_t i)
{
    uint32_t s = t->toks[i].sent;
    for (i++; i < t->ntoks && t->toks[i].sent == s; i++) {
        if (t->toks[i].flags & (SC_T_CLAUSE_START | SC_T_SENT_START)) return NONE;
        if (!(t->toks[i].flags & SC_T_FILLER)) return i;
    }
    return NONE;
}

/* Negation after the verb: an object negator right after the cue, or after
 * one function word ("I've reserved nothing for you", "I've sent you
 * nothing"), negates it. Not when a verb follows the negator: then it is the
 * subject of a clause of its own ("I'll make sure nothing is missed"). */
static int object_negated(const score_rubric *r, const sc_text *t, uint32_t last)
{
    uint32_t j = next_in_clause(t, last);
    if (j != NONE && !(wflags(r, &t->toks[j]) & SC_W_OBJ_NEGATOR) &&
        (t->toks[j].flags & SC_T_FUNCTION) && !(t->toks[j].flags & SC_T_NEGATOR))
        j = next_in_clause(t, j);
    if (j == NONE || !(wflags(r, &t->toks[j]) & SC_W_OBJ_NEGATOR)) return 0;
    uint32_t k = next_in_clause(t, j);
    return k == NONE || !(wflags(r, &t->toks[k]) & (SC_W_AUX | SC_W_COPULA));
}

/* Does the hit over stream positions [from, to] stand as the rubric says? */
static int accept(const score_rubric *r, const sc_text *t, const uint32_t *pos,
                  const sc_cue *c, uint32_t from, uint32_t to)
{
    int neg = 0;
    for (uint32_t i = from; i <= to; i++)
        if (t->toks[pos[i]].flags & SC_T_NEG) neg = 1;
    /* The phrase's own negator, inside the span, negates it even where a
     * clause break ("there is nothing | I can do") stops the scope. */
    for (uint32_t i = pos[from]; !neg && c->require_neg && i <= pos[to]; i++)
        if (t->toks[i].flags & SC_T_NEGATOR) neg = 1;
    /* …or standing right before it when the span opens with a clause word
     * that cut its scope: "nothing | we can do" (the phrase "nothing we can
     * do" is stored without its negator). */
    if (c->require_neg == 2)
        for (uint32_t i = pos[from]; i <= pos[to]; i++)
            if (t->toks[i].flags & SC_T_NEGATOR) return 0;
    if (!neg && c->require_neg == 2 && pos[from] > 0) {
        const sc_tok *p = &t->toks[pos[from] - 1];
        if ((p->flags & SC_T_NEGATOR) && p->sent == t->toks[pos[from]].sent &&
            (t->toks[pos[from]].flags & SC_T_CLAUSE_START) && single_negation(t, pos[from] - 1, pos[to]))
            return 2;
    }
    if (c->require_neg) return neg && single_negation(t, pos[from], pos[to]);
    if (r->kinds[c->kind].ignore_negation) return 1;
    return !neg && !object_negated(r, t, pos[to]);
}

static int emit(const score_rubric *r, const sc_text *t, const uint32_t *pos,
                uint32_t p, uint32_t cue, sc_hits *out)
{
    const sc_cue *c = &r->cues[cue];
    if (c->weight == 0 && c->kind >= SC_K_NBUILTIN) return SCORE_OK;
    uint32_t from = p + 1 - c->n;
    int ok = accept(r, t, pos, c, from, p);
    if (!ok) return SCORE_OK;
    uint32_t first = pos[from] - (ok == 2); /* the negator before it belongs to it */
    const sc_tok *a = &t->toks[first], *b = &t->toks[pos[p]];
    sc_hit h = {.cue = cue, .kind = c->kind, .first = first, .last = pos[p] + 1,
                .start = a->start, .end = b->end, .sent = a->sent, .weight = c->weight};
    h.in_repeat = t->sents[a->sent].repeat;
    return hit_push(out, &h);
}

static int by_span(const void *x, const void *y)
{
    const sc_hit *a = x, *b = y;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    if (a->end != b->end) return a->end > b->end ? -1 : 1;
    return a->kind < b->kind ? -1 : (a->kind > b->kind);
}

/* Sorted by start, longest first: a hit inside the last kept one goes. */
static void drop_contained(sc_hits *h)
{
    if (h->n == 0) return;
    sc_sort(h->hits, h->n, sizeof *h->hits, by_span);
    uint32_t cover_end = 0;
    int have = 0;
    for (size_t i = 0; i < h->n; i++) {
        sc_hit *x = &h->hits[i];
        if (have && x->end <= cover_end) {
            x->dropped = 1;
            continue;
        }
        if (!have || x->end > cover_end) cover_end = x->end;
        have = 1;
    }
}

/* "Try not to break this one, genius.", "Genius, read the manual.": a
 * `vocative_insults` word that addresses someone (set off by a comma at the
 * end or the start of its sentence) is retaliation, wherever negation is;
 * "the Genius Bar" is not. */
static int vocatives(const score_rubric *r, const sc_text *t, sc_hits *out)
{
    for (uint32_t i = 0; i < t->ntoks; i++) {
        const sc_tok *w = &t->toks[i];
        if (!(wflags(r, w) & SC_W_VOCATIVE)) continue;
        int last = i + 1 == t->ntoks || t->toks[i + 1].sent != w->sent;
        int first = (w->flags & SC_T_SENT_START) && !last &&
                    (t->toks[i + 1].flags & SC_T_CLAUSE_START);
        if (!(first || (last && (w->flags & SC_T_CLAUSE_START)))) continue;
        sc_hit h = {.cue = NONE, .kind = SC_K_RETALIATION, .first = i, .last = i + 1,
                    .start = w->start, .end = w->end, .sent = w->sent,
                    .weight = r->kinds[SC_K_RETALIATION].weight,
                    .in_repeat = t->sents[w->sent].repeat};
        if (hit_push(out, &h)) return SCORE_ENOMEM;
    }
    return SCORE_OK;
}

int sc_match(const score_rubric *r, const sc_text *t, sc_hits *out)
{
    out->n = 0;
    if (t->ntoks == 0) return SCORE_OK;
    if (t->ntoks > out->cap_pos) {
        uint32_t *p = realloc(out->pos, t->ntoks * sizeof *p);
        if (!p) return SCORE_ENOMEM;
        out->pos = p;
        out->cap_pos = t->ntoks;
    }
    uint32_t *pos = out->pos; /* stream -> token */
    uint32_t state = 0, np = 0, sent = t->toks[0].sent;
    int rc = SCORE_OK;
    for (uint32_t i = 0; i < t->ntoks && rc == SCORE_OK; i++) {
        const sc_tok *w = &t->toks[i];
        if (w->flags & (SC_T_NEGATOR | SC_T_FILLER)) continue;
        if (w->sent != sent) {
            state = 0;
            sent = w->sent;
        }
        pos[np] = i;
        state = sc_ac_step(&r->ac, state, w->id);
        for (uint32_t s = state; s != NONE && s != 0; s = r->ac.dict[s])
            for (uint32_t c = r->ac.out[s]; c != NONE && rc == SCORE_OK; c = r->ac.cue_next[c])
                rc = emit(r, t, pos, np, c, out);
        np++;
    }
    if (rc == SCORE_OK) rc = vocatives(r, t, out);
    if (rc == SCORE_OK) drop_contained(out);
    return rc;
}

void sc_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (n > 64 || size > 128) {
        qsort(base, n, size, cmp);
        return;
    }
    char *a = base, tmp[128];
    for (size_t i = 1; i < n; i++) {
        size_t j = i;
        if (cmp(a + (j - 1) * size, a + j * size) <= 0) continue;
        memcpy(tmp, a + i * size, size);
        while (j > 0 && cmp(a + (j - 1) * size, tmp) > 0) {
            memcpy(a + j * size, a + (j - 1) * size, size);
            j--;
        }
        memcpy(a + j * size, tmp, size);
    }
}

int sc_hits_count(const sc_hits *h, uint32_t kind)
{
    int n = 0;
    for (size_t i = 0; i < h->n; i++)
        if (!h->hits[i].dropped && h->hits[i].kind == kind) n++;
    return n;
}

void sc_hits_free(sc_hits *h)
{
    free(h->hits);
    free(h->pos);
    memset(h, 0, sizeof *h);
}

/* ---- claims: what the cue phrases alone cannot see ----------------------- */

/* Does a new claim start at token i: a comma or ';' (not a clause word like
 * «که»/«تا», which goes on with the same claim), a contrast word ("but",
 * «ولی») or, with `subject`, a first-person subject ("and I promise")? */
static int claim_break(const score_rubric *r, const sc_tok *w, int subject)
{
    uint32_t f = wflags(r, w);
    if ((w->flags & SC_T_CLAUSE_START) && !(f & SC_W_CLAUSE)) return 1; /* punctuation */
    return (f & SC_W_CONTRAST) || (subject && (f & SC_W_FIRST_PERSON));
}

static int ends_with(const char *s, size_t n, const char *e)
{
    size_t k = strlen(e);
    return n >= k && memcmp(s + n - k, e, k) == 0;
}

/* The person of a Persian verb, from its ending (a clitic object «ش»,
 * «تون», «شون» taken off first): 1 «می‌دم», «می‌کنیم»; 2 «می‌کنید», «می‌کنین»,
 * «می‌کنی»; 3 everything else («می‌ده», «میاد», «می‌شه», «می‌کنن», «داره»). */
int sc_fa_person(const char *s, size_t n)
{
    static const char *const clitics[] = {"\xD8\xB4\xD9\x88\xD9\x86", "\xD8\xAA\xD9\x88\xD9\x86",
                                          "\xD8\xAA\xD8\xA7\xD9\x86", "\xD8\xB4"};
    for (size_t i = 0; i < sizeof clitics / sizeof *clitics; i++) {
        size_t k = strlen(clitics[i]);
        if (n >= k + 8 && ends_with(s, n, clitics[i])) {
            n -= k;
            break;
        }
    }
    if (ends_with(s, n, "\xD9\x85")) return 1;                        /* م */
    if (ends_with(s, n, "\xDB\x8C\xD8\xAF") || ends_with(s, n, "\xDB\x8C\xD9\x86") ||
        ends_with(s, n, "\xDB\x8C"))                                  /* ید ین ی */
        return 2;
    return 3;
}

/* «خانم نادری حتماً تا فردا جواب می‌ده», «مطمئنم کارتریج‌شاپ موجودی داره»:
 * a certainty word («حتماً», «مطمئنم») and, before the claim ends, a verb in
 * the third person is a guarantee about what someone else or something will
 * do. The same word before a first-person verb is a polite commitment
 * («حتماً بررسی می‌کنم»), before a second-person one advice or a guess about
 * them («حتماً زنگ بزنید», «حتماً ترسیدید»). The verb is the first می/نمی verb
 * of the claim, or a present verb without می (`stative`: «داره»); a past
 * verb («حتماً سخت بوده») is an inference, not a promise. */
#define CLAIM_REACH 12 /* words from the certainty word to its verb, at most */
#define SPAN_REACH 64  /* a cue hit spans fewer tokens than this */
static int certainty_hits(const score_rubric *r, const sc_text *t, sc_hits *h)
{
    size_t n = h->n, k0 = 0; /* the cue hits, sorted by start */
    for (uint32_t i = 0; i < t->ntoks; i++) {
        if (!(wflags(r, &t->toks[i]) & SC_W_CERTAINTY)) continue;
        uint32_t sent = t->toks[i].sent, verb = UINT32_MAX;
        for (uint32_t j = i + 1; j < t->ntoks && j <= i + CLAIM_REACH && t->toks[j].sent == sent; j++) {
            const sc_tok *w = &t->toks[j];
            if (claim_break(r, w, 0)) break;
            if ((w->flags & SC_T_VERB) || (wflags(r, w) & SC_W_STATIVE)) {
                verb = j;
                break;
            }
        }
        if (verb == UINT32_MAX) continue;
        const sc_tok *v = &t->toks[verb];
        if (sc_fa_person(t->pool + v->noff, v->nlen) != 3) continue;
        const sc_tok *a = &t->toks[i];
        int covered = 0; /* a cue already says it («حتماً میاد», «حتماً دوبار زدید») */
        while (k0 < n && h->hits[k0].first + SPAN_REACH < i) k0++;
        for (size_t k = k0; k < n && h->hits[k].first <= verb && !covered; k++) {
            const sc_hit *x = &h->hits[k];
            covered = !x->dropped && x->first <= verb && x->last > i &&
                      r->kinds[x->kind].dim == SCORE_HONESTY && x->weight < 0;
        }
        if (covered) continue;
        sc_hit g = {.cue = NONE, .kind = SC_K_GUARANTEE, .first = i, .last = verb + 1,
                    .start = a->start, .end = v->end, .sent = sent,
                    .weight = r->kinds[SC_K_GUARANTEE].weight};
        g.in_repeat = t->sents[sent].repeat;
        if (hit_push(h, &g)) return SCORE_ENOMEM;
    }
    return SCORE_OK;
}

/* «نمی‌تونم قول بدم دیگه تکرار نشه», «نمی‌تونم قول بدم که حتماً فروش میره»:
 * a guarantee inside the object of a stated limit is what is *not* promised.
 * The object runs on past «که»/"that" but not past a comma, a contrast
 * ("but", «ولی») or a new first-person subject ("and I promise…"). */
#define LIMIT_OBJECT 8 /* words */
static void drop_limited(const score_rubric *r, const sc_text *t, sc_hits *h)
{
    for (size_t k = 0; k < h->n; k++) { /* sorted by start */
        const sc_hit *l = &h->hits[k];
        if (l->dropped || l->kind != SC_K_LIMIT_STATED) continue;
        for (size_t g = k + 1; g < h->n && h->hits[g].first <= l->last + LIMIT_OBJECT; g++) {
            sc_hit *x = &h->hits[g];
            if (x->dropped || x->kind != SC_K_GUARANTEE || x->sent != l->sent || x->first < l->last)
                continue;
            int open = 1;
            for (uint32_t j = l->last; j <= x->first && open; j++)
                open = !claim_break(r, &t->toks[j], 1);
            if (open) x->dropped = 1;
        }
    }
}

int sc_match_claims(const score_rubric *r, const sc_text *t, sc_hits *h)
{
    size_t n = h->n;
    if (certainty_hits(r, t, h)) return SCORE_ENOMEM;
    if (h->n > n) sc_sort(h->hits, h->n, sizeof *h->hits, by_span);
    drop_limited(r, t, h);
    return SCORE_OK;
}
