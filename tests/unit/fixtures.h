/*
 * fixtures.h - the hostile-fixture convention shared by the loaders' tests
 * (test_scn_load.c for scenarios, test_track.c for tracks).
 *
 * A fixture is a YAML file whose header comments say what its loader must
 * report: one `# expect: LINE:COL: part of the message` line per problem,
 * and `# extra: ok` when further problems may follow. Every *.yaml of a
 * folder becomes one cmocka test (fx_add_dir), so adding a case needs no C.
 */
#ifndef HAMDEL_TEST_FIXTURES_H
#define HAMDEL_TEST_FIXTURES_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scn.h"
#include "util.h"

#define FX_MAX_EXPECT 64

typedef struct {
    int line, col;
    char msg[600];
} fx_expect;

/* The whole file, NUL-terminated, or NULL. */
static inline char *fx_slurp(const char *path, size_t *len)
{
    int more, opened;
    return util_read_file(path, (size_t)1 << 24, len, &more, &opened);
}

/* The header's `# expect:` lines; *extra set by `# extra: ok`. */
static inline size_t fx_parse_expect(const char *text, fx_expect *ex, int *extra)
{
    size_t n = 0;
    *extra = 0;
    for (const char *p = text; *p == '#'; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : "") {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        if (strncmp(p, "# extra: ok", 11) == 0)
            *extra = 1;
        if (strncmp(p, "# expect: ", 10) != 0 || n == FX_MAX_EXPECT)
            continue;
        int used = 0;
        if (sscanf(p + 10, "%d:%d: %n", &ex[n].line, &ex[n].col, &used) < 2 || !used)
            continue;
        size_t mlen = len - 10 - (size_t)used;
        if (mlen >= sizeof ex[n].msg)
            mlen = sizeof ex[n].msg - 1;
        memcpy(ex[n].msg, p + 10 + used, mlen);
        ex[n].msg[mlen] = '\0';
        n++;
    }
    return n;
}

static inline void fx_print_diags(const scn_diags *d)
{
    for (size_t i = 0; i < d->n; i++)
        fprintf(stderr, "    got %d:%d: %s\n", d->v[i].line, d->v[i].col, d->v[i].msg);
}

static inline int fx_has_diag(const scn_diags *d, const char *part)
{
    for (size_t i = 0; i < d->n; i++)
        if (strstr(d->v[i].msg, part))
            return 1;
    return 0;
}

/* Does what the loader reported (`d`; `loaded`: it returned a result)
 * match the fixture's header? Every difference is printed; returns 1 when
 * there is one. */
static inline int fx_check(const char *path, const char *text, const scn_diags *d, int loaded)
{
    fx_expect ex[FX_MAX_EXPECT];
    int extra, failed = 0;
    size_t n = fx_parse_expect(text, ex, &extra);
    if (n == 0)
        fprintf(stderr, "%s: no '# expect:' line in the header\n", path), failed = 1;
    char used[512] = {0};
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        while (j < d->n && (used[j % 512] || d->v[j].line != ex[i].line ||
                            d->v[j].col != ex[i].col || !strstr(d->v[j].msg, ex[i].msg)))
            j++;
        if (j == d->n)
            fprintf(stderr, "%s: missing %d:%d: %s\n", path, ex[i].line, ex[i].col,
                    ex[i].msg), failed = 1;
        else
            used[j % 512] = 1;
    }
    if (!extra && d->n != n)
        fprintf(stderr, "%s: %zu problems reported, %zu expected\n", path, d->n, n), failed = 1;
    if (loaded)
        fprintf(stderr, "%s: loaded although it has problems\n", path), failed = 1;
    if (failed)
        fx_print_diags(d);
    return failed;
}

/* One test per *.yaml of `dir` (sorted), running `fn` with the path as
 * its state; returns the new count. */
static inline size_t fx_add_dir(struct CMUnitTest *t, size_t n, size_t max, const char *dir,
                                void (*fn)(void **))
{
    struct dirent **ents;
    int k = scandir(dir, &ents, NULL, alphasort);
    for (int i = 0; i < k; i++) {
        size_t l = strlen(ents[i]->d_name);
        if (n < max && l > 5 && strcmp(ents[i]->d_name + l - 5, ".yaml") == 0) {
            char *path = malloc(strlen(dir) + l + 2);
            sprintf(path, "%s/%s", dir, ents[i]->d_name);
            t[n++] = (struct CMUnitTest){path, fn, NULL, NULL, path};
        }
        free(ents[i]);
    }
    if (k > 0)
        free(ents);
    return n;
}

#endif
