/*
 * store.h - the progress store: trainees, sessions and turns in SQLite.
 *
 * One database file (the system SQLite) holds what trainers and trainees
 * query later: who played what, when, how each turn was graded. The JSONL
 * transcripts (transcript.h) stay the durable log and the source of truth;
 * the store is filled from exactly the same JSON lines, either as they are
 * written (`hamdel play --trainee NAME`) or afterwards (`hamdel import`),
 * so recording and importing give the same rows, and a session is counted
 * once however often its transcript is imported.
 *
 * The pieces:
 *   store.c         finding the file, opening it safely (a file that is not
 *                   a database, a corrupt one or one from a newer hamdel is
 *                   refused and never modified), WAL, busy timeout
 *   store-schema.c  the versioned migrations (PRAGMA user_version)
 *   store-rec.c     recording transcript lines into the tables
 *   store-workshop.c  recording a workshop transcript (one session per
 *                   player per round, so everything else sees ordinary
 *                   sessions)
 *   store-live.c    recording a conversation while it is played
 *   store-query.c   a trainee's results (tracks)
 *   store-progress.c  sessions and team aggregates for `hamdel progress`
 *
 * Errors are a sentence in `err` (no "hamdel:" prefix) and a sysexits code.
 */
#ifndef HAMDEL_STORE_H
#define HAMDEL_STORE_H

#include <stddef.h>

#include "score.h"

/* The schema this program writes and understands. */
#define STORE_SCHEMA_VERSION 2
/* EX_TEMPFAIL: the database is locked (try again), or was written by a
 * newer hamdel (try again with a newer program). */
#define STORE_EX_TEMPFAIL 75
#define STORE_EX_NEWER STORE_EX_TEMPFAIL

typedef struct store store;
typedef struct store_rec store_rec;

/* The database file: `opt` (--db), else $HAMDEL_DB, else hamdel.db in the
 * data dir ($HAMDEL_HOME, $XDG_DATA_HOME/hamdel, ~/.local/share/hamdel).
 * 0, or -1 with a sentence in `err`. */
int store_path(const char *opt, char *buf, size_t n, char *err, size_t errlen);

/* Open (creating when missing) the database at `path` and bring its schema
 * up to date in one transaction. NULL with a sentence in `err` and *code
 * (65 not a database, corrupt or another program's, 66 the folder is
 * missing, 75 newer schema or locked, 74 other I/O) on failure; the file
 * is then left as it was. */
store *store_open(const char *path, char *err, size_t errlen, int *code);
/* store_path + store_open. */
store *store_open_default(const char *opt, char *err, size_t errlen,
                          int *code);
void store_close(store *s);
const char *store_file(const store *s);
/* The schema version stored in the file (PRAGMA user_version). */
int store_schema_version(store *s);

/* The sqlite3 handle (as void * to keep sqlite3.h out of this header),
 * for store-*.c and tests. */
void *store_db(store *s);
/* Apply the migrations (store-schema.c); 0 or -1 with `err`. Called by
 * store_open inside its transaction. */
int store_migrate(store *s, int from, char *err, size_t errlen);

/* Transactions: BEGIN IMMEDIATE (waits for the busy timeout), COMMIT,
 * ROLLBACK. 0 or -1 with `err`. */
int store_begin(store *s, char *err, size_t errlen);
int store_commit(store *s, char *err, size_t errlen);
void store_rollback(store *s);
/* The exit status the connection's last error deserves (75 locked, 65
 * damaged, 74 otherwise), as the messages above explain it. Read it before
 * the next statement (a rollback resets it). */
int store_exit_code(store *s);

/* The id of trainee `name` (created when new), or -1 with `err`. */
long long store_trainee(store *s, const char *name, char *err, size_t errlen);

/* ---- recording transcript lines (store-rec.c) ---------------------------- */

/* What one recorder has done so far (per transcript). */
struct store_counts {
    int new_session;    /* the header created the session */
    int turns, events;  /* rows added */
    int ended;          /* the ending or interruption was recorded now */
    int session_turns;  /* turns of the session now (retried ones left out) */
    char ending[32];    /* the session's ending, "" when open */
};

/* A recorder for one transcript: `trainee` (may be NULL) names who played
 * it (over the header's name); `source` is the transcript's file, used for
 * the session key of transcripts from before session ids; `live`: the
 * lines are happening now (the session's end time is the clock's). */
store_rec *store_rec_new(store *s, const char *trainee, const char *source,
                         int live);
/*
 * Record one transcript line (a json_t * object: the header first, then
 * turn, event and closing lines, as transcript.h describes them). Lines
 * already recorded are recognised and add nothing; a line is committed in
 * its own transaction unless the caller has one open (store_begin).
 * 0, or -1 with a sentence in `err` for a line of the wrong shape (nothing
 * of it was recorded), or STORE_EDB for a database error (give up).
 */
#define STORE_EDB (-2)
int store_rec_line(store_rec *r, const void *line, char *err, size_t errlen);
const struct store_counts *store_rec_counts(const store_rec *r);
/* The session's row id, or -1 before the header. */
long long store_rec_session(const store_rec *r);
void store_rec_free(store_rec *r);

/* ---- recording a workshop transcript (store-workshop.c) ------------------ */

typedef struct store_wrec store_wrec;

/* What one workshop recorder has done so far. */
struct store_wcounts {
    int new_workshop;   /* the header created the workshops row */
    int players, rounds; /* in the header; rounds started so far */
    int replies;        /* turn rows added (passes have none) */
    int sessions;       /* sessions rows added */
    int ended;          /* the workshop's end or interruption, recorded now */
    int total_replies;  /* the workshop's replies in the database now */
    char state[16];     /* "ended", "interrupted" or "" while open */
};

/* Does `line` (a json_t *) look like a workshop transcript's header? */
int store_line_is_workshop(const void *line);
/* A recorder for one workshop transcript (`source`: its file; `live`: the
 * lines are happening now). Every (round, player) becomes one sessions row
 * of that player, keyed "id:<workshop>/<round>/<player>", with workshop =
 * workshops.id and round = N, so progress and reports see workshop work
 * as ordinary sessions; the player's replies are its turns (with picked and
 * rank), the round's ending its ending. */
store_wrec *store_wrec_new(store *s, const char *source, int live);
/* Record one workshop transcript line; the same contract as store_rec_line
 * (idempotent, one transaction per line unless the caller has one, -1 with
 * `err` for a line of the wrong shape, STORE_EDB for a database error). */
int store_wrec_line(store_wrec *w, const void *line, char *err, size_t errlen);
const struct store_wcounts *store_wrec_counts(const store_wrec *w);
/* The workshops row id, or -1 before the header. */
long long store_wrec_workshop(const store_wrec *w);
void store_wrec_free(store_wrec *w);

/* ---- recording a conversation as it is played (store-live.c) ------------- */

struct trs;
typedef struct store_live store_live;

/* Open the database (`db`: --db, or NULL for the default) and record every
 * line transcript `t` writes from now on for `trainee`; a workshop
 * transcript (its header says so) is recorded per player and round
 * (store_wrec), `trainee` is then unused. When the database
 * cannot be used, says so on stderr and returns NULL: the transcript goes
 * on and is the record. A database error later is reported once and
 * recording stops. */
store_live *store_live_start(struct trs *t, const char *db,
                             const char *trainee);
/* Stop listening (call after trs_close) and close the database. */
void store_live_stop(store_live *l);

/* ---- reading progress back (store-query.c) --------------------------------- */

/* What counts, in SQL over `sessions s`: a session that reached an ending
 * and wasn't interrupted, and a result (one that also has grades). Every
 * query that reads results uses these, so they all agree. */
#define STORE_SQL_ENDED "(s.ending IS NOT NULL AND s.interrupted = 0)"
#define STORE_SQL_RESULT "(" STORE_SQL_ENDED " AND s.overall IS NOT NULL)"

/* One finished session (it reached an ending; interrupted ones don't
 * count): what tracks and progress reports are computed from. */
typedef struct {
    char *scenario;
    score_lang lang;
    double overall;
    double dims[SCORE_NDIM];
    char *finished_at; /* ISO 8601 UTC: the end, else the start */
} store_result;

/* The trainee's finished sessions outside workshops (the room, not the
 * player, steered those), oldest first, in *out (free with
 * store_results_free). 0; 0 with none when the trainee is unknown; or
 * STORE_EDB with a sentence in `err`. */
int store_results(store *s, const char *trainee, store_result **out, size_t *n,
                  char *err, size_t errlen);
void store_results_free(store_result *r, size_t n);

/* ---- reports across trainees (store-report.c) ------------------------------ */

/* What a report covers: one trainee (`trainee`) or everyone (NULL), and
 * sessions started on or after `since` ("YYYY-MM-DD", or NULL for all). */
typedef struct {
    const char *trainee;
    const char *since;
} store_rep_filter;

/* The headline numbers. Sessions and turns count everything recorded
 * (retried answers left out); the means are over finished sessions. */
typedef struct {
    long long trainees, sessions, finished, turns;
    double overall, dims[SCORE_NDIM]; /* means; 0 when finished == 0 */
} store_rep_totals;

/* One finished session, for trends and distributions. */
typedef struct {
    char *trainee, *scenario, *started;
    score_lang lang;
    double overall, dims[SCORE_NDIM];
} store_rep_session;

/* A (scenario, language, node) with its mean overall over every graded
 * turn, and the reply whose score is the median there. */
typedef struct {
    char *scenario, *node, *reply;
    score_lang lang;
    long long count;
    double mean, reply_overall;
} store_rep_hard;

/* One turn, as the CSV lists it. */
typedef struct {
    const char *trainee, *session, *scenario, *lang, *started, *node, *reply;
    int number;
    double dims[SCORE_NDIM], overall;
} store_rep_turn;

/* Each returns 0, or STORE_EDB with a sentence in `err`. */
int store_rep_totals_get(store *s, const store_rep_filter *f,
                         store_rep_totals *out, char *err, size_t errlen);
/* Finished sessions ordered by trainee, then start (or, with
 * `by_scenario`, by scenario then overall). */
int store_rep_sessions(store *s, const store_rep_filter *f, int by_scenario,
                       store_rep_session **out, size_t *n, char *err,
                       size_t errlen);
void store_rep_sessions_free(store_rep_session *v, size_t n);
/* The `max` hardest nodes (lowest mean overall, at least one turn). */
int store_rep_hardest(store *s, const store_rep_filter *f, size_t max,
                      store_rep_hard **out, size_t *n, char *err,
                      size_t errlen);
void store_rep_hardest_free(store_rep_hard *v, size_t n);
/* Call `fn` for every graded turn (retried ones left out), by trainee,
 * session start and turn order; a non-zero return from `fn` stops and is
 * returned. The row's strings live until `fn` returns. */
int store_rep_turns(store *s, const store_rep_filter *f,
                    int (*fn)(const store_rep_turn *t, void *ud), void *ud,
                    char *err, size_t errlen);

/* One workshop, as the team report lists it. */
typedef struct {
    char *started;     /* ISO 8601 UTC */
    char *scenarios;   /* by round: "broken-tv (en), backorder (fa)" */
    char *players;     /* in answering order, ", " between */
    long long rounds;  /* rounds played (recorded) */
    long long replies; /* graded replies (passes are none) */
    double overall;    /* the room's mean overall; 0 without replies */
    int interrupted;
    char *picked_most; /* whose reply the room went on with most often;
                          NULL when nothing was picked */
    long long picks;   /* how often */
} store_rep_workshop;

/* The workshops started on or after the filter's day (with a trainee: the
 * ones they played in), oldest first. */
int store_rep_workshops(store *s, const store_rep_filter *f,
                        store_rep_workshop **out, size_t *n, char *err,
                        size_t errlen);
void store_rep_workshops_free(store_rep_workshop *v, size_t n);

/* ---- progress reports (store-progress.c) ----------------------------------- */

/* One session of a trainee as `hamdel progress` shows it: the sessions
 * row, with the means kept there (no turns are read). */
typedef struct {
    char *key;         /* the transcript's session id */
    char *scenario;
    score_lang lang;
    char *started;     /* ISO 8601 UTC */
    char *ended;       /* NULL while open */
    char *ending;      /* NULL unless it reached one */
    int interrupted, workshop, turns;
    int scored;        /* the means below are known (a graded turn) */
    double dims[SCORE_NDIM], overall;
} store_session;

/* Does session `s` count as a result (an ending, not interrupted, graded)? */
int store_session_finished(const store_session *s);

/* The trainee's sessions started at or after `since` (ISO 8601 text, or
 * NULL for all), oldest first. 1 for a known trainee, 0 for an unknown
 * one (no rows), or STORE_EDB with `err`. */
int store_sessions(store *s, const char *trainee, const char *since,
                   store_session **out, size_t *n, char *err, size_t errlen);
void store_sessions_free(store_session *v, size_t n);

/* The overall of at most this many latest results per trainee. */
#define STORE_TEAM_RECENT 20

/* One trainee of the team, aggregated in SQL. */
typedef struct {
    char *name;
    size_t sessions, finished; /* all sessions; those that reached an ending */
    size_t scored;             /* finished and graded: what the means cover */
    double overall, dims[SCORE_NDIM];
    char *last_active;         /* the latest end or start; NULL with none */
    double recent[STORE_TEAM_RECENT]; /* overall of the latest results, */
    size_t n_recent;                  /* oldest first */
} store_team_row;

/* Every named trainee (sessions since `since`, or all), sorted by name.
 * 0, or STORE_EDB with `err`. */
int store_team(store *s, const char *since, store_team_row **out, size_t *n,
               char *err, size_t errlen);
void store_team_free(store_team_row *v, size_t n);

#endif
