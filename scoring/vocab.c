/*
 * vocab.c - the rubric's words, each with an id and flags.
 *
 * Every word that any cue phrase or word list uses gets a small integer id;
 * the matcher then works on ids, not strings. Lookup is open addressing on a
 * power-of-two table with a cheap FNV-1a hash, because it runs once per
 * word of every reply.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* FNV-1a: short words, one pass. It only has to be the same for the rubric
 * and the reply. */
uint32_t sc_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h ? h : 1;
}

int sc_vocab_init(sc_vocab *v)
{
    memset(v, 0, sizeof *v);
    v->cap = 256;
    v->n = 1; /* id 0 = unknown */
    v->words = calloc(v->cap, sizeof *v->words);
    v->nslots = 512;
    v->slots = calloc(v->nslots, sizeof *v->slots);
    v->pool_cap = 4096;
    v->pool = malloc(v->pool_cap);
    return (v->words && v->slots && v->pool) ? SCORE_OK : SCORE_ENOMEM;
}

void sc_vocab_free(sc_vocab *v)
{
    free(v->words);
    free(v->slots);
    free(v->pool);
    memset(v, 0, sizeof *v);
}

uint32_t sc_vocab_find(const sc_vocab *v, const char *s, size_t len, uint32_t h)
{
    uint32_t mask = v->nslots - 1;
    for (uint32_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t id = v->slots[i];
        if (id == 0) return 0;
        const sc_word *w = &v->words[id];
        if (w->hash == h && w->len == len && memcmp(v->pool + w->off, s, len) == 0)
            return id;
    }
}

static int grow_slots(sc_vocab *v)
{
    uint32_t n = v->nslots * 2;
    uint32_t *slots = calloc(n, sizeof *slots);
    if (!slots) return SCORE_ENOMEM;
    for (uint32_t id = 1; id < v->n; id++) {
        uint32_t i = v->words[id].hash & (n - 1);
        while (slots[i]) i = (i + 1) & (n - 1);
        slots[i] = id;
    }
    free(v->slots);
    v->slots = slots;
    v->nslots = n;
    return SCORE_OK;
}

static int reserve(sc_vocab *v, size_t len)
{
    if (v->n + 1 >= v->cap) {
        sc_word *w = realloc(v->words, 2 * v->cap * sizeof *w);
        if (!w) return SCORE_ENOMEM;
        v->words = w;
        v->cap *= 2;
    }
    while (v->pool_len + len + 1 > v->pool_cap) {
        char *p = realloc(v->pool, 2 * v->pool_cap);
        if (!p) return SCORE_ENOMEM;
        v->pool = p;
        v->pool_cap *= 2;
    }
    if ((v->n + 1) * 2 > v->nslots) return grow_slots(v);
    return SCORE_OK;
}

uint32_t sc_vocab_add(sc_vocab *v, const char *s, size_t len)
{
    uint32_t h = sc_hash(s, len);
    uint32_t id = sc_vocab_find(v, s, len, h);
    if (id) return id;
    if (reserve(v, len) != SCORE_OK) return 0;
    id = v->n++;
    sc_word *w = &v->words[id];
    memset(w, 0, sizeof *w);
    w->off = (uint32_t)v->pool_len;
    w->len = (uint32_t)len;
    w->hash = h;
    memcpy(v->pool + v->pool_len, s, len);
    v->pool_len += len;
    v->pool[v->pool_len++] = '\0';
    uint32_t mask = v->nslots - 1, i = h & mask;
    while (v->slots[i]) i = (i + 1) & mask;
    v->slots[i] = id;
    return id;
}

const char *sc_vocab_str(const sc_vocab *v, uint32_t id, size_t *len)
{
    if (id == 0 || id >= v->n) {
        if (len) *len = 0;
        return "";
    }
    if (len) *len = v->words[id].len;
    return v->pool + v->words[id].off;
}
