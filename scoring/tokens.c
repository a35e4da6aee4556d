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

enum { TF_CLAUSE_START = SC_T_CLAUSE_START, TF_HAS_APOS = 1u << 17,
       TF_DIGITS = 1u << 18, TF_GAP = 1u << 20,
       TF_VERB = SC_T_VERB /* Persian می/نمی verb: carries its subject */ };

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
    size_t expand;          /* words pass 2 may split: 0 lets it work in place */
} tk;

static int pool_grow(sc_text *t, size_t n)
{
    {
        size_t cap = t->pool_cap ? t->pool_cap : 1024;
        while (cap < t->pool_len + n) cap *= 2;
        char *p = realloc(t->pool, cap);
        if (!p) return SCORE_ENOMEM;
        t->pool = p;
        t->pool_cap = cap;
    }
    return SCORE_OK;
}

static inline int pool_put(sc_text *t, const char *s, size_t n)
{
    if (t->pool_len + n > t->pool_cap && pool_grow(t, n)) return SCORE_ENOMEM;
    char *o = t->pool + t->pool_len;
    if (n <= 4) /* one normalised character: no call to memcpy */
        for (size_t i = 0; i < n; i++) o[i] = s[i];
    else
        memcpy(o, s, n);
    t->pool_len += n;
    return SCORE_OK;
}

static sc_tok *tok_push(sc_text *t)
{
    if (sc_grow((void **)&t->toks, &t->cap_toks, t->ntoks + 1, sizeof *t->toks)) return NULL;
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
    if (pf & SC_W_JOIN_PREFIX) prev->flags |= TF_VERB;
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
    if (!k->wdigit && k->r->has_joins) try_join(k, w);
    if (w->flags & TF_HAS_APOS || (word_flags(k, w->id) & SC_W_REWRITE)) k->expand++;
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
        if (cp == ';' || cp == 0x061B) k->pending_flags |= SC_T_SEMI;
    } else if (cls == SC_C_OTHER || cls == SC_C_APOS) {
        k->pending_flags |= TF_GAP;
    }
    return SCORE_OK;
}

/* The common case, in a tight loop: more ASCII letters (or digits) of the
 * word being cut. Returns where the run ends, SIZE_MAX without memory. */
static size_t ascii_run(tk *k, size_t i, uint8_t cls)
{
    sc_text *t = k->t;
    const sc_norm *norm = &k->r->norm;
    if (t->pool_len + (k->len - i) > t->pool_cap && pool_grow(t, k->len - i)) return SIZE_MAX;
    char *out = t->pool + t->pool_len;
    size_t j = i;
    while (j < k->len) {
        unsigned char c = k->s[j];
        if (c >= 0x80 || norm->acls[c] != cls) break;
        *out++ = norm->alow[c];
        j++;
    }
    t->pool_len = (size_t)(out - t->pool);
    k->wend = (uint32_t)j;
    return j;
}

/* Each step reads one character (or a run) at s[i] and returns where the
 * next starts, SIZE_MAX when out of memory. */
static size_t step_ascii(tk *k, size_t i)
{
    unsigned char b = k->s[i];
    if (b == '.' && dot_is_inside(k, i)) {
        k->pending_flags |= TF_GAP;
        return finish_word(k) ? SIZE_MAX : i + 1;
    }
    uint8_t cls = k->r->norm.acls[b];
    if ((cls == SC_C_WORD || cls == SC_C_DIGIT) && k->in_word && k->wdigit == (cls == SC_C_DIGIT))
        return ascii_run(k, i, cls);
    if (cls == SC_C_SPACE) /* the most common separator, without the general path */
        return k->in_word && finish_word(k) ? SIZE_MAX : i + 1;
    return on_char(k, i, 1, &k->r->norm.tab[b], b) ? SIZE_MAX : i + 1;
}

/* Two-byte characters (Persian, accented Latin) are decoded inline. */
static size_t step_two_bytes(tk *k, size_t i)
{
    uint32_t cp = ((uint32_t)(k->s[i] & 0x1F) << 6) | (k->s[i + 1] & 0x3F);
    const sc_normchar *e = &k->r->norm.tab[cp];
    if (e->cls == SC_C_WORD && k->in_word && !k->wdigit) {
        if (pool_put(k->t, e->out, e->len)) return SIZE_MAX;
        k->wend = (uint32_t)(i + 2);
        return i + 2;
    }
    return on_char(k, i, 2, e, cp) ? SIZE_MAX : i + 2;
}

static size_t step_other(tk *k, size_t i)
{
    uint32_t cp;
    size_t clen = sc_utf8_decode(k->s + i, k->len - i, &cp);
    if (clen == 0) { /* an invalid byte: a separator, counted */
        if (!k->t->invalid_bytes) k->t->first_invalid = (uint32_t)i;
        k->t->invalid_bytes++;
        k->pending_flags |= TF_GAP;
        return finish_word(k) ? SIZE_MAX : i + 1;
    }
    sc_normchar nc;
    sc_norm_char(&k->r->norm, cp, &nc);
    return on_char(k, i, clen, &nc, cp) ? SIZE_MAX : i + clen;
}

static int pass_chars(tk *k)
{
    size_t i = 0;
    while (i < k->len) {
        unsigned char b = k->s[i];
        if (b < 0x80)
            i = step_ascii(k, i);
        else if (b >= 0xC2 && b < 0xE0 && i + 1 < k->len && (k->s[i + 1] & 0xC0) == 0x80)
            i = step_two_bytes(k, i);
        else
            i = step_other(k, i);
        if (i == SIZE_MAX) return SCORE_ENOMEM;
    }
    return finish_word(k);
}

/* ---- pass 2: rewrites and negative prefixes ----------------------------- */

/* Pass 2 writes its words into `out`, a second array, so that splitting a
 * word in two stays linear. */
typedef struct {
    sc_tok *v;
    size_t n, cap;
} tokbuf;

static sc_tok *out_push(tokbuf *o, const sc_tok *proto)
{
    if (sc_grow((void **)&o->v, &o->cap, o->n + 1, sizeof *o->v)) return NULL;
    o->v[o->n] = *proto;
    return &o->v[o->n++];
}

/* A word of the vocabulary as the token after `proto`. */
static int push_word(tk *k, tokbuf *o, const sc_tok *proto, uint32_t id, int first)
{
    sc_tok *n = out_push(o, proto);
    if (!n) return SCORE_ENOMEM;
    if (!first) n->flags &= ~(uint32_t)(SC_T_SENT_START | TF_CLAUSE_START | SC_T_SEMI);
    size_t len;
    const char *s = sc_vocab_str(&k->r->vocab, id, &len);
    n->id = id;
    n->noff = (uint32_t)k->t->pool_len;
    n->nlen = (uint32_t)len;
    n->hash = sc_hash(s, len);
    return pool_put(k->t, s, len);
}

static int apply_rewrite(tk *k, const sc_tok *w, tokbuf *o)
{
    const uint32_t *rw = k->r->vocab.words[w->id].rewrite;
    for (int j = 0; j < SC_REWRITE_MAX && rw[j]; j++)
        if (push_word(k, o, w, rw[j], j == 0)) return SCORE_ENOMEM;
    return SCORE_OK;
}

/* "couldn't" → could + not; "ross's" → ross. */
static int apply_suffix(tk *k, sc_tok w, tokbuf *o)
{
    const char *s = k->t->pool + w.noff;
    for (size_t j = 0; j < k->r->n_suffixes; j++) {
        const sc_suffix *x = &k->r->suffixes[j];
        if (w.nlen <= x->len || memcmp(s + w.nlen - x->len, x->from, x->len)) continue;
        w.nlen -= (uint32_t)x->len;
        w.id = lookup(k, s, w.nlen, &w.hash);
        if (!out_push(o, &w)) return SCORE_ENOMEM;
        return push_word(k, o, &w, x->to, 0);
    }
    if (w.nlen > 2 && memcmp(s + w.nlen - 2, "'s", 2) == 0) {
        w.nlen -= 2;
        w.id = lookup(k, s, w.nlen, &w.hash);
    }
    return out_push(o, &w) ? SCORE_OK : SCORE_ENOMEM;
}

static int starts_with_join_prefix(const tk *k, const char *s, size_t n)
{
    for (size_t j = 0; j < k->r->n_join_prefixes; j++) {
        const char *p = k->r->join_prefixes[j];
        size_t pl = k->r->join_prefix_len[j];
        if (pl < n && p[0] == s[0] && memcmp(p, s, pl) == 0) return 1;
    }
    return 0;
}

/* Persian verbs are negated by a prefix: نمی‌فرستم, نفرستادم. */
static void apply_neg_prefix(tk *k, sc_tok *t)
{
    const char *s = k->t->pool + t->noff;
    for (size_t j = 0; j < k->r->n_neg_prefixes; j++) {
        const char *p = k->r->neg_prefixes[j];
        size_t pl = k->r->neg_prefix_len[j];
        if (t->nlen < pl + 4 || p[0] != s[0] || memcmp(s, p, pl) != 0) continue;
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
            t->flags |= SC_T_NEG_SELF;
        } else if (verb) {
            t->flags |= SC_T_NEG_SELF;
        }
        if (verb) t->flags |= TF_VERB;
        return;
    }
}

static int resolve_word(tk *k, sc_tok w, tokbuf *o)
{
    if (w.flags & TF_DIGITS) return out_push(o, &w) ? SCORE_OK : SCORE_ENOMEM;
    uint32_t f = word_flags(k, w.id);
    if (f & SC_W_REWRITE) return apply_rewrite(k, &w, o);
    if ((w.flags & TF_HAS_APOS) && !(f & SC_W_CUE)) return apply_suffix(k, w, o);
    if (k->r->n_join_prefixes && starts_with_join_prefix(k, k->t->pool + w.noff, w.nlen))
        w.flags |= TF_VERB;
    if ((!w.id || !(f & SC_W_CUE)) && k->r->n_neg_prefixes) apply_neg_prefix(k, &w);
    return out_push(o, &w) ? SCORE_OK : SCORE_ENOMEM;
}

/* Nothing to split: resolve every word where it stands. */
static void pass_words_in_place(tk *k)
{
    sc_text *t = k->t;
    int persian = k->r->n_join_prefixes || k->r->n_neg_prefixes;
    for (size_t i = 0; i < t->ntoks; i++) {
        sc_tok *w = &t->toks[i];
        if ((w->flags & TF_DIGITS) || !persian) continue;
        uint32_t f = word_flags(k, w->id);
        if (k->r->n_join_prefixes && starts_with_join_prefix(k, t->pool + w->noff, w->nlen))
            w->flags |= TF_VERB;
        if ((!w->id || !(f & SC_W_CUE)) && k->r->n_neg_prefixes) apply_neg_prefix(k, w);
    }
}

static int pass_words(tk *k)
{
    sc_text *t = k->t;
    if (k->expand == 0 && !k->add) {
        pass_words_in_place(k);
        return SCORE_OK;
    }
    tokbuf o = {t->toks2, 0, t->cap_toks2};
    int rc = SCORE_OK;
    for (size_t i = 0; i < t->ntoks && rc == SCORE_OK; i++) rc = resolve_word(k, t->toks[i], &o);
    /* swap the arrays: the old one is reused next time */
    t->toks2 = t->toks;
    t->cap_toks2 = t->cap_toks;
    t->toks = o.v;
    t->cap_toks = o.cap;
    t->ntoks = o.n;
    return rc;
}

/* ---- pass 3: flags, negation scope, sentences --------------------------- */

static int sent_push(sc_text *t, const sc_sent *s)
{
    if (sc_grow((void **)&t->sents, &t->cap_sents, t->nsents + 1, sizeof *t->sents))
        return SCORE_ENOMEM;
    t->sents[t->nsents++] = *s;
    return SCORE_OK;
}

/* Has a sentence with the same words come before? An open-addressing set
 * of (hash, length) keys keeps this linear. */
static int seen_before(sc_text *t, uint64_t key)
{
    if ((t->nsents + 1) * 2 > t->nseen) {
        size_t n = t->nseen ? t->nseen * 2 : 64;
        while (n < (t->nsents + 1) * 2) n *= 2;
        uint64_t *keys = calloc(n, sizeof *keys);
        if (!keys) return 0;
        for (size_t i = 0; i < t->nseen; i++) {
            if (!t->seen[i]) continue;
            size_t j = (t->seen[i] * 0x9E3779B97F4A7C15ull >> 20) & (n - 1);
            while (keys[j]) j = (j + 1) & (n - 1);
            keys[j] = t->seen[i];
        }
        free(t->seen);
        t->seen = keys;
        t->nseen = n;
    }
    size_t mask = t->nseen - 1;
    for (size_t j = (key * 0x9E3779B97F4A7C15ull >> 20) & mask;; j = (j + 1) & mask) {
        if (t->seen[j] == key) return 1;
        if (!t->seen[j]) {
            t->seen[j] = key;
            return 0;
        }
    }
}

static int close_sentence(sc_text *t, sc_sent *s, uint32_t last)
{
    if (last == s->first) return SCORE_OK;
    s->last = last;
    s->start = t->toks[s->first].start;
    s->end = t->toks[last - 1].end;
    s->real = s->nfunc > 0 || (last - s->first) <= 2;
    s->repeat = seen_before(t, sc_sent_key(s)) && last - s->first >= 2;
    return sent_push(t, s);
}

/* A predicate word («متاسفم», «شرمنده‌ایم»: an adjective with a personal
 * ending) is its clause's verb when it ends a clause of two words or more:
 * «خیلی متاسفم، واقعاً شرمنده‌ایم» is a sentence, while in the salad
 * «متاسفم درک می‌کنم بازپرداخت امروز» or a list of one-word clauses it is
 * just another cue word. Only the first in a sentence counts (pass_scope),
 * so that a list of feelings («خیلی متاسفم، خیلی شرمنده‌ایم، خیلی ناراحتم،
 * خیلی ممنونم») is still one. Called before toks[i] has its sentence
 * renumbered, so toks[i + 1].sent is still comparable with toks[i].sent. */
static int predicate_verb(const sc_text *t, size_t i, size_t clause_first)
{
    if (i == clause_first) return 0;
    if (i + 1 == t->ntoks) return 1;
    const sc_tok *n = &t->toks[i + 1];
    return n->sent != t->toks[i].sent || (n->flags & (TF_CLAUSE_START | SC_T_SENT_START));
}

static int pass_scope(tk *k)
{
    sc_text *t = k->t;
    int scope = 0;
    sc_sent cur = {0};
    size_t clause_first = 0;
    int predicate_seen = 0; /* one predicate verb a sentence counts */
    uint32_t sent = t->ntoks ? t->toks[0].sent : 0;
    for (size_t i = 0; i < t->ntoks; i++) {
        sc_tok *w = &t->toks[i];
        uint32_t f = word_flags(k, w->id);
        if (w->sent != sent) {
            if (close_sentence(t, &cur, (uint32_t)i)) return SCORE_ENOMEM;
            memset(&cur, 0, sizeof cur);
            cur.first = (uint32_t)i;
            sent = w->sent;
            predicate_seen = 0;
        }
        if (i == cur.first || (w->flags & TF_CLAUSE_START)) clause_first = i;
        if ((f & SC_W_PREDICATE) && !predicate_seen && predicate_verb(t, i, clause_first)) {
            f |= SC_W_FUNCTION;
            predicate_seen = 1;
        }
        w->sent = (uint32_t)t->nsents;
        if (i == cur.first) w->flags |= SC_T_SENT_START;
        /* A Persian verb closes the clause before it: in «نمی‌دونم ساعت ۴ خبر
         * می‌دم» the first verb's negation does not reach the second. */
        if (f & SC_W_CLAUSE) w->flags |= TF_CLAUSE_START; /* facts.c looks for it */
        if (w->flags & (SC_T_SENT_START | TF_CLAUSE_START | TF_VERB)) scope = 0;
        if ((f & SC_W_FUNCTION) || (w->flags & TF_VERB)) { w->flags |= SC_T_FUNCTION; cur.nfunc++; }
        if (f & SC_W_FILLER) w->flags |= SC_T_FILLER;
        if (f & SC_W_NEGATOR) {
            w->flags |= SC_T_NEGATOR;
            scope = NEG_SCOPE;
        } else if (w->flags & SC_T_NEG_SELF) {
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
    if (t->nseen > 1024) { /* after a huge reply, don't clear megabytes each time */
        free(t->seen);
        t->seen = NULL;
        t->nseen = 0;
    } else if (t->seen) {
        memset(t->seen, 0, t->nseen * sizeof *t->seen);
    }
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
    free(t->toks2);
    free(t->seen);
    free(t->sents);
    free(t->pool);
    memset(t, 0, sizeof *t);
}
