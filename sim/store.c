/*
 * store.c - finds, opens and guards the progress database (store.h).
 *
 * Opening is careful because the file may be shared by a training room or
 * may not be ours at all: before SQLite writes anything (WAL mode, the
 * migrations) the file is checked, read-only: it must start with SQLite's
 * magic, its schema must parse, its application_id must be 0 or hamdel's,
 * a database with tables but no hamdel schema version is someone else's,
 * and a schema version newer than ours is refused. Only then WAL mode and
 * the migrations (one IMMEDIATE transaction) are applied. A busy timeout
 * lets several trainees write to one file.
 */
#include "store.h"
#include "i18n.h"
#include "paths.h"
#include "util.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define STORE_BUSY_MS 10000
#define STORE_APP_ID 0x48616d64 /* "Hamd" */

struct store {
    sqlite3 *db;
    char *path;
};

static void store_err(char *err, size_t errlen, const char *fmt, ...)
    UTIL_PRINTF(3, 4);

static void store_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (err && errlen)
        vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

int store_path(const char *opt, char *buf, size_t n, char *err, size_t errlen)
{
    const char *v = opt && *opt ? opt : getenv("HAMDEL_DB");
    char dir[4096];
    int k;
    if (v && *v) {
        k = snprintf(buf, n, "%s", v);
    } else {
        if (paths_data_dir(dir, sizeof dir, err, errlen) != 0)
            return -1;
        k = snprintf(buf, n, "%s/hamdel.db", dir);
    }
    if (k < 0 || (size_t)k >= n) {
        store_err(err, errlen, _("the database path is too long"));
        return -1;
    }
    return 0;
}

void *store_db(store *s)
{
    return s->db;
}

const char *store_file(const store *s)
{
    return s->path;
}

/* One integer from a statement such as "PRAGMA user_version", or -1. */
static long long store_int(sqlite3 *db, const char *sql, int *rc)
{
    sqlite3_stmt *st = NULL;
    long long v = -1;
    *rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (*rc == SQLITE_OK) {
        *rc = sqlite3_step(st);
        if (*rc == SQLITE_ROW) {
            v = sqlite3_column_int64(st, 0);
            *rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return v;
}

int store_schema_version(store *s)
{
    int rc;
    return (int)store_int(s->db, "PRAGMA user_version", &rc);
}

/* The exit status and advice for an SQLite error on `path`. */
static int store_explain(int rc, const char *path, const char *what,
                         char *err, size_t errlen)
{
    switch (rc & 0xff) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        store_err(err, errlen, _("%s is damaged or not a database (%s); it "
                  "was left untouched: move it aside (the transcripts can be "
                  "loaded into a new one with 'hamdel import'), or use "
                  "another --db"), path, what);
        return UTIL_EX_DATAERR;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        store_err(err, errlen, _("the database %s is locked by another "
                  "program; try again in a moment"), path);
        return STORE_EX_TEMPFAIL;
    case SQLITE_CANTOPEN:
        store_err(err, errlen, _("cannot open the database %s: %s"), path,
                  what);
        return errno == ENOENT ? UTIL_EX_NOINPUT : UTIL_EX_IOERR;
    case SQLITE_READONLY:
    case SQLITE_PERM:
        store_err(err, errlen, _("the database %s cannot be written: %s"),
                  path, what);
        return UTIL_EX_IOERR;
    case SQLITE_FULL:
        store_err(err, errlen, _("the disk is full: cannot write the "
                  "database %s"), path);
        return UTIL_EX_IOERR;
    default:
        store_err(err, errlen, _("database error in %s: %s"), path, what);
        return UTIL_EX_IOERR;
    }
}

/* Before SQLite sees it: a file that is there must be a regular file that
 * starts like an SQLite database (an empty file is a new database). */
static int store_precheck(const char *path, int *exists, char *err,
                          size_t errlen)
{
    struct stat st;
    *exists = 0;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT)
            return 0;
        store_err(err, errlen, _("cannot open the database %s: %s"), path,
                  strerror(errno));
        return UTIL_EX_IOERR;
    }
    *exists = 1;
    if (!S_ISREG(st.st_mode)) {
        store_err(err, errlen, _("the database %s is not a regular file"),
                  path);
        return UTIL_EX_DATAERR;
    }
    if (st.st_size == 0)
        return 0;
    char head[16] = {0};
    FILE *f = fopen(path, "rb");
    if (!f) {
        store_err(err, errlen, _("cannot open the database %s: %s"), path,
                  strerror(errno));
        return UTIL_EX_NOINPUT;
    }
    size_t got = fread(head, 1, sizeof head, f);
    fclose(f);
    if (got < sizeof head || memcmp(head, "SQLite format 3", 16) != 0) {
        store_err(err, errlen, _("%s is not a hamdel database (not an SQLite "
                  "file); it was left untouched: use another --db, or move "
                  "it aside"), path);
        return UTIL_EX_DATAERR;
    }
    return 0;
}

/* Read-only checks of an opened file: schema parses, it is ours, and not
 * from a newer hamdel. 0 or an exit status with `err`. */
static int store_validate(store *s, int *version, char *err, size_t errlen)
{
    int rc;
    long long objs = store_int(s->db, "SELECT count(*) FROM sqlite_master", &rc);
    if (rc != SQLITE_OK)
        return store_explain(rc, s->path, sqlite3_errmsg(s->db), err, errlen);
    long long app = store_int(s->db, "PRAGMA application_id", &rc);
    long long v = rc == SQLITE_OK ? store_int(s->db, "PRAGMA user_version", &rc) : -1;
    if (rc != SQLITE_OK)
        return store_explain(rc, s->path, sqlite3_errmsg(s->db), err, errlen);
    if ((app != 0 && app != STORE_APP_ID) || (v == 0 && app == 0 && objs > 0)) {
        store_err(err, errlen, _("%s is an SQLite database of another program, "
                  "not hamdel's; it was left untouched: use another --db"),
                  s->path);
        return UTIL_EX_DATAERR;
    }
    if (v > STORE_SCHEMA_VERSION) {
        store_err(err, errlen, _("the database %s was written by a newer "
                  "hamdel (schema version %lld; this hamdel knows up to %d); "
                  "it was left untouched: upgrade hamdel, or use another "
                  "--db"), s->path, v, STORE_SCHEMA_VERSION);
        return STORE_EX_NEWER;
    }
    *version = (int)v;
    return 0;
}

static int store_exec(store *s, const char *sql, char *err, size_t errlen)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        store_explain(rc, s->path, sqlite3_errmsg(s->db), err, errlen);
        return -1;
    }
    return 0;
}

int store_begin(store *s, char *err, size_t errlen)
{
    return store_exec(s, "BEGIN IMMEDIATE", err, errlen);
}

int store_commit(store *s, char *err, size_t errlen)
{
    return store_exec(s, "COMMIT", err, errlen);
}

int store_exit_code(store *s)
{
    return store_explain(sqlite3_extended_errcode(s->db), s->path, "", NULL, 0);
}

void store_rollback(store *s)
{
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* WAL, foreign keys, then the migrations in one transaction (re-reading
 * the version inside it: another trainee may have migrated meanwhile). */
static int store_setup(store *s, char *err, size_t errlen)
{
    int rc, code;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode=WAL", -1, &st, NULL) == SQLITE_OK)
        rc = sqlite3_step(st);
    else
        rc = sqlite3_errcode(s->db);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_explain(rc, s->path, sqlite3_errmsg(s->db), err, errlen);
    /* store_exit_code: another program's lock is 75 (try again), not 74 */
    if (store_exec(s, "PRAGMA foreign_keys=ON", err, errlen) != 0 ||
        store_begin(s, err, errlen) != 0)
        return store_exit_code(s);
    int v = (int)store_int(s->db, "PRAGMA user_version", &rc);
    if (rc != SQLITE_OK) {
        code = store_explain(rc, s->path, sqlite3_errmsg(s->db), err, errlen);
        store_rollback(s);
        return code;
    }
    if (v > STORE_SCHEMA_VERSION) {
        store_rollback(s);
        store_err(err, errlen, _("the database %s was written by a newer "
                  "hamdel (schema version %d; this hamdel knows up to %d); "
                  "it was left untouched: upgrade hamdel, or use another "
                  "--db"), s->path, v, STORE_SCHEMA_VERSION);
        return STORE_EX_NEWER;
    }
    if (v < STORE_SCHEMA_VERSION) {
        char sql[96];
        snprintf(sql, sizeof sql, "PRAGMA application_id=%d; PRAGMA user_version=%d",
                 STORE_APP_ID, STORE_SCHEMA_VERSION);
        if (store_migrate(s, v, err, errlen) != 0 ||
            store_exec(s, sql, err, errlen) != 0) {
            code = store_exit_code(s);
            store_rollback(s);
            return code;
        }
    }
    if (store_commit(s, err, errlen) != 0) {
        code = store_exit_code(s);
        store_rollback(s);
        return code;
    }
    return 0;
}

store *store_open(const char *path, char *err, size_t errlen, int *code)
{
    int exists, version = 0;
    *code = store_precheck(path, &exists, err, errlen);
    if (*code)
        return NULL;
    store *s = util_xmalloc(sizeof *s);
    s->path = util_xstrdup(path);
    s->db = NULL;
    int flags = SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE);
    int rc = sqlite3_open_v2(path, &s->db, flags, NULL);
    if (rc != SQLITE_OK) {
        errno = exists ? EACCES : ENOENT;
        if (!exists) {
            struct stat st;
            char dir[4096];
            snprintf(dir, sizeof dir, "%s", path);
            char *slash = strrchr(dir, '/');
            if (slash)
                *slash = '\0';
            errno = !slash || stat(dir, &st) == 0 ? EACCES : ENOENT;
        }
        *code = store_explain(rc, path, s->db ? sqlite3_errmsg(s->db)
                              : strerror(errno), err, errlen);
        store_close(s);
        return NULL;
    }
    sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
    sqlite3_extended_result_codes(s->db, 0);
    if ((*code = store_validate(s, &version, err, errlen)) != 0 ||
        (*code = store_setup(s, err, errlen)) != 0) {
        store_close(s);
        return NULL;
    }
    return s;
}

store *store_open_default(const char *opt, char *err, size_t errlen,
                          int *code)
{
    char path[4096];
    if (store_path(opt, path, sizeof path, err, errlen) != 0) {
        *code = UTIL_EX_IOERR;
        return NULL;
    }
    if (!(opt && *opt) && !(getenv("HAMDEL_DB") && *getenv("HAMDEL_DB"))) {
        /* the default folder is ours to create */
        char dir[4096];
        snprintf(dir, sizeof dir, "%s", path);
        char *slash = strrchr(dir, '/');
        if (slash) {
            *slash = '\0';
            if (paths_mkdirs(dir, err, errlen) != 0) {
                *code = UTIL_EX_IOERR;
                return NULL;
            }
        }
    }
    return store_open(path, err, errlen, code);
}

void store_close(store *s)
{
    if (!s)
        return;
    if (s->db)
        sqlite3_close_v2(s->db);
    free(s->path);
    free(s);
}

long long store_trainee(store *s, const char *name, char *err, size_t errlen)
{
    sqlite3_stmt *st = NULL;
    long long id = -1;
    int rc = sqlite3_prepare_v2(s->db,
        "INSERT INTO trainees(name) VALUES(?1) ON CONFLICT(name) DO UPDATE "
        "SET name=excluded.name RETURNING id", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            id = sqlite3_column_int64(st, 0);
    }
    if (id < 0)
        store_explain(rc, s->path, sqlite3_errmsg(s->db), err, errlen);
    sqlite3_finalize(st);
    return id;
}
