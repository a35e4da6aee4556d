/*
 * store-live.c - records a conversation in the progress database while it
 * is played (store.h), for `hamdel play --trainee` and the simulator.
 *
 * It listens to the transcript (trs_listen): each line, once on disk, is
 * recorded in its own transaction, so every finished turn is committed as
 * it happens. The database is a convenience on top of the transcript: when
 * it cannot be opened or written, the trainee is told once on stderr and
 * the practice goes on; `hamdel import` can load the transcript later.
 */
#include "store.h"
#include "i18n.h"
#include "transcript.h"
#include "util.h"

#include <stdlib.h>

struct store_live {
    store *db;
    store_rec *rec;
    trs *t;
    int failed;
};

static void live_line(void *ud, const json_t *line)
{
    store_live *l = ud;
    char err[4200];
    if (l->failed)
        return;
    if (store_rec_line(l->rec, line, err, sizeof err) != 0) {
        l->failed = 1;
        util_warn("%s", err);
        util_warn(_("stopped recording in the database; the transcript %s "
                  "keeps everything ('hamdel import' loads it later)"),
                  trs_path(l->t));
    }
}

store_live *store_live_start(struct trs *t, const char *db,
                             const char *trainee)
{
    char err[4200];
    int code;
    store *s = store_open_default(db, err, sizeof err, &code);
    if (!s) {
        util_warn("%s", err);
        util_warn(_("this session is not recorded in the database; the "
                  "transcript %s keeps it ('hamdel import' loads it later)"),
                  trs_path(t));
        return NULL;
    }
    store_live *l = util_xmalloc(sizeof *l);
    l->db = s;
    l->rec = store_rec_new(s, trainee, trs_path(t), 1);
    l->t = t;
    l->failed = 0;
    trs_listen(t, live_line, l);
    return l;
}

void store_live_stop(store_live *l)
{
    if (!l)
        return;
    store_rec_free(l->rec);
    store_close(l->db);
    free(l);
}
