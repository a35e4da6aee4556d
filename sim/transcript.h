/*
 * transcript.h - the durable JSONL record of a played conversation.
 *
 * A transcript is one JSON object per line: a header
 *   {"scenario":ID,"lang":"en","started":"2024-05-01T09:30:00Z","version":V,
 *    "session":UUID,"trainee":NAME}   (trainee only when known)
 * then one line per finished turn (trs_turn), with event lines between
 * them when the trainee asks for help in the simulator (trs_event):
 *   {"event":"hint","node":ID,"turn":N}   N: the turn it came before
 *   {"event":"retry","node":ID,"turn":N}  turn N is answered again; the
 *                                         next turn line is numbered N too
 * then one closing line:
 *   {"ending":"resolved","node":ID,"summary":{...}}   at an ending, or
 *   {"interrupted":true,"node":ID,"turns":N}          when cut short.
 * Every line goes out in one write() on an O_APPEND descriptor and is
 * fsync'd, so a crash or SIGKILL loses nothing that was finished. While a
 * transcript is open and guarded (trs_guard), SIGINT/SIGTERM/SIGHUP/SIGPIPE
 * write the prepared "interrupted" line with async-signal-safe calls before
 * the signal takes its default course.
 */
#ifndef HAMDEL_TRANSCRIPT_H
#define HAMDEL_TRANSCRIPT_H

#include <stddef.h>

#include <jansson.h>

#include "engine.h"

typedef struct trs trs;
/* Told every line once it is on disk (the progress store records them). */
typedef void (*trs_listener)(void *ud, const json_t *line);

/*
 * Open `path` for a new transcript and write the header. An existing file
 * is never overwritten (an empty regular file, e.g. from mktemp, is used);
 * NULL with a sentence in `err` on failure (*code: 66 when the folder is
 * missing, 73 when the file exists, 74 otherwise).
 */
trs *trs_open(const char *path, const eng_session *e, const char *trainee,
              char *err, size_t errlen, int *code);
/* The default file: <data dir>/sessions/<id>-<lang>-<YYYYmmdd-HHMMSS>-<pid>.jsonl
 * (the folder is created). 0, or -1 with a sentence in `err`. */
int trs_default_path(const eng_session *e, char *buf, size_t n, char *err,
                     size_t errlen);
const char *trs_path(const trs *t);

/* Catch SIGINT, SIGTERM, SIGHUP and SIGPIPE so that they close the
 * transcript as interrupted at `e`'s state (one transcript at a time). */
void trs_guard(trs *t, const eng_session *e);

/* trs_default_path (when `path` is NULL), trs_open and trs_guard in one
 * step, as `hamdel play` and the simulator start a conversation. */
trs *trs_start(const char *path, const eng_session *e, const char *trainee,
               char *err, size_t errlen, int *code);
/* The session's id, written in the header (a random UUID). */
const char *trs_session_id(const trs *t);
/* Hear every line written from now on; `fn` is called at once with the
 * header. NULL stops listening. */
void trs_listen(trs *t, trs_listener fn, void *ud);

/* Append an event line ("hint", "model", "retry") about turn `turn` at
 * node `node` (an id); re-arms the interrupted line. 0, or -1 (errno). */
int trs_event(trs *t, const eng_session *e, const char *event,
              const char *node, int turn);

/* Append the session's last turn. 0, or -1 with errno set. */
int trs_turn(trs *t, const eng_session *e);
/* Close with the ending line (the session must be done) or, when it is
 * not, with the interrupted line; then close the file. 0 or -1 (errno).
 * trs_close(NULL, ...) does nothing. */
int trs_close(trs *t, const eng_session *e);

/* ---- a transcript not tied to one conversation (the workshop's) ---- */

/* A random (version 4) UUID: session and workshop ids. */
void trs_make_id(char *buf, size_t n);
/* The clock as ISO 8601 UTC ("2024-05-01T09:30:00Z"); returns buf. */
const char *trs_now(char *buf, size_t n);
/* <data dir>/sessions/<stem>-<YYYYmmdd-HHMMSS>-<pid>.jsonl. */
int trs_default_path_for(const char *stem, char *buf, size_t n, char *err,
                         size_t errlen);
/* Open `path` as trs_open does, with `header` (a json_t object, taken
 * over) as the first line; its "session" or "workshop" member is the id. */
trs *trs_open_json(const char *path, void *header, char *err, size_t errlen,
                   int *code);
/* Catch the guarded signals; they write `interrupted` (borrowed: a copy is
 * kept) before the process dies. */
void trs_guard_json(trs *t, const void *interrupted);
/* Append `line` (taken over); then, unless NULL, `interrupted` becomes the
 * line a signal writes. 0, or -1 with errno. */
int trs_put(trs *t, void *line, const void *interrupted);
/* Write `closing` (taken over) and close, like trs_close. */
int trs_finish(trs *t, void *closing);

/* Building lines (for the workshop's too): set a member (dying on
 * out-of-memory like the rest of sim/), text that may not be valid UTF-8
 * (bad bytes become U+FFFD), the four scores to one decimal, and a
 * conversation number (6, not 6.0, when whole). */
void trs_set(json_t *o, const char *k, json_t *v);
json_t *trs_str(const char *s);
json_t *trs_strn(const char *s, size_t n);
json_t *trs_scores(const double *v);
json_t *trs_num(double v);

/* The JSON pieces, shared with `hamdel play --json`: a turn object and
 * the report card object (json_t *, returned as void * to keep jansson out
 * of this header). */
void *trs_turn_json(const eng_session *e, const eng_turn *t);
void *trs_summary_json(const eng_session *e);

#endif
