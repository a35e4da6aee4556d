/*
 * store-progress.c - what `hamdel progress` reads from the progress
 * database (store.h): one trainee's sessions, and the team aggregated per
 * trainee.
 *
 * Both read the sessions table only, where every session already keeps
 * its per-dimension means (store-rec.c); turns are never loaded, so a
 * report over 500 trainees x 100 sessions is two indexed queries (the
 * averages are SQL aggregates) and stays well under a second.
 */
#include "store-sql.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

/* A result: reached an ending, was not interrupted, was graded. */

static const char store_p_known[] = "SELECT id FROM trainees WHERE name = ?1";

static const char store_p_sessions[] =
    "SELECT s.key, s.scenario, s.lang, s.started, s.ended, s.ending,"
    "       s.interrupted, s.workshop, s.turns, s.empathy, s.action,"
    "       s.honesty, s.boundaries, s.overall"
    "  FROM sessions s"
    " WHERE s.trainee = ?1 AND s.started >= ?2"
    " ORDER BY s.started, s.id";

static const char store_p_team[] =
    "SELECT t.id, t.name, COUNT(s.id),"
    "       COUNT(CASE WHEN " STORE_SQL_ENDED " THEN 1 END),"
    "       COUNT(CASE WHEN " STORE_SQL_RESULT " THEN 1 END),"
    "       AVG(CASE WHEN " STORE_SQL_RESULT " THEN s.overall END),"
    "       AVG(CASE WHEN " STORE_SQL_RESULT " THEN s.empathy END),"
    "       AVG(CASE WHEN " STORE_SQL_RESULT " THEN s.action END),"
    "       AVG(CASE WHEN " STORE_SQL_RESULT " THEN s.honesty END),"
    "       AVG(CASE WHEN " STORE_SQL_RESULT " THEN s.boundaries END),"
    "       MAX(COALESCE(s.ended, s.started))"
    "  FROM trainees t LEFT JOIN sessions s"
    "    ON s.trainee = t.id AND s.started >= ?1"
    " GROUP BY t.id"
    " ORDER BY t.name, t.id";

/* The results' overall per trainee, in the team's order. */
static const char store_p_series[] =
    "SELECT t.id, s.overall"
    "  FROM trainees t JOIN sessions s ON s.trainee = t.id"
    " WHERE s.started >= ?1 AND " STORE_SQL_RESULT
    " ORDER BY t.name, t.id, s.started, s.id";


int store_session_finished(const store_session *s)
{
    return s->ending && !s->interrupted;
}

int store_sessions(store *s, const char *trainee, const char *since,
                   store_session **out, size_t *n, char *err, size_t errlen)
{
    sqlite3 *db = store_db(s);
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    int rc;
    *out = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(db, store_p_known, -1, &st, NULL) != SQLITE_OK)
        return store_sql_fail(s, st, err, errlen);
    sqlite3_bind_text(st, 1, trainee, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        sqlite3_finalize(st);
        return 0;
    }
    if (rc != SQLITE_ROW)
        return store_sql_fail(s, st, err, errlen);
    sqlite3_int64 id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (sqlite3_prepare_v2(db, store_p_sessions, -1, &st, NULL) != SQLITE_OK)
        return store_sql_fail(s, st, err, errlen);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, since ? since : "", -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 32;
            *out = util_xrealloc(*out, cap * sizeof **out);
        }
        store_session *e = &(*out)[(*n)++];
        e->key = store_sql_text_or_null(st, 0);
        e->scenario = store_sql_text_or_null(st, 1);
        e->lang = store_sql_lang(st, 2);
        e->started = store_sql_text_or_null(st, 3);
        e->ended = store_sql_text_or_null(st, 4);
        e->ending = store_sql_text_or_null(st, 5);
        e->interrupted = sqlite3_column_int(st, 6);
        e->workshop = sqlite3_column_int(st, 7);
        e->turns = sqlite3_column_int(st, 8);
        e->scored = sqlite3_column_type(st, 13) != SQLITE_NULL;
        for (int d = 0; d < SCORE_NDIM; d++)
            e->dims[d] = sqlite3_column_double(st, 9 + d);
        e->overall = sqlite3_column_double(st, 13);
    }
    if (rc != SQLITE_DONE) {
        store_sql_fail(s, st, err, errlen);
        store_sessions_free(*out, *n);
        *out = NULL;
        *n = 0;
        return STORE_EDB;
    }
    sqlite3_finalize(st);
    return 1;
}

void store_sessions_free(store_session *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].key);
        free(v[i].scenario);
        free(v[i].started);
        free(v[i].ended);
        free(v[i].ending);
    }
    free(v);
}

int store_team(store *s, const char *since, store_team_row **out, size_t *n,
               char *err, size_t errlen)
{
    sqlite3 *db = store_db(s);
    sqlite3_stmt *st = NULL;
    sqlite3_int64 *ids = NULL;
    size_t cap = 0;
    int rc;
    *out = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(db, store_p_team, -1, &st, NULL) != SQLITE_OK)
        return store_sql_fail(s, st, err, errlen);
    sqlite3_bind_text(st, 1, since ? since : "", -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 32;
            *out = util_xrealloc(*out, cap * sizeof **out);
            ids = util_xrealloc(ids, cap * sizeof *ids);
        }
        ids[*n] = sqlite3_column_int64(st, 0);
        store_team_row *r = &(*out)[(*n)++];
        memset(r, 0, sizeof *r);
        r->name = store_sql_text_or_null(st, 1);
        if (!r->name)
            r->name = util_xstrdup("");
        r->sessions = (size_t)sqlite3_column_int64(st, 2);
        r->finished = (size_t)sqlite3_column_int64(st, 3);
        r->scored = (size_t)sqlite3_column_int64(st, 4);
        r->overall = sqlite3_column_double(st, 5);
        for (int d = 0; d < SCORE_NDIM; d++)
            r->dims[d] = sqlite3_column_double(st, 6 + d);
        r->last_active = store_sql_text_or_null(st, 10);
    }
    if (rc != SQLITE_DONE)
        goto fail;
    sqlite3_finalize(st);
    st = NULL;
    if (sqlite3_prepare_v2(db, store_p_series, -1, &st, NULL) != SQLITE_OK)
        goto fail;
    sqlite3_bind_text(st, 1, since ? since : "", -1, SQLITE_STATIC);
    /* Both queries walk the trainees in the same order. */
    size_t k = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        while (k < *n && ids[k] != id)
            k++;
        if (k == *n)
            break;
        store_team_row *r = &(*out)[k];
        if (r->n_recent == STORE_TEAM_RECENT)
            memmove(r->recent, r->recent + 1, (STORE_TEAM_RECENT - 1) * sizeof *r->recent);
        else
            r->n_recent++;
        r->recent[r->n_recent - 1] = sqlite3_column_double(st, 1);
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        goto fail;
    sqlite3_finalize(st);
    free(ids);
    return 0;
fail:
    store_sql_fail(s, st, err, errlen);
    free(ids);
    store_team_free(*out, *n);
    *out = NULL;
    *n = 0;
    return STORE_EDB;
}

void store_team_free(store_team_row *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].name);
        free(v[i].last_active);
    }
    free(v);
}
