/*
 * workshop-view.c - the shared screen of a workshop (workshop-view.h).
 *
 * The side-by-side view lays the ranked replies out in columns when the
 * terminal has room for at least two of WKSV_MIN_COL cells, otherwise one
 * card under another. Each cell is wrapped, reordered (bidi_visual) and
 * escaped on its own, so a Persian reply never runs into its neighbour;
 * but a terminal that reorders right-to-left text itself would reorder a
 * whole row of columns, so columns holding Persian are used only with
 * --bidi (hamdel reorders) and cards otherwise.
 */
#include "workshop-view.h"
#include "bidi.h"
#include "i18n.h"
#include "term.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define WKSV_MIN_COL 28
#define WKSV_GAP 3        /* " | " between columns */
#define WKSV_TOP 2        /* findings shown per reply */

/* ---- one reply as lines -------------------------------------------------- */

/* A growing list of logical lines, each at most `cols` cells. */
struct wksv_cell {
    char **v;
    size_t n, cap, cols;
};

static void wksv_push(struct wksv_cell *c, const char *s)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 16;
        c->v = util_xrealloc(c->v, c->cap * sizeof *c->v);
    }
    c->v[c->n++] = util_xstrdup(s);
}

static void wksv_wrap(struct wksv_cell *c, const char *text)
{
    char **lines = bidi_wrap(text, c->cols);
    for (size_t i = 0; lines && lines[i]; i++)
        wksv_push(c, lines[i]);
    bidi_wrap_free(lines);
}

static void wksv_cell_free(struct wksv_cell *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->v[i]);
    free(c->v);
}

/* "#1 sara  8.1/10", the four scores, the reply, what mattered most. */
static void wksv_reply_cell(const wks *w, const wks_reply *x, int ascii,
                            struct wksv_cell *c)
{
    char buf[512];
    snprintf(buf, sizeof buf, "#%d %s  %.1f/10%s", x->rank,
             w->players[x->player], view_r1(x->t.overall),
             x->picked ? (ascii ? "  <-" : "  \xE2\x97\x80") : "");
    wksv_wrap(c, buf);
    for (int d = 0; d < SCORE_NDIM; d++) {
        snprintf(buf, sizeof buf, "  %-11s %4.1f", view_dim_name((score_dim)d),
                 view_r1(x->t.scores[d]));
        wksv_push(c, buf);
    }
    size_t n = x->t.reply_len + 8;
    char *q = util_xmalloc(n);
    snprintf(q, n, ascii ? "\"%s\"" : "\xE2\x80\x9C%s\xE2\x80\x9D", x->t.reply);
    wksv_wrap(c, q);
    free(q);
    double deltas[64];
    size_t nf = x->t.n_findings < 64 ? x->t.n_findings : 64, top[WKSV_TOP];
    for (size_t i = 0; i < nf; i++)
        deltas[i] = x->t.findings[i].delta;
    size_t k = view_top(deltas, nf, top, WKSV_TOP);
    for (size_t i = 0; i < k; i++) {
        const eng_finding *f = &x->t.findings[top[i]];
        snprintf(buf, sizeof buf, "%+.1f %s: %s", f->delta,
                 view_dim_name(f->dim), f->text && *f->text ? f->text : f->kind);
        wksv_wrap(c, buf);
    }
}

/* ---- laying cells out ------------------------------------------------------ */

static void wksv_put_cell_line(const struct view *v, const char *s,
                               size_t cols, int pad)
{
    char *vis = bidi_visual(s, strlen(s));
    if (pad)
        term_put_padded(v->f, vis, cols, v->ascii);
    else
        term_put_clean(v->f, vis, strlen(vis), cols, v->ascii);
    free(vis);
}

/* Print cells[0..n) side by side, each `cols` wide. */
static void wksv_row(const struct view *v, struct wksv_cell *cells, size_t n,
                     size_t cols)
{
    size_t height = 0;
    for (size_t i = 0; i < n; i++)
        height = cells[i].n > height ? cells[i].n : height;
    const char *sep = v->ascii ? " | " : " \xE2\x94\x82 ";
    for (size_t r = 0; r < height; r++) {
        for (size_t i = 0; i < n; i++) {
            const char *s = r < cells[i].n ? cells[i].v[r] : "";
            int bold = r == 0 && v->color;
            if (bold)
                fputs(TERM_BOLD, v->f);
            wksv_put_cell_line(v, s, cols, i + 1 < n);
            if (bold)
                fputs(TERM_RESET, v->f);
            if (i + 1 < n)
                fputs(sep, v->f);
        }
        fputc('\n', v->f);
    }
}

/* How many columns fit, or 1 for cards. */
static size_t wksv_columns(const struct view *v, const wks *w,
                           const size_t *order, size_t n)
{
    if (v->ascii && bidi_plain_enabled())
        return 1; /* --plain: one reply after another for screen readers */
    wks_reply *line;
    wks_line(w, &line);
    for (size_t i = 0; i < n && !bidi_enabled(); i++) {
        const eng_turn *t = &line[order[i]].t;
        if (bidi_text_has_rtl(t->reply, t->reply_len))
            return 1;
    }
    size_t cols = view_cols(v), fit = (cols + WKSV_GAP) / (WKSV_MIN_COL + WKSV_GAP);
    if (fit < 2 || n < 2)
        return 1;
    return fit < n ? fit : n;
}

void wksv_side_by_side(const struct view *v, const wks *w,
                       const size_t *order, size_t n)
{
    wks_reply *line;
    wks_line(w, &line);
    size_t per_row = wksv_columns(v, w, order, n), total = view_cols(v);
    size_t cols = per_row > 1 ? (total - WKSV_GAP * (per_row - 1)) / per_row
                              : total - 2;
    fputc('\n', v->f);
    view_linef(v, 0, TERM_BOLD, _("The room's replies, best first (%zu):"), n);
    struct wksv_cell *cells = util_xmalloc((per_row ? per_row : 1) * sizeof *cells);
    for (size_t first = 0; first < n; first += per_row) {
        size_t k = n - first < per_row ? n - first : per_row;
        for (size_t i = 0; i < k; i++) {
            memset(&cells[i], 0, sizeof cells[i]);
            cells[i].cols = cols;
            wksv_reply_cell(w, &line[order[first + i]], v->ascii, &cells[i]);
        }
        fputc('\n', v->f);
        wksv_row(v, cells, k, cols);
        for (size_t i = 0; i < k; i++)
            wksv_cell_free(&cells[i]);
    }
    free(cells);
    wks_reply *all;
    size_t m = wks_line(w, &all);
    for (size_t i = 0; i < m; i++)
        if (all[i].passed)
            view_linef(v, 0, TERM_DIM, _("%s passed on this line."),
                       w->players[all[i].player]);
    wksv_model(v, w);
}

/* ---- the other screens ------------------------------------------------------ */

void wksv_round_intro(const struct view *v, const wks *w, size_t n_rounds)
{
    const wks_round *r = wks_current(w);
    fputc('\n', v->f);
    view_linef(v, 0, TERM_BOLD, _("Round %zu of %zu: %s (%s, %s)"), w->n_rounds,
               n_rounds, scn_text_any(&r->s->title, r->lang), r->s->id,
               score_lang_name(r->lang));
    view_intro(v, r->e);
    char *names = NULL;
    size_t len = 0;
    for (size_t i = 0; i < w->n_players; i++) {
        size_t k = strlen(w->players[i]);
        names = util_xrealloc(names, len + k + 3);
        if (i) {
            memcpy(names + len, ", ", 2);
            len += 2;
        }
        memcpy(names + len, w->players[i], k + 1);
        len += k;
    }
    view_linef(v, 0, NULL, _("Players, in the order they answer: %s"), names);
    free(names);
}

void wksv_customer(const struct view *v, const wks *w)
{
    const eng_session *e = wks_current(w)->e;
    fputc('\n', v->f);
    view_linef(v, 0, TERM_DIM, _("Customer line %d"), wks_turn_no(w));
    view_customer(v, e, eng_text(e, &eng_node(e)->customer));
}

void wksv_waiting(const struct view *v, const wks *w, size_t next)
{
    const char *tick = v->ascii ? "[x]" : "\xE2\x9C\x93";
    const char *open = v->ascii ? "[ ]" : "\xC2\xB7";
    char *line = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&line, &len);
    if (!m)
        return;
    for (size_t i = 0; i < w->n_players; i++)
        fprintf(m, "%s%s %s", i ? "   " : "", wks_has_answered(w, i) ? tick : open,
                w->players[i]);
    fclose(m);
    view_line(v, 0, TERM_DIM, line);
    free(line);
    if (next < w->n_players)
        view_linef(v, 0, TERM_BOLD, _("%s, your reply (the others look away):"),
                   w->players[next]);
}

void wksv_model(const struct view *v, const wks *w)
{
    const wks_round *r = wks_current(w);
    const char *m = scn_text_get(&eng_node(r->e)->model_answer, r->lang);
    if (!m || !*m)
        return;
    fputc('\n', v->f);
    view_line(v, 0, TERM_BOLD, _("A model answer (one good answer, not the only one):"));
    view_para(v, 2, TERM_DIM, m);
}

void wksv_each(const struct view *v, const wks *w, const size_t *order,
               size_t n)
{
    wks_reply *line;
    wks_line(w, &line);
    const wks_round *r = wks_current(w);
    const scn_scenario *s = r->s;
    for (size_t i = 0; i < n; i++) {
        const wks_reply *x = &line[order[i]];
        fputc('\n', v->f);
        view_linef(v, 0, TERM_BOLD, _("#%d %s's reply:"), x->rank,
                   w->players[x->player]);
        const scn_node *next = &s->nodes[x->t.next];
        const char *said = x->t.say && *x->t.say ? x->t.say
                         : scn_text_get(&next->customer, r->lang);
        if (said && *said)
            view_para(v, 2, NULL, said);
        if (next->ending != SCN_END_NONE)
            view_linef(v, 2, TERM_DIM, "%s %s", _("Ending:"),
                       scn_ending_name(next->ending));
        view_tension_move(v, &x->t);
    }
}

void wksv_picked(const struct view *v, const wks *w, const wks_reply *x,
                 const eng_turn *t)
{
    fputc('\n', v->f);
    view_linef(v, 0, TERM_BOLD, _("The conversation goes on with %s's reply."),
               w->players[x->player]);
    if (t->say && *t->say)
        view_para(v, 2, NULL, t->say);
    view_tension_move(v, t);
}

void wksv_round_end(const struct view *v, const wks *w)
{
    view_ending(v, wks_current(w)->e);
}

/* ---- the team summary ------------------------------------------------------ */

/* A reply quoted on one line, cut to the screen. */
static void wksv_quote(const struct view *v, size_t indent, const wks_reply *x)
{
    size_t cols = view_cols(v), max = cols > indent + 12 ? cols - indent - 2 : 10;
    char *vis = bidi_visual(x->t.reply, x->t.reply_len);
    for (size_t i = 0; i < indent; i++)
        fputc(' ', v->f);
    fputs(v->ascii ? "\"" : "\xE2\x80\x9C", v->f);
    term_put_clean(v->f, vis, strlen(vis), max, v->ascii);
    fputs(v->ascii ? "\"" : "\xE2\x80\x9D", v->f);
    fputc('\n', v->f);
    free(vis);
}

static void wksv_table(const struct view *v, const wks *w, const wks_sum *s)
{
    size_t name = 8;
    for (size_t i = 0; i < w->n_players; i++) {
        size_t k = term_width(w->players[i], strlen(w->players[i]));
        name = k > name ? k : name;
    }
    term_put_padded(v->f, _("player"), name + 2, v->ascii);
    fprintf(v->f, "%8s %7s", _("replies"), _("picked"));
    for (int d = 0; d < SCORE_NDIM; d++)
        fprintf(v->f, " %10s", view_dim_name((score_dim)d));
    fprintf(v->f, " %8s %6s\n", _("overall"), _("gain"));
    for (size_t i = 0; i < w->n_players; i++) {
        const wks_player_sum *p = &s->players[i];
        char *vis = bidi_visual(w->players[i], strlen(w->players[i]));
        term_put_padded(v->f, vis, name + 2, v->ascii);
        free(vis);
        fprintf(v->f, "%8zu %7zu", p->answered, p->picked);
        for (int d = 0; d < SCORE_NDIM; d++) {
            if (p->answered)
                fprintf(v->f, " %10.1f", view_r1(p->mean[d]));
            else
                fprintf(v->f, " %10s", "-");
        }
        if (p->answered)
            fprintf(v->f, " %8.1f", view_r1(p->overall));
        else
            fprintf(v->f, " %8s", "-");
        if (p->gain_known)
            fprintf(v->f, " %+6.1f\n", view_r1(p->gain));
        else
            fprintf(v->f, " %6s\n", "-");
    }
}

/* The reply of the day, once per reply: dimensions that share one are
 * named together. */
static void wksv_of_the_day(const struct view *v, const wks *w, const wks_sum *s)
{
    view_line(v, 0, TERM_BOLD, _("Reply of the day:"));
    for (int d = 0; d < SCORE_NDIM; d++) {
        long i = s->of_the_day[d];
        int seen = 0;
        for (int e = 0; e < d; e++)
            seen |= s->of_the_day[e] == i;
        if (i < 0 || seen)
            continue;
        char dims[256] = "";
        for (int e = d; e < SCORE_NDIM; e++)
            if (s->of_the_day[e] == i)
                snprintf(dims + strlen(dims), sizeof dims - strlen(dims), "%s%s %.1f",
                         *dims ? ", " : "", view_dim_name((score_dim)e),
                         view_r1(w->replies[i].t.scores[e]));
        const wks_reply *x = &w->replies[i];
        view_linef(v, 2, NULL, _("%s, round %d, line %d (%s)"),
                   w->players[x->player], x->round + 1, x->turn, dims);
        wksv_quote(v, 4, x);
    }
}

/* How each round ended. */
static void wksv_endings(const struct view *v, const wks *w)
{
    for (size_t i = 0; i < w->n_rounds; i++) {
        const wks_round *r = &w->rounds[i];
        view_linef(v, 2, NULL, _("round %zu, %s: %s"), i + 1, r->s->id,
                   eng_done(r->e) ? scn_ending_name(eng_ending(r->e))
                                  : _("stopped before the end"));
    }
}

void wksv_summary(const struct view *v, const wks *w, const wks_sum *s)
{
    fputc('\n', v->f);
    view_line(v, 0, TERM_BOLD, _("Team summary"));
    wksv_endings(v, w);
    view_linef(v, 0, NULL, _("%zu replies, %zu passes; the room's mean %.1f/10"),
               s->answered, s->passed, view_r1(s->overall));
    for (int d = 0; d < SCORE_NDIM; d++)
        view_linef(v, 2, NULL, "%-12s %4.1f", view_dim_name((score_dim)d),
                   view_r1(s->mean[d]));
    fputc('\n', v->f);
    wksv_table(v, w, s);
    fputc('\n', v->f);
    if (s->most_improved >= 0)
        view_linef(v, 0, TERM_GREEN, _("Most improved: %s (%+.1f from the "
                   "first half of their replies to the second)"),
                   w->players[s->most_improved],
                   view_r1(s->players[s->most_improved].gain));
    else
        view_line(v, 0, NULL, _("Most improved: nobody this time (it takes two "
                  "replies, the later ones better than the earlier)."));
    wksv_of_the_day(v, w, s);
    if (s->n_hard)
        view_line(v, 0, TERM_BOLD, _("The hardest lines for the room:"));
    for (size_t i = 0; i < s->n_hard; i++) {
        const wks_hard *h = &s->hard[i];
        view_linef(v, 2, NULL, _("%zu. %s, line %d: the room's mean %.1f"), i + 1,
                   w->rounds[h->round].s->id, h->turn, view_r1(h->mean));
        view_para(v, 5, TERM_DIM, h->customer);
        if (h->best >= 0) {
            const wks_reply *b = &w->replies[h->best];
            view_linef(v, 5, NULL, _("best there: %s (%.1f)"),
                       w->players[b->player], view_r1(b->t.overall));
            wksv_quote(v, 7, b);
        }
    }
}
