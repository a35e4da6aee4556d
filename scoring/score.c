/*
 * score.c - score_reply(): the pipeline from a reply to a graded result.
 *
 * tokenize → match cues → read the context (the customer's message for
 * abuse or leaving, earlier replies for apologies and limits) → weigh cues
 * by the sentences they stand in (keyword salad and repeated sentences earn
 * nothing) → the four dimensions → overall. Each dimension file adds its own
 * findings; this file owns the result's memory and the final ordering.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct score_scratch {
    sc_text text, aux;
    sc_hits hits, aux_hits;
    double *hit_factor, *contrib;
    uint32_t *penalty_hits;
    size_t cap_factor;
    int *kind_count;
    long *first_of_kind;
    size_t cap_kinds;
    uint64_t *smask; /* 4 arrays of nsents: kept, all, hit counts, words in hits */
    size_t cap_smask;
    size_t cap_findings;
    char *spans; /* finding texts */
    size_t spans_len, spans_cap;
    uint64_t *hist; /* open-addressing set of the earlier turns' sentence keys */
    size_t nhist, cap_hist;
};

/* ---- small shared helpers ------------------------------------------------ */

double sc_round1(double x) { return floor(x * 10.0 + 0.5) / 10.0; }

double sc_clamp10(double x) { return x < 0 ? 0 : x > 10 ? 10 : x; }

double sc_kind_weight(const sc_eval *ev, uint32_t kind)
{
    return ev->r->kinds[kind].weight;
}

static int findings_reserve(score_result *res)
{
    score_scratch *s = res->scratch;
    if (res->n_findings < s->cap_findings) return SCORE_OK;
    size_t cap = s->cap_findings ? s->cap_findings * 2 : 16;
    score_finding *f = realloc(res->findings, cap * sizeof *f);
    if (!f) return SCORE_ENOMEM;
    res->findings = f;
    s->cap_findings = cap;
    return SCORE_OK;
}

int sc_finding(sc_eval *ev, score_dim dim, uint32_t kind, uint32_t start, uint32_t end,
               double delta)
{
    score_result *res = ev->res;
    score_finding f = {.dim = dim, .kind = ev->r->kinds[kind].name,
                       .tip = ev->r->kinds[kind].tip, .start = start, .end = end,
                       .delta = delta};
    if (res->n_findings >= SCORE_MAX_FINDINGS) { /* keep the ones that matter most */
        size_t low = 0;
        for (size_t i = 1; i < res->n_findings; i++)
            if (fabs(res->findings[i].delta) < fabs(res->findings[low].delta)) low = i;
        if (fabs(res->findings[low].delta) < fabs(delta)) res->findings[low] = f;
        return SCORE_OK;
    }
    if (findings_reserve(res)) return SCORE_ENOMEM;
    res->findings[res->n_findings++] = f;
    return SCORE_OK;
}

/* ---- reading the context ------------------------------------------------- */

static int scan_aux(sc_eval *ev, const char *s, sc_hits **out)
{
    score_scratch *x = ev->res->scratch;
    size_t n = strlen(s);
    if (n > SCORE_MAX_REPLY) n = SCORE_MAX_REPLY;
    if (sc_tokenize(ev->r, s, n, &x->aux) || sc_match(ev->r, &x->aux, &x->aux_hits))
        return SCORE_ENOMEM;
    *out = &x->aux_hits;
    return SCORE_OK;
}

/* Hits of a kind, those inside a longer hit of another kind too: in the
 * customer's message a marker («سه بار») must not vanish inside an
 * agent-side cue («سه بار توضیح», heard) that happens to be longer. */
static int count_markers(const sc_hits *h, uint32_t kind)
{
    int n = 0;
    for (size_t i = 0; i < h->n; i++) n += h->hits[i].kind == kind;
    return n;
}

/* Insults and threats in the customer's message: the abuse list, and the
 * reply-side retaliation list except where the customer speaks of
 * themselves ("I don't care", "I couldn't care less": rude to the problem,
 * not an insult to the agent). */
static int count_abuse(const sc_eval *ev, const sc_text *t, const sc_hits *h)
{
    int n = count_markers(h, SC_K_ABUSE);
    for (size_t i = 0; i < h->n; i++) {
        const sc_hit *x = &h->hits[i];
        if (x->dropped || x->kind != SC_K_RETALIATION) continue;
        uint32_t id = t->toks[x->first].id;
        if (!(id && (ev->r->vocab.words[id].flags & SC_W_FIRST_PERSON))) n++;
    }
    return n;
}

/* ---- sentences the trainee already sent in earlier turns ----------------- */

#define HIST_MIN_WORDS 3 /* "Thanks, Ross." may come back; a promise may not */

static size_t hist_slot(const uint64_t *set, size_t cap, uint64_t key)
{
    size_t mask = cap - 1, j = (key * 0x9E3779B97F4A7C15ull >> 20) & mask;
    while (set[j] && set[j] != key) j = (j + 1) & mask;
    return j;
}

static int hist_add(score_scratch *x, uint64_t key)
{
    if ((x->nhist + 1) * 2 > x->cap_hist) {
        size_t cap = x->cap_hist ? x->cap_hist * 2 : 64;
        uint64_t *set = calloc(cap, sizeof *set);
        if (!set) return SCORE_ENOMEM;
        for (size_t i = 0; i < x->cap_hist; i++)
            if (x->hist[i]) set[hist_slot(set, cap, x->hist[i])] = x->hist[i];
        free(x->hist);
        x->hist = set;
        x->cap_hist = cap;
    }
    size_t j = hist_slot(x->hist, x->cap_hist, key);
    if (!x->hist[j]) x->nhist++;
    x->hist[j] = key;
    return SCORE_OK;
}

static int hist_has(const score_scratch *x, uint64_t key)
{
    return x->nhist && x->hist[hist_slot(x->hist, x->cap_hist, key)] == key;
}

static int remember_sentences(score_scratch *x, const sc_text *t)
{
    for (size_t i = 0; i < t->nsents; i++)
        if (t->sents[i].last - t->sents[i].first >= HIST_MIN_WORDS &&
            hist_add(x, sc_sent_key(&t->sents[i])))
            return SCORE_ENOMEM;
    return SCORE_OK;
}

/* A sentence sent in an earlier turn is no new action, commitment or
 * acknowledgement: its cues earn nothing again (as a repeat inside the
 * reply). A reply made (almost) only of such sentences repeats an earlier
 * turn instead of answering this one. */
static void mark_history_repeats(sc_eval *ev)
{
    score_scratch *x = ev->res->scratch;
    sc_text *t = ev->text;
    if (!x->nhist) return;
    uint32_t words = 0, repeated = 0;
    for (size_t s = 0; s < t->nsents; s++) {
        sc_sent *st = &t->sents[s];
        uint32_t n = st->last - st->first;
        words += n;
        if (n >= HIST_MIN_WORDS && hist_has(x, sc_sent_key(st))) {
            st->repeat = 2;
            repeated += n;
        }
    }
    if (!repeated) return;
    for (size_t i = 0; i < ev->hits->n; i++)
        if (t->sents[ev->hits->hits[i].sent].repeat) ev->hits->hits[i].in_repeat = 1;
    ev->repeat_reply = repeated * 5 >= words * 4; /* four fifths of its words */
}

static int read_context(sc_eval *ev)
{
    const score_context *c = ev->ctx;
    sc_hits *h;
    ev->abusive = c->abusive;
    if (c->customer && *c->customer) {
        if (scan_aux(ev, c->customer, &h)) return SCORE_ENOMEM;
        /* an insult is abuse in either list: retaliation cues are insults too */
        if (count_abuse(ev, &ev->res->scratch->aux, h)) ev->abusive = 1;
        ev->customer_leaving = count_markers(h, SC_K_LEAVING) + count_markers(h, SC_K_SAID_NO) > 0;
        ev->customer_repeated = count_markers(h, SC_K_REPEATED) > 0;
    }
    score_scratch *x = ev->res->scratch;
    if (x->nhist) memset(x->hist, 0, x->cap_hist * sizeof *x->hist);
    x->nhist = 0;
    for (size_t i = 0; i < c->n_history; i++) {
        if (!c->history[i]) continue;
        if (scan_aux(ev, c->history[i], &h) || remember_sentences(x, &x->aux))
            return SCORE_ENOMEM;
        ev->history_apologies += sc_hits_count(h, SC_K_APOLOGY) > 0;
        ev->history_limits += sc_hits_count(h, SC_K_SET_LIMIT) > 0;
        ev->history_refusals +=
            sc_hits_count(h, SC_K_REFUSAL) + sc_hits_count(h, SC_K_LIMIT_STATED) > 0;
    }
    return SCORE_OK;
}

/* ---- which cues count: real sentences, repeats, keyword salad ------------ */

static int is_evidence(const sc_eval *ev, uint32_t kind)
{
    const sc_kind *k = &ev->r->kinds[kind];
    return k->dim != SC_DIM_NONE && k->weight > 0;
}

/* A sentence of three or more words holding cues but not one function
 * word is a keyword list, not a sentence ("sorry understand refund today");
 * so is a run of cue fragments ("Sorry. Refund. Today."). */
static void sentence_masks(sc_eval *ev, uint64_t *nhits, uint64_t *covered)
{
    const sc_hits *h = ev->hits;
    size_t ns = ev->text->nsents;
    memset(ev->smask_kept, 0, ns * sizeof *ev->smask_kept);
    memset(ev->smask_all, 0, ns * sizeof *ev->smask_all);
    memset(nhits, 0, ns * sizeof *nhits);
    memset(covered, 0, ns * sizeof *covered);
    for (size_t i = 0; i < h->n; i++) {
        const sc_hit *x = &h->hits[i];
        uint64_t bit = x->kind < 64 ? SC_BIT(x->kind) : 0;
        ev->smask_all[x->sent] |= bit;
        if (x->dropped) continue;
        ev->smask_kept[x->sent] |= bit;
        nhits[x->sent]++;
        covered[x->sent] += x->last - x->first;
    }
}

/* Stuffed: three words or more, two cues or more, and no function word —
 * or function words so rare (under a fifth) that cues cover half of it:
 * «متاسفم درک می‌کنم بازپرداخت امروز مراحل بعدی» has one real verb. */
static int stuffed(const sc_sent *st, uint64_t nh, uint64_t covered)
{
    uint32_t words = st->last - st->first;
    if (words < 3 || nh < 2) return 0;
    return st->nfunc == 0 || (st->nfunc * 5 < words && covered * 2 >= words);
}

static void weigh_hits(sc_eval *ev, uint64_t *nhits, uint64_t *covered)
{
    sc_text *t = ev->text;
    sc_hits *h = ev->hits;
    int fragments = 0, salad_hits = 0, evidence = 0;
    sentence_masks(ev, nhits, covered);
    for (size_t s = 0; s < t->nsents; s++) {
        sc_sent *st = &t->sents[s];
        uint32_t words = st->last - st->first;
        if (stuffed(st, nhits[s], covered[s])) st->real = 0;
        if (st->nfunc == 0 && words <= 2 && nhits[s] > 0) fragments++;
    }
    for (size_t i = 0; i < h->n; i++) {
        sc_hit *x = &h->hits[i];
        const sc_sent *st = &t->sents[x->sent];
        double f = 1.0;
        if (x->dropped || x->in_repeat) f = 0;
        else if (!st->real) f = 0;
        else if (st->nfunc == 0 && fragments >= 3) f = 0;
        else if (st->nfunc == 0) f = 0.5;
        ev->hit_factor[i] = f;
        if (!x->dropped && is_evidence(ev, x->kind)) {
            evidence++;
            if (f == 0 && !x->in_repeat) salad_hits++;
        }
    }
    ev->salad = salad_hits >= 2 && salad_hits * 2 >= evidence;
}

/* ---- the result ---------------------------------------------------------- */

static int by_position(const void *a, const void *b)
{
    const score_finding *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    if (x->end != y->end) return x->end < y->end ? -1 : 1;
    return x->dim - y->dim;
}

/* Copies each finding's span as valid UTF-8 (bad bytes become U+FFFD). */
static int fill_texts(score_result *res, const char *reply)
{
    score_scratch *s = res->scratch;
    size_t need = 0;
    for (size_t i = 0; i < res->n_findings; i++)
        need += 3 * (res->findings[i].end - res->findings[i].start) + 1;
    if (need > s->spans_cap) {
        char *p = realloc(s->spans, need);
        if (!p) return SCORE_ENOMEM;
        s->spans = p;
        s->spans_cap = need;
    }
    size_t o = 0;
    for (size_t i = 0; i < res->n_findings; i++) {
        score_finding *f = &res->findings[i];
        size_t begin = o;
        for (size_t j = f->start; j < f->end;) {
            unsigned char b = (unsigned char)reply[j];
            if (b && b < 0x80) {
                s->spans[o++] = (char)b;
                j++;
                continue;
            }
            uint32_t cp;
            size_t n = sc_utf8_decode((const unsigned char *)reply + j, f->end - j, &cp);
            if (n == 0 || cp == 0) {
                memcpy(s->spans + o, n ? " " : "\xEF\xBF\xBD", n ? 1 : 3);
                o += n ? 1 : 3;
                j += n ? n : 1;
            } else {
                memcpy(s->spans + o, reply + j, n);
                o += n;
                j += n;
            }
        }
        s->spans[o++] = '\0';
        f->text = s->spans + begin;
    }
    return SCORE_OK;
}

/* Keyword salad is not a reply: every dimension is capped low. */
static void cap_salad(sc_eval *ev)
{
    score_result *res = ev->res;
    const sc_text *t = ev->text;
    uint32_t end = t->ntoks ? t->toks[t->ntoks - 1].end : 0;
    for (int d = 0; d < SCORE_NDIM; d++) {
        if (res->scores[d] <= 3.0) continue;
        sc_finding(ev, (score_dim)d, SC_K_KEYWORD_SALAD, 0, end, 3.0 - res->scores[d]);
        res->scores[d] = 3.0;
    }
}

/* The weighted power mean of the four (power 1 = the arithmetic mean; the
 * built-in rubrics use ½ so that one dimension at 0 cannot hide behind three
 * at 10). */
static void overall(sc_eval *ev, int retaliated)
{
    score_result *res = ev->res;
    double sum = 0, wsum = 0, p = ev->r->overall_power;
    for (int d = 0; d < SCORE_NDIM; d++) {
        res->scores[d] = sc_round1(sc_clamp10(res->scores[d]));
        sum += ev->r->weights[d] * pow(res->scores[d] / 10.0, p);
        wsum += ev->r->weights[d];
    }
    res->overall = wsum > 0 ? 10.0 * pow(sum / wsum, 1.0 / p) : 0;
    if (retaliated && res->overall > 2.0) res->overall = 2.0;
    res->overall = sc_round1(res->overall);
}

static int prepare(score_result *res, size_t nhits, size_t nsents)
{
    score_scratch *s = res->scratch;
    if (nsents > s->cap_smask) {
        uint64_t *m = realloc(s->smask, 4 * nsents * sizeof *m);
        if (!m) return SCORE_ENOMEM;
        s->smask = m;
        s->cap_smask = nsents;
    }
    if (nhits > s->cap_factor) {
        double *f = realloc(s->hit_factor, nhits * sizeof *f);
        if (f) s->hit_factor = f;
        double *c = realloc(s->contrib, nhits * sizeof *c);
        if (c) s->contrib = c;
        uint32_t *p = realloc(s->penalty_hits, nhits * sizeof *p);
        if (p) s->penalty_hits = p;
        if (!f || !c || !p) return SCORE_ENOMEM;
        s->cap_factor = nhits;
    }
    return SCORE_OK;
}

static int evaluate(sc_eval *ev)
{
    score_result *res = ev->res;
    score_scratch *s = res->scratch;
    size_t ns = ev->text->nsents;
    if (read_context(ev) || prepare(res, ev->hits->n, ns)) return SCORE_ENOMEM;
    ev->hit_factor = s->hit_factor;
    ev->contrib = s->contrib;
    ev->kind_count = s->kind_count;
    ev->first_of_kind = s->first_of_kind;
    ev->strongest_of_kind = s->first_of_kind + ev->r->n_kinds;
    ev->penalty_hits = s->penalty_hits;
    ev->n_penalty_hits = 0;
    for (size_t i = 0; i < ev->hits->n; i++) /* few: every dimension walks only these */
        if (!ev->hits->hits[i].dropped && ev->hits->hits[i].weight < 0)
            ev->penalty_hits[ev->n_penalty_hits++] = (uint32_t)i;
    for (size_t k = 0; k < ev->r->n_kinds; k++) ev->first_of_kind[k] = -1;
    for (size_t i = ev->hits->n; i-- > 0;)
        if (!ev->hits->hits[i].dropped) ev->first_of_kind[ev->hits->hits[i].kind] = (long)i;
    mark_history_repeats(ev);
    ev->smask_kept = s->smask;
    ev->smask_all = s->smask + ns;
    weigh_hits(ev, s->smask + 2 * ns, s->smask + 3 * ns);
    res->scores[SCORE_EMPATHY] = sc_empathy(ev);
    res->scores[SCORE_ACTION] = sc_action(ev);
    res->scores[SCORE_HONESTY] = sc_honesty(ev);
    res->scores[SCORE_BOUNDARIES] = sc_boundaries(ev);
    if (ev->salad) cap_salad(ev);
    if (ev->text->invalid_bytes)
        sc_finding(ev, SCORE_HONESTY, SC_K_INVALID_UTF8, ev->text->first_invalid,
                   ev->text->first_invalid + 1, 0);
    overall(ev, sc_retaliated(ev));
    return SCORE_OK;
}

static void fill_signals(sc_eval *ev)
{
    score_signals *g = &ev->res->signals;
    const sc_text *t = ev->text;
    g->sentences = (int)t->nsents;
    g->words = (int)t->ntoks;
    g->questions = t->questions;
    g->invalid_bytes = t->invalid_bytes;
    g->real_sentences = 0;
    for (size_t i = 0; i < t->nsents; i++) g->real_sentences += t->sents[i].real;
}

int score_reply(const score_rubric *r, const score_context *ctx, const char *reply,
                size_t len, score_result *res)
{
    score_context defaults;
    if (!ctx) {
        score_context_init(&defaults);
        ctx = &defaults;
    }
    if (!res->scratch && !(res->scratch = calloc(1, sizeof *res->scratch))) return SCORE_ENOMEM;
    score_scratch *s = res->scratch;
    if (s->cap_kinds < r->n_kinds) { /* rubrics differ in their number of kinds */
        free(s->kind_count);
        free(s->first_of_kind);
        s->kind_count = calloc(r->n_kinds, sizeof *s->kind_count);
        s->first_of_kind = calloc(2 * r->n_kinds, sizeof *s->first_of_kind);
        if (!s->kind_count || !s->first_of_kind) return SCORE_ENOMEM;
        s->cap_kinds = r->n_kinds;
    }
    res->n_findings = 0;
    memset(&res->signals, 0, sizeof res->signals);
    memset(res->scores, 0, sizeof res->scores);
    res->overall = 0;
    res->lang = r->lang;
    if (len > SCORE_MAX_REPLY) {
        len = SCORE_MAX_REPLY;
        res->signals.truncated = 1;
    }
    if (sc_tokenize(r, reply, len, &s->text)) return SCORE_ENOMEM;
    if (s->text.ntoks == 0) return SCORE_EEMPTY;
    if (sc_match(r, &s->text, &s->hits) || sc_match_claims(r, &s->text, &s->hits))
        return SCORE_ENOMEM;
    sc_eval ev = {.r = r, .ctx = ctx, .reply = reply, .len = len, .text = &s->text,
                  .hits = &s->hits, .res = res};
    fill_signals(&ev);
    if (evaluate(&ev)) return SCORE_ENOMEM;
    sc_sort(res->findings, res->n_findings, sizeof *res->findings, by_position);
    return fill_texts(res, reply);
}

/* ---- life cycle and names ------------------------------------------------ */

void score_result_init(score_result *res) { memset(res, 0, sizeof *res); }

void score_result_free(score_result *res)
{
    if (res->scratch) {
        sc_text_free(&res->scratch->text);
        sc_text_free(&res->scratch->aux);
        sc_hits_free(&res->scratch->hits);
        sc_hits_free(&res->scratch->aux_hits);
        free(res->scratch->hit_factor);
        free(res->scratch->contrib);
        free(res->scratch->penalty_hits);
        free(res->scratch->kind_count);
        free(res->scratch->first_of_kind);
        free(res->scratch->smask);
        free(res->scratch->spans);
        free(res->scratch->hist);
        free(res->scratch);
    }
    free(res->findings);
    memset(res, 0, sizeof *res);
}

void score_context_init(score_context *ctx)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->lang = SCORE_LANG_AUTO;
    ctx->wants = SCORE_WANTS_BOTH;
    ctx->tension = 5;
}

score_lang score_detect_lang(const char *text, size_t len)
{
    size_t arabic = 0, latin = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)text[i];
        if ((b | 32) >= 'a' && (b | 32) <= 'z') latin++;
        else if (b == 0xD8 || b == 0xD9 || b == 0xDA || b == 0xDB) arabic++; /* U+0600..06FF */
    }
    return arabic > latin ? SCORE_LANG_FA : SCORE_LANG_EN;
}

static const char *const dim_names[SCORE_NDIM] = {"empathy", "action", "honesty", "boundaries"};
static const char *const lang_names[] = {"auto", "en", "fa"};
static const char *const wants_names[] = {"both", "action", "empathy"};

const char *score_dim_name(score_dim d) { return d < SCORE_NDIM ? dim_names[d] : "?"; }
const char *score_lang_name(score_lang l) { return l <= SCORE_LANG_FA ? lang_names[l] : "?"; }
const char *score_wants_name(score_wants w) { return w <= SCORE_WANTS_EMPATHY ? wants_names[w] : "?"; }

static int parse_name(const char *s, const char *const *names, int n)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(s, names[i]) == 0) return i;
    return -1;
}

int score_dim_parse(const char *s) { return parse_name(s, dim_names, SCORE_NDIM); }
int score_lang_parse(const char *s) { return parse_name(s, lang_names, 3); }
int score_wants_parse(const char *s) { return parse_name(s, wants_names, 3); }
