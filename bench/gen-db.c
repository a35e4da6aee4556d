/*
 * gen-db.c - the report benchmark's database: `make bench` times
 * `hamdel progress --team` and `hamdel report --team --html` on it.
 *
 *   gen-db FILE [TRAINEES [SESSIONS [TURNS]]]   (default 500 100 5)
 *
 * Creates FILE through the progress store itself (store_open: the real
 * schema and migrations), then fills it in one transaction with synthetic
 * trainees, sessions and turns spread over the library's scenarios, both
 * languages and sixty days, with grades that drift upward per trainee, so
 * the reports have trends, distributions and hard turns to compute. Fixed
 * seed: the same database every time.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

static const char *const gen_scn[] = {
    "broken-tv", "backorder", "feature-no", "update-broke-settings",
    "abusive-double-charge", "wants-manager", "close-account", "owner-change",
    "hate-the-update", "late-wrong-item", "out-of-stock-elsewhere",
    "outage-unknown", "told-three-times", "needs-other-team", "not-tech-savvy",
    "deadlock-refund"};
static const char *const gen_nodes[] = {"opening", "second_chance", "delivery", "old_tv",
                                         "explain", "follow_up"};
static const char *const gen_end[] = {"resolved", "resolved", "escalated", "churned"};

static unsigned long gen_seed = 12345;

static double gen_rand(void)
{
    gen_seed = gen_seed * 6364136223846793005ul + 1442695040888963407ul;
    return (double)(gen_seed >> 11) / 9007199254740992.0;
}

static double gen_grade(double base)
{
    double g = base + (gen_rand() - 0.5) * 4.0;
    return g < 0 ? 0 : g > 10 ? 10 : (double)(int)(g * 10) / 10;
}

static int gen_fail(sqlite3 *db, const char *what)
{
    fprintf(stderr, "gen-db: %s: %s\n", what, sqlite3_errmsg(db));
    return 1;
}

static int gen_fill(sqlite3 *db, int trainees, int sessions, int turns)
{
    sqlite3_stmt *tr, *se, *tu;
    if (sqlite3_prepare_v2(db, "INSERT INTO trainees(name) VALUES (?1)", -1, &tr, NULL) ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO sessions(key, trainee, scenario, lang, started, ended, "
                           "ending, turns, empathy, action, honesty, boundaries, overall) "
                           "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)",
                           -1, &se, NULL) ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO turns(session, seq, number, node, reply, empathy, action, "
                           "honesty, boundaries, overall, tension_before, tension_after) "
                           "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)",
                           -1, &tu, NULL))
        return gen_fail(db, "prepare");
    char buf[160];
    for (int t = 0; t < trainees; t++) {
        snprintf(buf, sizeof buf, t % 3 ? "trainee-%03d" : "کارآموز-%03d", t);
        sqlite3_bind_text(tr, 1, buf, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(tr) != SQLITE_DONE)
            return gen_fail(db, "trainee");
        sqlite3_reset(tr);
        long long tid = sqlite3_last_insert_rowid(db);
        double skill = 4.5 + gen_rand() * 2.0;
        for (int s = 0; s < sessions; s++) {
            double base = skill + 3.0 * s / (sessions ? sessions : 1);
            const char *scn = gen_scn[(t + s) % 16];
            char key[64], when[32], end[32];
            snprintf(key, sizeof key, "bench-%d-%d", t, s);
            snprintf(when, sizeof when, "2026-%02d-%02dT%02d:%02d:00Z", 9 + s / 50,
                     1 + s % 28, 8 + s % 9, t % 60);
            snprintf(end, sizeof end, "2026-%02d-%02dT%02d:%02d:30Z", 9 + s / 50,
                     1 + s % 28, 8 + s % 9, t % 60);
            double d[4] = {0}, o = 0;
            sqlite3_bind_text(se, 1, key, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(se, 2, tid);
            sqlite3_bind_text(se, 3, scn, -1, SQLITE_STATIC);
            sqlite3_bind_text(se, 4, s % 2 ? "fa" : "en", -1, SQLITE_STATIC);
            sqlite3_bind_text(se, 5, when, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(se, 6, end, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(se, 7, gen_end[(t * 7 + s) % 4], -1, SQLITE_STATIC);
            sqlite3_bind_int(se, 8, turns);
            for (int k = 0; k < 4; k++)
                d[k] = gen_grade(base + (k == 3 ? 2 : 0));
            o = gen_grade(base);
            for (int k = 0; k < 4; k++)
                sqlite3_bind_double(se, 9 + k, d[k]);
            sqlite3_bind_double(se, 13, o);
            if (sqlite3_step(se) != SQLITE_DONE)
                return gen_fail(db, "session");
            sqlite3_reset(se);
            long long sid = sqlite3_last_insert_rowid(db);
            for (int n = 0; n < turns; n++) {
                snprintf(buf, sizeof buf, "I've looked into it and I'll call you at %d today (%d).",
                         9 + n, (int)(gen_rand() * 1000));
                sqlite3_bind_int64(tu, 1, sid);
                sqlite3_bind_int(tu, 2, n + 1);
                sqlite3_bind_int(tu, 3, n + 1);
                sqlite3_bind_text(tu, 4, gen_nodes[(s + n) % 6], -1, SQLITE_STATIC);
                sqlite3_bind_text(tu, 5, buf, -1, SQLITE_TRANSIENT);
                for (int k = 0; k < 4; k++)
                    sqlite3_bind_double(tu, 6 + k, gen_grade(base));
                sqlite3_bind_double(tu, 10, gen_grade(base));
                sqlite3_bind_double(tu, 11, 5);
                sqlite3_bind_double(tu, 12, 4);
                if (sqlite3_step(tu) != SQLITE_DONE)
                    return gen_fail(db, "turn");
                sqlite3_reset(tu);
            }
        }
    }
    sqlite3_finalize(tr);
    sqlite3_finalize(se);
    sqlite3_finalize(tu);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: gen-db FILE [TRAINEES [SESSIONS [TURNS]]]\n");
        return 64;
    }
    int trainees = argc > 2 ? atoi(argv[2]) : 500, sessions = argc > 3 ? atoi(argv[3]) : 100,
        turns = argc > 4 ? atoi(argv[4]) : 5;
    char err[1024];
    int code = 0;
    remove(argv[1]);
    store *s = store_open(argv[1], err, sizeof err, &code);
    if (!s) {
        fprintf(stderr, "gen-db: %s\n", err);
        return code ? code : 1;
    }
    sqlite3 *db = store_db(s);
    int rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
             gen_fill(db, trainees, sessions, turns) ||
             sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK;
    if (rc)
        fprintf(stderr, "gen-db: %s\n", sqlite3_errmsg(db));
    store_close(s);
    return rc;
}
