/*
 * track-load.c - reads a track file (docs/tracks.md) into a trk_track and
 * reports EVERY problem of the file as FILE:LINE:COL; finds and loads the
 * track library.
 *
 * A track file is untrusted input like a scenario: the bytes and the YAML
 * go through the same stages and limits (ldr.c: size, UTF-8, controls,
 * no anchors or aliases, nesting, duplicate keys). Then the schema: keys
 * with did-you-mean, the pass marks, the steps (unique ids, a scenario of
 * the library that exists in the step's language) and what unlocks each
 * step (`after`: step ids of this track, with no cycles).
 */
#include "ldr.h"
#include "track.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h" /* HAMDEL_DATADIR */

typedef struct {
    ldr y;
    const scn_library *lib;
    trk_track *t;
} tl;

static const char *const tl_top_keys[] = {"id", "title", "summary", "pass", "steps"};
enum { TK_ID, TK_TITLE, TK_SUMMARY, TK_PASS, TK_STEPS, TK_N };
static const char *const tl_step_keys[] = {"id", "scenario", "language", "day",
                                           "pass", "after"};
enum { SK_ID, SK_SCENARIO, SK_LANG, SK_DAY, SK_PASS, SK_AFTER, SK_N };
/* "overall", then the dimensions in score_dim order. */
static const char *const tl_pass_keys[] = {"overall", "empathy", "action", "honesty",
                                           "boundaries"};

/* ---- pass marks ------------------------------------------------------------ */

/* Read `pass:` into *p, changing only the keys written. */
static void tl_pass(tl *L, const ldr_yn *v, trk_pass *p, int need_overall)
{
    ldr_kv kv[1 + SCORE_NDIM];
    const ldr_yn *x;
    if (!ldr_fields(&L->y, v, tl_pass_keys, 1 + SCORE_NDIM, kv, "'pass'"))
        return;
    if ((x = ldr_get(&L->y, v, &kv[0], "overall", need_overall)))
        ldr_number(&L->y, x, "overall", 0, 10, 0, &p->overall);
    for (int d = 0; d < SCORE_NDIM; d++)
        if ((x = ldr_get(&L->y, v, &kv[1 + d], tl_pass_keys[1 + d], 0)))
            ldr_number(&L->y, x, tl_pass_keys[1 + d], 0, 10, 0, &p->min[d]);
}

/* ---- steps ------------------------------------------------------------------ */

static void tl_scenario(tl *L, const ldr_yn *x, trk_step *s, const ldr_yn *lang_v)
{
    if (!L->lib || !s->scenario)
        return;
    const scn_scenario *sc = scn_library_find(L->lib, s->scenario);
    if (!sc) {
        const char **ids = util_xmalloc((L->lib->n + 1) * sizeof *ids);
        for (size_t i = 0; i < L->lib->n; i++)
            ids[i] = L->lib->v[i]->id;
        const char *sug = scn_suggest(s->scenario, ids, L->lib->n);
        if (sug)
            ldr_err(&L->y, x->line, x->col, "no scenario '%.*s' in the library "
                    "(did you mean '%s'?)", ldr_clip(s->scenario), s->scenario, sug);
        else
            ldr_err(&L->y, x->line, x->col, "no scenario '%.*s' in the library "
                    "('hamdel list' shows them)", ldr_clip(s->scenario), s->scenario);
        free(ids);
        return;
    }
    if (s->lang != SCORE_LANG_AUTO && !(sc->langs & (1u << s->lang))) {
        const ldr_yn *at = lang_v ? lang_v : x;
        ldr_err(&L->y, at->line, at->col, "scenario '%s' has no %s version (its "
                "languages: %s)", sc->id, score_lang_name(s->lang),
                sc->langs & (1u << SCORE_LANG_EN) ? "en" : "fa");
    }
}

static void tl_step(tl *L, const ldr_yn *v, trk_step *s)
{
    ldr_kv kv[SK_N];
    const ldr_yn *x, *lang_v = NULL, *scen_v = NULL;
    double day;
    s->line = v->line, s->col = v->col;
    s->pass = L->t->pass;
    s->lang = SCORE_LANG_AUTO; /* unknown until read */
    if (!ldr_fields(&L->y, v, tl_step_keys, SK_N, kv, "a step"))
        return;
    if ((x = ldr_get(&L->y, v, &kv[SK_SCENARIO], "scenario", 1)))
        s->scenario = ldr_id(&L->y, x, "scenario", '-'), scen_v = x;
    if ((x = ldr_get(&L->y, v, &kv[SK_LANG], "language", 1))) {
        int k = ldr_enum(&L->y, x, "language", ldr_lang_keys, 2, "en or fa");
        if (k >= 0)
            s->lang = k == 0 ? SCORE_LANG_EN : SCORE_LANG_FA;
        lang_v = x;
    }
    if ((x = ldr_get(&L->y, v, &kv[SK_ID], "id", 0)))
        s->id = ldr_id(&L->y, x, "step id", '-');
    else if (s->scenario && s->lang != SCORE_LANG_AUTO) {
        /* The default id: scenario-language, e.g. backorder-fa. */
        s->id = util_xmalloc(strlen(s->scenario) + 4);
        sprintf(s->id, "%s-%s", s->scenario, score_lang_name(s->lang));
    }
    if ((x = ldr_get(&L->y, v, &kv[SK_DAY], "day", 0)) &&
        ldr_number(&L->y, x, "day", 1, 365, 1, &day))
        s->day = (int)day;
    if ((x = ldr_get(&L->y, v, &kv[SK_PASS], "pass", 0)))
        tl_pass(L, x, &s->pass, 0);
    if (scen_v)
        tl_scenario(L, scen_v, s, lang_v);
}

/* Where a step's id is written (its `id:` value, else the step); 1 when
 * the step has an `id:`. */
static int tl_id_pos(const ldr_yn *v, int *line, int *col)
{
    *line = v->line, *col = v->col;
    for (size_t i = 0; v->kind == LDR_MAP && i + 1 < v->n; i += 2)
        if (v->kid[i]->kind == LDR_SCALAR && strcmp(v->kid[i]->s, "id") == 0) {
            *line = v->kid[i + 1]->line, *col = v->kid[i + 1]->col;
            return 1;
        }
    return 0;
}

static void tl_dup_ids(tl *L, const ldr_yn *steps)
{
    const trk_track *t = L->t;
    for (size_t i = 0; i < t->n_steps; i++)
        for (size_t j = 0; j < i && t->steps[i].id; j++) {
            if (!t->steps[j].id || strcmp(t->steps[i].id, t->steps[j].id) != 0)
                continue;
            int line, col, own = tl_id_pos(steps->kid[i], &line, &col);
            ldr_err(&L->y, line, col, "duplicate step id '%s' (the step at line %d, "
                    "column %d has it too)%s", t->steps[i].id, t->steps[j].line,
                    t->steps[j].col, own ? "" : ": a step playing the same scenario "
                    "in the same language again needs its own 'id'");
            break;
        }
}

/* `after` of step i: step ids (a list, or one id), resolved to indexes. */
static void tl_after(tl *L, const ldr_yn *sv, size_t i)
{
    trk_step *s = &L->t->steps[i];
    const ldr_yn *v = NULL;
    for (size_t k = 0; sv->kind == LDR_MAP && k + 1 < sv->n; k += 2)
        if (sv->kid[k]->kind == LDR_SCALAR && strcmp(sv->kid[k]->s, "after") == 0) {
            v = sv->kid[k + 1];
            break;
        }
    if (!v) { /* the default: the previous step */
        if (i > 0) {
            s->after = util_xmalloc(sizeof *s->after);
            s->after[0] = i - 1, s->n_after = 1;
        }
        return;
    }
    if (v->kind == LDR_BAD)
        return;
    if (v->kind == LDR_SCALAR && v->null) {
        ldr_err(&L->y, v->line, v->col, "'after' has no value (write [] for a "
                "step that is open from the start)");
        return;
    }
    size_t n = v->kind == LDR_SEQ ? v->n : 1;
    if (v->kind == LDR_MAP || n > TRK_MAX_AFTER) {
        ldr_err(&L->y, v->line, v->col, v->kind == LDR_MAP
                ? "'after' must be a step id or a list of step ids, not a mapping"
                : "'after' names too many steps (at most %d)", TRK_MAX_AFTER);
        return;
    }
    s->after = util_xmalloc((n + 1) * sizeof *s->after);
    const char **ids = util_xmalloc((L->t->n_steps + 1) * sizeof *ids);
    size_t nid = 0;
    for (size_t k = 0; k < L->t->n_steps; k++)
        if (L->t->steps[k].id)
            ids[nid++] = L->t->steps[k].id;
    for (size_t k = 0; k < n; k++) {
        const ldr_yn *it = v->kind == LDR_SEQ ? v->kid[k] : v;
        if (it->kind != LDR_SCALAR) {
            if (it->kind != LDR_BAD)
                ldr_err(&L->y, it->line, it->col, "'after' must name steps by id, "
                        "not %s", ldr_what(it));
            continue;
        }
        int j = trk_step_index(L->t, it->s);
        const char *sug = j < 0 ? scn_suggest(it->s, ids, nid) : NULL;
        if (j < 0 && sug)
            ldr_err(&L->y, it->line, it->col, "after: no step '%.*s' in this track "
                    "(did you mean '%s'?)", ldr_clip(it->s), it->s, sug);
        else if (j < 0)
            ldr_err(&L->y, it->line, it->col, "after: no step '%.*s' in this track",
                    ldr_clip(it->s), it->s);
        else if ((size_t)j == i)
            ldr_err(&L->y, it->line, it->col, "step '%s' cannot come after itself",
                    s->id);
        else
            s->after[s->n_after++] = (size_t)j;
    }
    free(ids);
}

/* A cycle in `after` would lock its steps forever: report each one once,
 * at the step that closes it. Iterative colouring DFS (at most
 * TRK_MAX_STEPS deep). */
static void tl_cycles(tl *L)
{
    const trk_track *t = L->t;
    size_t n = t->n_steps;
    unsigned char *colour = util_xmalloc(n + 1); /* 0 new, 1 on path, 2 done */
    size_t *stack = util_xmalloc((n + 1) * sizeof *stack);
    size_t *edge = util_xmalloc((n + 1) * sizeof *edge);
    memset(colour, 0, n + 1);
    for (size_t root = 0; root < n; root++) {
        if (colour[root])
            continue;
        size_t depth = 0;
        stack[0] = root, edge[0] = 0, colour[root] = 1;
        while (depth < n) {
            size_t u = stack[depth];
            if (edge[depth] == t->steps[u].n_after) {
                colour[u] = 2;
                if (depth-- == 0)
                    break;
                continue;
            }
            size_t w = t->steps[u].after[edge[depth]++];
            if (colour[w] == 1) {
                ldr_err(&L->y, t->steps[u].line, t->steps[u].col,
                        "step '%s' comes after '%s', which already comes after it: "
                        "a cycle locks both for ever", t->steps[u].id ? t->steps[u].id : "?",
                        t->steps[w].id ? t->steps[w].id : "?");
            } else if (colour[w] == 0) {
                colour[w] = 1;
                stack[++depth] = w, edge[depth] = 0;
            }
        }
    }
    free(colour);
    free(stack);
    free(edge);
}

static void tl_steps(tl *L, const ldr_yn *v)
{
    trk_track *t = L->t;
    if (v->kind != LDR_SEQ || v->n == 0) {
        ldr_err(&L->y, v->line, v->col, "'steps' must be a list of steps "
                "({scenario, language, ...}), not %s",
                v->kind == LDR_SEQ ? "an empty list" : ldr_what(v));
        return;
    }
    if (v->n > TRK_MAX_STEPS) {
        ldr_err(&L->y, v->line, v->col, "too many steps (%zu; at most %d)", v->n,
                TRK_MAX_STEPS);
        return;
    }
    t->steps = util_xmalloc(v->n * sizeof *t->steps);
    memset(t->steps, 0, v->n * sizeof *t->steps);
    t->n_steps = v->n;
    for (size_t i = 0; i < v->n; i++)
        tl_step(L, v->kid[i], &t->steps[i]);
    tl_dup_ids(L, v);
    size_t before = L->y.nerr;
    for (size_t i = 0; i < v->n; i++)
        tl_after(L, v->kid[i], i);
    if (L->y.nerr == before)
        tl_cycles(L);
}

/* ---- the track ---------------------------------------------------------------- */

static void tl_title(tl *L, const ldr_yn *root, const ldr_kv *kv, const char *key,
                     scn_text *out)
{
    const ldr_yn *x = ldr_get(&L->y, root, kv, key, 1);
    if (!x)
        return;
    size_t before = L->y.nerr;
    ldr_text(&L->y, x, key, out);
    if (L->y.nerr == before && !out->t[0] && !out->t[1])
        ldr_err(&L->y, x->line, x->col, "'%s' needs an en or fa text, e.g. "
                "{en: \"...\", fa: \"...\"}", key);
}

static void tl_top(tl *L, const ldr_yn *root)
{
    ldr_kv kv[TK_N];
    const ldr_yn *x;
    trk_track *t = L->t;
    ldr_fields(&L->y, root, tl_top_keys, TK_N, kv, "a track");
    if ((x = ldr_get(&L->y, root, &kv[TK_ID], "id", 1)))
        t->id = ldr_id(&L->y, x, "id", '-'), t->id_line = x->line, t->id_col = x->col;
    tl_title(L, root, &kv[TK_TITLE], "title", &t->title);
    tl_title(L, root, &kv[TK_SUMMARY], "summary", &t->summary);
    if ((x = ldr_get(&L->y, root, &kv[TK_PASS], "pass", 1)))
        tl_pass(L, x, &t->pass, 1);
    if ((x = ldr_get(&L->y, root, &kv[TK_STEPS], "steps", 1)))
        tl_steps(L, x);
}

trk_track *trk_load_text(const char *name, const char *text, size_t len,
                         const scn_library *lib, scn_diags *d)
{
    tl L;
    memset(&L, 0, sizeof L);
    L.y.file = name, L.y.text = text, L.y.len = len, L.y.d = d;
    L.y.noun = "track";
    L.lib = lib;
    size_t first = d->n;
    trk_track *t = L.t = util_xmalloc(sizeof *t);
    memset(t, 0, sizeof *t);
    t->path = util_xstrdup(name);
    t->pass.overall = 7;
    for (int i = 0; i < SCORE_NDIM; i++)
        t->pass.min[i] = -1;
    ldr_yn *root = ldr_parse(&L.y, TRK_MAX_FILE);
    if (!L.y.fatal && ldr_root_ok(&L.y, root, "a track is a mapping of keys (id, "
                                  "title, summary, pass, steps; see docs/tracks.md)"))
        tl_top(&L, root);
    ldr_yn_free(root);
    if (d->n > first) {
        ldr_sort(d, first);
        trk_free(t);
        return NULL;
    }
    return t;
}

trk_track *trk_load_file(const char *path, const scn_library *lib, scn_diags *d)
{
    size_t len;
    int more, opened;
    char *text = util_read_file(path, TRK_MAX_FILE, &len, &more, &opened);
    if (!text) {
        scn_diags_add(d, path, 0, 0, "cannot %s: %s", opened ? "read" : "open",
                      strerror(errno));
        return NULL;
    }
    trk_track *t = trk_load_text(path, text, len, lib, d);
    free(text);
    return t;
}

void trk_free(trk_track *t)
{
    if (!t)
        return;
    free(t->id);
    free(t->path);
    for (int i = 0; i < 2; i++) {
        free(t->title.t[i]);
        free(t->summary.t[i]);
    }
    for (size_t i = 0; i < t->n_steps; i++) {
        free(t->steps[i].id);
        free(t->steps[i].scenario);
        free(t->steps[i].after);
    }
    free(t->steps);
    free(t);
}

int trk_step_index(const trk_track *t, const char *id)
{
    for (size_t i = 0; i < t->n_steps; i++)
        if (t->steps[i].id && strcmp(t->steps[i].id, id) == 0)
            return (int)i;
    return -1;
}

/* ---- which files are tracks ---------------------------------------------------- */

int trk_is_track_file(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dl = slash ? (size_t)(slash - path) : 0;
    if (dl >= 6 && strncmp(slash - 6, "tracks", 6) == 0 &&
        (dl == 6 || slash[-7] == '/'))
        return 1;
    size_t len;
    int more, opened;
    char *text = util_read_file(path, TRK_MAX_FILE, &len, &more, &opened);
    if (!text)
        return 0;
    /* A top-level key starts a line without indentation. */
    int found = 0;
    for (const char *p = text; p && !found; p = strchr(p, '\n'), p = p ? p + 1 : p)
        found = strncmp(p, "steps:", 6) == 0;
    free(text);
    return found;
}

/* ---- the library --------------------------------------------------------------- */

static int tl_dir_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *trk_library_default_dir(void)
{
    static char beside[4096];
    const char *env = getenv("HAMDEL_TRACKS");
    if (env && *env)
        return env;
    if (tl_dir_exists("tracks"))
        return "tracks";
    if (tl_dir_exists("scenarios/tracks"))
        return "scenarios/tracks";
    /* $HAMDEL_SCENARIOS=/team/scenarios: /team/scenarios/tracks, then
     * /team/tracks. */
    const char *scn = scn_library_default_dir();
    if (strcmp(scn, HAMDEL_DATADIR "/scenarios") != 0) {
        snprintf(beside, sizeof beside, "%s/tracks", scn);
        if (tl_dir_exists(beside))
            return beside;
        snprintf(beside, sizeof beside, "%s/../tracks", scn);
        if (tl_dir_exists(beside))
            return beside;
    }
    return HAMDEL_DATADIR "/tracks";
}

const trk_track *trk_library_find(const trk_library *tlib, const char *id)
{
    for (size_t i = 0; i < tlib->n; i++)
        if (tlib->v[i]->id && strcmp(tlib->v[i]->id, id) == 0)
            return tlib->v[i];
    return NULL;
}

size_t trk_library_load(const char *const *paths, size_t n, const scn_library *lib,
                        trk_library *tlib, scn_diags *d)
{
    scn_strings files = {0};
    size_t bad = scn_library_files(paths, n, &files, d);
    tlib->v = util_xrealloc(tlib->v, (tlib->n + files.n + 1) * sizeof *tlib->v);
    for (size_t i = 0; i < files.n; i++) {
        trk_track *t = trk_load_file(files.v[i], lib, d);
        const trk_track *same = t ? trk_library_find(tlib, t->id) : NULL;
        if (same) {
            scn_diags_add(d, t->path, t->id_line, t->id_col, "duplicate track id "
                          "'%s': %s has it too", t->id, same->path);
            trk_free(t);
            t = NULL;
        }
        if (t)
            tlib->v[tlib->n++] = t;
        else
            bad++;
    }
    scn_strings_free(&files);
    return bad;
}

void trk_library_free(trk_library *tlib)
{
    for (size_t i = 0; i < tlib->n; i++)
        trk_free(tlib->v[i]);
    free(tlib->v);
    tlib->v = NULL;
    tlib->n = 0;
}
