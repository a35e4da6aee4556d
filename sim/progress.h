/*
 * progress.h - the progress bar of `hamdel score --jsonl` on stderr.
 *
 * Shown only when stderr is a terminal and --quiet is not given; redrawn at
 * most ten times a second so it never costs throughput. With a regular
 * input file the bar shows the percentage of bytes read; with a pipe it
 * shows counts only.
 */
#ifndef HAMDEL_PROGRESS_H
#define HAMDEL_PROGRESS_H

#include <stddef.h>

struct progress {
    int on;
    size_t total; /* input size in bytes, 0 when unknown */
    double last;  /* when we last drew */
    int drawn;
};

void progress_init(struct progress *p, int on, size_t total_bytes);
/* Cheap enough to call per line: it looks at the clock every 256 calls. */
void progress_tick(struct progress *p, size_t lines, size_t bytes);
/* Erase the bar. */
void progress_done(struct progress *p);

#endif
