/*
 * compile.c - a merged raw rubric into the structures the matcher runs on.
 *
 * Word lists, rewrite tables and cue phrases are all normalised with the
 * reply pipeline (tokens.c), so a phrase is matched exactly as it reads.
 * Phrases are deduplicated (a later file's phrase replaces an earlier one,
 * and weight 0 removes it), then loaded into the Aho-Corasick automaton.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_CUE_WORDS 32

/* Characters only: no rewrites or prefixes (for table keys). */
static int norm_word(const score_rubric *r, const char *s, char *out, size_t cap, size_t *len)
{
    size_t n = 0, i = 0, slen = strlen(s);
    while (i < slen) {
        uint32_t cp;
        size_t c = sc_utf8_decode((const unsigned char *)s + i, slen - i, &cp);
        if (c == 0) return SCORE_EDATA;
        sc_normchar nc;
        sc_norm_char(&r->norm, cp, &nc);
        const char *o = nc.cls == SC_C_APOS ? "'" : nc.out;
        size_t ol = nc.cls == SC_C_APOS ? 1 : nc.len;
        if (nc.cls == SC_C_SPACE || nc.cls == SC_C_SENT || nc.cls == SC_C_CLAUSE ||
            nc.cls == SC_C_OTHER)
            ol = 0;
        if (n + ol + 1 > cap) return SCORE_EDATA;
        memcpy(out + n, o, ol);
        n += ol;
        i += c;
    }
    out[n] = '\0';
    *len = n;
    return n ? SCORE_OK : SCORE_EDATA;
}

static int add_words(score_rubric *r, const sc_strlist *l, uint32_t flag, score_error *err)
{
    char buf[256];
    size_t n;
    for (size_t i = 0; i < l->n; i++) {
        if (norm_word(r, l->items[i], buf, sizeof buf, &n)) {
            sc_set_error(err, SCORE_EDATA, "rubric", 0, 0, "bad word '%s' in a word list", l->items[i]);
            return SCORE_EDATA;
        }
        uint32_t id = sc_vocab_add(&r->vocab, buf, n);
        if (!id) return SCORE_ENOMEM;
        r->vocab.words[id].flags |= flag;
    }
    return SCORE_OK;
}

static int norm_list(score_rubric *r, const sc_strlist *l, char ***out, size_t **lens,
                     size_t *nout)
{
    *out = calloc(l->n ? l->n : 1, sizeof **out);
    *lens = calloc(l->n ? l->n : 1, sizeof **lens);
    if (!*out || !*lens) return SCORE_ENOMEM;
    char buf[256];
    size_t n;
    for (size_t i = 0; i < l->n; i++) {
        if (norm_word(r, l->items[i], buf, sizeof buf, &n)) continue;
        (*lens)[*nout] = n;
        if (!((*out)[(*nout)++] = strdup(buf))) return SCORE_ENOMEM;
    }
    return SCORE_OK;
}

static int phrase_ids(score_rubric *r, const char *s, sc_text *t, uint32_t *ids, size_t *n)
{
    if (sc_tokenize_phrase(r, s, strlen(s), t)) return SCORE_ENOMEM;
    *n = 0;
    for (size_t i = 0; i < t->ntoks && *n < SC_REWRITE_MAX; i++) ids[(*n)++] = t->toks[i].id;
    return SCORE_OK;
}

static int add_rewrites(score_rubric *r, const sc_raw *raw, sc_text *t, score_error *err)
{
    char buf[256];
    size_t n;
    for (size_t i = 0; i < raw->n_rewrites; i++) {
        const sc_pair *p = &raw->rewrites[i];
        uint32_t ids[SC_REWRITE_MAX] = {0};
        size_t nids;
        if (norm_word(r, p->from, buf, sizeof buf, &n) || phrase_ids(r, p->to, t, ids, &nids) ||
            nids == 0) {
            sc_set_error(err, SCORE_EDATA, "rubric", 0, 0, "bad rewrite '%s' -> '%s'", p->from, p->to);
            return SCORE_EDATA;
        }
        uint32_t id = sc_vocab_add(&r->vocab, buf, n);
        if (!id) return SCORE_ENOMEM;
        memcpy(r->vocab.words[id].rewrite, ids, sizeof ids);
        r->vocab.words[id].flags |= SC_W_REWRITE;
    }
    return SCORE_OK;
}

static int add_suffixes(score_rubric *r, const sc_raw *raw, sc_text *t, score_error *err)
{
    r->suffixes = calloc(raw->n_suffixes + 1, sizeof *r->suffixes);
    if (!r->suffixes) return SCORE_ENOMEM;
    char buf[256];
    size_t n;
    for (size_t i = 0; i < raw->n_suffixes; i++) {
        const sc_pair *p = &raw->suffixes[i];
        uint32_t ids[SC_REWRITE_MAX] = {0};
        size_t nids;
        if (norm_word(r, p->from, buf, sizeof buf, &n) || phrase_ids(r, p->to, t, ids, &nids) ||
            nids != 1) {
            sc_set_error(err, SCORE_EDATA, "rubric", 0, 0,
                         "bad suffix rewrite '%s' -> '%s' (one ending to one word)", p->from, p->to);
            return SCORE_EDATA;
        }
        sc_suffix *x = &r->suffixes[r->n_suffixes++];
        if (!(x->from = strdup(buf))) return SCORE_ENOMEM;
        x->len = n;
        x->to = ids[0];
    }
    return SCORE_OK;
}

static int copy_kinds(score_rubric *r, const sc_raw *raw, score_error *err)
{
    r->kinds = calloc(raw->n_kinds, sizeof *r->kinds);
    if (!r->kinds) return SCORE_ENOMEM;
    for (size_t i = 0; i < raw->n_kinds; i++) {
        const sc_kind *k = &raw->kinds[i];
        int marker = i == SC_K_LEAVING || i == SC_K_SAID_NO || i == SC_K_ABUSE || i == SC_K_REPEATED;
        if (!k->set_tip || !k->set_weight || (!k->set_dim && !marker)) {
            sc_set_error(err, SCORE_EDATA, "rubric", 0, 0,
                         "kind '%s' needs dimension, weight and tip", k->name);
            return SCORE_EDATA;
        }
        r->kinds[i] = *k;
        r->kinds[i].name = strdup(k->name);
        r->kinds[i].tip = strdup(k->tip);
        r->n_kinds++;
        if (!r->kinds[i].name || !r->kinds[i].tip) return SCORE_ENOMEM;
    }
    return SCORE_OK;
}

typedef struct {
    uint64_t *keys;
    size_t mask;
} seen_set;

/* Returns 1 when the key was there already. */
static int seen(seen_set *s, uint64_t k)
{
    for (size_t i = k & s->mask;; i = (i + 1) & s->mask) {
        if (s->keys[i] == k) return 1;
        if (s->keys[i] == 0) {
            s->keys[i] = k;
            return 0;
        }
    }
}

static int cue_words(score_rubric *r, const sc_rawcue *rc, sc_text *t, uint32_t *ids,
                     size_t *n, int *req_neg, score_error *err)
{
    if (sc_tokenize_phrase(r, rc->phrase, strlen(rc->phrase), t)) return SCORE_ENOMEM;
    *n = 0;
    *req_neg = 0;
    for (size_t i = 0; i < t->ntoks; i++) {
        const sc_tok *w = &t->toks[i];
        /* 2: the phrase opens with its negator ("nothing we can do"): the
         * negator stands before the words, never among them ("we can't do") */
        if (w->flags & (SC_T_NEGATOR | SC_T_NEG)) *req_neg = *req_neg ? *req_neg : *n ? 1 : 2;
        if (w->flags & (SC_T_NEGATOR | SC_T_FILLER)) continue;
        if (*n == MAX_CUE_WORDS || (i && w->sent != t->toks[0].sent)) {
            sc_set_error(err, SCORE_EDATA, rc->where, 0, 0,
                         "cue '%s' is longer than one sentence of %d words", rc->phrase, MAX_CUE_WORDS);
            return SCORE_EDATA;
        }
        ids[(*n)++] = w->id;
    }
    if (*n == 0) {
        sc_set_error(err, SCORE_EDATA, rc->where, 0, 0,
                     "cue '%s' has no words besides negators and fillers", rc->phrase);
        return SCORE_EDATA;
    }
    return SCORE_OK;
}

static int add_cues(score_rubric *r, const sc_raw *raw, sc_text *t, score_error *err)
{
    size_t nslots = 64;
    while (nslots < raw->n_cues * 2) nslots *= 2;
    seen_set s = {calloc(nslots, sizeof(uint64_t)), nslots - 1};
    r->cues = calloc(raw->n_cues + 1, sizeof *r->cues);
    r->cue_words = calloc(raw->n_cues * MAX_CUE_WORDS + 1, sizeof *r->cue_words);
    if (!s.keys || !r->cues || !r->cue_words) { free(s.keys); return SCORE_ENOMEM; }
    uint32_t *store = r->cue_words;
    int rc = SCORE_OK;
    for (size_t i = raw->n_cues; i-- > 0 && rc == SCORE_OK;) { /* last wins */
        const sc_rawcue *x = &raw->cues[i];
        size_t n;
        int req;
        if ((rc = cue_words(r, x, t, store, &n, &req, err))) break;
        /* the words first, then the negation flag outside the words' range:
         * mixing it into the seed let "X" and "not X" collide */
        uint64_t key = 1469598103934665603ull;
        for (size_t j = 0; j < n; j++) key = (key ^ store[j]) * 1099511628211ull;
        key = (key ^ (0x100000000ull | (uint64_t)req)) * 1099511628211ull;
        if (seen(&s, key ? key : 1)) continue;
        double w = x->has_weight ? x->weight : r->kinds[x->kind].weight;
        if (x->has_weight && w == 0) continue; /* a house file switched it off */
        sc_cue *c = &r->cues[r->n_cues];
        *c = (sc_cue){.words = store, .n = (uint16_t)n, .require_neg = (uint16_t)req,
                      .kind = (uint32_t)x->kind, .weight = w};
        for (size_t j = 0; j < n; j++) r->vocab.words[store[j]].flags |= SC_W_CUE;
        rc = sc_ac_add(&r->ac, store, n, (uint32_t)r->n_cues);
        r->n_cues++;
        store += n;
    }
    free(s.keys);
    return rc ? rc : sc_ac_build(&r->ac, (uint32_t)r->n_cues);
}

static const uint32_t wordlist_flags[SC_WL_N] = {
    SC_W_NEGATOR, SC_W_FUNCTION, SC_W_CLAUSE, SC_W_FILLER,
    SC_W_JOIN_PREFIX, SC_W_JOIN_SUFFIX, 0, SC_W_CONDITIONAL, SC_W_COPULA, SC_W_FIRST_PERSON,
    SC_W_OBJ_NEGATOR, SC_W_AUX, SC_W_VOCATIVE, SC_W_TITLE, SC_W_OPENER,
    SC_W_CERTAINTY, SC_W_STATIVE, SC_W_CONTRAST, SC_W_CAUSE, SC_W_CAUSE_NOUN,
    SC_W_SOURCE, SC_W_QUESTION, SC_W_PREDICATE};

int sc_compile(score_rubric *r, sc_raw *raw, score_error *err)
{
    r->lang = raw->lang;
    memcpy(r->weights, raw->weights, sizeof r->weights);
    r->overall_power = raw->overall_power;
    if (sc_norm_init(&r->norm) || sc_vocab_init(&r->vocab) || sc_ac_init(&r->ac))
        return SCORE_ENOMEM;
    int rc = copy_kinds(r, raw, err);
    if (rc) return rc;
    r->number_id = sc_vocab_add(&r->vocab, "#", 1);
    if (!r->number_id) return SCORE_ENOMEM;
    r->vocab.words[r->number_id].flags |= SC_W_NUMBER;
    for (int w = 0; w < SC_WL_N && !rc; w++)
        if (wordlist_flags[w]) rc = add_words(r, &raw->words[w], wordlist_flags[w], err);
    if (!rc) rc = norm_list(r, &raw->words[SC_WL_NEG_PREFIX], &r->neg_prefixes, &r->neg_prefix_len,
                            &r->n_neg_prefixes);
    if (!rc) rc = norm_list(r, &raw->words[SC_WL_JOIN_PREFIX], &r->join_prefixes, &r->join_prefix_len,
                            &r->n_join_prefixes);
    r->has_joins = raw->words[SC_WL_JOIN_PREFIX].n + raw->words[SC_WL_JOIN_SUFFIX].n > 0;
    sc_text t = {0};
    if (!rc) rc = add_rewrites(r, raw, &t, err);
    if (!rc) rc = add_suffixes(r, raw, &t, err);
    if (!rc) rc = add_cues(r, raw, &t, err);
    sc_text_free(&t);
    return rc;
}
