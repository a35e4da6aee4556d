/*
 * json-out.c - converts a score_result to JSON (json-out.h).
 *
 * The key names are the documented output format (docs/cli.md); keep them
 * in sync. json_object_set_new keeps insertion order in jansson >= 2.8, so
 * the output reads in a stable, documented order.
 */
#include "json-out.h"
#include "util.h"

#include <math.h>
#include <string.h>

json_t *jsonout_real(double v, int decimals)
{
    static const double scale[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    double m = scale[decimals < 0 ? 0 : decimals > 6 ? 6 : decimals];
    double r = round(v * m) / m;
    if (r == 0)
        r = 0; /* no "-0.0" */
    return json_real(r);
}

static json_t *jsonout_scores(const score_result *res)
{
    json_t *o = json_object();
    for (int d = 0; d < SCORE_NDIM; d++)
        json_object_set_new(o, score_dim_name((score_dim)d),
                            jsonout_real(res->scores[d], 1));
    return o;
}

static json_t *jsonout_signals(const score_signals *s)
{
    json_t *o = json_object();
    json_object_set_new(o, "empathy_cues", jsonout_real(s->empathy_cues, 1));
    json_object_set_new(o, "action_cues", jsonout_real(s->action_cues, 1));
    json_object_set_new(o, "apologies", json_integer(s->apologies));
    json_t *band = json_array();
    json_array_append_new(band, jsonout_real(s->band_lo, 1));
    json_array_append_new(band, jsonout_real(s->band_hi, 1));
    json_object_set_new(o, "band", band);
    json_object_set_new(o, "sentences", json_integer(s->sentences));
    json_object_set_new(o, "real_sentences", json_integer(s->real_sentences));
    json_object_set_new(o, "words", json_integer(s->words));
    json_object_set_new(o, "questions", json_integer(s->questions));
    json_object_set_new(o, "empathy_sentences",
                        json_integer(s->empathy_sentences));
    json_object_set_new(o, "action_sentences",
                        json_integer(s->action_sentences));
    json_object_set_new(o, "invalid_bytes", json_integer(s->invalid_bytes));
    json_object_set_new(o, "truncated", json_boolean(s->truncated));
    return o;
}

/* A string from library memory. It should be valid UTF-8; if it is not,
 * we emit an empty string rather than fail the whole reply. */
static json_t *jsonout_text(const char *s)
{
    json_t *j = s ? json_string(s) : NULL;
    return j ? j : json_string("");
}

static json_t *jsonout_finding(const score_finding *x)
{
    json_t *o = json_object();
    json_object_set_new(o, "dimension", json_string(score_dim_name(x->dim)));
    json_object_set_new(o, "kind", jsonout_text(x->kind));
    json_object_set_new(o, "start", json_integer((json_int_t)x->start));
    json_object_set_new(o, "end", json_integer((json_int_t)x->end));
    json_object_set_new(o, "text", jsonout_text(x->text));
    json_object_set_new(o, "delta", jsonout_real(x->delta, 1));
    json_object_set_new(o, "tip", jsonout_text(x->tip));
    return o;
}

int jsonout_fill(json_t *obj, const score_result *res)
{
    json_t *f = json_array();
    int rc = 0;
    rc |= json_object_set_new(obj, "lang", json_string(score_lang_name(res->lang)));
    rc |= json_object_set_new(obj, "scores", jsonout_scores(res));
    rc |= json_object_set_new(obj, "overall", jsonout_real(res->overall, 1));
    rc |= json_object_set_new(obj, "signals", jsonout_signals(&res->signals));
    for (size_t i = 0; i < res->n_findings; i++)
        rc |= json_array_append_new(f, jsonout_finding(&res->findings[i]));
    rc |= json_object_set_new(obj, "findings", f);
    return rc ? -1 : 0;
}

size_t jsonout_dump(const json_t *j, struct jsonout_buf *b)
{
    for (;;) {
        size_t n = b->size ? json_dumpb(j, b->data, b->size - 1, JSONOUT_FLAGS)
                           : 0;
        if (b->size && n == 0)
            util_die(UTIL_EX_SOFTWARE, "cannot serialise a result as JSON");
        if (b->size && n < b->size) {
            b->data[n] = '\n';
            return n + 1;
        }
        /* Too small (json_dumpb reports the size it needs): grow. */
        size_t want = b->size ? b->size : 4096;
        while (want <= n + 1)
            want *= 2;
        b->data = util_xrealloc(b->data, want);
        b->size = want;
    }
}
