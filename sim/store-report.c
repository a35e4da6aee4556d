/*
 * store-report.c - the queries of `hamdel report` (store.h): headline
 * numbers, finished sessions for trends and distributions, the hardest
 * nodes across the team, every turn for the CSV, and the workshops.
 *
 * Aggregation happens in SQL so a report over a quarter of a million
 * turns reads a few thousand numbers, not every reply: the hardest nodes
 * are one GROUP BY, then one small query per node for its median reply.
 * Every query takes the same filter (?1 trainee name or NULL, ?2 the
 * first day or NULL); `started` is ISO 8601, so a day compares as text.
 */
#include "store-sql.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

#define STORE_REP_FROM \
    " FROM sessions s LEFT JOIN trainees t ON t.id = s.trainee"
#define STORE_REP_WHERE \
    " WHERE (?1 IS NULL OR t.name = ?1) AND (?2 IS NULL OR s.started >= ?2)"
#define STORE_REP_FINISHED " AND " STORE_SQL_RESULT

static const char store_rep_q_totals[] =
    "SELECT COUNT(DISTINCT s.trainee), COUNT(*), COALESCE(SUM(s.turns), 0),"
    "       SUM(f), AVG(CASE WHEN f THEN s.overall END),"
    "       AVG(CASE WHEN f THEN s.empathy END), AVG(CASE WHEN f THEN s.action END),"
    "       AVG(CASE WHEN f THEN s.honesty END),"
    "       AVG(CASE WHEN f THEN s.boundaries END)"
    "  FROM (SELECT s.*, " STORE_SQL_RESULT " AS f"
    STORE_REP_FROM STORE_REP_WHERE ") s";

static const char store_rep_q_sessions[] =
    "SELECT COALESCE(t.name, ''), s.scenario, s.lang, s.started, s.overall,"
    "       s.empathy, s.action, s.honesty, s.boundaries"
    STORE_REP_FROM STORE_REP_WHERE STORE_REP_FINISHED
    " ORDER BY 1, s.started, s.id";

static const char store_rep_q_sessions_scn[] =
    "SELECT COALESCE(t.name, ''), s.scenario, s.lang, s.started, s.overall,"
    "       s.empathy, s.action, s.honesty, s.boundaries"
    STORE_REP_FROM STORE_REP_WHERE STORE_REP_FINISHED
    " ORDER BY s.scenario, s.overall, s.id";

static const char store_rep_q_hardest[] =
    "SELECT s.scenario, s.lang, u.node, AVG(u.overall), COUNT(*)"
    "  FROM turns u JOIN sessions s ON s.id = u.session"
    "  LEFT JOIN trainees t ON t.id = s.trainee"
    STORE_REP_WHERE " AND u.retried = 0"
    " GROUP BY s.scenario, s.lang, u.node"
    " ORDER BY 4, 1, 2, 3 LIMIT ?3";

static const char store_rep_q_median[] =
    "SELECT u.reply, u.overall"
    "  FROM turns u JOIN sessions s ON s.id = u.session"
    "  LEFT JOIN trainees t ON t.id = s.trainee"
    STORE_REP_WHERE " AND u.retried = 0"
    "   AND u.node = ?3 AND s.scenario = ?4 AND s.lang = ?5"
    " ORDER BY u.overall, u.id LIMIT 1 OFFSET ?6";

static const char store_rep_q_turns[] =
    "SELECT COALESCE(t.name, ''), s.key, s.scenario, s.lang, s.started,"
    "       u.number, u.node, u.empathy, u.action, u.honesty, u.boundaries,"
    "       u.overall, u.reply"
    "  FROM turns u JOIN sessions s ON s.id = u.session"
    "  LEFT JOIN trainees t ON t.id = s.trainee"
    STORE_REP_WHERE " AND u.retried = 0"
    " ORDER BY 1, s.started, s.id, u.seq";

/* Prepare `sql` and bind the filter; NULL on error (the message is the
 * database's). */
static sqlite3_stmt *store_rep_prepare(sqlite3 *db, const char *sql,
                                       const store_rep_filter *f)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return NULL;
    if (f->trainee)
        sqlite3_bind_text(st, 1, f->trainee, -1, SQLITE_STATIC);
    if (f->since)
        sqlite3_bind_text(st, 2, f->since, -1, SQLITE_STATIC);
    return st;
}



int store_rep_totals_get(store *s, const store_rep_filter *f,
                         store_rep_totals *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_rep_prepare(store_db(s), store_rep_q_totals, f);
    if (!st || sqlite3_step(st) != SQLITE_ROW)
        return store_sql_fail(s, st, err, errlen);
    out->trainees = sqlite3_column_int64(st, 0);
    out->sessions = sqlite3_column_int64(st, 1);
    out->turns = sqlite3_column_int64(st, 2);
    out->finished = sqlite3_column_int64(st, 3);
    out->overall = sqlite3_column_double(st, 4);
    for (int d = 0; d < SCORE_NDIM; d++)
        out->dims[d] = sqlite3_column_double(st, 5 + d);
    sqlite3_finalize(st);
    return 0;
}

int store_rep_sessions(store *s, const store_rep_filter *f, int by_scenario,
                       store_rep_session **out, size_t *n, char *err,
                       size_t errlen)
{
    size_t cap = 0;
    int rc;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = store_rep_prepare(store_db(s), by_scenario
                                         ? store_rep_q_sessions_scn
                                         : store_rep_q_sessions, f);
    if (!st)
        return store_sql_fail(s, st, err, errlen);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            *out = util_xrealloc(*out, cap * sizeof **out);
        }
        store_rep_session *r = &(*out)[(*n)++];
        r->trainee = store_sql_text(st, 0);
        r->scenario = store_sql_text(st, 1);
        r->lang = store_sql_lang(st, 2);
        r->started = store_sql_text(st, 3);
        r->overall = sqlite3_column_double(st, 4);
        for (int d = 0; d < SCORE_NDIM; d++)
            r->dims[d] = sqlite3_column_double(st, 5 + d);
    }
    if (rc != SQLITE_DONE) {
        store_rep_sessions_free(*out, *n);
        *out = NULL;
        *n = 0;
        return store_sql_fail(s, st, err, errlen);
    }
    sqlite3_finalize(st);
    return 0;
}

void store_rep_sessions_free(store_rep_session *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].trainee);
        free(v[i].scenario);
        free(v[i].started);
    }
    free(v);
}

/* The median-scoring reply of one hardest node. */
static int store_rep_median(store *s, const store_rep_filter *f,
                            store_rep_hard *h, char *err, size_t errlen)
{
    sqlite3_stmt *st = store_rep_prepare(store_db(s), store_rep_q_median, f);
    if (!st)
        return store_sql_fail(s, st, err, errlen);
    sqlite3_bind_text(st, 3, h->node, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, h->scenario, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, score_lang_name(h->lang), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, h->count / 2);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        h->reply = store_sql_text(st, 0);
        h->reply_overall = sqlite3_column_double(st, 1);
    } else if (rc != SQLITE_DONE) {
        return store_sql_fail(s, st, err, errlen);
    }
    sqlite3_finalize(st);
    return 0;
}

int store_rep_hardest(store *s, const store_rep_filter *f, size_t max,
                      store_rep_hard **out, size_t *n, char *err,
                      size_t errlen)
{
    int rc;
    *out = util_xmalloc((max ? max : 1) * sizeof **out);
    *n = 0;
    sqlite3_stmt *st = store_rep_prepare(store_db(s), store_rep_q_hardest, f);
    if (!st)
        goto fail;
    sqlite3_bind_int64(st, 3, (sqlite3_int64)max);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
        store_rep_hard *h = &(*out)[(*n)++];
        memset(h, 0, sizeof *h);
        h->scenario = store_sql_text(st, 0);
        h->lang = store_sql_lang(st, 1);
        h->node = store_sql_text(st, 2);
        h->mean = sqlite3_column_double(st, 3);
        h->count = sqlite3_column_int64(st, 4);
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        goto fail;
    sqlite3_finalize(st);
    for (size_t i = 0; i < *n; i++)
        if (store_rep_median(s, f, &(*out)[i], err, errlen) != 0) {
            store_rep_hardest_free(*out, *n);
            *out = NULL;
            *n = 0;
            return STORE_EDB;
        }
    return 0;
fail:
    store_rep_hardest_free(*out, *n);
    *out = NULL;
    *n = 0;
    return store_sql_fail(s, st, err, errlen);
}

void store_rep_hardest_free(store_rep_hard *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].scenario);
        free(v[i].node);
        free(v[i].reply);
    }
    free(v);
}

static const char *store_rep_col(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? (const char *)t : "";
}

int store_rep_turns(store *s, const store_rep_filter *f,
                    int (*fn)(const store_rep_turn *t, void *ud), void *ud,
                    char *err, size_t errlen)
{
    int rc;
    sqlite3_stmt *st = store_rep_prepare(store_db(s), store_rep_q_turns, f);
    if (!st)
        return store_sql_fail(s, st, err, errlen);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        store_rep_turn t;
        t.trainee = store_rep_col(st, 0);
        t.session = store_rep_col(st, 1);
        t.scenario = store_rep_col(st, 2);
        t.lang = store_rep_col(st, 3);
        t.started = store_rep_col(st, 4);
        t.number = sqlite3_column_int(st, 5);
        t.node = store_rep_col(st, 6);
        for (int d = 0; d < SCORE_NDIM; d++)
            t.dims[d] = sqlite3_column_double(st, 7 + d);
        t.overall = sqlite3_column_double(st, 11);
        t.reply = store_rep_col(st, 12);
        int k = fn(&t, ud);
        if (k != 0) {
            sqlite3_finalize(st);
            return k;
        }
    }
    if (rc != SQLITE_DONE)
        return store_sql_fail(s, st, err, errlen);
    sqlite3_finalize(st);
    return 0;
}

/* ---- workshops ----------------------------------------------------------- */

static const char store_rep_q_workshops[] =
    "SELECT w.id, w.started, w.players, w.interrupted,"
    "       COUNT(DISTINCT s.round), COUNT(u.id), AVG(u.overall)"
    "  FROM workshops w JOIN sessions s ON s.workshop = w.id"
    "  LEFT JOIN turns u ON u.session = s.id AND u.retried = 0"
    " WHERE (?2 IS NULL OR w.started >= ?2)"
    "   AND (?1 IS NULL OR EXISTS (SELECT 1 FROM sessions x JOIN trainees y"
    "        ON y.id = x.trainee WHERE x.workshop = w.id AND y.name = ?1))"
    " GROUP BY w.id ORDER BY w.started, w.id";

/* Every round's scenario once (all its sessions play the same one). */
static const char store_rep_q_ws_rounds[] =
    "SELECT scenario || ' (' || lang || ')' FROM sessions"
    " WHERE workshop = ?1 GROUP BY round ORDER BY round";

/* Ties go to the name first in alphabetical order, so the report is stable. */
static const char store_rep_q_ws_picked[] =
    "SELECT t.name, SUM(u.picked)"
    "  FROM turns u JOIN sessions s ON s.id = u.session"
    "  JOIN trainees t ON t.id = s.trainee"
    " WHERE s.workshop = ?1 AND u.picked = 1"
    " GROUP BY t.id ORDER BY 2 DESC, 1 LIMIT 1";

/* The header's JSON array of names as "ali, sara, reza". */
static char *store_rep_names(const char *json)
{
    json_t *a = json_loads(json ? json : "[]", 0, NULL);
    size_t len = 1;
    for (size_t i = 0; i < json_array_size(a); i++)
        len += strlen(json_string_value(json_array_get(a, i)) ?
                      json_string_value(json_array_get(a, i)) : "") + 2;
    char *out = util_xmalloc(len);
    *out = '\0';
    for (size_t i = 0; i < json_array_size(a); i++) {
        const char *name = json_string_value(json_array_get(a, i));
        if (i)
            strcat(out, ", ");
        strcat(out, name ? name : "");
    }
    json_decref(a);
    return out;
}

/* The rounds' scenarios and the most picked player of workshop `id`. */
static int store_rep_ws_detail(store *s, long long id, store_rep_workshop *w,
                               char *err, size_t errlen)
{
    sqlite3_stmt *st = NULL;
    size_t len = 0;
    int rc;
    w->scenarios = util_xstrdup("");
    if (sqlite3_prepare_v2(store_db(s), store_rep_q_ws_rounds, -1, &st, NULL) != SQLITE_OK)
        return store_sql_fail(s, st, err, errlen);
    sqlite3_bind_int64(st, 1, id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *scn = store_rep_col(st, 0);
        w->scenarios = util_xrealloc(w->scenarios, len + strlen(scn) + 3);
        len += (size_t)sprintf(w->scenarios + len, "%s%s", len ? ", " : "", scn);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE ||
        sqlite3_prepare_v2(store_db(s), store_rep_q_ws_picked, -1, &st, NULL) != SQLITE_OK)
        return store_sql_fail(s, NULL, err, errlen);
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        w->picked_most = store_sql_text(st, 0);
        w->picks = sqlite3_column_int64(st, 1);
    } else if (rc != SQLITE_DONE) {
        return store_sql_fail(s, st, err, errlen);
    }
    sqlite3_finalize(st);
    return 0;
}

int store_rep_workshops(store *s, const store_rep_filter *f,
                        store_rep_workshop **out, size_t *n, char *err,
                        size_t errlen)
{
    size_t cap = 0;
    int rc;
    long long *ids = NULL;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = store_rep_prepare(store_db(s), store_rep_q_workshops, f);
    if (!st)
        return store_sql_fail(s, st, err, errlen);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            *out = util_xrealloc(*out, cap * sizeof **out);
            ids = util_xrealloc(ids, cap * sizeof *ids);
        }
        store_rep_workshop *w = &(*out)[*n];
        memset(w, 0, sizeof *w);
        ids[(*n)++] = sqlite3_column_int64(st, 0);
        w->started = store_sql_text(st, 1);
        w->players = store_rep_names((const char *)sqlite3_column_text(st, 2));
        w->interrupted = sqlite3_column_int(st, 3);
        w->rounds = sqlite3_column_int64(st, 4);
        w->replies = sqlite3_column_int64(st, 5);
        w->overall = sqlite3_column_double(st, 6);
    }
    if (rc != SQLITE_DONE)
        rc = store_sql_fail(s, st, err, errlen);
    else
        rc = sqlite3_finalize(st) == SQLITE_OK ? 0 : STORE_EDB;
    /* the rounds' scenarios and the picks: one small query each */
    for (size_t i = 0; rc == 0 && i < *n; i++)
        rc = store_rep_ws_detail(s, ids[i], &(*out)[i], err, errlen);
    free(ids);
    if (rc != 0) {
        store_rep_workshops_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

void store_rep_workshops_free(store_rep_workshop *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].started);
        free(v[i].scenarios);
        free(v[i].players);
        free(v[i].picked_most);
    }
    free(v);
}
