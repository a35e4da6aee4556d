/*
 * report-html.h - the HTML file of `hamdel report --html`: one
 * self-contained page (inline CSS with a print stylesheet, inline SVG
 * charts, no scripts, no links to anything) in the interface's language
 * and direction. Every text that reaches the page goes through rh_esc();
 * user text (names, replies) is also isolated with dir="auto" / <bdi> so
 * Persian reads right to left inside an English page and vice versa.
 *
 *   report-html.c  the page: headline, tables, the hardest turns
 *   report-svg.c   the charts
 */
#ifndef HAMDEL_REPORT_HTML_H
#define HAMDEL_REPORT_HTML_H

#include <stdio.h>

#include "store.h"

/* One trainee on one track (track-status.c), for the Tracks section. */
struct rh_cert {
    const char *trainee;
    char *track, *title; /* owned by the caller */
    size_t passed, steps;
    int certified;
    char *certified_at; /* owned by the caller; NULL unless certified */
    double mean;        /* certified: the mean overall of the steps' best */
};

struct rh_report {
    const char *trainee;  /* NULL: the team */
    const char *since;    /* NULL: all time */
    const char *today;    /* YYYY-MM-DD */
    store_rep_totals tot;
    const store_rep_session *sess;   /* by trainee, then start */
    size_t n_sess;
    const store_rep_session *by_scn; /* team: by scenario; else NULL */
    size_t n_by_scn;
    const store_rep_hard *hard;
    size_t n_hard;
    const char *const *customer; /* per hardest node: what the customer
                                    said, or NULL */
    const char *const *model;    /* per hardest node: the model answer */
    const struct rh_cert *certs; /* by trainee, then track */
    size_t n_certs;
    size_t n_tracks;             /* tracks in the library */
    const store_rep_workshop *workshops; /* team: oldest first */
    size_t n_workshops;
};

/* Write the page; 0, or -1 when a write failed. */
int rh_write(FILE *f, const struct rh_report *r);

/* `s` as HTML text, safe in element content and in quoted attributes. */
void rh_esc(FILE *f, const char *s);

/* ---- charts (report-svg.c) ---- */

/* The four dimensions and the overall grade over `n` sessions, in order. */
void rh_svg_trend(FILE *f, const store_rep_session *v, size_t n);
/* The four-axis profile: one bar per dimension, 0-10. */
void rh_svg_profile(FILE *f, const double dims[SCORE_NDIM]);
/* Box plots of the overall grade per scenario; `v` ordered by scenario,
 * then overall. */
void rh_svg_boxes(FILE *f, const store_rep_session *v, size_t n);
/* A small 0-10 meter. */
void rh_svg_meter(FILE *f, double value);

#endif
