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
    if (!accept(r, t, pos, c, from, p)) return SCORE_OK;
    const sc_tok *a = &t->toks[pos[from]], *b = &t->toks[pos[p]];
    sc_hit h = {.cue = cue, .kind = c->kind, .first = pos[from], .last = pos[p] + 1,
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
