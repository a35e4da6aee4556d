/*
 * ac.c - Aho-Corasick over word ids: every cue phrase found in one pass.
 *
 * The alphabet is the rubric's vocabulary, so the automaton is a trie of
 * phrases (as id sequences) plus failure links. Edges live in one hash table
 * keyed by (state, word) because states have few children and the alphabet
 * is large. Matching costs one or two hash probes per word of the reply
 * whatever the rubric's size: that is why an inflated rubric barely slows it.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define NONE UINT32_MAX

static uint64_t key(uint32_t state, uint32_t word)
{
    return ((uint64_t)state << 32) | word;
}

static uint32_t slot_of(uint64_t k, uint32_t mask)
{
    uint64_t h = k * 0x9E3779B97F4A7C15ull;
    return (uint32_t)(h >> 32) & mask;
}

static uint32_t edge_get(const sc_ac *a, uint32_t state, uint32_t word)
{
    uint64_t k = key(state, word);
    uint32_t mask = a->nedge_slots - 1;
    for (uint32_t i = slot_of(k, mask);; i = (i + 1) & mask) {
        if (a->edge_key[i] == k) return a->edge_next[i];
        if (a->edge_key[i] == UINT64_MAX) return NONE;
    }
}

static int edge_table(sc_ac *a, uint32_t nslots)
{
    uint64_t *keys = malloc(nslots * sizeof *keys);
    uint32_t *next = malloc(nslots * sizeof *next);
    if (!keys || !next) {
        free(keys);
        free(next);
        return SCORE_ENOMEM;
    }
    memset(keys, 0xFF, nslots * sizeof *keys);
    for (uint32_t i = 0; i < a->nedge_slots; i++) {
        if (a->edge_key[i] == UINT64_MAX) continue;
        uint32_t j = slot_of(a->edge_key[i], nslots - 1);
        while (keys[j] != UINT64_MAX) j = (j + 1) & (nslots - 1);
        keys[j] = a->edge_key[i];
        next[j] = a->edge_next[i];
    }
    free(a->edge_key);
    free(a->edge_next);
    a->edge_key = keys;
    a->edge_next = next;
    a->nedge_slots = nslots;
    return SCORE_OK;
}

static int edge_put(sc_ac *a, uint32_t state, uint32_t word, uint32_t next)
{
    if ((a->nedges + 1) * 2 > a->nedge_slots && edge_table(a, a->nedge_slots * 2))
        return SCORE_ENOMEM;
    uint64_t k = key(state, word);
    uint32_t mask = a->nedge_slots - 1, i = slot_of(k, mask);
    while (a->edge_key[i] != UINT64_MAX) i = (i + 1) & mask;
    a->edge_key[i] = k;
    a->edge_next[i] = next;
    a->nedges++;
    return SCORE_OK;
}

static int grow_states(sc_ac *a)
{
    uint32_t cap = a->cap ? a->cap * 2 : 256;
    uint32_t **arrays[] = {&a->fail, &a->out, &a->dict, &a->first_child,
                           &a->next_sibling, &a->label};
    for (size_t i = 0; i < sizeof arrays / sizeof *arrays; i++) {
        uint32_t *p = realloc(*arrays[i], cap * sizeof *p);
        if (!p) return SCORE_ENOMEM;
        *arrays[i] = p;
    }
    a->cap = cap;
    return SCORE_OK;
}

static uint32_t new_state(sc_ac *a, uint32_t parent, uint32_t word)
{
    if (a->nstates == a->cap && grow_states(a)) return NONE;
    uint32_t s = a->nstates++;
    a->fail[s] = 0;
    a->out[s] = a->dict[s] = a->first_child[s] = NONE;
    a->label[s] = word;
    a->next_sibling[s] = NONE;
    if (parent != NONE) {
        a->next_sibling[s] = a->first_child[parent];
        a->first_child[parent] = s;
    }
    return s;
}

int sc_ac_init(sc_ac *a)
{
    memset(a, 0, sizeof *a);
    a->nedge_slots = 0;
    if (edge_table(a, 1024)) return SCORE_ENOMEM;
    return new_state(a, NONE, 0) == NONE ? SCORE_ENOMEM : SCORE_OK;
}

void sc_ac_free(sc_ac *a)
{
    free(a->edge_key);
    free(a->edge_next);
    free(a->fail);
    free(a->out);
    free(a->dict);
    free(a->first_child);
    free(a->next_sibling);
    free(a->label);
    free(a->cue_next);
    memset(a, 0, sizeof *a);
}

/* Add a phrase; cues must be added in increasing order from 0. */
int sc_ac_add(sc_ac *a, const uint32_t *words, size_t n, uint32_t cue)
{
    uint32_t s = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t next = edge_get(a, s, words[i]);
        if (next == NONE) {
            next = new_state(a, s, words[i]);
            if (next == NONE || edge_put(a, s, words[i], next)) return SCORE_ENOMEM;
        }
        s = next;
    }
    if (sc_grow((void **)&a->cue_next, &a->cap_cues, (size_t)cue + 1, sizeof *a->cue_next))
        return SCORE_ENOMEM;
    a->cue_next[cue] = a->out[s];
    a->out[s] = cue;
    return SCORE_OK;
}

uint32_t sc_ac_step(const sc_ac *a, uint32_t state, uint32_t word)
{
    if (word == 0) return 0; /* unknown word: no phrase goes on */
    for (;;) {
        uint32_t next = edge_get(a, state, word);
        if (next != NONE) return next;
        if (state == 0) return 0;
        state = a->fail[state];
    }
}

/* Breadth-first: a state's failure link is its longest proper suffix that
 * is also a trie path; `dict` skips to the nearest one that ends a phrase. */
int sc_ac_build(sc_ac *a, uint32_t ncues)
{
    (void)ncues;
    uint32_t *queue = malloc(a->nstates * sizeof *queue);
    if (!queue) return SCORE_ENOMEM;
    uint32_t head = 0, tail = 0;
    for (uint32_t c = a->first_child[0]; c != NONE; c = a->next_sibling[c]) {
        a->fail[c] = 0;
        queue[tail++] = c;
    }
    while (head < tail) {
        uint32_t s = queue[head++];
        for (uint32_t c = a->first_child[s]; c != NONE; c = a->next_sibling[c]) {
            uint32_t f = a->fail[s];
            uint32_t t;
            while ((t = edge_get(a, f, a->label[c])) == NONE && f != 0) f = a->fail[f];
            a->fail[c] = (t != NONE && t != c) ? t : 0;
            uint32_t fc = a->fail[c];
            a->dict[c] = a->out[fc] != NONE ? fc : a->dict[fc];
            queue[tail++] = c;
        }
    }
    free(queue);
    return SCORE_OK;
}
