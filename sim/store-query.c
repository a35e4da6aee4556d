/*
 * store-query.c - reads progress back out of the database (store.h):
 * a trainee's finished sessions, the rows tracks (track-status.c) and
 * progress reports are computed from. Only sessions that reached an
 * ending count; an interrupted one is practice, not a result, and so is a
 * workshop's. It also
 * holds the helpers every reading query shares (store-sql.h).
 */
#include "store-sql.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

/* Workshop sessions (workshop != 0) are left out: in a workshop the
 * conversation went on with whichever reply the room picked, so the player
 * did not steer it and its ending is not theirs to pass a track step with.
 * Reports and `hamdel progress` do show them (store-report.c,
 * store-progress.c): that is practice the trainer wants to see. */
static const char store_q_results[] =
    "SELECT s.scenario, s.lang, s.overall, s.empathy, s.action, s.honesty,"
    "       s.boundaries, COALESCE(s.ended, s.started)"
    "  FROM sessions s JOIN trainees t ON t.id = s.trainee"
    " WHERE t.name = ?1 AND s.workshop = 0 AND " STORE_SQL_RESULT
    " ORDER BY COALESCE(s.ended, s.started), s.id";

char *store_sql_text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return util_xstrdup(t ? (const char *)t : "");
}

char *store_sql_text_or_null(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? util_xstrdup((const char *)t) : NULL;
}

score_lang store_sql_lang(sqlite3_stmt *st, int col)
{
    const unsigned char *l = sqlite3_column_text(st, col);
    return l && strcmp((const char *)l, "fa") == 0 ? SCORE_LANG_FA : SCORE_LANG_EN;
}

int store_sql_fail(store *s, sqlite3_stmt *st, char *err, size_t errlen)
{
    snprintf(err, errlen, _("cannot read the database %s: %s"), store_file(s),
             sqlite3_errmsg(store_db(s)));
    sqlite3_finalize(st);
    return STORE_EDB;
}

int store_sql_db_err(store *s, char *err, size_t errlen)
{
    snprintf(err, errlen, _("database error in %s: %s"), store_file(s),
             sqlite3_errmsg(store_db(s)));
    return STORE_EDB;
}

sqlite3_stmt *store_sql_prepare(store *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

void store_sql_bind_text(sqlite3_stmt *st, int i, const char *text)
{
    if (text)
        sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

int store_sql_run(store *s, sqlite3_stmt *st)
{
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    while (rc == SQLITE_ROW)
        rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? sqlite3_changes(store_db(s)) : -1;
}

int store_sql_line_begin(store *s, const char *name, int *own, char *err,
                         size_t errlen)
{
    char sql[64];
    *own = sqlite3_get_autocommit(store_db(s));
    if (*own)
        return store_begin(s, err, errlen) != 0 ? STORE_EDB : 0;
    snprintf(sql, sizeof sql, "SAVEPOINT %s", name);
    if (sqlite3_exec(store_db(s), sql, NULL, NULL, NULL) != SQLITE_OK)
        return store_sql_db_err(s, err, errlen);
    return 0;
}

int store_sql_line_end(store *s, const char *name, int own, int rc, char *err,
                       size_t errlen)
{
    char sql[96];
    if (rc == 0 && own && store_commit(s, err, errlen) != 0)
        rc = STORE_EDB;
    snprintf(sql, sizeof sql, "RELEASE %s", name);
    if (rc == 0 && !own &&
        sqlite3_exec(store_db(s), sql, NULL, NULL, NULL) != SQLITE_OK)
        rc = store_sql_db_err(s, err, errlen);
    if (rc != 0 && own) {
        store_rollback(s);
    } else if (rc != 0) {
        snprintf(sql, sizeof sql, "ROLLBACK TO %s; RELEASE %s", name, name);
        sqlite3_exec(store_db(s), sql, NULL, NULL, NULL);
    }
    return rc;
}

static void store_q_row(sqlite3_stmt *st, store_result *r)
{
    r->scenario = store_sql_text(st, 0);
    r->lang = store_sql_lang(st, 1);
    r->overall = sqlite3_column_double(st, 2);
    for (int d = 0; d < SCORE_NDIM; d++)
        r->dims[d] = sqlite3_column_double(st, 3 + d);
    r->finished_at = store_sql_text(st, 7);
}

int store_results(store *s, const char *trainee, store_result **out, size_t *n,
                  char *err, size_t errlen)
{
    sqlite3 *db = store_db(s);
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(db, store_q_results, -1, &st, NULL) != SQLITE_OK)
        goto fail;
    sqlite3_bind_text(st, 1, trainee, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *out = util_xrealloc(*out, cap * sizeof **out);
        }
        store_q_row(st, &(*out)[(*n)++]);
    }
    if (rc != SQLITE_DONE)
        goto fail;
    sqlite3_finalize(st);
    return 0;
fail:
    store_sql_fail(s, st, err, errlen);
    store_results_free(*out, *n);
    *out = NULL;
    *n = 0;
    return STORE_EDB;
}

void store_results_free(store_result *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(r[i].scenario);
        free(r[i].finished_at);
    }
    free(r);
}
