/*
 * workshop-json.h - a workshop as JSON (workshop-json.c): the lines of the
 * workshop transcript, written by cmd-workshop.c and read back by the
 * progress store and `hamdel import`, and the `--json` document.
 *
 * Every function returns a new json_t object (the caller owns it).
 */
#ifndef HAMDEL_WORKSHOP_JSON_H
#define HAMDEL_WORKSHOP_JSON_H

#include <jansson.h>

#include "workshop.h"

/* A round as planned before the workshop starts. */
struct wksj_plan {
    const scn_scenario *s;
    score_lang lang;
};

/* {"workshop":ID,"started","version","players":[...],"rounds":[...]} */
json_t *wksj_header(const char *id, const wks *w,
                    const struct wksj_plan *plan, size_t n);
/* {"round":N,"scenario","lang","started"}: the current round opens. */
json_t *wksj_round(const wks *w);
/* A player's reply (a play turn line with "round" and "player") or pass. */
json_t *wksj_reply(const wks *w, const wks_reply *x);
/* {"round","turn","pick":PLAYER,"by","ranking":[players best first]}:
 * `pick` indexes the current line (wks_line), `order` is wks_rank's. */
json_t *wksj_pick(const wks *w, size_t pick, wks_by by, const size_t *order,
                  size_t n);
/* The current round's closing line: its ending, or interrupted. */
json_t *wksj_round_end(const wks *w);
/* What a signal writes: the current round's interrupted line when one
 * is being played (`in_round`), else {"interrupted":true}. */
json_t *wksj_interrupted(const wks *w, int in_round);
/* {"workshop_end":true,"ended","summary":{...}} */
json_t *wksj_end(const wks *w, const wks_sum *s);
/* The team summary object. */
json_t *wksj_summary(const wks *w, const wks_sum *s);
/* --json: the players, every round's lines with all replies, ranks and
 * picks, and the summary. */
json_t *wksj_document(const char *id, const wks *w, const wks_sum *s,
                      const char *transcript, int interrupted);

#endif
