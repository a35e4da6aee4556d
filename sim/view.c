/*
 * view.c - the screens of a conversation in the simulator (view.h).
 *
 * Lines are built as logical text (open_memstream), then printed by
 * view_line(): indent, optional colour, bidi_visual(), term.c escaping.
 * Interface words go through gettext (_()); scenario texts are already in
 * the conversation's language. Nothing here reads input or changes state.
 */
#include "view.h"
#include "bidi.h"
#include "i18n.h"
#include "report.h"
#include "term.h"
#include "util.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define VIEW_MAX_COLS 100
#define VIEW_MIN_COLS 40
#define VIEW_METER_CELLS 10
#define VIEW_SPAN_CELLS 50
#define VIEW_TOP 3

void view_init(struct view *v, FILE *f, int plain)
{
    v->f = f;
    v->ascii = plain;
    v->color = !plain && term_color_ok(f);
}

size_t view_cols(const struct view *v)
{
    struct winsize ws;
    size_t c = 80;
    if (ioctl(fileno(v->f), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        c = ws.ws_col;
    return c > VIEW_MAX_COLS ? VIEW_MAX_COLS : c < VIEW_MIN_COLS ? VIEW_MIN_COLS : c;
}

const char *view_sgr(const struct view *v, const char *seq)
{
    return v->color ? seq : "";
}

void view_line(const struct view *v, size_t indent, const char *sgr,
               const char *text)
{
    char *vis = bidi_visual(text, strlen(text));
    for (size_t i = 0; i < indent; i++)
        fputc(' ', v->f);
    if (sgr && v->color)
        fputs(sgr, v->f);
    term_put_clean(v->f, vis, strlen(vis), 0, v->ascii);
    if (sgr && v->color)
        fputs(TERM_RESET, v->f);
    fputc('\n', v->f);
    free(vis);
}

void view_linef(const struct view *v, size_t indent, const char *sgr,
                const char *fmt, ...)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m)
        util_die(UTIL_EX_SOFTWARE, "out of memory");
    va_list ap;
    va_start(ap, fmt);
    vfprintf(m, fmt, ap);
    va_end(ap);
    fclose(m);
    view_line(v, indent, sgr, buf);
    free(buf);
}

void view_para(const struct view *v, size_t indent, const char *sgr,
               const char *text)
{
    size_t cols = view_cols(v);
    char **lines = bidi_wrap(text ? text : "", cols > indent + 20 ? cols - indent : 20);
    for (size_t i = 0; lines && lines[i]; i++)
        view_line(v, indent, sgr, lines[i]);
    bidi_wrap_free(lines);
}

double view_r1(double v)
{
    return round(v * 10) / 10;
}

static const double *view_sort_deltas;

static int view_cmp(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    double da = fabs(view_sort_deltas[a]), db = fabs(view_sort_deltas[b]);
    if (da != db)
        return da > db ? -1 : 1;
    return a < b ? -1 : a > b;
}

size_t view_top(const double *deltas, size_t n, size_t *top, size_t max)
{
    size_t *idx = util_xmalloc((n ? n : 1) * sizeof *idx);
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    view_sort_deltas = deltas;
    qsort(idx, n, sizeof *idx, view_cmp);
    size_t k = n < max ? n : max;
    memcpy(top, idx, k * sizeof *top);
    free(idx);
    return k;
}

const char *view_dim_name(score_dim d)
{
    static const char *const names[SCORE_NDIM] = {
        N_("empathy"), N_("action"), N_("honesty"), N_("boundaries")};
    return d < SCORE_NDIM ? _(names[d]) : "?";
}

void view_grade_turn(struct view_grade *g, const eng_turn *t)
{
    g->scores = t->scores;
    g->overall = t->overall;
    g->n = t->n_findings;
    g->f = util_xmalloc((g->n ? g->n : 1) * sizeof *g->f);
    for (size_t i = 0; i < g->n; i++) {
        const eng_finding *x = &t->findings[i];
        g->f[i] = (struct view_finding){x->dim, x->kind, x->tip,
                                        x->end > x->start ? x->text : NULL,
                                        x->delta};
    }
}

void view_grade_result(struct view_grade *g, const score_result *r)
{
    g->scores = r->scores;
    g->overall = r->overall;
    g->n = r->n_findings;
    g->f = util_xmalloc((g->n ? g->n : 1) * sizeof *g->f);
    for (size_t i = 0; i < g->n; i++) {
        const score_finding *x = &r->findings[i];
        g->f[i] = (struct view_finding){x->dim, x->kind, x->tip,
                                        x->end > x->start ? x->text : NULL,
                                        x->delta};
    }
}

/* A memstream for building one line; view_done prints and frees it. */
struct view_buf {
    char *s;
    size_t len;
    FILE *m;
};

static FILE *view_open(struct view_buf *b)
{
    b->s = NULL;
    b->m = open_memstream(&b->s, &b->len);
    if (!b->m)
        util_die(UTIL_EX_SOFTWARE, "out of memory");
    return b->m;
}

static void view_done(const struct view *v, struct view_buf *b, size_t indent,
                      const char *sgr)
{
    fclose(b->m);
    view_line(v, indent, sgr, b->s);
    free(b->s);
}

static const char *view_tension_sgr(double t)
{
    return t >= 7 ? TERM_RED : t >= 4 ? TERM_YELLOW : TERM_GREEN;
}

/* "tension [######    ] 6/10" as one line */
static void view_meter(const struct view *v, double t, size_t indent)
{
    struct view_buf b;
    FILE *m = view_open(&b);
    fprintf(m, "%s [", _("tension"));
    term_put_bar(m, t, ENG_MAX_TENSION, VIEW_METER_CELLS, v->ascii);
    fprintf(m, "] %g/10", view_r1(t));
    view_done(v, &b, indent, view_tension_sgr(t));
}

static const char *view_persona(const eng_session *e)
{
    const char *name = eng_text(e, &eng_scenario(e)->persona_name);
    return *name ? name : _("the customer");
}

void view_intro(const struct view *v, const eng_session *e)
{
    const scn_scenario *s = eng_scenario(e);
    fputc('\n', v->f);
    view_line(v, 0, TERM_BOLD, eng_text(e, &s->title));
    view_linef(v, 0, NULL, _("You are the agent. The customer: %s."),
               view_persona(e));
    view_para(v, 0, TERM_DIM, eng_text(e, &s->summary));
    view_meter(v, eng_tension(e), 0);
    fputc('\n', v->f);
}

void view_customer(const struct view *v, const eng_session *e,
                   const char *line)
{
    struct view_buf b;
    FILE *m = view_open(&b);
    fprintf(m, "%s  [", view_persona(e));
    term_put_bar(m, eng_tension(e), ENG_MAX_TENSION, VIEW_METER_CELLS / 2,
                 v->ascii);
    fprintf(m, "] %s %g/10", _("tension"), view_r1(eng_tension(e)));
    view_done(v, &b, 0, TERM_BOLD);
    view_para(v, 2, NULL, line);
}

static void view_bar(const struct view *v, const char *label, double value)
{
    struct view_buf b;
    FILE *m = view_open(&b);
    report_bar(m, label, value, v->ascii);
    view_done(v, &b, 0, NULL);
}

/* A finding's words highlighted in colour (only when no reordering can
 * move the colour codes), in quotes always. */
static void view_span_line(const struct view *v, const struct view_finding *x)
{
    const char *sgr = x->delta < 0 ? TERM_RED : TERM_GREEN;
    char head[160];
    snprintf(head, sizeof head, "%+.1f %s: ", x->delta, view_dim_name(x->dim));
    if (!x->text) {
        view_linef(v, 2, sgr, "%s%s (%s)", head, _("something missing"), x->kind);
        return;
    }
    if (bidi_enabled() || !v->color) {
        view_linef(v, 2, NULL, "%s\"%s\"", head, x->text);
        return;
    }
    fprintf(v->f, "  %s%s%s\"%s%s", sgr, head, TERM_RESET, TERM_BOLD, sgr);
    term_put_clean(v->f, x->text, strlen(x->text), VIEW_SPAN_CELLS, v->ascii);
    fprintf(v->f, "%s\"\n", TERM_RESET);
}

void view_grades(const struct view *v, const struct view_grade *g)
{
    for (int d = 0; d < SCORE_NDIM; d++)
        view_bar(v, view_dim_name((score_dim)d), g->scores[d]);
    view_linef(v, 0, TERM_BOLD, "%s %.1f/10", _("overall"), g->overall);
    double *deltas = util_xmalloc((g->n ? g->n : 1) * sizeof *deltas);
    for (size_t i = 0; i < g->n; i++)
        deltas[i] = g->f[i].delta;
    size_t top[VIEW_TOP], k = view_top(deltas, g->n, top, VIEW_TOP);
    free(deltas);
    if (k)
        view_line(v, 0, NULL, _("What mattered most:"));
    for (size_t i = 0; i < k; i++) {
        const struct view_finding *x = &g->f[top[i]];
        view_span_line(v, x);
        if (x->tip && *x->tip)
            view_para(v, 6, TERM_DIM, x->tip);
    }
}

void view_tension_move(const struct view *v, const eng_turn *t)
{
    double d = t->tension_after - t->tension_before;
    const char *arrow = v->ascii ? "->" : "\xE2\x86\x92";
    const char *how = d > 0 ? _("the customer got more upset")
                    : d < 0 ? _("the customer calmed down")
                            : _("no change");
    view_linef(v, 0, d > 0 ? TERM_RED : d < 0 ? TERM_GREEN : NULL,
               "%s %g %s %g (%+g): %s", _("tension"),
               view_r1(t->tension_before), arrow, view_r1(t->tension_after),
               view_r1(d), how);
    if (t->broke)
        view_line(v, 0, TERM_RED, _("The customer has had enough."));
}

/* "best: turn 2 (8.9): reply" and, below, the model answer to that line. */
static void view_card_turn(const struct view *v, const eng_session *e,
                           const char *label, int i, int with_model)
{
    if (i < 0)
        return;
    const eng_turn *t = eng_turn_at(e, (size_t)i);
    struct view_buf b;
    FILE *m = view_open(&b);
    fprintf(m, "%s %s %d (%.1f): ", label, _("turn"), t->number, t->overall);
    /* a reply typed over several lines, shown on one */
    char *flat = util_xmalloc(t->reply_len + 1);
    for (size_t k = 0; k <= t->reply_len; k++)
        flat[k] = t->reply[k] == '\n' || t->reply[k] == '\t' ? ' ' : t->reply[k];
    term_put_clean(m, flat, t->reply_len, VIEW_SPAN_CELLS, v->ascii);
    free(flat);
    view_done(v, &b, 2, NULL);
    const char *model = eng_text(e, &eng_scenario(e)->nodes[t->node].model_answer);
    if (!with_model || !*model)
        return;
    view_line(v, 4, TERM_GREEN, _("what to say instead:"));
    view_para(v, 6, NULL, model);
}

void view_card(const struct view *v, const eng_session *e)
{
    eng_card c;
    eng_report(e, &c);
    fputc('\n', v->f);
    view_linef(v, 0, TERM_BOLD,
               ngettext("Report card (%zu turn)", "Report card (%zu turns)",
                        (unsigned long)c.turns), c.turns);
    if (c.turns == 0) {
        view_line(v, 2, NULL, _("No replies yet, so nothing to grade."));
        return;
    }
    for (int d = 0; d < SCORE_NDIM; d++)
        view_bar(v, view_dim_name((score_dim)d), view_r1(c.mean[d]));
    view_linef(v, 0, TERM_BOLD, "%s %.1f/10", _("overall"), view_r1(c.overall));
    if (c.worst != c.best) {
        view_card_turn(v, e, _("best:"), c.best, 0);
        view_card_turn(v, e, _("worst:"), c.worst, 1);
    } else {
        view_card_turn(v, e, _("your turn:"), c.best,
                       eng_turn_at(e, (size_t)c.best)->overall < 8);
    }
}

static const char *view_ending_name(scn_ending k)
{
    switch (k) {
    case SCN_END_RESOLVED: return _("resolved: the customer is satisfied");
    case SCN_END_ESCALATED: return _("escalated: the customer asked for a manager");
    case SCN_END_CHURNED: return _("churned: the customer is leaving");
    case SCN_END_ENDED: return _("the conversation ended");
    default: return _("not finished");
    }
}

void view_ending(const struct view *v, const eng_session *e)
{
    const scn_node *n = eng_node(e);
    fputc('\n', v->f);
    if (!eng_done(e)) {
        view_line(v, 0, TERM_BOLD, _("You stopped before the conversation ended."));
        return;
    }
    view_linef(v, 0, TERM_BOLD, "%s %s", _("Ending:"), view_ending_name(n->ending));
    const char *line = eng_text(e, &n->customer);
    if (*line)
        view_customer(v, e, line);
    const char *debrief = eng_text(e, &n->debrief);
    if (*debrief) {
        view_line(v, 0, TERM_BOLD, _("Trainer's debrief:"));
        view_para(v, 2, NULL, debrief);
    }
}

/* Words in a scenario tag that train a dimension. */
static const char *const view_dim_tags[SCORE_NDIM][4] = {
    {"empathy", "apolog", "listen", NULL},
    {"action", "alternative", "fix", NULL},
    {"honest", "promise", "truth", NULL},
    {"boundar", "abus", "letting-go", "threat"},
};

static int view_trains(const scn_scenario *s, score_dim d)
{
    for (size_t i = 0; i < s->tags.n; i++)
        for (int k = 0; k < 4 && view_dim_tags[d][k]; k++)
            if (strstr(s->tags.v[i], view_dim_tags[d][k]))
                return 1;
    return 0;
}

static score_dim view_weakest(const eng_card *c)
{
    score_dim w = SCORE_EMPATHY;
    for (int d = 1; d < SCORE_NDIM; d++)
        if (c->mean[d] < c->mean[w])
            w = (score_dim)d;
    return w;
}

void view_suggest(const struct view *v, const eng_session *e,
                  const scn_library *lib)
{
    eng_card c;
    eng_report(e, &c);
    if (c.turns == 0 || !lib)
        return;
    score_dim w = view_weakest(&c);
    const scn_scenario *pick = NULL, *me = eng_scenario(e);
    for (size_t i = 0; i < lib->n && !pick; i++)
        if (lib->v[i] != me && strcmp(lib->v[i]->id, me->id) != 0 &&
            view_trains(lib->v[i], w))
            pick = lib->v[i];
    fputc('\n', v->f);
    if (pick)
        view_linef(v, 0, TERM_BOLD,
                   _("Your weakest area was %s (%.1f). Try next: play %s"),
                   view_dim_name(w), view_r1(c.mean[w]), pick->id);
    else
        view_linef(v, 0, TERM_BOLD,
                   _("Your weakest area was %s (%.1f). Try this one again: play %s"),
                   view_dim_name(w), view_r1(c.mean[w]), me->id);
}
