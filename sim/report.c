/*
 * report.c - prints a score_result for people (report.h).
 *
 * Layout, e.g.:
 *   hamdel: en reply, overall 8.9/10
 *     empathy     ███████▌    7.5
 *     ...
 *   findings (biggest first):
 *     -2.0  action      push_work  "you'll have to"  → tip
 * Findings are sorted by |delta| descending, ties kept in reply order.
 */
#include "report.h"
#include "term.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define REPORT_BAR_CELLS 10
#define REPORT_SPAN_CELLS 40

static const char *report_sgr(const struct report_opts *o, const char *seq)
{
    return o->color ? seq : "";
}

void report_bar(FILE *f, const char *label, double value, int ascii)
{
    fputs("  ", f);
    term_put_padded(f, label, 11, ascii);
    term_put_bar(f, value, 10.0, REPORT_BAR_CELLS, ascii);
    fprintf(f, " %4.1f", value);
}

static void report_header(FILE *f, const score_result *res,
                          const struct report_opts *o)
{
    fprintf(f, "%s%s reply, overall %.1f/10%s\n", report_sgr(o, TERM_BOLD),
            score_lang_name(res->lang), res->overall,
            report_sgr(o, TERM_RESET));
    for (int d = 0; d < SCORE_NDIM; d++) {
        report_bar(f, score_dim_name((score_dim)d), res->scores[d], o->ascii);
        fputc('\n', f);
    }
    const score_signals *s = &res->signals;
    if (s->truncated)
        fprintf(f, "  note: the reply was longer than %u bytes; only the "
                   "start was graded\n", SCORE_MAX_REPLY);
    if (s->invalid_bytes)
        fprintf(f, "  note: %d byte(s) were not valid UTF-8\n",
                s->invalid_bytes);
}

static int report_cmp(const void *pa, const void *pb)
{
    const score_finding *a = *(const score_finding *const *)pa;
    const score_finding *b = *(const score_finding *const *)pb;
    double da = fabs(a->delta), db = fabs(b->delta);
    if (da != db)
        return da > db ? -1 : 1;
    /* findings arrive in reply order, so the address keeps that order */
    return a < b ? -1 : a > b;
}

static void report_span(FILE *f, const score_finding *x,
                        const struct report_opts *o)
{
    if (x->start == x->end || !x->text || !x->text[0]) {
        fprintf(f, "%s(missing)%s", report_sgr(o, TERM_DIM),
                report_sgr(o, TERM_RESET));
        return;
    }
    const char *hl = x->delta < 0 ? TERM_RED : TERM_GREEN;
    fprintf(f, "\"%s%s", report_sgr(o, TERM_BOLD), report_sgr(o, hl));
    term_put_clean(f, x->text, strlen(x->text), REPORT_SPAN_CELLS, o->ascii);
    fprintf(f, "%s\"", report_sgr(o, TERM_RESET));
}

static void report_finding(FILE *f, const score_finding *x,
                           const struct report_opts *o)
{
    const char *col = x->delta < 0 ? TERM_RED : TERM_GREEN;
    fprintf(f, "  %s%+5.1f%s  ", report_sgr(o, col), x->delta,
            report_sgr(o, TERM_RESET));
    term_put_padded(f, score_dim_name(x->dim), 11, o->ascii);
    term_put_padded(f, x->kind ? x->kind : "?", 18, o->ascii);
    report_span(f, x, o);
    if (x->tip && x->tip[0]) {
        fputs(o->ascii ? "  -> " : "  \xE2\x86\x92 ", f);
        term_put_clean(f, x->tip, strlen(x->tip), 0, o->ascii);
    }
    fputc('\n', f);
}

void report_text(FILE *f, const score_result *res,
                 const struct report_opts *o)
{
    report_header(f, res, o);
    if (res->n_findings == 0) {
        fputs("no findings\n", f);
        return;
    }
    const score_finding **order =
        util_xmalloc(res->n_findings * sizeof *order);
    for (size_t i = 0; i < res->n_findings; i++)
        order[i] = &res->findings[i];
    qsort(order, res->n_findings, sizeof *order, report_cmp);
    fputs("findings (biggest first):\n", f);
    for (size_t i = 0; i < res->n_findings; i++)
        report_finding(f, order[i], o);
    free(order);
}
