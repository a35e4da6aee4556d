/*
 * store-live.c - records a conversation in the progress database while it
 * is played (store.h), for `hamdel play --trainee` and the simulator.
 *
 * It listens to the transcript (trs_listen): each line, once on disk, is
 * recorded in its own transaction (through store-rec.c, or store-workshop.c
 * when the header is a workshop's), so every finished turn is committed as
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
    store_rec *rec;   /* a conversation's transcript, or */
    store_wrec *wrec; /* a workshop's: chosen on hearing the header */
    char *trainee;
    trs *t;
    int failed;
};

/* The recorder for what the header says the transcript is. */
static void live_choose(store_live *l, const json_t *header)
{
    if (store_line_is_workshop(header))
        l->wrec = store_wrec_new(l->db, trs_path(l->t), 1);
    else
        l->rec = store_rec_new(l->db, l->trainee, trs_path(l->t), 1);
}

static void live_line(void *ud, const json_t *line)
{
    store_live *l = ud;
    char err[4200];
    if (l->failed)
        return;
    if (!l->rec && !l->wrec)
        live_choose(l, line);
    int rc = l->wrec ? store_wrec_line(l->wrec, line, err, sizeof err)
                     : store_rec_line(l->rec, line, err, sizeof err);
    if (rc != 0) {
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
    l->rec = NULL;
    l->wrec = NULL;
    l->trainee = trainee ? util_xstrdup(trainee) : NULL;
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
    store_wrec_free(l->wrec);
    free(l->trainee);
    store_close(l->db);
    free(l);
}
