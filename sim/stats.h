/*
 * stats.h - timing of a --jsonl run, for `hamdel score --stats`.
 *
 * Durations are kept per reply in growing arrays and summarised once at
 * the end (median and 99th percentile), so measuring costs two clock reads
 * and an array append per line. Only used when --stats is given.
 */
#ifndef HAMDEL_STATS_H
#define HAMDEL_STATS_H

#include <stddef.h>

struct stats_series {
    double *us; /* durations in microseconds */
    size_t n, cap;
};

struct stats_run {
    struct stats_series score, line;
    size_t replies, errors, bytes;
    double t0; /* stats_now() at the start */
};

/* Monotonic time in seconds. */
double stats_now(void);
void stats_init(struct stats_run *s);
void stats_add(struct stats_series *se, double us);
/* Print the one-line JSON summary on stderr; frees the arrays. */
void stats_report(struct stats_run *s);

#endif
