/*
 * workshop-view.h - what the room sees of a workshop on the shared screen
 * (workshop-view.c): the customer line, who has answered, every reply side
 * by side with its grades, what each reply would have caused, and the team
 * summary. Built on view.h, so escaping, colour, --plain and --bidi work
 * as in the simulator.
 */
#ifndef HAMDEL_WORKSHOP_VIEW_H
#define HAMDEL_WORKSHOP_VIEW_H

#include "view.h"
#include "workshop.h"

/* "Round 1 of 2: TITLE (id, en)", the customer and the players. */
void wksv_round_intro(const struct view *v, const wks *w, size_t n_rounds);
/* The customer's current line with the tension meter. */
void wksv_customer(const struct view *v, const wks *w);
/* Who has answered this line and who is next (no replies shown). */
void wksv_waiting(const struct view *v, const wks *w, size_t next);
/* Every answered reply, best first (`order` from wks_rank), with its four
 * scores, overall and what mattered most; side by side when the screen is
 * wide enough (stacked otherwise); then the node's model answer. */
void wksv_side_by_side(const struct view *v, const wks *w,
                       const size_t *order, size_t n);
/* What each reply would have caused: the customer's reaction and the
 * tension, reply by reply in rank order. */
void wksv_each(const struct view *v, const wks *w, const size_t *order,
               size_t n);
/* The model answer of the current line. */
void wksv_model(const struct view *v, const wks *w);
/* "The conversation goes on with NAME's reply", the customer's reaction
 * and the tension move (`t`: the engine's turn from wks_pick). */
void wksv_picked(const struct view *v, const wks *w, const wks_reply *x,
                 const eng_turn *t);
/* The round's ending and the trainer's debrief. */
void wksv_round_end(const struct view *v, const wks *w);
/* The team summary. */
void wksv_summary(const struct view *v, const wks *w, const wks_sum *s);

#endif
