/*
 * gen-corpus.c - writes the benchmark corpus that `make bench` scores.
 *
 *   gen-corpus [-n N] [-s SEED]      (defaults: N = 100000, SEED = 1)
 *
 * Prints N lines of JSONL, one support reply each, in the input format of
 * `hamdel score --jsonl`:
 *   {"id":1,"reply":"...","context":{"lang":"en","wants":"action","tension":6}}
 * About half the replies are English and half Persian, 50..1500 bytes long
 * (most 100..500, a tail up to 1500). Each reply is put together from the
 * hand-written support-reply fragments in bench/gen-corpus-frags.h, in the
 * order a real reply has (greeting, acknowledgement, action, questions,
 * sign-off), with some noise: English typos, Persian written with ZWNJ,
 * with a space or joined, Arabic yeh/kaf, Persian digits.
 * The output depends only on N and SEED (own PRNG, no rand()), so every run
 * of the bench scores the same texts. JSON escaping is done by jansson.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen-corpus-frags.h"

#define REPLY_MIN 50
#define REPLY_MAX 1500
#define BUF_CAP 4096
#define MAX_TYPOS 3

/* ---- PRNG: splitmix64 ------------------------------------------------ */

typedef struct {
    uint64_t s;
} rng;

static uint64_t rng_next(rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* A uniform integer in [0, n). The bias for n << 2^64 is negligible. */
static unsigned rng_below(rng *r, unsigned n)
{
    return (unsigned)(rng_next(r) % n);
}

static double rng_unit(rng *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static const char *rng_pick(rng *r, const char *const *v, size_t n)
{
    return v[rng_below(r, (unsigned)n)];
}

/* ---- text buffer ------------------------------------------------------ */

typedef struct {
    char s[BUF_CAP];
    size_t len;
} text;

static void text_add(text *t, const char *s, size_t n)
{
    if (t->len + n >= BUF_CAP)
        n = BUF_CAP - 1 - t->len;
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

static void text_adds(text *t, const char *s)
{
    text_add(t, s, strlen(s));
}

/* ---- per-reply style ---------------------------------------------------- */

enum { ZWNJ_KEEP, ZWNJ_SPACE, ZWNJ_JOIN };

typedef struct {
    int fa;          /* Persian reply */
    int zwnj;        /* how '|' in Persian fragments is written */
    int fa_digits;   /* numbers in Persian digits */
    int arabic_yeh;  /* ی/ک typed as Arabic ي/ك */
    int typos;       /* English typos to add */
} style;

static style style_draw(rng *r, int fa)
{
    style st = {0};
    double u = rng_unit(r);
    st.fa = fa;
    st.zwnj = u < 0.5 ? ZWNJ_KEEP : u < 0.8 ? ZWNJ_SPACE : ZWNJ_JOIN;
    st.fa_digits = fa && rng_unit(r) < 0.5;
    st.arabic_yeh = fa && rng_unit(r) < 0.12;
    if (!fa && rng_unit(r) < 0.3)
        st.typos = 1 + (int)rng_below(r, MAX_TYPOS);
    return st;
}

/* ---- placeholders -------------------------------------------------------- */

/* Writes the ASCII digits of `s`, in Persian digits when asked. */
static void add_digits(text *t, const char *s, int fa_digits)
{
    static const char *const fa_d[] = {"۰", "۱", "۲", "۳", "۴",
                                       "۵", "۶", "۷", "۸", "۹"};
    for (; *s; s++) {
        if (fa_digits && *s >= '0' && *s <= '9')
            text_adds(t, fa_d[*s - '0']);
        else
            text_add(t, s, 1);
    }
}

static void add_number(text *t, rng *r, unsigned lo, unsigned hi,
                       const style *st)
{
    char b[32];
    snprintf(b, sizeof b, "%u", lo + rng_below(r, hi - lo + 1));
    add_digits(t, b, st->fa_digits);
}

static void add_price(text *t, rng *r, const style *st)
{
    char b[32];
    if (st->fa)
        snprintf(b, sizeof b, "%u000", 50 + rng_below(r, 2000));
    else
        snprintf(b, sizeof b, "$%u.%02u", 5 + rng_below(r, 300),
                 rng_below(r, 100));
    add_digits(t, b, st->fa_digits);
}

static void add_time(text *t, rng *r, const style *st)
{
    const char *s = st->fa ? rng_pick(r, fa_times, N_FA_TIMES)
                           : rng_pick(r, en_times, N_EN_TIMES);
    add_digits(t, s, st->fa_digits);
}

static void add_placeholder(text *t, rng *r, char key, const style *st)
{
    int fa = st->fa;
    switch (key) {
    case 'n': add_number(t, r, 10000, 9999999, st); break;
    case 'h': add_number(t, r, 2, 48, st); break;
    case 'k': add_number(t, r, 5, 30, st); break;
    case 'p': add_price(t, r, st); break;
    case 't': add_time(t, r, st); break;
    case 'd':
        text_adds(t, fa ? rng_pick(r, fa_days, N_FA_DAYS)
                        : rng_pick(r, en_days, N_EN_DAYS));
        break;
    case 'm':
        text_adds(t, fa ? rng_pick(r, fa_names, N_FA_NAMES)
                        : rng_pick(r, en_names, N_EN_NAMES));
        break;
    default: text_add(t, &key, 1); break;
    }
}

static void add_zwnj(text *t, const style *st)
{
    if (st->zwnj == ZWNJ_KEEP)
        text_adds(t, "\u200c");
    else if (st->zwnj == ZWNJ_SPACE)
        text_adds(t, " ");
}

/* Appends fragment `f`, expanding {x} placeholders and '|' (ZWNJ). */
static void add_fragment(text *t, rng *r, const char *f, const style *st)
{
    for (; *f; f++) {
        if (*f == '{' && f[1] && f[2] == '}') {
            add_placeholder(t, r, f[1], st);
            f += 2;
        } else if (*f == '|') {
            add_zwnj(t, st);
        } else {
            text_add(t, f, 1);
        }
    }
}

/* ---- noise ------------------------------------------------------------ */

static int is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

/* One typo: swap, drop or double a letter inside an English word. */
static void add_typo(text *t, rng *r)
{
    for (int tries = 0; tries < 20 && t->len > 2; tries++) {
        size_t i = rng_below(r, (unsigned)(t->len - 1));
        if (!is_lower(t->s[i]) || !is_lower(t->s[i + 1]))
            continue;
        unsigned how = rng_below(r, 3);
        if (how == 0) {
            char c = t->s[i];
            t->s[i] = t->s[i + 1];
            t->s[i + 1] = c;
        } else if (how == 1) {
            memmove(t->s + i, t->s + i + 1, t->len - i);
            t->len--;
        } else if (t->len + 1 < BUF_CAP) {
            memmove(t->s + i + 1, t->s + i, t->len - i + 1);
            t->len++;
        }
        return;
    }
}

/* ی (DB 8C) -> ي (D9 8A), ک (DA A9) -> ك (D9 83): same byte lengths. */
static void arabic_letters(text *t)
{
    for (size_t i = 0; i + 1 < t->len; i++) {
        unsigned char a = (unsigned char)t->s[i], b = (unsigned char)t->s[i + 1];
        if (a == 0xDB && b == 0x8C) {
            t->s[i] = (char)0xD9;
            t->s[i + 1] = (char)0x8A;
        } else if (a == 0xDA && b == 0xA9) {
            t->s[i] = (char)0xD9;
            t->s[i + 1] = (char)0x83;
        }
    }
}

/* ---- reply assembly ------------------------------------------------------ */

/* Target length in bytes: 7% 50..100, 80% 100..500, 13% 500..1500; the
 * min of two uniforms skews each band toward its short end. */
static size_t draw_length(rng *r)
{
    double u = rng_unit(r), a = rng_unit(r), b = rng_unit(r);
    double m = a < b ? a : b;
    if (u < 0.07)
        return 50 + (size_t)(50 * a);
    if (u < 0.87)
        return 100 + (size_t)(400 * m);
    return 500 + (size_t)(1000 * m);
}

/* Which kind of fragment comes next: acknowledgement early on, then mostly
 * action, questions and explanations. */
static int draw_category(rng *r, int pos)
{
    static const int early[] = {F_APOLOGY, F_APOLOGY, F_FEEL, F_FEEL,
                                F_THANKS, F_ACTION, F_COMMIT, F_EXPLAIN,
                                F_RISKY};
    static const int later[] = {F_ACTION, F_ACTION, F_ACTION, F_COMMIT,
                                F_COMMIT, F_COMMIT, F_NEXT, F_NEXT,
                                F_ALT, F_QUESTION, F_QUESTION, F_EXPLAIN,
                                F_EXPLAIN, F_RISKY, F_RISKY, F_FILLER,
                                F_FEEL, F_APOLOGY};
    if (pos < 2)
        return early[rng_below(r, sizeof early / sizeof early[0])];
    return later[rng_below(r, sizeof later / sizeof later[0])];
}

/* The fragments a reply already has: a reply says each thing once. */
typedef struct {
    const char *f[64];
    int n;
} used_set;

static int used_has(const used_set *u, const char *f)
{
    for (int i = 0; i < u->n; i++)
        if (u->f[i] == f)
            return 1;
    return 0;
}

static const char *draw_fragment(rng *r, used_set *u, int fa, int cat)
{
    const frag_list *l = fa ? &fa_frags[cat] : &en_frags[cat];
    const char *f = l->items[rng_below(r, (unsigned)l->n)];
    for (int tries = 0; tries < 8 && used_has(u, f); tries++)
        f = l->items[rng_below(r, (unsigned)l->n)];
    if (u->n < 64)
        u->f[u->n++] = f;
    return f;
}

/* Appends fragment `f` after a separator unless the reply would pass
 * REPLY_MAX (less room for the typos added later); returns 0 when it did
 * not fit. */
static int try_add(text *t, rng *r, const char *f, const style *st)
{
    size_t keep = t->len;
    if (t->len)
        text_adds(t, rng_below(r, 12) ? " " : "\n");
    add_fragment(t, r, f, st);
    if (t->len <= REPLY_MAX - MAX_TYPOS)
        return 1;
    t->len = keep;
    t->s[keep] = '\0';
    return 0;
}

static void build_reply(text *t, rng *r, const style *st)
{
    size_t target = draw_length(r);
    used_set u = {.n = 0};
    t->len = 0;
    t->s[0] = '\0';
    if (rng_unit(r) < 0.55)
        try_add(t, r, draw_fragment(r, &u, st->fa, F_OPEN), st);
    for (int pos = 0; t->len < target || t->len < REPLY_MIN; pos++) {
        const char *f = draw_fragment(r, &u, st->fa, draw_category(r, pos));
        if (!try_add(t, r, f, st) && t->len >= REPLY_MIN)
            break;
    }
    if (t->len + 40 < REPLY_MAX && rng_unit(r) < 0.4)
        try_add(t, r, draw_fragment(r, &u, st->fa, F_CLOSE), st);
    for (int i = 0; i < st->typos; i++)
        add_typo(t, r);
    if (st->arabic_yeh)
        arabic_letters(t);
}

/* ---- context and output -------------------------------------------------- */

static const char *draw_wants(rng *r)
{
    double u = rng_unit(r);
    return u < 0.45 ? "action" : u < 0.8 ? "both" : "empathy";
}

/* Tension 0..10, most between 3 and 7. */
static int draw_tension(rng *r)
{
    return (int)(rng_below(r, 6) + rng_below(r, 6));
}

static int write_line(FILE *out, unsigned long id, const text *t, int fa,
                      rng *r)
{
    json_t *o = json_pack("{s:I, s:s%, s:{s:s, s:s, s:i}}", "id",
                          (json_int_t)id, "reply", t->s, t->len, "context",
                          "lang", fa ? "fa" : "en", "wants", draw_wants(r),
                          "tension", draw_tension(r));
    if (!o)
        return -1;
    int rc = json_dumpf(o, out, JSON_COMPACT);
    json_decref(o);
    if (rc != 0 || putc('\n', out) == EOF)
        return -1;
    return 0;
}

static int parse_args(int argc, char **argv, unsigned long *n, uint64_t *seed)
{
    for (int i = 1; i < argc; i++) {
        char *end = NULL;
        if (i + 1 < argc && strcmp(argv[i], "-n") == 0)
            *n = strtoul(argv[++i], &end, 10);
        else if (i + 1 < argc && strcmp(argv[i], "-s") == 0)
            *seed = strtoull(argv[++i], &end, 10);
        if (!end || *end || *n == 0) {
            fprintf(stderr, "usage: gen-corpus [-n N] [-s SEED]\n");
            return -1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    unsigned long n = 100000;
    uint64_t seed = 1;
    static text t;
    if (parse_args(argc, argv, &n, &seed) != 0)
        return 2;
    rng r = {seed * 0x2545f4914f6cdd1dull + 7};
    for (unsigned long id = 1; id <= n; id++) {
        style st = style_draw(&r, rng_below(&r, 2) == 1);
        build_reply(&t, &r, &st);
        if (write_line(stdout, id, &t, st.fa, &r) != 0) {
            fprintf(stderr, "gen-corpus: cannot write line %lu\n", id);
            return 1;
        }
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
