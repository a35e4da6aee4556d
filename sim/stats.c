/*
 * stats.c - the --stats summary line (stats.h).
 *
 * Output (one line on stderr, keys documented in docs/cli.md):
 *   {"replies":N,"errors":E,"bytes":B,"seconds":S,"replies_per_s":..,
 *    "mb_per_s":..,"score_p50_us":..,"score_p99_us":..,"line_p50_us":..,
 *    "line_p99_us":..,"maxrss_kb":..}
 */
#include "stats.h"
#include "json-out.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

double stats_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void stats_init(struct stats_run *s)
{
    *s = (struct stats_run){0};
    s->t0 = stats_now();
}

void stats_add(struct stats_series *se, double us)
{
    if (se->n == se->cap) {
        se->cap = se->cap ? se->cap * 2 : 4096;
        se->us = util_xrealloc(se->us, se->cap * sizeof *se->us);
    }
    se->us[se->n++] = us;
}

static int stats_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Nearest-rank percentile p (0..100) of a sorted series; 0 if empty. */
static double stats_pct(const struct stats_series *se, double p)
{
    if (!se->n)
        return 0;
    size_t rank = (size_t)(p / 100.0 * (double)se->n + 0.999999);
    if (rank < 1)
        rank = 1;
    if (rank > se->n)
        rank = se->n;
    return se->us[rank - 1];
}

static void stats_put(json_t *o, const char *k, struct stats_series *se)
{
    char key[32];
    qsort(se->us, se->n, sizeof *se->us, stats_cmp);
    snprintf(key, sizeof key, "%s_p50_us", k);
    json_object_set_new(o, key, jsonout_real(stats_pct(se, 50), 2));
    snprintf(key, sizeof key, "%s_p99_us", k);
    json_object_set_new(o, key, jsonout_real(stats_pct(se, 99), 2));
    free(se->us);
    *se = (struct stats_series){0};
}

void stats_report(struct stats_run *s)
{
    double secs = stats_now() - s->t0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    json_t *o = json_object();
    json_object_set_new(o, "replies", json_integer((json_int_t)s->replies));
    json_object_set_new(o, "errors", json_integer((json_int_t)s->errors));
    json_object_set_new(o, "bytes", json_integer((json_int_t)s->bytes));
    json_object_set_new(o, "seconds", jsonout_real(secs, 4));
    double rate = secs > 0 ? (double)s->replies / secs : 0;
    json_object_set_new(o, "replies_per_s", json_integer((json_int_t)rate));
    json_object_set_new(o, "mb_per_s",
                        jsonout_real(secs > 0 ? (double)s->bytes / 1e6 / secs
                                              : 0, 2));
    stats_put(o, "score", &s->score);
    stats_put(o, "line", &s->line);
    json_object_set_new(o, "maxrss_kb", json_integer(ru.ru_maxrss));
    /* A fixed buffer: the dump must not depend on who allocates for
     * jansson (batch mode may route its allocations to an arena). */
    char text[1024];
    size_t n = json_dumpb(o, text, sizeof text - 1, JSONOUT_FLAGS);
    if (n > 0 && n < sizeof text) {
        text[n] = '\0';
        fprintf(stderr, "%s\n", text);
    }
    json_decref(o);
}
