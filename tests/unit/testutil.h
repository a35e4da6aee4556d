/*
 * testutil.h - what every cmocka test of hamdel includes.
 *
 * cmocka needs <stdarg.h>, <stddef.h>, <stdint.h> and <setjmp.h> before its
 * own header; this file gets the order right once, and adds small helpers
 * shared by the unit tests.
 */
#ifndef HAMDEL_TESTUTIL_H
#define HAMDEL_TESTUTIL_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "score.h"

/* The directory holding the test data (tests/), relative to the repo root,
 * which is where `make test` runs. */
#ifndef TEST_DATA_DIR
#define TEST_DATA_DIR "tests"
#endif

#endif

#ifdef TESTUTIL_MINI
#include <stdio.h>
#include <stdlib.h>
#include "internal.h"

/* The fixed mini rubric of tests/data, parsed alone (no built-in under it). */
static score_rubric *tu_mini(score_lang lang)
{
    const char *path = lang == SCORE_LANG_FA ? TEST_DATA_DIR "/data/mini-fa.yaml"
                                             : TEST_DATA_DIR "/data/mini-en.yaml";
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s (run from the repository root)\n", path);
        return NULL;
    }
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    score_error err = {0};
    const char *text = buf;
    score_rubric *r = sc_rubric_from_texts(lang, &path, &text, &n, 1, &err);
    if (!r) fprintf(stderr, "%s:%d:%d: %s\n", err.file, err.line, err.col, err.msg);
    return r;
}
#endif

/* The first finding of a kind (optionally on a dimension; -1 = any). */
static inline const score_finding *tu_find(const score_result *res, const char *kind, int dim)
{
    for (size_t i = 0; i < res->n_findings; i++)
        if (strcmp(res->findings[i].kind, kind) == 0 && (dim < 0 || (int)res->findings[i].dim == dim))
            return &res->findings[i];
    return NULL;
}

static inline int tu_count(const score_result *res, const char *kind)
{
    int n = 0;
    for (size_t i = 0; i < res->n_findings; i++) n += strcmp(res->findings[i].kind, kind) == 0;
    return n;
}

/* Score `reply` with rubric r and context c (NULL = defaults); asserts OK. */
static inline void tu_score(const score_rubric *r, const score_context *c, const char *reply,
                            score_result *res)
{
    assert_non_null(r);
    assert_int_equal(score_reply(r, c, reply, strlen(reply), res), SCORE_OK);
}
