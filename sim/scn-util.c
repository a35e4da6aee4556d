/*
 * scn-util.c - small pieces of the scenario model (scn.h): texts, ending
 * names, the diagnostics list and the "did you mean" suggestion.
 *
 * The loader (scn-load.c), the graph checks (scn-check.c), the condition
 * parser (scn-expr.c) and the library (scn-lib.c) all report problems
 * through scn_diags, and all suggest names with scn_suggest, so every
 * message of `hamdel lint` has the same shape.
 */
#include "ldr.h"
#include "scn.h"
#include "term.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *scn_text_get(const scn_text *t, score_lang lang)
{
    if (!t)
        return NULL;
    if (lang == SCORE_LANG_EN)
        return t->t[0];
    if (lang == SCORE_LANG_FA)
        return t->t[1];
    return NULL;
}

const char *scn_text_any(const scn_text *t, score_lang lang)
{
    const char *s = scn_text_get(t, lang);
    if (!s)
        s = scn_text_get(t, lang == SCORE_LANG_FA ? SCORE_LANG_EN : SCORE_LANG_FA);
    return s ? s : "";
}

const char *scn_ending_name(scn_ending e)
{
    switch (e) {
    case SCN_END_RESOLVED: return "resolved";
    case SCN_END_ESCALATED: return "escalated";
    case SCN_END_CHURNED: return "churned";
    case SCN_END_ENDED: return "ended";
    case SCN_END_NONE: break;
    }
    return "none";
}

void scn_diags_add(scn_diags *d, const char *file, int line, int col,
                   const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->v = util_xrealloc(d->v, d->cap * sizeof *d->v);
    }
    scn_diag *g = &d->v[d->n++];
    g->file = util_xstrdup(file ? file : "-");
    g->line = line;
    g->col = col;
    g->msg = util_xstrdup(buf);
}

void scn_diags_free(scn_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i].file);
        free(d->v[i].msg);
    }
    free(d->v);
    d->v = NULL;
    d->n = d->cap = 0;
}

void scn_strings_free(scn_strings *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    s->v = NULL;
    s->n = 0;
}


const char *scn_suggest(const char *word, const char *const *cands, size_t n)
{
    /* Two edits turn any 3-letter word into another: be stricter there. */
    size_t limit = strlen(word) <= 4 ? 1 : 2, best = limit + 1;
    const char *pick = NULL;
    for (size_t i = 0; i < n; i++) {
        size_t dist = util_distance(word, cands[i]);
        if (dist < best && strcmp(word, cands[i]) != 0)
            best = dist, pick = cands[i];
    }
    return pick;
}

int scn_id_ok(const char *s, char extra)
{
    return ldr_id_ok(s, extra);
}

int scn_rubric_kind_ok(const char *kind, void *rubric)
{
    return score_rubric_has_kind(rubric, kind);
}

void scn_diags_print(const scn_diags *d, FILE *out)
{
    for (size_t i = 0; i < d->n; i++) {
        const scn_diag *g = &d->v[i];
        /* The file name and the message may quote anything a hostile
         * file or its name holds: shown escaped (term_put_clean). */
        term_put_clean(out, g->file, strlen(g->file), 0, 1);
        if (g->line > 0)
            fprintf(out, ":%d:%d", g->line, g->col);
        fputs(": ", out);
        term_put_lines(out, g->msg, strlen(g->msg));
        fputc('\n', out);
    }
}
