/*
 * view.h - what a trainee sees of a conversation in the interactive
 * simulator (repl-*.c): customer lines with the tension meter, a reply's
 * four grade bars and the findings that mattered most, the report card,
 * the ending and the "try next" suggestion.
 *
 * Every line goes out through view_line(): right-to-left text is reordered
 * by bidi_visual() when --bidi is on, control characters are escaped by
 * term.c, and colour is added only around whole lines (or around a span
 * when no reordering happens), so a Persian line is never cut apart by SGR
 * sequences. Widths and wrapping are in terminal cells (bidi_wrap). The
 * pieces the scripted `hamdel play` shares (which findings matter most,
 * rounding as the transcript rounds) live here too.
 */
#ifndef HAMDEL_VIEW_H
#define HAMDEL_VIEW_H

#include <stddef.h>
#include <stdio.h>

#include "engine.h"
#include "scn.h"
#include "score.h"

struct view {
    FILE *f;
    int color; /* SGR sequences allowed (a terminal, no NO_COLOR) */
    int ascii; /* --plain: ASCII bars and punctuation, no colour */
};

/* A finding as the view shows it, from a turn or from a score_result. */
struct view_finding {
    score_dim dim;
    const char *kind, *tip, *text;
    double delta;
};

/* One graded reply: what view_grades() prints. */
struct view_grade {
    const double *scores; /* SCORE_NDIM */
    double overall;
    struct view_finding *f;
    size_t n;
};

void view_init(struct view *v, FILE *f, int plain);
/* The width to wrap at: the terminal's columns (re-read on every call, so
 * a resize takes effect at the next line), at most 100, at least 40. */
size_t view_cols(const struct view *v);

/* One logical line after `indent` spaces, reordered, escaped, coloured
 * with `sgr` (NULL: none) and ended with a newline. */
void view_line(const struct view *v, size_t indent, const char *sgr,
               const char *text);
/* The same from a printf format (the arguments are UI text and numbers). */
void view_linef(const struct view *v, size_t indent, const char *sgr,
                const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* A paragraph wrapped to the terminal, every line indented by `indent`. */
void view_para(const struct view *v, size_t indent, const char *sgr,
               const char *text);
/* A free-standing SGR code, or "" when colour is off. */
const char *view_sgr(const struct view *v, const char *seq);

/* The indices of the `max` findings with the biggest |delta|, ties in
 * reply order; returns how many. `delta(i)` comes from either form. */
size_t view_top(const double *deltas, size_t n, size_t *top, size_t max);
/* Round to one decimal as the transcript does (5.25 -> 5.3). */
double view_r1(double v);

/* Adapters to view_grade; free the result's `f` with free(). */
void view_grade_turn(struct view_grade *g, const eng_turn *t);
void view_grade_result(struct view_grade *g, const score_result *r);

/* The screens of a conversation. */
void view_intro(const struct view *v, const eng_session *e);
void view_customer(const struct view *v, const eng_session *e,
                   const char *line);
void view_grades(const struct view *v, const struct view_grade *g);
void view_tension_move(const struct view *v, const eng_turn *t);
void view_card(const struct view *v, const eng_session *e);
void view_ending(const struct view *v, const eng_session *e);
/* "try next": a scenario of `lib` whose tags train the weakest dimension
 * of `e`'s report card (the same one again when no other fits). */
void view_suggest(const struct view *v, const eng_session *e,
                  const scn_library *lib);

/* The dimension's name in the interface language. */
const char *view_dim_name(score_dim d);

#endif
