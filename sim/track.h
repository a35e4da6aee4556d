/*
 * track.h - training tracks: an ordered list of scenarios, each in one
 * language with a pass mark, that a trainee works through (docs/tracks.md).
 *
 * track-load.c reads a track file (a YAML file in tracks/) and checks it against
 * the scenario library, reporting every problem as FILE:LINE:COL like the
 * scenario loader (it shares ldr.c with it); it also finds the track
 * library. track-status.c is a pure function from a track and a trainee's
 * finished results to what is passed, open and locked, what is next and
 * whether the trainee is certified; it knows no database (the progress
 * store supplies the results). Public names carry the trk_ prefix.
 */
#ifndef HAMDEL_TRACK_H
#define HAMDEL_TRACK_H

#include <stddef.h>

#include "scn.h"
#include "store.h"
#include "score.h"

#define TRK_MAX_FILE SCN_MAX_FILE /* bytes per track file */
#define TRK_MAX_STEPS 200         /* steps per track */
#define TRK_MAX_AFTER 16          /* steps named in one `after` */

/* A pass mark: the overall mean at least `overall`, and each dimension at
 * least min[d] (a negative min means no minimum for that dimension). */
typedef struct {
    double overall;
    double min[SCORE_NDIM];
} trk_pass;

typedef struct {
    char *id;         /* [a-z0-9-]+, unique in the track */
    char *scenario;   /* a scenario id of the library */
    score_lang lang;  /* SCORE_LANG_EN or SCORE_LANG_FA */
    int day;          /* the working day it is planned for; 0 when not given */
    trk_pass pass;    /* the track's pass mark with this step's changes */
    size_t *after;    /* indexes of the steps that must be passed first */
    size_t n_after;   /* default: the previous step (none for the first) */
    int line, col;    /* where the step starts */
} trk_step;

typedef struct {
    char *id;   /* [a-z0-9-]+ */
    char *path; /* the file it came from */
    scn_text title, summary;
    trk_pass pass; /* the track's pass mark (each step may change it) */
    trk_step *steps;
    size_t n_steps;
    int id_line, id_col; /* where `id:` is written (duplicate ids) */
} trk_track;

/* Load and check one track. `lib` is the scenario library the steps must
 * name (with the step's language); NULL skips that check. Returns NULL
 * when the file has any problem; every problem is appended to `d`. */
trk_track *trk_load_file(const char *path, const scn_library *lib, scn_diags *d);
trk_track *trk_load_text(const char *name, const char *text, size_t len,
                         const scn_library *lib, scn_diags *d);
void trk_free(trk_track *t);

/* Is this file a track rather than a scenario? A file in a folder named
 * `tracks`, or one whose top level has a `steps:` key (scenarios have
 * none). Reads at most the first TRK_MAX_FILE bytes; 0 when unreadable. */
int trk_is_track_file(const char *path);

/* The track library: files and folders as for scenarios, ids unique
 * across files. Valid tracks are kept even when others fail; returns the
 * number of files with problems. */
typedef struct {
    trk_track **v;
    size_t n;
} trk_library;

size_t trk_library_load(const char *const *paths, size_t n, const scn_library *lib,
                        trk_library *tl, scn_diags *d);
void trk_library_free(trk_library *tl);
const trk_track *trk_library_find(const trk_library *tl, const char *id);
/* Where the tracks are when no path is given: $HAMDEL_TRACKS, else
 * ./tracks or ./scenarios/tracks when one exists (a source tree), else
 * the `tracks` folder beside the scenario library in use, else the
 * installed DATADIR/tracks. Returns a static string. */
const char *trk_library_default_dir(void);

/* The index of step `id`, or -1. */
int trk_step_index(const trk_track *t, const char *id);

/* ---- status: where a trainee stands (no database) ------------------------ */

/* One finished session of the trainee: its scenario, language, mean
 * overall and per-dimension scores (score_dim order) and when it ended
 * (ISO 8601, so that text order is time order). */
typedef struct {
    const char *scenario;
    score_lang lang;
    double overall;
    double dims[SCORE_NDIM];
    const char *finished_at;
} trk_result;

typedef enum {
    TRK_LOCKED, /* a step it comes after is not passed yet */
    TRK_OPEN,   /* unlocked, not passed: the trainee can play it now */
    TRK_PASSED  /* a result meets its pass mark */
} trk_state;

const char *trk_state_name(trk_state s); /* "locked", "open", "passed" */

typedef struct {
    trk_state state;
    size_t attempts; /* results of this scenario in this language since the
                        step opened (0 while it is locked) */
    int best;        /* the best qualifying result (highest overall, then the
                        earliest), index into the results; -1 when none */
    int first_pass;  /* the earliest qualifying result; -1 when none */
    int best_try;    /* the best attempt, qualifying or not; -1 when none */
} trk_step_status;

typedef struct {
    trk_step_status *steps; /* one per step of the track */
    size_t n_steps, n_passed;
    size_t *next; /* the open steps, in track order: what to play next */
    size_t n_next;
    int certified;            /* every step passed */
    const char *certified_at; /* then: the latest first pass of a step */
    double mean_overall;      /* then: the means of the steps' best results */
    double mean_dims[SCORE_NDIM];
} trk_status;

/* Where the trainee stands on track `t` given their finished results (any
 * order; results of other scenarios are ignored). A result counts for a
 * step only when it finished once the step was open (at or after the
 * first pass of the last step it comes after), so a step that repeats a
 * scenario needs a new session. */
void trk_status_compute(const trk_track *t, const trk_result *r, size_t n,
                        trk_status *out);
void trk_status_free(trk_status *st);
/* Does result `r` meet the pass mark of step `s`? */
int trk_result_passes(const trk_step *s, const trk_result *r);

/* ---- a trainee's results from the progress store (track-rows.c) ------ */

/* The finished sessions of a trainee as trk_result rows; the rows point
 * into `store`, so keep both until the status computed from them is no
 * longer used (trk_status keeps pointers such as certified_at). */
typedef struct {
    store_result *store;
    trk_result *v;
    size_t n;
} trk_rows;

/* 0 (no rows for an unknown trainee, or with db NULL), or STORE_EDB with
 * a sentence in `err`. */
int trk_rows_load(store *db, const char *trainee, trk_rows *k, char *err, size_t errlen);
void trk_rows_free(trk_rows *k);

/* Open the progress store (`db`: --db, or NULL for the default), read the
 * trainee's results into `k` and compute the status of `t` from them.
 * 0; or -1 with a sentence in `err` (nothing to free). */
int trk_progress_load(const char *db, const trk_track *t, const char *trainee, trk_rows *k,
                      trk_status *st, char *err, size_t errlen);

#endif
