/*
 * store-workshop.c - records a workshop transcript (the JSON Lines of
 * `hamdel workshop`) in the progress database (store.h).
 *
 * A workshop is turned into ordinary rows: for every round and player one
 * sessions row of that player (workshop = the workshops row, round = N),
 * with the player's replies as its turns and the round's ending as its
 * ending. Progress, reports and the team CSV then see workshop work with
 * no special case. The rows are written by store-rec.c: one store_rec per
 * player of the current round is fed the lines a `hamdel play` transcript
 * would have had (a header, the turns, the closing line), so the SQL and
 * the idempotence (keys from the transcript's ids and order) are the same
 * as for a played conversation. Only what play has no word for is written
 * here: the workshops row, a session's round, and picked/rank of a turn.
 */
#include "store.h"
#include "store-sql.h"
#include "i18n.h"
#include "util.h"

#include <jansson.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct store_wrec {
    store *s;
    char *source;
    int live;
    long long workshop;   /* workshops.id; -1 before the header */
    char *uuid, *version;
    char **players;       /* header order */
    size_t n_players;
    int round;            /* the round being played; 0 between rounds */
    store_rec **recs;     /* per player, for the current round */
    struct store_wcounts c;
};


int store_line_is_workshop(const void *line)
{
    const json_t *o = line;
    return json_is_object(o) && json_is_string(json_object_get(o, "workshop")) &&
           json_is_array(json_object_get(o, "players"));
}

store_wrec *store_wrec_new(store *s, const char *source, int live)
{
    store_wrec *w = util_xmalloc(sizeof *w);
    memset(w, 0, sizeof *w);
    w->s = s;
    w->source = source ? util_xstrdup(source) : NULL;
    w->live = live;
    w->workshop = -1;
    return w;
}

/* Forget the current round's recorders. */
static void wrec_round_free(store_wrec *w)
{
    for (size_t i = 0; w->recs && i < w->n_players; i++)
        store_rec_free(w->recs[i]);
    free(w->recs);
    w->recs = NULL;
    w->round = 0;
}

void store_wrec_free(store_wrec *w)
{
    if (!w)
        return;
    wrec_round_free(w);
    for (size_t i = 0; i < w->n_players; i++)
        free(w->players[i]);
    free(w->players);
    free(w->uuid);
    free(w->version);
    free(w->source);
    free(w);
}

const struct store_wcounts *store_wrec_counts(const store_wrec *w)
{
    return &w->c;
}

long long store_wrec_workshop(const store_wrec *w)
{
    return w->workshop;
}

/* ---- reading the line ---------------------------------------------------- */

static const char *wrec_str(const json_t *o, const char *k, char *err,
                            size_t errlen)
{
    const json_t *v = json_object_get(o, k);
    if (!json_is_string(v)) {
        snprintf(err, errlen, v ? _("'%s' should be a string")
                                : _("'%s' is missing"), k);
        return NULL;
    }
    return json_string_value(v);
}

static int wrec_int(const json_t *o, const char *k, int *out, char *err,
                    size_t errlen)
{
    const json_t *v = json_object_get(o, k);
    if (!json_is_integer(v) || json_integer_value(v) < 1 ||
        json_integer_value(v) > INT_MAX) {
        snprintf(err, errlen, v ? _("'%s' should be a whole number from 1")
                                : _("'%s' is missing"), k);
        return -1;
    }
    *out = (int)json_integer_value(v);
    return 0;
}

/* The index of player `name`, or -1 with `err`. */
static int wrec_player(const store_wrec *w, const char *name, char *err,
                       size_t errlen)
{
    for (size_t i = 0; i < w->n_players; i++)
        if (strcmp(w->players[i], name) == 0)
            return (int)i;
    snprintf(err, errlen, _("'%s' is not one of the workshop's players"), name);
    return -1;
}

/* The line belongs to the round being played (its "round" member). */
static int wrec_in_round(const store_wrec *w, const json_t *o, char *err,
                         size_t errlen)
{
    int round;
    if (wrec_int(o, "round", &round, err, errlen) != 0)
        return -1;
    if (round != w->round) {
        if (w->round)
            snprintf(err, errlen, _("a line of round %d during round %d"),
                     round, w->round);
        else
            snprintf(err, errlen, _("a line of round %d, but no round is being "
                     "played (a round starts with its scenario line)"), round);
        return -1;
    }
    return 0;
}

/* ---- SQL ------------------------------------------------------------------ */





/* One store_rec line (taken over); its errors are the line's. */
static int wrec_feed(store_rec *r, json_t *line, char *err, size_t errlen)
{
    int rc = store_rec_line(r, line, err, errlen);
    json_decref(line);
    return rc;
}

/* ---- the header ---------------------------------------------------------- */

/* The players' names (non-empty, unique); 0 or -1 with `err`. */
static int wrec_players(store_wrec *w, const json_t *arr, char *err,
                        size_t errlen)
{
    size_t n = json_array_size(arr);
    if (n == 0) {
        snprintf(err, errlen, _("'%s' should list at least one name"), "players");
        return -1;
    }
    w->players = util_xmalloc(n * sizeof *w->players);
    for (size_t i = 0; i < n; i++) {
        const char *name = json_string_value(json_array_get(arr, i));
        int dup = 0;
        for (size_t j = 0; name && j < w->n_players; j++)
            dup |= strcmp(w->players[j], name) == 0;
        if (!name || !*name || dup) {
            snprintf(err, errlen, _("'%s' should list different, non-empty names"), "players");
            return -1;
        }
        w->players[w->n_players++] = util_xstrdup(name);
    }
    return 0;
}

static int wrec_header_row(store_wrec *w, const json_t *o, const char *started,
                           char *err, size_t errlen)
{
    char *players = json_dumps(json_object_get(o, "players"), JSON_COMPACT);
    sqlite3_stmt *st = store_sql_prepare(w->s,
        "INSERT INTO workshops(key, started, players, rounds, transcript, "
        "version) VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(key) DO NOTHING");
    if (st) {
        store_sql_bind_text(st, 1, w->uuid);
        store_sql_bind_text(st, 2, started);
        store_sql_bind_text(st, 3, players);
        sqlite3_bind_int64(st, 4, (sqlite3_int64)json_array_size(
                               json_object_get(o, "rounds")));
        store_sql_bind_text(st, 5, w->source);
        store_sql_bind_text(st, 6, w->version);
    }
    int k = store_sql_run(w->s, st);
    free(players);
    if (k < 0)
        return store_sql_db_err(w->s, err, errlen);
    w->c.new_workshop = k > 0;
    st = store_sql_prepare(w->s, "SELECT id FROM workshops WHERE key = ?1");
    if (st) {
        store_sql_bind_text(st, 1, w->uuid);
        if (sqlite3_step(st) == SQLITE_ROW)
            w->workshop = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    return w->workshop < 0 ? store_sql_db_err(w->s, err, errlen) : 0;
}

static int wrec_header(store_wrec *w, const json_t *o, char *err, size_t errlen)
{
    const char *uuid = wrec_str(o, "workshop", err, errlen);
    const char *started = uuid ? wrec_str(o, "started", err, errlen) : NULL;
    if (!started)
        return -1;
    const json_t *players = json_object_get(o, "players");
    if (!json_is_array(players)) {
        snprintf(err, errlen, _("'%s' should be an array"), "players");
        return -1;
    }
    if (wrec_players(w, players, err, errlen) != 0) {
        for (size_t i = 0; i < w->n_players; i++)
            free(w->players[i]);
        free(w->players);
        w->players = NULL;
        w->n_players = 0;
        return -1;
    }
    const char *version = json_string_value(json_object_get(o, "version"));
    w->uuid = util_xstrdup(uuid);
    w->version = version ? util_xstrdup(version) : NULL;
    w->c.players = (int)w->n_players;
    return wrec_header_row(w, o, started, err, errlen);
}

/* ---- rounds ------------------------------------------------------------- */

/* The play header of `player`'s session in this round. */
static json_t *wrec_session_header(const store_wrec *w, const json_t *o,
                                   const char *player)
{
    char *sid = util_xmalloc(strlen(w->uuid) + strlen(player) + 32);
    sprintf(sid, "%s/%d/%s", w->uuid, w->round, player);
    json_t *h = json_pack("{s:O, s:O, s:O, s:s, s:s}",
                          "scenario", json_object_get(o, "scenario"),
                          "lang", json_object_get(o, "lang"),
                          "started", json_object_get(o, "started"),
                          "session", sid, "trainee", player);
    if (w->version)
        json_object_set_new(h, "version", json_string(w->version));
    free(sid);
    return h;
}

/* Mark player i's session as this workshop's round. */
static int wrec_tag_session(store_wrec *w, size_t i, char *err, size_t errlen)
{
    const struct store_counts *c = store_rec_counts(w->recs[i]);
    w->c.sessions += c->new_session;
    sqlite3_stmt *st = store_sql_prepare(w->s, "UPDATE sessions SET workshop = ?1, "
                                       "round = ?2 WHERE id = ?3");
    if (st) {
        sqlite3_bind_int64(st, 1, w->workshop);
        sqlite3_bind_int(st, 2, w->round);
        sqlite3_bind_int64(st, 3, store_rec_session(w->recs[i]));
    }
    return store_sql_run(w->s, st) < 0 ? store_sql_db_err(w->s, err, errlen) : 0;
}

/* The sessions of earlier rounds ended, at the latest, when this round
 * started (an imported ending line carries no time). */
static int wrec_close_earlier(store_wrec *w, const char *started, char *err,
                              size_t errlen)
{
    sqlite3_stmt *st = store_sql_prepare(w->s, "UPDATE sessions SET ended = ?1 "
                                       "WHERE workshop = ?2 AND round < ?3 "
                                       "AND ended IS NULL");
    if (st) {
        store_sql_bind_text(st, 1, started);
        sqlite3_bind_int64(st, 2, w->workshop);
        sqlite3_bind_int(st, 3, w->round);
    }
    return store_sql_run(w->s, st) < 0 ? store_sql_db_err(w->s, err, errlen) : 0;
}

static int wrec_round(store_wrec *w, const json_t *o, char *err, size_t errlen)
{
    int round;
    if (wrec_int(o, "round", &round, err, errlen) != 0 ||
        !wrec_str(o, "scenario", err, errlen) || !wrec_str(o, "lang", err, errlen) ||
        !wrec_str(o, "started", err, errlen))
        return -1;
    wrec_round_free(w);
    w->round = round;
    w->recs = util_xmalloc(w->n_players * sizeof *w->recs);
    for (size_t i = 0; i < w->n_players; i++)
        w->recs[i] = store_rec_new(w->s, w->players[i], w->source, w->live);
    for (size_t i = 0; i < w->n_players; i++) {
        int rc = wrec_feed(w->recs[i], wrec_session_header(w, o, w->players[i]),
                           err, errlen);
        if (rc == 0)
            rc = wrec_tag_session(w, i, err, errlen);
        if (rc != 0) {
            wrec_round_free(w);
            return rc;
        }
    }
    w->c.rounds++;
    return wrec_close_earlier(w, json_string_value(json_object_get(o, "started")),
                              err, errlen);
}

/* A player's reply (or pass) on one customer line. */
static int wrec_reply(store_wrec *w, const json_t *o, char *err, size_t errlen)
{
    const char *player = wrec_str(o, "player", err, errlen);
    int p;
    if (!player || wrec_in_round(w, o, err, errlen) != 0 ||
        (p = wrec_player(w, player, err, errlen)) < 0)
        return -1;
    if (json_is_true(json_object_get(o, "passed")))
        return 0; /* a pass is no reply: no turn row */
    json_t *turn = json_deep_copy(o);
    json_object_del(turn, "round");
    json_object_del(turn, "player");
    const struct store_counts *c = store_rec_counts(w->recs[p]);
    int before = c->turns;
    int rc = wrec_feed(w->recs[p], turn, err, errlen);
    if (rc == 0)
        w->c.replies += c->turns - before;
    return rc;
}

/* Rank and picked of one player's reply on turn `turn`. */
static int wrec_rank(store_wrec *w, int p, int turn, int rank, int picked,
                     char *err, size_t errlen)
{
    sqlite3_stmt *st = store_sql_prepare(w->s, "UPDATE turns SET rank = ?1, picked = ?2 "
                                       "WHERE session = ?3 AND number = ?4");
    if (st) {
        sqlite3_bind_int(st, 1, rank);
        sqlite3_bind_int(st, 2, picked);
        sqlite3_bind_int64(st, 3, store_rec_session(w->recs[p]));
        sqlite3_bind_int(st, 4, turn);
    }
    return store_sql_run(w->s, st) < 0 ? store_sql_db_err(w->s, err, errlen) : 0;
}

/* The facilitator's choice: rank = place in "ranking", picked = "pick". */
static int wrec_pick(store_wrec *w, const json_t *o, char *err, size_t errlen)
{
    int turn;
    const char *pick = wrec_str(o, "pick", err, errlen);
    const json_t *ranking = json_object_get(o, "ranking");
    if (!pick || wrec_in_round(w, o, err, errlen) != 0 ||
        wrec_int(o, "turn", &turn, err, errlen) != 0 ||
        wrec_player(w, pick, err, errlen) < 0)
        return -1;
    if (!json_is_array(ranking)) {
        snprintf(err, errlen, _("'%s' should be an array"), "ranking");
        return -1;
    }
    for (size_t i = 0; i < json_array_size(ranking); i++) {
        const char *who = json_string_value(json_array_get(ranking, i));
        int p = who ? wrec_player(w, who, err, errlen) : -1;
        if (!who)
            snprintf(err, errlen, _("'%s' should list player names"), "ranking");
        if (p < 0)
            return -1;
        int rc = wrec_rank(w, p, turn, (int)i + 1, strcmp(who, pick) == 0,
                           err, errlen);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* The round's ending (or its interruption): every player's session ends
 * the way the conversation did. `closing` is taken over. */
static int wrec_round_close(store_wrec *w, json_t *closing, char *err,
                            size_t errlen)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < w->n_players; i++)
        rc = store_rec_line(w->recs[i], closing, err, errlen);
    json_decref(closing);
    return rc;
}

static int wrec_ending(store_wrec *w, const json_t *o, char *err, size_t errlen)
{
    const char *ending = wrec_str(o, "ending", err, errlen);
    const char *node = ending ? wrec_str(o, "node", err, errlen) : NULL;
    if (!node || wrec_in_round(w, o, err, errlen) != 0)
        return -1;
    int rc = wrec_round_close(w, json_pack("{s:s, s:s}", "ending", ending,
                                           "node", node), err, errlen);
    if (rc == 0)
        wrec_round_free(w);
    return rc;
}

/* ---- the workshop's end -------------------------------------------------- */

/* Set the workshops row: interrupted, or ended with its summary. */
static int wrec_close_row(store_wrec *w, const char *ended, const char *summary,
                          char *err, size_t errlen)
{
    sqlite3_stmt *st = store_sql_prepare(w->s, summary
        ? "UPDATE workshops SET ended = coalesce(?1, ended), summary = ?2 "
          "WHERE id = ?3 AND summary IS NULL"
        : "UPDATE workshops SET interrupted = 1, ended = coalesce(ended, ?1) "
          "WHERE id = ?3 AND interrupted = 0 AND summary IS NULL");
    if (st) {
        store_sql_bind_text(st, 1, ended);
        store_sql_bind_text(st, 2, summary);
        sqlite3_bind_int64(st, 3, w->workshop);
    }
    int k = store_sql_run(w->s, st);
    if (k < 0)
        return store_sql_db_err(w->s, err, errlen);
    w->c.ended += k;
    snprintf(w->c.state, sizeof w->c.state, "%s", summary ? "ended" : "interrupted");
    return 0;
}

static int wrec_interrupted(store_wrec *w, const json_t *o, char *err,
                            size_t errlen)
{
    if (json_object_get(o, "round")) {
        const char *node = wrec_str(o, "node", err, errlen);
        if (!node || wrec_in_round(w, o, err, errlen) != 0)
            return -1;
        int rc = wrec_round_close(w, json_pack("{s:b, s:s}", "interrupted", 1,
                                               "node", node), err, errlen);
        if (rc != 0)
            return rc;
        wrec_round_free(w);
    }
    return wrec_close_row(w, json_string_value(json_object_get(o, "ended")),
                          NULL, err, errlen);
}

static int wrec_end(store_wrec *w, const json_t *o, char *err, size_t errlen)
{
    const char *ended = wrec_str(o, "ended", err, errlen);
    if (!ended)
        return -1;
    const json_t *sum = json_object_get(o, "summary");
    char *summary = sum ? json_dumps(sum, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
    int rc = wrec_close_row(w, ended, summary ? summary : "{}", err, errlen);
    free(summary);
    if (rc != 0)
        return rc;
    /* the sessions of ended rounds end when the workshop did, unless the
     * clock said so already (live) */
    sqlite3_stmt *st = store_sql_prepare(w->s, "UPDATE sessions SET ended = ?1 "
                                       "WHERE workshop = ?2 AND ended IS NULL "
                                       "AND ending IS NOT NULL");
    if (st) {
        store_sql_bind_text(st, 1, ended);
        sqlite3_bind_int64(st, 2, w->workshop);
    }
    return store_sql_run(w->s, st) < 0 ? store_sql_db_err(w->s, err, errlen) : 0;
}

/* ---- one line ------------------------------------------------------------- */

static int wrec_dispatch(store_wrec *w, const json_t *o, char *err,
                         size_t errlen)
{
    if (w->workshop < 0) {
        if (!store_line_is_workshop(o)) {
            snprintf(err, errlen, _("a workshop transcript starts with its "
                     "header (workshop, started, players)"));
            return -1;
        }
        return wrec_header(w, o, err, errlen);
    }
    if (json_object_get(o, "workshop")) {
        snprintf(err, errlen, _("a second header: one workshop per file"));
        return -1;
    }
    if (json_is_true(json_object_get(o, "workshop_end")))
        return wrec_end(w, o, err, errlen);
    if (json_is_true(json_object_get(o, "interrupted")))
        return wrec_interrupted(w, o, err, errlen);
    if (json_object_get(o, "pick"))
        return wrec_pick(w, o, err, errlen);
    if (json_object_get(o, "ending"))
        return wrec_ending(w, o, err, errlen);
    if (json_object_get(o, "player"))
        return wrec_reply(w, o, err, errlen);
    if (json_object_get(o, "scenario"))
        return wrec_round(w, o, err, errlen);
    snprintf(err, errlen, _("not a workshop transcript line (expected a round, "
             "a reply, a pick, an ending, an interruption or the end)"));
    return -1;
}

/* The workshop's replies recorded so far (for the import summary). */
static int wrec_total(store_wrec *w, char *err, size_t errlen)
{
    if (w->workshop < 0)
        return 0;
    sqlite3_stmt *st = store_sql_prepare(w->s, "SELECT count(*) FROM turns u JOIN "
                                       "sessions s ON s.id = u.session "
                                       "WHERE s.workshop = ?1");
    if (!st)
        return store_sql_db_err(w->s, err, errlen);
    sqlite3_bind_int64(st, 1, w->workshop);
    if (sqlite3_step(st) == SQLITE_ROW)
        w->c.total_replies = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return 0;
}

int store_wrec_line(store_wrec *w, const void *line, char *err, size_t errlen)
{
    const json_t *o = line;
    if (!json_is_object(o)) {
        snprintf(err, errlen, _("a transcript line is a JSON object"));
        return -1;
    }
    int own;
    /* a failed line leaves nothing behind (the players' recorders each
     * keep their own savepoint inside this one) */
    int rc = store_sql_line_begin(w->s, "wrec_line", &own, err, errlen);
    if (rc != 0)
        return rc;
    struct store_wcounts before = w->c;
    rc = wrec_dispatch(w, o, err, errlen);
    if (rc == 0)
        rc = wrec_total(w, err, errlen);
    rc = store_sql_line_end(w->s, "wrec_line", own, rc, err, errlen);
    if (rc != 0)
        w->c = before;
    return rc;
}
