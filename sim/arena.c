/*
 * arena.c - the bump allocator of arena.h.
 *
 * Blocks are chained newest first. A request that does not fit the current
 * block starts a new block at least twice as big (or big enough for the
 * request), so a huge line costs O(size) and a run of small lines costs no
 * malloc at all after the first one.
 */
#include "arena.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define ARENA_ALIGN 16
#define ARENA_FIRST (64u * 1024u)
/* A block bigger than this is not kept across resets: one 10 MB line must
 * not pin 10 MB for the rest of the run. */
#define ARENA_KEEP_MAX (4u * 1024u * 1024u)

struct arena_block {
    struct arena_block *next;
    size_t size, used;
    /* Keep data aligned whatever the header size is. */
    _Alignas(ARENA_ALIGN) unsigned char data[];
};

void arena_init(struct arena *a)
{
    a->head = NULL;
    a->used_total = 0;
    a->keep = ARENA_FIRST;
}

static struct arena_block *arena_new_block(size_t size, struct arena_block *next)
{
    struct arena_block *b = util_xmalloc(sizeof *b + size);
    b->next = next;
    b->size = size;
    b->used = 0;
    return b;
}

void *arena_alloc(struct arena *a, size_t n)
{
    n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    struct arena_block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t size = b ? b->size * 2 : a->keep;
        if (size < n)
            size = n;
        b = a->head = arena_new_block(size, b);
    }
    void *p = b->data + b->used;
    b->used += n;
    a->used_total += n;
    return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static void arena_free_chain(struct arena_block *b)
{
    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
}

void arena_reset(struct arena *a)
{
    struct arena_block *b = a->head;
    if (b && !b->next) {
        b->used = 0; /* the common case: one block did it all */
    } else if (b) {
        /* Several blocks were needed: replace them by one block that fits
         * the whole demand next time, within limits. */
        size_t want = a->used_total;
        if (want > ARENA_KEEP_MAX)
            want = ARENA_KEEP_MAX;
        if (want < ARENA_FIRST)
            want = ARENA_FIRST;
        arena_free_chain(b);
        a->keep = want;
        a->head = NULL;
    }
    a->used_total = 0;
}

void arena_free(struct arena *a)
{
    arena_free_chain(a->head);
    arena_init(a);
}
