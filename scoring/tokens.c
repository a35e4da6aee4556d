/*
 * tokens.c - a reply (or a cue phrase) as words, sentences and clauses.
 *
 * Pass 1 walks the bytes once: it validates UTF-8, normalises every
 * character (norm.c), cuts words, sentences (. ! ? ؟ … newline) and clauses
 * (, ; : ، ؛), and glues Persian pieces that people type apart or together
 * (می/نمی before a verb, ها/تون after a noun) into one word.
 * Pass 2 resolves each word against the rubric's vocabulary, applying the
 * rewrite tables (can't → can not) and the Persian negative prefix
 * (نمی‌فرستم → negated می‌فرستم).
 * Pass 3 marks negation scope and measures sentences (function words,
 * repeats), which the matcher and the dimensions use to tell real sentences
 * from keyword salad.
 * Cue phrases go through the very same code (phrase mode adds unknown words to
 * the vocabulary), so a phrase matches exactly what it looks like.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define NEG_SCOPE 6 /* words a negator reaches, within its clause */

enum { TF_CLAUSE_START = 1u << 16, TF_HAS_APOS = 1u << 17,
       TF_DIGITS = 1u << 18, TF_NEG_SELF = 1u << 19, TF_GAP = 1u << 20 };

typedef struct {
    score_rubric *r; /* non-const only in phrase mode */
    int add;         /* phrase mode: add unknown words */
    sc_text *t;
    const unsigned char *s;
    size_t len;
    /* the word being cut */
    int in_word;
    uint32_t wstart, wend, wflags;
    size_t wnoff;
    int wdigit; /* the current word is made of digits */
    uint32_t sent;
    uint32_t pending_flags; /* flags for the next token */
} tk;

static int pool_put(sc_text *t, const char *s, size_t n)
{
    if (t->pool_len + n > t->pool_cap) {
        size_t cap = t->pool_cap ? t->pool_cap : 1024;
        while (cap < t->pool_len + n) cap *= 2;
        char *p = realloc(t->pool, cap);
        if (!p) return SCORE_ENOMEM;
        t->pool = p;
        t->pool_cap = cap;
    }
    memcpy(t->pool + t->pool_len, s, n);
    t->pool_len += n;
    return SCORE_OK;
}

static sc_tok *tok_push(sc_text *t)
{
    if (t->ntoks == t->cap_toks) {
        size_t cap = t->cap_toks ? t->cap_toks * 2 : 64;
        sc_tok *p = realloc(t->toks, cap * sizeof *p);
        if (!p) return NULL;
        t->toks = p;
        t->cap_toks = cap;
    }
    sc_tok *k = &t->toks[t->ntoks++];
    memset(k, 0, sizeof *k);
    return k;
}

static uint32_t lookup(tk *k, const char *s, size_t n, uint32_t *hash)
{
    uint32_t h = sc_hash(s, n);
    if (hash) *hash = h;
    uint32_t id = sc_vocab_find(&k->r->vocab, s, n, h);
    if (!id && k->add) id = sc_vocab_add(&k->r->vocab, s, n);
    return id;
}

static uint32_t word_flags(const tk *k, uint32_t id)
{
    return id ? k->r->vocab.words[id].flags : 0;
}

/* Glue a Persian join-suffix to the word before it, or a word to a pending
 * join-prefix before it. Both are contiguous in the pool by construction. */
static int try_join(tk *k, sc_tok *cur)
{
    sc_text *t = k->t;
    if (t->ntoks < 2 || (cur->flags & (TF_CLAUSE_START | SC_T_SENT_START | TF_GAP)))
        return 0;
    sc_tok *prev = cur - 1;
    if (prev->noff + prev->nlen != cur->noff || (prev->flags & TF_DIGITS) ||
        (cur->flags & TF_DIGITS))
        return 0;
    uint32_t pf = word_flags(k, prev->id), cf = word_flags(k, cur->id);
    if (!(pf & SC_W_JOIN_PREFIX) && !(cf & SC_W_JOIN_SUFFIX)) return 0;
    if ((pf & SC_W_JOIN_PREFIX) && (cf & SC_W_JOIN_PREFIX)) return 0;
    prev->nlen += cur->nlen;
    prev->end = cur->end;
    prev->id = lookup(k, t->pool + prev->noff, prev->nlen, &prev->hash);
    t->ntoks--;
    return 1;
}

static int finish_word(tk *k)
{
    if (!k->in_word) return SCORE_OK;
    k->in_word = 0;
    sc_text *t = k->t;
    size_t n = t->pool_len - k->wnoff;
    while (n && t->pool[k->wnoff + n - 1] == '\'') n--; /* trailing quote */
    t->pool_len = k->wnoff + n;
    if (n == 0) return SCORE_OK;
    sc_tok *w = tok_push(t);
    if (!w) return SCORE_ENOMEM;
    w->start = k->wstart;
    w->end = k->wend;
    w->noff = (uint32_t)k->wnoff;
    w->nlen = (uint32_t)n;
    w->sent = k->sent;
    w->flags = k->wflags | k->pending_flags | (k->wdigit ? TF_DIGITS : 0);
    k->pending_flags = 0;
    if (k->wdigit)
        w->id = k->r->number_id;
    else
        w->id = lookup(k, t->pool + w->noff, n, &w->hash);
    if (!k->wdigit) try_join(k, w);
    return SCORE_OK;
}

static int start_word(tk *k, uint32_t at, int digit)
{
    k->in_word = 1;
    k->wstart = at;
    k->wflags = 0;
    k->wnoff = k->t->pool_len;
    k->wdigit = digit;
    return SCORE_OK;
}

static void end_sentence(tk *k)
{
    sc_text *t = k->t;
    if (t->ntoks && t->toks[t->ntoks - 1].sent == k->sent) k->sent++;
    k->pending_flags |= SC_T_SENT_START;
}

/* A '.' between two digits or before a letter (3.5, example.com) does not
 * end a sentence. */
static int dot_is_inside(const tk *k, size_t i)
{
    if (k->s[i] != '.' || i + 1 >= k->len) return 0;
    unsigned char next = k->s[i + 1];
    int next_alnum = (next >= '0' && next <= '9') || (next >= 'a' && next <= 'z') ||
                     (next >= 'A' && next <= 'Z');
    return next_alnum && k->in_word;
}

static int on_char(tk *k, size_t i, size_t clen, const sc_normchar *nc, uint32_t cp)
{
    int cls = nc->cls;
    if (cls == SC_C_DIGIT || cls == SC_C_WORD) {
        int digit = cls == SC_C_DIGIT;
        if (k->in_word && k->wdigit != digit && finish_word(k)) return SCORE_ENOMEM;
        if (!k->in_word) start_word(k, (uint32_t)i, digit);
        k->wend = (uint32_t)(i + clen);
        return pool_put(k->t, nc->out, nc->len);
    }
    if (cls == SC_C_JOINER) {
        if (k->in_word) k->wend = (uint32_t)(i + clen);
        return SCORE_OK;
    }
    if (cls == SC_C_APOS && k->in_word && !k->wdigit) {
        k->wflags |= TF_HAS_APOS;
        k->wend = (uint32_t)(i + clen);
        return pool_put(k->t, "'", 1);
    }
    if (finish_word(k)) return SCORE_ENOMEM;
    if (cls == SC_C_SYMBOL) {
        start_word(k, (uint32_t)i, 0);
        k->wend = (uint32_t)(i + clen);
        if (pool_put(k->t, cp == '#' ? "#" : "%", 1)) return SCORE_ENOMEM;
        if (cp == '#') k->wdigit = 1;
        return finish_word(k);
    }
    if (cls == SC_C_SENT) {
        if (cp == '?' || cp == 0x061F) k->t->questions++;
        end_sentence(k);
    } else if (cls == SC_C_CLAUSE) {
        k->pending_flags |= TF_CLAUSE_START;
    } else if (cls == SC_C_OTHER || cls == SC_C_APOS) {
        k->pending_flags |= TF_GAP;
    }
    return SCORE_OK;
}

static int pass_chars(tk *k)
{
    const sc_norm *norm = &k->r->norm;
    size_t i = 0;
    while (i < k->len) {
        unsigned char b = k->s[i];
        uint32_t cp = b;
        size_t clen = 1;
        sc_normchar nc;
        if (b < 0x80) {
            if (b == '.' && dot_is_inside(k, i)) {
                finish_word(k);
                k->pending_flags |= TF_GAP;
                i++;
                continue;
            }
            nc = norm->tab[b];
        } else {
            clen = sc_utf8_decode(k->s + i, k->len - i, &cp);
            if (clen == 0) { /* invalid byte: a separator, counted */
                if (!k->t->invalid_bytes) k->t->first_invalid = (uint32_t)i;
                k->t->invalid_bytes++;
                if (finish_word(k)) return SCORE_ENOMEM;
                k->pending_flags |= TF_GAP;
                i++;
                continue;
            }
            sc_norm_char(norm, cp, &nc);
        }
        if (on_char(k, i, clen, &nc, cp)) return SCORE_ENOMEM;
        i += clen;
    }
    return finish_word(k);
}

/* ---- pass 2: rewrites and negative prefixes ----------------------------- */

static int insert_after(sc_text *t, size_t at, const sc_tok *proto, uint32_t id,
                        const score_rubric *r)
{
    if (!tok_push(t)) return SCORE_ENOMEM;
    memmove(&t->toks[at + 2], &t->toks[at + 1], (t->ntoks - at - 2) * sizeof *t->toks);
    sc_tok *n = &t->toks[at + 1];
    *n = *proto;
    n->id = id;
    n->flags &= ~(uint32_t)(SC_T_SENT_START | TF_CLAUSE_START);
    size_t len;
    const char *s = sc_vocab_str(&r->vocab, id, &len);
    n->noff = (uint32_t)t->pool_len;
    n->nlen = (uint32_t)len;
    n->hash = sc_hash(s, len);
    return pool_put(t, s, len);
}

/* Replace token i by the rewrite's words; returns how many tokens it is now. */
static int apply_rewrite(tk *k, size_t i, size_t *ntok)
{
    const sc_word *w = &k->r->vocab.words[k->t->toks[i].id];
    const uint32_t *rw = w->rewrite;
    sc_tok proto = k->t->toks[i];
    k->t->toks[i].id = rw[0];
    size_t len;
    const char *s = sc_vocab_str(&k->r->vocab, rw[0], &len);
    k->t->toks[i].noff = (uint32_t)k->t->pool_len;
    k->t->toks[i].nlen = (uint32_t)len;
    k->t->toks[i].hash = sc_hash(s, len);
    if (pool_put(k->t, s, len)) return SCORE_ENOMEM;
    size_t n = 1;
    for (int j = 1; j < SC_REWRITE_MAX && rw[j]; j++, n++)
        if (insert_after(k->t, i + n - 1, &proto, rw[j], k->r)) return SCORE_ENOMEM;
    *ntok = n;
    return SCORE_OK;
}

/* "couldn't" → could + not; "ross's" → ross. */
static int apply_suffix(tk *k, size_t i, size_t *ntok)
{
    sc_tok *t = &k->t->toks[i];
    const char *s = k->t->pool + t->noff;
    *ntok = 1;
    for (size_t j = 0; j < k->r->n_suffixes; j++) {
        const sc_suffix *x = &k->r->suffixes[j];
        if (t->nlen <= x->len || memcmp(s + t->nlen - x->len, x->from, x->len)) continue;
        t->nlen -= (uint32_t)x->len;
        t->id = lookup(k, s, t->nlen, &t->hash);
        sc_tok proto = *t;
        if (insert_after(k->t, i, &proto, x->to, k->r)) return SCORE_ENOMEM;
        *ntok = 2;
        return SCORE_OK;
    }
    if (t->nlen > 2 && memcmp(s + t->nlen - 2, "'s", 2) == 0) {
        t->nlen -= 2;
        t->id = lookup(k, s, t->nlen, &t->hash);
    }
    return SCORE_OK;
}

static int starts_with_join_prefix(const tk *k, const char *s, size_t n)
{
    for (size_t j = 0; j < k->r->n_join_prefixes; j++) {
        const char *p = k->r->join_prefixes[j];
        size_t pl = strlen(p);
        if (pl < n && memcmp(p, s, pl) == 0) return 1;
    }
    return 0;
}

/* Persian verbs are negated by a prefix: نمی‌فرستم, نفرستادم. */
static void apply_neg_prefix(tk *k, sc_tok *t)
{
    const char *s = k->t->pool + t->noff;
    for (size_t j = 0; j < k->r->n_neg_prefixes; j++) {
        const char *p = k->r->neg_prefixes[j];
        size_t pl = strlen(p);
        if (t->nlen < pl + 4 || memcmp(s, p, pl) != 0) continue;
        const char *rest = s + pl;
        size_t rl = t->nlen - pl;
        int verb = starts_with_join_prefix(k, rest, rl);
        if (k->add && !verb) continue; /* phrases: only the unambiguous نمی */
        uint32_t h = sc_hash(rest, rl);
        uint32_t id = sc_vocab_find(&k->r->vocab, rest, rl, h);
        if (!id && k->add) id = sc_vocab_add(&k->r->vocab, rest, rl);
        if (id && (k->add || (k->r->vocab.words[id].flags & SC_W_CUE))) {
            t->id = id;
            t->noff += (uint32_t)pl;
            t->nlen = (uint32_t)rl;
            t->hash = h;
            t->flags |= TF_NEG_SELF;
        } else if (verb) {
            t->flags |= TF_NEG_SELF;
        }
        return;
    }
}

static int pass_words(tk *k)
{
    sc_text *t = k->t;
    for (size_t i = 0; i < t->ntoks;) {
        size_t n = 1;
        sc_tok *w = &t->toks[i];
        if (w->flags & TF_DIGITS) {
            i++;
            continue;
        }
        uint32_t f = word_flags(k, w->id);
        int rc = SCORE_OK;
        if (f & SC_W_REWRITE)
            rc = apply_rewrite(k, i, &n);
        else if ((w->flags & TF_HAS_APOS) && !(f & SC_W_CUE))
            rc = apply_suffix(k, i, &n);
        else if ((!w->id || !(f & SC_W_CUE)) && k->r->n_neg_prefixes)
            apply_neg_prefix(k, w);
        if (rc) return rc;
        i += n;
    }
    return SCORE_OK;
}

/* ---- pass 3: flags, negation scope, sentences --------------------------- */

static int sent_push(sc_text *t, const sc_sent *s)
{
    if (t->nsents == t->cap_sents) {
        size_t cap = t->cap_sents ? t->cap_sents * 2 : 16;
        sc_sent *p = realloc(t->sents, cap * sizeof *p);
        if (!p) return SCORE_ENOMEM;
        t->sents = p;
        t->cap_sents = cap;
    }
    t->sents[t->nsents++] = *s;
    return SCORE_OK;
}

static int close_sentence(sc_text *t, sc_sent *s, uint32_t last)
{
    if (last == s->first) return SCORE_OK;
    s->last = last;
    s->start = t->toks[s->first].start;
    s->end = t->toks[last - 1].end;
    s->real = s->nfunc > 0 || (last - s->first) <= 2;
    for (size_t j = 0; j < t->nsents; j++)
        if (t->sents[j].hash == s->hash && last - s->first >= 2 &&
            t->sents[j].last - t->sents[j].first == last - s->first)
            s->repeat = 1;
    return sent_push(t, s);
}

static int pass_scope(tk *k)
{
    sc_text *t = k->t;
    int scope = 0;
    sc_sent cur = {0};
    uint32_t sent = t->ntoks ? t->toks[0].sent : 0;
    for (size_t i = 0; i < t->ntoks; i++) {
        sc_tok *w = &t->toks[i];
        uint32_t f = word_flags(k, w->id);
        if (w->sent != sent) {
            if (close_sentence(t, &cur, (uint32_t)i)) return SCORE_ENOMEM;
            memset(&cur, 0, sizeof cur);
            cur.first = (uint32_t)i;
            sent = w->sent;
        }
        w->sent = (uint32_t)t->nsents;
        if (i == cur.first) w->flags |= SC_T_SENT_START;
        if (w->flags & (SC_T_SENT_START | TF_CLAUSE_START) || (f & SC_W_CLAUSE)) scope = 0;
        if (f & SC_W_FUNCTION) { w->flags |= SC_T_FUNCTION; cur.nfunc++; }
        if (f & SC_W_FILLER) w->flags |= SC_T_FILLER;
        if (f & SC_W_NEGATOR) {
            w->flags |= SC_T_NEGATOR;
            scope = NEG_SCOPE;
        } else if (w->flags & TF_NEG_SELF) {
            w->flags |= SC_T_NEG;
            scope = NEG_SCOPE;
        } else if (scope > 0) {
            w->flags |= SC_T_NEG;
            scope--;
        }
        cur.hash = (cur.hash ^ (w->id ? w->id : w->hash)) * 16777619u;
    }
    return close_sentence(t, &cur, (uint32_t)t->ntoks);
}

static int tokenize(score_rubric *r, int add, const char *text, size_t len, sc_text *t)
{
    t->ntoks = t->nsents = t->pool_len = 0;
    t->invalid_bytes = t->questions = 0;
    t->first_invalid = 0;
    tk k = {.r = r, .add = add, .t = t, .s = (const unsigned char *)text, .len = len};
    k.pending_flags = SC_T_SENT_START;
    int rc = pass_chars(&k);
    if (!rc) rc = pass_words(&k);
    if (!rc) rc = pass_scope(&k);
    return rc;
}

int sc_tokenize(const score_rubric *r, const char *text, size_t len, sc_text *t)
{
    /* Reading mode never writes through r: add == 0 keeps the vocabulary
     * untouched, so a loaded rubric stays immutable and thread-safe. */
    return tokenize((score_rubric *)(uintptr_t)r, 0, text, len, t);
}

int sc_tokenize_phrase(score_rubric *r, const char *text, size_t len, sc_text *t)
{
    return tokenize(r, 1, text, len, t);
}

void sc_text_free(sc_text *t)
{
    free(t->toks);
    free(t->sents);
    free(t->pool);
    memset(t, 0, sizeof *t);
}
