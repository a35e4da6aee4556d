/*
 * repl.h - the interactive simulator: a readline REPL for practising.
 *
 * A bare `hamdel` on a terminal opens it at home (prompt `hamdel>`: list,
 * play, score, help, quit); `hamdel play ID` on a terminal opens it
 * straight in that scenario (prompt `you>`). The pieces:
 *   repl.c          entry points, options, start-up and shutdown (history,
 *                   signals, terminal), the home loop
 *   repl-home.c     the home commands
 *   repl-scene.c    one conversation: replies, /commands, the end
 *   repl-input.c    reading input: readline's callback interface under
 *                   pselect, so Ctrl-C, SIGHUP, SIGTERM and resizes are
 *                   handled between keys; `\` continuation and /multi
 *   repl-complete.c tab completion of commands and scenario ids
 * What is shown comes from view.c; the conversation itself from engine.c
 * and transcript.c, exactly as scripted `hamdel play` uses them.
 * Everything below the public part is shared by the repl-*.c files only.
 */
#ifndef HAMDEL_REPL_H
#define HAMDEL_REPL_H

#include <stddef.h>

#include "rubrics.h"
#include "scn.h"
#include "score.h"
#include "view.h"

/* ---- public ------------------------------------------------------------- */

struct repl_opts {
    const char *ui_lang; /* --ui-lang, or NULL: follow the environment */
    int bidi;            /* --bidi */
    int plain;           /* --plain: no colour, ASCII bars */
    const char *trainee; /* --trainee: record in the progress store */
    const char *db;      /* --db: the progress store's file */
};

/* 1 when stdin and stdout are terminals: the simulator can run. */
int repl_wanted(void);
/* A bare `hamdel` (main() has read the global --ui-lang, --bidi and
 * --plain): the simulator on a terminal, else the general help. */
int repl_main(const struct repl_opts *o);
/* `hamdel play` on a terminal: this scenario (borrowed), then home. */
int repl_play(const struct repl_opts *o, const scn_scenario *s,
              score_lang lang, const char *transcript);

struct wks_run;
/* `hamdel workshop` on a terminal: the room answers at readline prompts
 * (repl-workshop.c); runs wks_run_all with that input. */
int repl_workshop(const struct repl_opts *o, struct wks_run *run);

/* ---- shared by repl-*.c --------------------------------------------------- */

/* What ended a read (repl_read). */
enum repl_in {
    REPL_IN_LINE, /* *out holds the text (malloc'd) */
    REPL_IN_EOF,  /* Ctrl-D on an empty line, or the terminal went away */
    REPL_IN_INT,  /* Ctrl-C: the line was cleared */
    REPL_IN_STOP  /* SIGHUP or SIGTERM: save and leave now */
};

struct repl {
    struct repl_opts o;
    char trainee[128];  /* asked by `track` when --trainee wasn't given */
    struct view v;
    scn_library lib;
    struct rubrics rs;
    char history[4096]; /* the history file, "" when there is none */
    int stop_sig;       /* the signal that stopped us, 0 if none */
    int quit;           /* the trainee asked to leave */
    int no_history;     /* a workshop: replies must not be recalled */
};

/* repl-input.c */
/* plain: keep readline from writing any escape sequence */
void repl_input_init(int plain);
/* Read one entry; a line ending in `\` continues on the next one. The
 * text has control characters removed. Returns a REPL_IN_* value. */
int repl_read(struct repl *r, const char *prompt, char **out);
/* /multi: lines until one holding only "." (or Ctrl-D), joined. */
int repl_read_multi(struct repl *r, char **out);
/* A prompt in bold (when colour is on), safe for readline's redisplay. */
void repl_prompt(const struct repl *r, const char *text, char *buf, size_t n);
/* Strip control characters and escape sequences (keeps \n); in place. */
size_t repl_clean(char *s, size_t len);
/* The signal that asked us to stop (SIGHUP, SIGTERM), or 0. */
int repl_stop_signal(void);

/* repl-complete.c */
void repl_complete_init(struct repl *r);

/* repl-home.c */
void repl_welcome(struct repl *r);
/* Run one home command line; 0 to go on, 1 to leave. */
int repl_home_command(struct repl *r, char *line);
void repl_home_help(struct repl *r);

/* repl-scene.c: one conversation; returns when it is over. */
/* Ask one question at a `label>` prompt: the answer (malloc'd), or NULL
 * when cancelled (repl-home.c). */
char *repl_ask(struct repl *r, const char *question, const char *label);
/* repl-trainee.c: the remembered name (state dir), used when hamdel was
 * started without --trainee; remember a new one (0, or -1 when the name
 * is empty or too long). */
void repl_trainee_load(struct repl *r);
int repl_trainee_remember(struct repl *r, const char *name);

/* `track [ID]` at home: the tracks, or the next step of one (repl-track.c). */
void repl_track(struct repl *r, const char *id);

void repl_scene(struct repl *r, const scn_scenario *s, score_lang lang,
                const char *transcript);

/* repl.c */
/* Set up (options, library, history, input) and tear down; repl_end
 * saves the history and returns the exit status. */
void repl_begin(struct repl *r, const struct repl_opts *o);
int repl_end(struct repl *r);
/* The library (loaded once); the rubric for a language. */
const score_rubric *repl_rubric(struct repl *r, score_lang lang);
/* The best overall grade in the saved transcripts of `id`, or -1. */
double repl_best_grade(const char *id);

#endif
