/*
 * scn-pick.c - finding the scenario a command names (scn-pick.h).
 */
#include "scn-pick.h"
#include "i18n.h"
#include "rubrics.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int scnp_kind_ok(const char *kind, void *ud)
{
    struct rubrics *rs = ud;
    return score_rubric_has_kind(rubrics_get(rs, SCORE_LANG_EN), kind) ||
           score_rubric_has_kind(rubrics_get(rs, SCORE_LANG_FA), kind);
}

void scnp_print_diags(const scn_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        const scn_diag *g = &d->v[i];
        /* util_warn: the file name and the message may quote anything */
        if (g->line > 0)
            util_warn("%s:%d:%d: %s", g->file, g->line, g->col > 0 ? g->col : 1, g->msg);
        else
            util_warn("%s: %s", g->file, g->msg);
    }
}

/* An argument is a file when it looks like a path or names an existing
 * file; otherwise it is a library id. */
static int scnp_is_path(const char *what)
{
    struct stat st;
    size_t n = strlen(what);
    if (strchr(what, '/') || (n > 5 && strcmp(what + n - 5, ".yaml") == 0) ||
        (n > 4 && strcmp(what + n - 4, ".yml") == 0))
        return 1;
    return stat(what, &st) == 0 && S_ISREG(st.st_mode);
}

static int scnp_load_file(struct scnp_src *src, const char *path,
                          const scn_opts *so, const scn_scenario **out)
{
    scn_diags d = {0};
    int fd = util_open_input(path); /* missing, unreadable or a folder: 66 */
    if (fd < 0) {
        util_warn(_("cannot open scenario %s: %s"), path, strerror(errno));
        return UTIL_EX_NOINPUT;
    }
    close(fd);
    scn_scenario *s = scn_load_file(path, so, &d);
    if (!s && d.n == 0)
        scn_diags_add(&d, path, 0, 0, _("cannot load this scenario"));
    scnp_print_diags(&d);
    scn_diags_free(&d);
    if (!s)
        return UTIL_EX_DATAERR;
    src->own = util_xrealloc(src->own, (src->n_own + 1) * sizeof *src->own);
    src->own[src->n_own++] = s;
    *out = s;
    return 0;
}

/* "did you mean": ids within a few edits, or containing the word. */
static void scnp_close_ids(const scn_library *lib, const char *id)
{
    size_t shown = 0;
    for (size_t i = 0; i < lib->n; i++) {
        const char *c = lib->v[i]->id;
        if (util_distance(id, c) > 3 && !strstr(c, id))
            continue;
        fprintf(stderr, "%s%s", shown++ ? ", " : _("hamdel: did you mean: "), c);
    }
    if (shown)
        fputc('\n', stderr);
    else if (lib->n)
        fputs(_("hamdel: run 'hamdel list' to see the scenarios\n"), stderr);
}

/* An id that is not in the library but names something here that is not
 * a readable file (a folder, a dangling link, a link loop): say why it was
 * not taken as the file the user probably meant. */
static void scnp_here_note(const char *id)
{
    struct stat st;
    if (lstat(id, &st) != 0)
        return;
    int fd = util_open_input(id);
    if (fd >= 0) {
        close(fd);
        return;
    }
    util_warn(_("note: ./%s is here but cannot be opened as a scenario: %s"),
              id, strerror(errno));
}

static int scnp_load_id(struct scnp_src *src, const char *id,
                        const scn_opts *so, const scn_scenario **out)
{
    const char *dir = scn_library_default_dir();
    scn_diags d = {0};
    size_t bad = 0;
    if (!src->lib_loaded) {
        bad = scn_library_load(&dir, 1, so, &src->lib, &d);
        src->lib_loaded = 1;
    }
    *out = scn_library_find(&src->lib, id);
    if (!*out) {
        scnp_print_diags(&d);
        util_warn(_("no scenario '%s' in %s"), id, dir);
        scnp_here_note(id);
        scnp_close_ids(&src->lib, id);
    } else if (bad) {
        util_warn("note: %zu other file(s) of the library have errors "
                  "(see 'hamdel lint')", bad);
    }
    scn_diags_free(&d);
    return *out ? 0 : UTIL_EX_NOINPUT;
}

int scnp_load(struct scnp_src *src, const char *what, const scn_opts *so,
              const scn_scenario **out)
{
    *out = NULL;
    return scnp_is_path(what) ? scnp_load_file(src, what, so, out)
                              : scnp_load_id(src, what, so, out);
}

const char *scnp_split_lang(const char *what, char *id, size_t n)
{
    struct stat st;
    const char *colon = strrchr(what, ':');
    snprintf(id, n, "%s", what);
    size_t k = colon ? strlen(colon + 1) : 0;
    /* any language-like code is split off, so that "ID:xx" is answered with
     * the languages the scenario has rather than "no scenario 'ID:xx'" */
    if (k < 2 || k > 3 || strspn(colon + 1, "abcdefghijklmnopqrstuvwxyz") != k ||
        (size_t)(colon - what) >= n || lstat(what, &st) == 0)
        return NULL;
    id[colon - what] = '\0';
    return colon + 1;
}

void scnp_free(struct scnp_src *src)
{
    if (src->lib_loaded)
        scn_library_free(&src->lib);
    for (size_t i = 0; i < src->n_own; i++)
        scn_free(src->own[i]);
    free(src->own);
    memset(src, 0, sizeof *src);
}

int scnp_lang(const char *name, const scn_scenario *s, score_lang *out)
{
    int v = SCORE_LANG_EN;
    if (name) {
        v = score_lang_parse(name);
        if (v == SCORE_LANG_AUTO)
            v = -1;
    } else if (!(s->langs & (1u << SCORE_LANG_EN))) {
        v = SCORE_LANG_FA;
    }
    if (v >= 0 && (s->langs & (1u << v))) {
        *out = (score_lang)v;
        return 0;
    }
    util_warn(_("scenario '%s' is not written in '%s'; it has: %s%s%s"), s->id,
              name ? name : "en",
              s->langs & (1u << SCORE_LANG_EN) ? "en" : "",
              (s->langs & 6u) == 6u ? ", " : "",
              s->langs & (1u << SCORE_LANG_FA) ? "fa" : "");
    return UTIL_EX_USAGE;
}
