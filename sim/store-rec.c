/*
 * store-rec.c - records transcript lines in the progress database
 * (store.h).
 *
 * Live play and `hamdel import` both come through here with the JSON
 * lines of transcript.h, so both fill the tables the same way. Every row
 * is keyed by its place in the transcript (the session key from the
 * header, then the turn's and the event's order), and inserts that find
 * their key already present add nothing: reading a transcript again, or a
 * longer version of it, adds only what is new.
 */
#include "store.h"
#include "store-sql.h"
#include "i18n.h"
#include "score.h"
#include "util.h"
#include "scn.h"

#include <jansson.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct store_rec {
    store *s;
    char *trainee, *source;
    int live;
    long long session;
    int turn_seq, event_seq;
    struct store_counts c;
};

store_rec *store_rec_new(store *s, const char *trainee, const char *source,
                         int live)
{
    store_rec *r = util_xmalloc(sizeof *r);
    memset(r, 0, sizeof *r);
    r->s = s;
    r->trainee = trainee && *trainee ? util_xstrdup(trainee) : NULL;
    r->source = source ? util_xstrdup(source) : NULL;
    r->live = live;
    r->session = -1;
    return r;
}

void store_rec_free(store_rec *r)
{
    if (!r)
        return;
    free(r->trainee);
    free(r->source);
    free(r);
}

const struct store_counts *store_rec_counts(const store_rec *r)
{
    return &r->c;
}

long long store_rec_session(const store_rec *r)
{
    return r->session;
}


#define REC_MAX_LABEL 200 /* characters of a label (a date, an event kind) */

/* ---- reading the line ---------------------------------------------------- */

/* A required string member; NULL with `err` when absent or not a string.
 * A transcript may come from anywhere: every member but the free texts
 * (reply, customer) is a short label that tables, reports and CSV files
 * print, so one holding control or direction-changing characters is
 * refused here (util_name_ok), not stored to surface later. */
static const char *rec_str(const json_t *o, const char *k, char *err,
                           size_t errlen)
{
    const json_t *v = json_object_get(o, k);
    if (!json_is_string(v)) {
        snprintf(err, errlen, v ? _("'%s' should be a string")
                               : _("'%s' is missing"), k);
        return NULL;
    }
    const char *s = json_string_value(v);
    if (strcmp(k, "reply") != 0 && strcmp(k, "customer") != 0 &&
        !util_name_ok(s, json_string_length(v), REC_MAX_LABEL)) {
        snprintf(err, errlen, _("'%s' should be 1 to %d characters without control "
                               "or direction-changing characters"), k, REC_MAX_LABEL);
        return NULL;
    }
    return s;
}

/* A scenario ('-') or node ('_') id, by the scenario loader's rule. */
static const char *rec_id(const json_t *o, const char *k, char extra, char *err,
                          size_t errlen)
{
    const char *s = rec_str(o, k, err, errlen);
    if (s && !scn_id_ok(s, extra)) {
        snprintf(err, errlen, _("'%s' should be an id (a-z, 0-9 and '%c')"), k, extra);
        return NULL;
    }
    return s;
}

static int rec_num(const json_t *o, const char *k, double *out, char *err,
                   size_t errlen)
{
    const json_t *v = json_object_get(o, k);
    if (!json_is_number(v)) {
        snprintf(err, errlen, v ? _("'%s' should be a number")
                               : _("'%s' is missing"), k);
        return -1;
    }
    *out = json_number_value(v);
    /* every number of a transcript is a grade or a tension: one of 1e300
     * would be every mean of the trainee's reports */
    if (!(*out >= 0 && *out <= 10)) {
        snprintf(err, errlen, _("'%s' should be a number from 0 to 10"), k);
        return -1;
    }
    return 0;
}

static int rec_int(const json_t *o, const char *k, int *out, char *err,
                   size_t errlen)
{
    const json_t *v = json_object_get(o, k);
    if (!json_is_integer(v) || json_integer_value(v) < 0 ||
        json_integer_value(v) > INT_MAX) {
        snprintf(err, errlen, v ? _("'%s' should be a whole number from 0 to %d")
                               : _("'%s' is missing"), k, INT_MAX);
        return -1;
    }
    *out = (int)json_integer_value(v);
    return 0;
}

/* ---- SQL helpers ------------------------------------------------------- */





static void rec_now(char *buf, size_t n)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- the kinds of line ---------------------------------------------------- */

static int rec_header(store_rec *r, const json_t *o, char *err, size_t errlen)
{
    const char *scn = rec_id(o, "scenario", '-', err, errlen);
    const char *lang = scn ? rec_str(o, "lang", err, errlen) : NULL;
    if (lang && score_lang_parse(lang) != SCORE_LANG_EN && score_lang_parse(lang) != SCORE_LANG_FA) {
        snprintf(err, errlen, _("'%s' should be en or fa"), "lang");
        lang = NULL;
    }
    const char *started = lang ? rec_str(o, "started", err, errlen) : NULL;
    if (!started)
        return -1;
    const char *sid = json_string_value(json_object_get(o, "session"));
    const char *who = json_string_value(json_object_get(o, "trainee"));
    const char *version = json_string_value(json_object_get(o, "version"));
    if (r->trainee)
        who = r->trainee;
    /* A transcript from elsewhere may name anyone: the name would land in
     * every table and export, so the rule of --trainee holds (util.h). */
    if (who && *who && !util_name_ok(who, strlen(who), UTIL_MAX_NAME)) {
        snprintf(err, errlen, _("'trainee' is no usable name (1 to %d characters, "
                               "no control or direction-changing characters)"),
                UTIL_MAX_NAME);
        return -1;
    }
    /* the session id when the transcript has one; else where the file is
     * and when and what it started */
    size_t klen = strlen(scn) + strlen(started) +
                  (sid ? strlen(sid) : r->source ? strlen(r->source) : 0) + 16;
    char *key = util_xmalloc(klen);
    if (sid)
        snprintf(key, klen, "id:%s", sid);
    else
        snprintf(key, klen, "file:%s|%s|%s", r->source ? r->source : "",
                 started, scn);
    long long tid = -1;
    if (who && *who && (tid = store_trainee(r->s, who, err, errlen)) < 0) {
        free(key);
        return STORE_EDB;
    }
    sqlite3_stmt *st = store_sql_prepare(r->s,
        "INSERT INTO sessions(key, trainee, scenario, lang, started, "
        "transcript, version) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) "
        "ON CONFLICT(key) DO NOTHING");
    if (st) {
        store_sql_bind_text(st, 1, key);
        if (tid >= 0)
            sqlite3_bind_int64(st, 2, tid);
        store_sql_bind_text(st, 3, scn);
        store_sql_bind_text(st, 4, lang);
        store_sql_bind_text(st, 5, started);
        store_sql_bind_text(st, 6, r->source);
        store_sql_bind_text(st, 7, version);
    }
    int k = store_sql_run(r->s, st);
    if (k < 0) {
        free(key);
        return store_sql_db_err(r->s, err, errlen);
    }
    r->c.new_session = k > 0;
    st = store_sql_prepare(r->s, "SELECT id FROM sessions WHERE key = ?1");
    if (st) {
        store_sql_bind_text(st, 1, key);
        if (sqlite3_step(st) == SQLITE_ROW)
            r->session = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    free(key);
    if (r->session < 0)
        return store_sql_db_err(r->s, err, errlen);
    if (tid >= 0) { /* a session imported without a name gets one now */
        st = store_sql_prepare(r->s, "UPDATE sessions SET trainee = ?1 WHERE id = ?2 "
                            "AND trainee IS NULL");
        if (st) {
            sqlite3_bind_int64(st, 1, tid);
            sqlite3_bind_int64(st, 2, r->session);
        }
        if (store_sql_run(r->s, st) < 0)
            return store_sql_db_err(r->s, err, errlen);
    }
    return 0;
}

static int rec_turn(store_rec *r, const json_t *o, char *err, size_t errlen)
{
    int number;
    double sc[SCORE_NDIM], overall, tb = 0, ta = 0;
    const char *node, *reply;
    const json_t *scores = json_object_get(o, "scores");
    if (rec_int(o, "turn", &number, err, errlen) != 0 ||
        !(node = rec_id(o, "node", '_', err, errlen)) ||
        !(reply = rec_str(o, "reply", err, errlen)) ||
        rec_num(o, "overall", &overall, err, errlen) != 0)
        return -1;
    if (!json_is_object(scores)) {
        snprintf(err, errlen, _("'%s' should be an object"), "scores");
        return -1;
    }
    for (int d = 0; d < SCORE_NDIM; d++)
        if (rec_num(scores, score_dim_name((score_dim)d), &sc[d], err, errlen) != 0)
            return -1;
    int has_tb = json_object_get(o, "tension_before") != NULL;
    int has_ta = json_object_get(o, "tension_after") != NULL;
    if ((has_tb && rec_num(o, "tension_before", &tb, err, errlen) != 0) ||
        (has_ta && rec_num(o, "tension_after", &ta, err, errlen) != 0))
        return -1;
    const json_t *fs = json_object_get(o, "findings");
    char *findings = json_is_array(fs) ? json_dumps(fs, JSON_COMPACT) : NULL;
    sqlite3_stmt *st = store_sql_prepare(r->s,
        "INSERT INTO turns(session, seq, number, node, customer, reply, "
        "empathy, action, honesty, boundaries, overall, tension_before, "
        "tension_after, next, broke, findings) VALUES(?1, ?2, ?3, ?4, ?5, "
        "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, coalesce(?16, '[]')) "
        "ON CONFLICT(session, seq) DO NOTHING");
    if (st) {
        sqlite3_bind_int64(st, 1, r->session);
        sqlite3_bind_int(st, 2, r->turn_seq + 1);
        sqlite3_bind_int(st, 3, number);
        store_sql_bind_text(st, 4, node);
        store_sql_bind_text(st, 5, json_string_value(json_object_get(o, "customer")));
        store_sql_bind_text(st, 6, reply);
        for (int d = 0; d < SCORE_NDIM; d++)
            sqlite3_bind_double(st, 7 + d, sc[d]);
        sqlite3_bind_double(st, 11, overall);
        if (has_tb)
            sqlite3_bind_double(st, 12, tb);
        if (has_ta)
            sqlite3_bind_double(st, 13, ta);
        store_sql_bind_text(st, 14, json_string_value(json_object_get(o, "next")));
        sqlite3_bind_int(st, 15, json_is_true(json_object_get(o, "breaking_point")));
        store_sql_bind_text(st, 16, findings);
    }
    int k = store_sql_run(r->s, st);
    free(findings);
    if (k < 0)
        return store_sql_db_err(r->s, err, errlen);
    r->turn_seq++;
    r->c.turns += k;
    return 0;
}

static int rec_event(store_rec *r, const json_t *o, char *err, size_t errlen)
{
    int turn;
    const char *kind = rec_str(o, "event", err, errlen), *node;
    if (!kind || !(node = rec_id(o, "node", '_', err, errlen)) ||
        rec_int(o, "turn", &turn, err, errlen) != 0)
        return -1;
    sqlite3_stmt *st = store_sql_prepare(r->s,
        "INSERT INTO events(session, seq, kind, node, turn) "
        "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(session, seq) DO NOTHING");
    if (st) {
        sqlite3_bind_int64(st, 1, r->session);
        sqlite3_bind_int(st, 2, r->event_seq + 1);
        store_sql_bind_text(st, 3, kind);
        store_sql_bind_text(st, 4, node);
        sqlite3_bind_int(st, 5, turn);
    }
    int k = store_sql_run(r->s, st);
    if (k < 0)
        return store_sql_db_err(r->s, err, errlen);
    r->event_seq++;
    r->c.events += k;
    if (strcmp(kind, "retry") != 0)
        return 0;
    /* the latest answer numbered `turn` so far was taken back */
    st = store_sql_prepare(r->s,
        "UPDATE turns SET retried = 1 WHERE id = (SELECT id FROM turns "
        "WHERE session = ?1 AND number = ?2 AND seq <= ?3 "
        "ORDER BY seq DESC LIMIT 1)");
    if (st) {
        sqlite3_bind_int64(st, 1, r->session);
        sqlite3_bind_int(st, 2, turn);
        sqlite3_bind_int(st, 3, r->turn_seq);
    }
    return store_sql_run(r->s, st) < 0 ? store_sql_db_err(r->s, err, errlen) : 0;
}

/* The ending line, or the interrupted one (ending == NULL). */
static int rec_close(store_rec *r, const json_t *o, const char *ending,
                     char *err, size_t errlen)
{
    const char *node = rec_id(o, "node", '_', err, errlen);
    if (!node)
        return -1;
    char now[32];
    const char *ended = json_string_value(json_object_get(o, "ended"));
    if (!ended && r->live) {
        rec_now(now, sizeof now);
        ended = now;
    }
    sqlite3_stmt *st = store_sql_prepare(r->s, ending
        ? "UPDATE sessions SET ending = ?1, end_node = ?2, interrupted = 0, "
          "ended = coalesce(ended, ?3) WHERE id = ?4 AND ending IS NULL"
        : "UPDATE sessions SET interrupted = 1, end_node = ?2, "
          "ended = coalesce(ended, ?3) WHERE id = ?4 AND ending IS NULL "
          "AND interrupted = 0");
    if (st) {
        store_sql_bind_text(st, 1, ending);
        store_sql_bind_text(st, 2, node);
        store_sql_bind_text(st, 3, ended);
        sqlite3_bind_int64(st, 4, r->session);
    }
    int k = store_sql_run(r->s, st);
    if (k < 0)
        return store_sql_db_err(r->s, err, errlen);
    r->c.ended += k;
    return 0;
}

/* The session's turn count and means, over the answers not taken back. */
static int rec_refresh(store_rec *r, char *err, size_t errlen)
{
    sqlite3_stmt *st = store_sql_prepare(r->s,
        "UPDATE sessions SET (turns, empathy, action, honesty, boundaries, "
        "overall) = (SELECT count(*), avg(empathy), avg(action), "
        "avg(honesty), avg(boundaries), avg(overall) FROM turns "
        "WHERE session = ?1 AND retried = 0) WHERE id = ?1");
    if (st)
        sqlite3_bind_int64(st, 1, r->session);
    if (store_sql_run(r->s, st) < 0)
        return store_sql_db_err(r->s, err, errlen);
    st = store_sql_prepare(r->s, "SELECT turns, coalesce(ending, '') FROM sessions "
                        "WHERE id = ?1");
    if (!st)
        return store_sql_db_err(r->s, err, errlen);
    sqlite3_bind_int64(st, 1, r->session);
    if (sqlite3_step(st) == SQLITE_ROW) {
        r->c.session_turns = sqlite3_column_int(st, 0);
        snprintf(r->c.ending, sizeof r->c.ending, "%s",
                 (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    return 0;
}

static int rec_dispatch(store_rec *r, const json_t *o, char *err,
                        size_t errlen)
{
    if (r->session < 0) {
        if (!json_object_get(o, "scenario")) {
            snprintf(err, errlen, _("a transcript starts with its header "
                    "(scenario, lang, started)"));
            return -1;
        }
        return rec_header(r, o, err, errlen);
    }
    int rc;
    if (json_object_get(o, "turn") && json_object_get(o, "reply"))
        rc = rec_turn(r, o, err, errlen);
    else if (json_object_get(o, "event"))
        rc = rec_event(r, o, err, errlen);
    else if (json_object_get(o, "ending"))
        rc = rec_str(o, "ending", err, errlen)
             ? rec_close(r, o, json_string_value(json_object_get(o, "ending")),
                         err, errlen) : -1;
    else if (json_is_true(json_object_get(o, "interrupted")))
        rc = rec_close(r, o, NULL, err, errlen);
    else if (json_object_get(o, "scenario")) {
        snprintf(err, errlen, _("a second header: one transcript per file"));
        return -1;
    } else {
        snprintf(err, errlen, _("not a transcript line (expected a turn, an "
                "event, an ending or an interruption)"));
        return -1;
    }
    return rc == 0 ? rec_refresh(r, err, errlen) : rc;
}

int store_rec_line(store_rec *r, const void *line, char *err, size_t errlen)
{
    const json_t *o = line;
    if (!json_is_object(o)) {
        snprintf(err, errlen, _("a transcript line is a JSON object"));
        return -1;
    }
    int own;
    /* a failed line leaves nothing behind, in its own transaction or in
     * the caller's */
    int rc = store_sql_line_begin(r->s, "rec_line", &own, err, errlen);
    if (rc != 0)
        return rc;
    struct store_counts before = r->c;
    int seqs[2] = {r->turn_seq, r->event_seq};
    long long session = r->session;
    rc = store_sql_line_end(r->s, "rec_line", own,
                            rec_dispatch(r, o, err, errlen), err, errlen);
    if (rc != 0) {
        r->c = before;
        r->turn_seq = seqs[0];
        r->event_seq = seqs[1];
        r->session = session;
    }
    return rc;
}
