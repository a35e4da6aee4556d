/*
 * test_store_workshop.c - workshops in the progress store
 * (sim/store-workshop.c, migration 2): a 3-player, 2-round workshop
 * transcript becomes one session per player and round with the player's
 * replies (picked, rank) and the round's ending; feeding it again, or a
 * shorter version first, adds only what is new; an interrupted workshop;
 * a version-1 database is migrated; tracks leave workshop sessions out;
 * recording live as the workshop's transcript is written.
 */
#include "testutil.h"

#include <jansson.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store.h"
#include "transcript.h"

static char dir[256];

static int tw_setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/hamdel-test-wks-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int tw_teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static store *tw_open(const char *name)
{
    char path[300], err[4200];
    int code = -1;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    store *s = store_open(path, err, sizeof err, &code);
    if (!s)
        fprintf(stderr, "%s\n", err);
    assert_non_null(s);
    return s;
}

static long long tw_query(store *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* ---- the transcript ---------------------------------------------------- */

#define TW_ID "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"

static json_t *tw_header(void)
{
    return json_pack("{s:s, s:s, s:s, s:[s,s,s], s:[{s:s,s:s},{s:s,s:s}]}",
                     "workshop", TW_ID, "started", "2026-11-23T15:00:00Z",
                     "version", "0.1.0", "players", "ali", "sara", "reza",
                     "rounds", "scenario", "broken-tv", "lang", "en",
                     "scenario", "backorder", "lang", "fa");
}

static json_t *tw_round(int round, const char *scn, const char *lang)
{
    return json_pack("{s:i, s:s, s:s, s:s}", "round", round, "scenario", scn,
                     "lang", lang, "started", "2026-11-23T15:01:00Z");
}

/* A reply graded `g` in every dimension. */
static json_t *tw_reply(int round, const char *player, int turn, double g)
{
    return json_pack("{s:i, s:s, s:i, s:s, s:s, s:s, s:{s:f,s:f,s:f,s:f}, "
                     "s:f, s:[], s:i, s:i, s:s, s:s}",
                     "round", round, "player", player, "turn", turn,
                     "node", turn == 1 ? "opening" : "options", "customer", "c",
                     "reply", "r", "scores", "empathy", g, "action", g,
                     "honesty", g, "boundaries", g, "overall", g,
                     "findings", "tension_before", 6, "tension_after", 5,
                     "say", "s", "next", "options");
}

static json_t *tw_pass(int round, const char *player, int turn)
{
    return json_pack("{s:i, s:s, s:i, s:s, s:b}", "round", round, "player",
                     player, "turn", turn, "node", "options", "passed", 1);
}

static json_t *tw_pick(int round, int turn, const char *pick, json_t *ranking)
{
    return json_pack("{s:i, s:i, s:s, s:s, s:o}", "round", round, "turn", turn,
                     "pick", pick, "by", "best", "ranking", ranking);
}

static json_t *tw_ending(int round)
{
    return json_pack("{s:i, s:s, s:s, s:{}}", "round", round, "ending",
                     "resolved", "node", "thanks", "summary");
}

#define TW_MAX 32

/* Round 1: two turns (reza passes the second), round 2: one turn, then
 * the end. 18 lines. */
static size_t tw_lines(json_t **v)
{
    size_t n = 0;
    v[n++] = tw_header();
    v[n++] = tw_round(1, "broken-tv", "en");
    v[n++] = tw_reply(1, "ali", 1, 8.0);
    v[n++] = tw_reply(1, "sara", 1, 4.0);
    v[n++] = tw_reply(1, "reza", 1, 6.0);
    v[n++] = tw_pick(1, 1, "ali", json_pack("[s,s,s]", "ali", "reza", "sara"));
    v[n++] = tw_reply(1, "ali", 2, 5.0);
    v[n++] = tw_reply(1, "sara", 2, 9.0);
    v[n++] = tw_pass(1, "reza", 2);
    v[n++] = tw_pick(1, 2, "ali", json_pack("[s,s]", "sara", "ali"));
    v[n++] = tw_ending(1);
    v[n++] = tw_round(2, "backorder", "fa");
    v[n++] = tw_reply(2, "ali", 1, 7.0);
    v[n++] = tw_reply(2, "sara", 1, 6.0);
    v[n++] = tw_reply(2, "reza", 1, 9.0);
    v[n++] = tw_pick(2, 1, "reza", json_pack("[s,s,s]", "reza", "ali", "sara"));
    v[n++] = tw_ending(2);
    v[n++] = json_pack("{s:b, s:s, s:{s:i}}", "workshop_end", 1, "ended",
                       "2026-11-23T15:30:00Z", "summary", "replies", 8);
    return n;
}
#define TW_NLINES 18

/* Feed the first `upto` lines to a new recorder; its counts. */
static struct store_wcounts tw_feed(store *s, size_t upto)
{
    json_t *v[TW_MAX];
    size_t n = tw_lines(v);
    assert_int_equal(n, TW_NLINES);
    store_wrec *w = store_wrec_new(s, "/x/w.jsonl", 0);
    char err[4200];
    for (size_t i = 0; i < n; i++) {
        assert_non_null(v[i]);
        if (i < upto) {
            int rc = store_wrec_line(w, v[i], err, sizeof err);
            if (rc != 0)
                fprintf(stderr, "line %zu: %s\n", i + 1, err);
            assert_int_equal(rc, 0);
        }
        json_decref(v[i]);
    }
    struct store_wcounts c = *store_wrec_counts(w);
    store_wrec_free(w);
    return c;
}

/* ---- the tests -------------------------------------------------------- */

static void test_header_detected(void **state)
{
    (void)state;
    json_t *h = tw_header(), *p = json_pack("{s:s}", "scenario", "x");
    assert_true(store_line_is_workshop(h));
    assert_false(store_line_is_workshop(p));
    json_decref(h);
    json_decref(p);
}

static void test_rows(void **state)
{
    (void)state;
    store *s = tw_open("rows.db");
    struct store_wcounts c = tw_feed(s, TW_NLINES);
    assert_true(c.new_workshop);
    assert_int_equal(c.players, 3);
    assert_int_equal(c.rounds, 2);
    assert_int_equal(c.replies, 8);
    assert_int_equal(c.sessions, 6);
    assert_int_equal(c.total_replies, 8);
    assert_string_equal(c.state, "ended");
    long long wid = tw_query(s, "SELECT id FROM workshops");
    assert_int_equal(tw_query(s, "SELECT count(*) FROM workshops WHERE rounds = 2 "
                     "AND summary IS NOT NULL AND ended = '2026-11-23T15:30:00Z' "
                     "AND interrupted = 0 AND players = '[\"ali\",\"sara\",\"reza\"]'"), 1);
    /* one session per (round, player), the player's, in this workshop */
    assert_int_equal(tw_query(s, "SELECT count(*) FROM sessions"), 6);
    char sql[400];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM sessions WHERE workshop = %lld "
             "AND ending = 'resolved' AND interrupted = 0", wid);
    assert_int_equal(tw_query(s, sql), 6);
    assert_int_equal(tw_query(s, "SELECT count(*) FROM sessions s JOIN trainees t "
                     "ON t.id = s.trainee WHERE t.name = 'ali' AND s.round = 2 AND "
                     "s.key = 'id:" TW_ID "/2/ali' AND s.lang = 'fa'"), 1);
    assert_int_equal(tw_query(s, "SELECT count(*) FROM trainees"), 3);
    /* reza passed turn 2 of round 1: one turn there */
    assert_int_equal(tw_query(s, "SELECT turns FROM sessions WHERE key = "
                     "'id:" TW_ID "/1/reza'"), 1);
    assert_int_equal(tw_query(s, "SELECT turns FROM sessions WHERE key = "
                     "'id:" TW_ID "/1/sara'"), 2);
    /* picked and rank from the pick lines */
    assert_int_equal(tw_query(s, "SELECT count(*) FROM turns WHERE picked = 1"), 3);
    assert_int_equal(tw_query(s, "SELECT count(*) FROM turns WHERE picked IS NULL "
                     "OR rank IS NULL"), 0);
    assert_int_equal(tw_query(s, "SELECT u.rank FROM turns u JOIN sessions s ON "
                     "s.id = u.session WHERE s.key = 'id:" TW_ID "/1/sara' AND "
                     "u.number = 2"), 1);
    assert_int_equal(tw_query(s, "SELECT u.picked FROM turns u JOIN sessions s ON "
                     "s.id = u.session WHERE s.key = 'id:" TW_ID "/1/ali' AND "
                     "u.number = 2"), 1);
    assert_int_equal(tw_query(s, "SELECT u.rank FROM turns u JOIN sessions s ON "
                     "s.id = u.session WHERE s.key = 'id:" TW_ID "/2/sara'"), 3);
    store_close(s);
}

static void test_idempotent(void **state)
{
    (void)state;
    store *s = tw_open("again.db");
    struct store_wcounts c = tw_feed(s, 9); /* up to reza's pass */
    assert_int_equal(c.replies, 5);
    assert_string_equal(c.state, "");
    c = tw_feed(s, TW_NLINES);
    assert_false(c.new_workshop);
    assert_int_equal(c.replies, 3);
    assert_int_equal(c.sessions, 3);
    assert_int_equal(c.total_replies, 8);
    c = tw_feed(s, TW_NLINES);
    assert_int_equal(c.replies + c.sessions + c.ended, 0);
    assert_int_equal(tw_query(s, "SELECT count(*) FROM workshops"), 1);
    assert_int_equal(tw_query(s, "SELECT count(*) FROM sessions"), 6);
    assert_int_equal(tw_query(s, "SELECT count(*) FROM turns"), 8);
    assert_int_equal(tw_query(s, "SELECT count(*) FROM turns WHERE picked = 1"), 3);
    store_close(s);
}

static void test_interrupted(void **state)
{
    (void)state;
    store *s = tw_open("cut.db");
    json_t *v[TW_MAX];
    size_t n = tw_lines(v);
    store_wrec *w = store_wrec_new(s, "w", 0);
    char err[4200];
    for (size_t i = 0; i < 13; i++) /* into round 2: ali has answered */
        assert_int_equal(store_wrec_line(w, v[i], err, sizeof err), 0);
    json_t *cut = json_pack("{s:b, s:i, s:s, s:i}", "interrupted", 1, "round", 2,
                            "node", "opening", "turns", 0);
    assert_int_equal(store_wrec_line(w, cut, err, sizeof err), 0);
    assert_string_equal(store_wrec_counts(w)->state, "interrupted");
    json_decref(cut);
    store_wrec_free(w);
    for (size_t i = 0; i < n; i++)
        json_decref(v[i]);
    assert_int_equal(tw_query(s, "SELECT interrupted FROM workshops"), 1);
    assert_int_equal(tw_query(s, "SELECT count(*) FROM sessions WHERE round = 2 "
                     "AND interrupted = 1 AND ending IS NULL"), 3);
    assert_int_equal(tw_query(s, "SELECT count(*) FROM sessions WHERE round = 1 "
                     "AND ending = 'resolved'"), 3);
    /* ali's round-2 reply was not picked yet */
    assert_int_equal(tw_query(s, "SELECT count(*) FROM turns WHERE picked IS NULL"), 1);
    store_close(s);
}

static void test_bad_lines(void **state)
{
    (void)state;
    store *s = tw_open("bad.db");
    store_wrec *w = store_wrec_new(s, "w", 0);
    char err[4200];
    json_t *j = tw_reply(1, "ali", 1, 5.0);
    assert_int_equal(store_wrec_line(w, j, err, sizeof err), -1);
    assert_non_null(strstr(err, "header"));
    json_decref(j);
    j = tw_header();
    assert_int_equal(store_wrec_line(w, j, err, sizeof err), 0);
    json_decref(j);
    j = tw_reply(1, "ali", 1, 5.0); /* before its round */
    assert_int_equal(store_wrec_line(w, j, err, sizeof err), -1);
    json_decref(j);
    j = tw_round(1, "broken-tv", "en");
    assert_int_equal(store_wrec_line(w, j, err, sizeof err), 0);
    json_decref(j);
    j = tw_reply(1, "omid", 1, 5.0);
    assert_int_equal(store_wrec_line(w, j, err, sizeof err), -1);
    assert_non_null(strstr(err, "omid"));
    json_decref(j);
    j = json_pack("{s:i, s:s, s:i, s:s, s:s}", "round", 1, "player", "ali",
                  "turn", 1, "node", "n", "reply", "x");
    assert_int_equal(store_wrec_line(w, j, err, sizeof err), -1);
    assert_non_null(strstr(err, "'overall' is missing"));
    json_decref(j);
    assert_int_equal(tw_query(s, "SELECT count(*) FROM turns"), 0);
    assert_int_equal(tw_query(s, "SELECT count(*) FROM sessions"), 3);
    store_wrec_free(w);
    store_close(s);
}

/* Tracks read store_results: a workshop's sessions are not the player's. */
static void test_results_leave_out(void **state)
{
    (void)state;
    store *s = tw_open("results.db");
    tw_feed(s, TW_NLINES);
    store_result *r;
    size_t n;
    char err[4200];
    assert_int_equal(store_results(s, "ali", &r, &n, err, sizeof err), 0);
    assert_int_equal(n, 0);
    store_results_free(r, n);
    store_session *v;
    assert_int_equal(store_sessions(s, "ali", NULL, &v, &n, err, sizeof err), 1);
    assert_int_equal(n, 2);
    assert_true(v[0].workshop != 0);
    store_sessions_free(v, n);
    store_rep_filter f = {NULL, NULL};
    store_rep_workshop *ws;
    assert_int_equal(store_rep_workshops(s, &f, &ws, &n, err, sizeof err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(ws[0].replies, 8);
    assert_int_equal(ws[0].rounds, 2);
    assert_string_equal(ws[0].players, "ali, sara, reza");
    assert_string_equal(ws[0].scenarios, "broken-tv (en), backorder (fa)");
    assert_string_equal(ws[0].picked_most, "ali");
    assert_int_equal(ws[0].picks, 2);
    assert_true(fabs(ws[0].overall - 54.0 / 8) < 1e-9);
    store_rep_workshops_free(ws, n);
    store_close(s);
}

/* A database of schema version 1 (as hamdel 0.1 left it) gains the
 * workshop columns and keeps its rows. */
static void test_migrate_v1(void **state)
{
    (void)state;
    char path[300];
    snprintf(path, sizeof path, "%s/v1.db", dir);
    store_close(tw_open("v1.db"));
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    /* take migration 2 back by hand: a version-1 file */
    assert_int_equal(sqlite3_exec(db,
        "DROP TABLE workshops; DROP INDEX sessions_by_workshop;"
        "ALTER TABLE turns DROP COLUMN picked; ALTER TABLE turns DROP COLUMN rank;"
        "ALTER TABLE sessions DROP COLUMN round;"
        "INSERT INTO sessions(key, scenario, lang, started) "
        "VALUES('old', 'broken-tv', 'en', '2025-01-01T00:00:00Z');"
        "PRAGMA user_version=1", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    store *s = tw_open("v1.db");
    assert_int_equal(store_schema_version(s), 2);
    assert_int_equal(tw_query(s, "SELECT count(*) FROM sessions WHERE key = 'old' "
                     "AND round IS NULL AND workshop = 0"), 1);
    assert_int_equal(tw_query(s, "SELECT count(*) FROM pragma_table_info('turns') "
                     "WHERE name IN ('picked', 'rank')"), 2);
    tw_feed(s, TW_NLINES);
    assert_int_equal(tw_query(s, "SELECT count(*) FROM sessions"), 7);
    store_close(s);
}

/* store_live_start hears a workshop header and records per player. */
static void test_live(void **state)
{
    (void)state;
    char tpath[300], dbpath[300], err[4200];
    int code;
    snprintf(tpath, sizeof tpath, "%s/live.jsonl", dir);
    snprintf(dbpath, sizeof dbpath, "%s/live.db", dir);
    json_t *v[TW_MAX];
    size_t n = tw_lines(v);
    trs *t = trs_open_json(tpath, v[0], err, sizeof err, &code);
    assert_non_null(t);
    store_live *l = store_live_start(t, dbpath, NULL);
    assert_non_null(l);
    for (size_t i = 1; i + 1 < n; i++)
        assert_int_equal(trs_put(t, v[i], NULL), 0);
    assert_int_equal(trs_finish(t, v[n - 1]), 0);
    store_live_stop(l);
    store *s = tw_open("live.db");
    assert_int_equal(tw_query(s, "SELECT count(*) FROM sessions WHERE workshop "
                     "AND ended IS NOT NULL AND ending = 'resolved'"), 6);
    assert_int_equal(tw_query(s, "SELECT count(*) FROM turns WHERE picked = 1"), 3);
    assert_int_equal(tw_query(s, "SELECT count(*) FROM workshops WHERE summary "
                     "IS NOT NULL"), 1);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_detected),
        cmocka_unit_test(test_rows),
        cmocka_unit_test(test_idempotent),
        cmocka_unit_test(test_interrupted),
        cmocka_unit_test(test_bad_lines),
        cmocka_unit_test(test_results_leave_out),
        cmocka_unit_test(test_migrate_v1),
        cmocka_unit_test(test_live),
    };
    return cmocka_run_group_tests(tests, tw_setup, tw_teardown);
}
