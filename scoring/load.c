/*
 * load.c - the public rubric API: load, merge, query, free.
 *
 * This is the library's only file I/O: reading house-style rubric files a
 * caller names. The built-in rubrics are compiled in (tools/embed.c), so the
 * scorer works from any directory.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_RUBRIC_FILE (8u * 1024u * 1024u)

static int read_file(const char *path, char **out, size_t *len, score_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        sc_set_error(err, SCORE_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
        return SCORE_EIO;
    }
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n == cap) {
            if (cap >= MAX_RUBRIC_FILE) break;
            char *b = realloc(buf, cap * 2);
            if (!b) { free(buf); buf = NULL; break; }
            buf = b;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf) return SCORE_ENOMEM;
    if (bad || n >= MAX_RUBRIC_FILE) {
        free(buf);
        sc_set_error(err, bad ? SCORE_EIO : SCORE_EDATA, path, 0, 0, "%s",
                     bad ? "read error" : "rubric file larger than 8 MiB");
        return bad ? SCORE_EIO : SCORE_EDATA;
    }
    if (memchr(buf, '\0', n)) {
        free(buf);
        sc_set_error(err, SCORE_EDATA, path, 0, 0, "not a text file (contains NUL bytes)");
        return SCORE_EDATA;
    }
    *out = buf;
    *len = n;
    return SCORE_OK;
}

static score_rubric *finish(sc_raw *raw, score_lang lang, score_error *err)
{
    score_rubric *r = calloc(1, sizeof *r);
    if (!r) {
        sc_raw_free(raw);
        return NULL;
    }
    raw->lang = lang;
    int rc = sc_compile(r, raw, err);
    sc_raw_free(raw);
    if (rc) {
        if (rc == SCORE_ENOMEM) sc_set_error(err, SCORE_ENOMEM, "", 0, 0, "out of memory");
        score_rubric_free(r);
        return NULL;
    }
    return r;
}

score_rubric *sc_rubric_from_texts(score_lang lang, const char *const *names,
                                   const char *const *texts, const size_t *lens, size_t n,
                                   score_error *err)
{
    sc_raw raw;
    sc_raw_init(&raw);
    int rc = SCORE_OK;
    for (size_t i = 0; i < n && rc == SCORE_OK; i++) {
        int skipped;
        rc = sc_raw_merge(&raw, names[i], texts[i], lens[i], lang, &skipped, err);
        if (i == 0 && skipped) {
            sc_set_error(err, SCORE_EDATA, names[0], 0, 0, "the base rubric is for another language");
            rc = SCORE_EDATA;
        }
    }
    if (rc) {
        sc_raw_free(&raw);
        return NULL;
    }
    return finish(&raw, lang, err);
}

score_rubric *score_rubric_load_texts(score_lang lang, const char *const *names,
                                      const char *const *texts, const size_t *lens,
                                      size_t n, score_error *err)
{
    const char *bn[SCORE_MAX_HOUSE + 1], *bt[SCORE_MAX_HOUSE + 1];
    size_t bl[SCORE_MAX_HOUSE + 1];
    if (lang != SCORE_LANG_EN && lang != SCORE_LANG_FA) {
        sc_set_error(err, SCORE_EDATA, "", 0, 0, "a rubric is for en or fa");
        return NULL;
    }
    if (n > SCORE_MAX_HOUSE) {
        sc_set_error(err, SCORE_EDATA, "", 0, 0, "at most %d house rubrics", SCORE_MAX_HOUSE);
        return NULL;
    }
    bn[0] = lang == SCORE_LANG_EN ? "scoring/rubric/en.yaml" : "scoring/rubric/fa.yaml";
    bt[0] = lang == SCORE_LANG_EN ? sc_builtin_en : sc_builtin_fa;
    bl[0] = lang == SCORE_LANG_EN ? sc_builtin_en_len : sc_builtin_fa_len;
    for (size_t i = 0; i < n; i++) {
        bn[i + 1] = names[i];
        bt[i + 1] = texts[i];
        bl[i + 1] = lens[i];
    }
    return sc_rubric_from_texts(lang, bn, bt, bl, n + 1, err);
}

score_rubric *score_rubric_load(score_lang lang, const char *const *files, size_t n,
                                score_error *err)
{
    char **texts = calloc(n + 1, sizeof *texts);
    size_t *lens = calloc(n + 1, sizeof *lens);
    score_rubric *r = NULL;
    size_t got = 0;
    if (texts && lens) {
        for (; got < n; got++)
            if (read_file(files[got], &texts[got], &lens[got], err)) break;
        if (got == n)
            r = score_rubric_load_texts(lang, files, (const char *const *)texts, lens, n, err);
    }
    for (size_t i = 0; i < got; i++) free(texts[i]);
    free(texts);
    free(lens);
    return r;
}

void score_rubric_free(score_rubric *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->n_kinds; i++) {
        free(r->kinds[i].name);
        free(r->kinds[i].tip);
    }
    for (size_t i = 0; i < r->n_suffixes; i++) free(r->suffixes[i].from);
    for (size_t i = 0; i < r->n_neg_prefixes; i++) free(r->neg_prefixes[i]);
    for (size_t i = 0; i < r->n_join_prefixes; i++) free(r->join_prefixes[i]);
    free(r->neg_prefixes);
    free(r->join_prefixes);
    free(r->neg_prefix_len);
    free(r->join_prefix_len);
    free(r->suffixes);
    free(r->kinds);
    free(r->cues);
    free(r->cue_words);
    sc_vocab_free(&r->vocab);
    sc_ac_free(&r->ac);
    sc_norm_free(&r->norm);
    free(r);
}

score_lang score_rubric_lang(const score_rubric *r) { return r->lang; }

int score_rubric_has_kind(const score_rubric *r, const char *kind)
{
    for (size_t i = 0; i < r->n_kinds; i++)
        if (strcmp(r->kinds[i].name, kind) == 0) return 1;
    return 0;
}

size_t score_rubric_kinds(const score_rubric *r, const char **out, size_t max)
{
    size_t n = 0;
    for (; n < r->n_kinds && n < max; n++) out[n] = r->kinds[n].name;
    return r->n_kinds;
}

double score_rubric_weight(const score_rubric *r, score_dim d)
{
    return (d >= 0 && d < SCORE_NDIM) ? r->weights[d] : 0;
}
