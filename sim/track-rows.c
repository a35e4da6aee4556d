/*
 * track-rows.c - a trainee's results for tracks, from the progress store:
 * the finished sessions store_results() reads, as the trk_result rows
 * trk_status_compute() takes. One place for the conversion that `track
 * show`, `progress`, `report` and the simulator's `track` all need, and
 * for opening the store to get a track's status (trk_progress_load).
 */
#include "track.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

int trk_rows_load(store *db, const char *trainee, trk_rows *k, char *err, size_t errlen)
{
    memset(k, 0, sizeof *k);
    if (db && store_results(db, trainee, &k->store, &k->n, err, errlen) != 0)
        return STORE_EDB;
    k->v = util_xmalloc((k->n ? k->n : 1) * sizeof *k->v);
    for (size_t i = 0; i < k->n; i++) {
        const store_result *r = &k->store[i];
        k->v[i].scenario = r->scenario;
        k->v[i].lang = r->lang;
        k->v[i].overall = r->overall;
        memcpy(k->v[i].dims, r->dims, sizeof k->v[i].dims);
        k->v[i].finished_at = r->finished_at;
    }
    return 0;
}

int trk_progress_load(const char *db, const trk_track *t, const char *trainee, trk_rows *k,
                      trk_status *st, char *err, size_t errlen)
{
    int code = 0;
    memset(k, 0, sizeof *k);
    store *s = store_open_default(db, err, errlen, &code);
    if (!s)
        return -1;
    int rc = trk_rows_load(s, trainee, k, err, errlen);
    store_close(s);
    if (rc != 0)
        return -1;
    trk_status_compute(t, k->v, k->n, st);
    return 0;
}

void trk_rows_free(trk_rows *k)
{
    store_results_free(k->store, k->n);
    free(k->v);
    memset(k, 0, sizeof *k);
}
