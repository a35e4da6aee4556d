/*
 * store-schema.c - the progress database's schema and its migrations
 * (store.h).
 *
 * Migration N takes a database from schema version N-1 to N. They run in
 * order inside store_open's transaction, which then sets PRAGMA
 * user_version; a migration is never edited once released: a change to
 * the schema is a new migration appended here (and STORE_SCHEMA_VERSION
 * raised).
 *
 * Version 1:
 *   trainees  one row per name
 *   sessions  one per played conversation; `key` is the transcript's
 *             session id (or, for older transcripts, file + start +
 *             scenario), so importing twice counts once; the means and
 *             `turns` leave out answers taken back with /retry
 *   turns     one per graded reply, `seq` its order in the transcript
 *             (a retried turn keeps its row, with retried = 1)
 *   events    hint / model / retry requests, in transcript order
 *
 * Version 2 (workshops, store-workshop.c):
 *   workshops one per workshop transcript; `key` is the workshop's uuid,
 *             `players` the header's JSON array, `summary` the closing
 *             team summary (JSON text)
 *   sessions.round   the round of a workshop session (NULL otherwise);
 *             sessions.workshop holds workshops.id for those
 *   turns.picked     1 when the conversation went on with this reply, 0
 *             when another was picked, NULL outside workshops
 *   turns.rank       the reply's place in the room on that line (1 = best)
 */
#include "store.h"
#include "i18n.h"

#include <sqlite3.h>
#include <stdio.h>

static const char *const store_migrations[] = {
    /* 1 */
    "CREATE TABLE trainees ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
    "CREATE TABLE sessions ("
    "  id INTEGER PRIMARY KEY,"
    "  key TEXT NOT NULL UNIQUE,"
    "  trainee INTEGER REFERENCES trainees(id),"
    "  scenario TEXT NOT NULL,"
    "  lang TEXT NOT NULL,"
    "  started TEXT NOT NULL,"
    "  ended TEXT,"
    "  ending TEXT,"
    "  interrupted INTEGER NOT NULL DEFAULT 0,"
    "  end_node TEXT,"
    "  workshop INTEGER NOT NULL DEFAULT 0,"
    "  turns INTEGER NOT NULL DEFAULT 0,"
    "  empathy REAL, action REAL, honesty REAL, boundaries REAL,"
    "  overall REAL,"
    "  transcript TEXT,"
    "  version TEXT);"
    "CREATE INDEX sessions_by_trainee ON sessions(trainee, started);"
    "CREATE INDEX sessions_by_scenario ON sessions(scenario, lang, started);"
    "CREATE INDEX sessions_by_started ON sessions(started);"
    "CREATE TABLE turns ("
    "  id INTEGER PRIMARY KEY,"
    "  session INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL,"
    "  number INTEGER NOT NULL,"
    "  node TEXT NOT NULL,"
    "  customer TEXT,"
    "  reply TEXT NOT NULL,"
    "  empathy REAL NOT NULL, action REAL NOT NULL,"
    "  honesty REAL NOT NULL, boundaries REAL NOT NULL,"
    "  overall REAL NOT NULL,"
    "  tension_before REAL, tension_after REAL,"
    "  next TEXT,"
    "  broke INTEGER NOT NULL DEFAULT 0,"
    "  retried INTEGER NOT NULL DEFAULT 0,"
    "  findings TEXT NOT NULL DEFAULT '[]',"
    "  UNIQUE(session, seq));"
    "CREATE INDEX turns_by_node ON turns(node);"
    "CREATE TABLE events ("
    "  id INTEGER PRIMARY KEY,"
    "  session INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  node TEXT NOT NULL,"
    "  turn INTEGER NOT NULL,"
    "  UNIQUE(session, seq));",
    /* 2 */
    "CREATE TABLE workshops ("
    "  id INTEGER PRIMARY KEY,"
    "  key TEXT NOT NULL UNIQUE,"
    "  started TEXT NOT NULL,"
    "  ended TEXT,"
    "  players TEXT NOT NULL DEFAULT '[]',"
    "  rounds INTEGER NOT NULL DEFAULT 0,"
    "  interrupted INTEGER NOT NULL DEFAULT 0,"
    "  transcript TEXT,"
    "  version TEXT,"
    "  summary TEXT);"
    "CREATE INDEX workshops_by_started ON workshops(started);"
    "ALTER TABLE turns ADD COLUMN picked INTEGER;"
    "ALTER TABLE turns ADD COLUMN rank INTEGER;"
    "ALTER TABLE sessions ADD COLUMN round INTEGER;"
    "CREATE INDEX sessions_by_workshop ON sessions(workshop, round);",
};

int store_migrate(store *s, int from, char *err, size_t errlen)
{
    sqlite3 *db = store_db(s);
    int n = (int)(sizeof store_migrations / sizeof store_migrations[0]);
    for (int v = from; v < n && v < STORE_SCHEMA_VERSION; v++) {
        if (sqlite3_exec(db, store_migrations[v], NULL, NULL, NULL) != SQLITE_OK) {
            snprintf(err, errlen, _("cannot update the database %s to schema "
                     "version %d: %s"), store_file(s), v + 1, sqlite3_errmsg(db));
            return -1;
        }
    }
    return 0;
}
