/*
 * workshop-run.c - the workshop loop (workshop-run.h): for every round,
 * every customer line, every player; then the ranking, the facilitator's
 * pick and the customer's reaction; finally the team summary.
 *
 * Each reply is on disk (the transcript, fsync'd) before the next player
 * types, and the prepared "interrupted" line is re-armed after every line,
 * so closing the laptop mid-round loses no finished answer. The progress
 * store hears the same lines (store_live), exactly as `hamdel import`
 * would read them later.
 */
#include "workshop-run.h"
#include "i18n.h"
#include "util.h"
#include "workshop-view.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define WKS_EX_DATAERR 65
#define WKS_EX_IOERR 74
#define WKS_EX_TEMPFAIL 75

/* Write one line (taken over) and re-arm the interrupted line. A write
 * error is reported once; the workshop goes on on screen. */
static void wks_put(struct wks_run *r, json_t *line)
{
    json_t *intr = wksj_interrupted(r->w, r->in_round);
    if (trs_put(r->t, line, intr) != 0 && !r->write_failed) {
        r->write_failed = errno ? errno : EIO;
        util_warn(_("cannot write the transcript %s: %s"), r->path,
                  strerror(r->write_failed));
    }
    json_decref(intr);
}

static int wks_open(struct wks_run *r)
{
    char err[4200], def[4096];
    int code = WKS_EX_IOERR;
    const char *path = r->transcript;
    if (!path) {
        if (trs_default_path_for("workshop", def, sizeof def, err,
                                 sizeof err) != 0) {
            util_warn("%s", err);
            return code;
        }
        path = def;
    }
    trs_make_id(r->id, sizeof r->id);
    r->t = trs_open_json(path, wksj_header(r->id, r->w, r->plan, r->n_plan),
                         err, sizeof err, &code);
    if (!r->t) {
        util_warn("%s", err);
        return code;
    }
    r->path = util_xstrdup(trs_path(r->t));
    json_t *intr = wksj_interrupted(r->w, 0);
    trs_guard_json(r->t, intr);
    json_decref(intr);
    r->live = store_live_start(r->t, r->db, NULL);
    return 0;
}

/* Ask every player for the current line. WKS_IN_REPLY when all have
 * answered or passed, else what stopped it. */
static int wks_ask_room(struct wks_run *r)
{
    for (size_t p = 0; p < r->w->n_players; p++) {
        if (!r->quiet && r->io.interactive)
            wksv_waiting(&r->v, r->w, p);
        for (;;) {
            char *text = NULL;
            int in = r->io.reply(r, p, &text);
            const wks_reply *x = NULL;
            if (in == WKS_IN_PASS) {
                x = wks_pass(r->w, p);
            } else if (in == WKS_IN_REPLY) {
                int rc = wks_answer(r->w, p, text, strlen(text), &x);
                free(text);
                if (rc == SCORE_EEMPTY && r->io.interactive) {
                    view_line(&r->v, 0, NULL, _("That has no words; type a "
                              "reply, or /pass."));
                    continue;
                }
                if (rc == SCORE_EEMPTY)
                    x = wks_pass(r->w, p);
                else if (rc != SCORE_OK)
                    util_die(UTIL_EX_SOFTWARE, "the scorer failed (code %d)", rc);
            } else {
                return in;
            }
            wks_put(r, wksj_reply(r->w, x));
            if (r->io.answered)
                r->io.answered(r, p);
            break;
        }
    }
    return WKS_IN_REPLY;
}

/* Show the replies side by side, take the facilitator's pick, go on. */
static int wks_settle_line(struct wks_run *r, const size_t *order, size_t n)
{
    size_t pick = order[0];
    wks_by by = WKS_BY_BEST;
    if (!r->quiet)
        wksv_side_by_side(&r->v, r->w, order, n);
    int in = r->io.pick ? r->io.pick(r, order, n, &pick, &by) : WKS_IN_PICK;
    if (in != WKS_IN_PICK)
        return in;
    json_t *chosen = wksj_pick(r->w, pick, by, order, n);
    wks_reply *line;
    wks_line(r->w, &line);
    const wks_reply *x = &line[pick];
    const eng_turn *t;
    if (wks_pick(r->w, pick, &t) != SCORE_OK)
        util_die(UTIL_EX_SOFTWARE, "cannot go on with the picked reply");
    /* Written after the pick, so the line a signal writes from now on
     * counts this turn and names the node the conversation went to. */
    wks_put(r, chosen);
    if (!r->quiet)
        wksv_picked(&r->v, r->w, x, t);
    return WKS_IN_PICK;
}

/* One customer line: ask, rank, pick. WKS_IN_PICK to go on. */
static int wks_line_play(struct wks_run *r, size_t *order)
{
    if (!r->quiet)
        wksv_customer(&r->v, r->w);
    int in = wks_ask_room(r);
    if (in != WKS_IN_REPLY)
        return in;
    size_t n = wks_rank(r->w, order);
    if (n == 0 && r->io.interactive) {
        view_line(&r->v, 0, NULL, _("Nobody answered this line; asking the "
                  "room again."));
        wks_line_clear(r->w);
        return WKS_IN_PICK;
    }
    if (n == 0) {
        util_warn(_("round %zu, line %d: nobody answered; a workshop needs "
                  "at least one reply per line"), r->w->n_rounds,
                  wks_turn_no(r->w));
        return WKS_IN_END;
    }
    return wks_settle_line(r, order, n);
}

static int wks_round_play(struct wks_run *r, size_t i)
{
    const struct wksj_plan *p = &r->plan[i];
    wks_round_start(r->w, p->s, p->lang, rubrics_get(r->rs, p->lang));
    r->in_round = 1;
    wks_put(r, wksj_round(r->w));
    if (!r->quiet)
        wksv_round_intro(&r->v, r->w, r->n_plan);
    size_t *order = util_xmalloc(r->w->n_players * sizeof *order);
    int in = WKS_IN_PICK;
    while (in == WKS_IN_PICK && !eng_done(wks_current(r->w)->e))
        in = wks_line_play(r, order);
    free(order);
    r->in_round = 0;
    wks_put(r, wksj_round_end(r->w));
    if (!r->quiet)
        wksv_round_end(&r->v, r->w);
    return in == WKS_IN_PICK ? 0 : in;
}

int wks_run_all(struct wks_run *r)
{
    int rc = wks_open(r);
    if (rc != 0)
        return rc;
    for (size_t i = 0; i < r->n_plan && !r->ended; i++)
        r->ended = wks_round_play(r, i);
    wks_sum sum;
    wks_summarise(r->w, &sum);
    json_t *last = r->ended ? wksj_interrupted(r->w, 0) : wksj_end(r->w, &sum);
    if (trs_finish(r->t, last) != 0 && !r->write_failed)
        r->write_failed = errno ? errno : EIO;
    r->t = NULL;
    store_live_stop(r->live);
    r->live = NULL;
    if (!r->quiet && r->w->n_replies)
        wksv_summary(&r->v, r->w, &sum);
    wks_sum_free(&sum);
    if (r->write_failed)
        return WKS_EX_IOERR;
    if (r->ended == WKS_IN_END) {
        util_warn(_("the input ended before the workshop did; the transcript "
                  "says it was interrupted"));
        return WKS_EX_TEMPFAIL;
    }
    return 0;
}

void wks_run_free(struct wks_run *r)
{
    free(r->path);
    r->path = NULL;
}
