/*
 * store-sql.h - private to the store's files (store-*.c): the small pieces
 * every query that reads or writes the database needs, written once.
 */
#ifndef HAMDEL_STORE_SQL_H
#define HAMDEL_STORE_SQL_H

#include <sqlite3.h>
#include <stddef.h>

#include "store.h"

/* Column `col` as a malloc'd string: "" (store_sql_text) or NULL
 * (store_sql_text_or_null) for SQL NULL. */
char *store_sql_text(sqlite3_stmt *st, int col);
char *store_sql_text_or_null(sqlite3_stmt *st, int col);
/* A `lang` column: "fa" is Persian, anything else English. */
score_lang store_sql_lang(sqlite3_stmt *st, int col);
/* A failed read: the sentence in `err`, `st` finalized; returns STORE_EDB. */
int store_sql_fail(store *s, sqlite3_stmt *st, char *err, size_t errlen);

/* The writers' pieces (store-rec.c, store-workshop.c): */
/* A failed write: "database error in FILE: ..." in `err`; STORE_EDB. */
int store_sql_db_err(store *s, char *err, size_t errlen);
/* A prepared statement, or NULL (the error is the connection's). */
sqlite3_stmt *store_sql_prepare(store *s, const char *sql);
/* Bind text, or SQL NULL for a NULL pointer. */
void store_sql_bind_text(sqlite3_stmt *st, int i, const char *text);
/* Run `st` (may be NULL) to its end and finalize it: the rows it changed,
 * or -1. */
int store_sql_run(store *s, sqlite3_stmt *st);
/* One transcript line, all or nothing: a transaction of its own, or a
 * savepoint `name` inside the caller's (*own says which). _end commits or
 * releases when rc is 0, else rolls back; it returns the final status. */
int store_sql_line_begin(store *s, const char *name, int *own, char *err,
                         size_t errlen);
int store_sql_line_end(store *s, const char *name, int own, int rc, char *err,
                       size_t errlen);

#endif
