/*
 * test_store.c - the progress store (sim/store*.c): opening, migrating and
 * reopening; refusing a database from a newer hamdel, a corrupt file, a
 * file that is not a database and another program's database, each left
 * byte-identical; recording transcript lines (a retried turn leaves the
 * means); importing the same lines twice adds nothing; a transcript that
 * grew adds only its new turns.
 */
#include "testutil.h"

#include <jansson.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"

static char dir[256];

static int ts_setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/hamdel-test-store-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int ts_teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void ts_path(char *buf, size_t n, const char *name)
{
    snprintf(buf, n, "%s/%s", dir, name);
}

/* The whole file, malloc'd; *len its size. */
static char *ts_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 16);
    *len = fread(buf, 1, 1 << 16, f);
    fclose(f);
    return buf;
}

static void ts_write(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
}

static long long ts_query(store *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static double ts_real(store *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    double v = sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
    return v;
}

static store *ts_open(const char *name)
{
    char path[300], err[4200];
    int code = -1;
    ts_path(path, sizeof path, name);
    store *s = store_open(path, err, sizeof err, &code);
    if (!s)
        fprintf(stderr, "%s\n", err);
    assert_non_null(s);
    return s;
}

static void test_open_migrate_reopen(void **state)
{
    (void)state;
    store *s = ts_open("a.db");
    assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
    assert_int_equal(ts_query(s, "SELECT count(*) FROM sqlite_master WHERE "
                     "name IN ('trainees','sessions','turns','events')"), 4);
    store_close(s);
    s = ts_open("a.db");
    assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(store_db(s), "PRAGMA journal_mode", -1, &st, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    store_close(s);
}

/* store_open must refuse `path` with `code` and leave it as it was. */
static void ts_refused(const char *path, int code, const char *says)
{
    size_t n0, n1;
    char *before = ts_slurp(path, &n0), err[4200];
    int got = -1;
    store *s = store_open(path, err, sizeof err, &got);
    assert_null(s);
    assert_int_equal(got, code);
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, says));
    char *after = ts_slurp(path, &n1);
    assert_int_equal(n0, n1);
    assert_memory_equal(before, after, n0);
    char wal[400];
    snprintf(wal, sizeof wal, "%s-wal", path);
    assert_int_not_equal(access(wal, F_OK), 0);
    free(before);
    free(after);
}

static void test_newer_refused(void **state)
{
    (void)state;
    char path[300];
    store_close(ts_open("new.db"));
    ts_path(path, sizeof path, "new.db");
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA journal_mode=DELETE; "
                     "PRAGMA user_version=99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    ts_refused(path, STORE_EX_NEWER, "newer");
}

static void test_corrupt_refused(void **state)
{
    (void)state;
    char path[300], junk[8192];
    ts_path(path, sizeof path, "corrupt.db");
    memset(junk, 0xA5, sizeof junk);
    memcpy(junk, "SQLite format 3", 16);
    ts_write(path, junk, sizeof junk);
    ts_refused(path, 65, "untouched");

    ts_path(path, sizeof path, "notes.txt");
    ts_write(path, "these are my notes, not a database\n", 35);
    ts_refused(path, 65, "not a hamdel database");

    /* someone else's SQLite database */
    ts_path(path, sizeof path, "other.db");
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE photos(x)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    ts_refused(path, 65, "another program");
}

/* A transcript: header, turn 1, a retry of it, turn 1 again, turn 2, the
 * ending; as transcript.c writes them. */
static const char *const ts_lines[] = {
    "{\"scenario\":\"broken-tv\",\"lang\":\"en\",\"started\":\"2026-01-05T09:00:00Z\","
    "\"version\":\"0.1.0\",\"session\":\"11111111-2222-4333-8444-555555555555\"}",
    "{\"turn\":1,\"node\":\"opening\",\"customer\":\"c\",\"reply\":\"first\","
    "\"scores\":{\"empathy\":2.0,\"action\":2.0,\"honesty\":2.0,\"boundaries\":2.0},"
    "\"overall\":2.0,\"findings\":[],\"tension_before\":6,\"tension_after\":8,\"next\":\"opening\"}",
    "{\"event\":\"retry\",\"node\":\"opening\",\"turn\":1}",
    "{\"turn\":1,\"node\":\"opening\",\"customer\":\"c\",\"reply\":\"better\","
    "\"scores\":{\"empathy\":8.0,\"action\":6.0,\"honesty\":10.0,\"boundaries\":9.0},"
    "\"overall\":8.0,\"findings\":[{\"kind\":\"apology\"}],\"tension_before\":6,"
    "\"tension_after\":4,\"next\":\"delivery\"}",
    "{\"turn\":2,\"node\":\"delivery\",\"customer\":\"c\",\"reply\":\"done\","
    "\"scores\":{\"empathy\":6.0,\"action\":10.0,\"honesty\":10.0,\"boundaries\":9.0},"
    "\"overall\":9.0,\"findings\":[],\"tension_before\":4,\"tension_after\":2,\"next\":\"end\"}",
    "{\"ending\":\"resolved\",\"node\":\"end\",\"summary\":{}}",
};
#define TS_NLINES (sizeof ts_lines / sizeof ts_lines[0])

/* Feed lines [0, n) to a new recorder; returns its counts. */
static struct store_counts ts_feed(store *s, size_t n, const char *trainee)
{
    store_rec *r = store_rec_new(s, trainee, "/x/t.jsonl", 0);
    char err[4200];
    for (size_t i = 0; i < n; i++) {
        json_t *j = json_loads(ts_lines[i], 0, NULL);
        assert_non_null(j);
        int rc = store_rec_line(r, j, err, sizeof err);
        if (rc != 0)
            fprintf(stderr, "line %zu: %s\n", i + 1, err);
        assert_int_equal(rc, 0);
        json_decref(j);
    }
    struct store_counts c = *store_rec_counts(r);
    store_rec_free(r);
    return c;
}

static void test_record_turns(void **state)
{
    (void)state;
    store *s = ts_open("rec.db");
    struct store_counts c = ts_feed(s, TS_NLINES, "Sara");
    assert_true(c.new_session);
    assert_int_equal(c.turns, 3);
    assert_int_equal(c.events, 1);
    assert_int_equal(c.session_turns, 2);
    assert_string_equal(c.ending, "resolved");
    assert_int_equal(ts_query(s, "SELECT count(*) FROM turns"), 3);
    assert_int_equal(ts_query(s, "SELECT count(*) FROM turns WHERE retried"), 1);
    assert_int_equal(ts_query(s, "SELECT seq FROM turns WHERE retried"), 1);
    assert_int_equal(ts_query(s, "SELECT turns FROM sessions"), 2);
    assert_true(fabs(ts_real(s, "SELECT overall FROM sessions") - 8.5) < 1e-9);
    assert_true(fabs(ts_real(s, "SELECT empathy FROM sessions") - 7.0) < 1e-9);
    assert_int_equal(ts_query(s, "SELECT count(*) FROM sessions s JOIN "
                     "trainees t ON t.id = s.trainee WHERE t.name = 'Sara' "
                     "AND s.workshop = 0 AND s.ending = 'resolved'"), 1);
    store_close(s);
}

static void test_import_twice(void **state)
{
    (void)state;
    store *s = ts_open("twice.db");
    ts_feed(s, TS_NLINES, NULL);
    struct store_counts c = ts_feed(s, TS_NLINES, NULL);
    assert_false(c.new_session);
    assert_int_equal(c.turns + c.events + c.ended, 0);
    assert_int_equal(ts_query(s, "SELECT count(*) FROM sessions"), 1);
    assert_int_equal(ts_query(s, "SELECT count(*) FROM turns"), 3);
    assert_int_equal(ts_query(s, "SELECT count(*) FROM turns WHERE retried"), 1);
    assert_int_equal(ts_query(s, "SELECT count(*) FROM events"), 1);
    store_close(s);
}

static void test_import_grown(void **state)
{
    (void)state;
    store *s = ts_open("grown.db");
    struct store_counts c = ts_feed(s, 2, "Reza");
    assert_int_equal(c.session_turns, 1);
    assert_string_equal(c.ending, "");
    c = ts_feed(s, TS_NLINES, NULL);
    assert_false(c.new_session);
    assert_int_equal(c.turns, 2);
    assert_int_equal(c.ended, 1);
    assert_int_equal(c.session_turns, 2);
    assert_int_equal(ts_query(s, "SELECT count(*) FROM turns"), 3);
    assert_int_equal(ts_query(s, "SELECT count(*) FROM sessions WHERE trainee "
                     "= (SELECT id FROM trainees WHERE name = 'Reza')"), 1);
    store_close(s);
}

static void test_bad_line(void **state)
{
    (void)state;
    store *s = ts_open("bad.db");
    store_rec *r = store_rec_new(s, NULL, "t", 0);
    char err[4200];
    json_t *j = json_loads("{\"turn\":1,\"reply\":\"x\"}", 0, NULL);
    assert_int_equal(store_rec_line(r, j, err, sizeof err), -1);
    assert_non_null(strstr(err, "header"));
    json_decref(j);
    j = json_loads(ts_lines[0], 0, NULL);
    assert_int_equal(store_rec_line(r, j, err, sizeof err), 0);
    json_decref(j);
    j = json_loads("{\"turn\":1,\"node\":\"n\",\"reply\":\"x\",\"overall\":\"high\"}", 0, NULL);
    assert_int_equal(store_rec_line(r, j, err, sizeof err), -1);
    assert_non_null(strstr(err, "'overall' should be a number"));
    json_decref(j);
    assert_int_equal(ts_query(s, "SELECT count(*) FROM turns"), 0);
    store_rec_free(r);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_migrate_reopen),
        cmocka_unit_test(test_newer_refused),
        cmocka_unit_test(test_corrupt_refused),
        cmocka_unit_test(test_record_turns),
        cmocka_unit_test(test_import_twice),
        cmocka_unit_test(test_import_grown),
        cmocka_unit_test(test_bad_line),
    };
    return cmocka_run_group_tests(tests, ts_setup, ts_teardown);
}
