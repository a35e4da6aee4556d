/*
 * report.h - the human-readable report of `hamdel score` (without --json).
 *
 * A header with the language and overall grade, one bar per dimension and
 * the findings, biggest effect first. All text that came from the user or
 * a rubric goes through term.c, so it is width-aligned and escape-free.
 */
#ifndef HAMDEL_REPORT_H
#define HAMDEL_REPORT_H

#include <stdio.h>

#include "score.h"

struct report_opts {
    int color; /* highlight spans with SGR sequences */
    int ascii; /* '#' bars and ASCII punctuation (--plain) */
};

void report_text(FILE *f, const score_result *res,
                 const struct report_opts *o);

/* One bar line, "  empathy    ███████▌    7.5" (no newline): shared with
 * the simulator's grades and report card (view.c). */
void report_bar(FILE *f, const char *label, double value, int ascii);

#endif
