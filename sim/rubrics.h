/*
 * rubrics.h - the rubrics of one `hamdel score` run, loaded on first use.
 *
 * A run may grade English and Persian replies (batch mode with --lang
 * auto); each language's rubric, with the --rubric house files merged over
 * it, is loaded the first time a reply needs it and kept for the run.
 * A rubric that fails to load ends the program with the library's
 * FILE:LINE:COL message and exit 65 (bad data) or 74 (I/O).
 */
#ifndef HAMDEL_RUBRICS_H
#define HAMDEL_RUBRICS_H

#include <stddef.h>

#include "score.h"

struct rubrics {
    const char *const *house; /* --rubric files, borrowed from argv */
    size_t n_house;
    score_rubric *by_lang[3]; /* indexed by score_lang; AUTO unused */
};

/* Check that every house file can be opened (exit 66 otherwise). */
void rubrics_init(struct rubrics *rs, const char *const *house, size_t n);
/* The rubric for EN or FA (AUTO is treated as EN); never NULL. */
const score_rubric *rubrics_get(struct rubrics *rs, score_lang lang);
void rubrics_free(struct rubrics *rs);

#endif
