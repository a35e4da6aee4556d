/*
 * workshop-run.h - playing a whole workshop: rounds, lines, replies,
 * picks, the transcript and the progress store (workshop-run.c).
 *
 * The loop is the same for the room at a terminal (repl-workshop.c) and
 * for scripted input (cmd-workshop.c); they differ only in where replies
 * and the facilitator's choices come from, which is what struct wks_io
 * abstracts.
 */
#ifndef HAMDEL_WORKSHOP_RUN_H
#define HAMDEL_WORKSHOP_RUN_H

#include "rubrics.h"
#include "store.h"
#include "transcript.h"
#include "view.h"
#include "workshop-json.h"
#include "workshop.h"

/* What an input source says. */
enum wks_in {
    WKS_IN_REPLY, /* *text holds a reply (malloc'd) */
    WKS_IN_PASS,  /* the player passes on this line */
    WKS_IN_PICK,  /* the facilitator chose (*pick, *by) */
    WKS_IN_END,   /* the input ended */
    WKS_IN_QUIT,  /* the facilitator stopped the workshop */
    WKS_IN_STOP   /* a signal (SIGHUP, SIGTERM) asked us to stop */
};

struct wks_run;

struct wks_io {
    /* Player p's answer to the current line. */
    int (*reply)(struct wks_run *run, size_t p, char **text);
    /* Player p has answered (the room's screen hides it). May be NULL. */
    void (*answered)(struct wks_run *run, size_t p);
    /* After the side-by-side view: which reply goes on (*pick, an index
     * into wks_line's array, and how it was chosen). */
    int (*pick)(struct wks_run *run, const size_t *order, size_t n,
                size_t *pick, wks_by *by);
    void *ud;
    int interactive; /* the room is at a terminal: show who is next */
};

struct wks_run {
    wks *w;
    const struct wksj_plan *plan;
    size_t n_plan;
    struct rubrics *rs;
    struct view v;
    int quiet;               /* --json: no text on stdout */
    const char *transcript;  /* --transcript, or NULL for the default */
    const char *db;          /* --db, or NULL for the default */
    struct wks_io io;
    /* filled while running */
    char id[40];
    trs *t;
    char *path;              /* the transcript's file */
    store_live *live;
    int in_round;            /* a round is being played */
    int ended;               /* how it ended: one of WKS_IN_* (0: done) */
    int write_failed;
};

/* Play every round of the plan. 0 when all rounds reached an ending;
 * else an exit status after the message (74 I/O, 75 input ended early,
 * 65 a line nobody answered in scripted input). /quit is 0. */
int wks_run_all(struct wks_run *r);
/* Free what wks_run_all allocated (the workshop itself stays). */
void wks_run_free(struct wks_run *r);

#endif
