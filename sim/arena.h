/*
 * arena.h - a bump allocator that is emptied in one go.
 *
 * Batch scoring (`hamdel score --jsonl`) handles one line at a time: the
 * line's context strings, and optionally every jansson object of the line,
 * come from an arena that is reset after the line, so the per-line cost of
 * memory management is a pointer bump instead of many malloc/free calls.
 */
#ifndef HAMDEL_ARENA_H
#define HAMDEL_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
    struct arena_block *head; /* the block being filled; older ones follow */
    size_t used_total;        /* bytes handed out since the last reset */
    size_t keep;              /* size of the block kept across resets */
};

void arena_init(struct arena *a);
/* 16-byte aligned memory valid until arena_reset/arena_free; never NULL. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Forget everything allocated; keeps one block (sized for the usual
 * demand, bounded) so the next round needs no malloc at all. */
void arena_reset(struct arena *a);
void arena_free(struct arena *a);

#endif
