/*
 * scn-lib.c - the scenario library: every scenario file of some files and
 * folders, with ids unique across files.
 *
 * `hamdel lint`, `list`, `graph` and `play` find scenarios here. A folder
 * contributes its *.yaml and *.yml files (sorted, hidden files skipped, no
 * subfolders: test plans or drafts can live beside the library). A file
 * that fails to load is reported and left out; the valid ones are kept, so
 * one broken file never hides the rest of the library.
 */
#include "scn.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h" /* HAMDEL_DATADIR, from the Makefile's PREFIX */

const char *scn_library_default_dir(void)
{
    struct stat st;
    const char *env = getenv("HAMDEL_SCENARIOS");
    if (env && *env)
        return env;
    if (stat("scenarios", &st) == 0 && S_ISDIR(st.st_mode))
        return "scenarios";
    return HAMDEL_DATADIR "/scenarios";
}

static void lib_push(scn_strings *out, char *s)
{
    /* Grow by doubling: the count is a power of two exactly when full. */
    if ((out->n & (out->n - 1)) == 0)
        out->v = util_xrealloc(out->v, (out->n ? out->n * 2 : 1) * sizeof *out->v);
    out->v[out->n++] = s;
}

static int lib_is_yaml(const char *name)
{
    size_t n = strlen(name);
    if (name[0] == '.')
        return 0;
    return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
           (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static int lib_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The scenario files directly in folder `dir`, sorted; -1 on error. */
static int lib_folder(const char *dir, scn_strings *out, scn_diags *d)
{
    DIR *dp = opendir(dir);
    if (!dp) {
        scn_diags_add(d, dir, 0, 0, "cannot open the folder: %s", strerror(errno));
        return -1;
    }
    size_t first = out->n, dl = strlen(dir);
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        struct stat st;
        if (!lib_is_yaml(e->d_name))
            continue;
        char *path = util_xmalloc(dl + strlen(e->d_name) + 2);
        sprintf(path, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", e->d_name);
        if (out->n - first >= SCN_MAX_LIBRARY) {
            /* a folder of thousands of files is not a scenario library:
             * stop reading it rather than load them all */
            scn_diags_add(d, dir, 0, 0, "more than %d scenario files; only "
                          "the first %d read are loaded", SCN_MAX_LIBRARY,
                          SCN_MAX_LIBRARY);
            free(path);
            break;
        }
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
            lib_push(out, path);
        else
            free(path);
    }
    closedir(dp);
    if (out->n > first)
        qsort(out->v + first, out->n - first, sizeof *out->v, lib_cmp);
    return 0;
}

size_t scn_library_files(const char *const *paths, size_t n, scn_strings *out,
                         scn_diags *d)
{
    size_t failed = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0) {
            scn_diags_add(d, paths[i], 0, 0, "cannot open: %s", strerror(errno));
            failed++;
        } else if (S_ISDIR(st.st_mode)) {
            failed += lib_folder(paths[i], out, d) != 0;
        } else {
            lib_push(out, util_xstrdup(paths[i]));
        }
    }
    return failed;
}

const scn_scenario *scn_library_find(const scn_library *lib, const char *id)
{
    for (size_t i = 0; i < lib->n; i++)
        if (lib->v[i]->id && strcmp(lib->v[i]->id, id) == 0)
            return lib->v[i];
    return NULL;
}

size_t scn_library_load(const char *const *paths, size_t n, const scn_opts *o,
                        scn_library *lib, scn_diags *d)
{
    scn_strings files = {0};
    size_t bad = scn_library_files(paths, n, &files, d);
    lib->v = util_xrealloc(lib->v, (lib->n + files.n + 1) * sizeof *lib->v);
    for (size_t i = 0; i < files.n; i++) {
        scn_scenario *s = scn_load_file(files.v[i], o, d);
        const scn_scenario *same = s ? scn_library_find(lib, s->id) : NULL;
        if (same) {
            scn_diags_add(d, s->path, s->id_line, s->id_col, "duplicate scenario "
                          "id '%s': %s has it too", s->id, same->path);
            scn_free(s);
            s = NULL;
        }
        if (s)
            lib->v[lib->n++] = s;
        else
            bad++;
    }
    scn_strings_free(&files);
    return bad;
}

void scn_library_free(scn_library *lib)
{
    for (size_t i = 0; i < lib->n; i++)
        scn_free(lib->v[i]);
    free(lib->v);
    lib->v = NULL;
    lib->n = 0;
}
