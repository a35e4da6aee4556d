/*
 * workshop.h - a room of trainees answering the same customer (`hamdel
 * workshop`): the pure part, with no terminal and no files.
 *
 * A workshop is a list of players and a series of rounds, one scenario
 * each. At every customer line each player answers; every answer is
 * graded in the same context (the conversation so far) by playing it on
 * the round's engine and taking it back (eng_retry), so nobody's reply
 * changes anyone else's grade. The replies are then ranked, and the
 * conversation goes on with the one the facilitator picks (the best by
 * default). At the end wks_summarise() computes the team summary.
 *
 * cmd-workshop.c drives it, workshop-view.c shows it on the shared
 * screen, workshop-json.c turns it into transcript lines and --json, and
 * the progress store (store-workshop.c) records the transcript.
 */
#ifndef HAMDEL_WORKSHOP_H
#define HAMDEL_WORKSHOP_H

#include <stddef.h>

#include "engine.h"
#include "scn.h"
#include "score.h"

#define WKS_MIN_PLAYERS 2
#define WKS_MAX_PLAYERS 12
#define WKS_MAX_NAME 40   /* characters of a player's name */
#define WKS_MAX_NAME_BYTES (4 * WKS_MAX_NAME)
#define WKS_MAX_ROUNDS 20
#define WKS_HARDEST 3     /* customer lines in the summary */

/* One player's answer to one customer line. */
typedef struct {
    int round;        /* 0-based */
    int turn;         /* 1-based within the round: the customer line */
    size_t player;    /* index into the players */
    int passed;       /* no reply: t holds only node, node_id, customer */
    eng_turn t;       /* the graded reply (a deep copy; see eng_turn_copy) */
    int rank;         /* 1 = best of the room on this line; 0 when passed */
    int picked;       /* the conversation went on with this reply */
} wks_reply;

/* One round: a scenario played by the room. */
typedef struct {
    const scn_scenario *s; /* borrowed */
    score_lang lang;
    eng_session *e;        /* the conversation as the customer heard it */
} wks_round;

typedef struct {
    char **players;
    size_t n_players;
    wks_round *rounds;
    size_t n_rounds;
    wks_reply *replies;    /* every answer so far, in the order given */
    size_t n_replies, cap;
    size_t turn_first;     /* the current line's first reply */
} wks;

/* wks_pick of a pass or of no reply at all. */
enum { WKS_EINVAL = 101 };

/* How a reply was chosen to go on with. */
typedef enum { WKS_BY_BEST, WKS_BY_FACILITATOR } wks_by;

/* ---- running it ----------------------------------------------------------- */

/* A workshop of `n` players (names copied). Never NULL. */
wks *wks_new(const char *const *players, size_t n);
void wks_free(wks *w);

/* Start the next round; the previous one must be done (or none). The
 * scenario and rubric are borrowed and must outlive the workshop. */
void wks_round_start(wks *w, const scn_scenario *s, score_lang lang,
                     const score_rubric *rubric);
/* The current round, or NULL before the first. */
wks_round *wks_current(const wks *w);
/* The current line's number in its round (1-based). */
int wks_turn_no(const wks *w);

/*
 * Player `p` answers the current line: grade it in the conversation's
 * context without moving the conversation. SCORE_OK (and *out, valid until
 * the next call that adds a reply), SCORE_EEMPTY (no words: nothing is
 * recorded, ask again or pass), ENG_EDONE, or another scorer error.
 */
int wks_answer(wks *w, size_t p, const char *reply, size_t len,
               const wks_reply **out);
/* Player `p` passes on the current line. */
const wks_reply *wks_pass(wks *w, size_t p);
/* Has player `p` answered or passed the current line? */
int wks_has_answered(const wks *w, size_t p);

/* Forget the current line's replies (everyone passed: ask again). */
void wks_line_clear(wks *w);
/* The current line's replies, in the order given (passes included). */
size_t wks_line(const wks *w, wks_reply **v);
/* Rank the current line's answered replies (rank 1 = best: overall to one
 * decimal, then the higher lowest dimension, then player order). Fills
 * `order` (indices into wks_line's array, best first, passes left out)
 * and returns how many were ranked. */
size_t wks_rank(wks *w, size_t *order);
/*
 * Go on with reply `i` (an index into wks_line's array; it must be
 * answered): replay it on the engine so the customer reacts to it, mark
 * it picked, and open the next line. SCORE_OK and *turn (the engine's
 * turn), or an engine error.
 */
int wks_pick(wks *w, size_t i, const eng_turn **turn);

/* ---- the team summary ----------------------------------------------------- */

typedef struct {
    size_t answered, passed, picked, firsts; /* firsts: lines ranked 1st */
    double mean[SCORE_NDIM], overall;        /* over answered replies */
    int gain_known;     /* at least two replies */
    double gain;        /* later half's mean overall minus the earlier's */
} wks_player_sum;

/* A customer line the room found hard. */
typedef struct {
    int round, turn;
    const char *node_id, *customer; /* borrowed */
    double mean;                    /* the room's mean overall there */
    size_t answered;
    long best;                      /* index into replies: the best there */
} wks_hard;

typedef struct {
    wks_player_sum *players;        /* n_players of them */
    size_t answered, passed;
    double mean[SCORE_NDIM], overall; /* the room's, over every reply */
    long most_improved;             /* a player index; -1: nobody gained */
    long of_the_day[SCORE_NDIM];    /* index into replies per dimension; -1 */
    wks_hard hard[WKS_HARDEST];
    size_t n_hard;
} wks_sum;

void wks_summarise(const wks *w, wks_sum *out);
void wks_sum_free(wks_sum *s);

#endif
