/*
 * progress.c - draws the batch progress bar (progress.h).
 */
#include "progress.h"
#include "stats.h"

#include <stdio.h>

#define PROGRESS_CELLS 30

void progress_init(struct progress *p, int on, size_t total_bytes)
{
    p->on = on;
    p->total = total_bytes;
    p->last = 0;
    p->drawn = 0;
}

static void progress_draw(struct progress *p, size_t lines, size_t bytes)
{
    if (p->total) {
        double frac = (double)bytes / (double)p->total;
        if (frac > 1)
            frac = 1;
        size_t fill = (size_t)(frac * PROGRESS_CELLS);
        fputs("\r[", stderr);
        for (size_t i = 0; i < PROGRESS_CELLS; i++)
            fputc(i < fill ? '#' : '.', stderr);
        fprintf(stderr, "] %3d%%  %zu replies", (int)(frac * 100), lines);
    } else {
        fprintf(stderr, "\r%zu replies, %.1f MB", lines, (double)bytes / 1e6);
    }
    fflush(stderr);
    p->drawn = 1;
}

void progress_tick(struct progress *p, size_t lines, size_t bytes)
{
    if (!p->on || (lines & 255) != 0)
        return;
    double now = stats_now();
    if (now - p->last < 0.1)
        return;
    p->last = now;
    progress_draw(p, lines, bytes);
}

void progress_done(struct progress *p)
{
    if (p->drawn)
        fputs("\r\033[K", stderr);
    p->drawn = 0;
}
