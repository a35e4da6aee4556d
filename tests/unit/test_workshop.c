/*
 * test_workshop.c - plays the scripted workshops in tests/workshop/NAME.yaml
 * through the real program and checks the ranking, the continuation, the
 * team summary, the database rows, the results CSV and the transcript
 * (tests/workshop/README.md has the format and the list of checks).
 *
 * Every figure is checked against what the program itself reported on
 * another channel (the per-reply rows of --json, the CSV, the database,
 * a re-import of the transcript) or against the file author's stated
 * expectation, never against numbers copied from a run. Each problem is
 * printed as "FILE: ..." before the test fails, so all of them show.
 */
#include "testutil.h"

#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ldr.h"
#include "util.h"

#define TW_DIR TEST_DATA_DIR "/workshop"
#define TW_MAX 64
#define TW_TOL 0.1001 /* a mean of one-decimal values against its own rounding */

typedef struct {
    const char *file;
    int errors;
    ldr_yn *root;
    const ldr_yn *players, *rounds, *lines, *expect;
    const char *lang;
    char dir[256];
    json_t *doc;
    int exit_code;
} tw;

static void tw_err(tw *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void tw_err(tw *t, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", t->file);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    t->errors++;
}

/* ---- the file ------------------------------------------------------------- */

static const ldr_yn *tw_get(const ldr_yn *map, const char *key)
{
    if (!map || map->kind != LDR_MAP)
        return NULL;
    for (size_t i = 0; i + 1 < map->n; i += 2)
        if (strcmp(map->kid[i]->s, key) == 0)
            return map->kid[i + 1];
    return NULL;
}

static const char *tw_str(const ldr_yn *v)
{
    return v && v->kind == LDR_SCALAR && !v->null ? v->s : NULL;
}

static size_t tw_len(const ldr_yn *v)
{
    return v && v->kind == LDR_SEQ ? v->n : 0;
}

static int tw_load(tw *t)
{
    size_t len;
    int more, opened;
    char *text = util_read_file(t->file, 1 << 20, &len, &more, &opened);
    if (!text) {
        tw_err(t, "cannot read");
        return -1;
    }
    scn_diags d = {0};
    ldr L = {0};
    L.file = t->file;
    L.text = text;
    L.len = len;
    L.d = &d;
    L.noun = "workshop test";
    t->root = ldr_parse(&L, 1 << 20);
    for (size_t i = 0; i < d.n; i++)
        tw_err(t, "%d:%d: %s", d.v[i].line, d.v[i].col, d.v[i].msg);
    scn_diags_free(&d);
    free(text);
    t->players = tw_get(t->root, "players");
    t->rounds = tw_get(t->root, "rounds");
    t->lines = tw_get(t->root, "lines");
    t->expect = tw_get(t->root, "expect");
    t->lang = tw_str(tw_get(t->root, "lang"));
    if (!tw_len(t->players) || !tw_len(t->rounds) || !tw_len(t->lines))
        tw_err(t, "players, rounds and lines are required lists");
    for (size_t i = 0; i < tw_len(t->lines); i++)
        if (tw_len(t->lines->kid[i]) > tw_len(t->players))
            tw_err(t, "line %zu has more replies than players", i + 1);
    return t->errors ? -1 : 0;
}

/* ---- running the program ---------------------------------------------------- */

/* Append `s` to the command, quoted for sh. */
static void tw_q(FILE *f, const char *s)
{
    fputc('\'', f);
    for (; *s; s++)
        *s == '\'' ? fputs("'\\''", f) : fputc(*s, f);
    fputc('\'', f);
}

static const char *tw_bin(void)
{
    const char *b = getenv("HAMDEL_BIN");
    return b && *b ? b : "build/hamdel";
}

/* Run hamdel with `args` (already quoted) in the test's folder; the exit
 * status. stdout and stderr go to out/err there. */
static int tw_run(tw *t, const char *args, const char *in, const char *out)
{
    char *cmd = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&cmd, &n);
    const char *wrap = getenv("HAMDEL_WRAP");
    fprintf(f, "HAMDEL_HOME=%s/home NO_COLOR=1 %s ", t->dir, wrap ? wrap : "");
    tw_q(f, tw_bin());
    fprintf(f, " %s < %s > %s/%s 2>> %s/err", args, in, t->dir, out, t->dir);
    fclose(f);
    int rc = system(cmd);
    free(cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : 128;
}

static void tw_write_input(tw *t, const char *path)
{
    FILE *f = fopen(path, "w");
    for (size_t i = 0; i < tw_len(t->lines); i++) {
        const ldr_yn *line = t->lines->kid[i];
        for (size_t p = 0; p < tw_len(line); p++) {
            const char *s = tw_str(line->kid[p]);
            fprintf(f, "%s\n", s ? s : "");
        }
    }
    fclose(f);
}

static void tw_play(tw *t)
{
    char in[300], *args = NULL;
    size_t n = 0;
    snprintf(in, sizeof in, "%s/in", t->dir);
    tw_write_input(t, in);
    FILE *f = open_memstream(&args, &n);
    fputs("workshop", f);
    for (size_t i = 0; i < tw_len(t->rounds); i++) {
        fputc(' ', f);
        tw_q(f, tw_str(t->rounds->kid[i]));
    }
    fputs(" --players ", f);
    for (size_t i = 0; i < tw_len(t->players); i++) {
        if (i)
            fputc(',', f);
        tw_q(f, tw_str(t->players->kid[i]));
    }
    if (t->lang)
        fprintf(f, " --lang %s", t->lang);
    fprintf(f, " --json --db %s/live.db --transcript %s/t.jsonl --results %s/r.csv",
            t->dir, t->dir, t->dir);
    fclose(f);
    t->exit_code = tw_run(t, args, in, "out");
    free(args);
    char out[300];
    snprintf(out, sizeof out, "%s/out", t->dir);
    json_error_t je;
    t->doc = json_load_file(out, 0, &je);
    if (!t->doc)
        tw_err(t, "--json output is not JSON: %s (line %d)", je.text, je.line);
}

/* ---- reading the --json document ------------------------------------------- */

static const char *tw_js(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static double tw_jn(const json_t *o, const char *k)
{
    return json_number_value(json_object_get(o, k));
}

static int tw_player_index(tw *t, const char *name)
{
    for (size_t i = 0; name && i < tw_len(t->players); i++)
        if (strcmp(tw_str(t->players->kid[i]), name) == 0)
            return (int)i;
    return -1;
}

static const char *const tw_dims[4] = {"empathy", "action", "honesty", "boundaries"};

/* Every reply of the workshop in order, flattened: (round, turn, reply). */
typedef struct {
    int round, turn, player, passed, rank, picked;
    double s[4], overall;
    const char *text, *node, *next;
} tw_reply;

static size_t tw_flatten(tw *t, tw_reply **out)
{
    size_t n = 0, cap = 0;
    tw_reply *v = NULL;
    json_t *rounds = json_object_get(t->doc, "rounds"), *round, *turn, *r;
    size_t i, j, k;
    json_array_foreach(rounds, i, round) {
        json_array_foreach(json_object_get(round, "turns"), j, turn) {
            json_array_foreach(json_object_get(turn, "replies"), k, r) {
                if (n == cap)
                    v = realloc(v, (cap = cap ? 2 * cap : 64) * sizeof *v);
                tw_reply *x = &v[n++];
                memset(x, 0, sizeof *x);
                x->round = (int)i + 1;
                x->turn = (int)json_integer_value(json_object_get(turn, "turn"));
                x->player = tw_player_index(t, tw_js(r, "player"));
                x->passed = json_is_true(json_object_get(r, "passed"));
                x->rank = (int)json_integer_value(json_object_get(r, "rank"));
                x->picked = json_is_true(json_object_get(r, "picked"));
                for (int d = 0; d < 4; d++)
                    x->s[d] = tw_jn(json_object_get(r, "scores"), tw_dims[d]);
                x->overall = tw_jn(r, "overall");
                x->text = tw_js(r, "reply");
                x->node = tw_js(r, "node");
                x->next = tw_js(r, "next");
            }
        }
    }
    *out = v;
    return n;
}

/* ---- the checks -------------------------------------------------------------- */

/* The replies match the input: line L, player p said lines[L][p]. */
static void tw_check_input(tw *t, const tw_reply *v, size_t n)
{
    size_t at = 0;
    for (size_t l = 0; l < tw_len(t->lines) && at < n; l++) {
        const ldr_yn *line = t->lines->kid[l];
        for (size_t p = 0; p < tw_len(line) && at < n; p++, at++) {
            const char *want = tw_str(line->kid[p]);
            if ((int)p != v[at].player)
                tw_err(t, "line %zu: reply %zu is %d's, expected player %zu",
                       l + 1, at + 1, v[at].player, p);
            else if ((!want || !*want) != v[at].passed ||
                     (want && *want && strcmp(want, v[at].text) != 0))
                tw_err(t, "line %zu: player %zu's reply is not the input's", l + 1, p);
        }
    }
}

/* Ranks 1..k over the answered replies of each line, best overall first,
 * and the reply that went on is rank 1. */
static void tw_check_ranking(tw *t, json_t *turn, int round)
{
    json_t *replies = json_object_get(turn, "replies"), *r;
    size_t i, k = 0;
    double at_rank[64];
    int seen[64] = {0};
    json_array_foreach(replies, i, r)
        k += !json_is_true(json_object_get(r, "passed"));
    json_array_foreach(replies, i, r) {
        if (json_is_true(json_object_get(r, "passed"))) {
            if (!json_is_null(json_object_get(r, "rank")))
                tw_err(t, "round %d turn %d: a pass has a rank", round,
                       (int)json_integer_value(json_object_get(turn, "turn")));
            continue;
        }
        json_int_t rank = json_integer_value(json_object_get(r, "rank"));
        if (rank < 1 || (size_t)rank > k || seen[rank]++) {
            tw_err(t, "round %d: rank %d is not a place among %zu", round,
                   (int)rank, k);
            continue;
        }
        at_rank[rank] = tw_jn(r, "overall");
        if (json_is_true(json_object_get(r, "picked")) && rank != 1)
            tw_err(t, "round %d: the reply that went on is ranked %d, not 1",
                   round, (int)rank);
    }
    for (size_t q = 2; q <= k; q++)
        if (seen[q] && seen[q - 1] && at_rank[q] > at_rank[q - 1] + 1e-9)
            tw_err(t, "round %d: rank %zu (%.1f) beats rank %zu (%.1f)", round,
                   q, at_rank[q], q - 1, at_rank[q - 1]);
}

/* The next line is where the picked reply led; the path is the picks'. */
static void tw_check_continuation(tw *t, json_t *round, int ri)
{
    json_t *turns = json_object_get(round, "turns"), *turn, *r;
    json_t *path = json_object_get(json_object_get(round, "conversation"), "path");
    size_t i, j, n = json_array_size(turns);
    json_array_foreach(turns, i, turn) {
        const char *next = NULL;
        json_array_foreach(json_object_get(turn, "replies"), j, r)
            if (json_is_true(json_object_get(r, "picked")))
                next = tw_js(r, "next");
        const char *node = tw_js(turn, "node");
        if (strcmp(node, json_string_value(json_array_get(path, i)) ?
                   json_string_value(json_array_get(path, i)) : "") != 0)
            tw_err(t, "round %d turn %zu: node %s is not the path's", ri, i + 1, node);
        if (!next) {
            if (i + 1 != n || !json_is_null(json_object_get(round, "ending")))
                tw_err(t, "round %d turn %zu: no reply went on", ri, i + 1);
            continue;
        }
        const char *then = i + 1 < n ? tw_js(json_array_get(turns, i + 1), "node")
                                     : tw_js(round, "node");
        if (strcmp(next, then) != 0)
            tw_err(t, "round %d turn %zu: the picked reply led to %s but the "
                   "conversation went to %s", ri, i + 1, next, then);
    }
}

/* The line the input ended in: nobody went on, and it is not ranked. */
static int tw_cut_line(tw *t, json_t *round, json_t *turn, size_t j)
{
    json_t *turns = json_object_get(round, "turns"), *r;
    size_t k;
    if (!json_is_null(json_object_get(turn, "pick")) ||
        j + 1 != json_array_size(turns) ||
        !json_is_null(json_object_get(round, "ending")))
        return 0;
    json_array_foreach(json_object_get(turn, "replies"), k, r)
        if (!json_is_null(json_object_get(r, "rank")))
            tw_err(t, "a line cut short has ranks");
    return 1;
}

static void tw_check_rounds(tw *t)
{
    json_t *rounds = json_object_get(t->doc, "rounds"), *round, *turn;
    size_t i, j;
    json_array_foreach(rounds, i, round) {
        json_array_foreach(json_object_get(round, "turns"), j, turn)
            if (!tw_cut_line(t, round, turn, j))
                tw_check_ranking(t, turn, (int)i + 1);
        tw_check_continuation(t, round, (int)i + 1);
    }
}

static void tw_near(tw *t, const char *what, double got, double want, double tol)
{
    if (fabs(got - want) > tol)
        tw_err(t, "%s: the summary says %.2f, the replies give %.2f", what, got, want);
}

/* Per player: counts and means, recomputed from the replies. */
static void tw_check_players(tw *t, const tw_reply *v, size_t n, json_t *sum)
{
    json_t *ps = json_object_get(sum, "players");
    for (size_t p = 0; p < tw_len(t->players); p++) {
        json_t *o = json_array_get(ps, p);
        size_t answered = 0, passed = 0, picked = 0, firsts = 0;
        double s[4] = {0}, overall = 0;
        for (size_t i = 0; i < n; i++) {
            if (v[i].player != (int)p)
                continue;
            if (v[i].passed) {
                passed++;
                continue;
            }
            answered++;
            picked += v[i].picked;
            firsts += v[i].rank == 1;
            for (int d = 0; d < 4; d++)
                s[d] += v[i].s[d];
            overall += v[i].overall;
        }
        char what[128];
        snprintf(what, sizeof what, "player %zu counts", p);
        if (tw_jn(o, "answered") != answered || tw_jn(o, "passed") != passed ||
            tw_jn(o, "picked") != picked || tw_jn(o, "firsts") != firsts)
            tw_err(t, "%s: %g/%g/%g/%g, the replies give %zu/%zu/%zu/%zu", what,
                   tw_jn(o, "answered"), tw_jn(o, "passed"), tw_jn(o, "picked"),
                   tw_jn(o, "firsts"), answered, passed, picked, firsts);
        if (!answered)
            continue;
        for (int d = 0; d < 4; d++) {
            snprintf(what, sizeof what, "player %zu %s", p, tw_dims[d]);
            tw_near(t, what, tw_jn(json_object_get(o, "scores"), tw_dims[d]),
                    s[d] / (double)answered, TW_TOL);
        }
        snprintf(what, sizeof what, "player %zu overall", p);
        tw_near(t, what, tw_jn(o, "overall"), overall / (double)answered, TW_TOL);
    }
}

/* A player's gain: later half of their replies minus the earlier half. */
static int tw_gain(const tw_reply *v, size_t n, int p, double *gain)
{
    double x[512];
    size_t k = 0;
    for (size_t i = 0; i < n && k < 512; i++)
        if (v[i].player == p && !v[i].passed)
            x[k++] = v[i].overall;
    if (k < 2)
        return 0;
    double early = 0, late = 0;
    for (size_t i = 0; i < k / 2; i++) {
        early += x[i];
        late += x[k - 1 - i];
    }
    *gain = (late - early) / (double)(k / 2);
    return 1;
}

static void tw_check_gains(tw *t, const tw_reply *v, size_t n, json_t *sum)
{
    double best = 0;
    int who = -1;
    for (size_t p = 0; p < tw_len(t->players); p++) {
        double g;
        json_t *o = json_array_get(json_object_get(sum, "players"), p);
        if (!tw_gain(v, n, (int)p, &g)) {
            if (!json_is_null(json_object_get(o, "gain")))
                tw_err(t, "player %zu: a gain from fewer than two replies", p);
            continue;
        }
        tw_near(t, "gain", tw_jn(o, "gain"), g, 0.2);
        if (g > best + 0.2)
            best = g, who = (int)p;
    }
    json_t *mi = json_object_get(sum, "most_improved");
    int got = json_is_null(mi) ? -1 : tw_player_index(t, tw_js(mi, "player"));
    if (who >= 0 && got != who)
        tw_err(t, "most improved: the summary says %d, the replies say %d", got, who);
}

static void tw_check_of_the_day(tw *t, const tw_reply *v, size_t n, json_t *sum)
{
    json_t *day = json_object_get(sum, "reply_of_the_day");
    for (int d = 0; d < 4; d++) {
        double best = -1;
        for (size_t i = 0; i < n; i++)
            if (!v[i].passed && v[i].s[d] > best)
                best = v[i].s[d];
        json_t *o = json_object_get(day, tw_dims[d]);
        double got = tw_jn(json_object_get(o, "scores"), tw_dims[d]);
        if (fabs(got - best) > 0.05)
            tw_err(t, "reply of the day for %s scores %.1f, the best reply %.1f",
                   tw_dims[d], got, best);
    }
}

/* The hardest lines are the lines with the lowest room means. */
static void tw_check_hardest(tw *t, const tw_reply *v, size_t n, json_t *sum)
{
    json_t *hard = json_object_get(sum, "hardest"), *h;
    double worst_listed = -1;
    size_t i;
    json_array_foreach(hard, i, h) {
        double total = 0;
        size_t k = 0;
        for (size_t j = 0; j < n; j++)
            if (v[j].round == tw_jn(h, "round") && v[j].turn == tw_jn(h, "turn") &&
                !v[j].passed) {
                total += v[j].overall;
                k++;
            }
        tw_near(t, "a hardest line's mean", tw_jn(h, "mean"), k ? total / k : 0, TW_TOL);
        worst_listed = fmax(worst_listed, tw_jn(h, "mean"));
    }
    /* no line left out is harder than the easiest one listed */
    for (size_t a = 0; a < n; a++) {
        if (a > 0 && v[a].round == v[a - 1].round && v[a].turn == v[a - 1].turn)
            continue;
        double total = 0;
        size_t k = 0, listed = 0;
        for (size_t j = a; j < n && v[j].round == v[a].round && v[j].turn == v[a].turn; j++)
            if (!v[j].passed) {
                total += v[j].overall;
                k++;
            }
        json_array_foreach(hard, i, h)
            listed |= tw_jn(h, "round") == v[a].round && tw_jn(h, "turn") == v[a].turn;
        if (k && !listed && json_array_size(hard) == 3 &&
            total / k < worst_listed - TW_TOL)
            tw_err(t, "round %d turn %d (mean %.1f) is harder than a listed line",
                   v[a].round, v[a].turn, total / k);
    }
}

static void tw_check_summary(tw *t, const tw_reply *v, size_t n)
{
    json_t *sum = json_object_get(t->doc, "summary");
    double s[4] = {0}, overall = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!v[i].passed) {
            for (int d = 0; d < 4; d++)
                s[d] += v[i].s[d];
            overall += v[i].overall;
            k++;
        }
    if (tw_jn(sum, "replies") != k)
        tw_err(t, "the summary counts %g replies, there are %zu", tw_jn(sum, "replies"), k);
    for (int d = 0; d < 4 && k; d++)
        tw_near(t, tw_dims[d], tw_jn(json_object_get(sum, "scores"), tw_dims[d]),
                s[d] / k, TW_TOL);
    if (k)
        tw_near(t, "the room's overall", tw_jn(sum, "overall"), overall / k, TW_TOL);
    tw_check_players(t, v, n, sum);
    tw_check_gains(t, v, n, sum);
    tw_check_of_the_day(t, v, n, sum);
    tw_check_hardest(t, v, n, sum);
}

/* ---- the author's expectations ----------------------------------------------- */

static void tw_check_expect(tw *t, const tw_reply *v, size_t n)
{
    const ldr_yn *e = t->expect;
    const char *s = tw_str(tw_get(e, "exit"));
    int want_exit = s ? atoi(s) : 0;
    if (t->exit_code != want_exit)
        tw_err(t, "exit status %d, expected %d", t->exit_code, want_exit);
    const ldr_yn *endings = tw_get(e, "endings");
    json_t *rounds = json_object_get(t->doc, "rounds");
    for (size_t i = 0; i < tw_len(endings); i++) {
        const char *want = tw_str(endings->kid[i]);
        const char *got = tw_js(json_array_get(rounds, i), "ending");
        if ((want == NULL) != (got == NULL) || (want && strcmp(want, got) != 0))
            tw_err(t, "round %zu ended %s, expected %s", i + 1,
                   got ? got : "interrupted", want ? want : "interrupted");
    }
    const ldr_yn *picks = tw_get(e, "picks");
    size_t line = 0;
    for (size_t i = 0; i < n; i++) {
        if (!v[i].picked)
            continue;
        const char *want = line < tw_len(picks) ? tw_str(picks->kid[line]) : NULL;
        if (picks && (!want || tw_player_index(t, want) != v[i].player))
            tw_err(t, "line %zu went on with player %d's reply, expected %s",
                   line + 1, v[i].player, want ? want : "no more lines");
        line++;
    }
    if (picks && line != tw_len(picks))
        tw_err(t, "%zu lines went on, expected %zu", line, tw_len(picks));
    const char *first = tw_str(tw_get(e, "first_everywhere"));
    for (size_t i = 0; first && i < n; i++)
        if (v[i].rank == 1 && v[i].player != tw_player_index(t, first))
            tw_err(t, "round %d turn %d: %d ranked first, expected %s",
                   v[i].round, v[i].turn, v[i].player, first);
    const ldr_yn *mi = tw_get(e, "most_improved");
    if (mi) {
        json_t *got = json_object_get(json_object_get(t->doc, "summary"), "most_improved");
        const char *want = tw_str(mi);
        const char *name = json_is_null(got) ? NULL : tw_js(got, "player");
        if ((want == NULL) != (name == NULL) || (want && strcmp(want, name) != 0))
            tw_err(t, "most improved: %s, expected %s", name ? name : "nobody",
                   want ? want : "nobody");
    }
}

/* ---- the results CSV ----------------------------------------------------------- */

/* Split one CSV record (RFC 4180, as outf_csv_field writes it) starting at
 * *p into at most `max` fields (malloc'd); moves *p past it. */
static size_t tw_csv_row(const char **p, char **f, size_t max)
{
    size_t n = 0;
    const char *s = *p;
    while (*s && n < max) {
        char *buf = malloc(strlen(s) + 1), *o = buf;
        if (*s == '"') {
            for (s++; *s && !(*s == '"' && s[1] != '"'); s++) {
                if (*s == '"')
                    s++;
                *o++ = *s;
            }
            if (*s == '"')
                s++;
        } else {
            while (*s && *s != ',' && *s != '\r' && *s != '\n')
                *o++ = *s++;
        }
        *o = '\0';
        f[n++] = buf;
        if (*s == ',') {
            s++;
            continue;
        }
        while (*s == '\r' || *s == '\n')
            s++;
        break;
    }
    *p = s;
    return n;
}

static void tw_check_csv(tw *t, const tw_reply *v, size_t n)
{
    char path[300];
    size_t len;
    int more, opened;
    snprintf(path, sizeof path, "%s/r.csv", t->dir);
    char *text = util_read_file(path, 1 << 24, &len, &more, &opened);
    if (!text) {
        tw_err(t, "no results CSV");
        return;
    }
    const char *p = text;
    if (strncmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    char *f[16];
    size_t k = tw_csv_row(&p, f, 16), rows = 0;
    if (k != 15 || strcmp(f[6], "player") != 0 || strcmp(f[14], "reply") != 0)
        tw_err(t, "the CSV header is not the documented one");
    for (size_t i = 0; i < k; i++)
        free(f[i]);
    while (*p) {
        k = tw_csv_row(&p, f, 16);
        if (k == 15 && rows < n) {
            const tw_reply *x = &v[rows];
            if (atoi(f[1]) != x->round || atoi(f[4]) != x->turn ||
                tw_player_index(t, f[6]) != x->player ||
                (x->passed ? *f[7] != '\0' : atoi(f[7]) != x->rank) ||
                atoi(f[8]) != x->picked ||
                (!x->passed && fabs(atof(f[13]) - x->overall) > 0.05) ||
                (!x->passed && strcmp(f[14], x->text) != 0))
                tw_err(t, "CSV row %zu does not match the JSON's reply", rows + 1);
        } else {
            tw_err(t, "CSV row %zu has %zu fields", rows + 1, k);
        }
        for (size_t i = 0; i < k; i++)
            free(f[i]);
        rows++;
    }
    if (rows != n)
        tw_err(t, "the CSV has %zu rows, the workshop %zu replies", rows, n);
    free(text);
}

/* ---- the transcript ------------------------------------------------------------ */

static void tw_check_transcript(tw *t, size_t n)
{
    char path[300];
    snprintf(path, sizeof path, "%s/t.jsonl", t->dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        tw_err(t, "no transcript");
        return;
    }
    char *line = NULL;
    size_t cap = 0, replies = 0, lines = 0;
    json_t *last = NULL;
    while (getline(&line, &cap, f) > 0) {
        json_t *o = json_loads(line, 0, NULL);
        if (!o) {
            tw_err(t, "transcript line %zu is not JSON", lines + 1);
            continue;
        }
        if (lines++ == 0 && !tw_js(o, "workshop"))
            tw_err(t, "the transcript does not start with a workshop header");
        replies += tw_js(o, "player") != NULL;
        json_decref(last);
        last = o;
    }
    free(line);
    fclose(f);
    if (replies != n)
        tw_err(t, "the transcript holds %zu replies, the workshop %zu", replies, n);
    int interrupted = json_is_true(json_object_get(t->doc, "interrupted"));
    if (!last || (interrupted ? !json_is_true(json_object_get(last, "interrupted"))
                              : !json_is_true(json_object_get(last, "workshop_end"))))
        tw_err(t, "the transcript's last line is not the %s line",
               interrupted ? "interrupted" : "workshop_end");
    json_decref(last);
}

/* ---- the database ---------------------------------------------------------------- */

/* Every recorded reply, as "round|player|turn|rank|picked|overall|reply"
 * lines in order, and the sessions as "round|player|ending". */
static char *tw_db_dump(tw *t, const char *file)
{
    sqlite3 *db;
    char path[300], *out = NULL;
    size_t n = 0;
    snprintf(path, sizeof path, "%s/%s", t->dir, file);
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        tw_err(t, "cannot open %s", file);
        sqlite3_close(db);
        return NULL;
    }
    FILE *f = open_memstream(&out, &n);
    sqlite3_stmt *st;
    const char *sql =
        "SELECT s.round, tr.name, s.scenario, s.lang, coalesce(s.ending, "
        "'interrupted'), s.interrupted, s.workshop != 0, t.number, t.rank, "
        "t.picked, printf('%.1f', t.overall), t.reply FROM turns t "
        "JOIN sessions s ON s.id = t.session JOIN trainees tr ON tr.id = s.trainee "
        "ORDER BY s.round, t.number, s.id";
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        tw_err(t, "%s: %s", file, sqlite3_errmsg(db));
    } else {
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < 12; c++)
                fprintf(f, "%s%s", c ? "|" : "",
                        sqlite3_column_type(st, c) == SQLITE_NULL ? "NULL"
                        : (const char *)sqlite3_column_text(st, c));
            fputc('\n', f);
        }
        sqlite3_finalize(st);
    }
    fclose(f);
    sqlite3_close(db);
    return out;
}

/* The database has one row per reply, as the JSON: round, player, turn,
 * rank, picked, overall, text; sessions marked as a workshop with the
 * round's ending. */
static void tw_check_db(tw *t, const tw_reply *v, size_t n)
{
    char *dump = tw_db_dump(t, "live.db");
    if (!dump)
        return;
    json_t *rounds = json_object_get(t->doc, "rounds");
    size_t rows = 0;
    for (char *line = dump, *nl; *line; line = nl + 1, rows++) {
        nl = strchr(line, '\n');
        *nl = '\0';
        char *f[12], *save = NULL, *s = line;
        int k = 0;
        for (; k < 11 && (f[k] = strtok_r(s, "|", &save)); k++, s = NULL)
            ;
        f[11] = save; /* the reply may hold '|' */
        const tw_reply *x = NULL;
        for (size_t i = 0; i < n; i++)
            if (!v[i].passed && v[i].round == atoi(f[0]) && v[i].turn == atoi(f[7]) &&
                tw_player_index(t, f[1]) == v[i].player)
                x = &v[i];
        json_t *round = json_array_get(rounds, (size_t)atoi(f[0]) - 1);
        const char *ending = tw_js(round, "ending");
        if (!x || k < 11 || strcmp(f[6], "1") != 0 ||
            strcmp(f[4], ending ? ending : "interrupted") != 0 ||
            strcmp(f[2], tw_js(round, "scenario")) != 0 ||
            (x->rank ? atoi(f[8]) != x->rank : strcmp(f[8], "NULL") != 0) ||
            (strcmp(f[9], "NULL") != 0 && atoi(f[9]) != x->picked) ||
            fabs(atof(f[10]) - x->overall) > 0.05 || strcmp(f[11], x->text) != 0)
            tw_err(t, "database row %zu (%s, round %s, turn %s) does not match "
                   "the workshop", rows + 1, f[1], f[0], f[7]);
    }
    size_t answered = 0;
    for (size_t i = 0; i < n; i++)
        answered += !v[i].passed;
    if (rows != answered)
        tw_err(t, "the database has %zu turns, the workshop %zu replies", rows,
               answered);
    free(dump);
}

/* Importing the transcript gives the rows live recording gave, once. */
static void tw_check_import(tw *t)
{
    char args[1200];
    snprintf(args, sizeof args, "import %s/t.jsonl --db %s/imp.db", t->dir, t->dir);
    for (int i = 0; i < 2; i++)
        if (tw_run(t, args, "/dev/null", "import.out") != 0)
            tw_err(t, "hamdel import failed");
    char *live = tw_db_dump(t, "live.db"), *imp = tw_db_dump(t, "imp.db");
    if (live && imp && strcmp(live, imp) != 0)
        tw_err(t, "importing the transcript (twice) does not give the rows "
               "recorded live");
    free(live);
    free(imp);
}

/* ---- one file ------------------------------------------------------------------ */

static void tw_run_file(void **state)
{
    tw t;
    memset(&t, 0, sizeof t);
    t.file = *state;
    snprintf(t.dir, sizeof t.dir, "%s/hamdel-tw.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(t.dir))
        fail_msg("mkdtemp");
    if (tw_load(&t) == 0) {
        tw_play(&t);
        if (t.doc) {
            tw_reply *v;
            size_t n = tw_flatten(&t, &v);
            tw_check_input(&t, v, n);
            tw_check_rounds(&t);
            tw_check_summary(&t, v, n);
            tw_check_expect(&t, v, n);
            tw_check_csv(&t, v, n);
            tw_check_transcript(&t, n);
            tw_check_db(&t, v, n);
            tw_check_import(&t);
            free(v);
            json_decref(t.doc);
        }
    }
    if (t.errors) {
        char cat[400];
        snprintf(cat, sizeof cat, "cat %s/err >&2", t.dir);
        if (system(cat) != 0)
            fprintf(stderr, "(no stderr)\n");
    }
    char rm[400];
    snprintf(rm, sizeof rm, "rm -rf '%s'", t.dir);
    if (system(rm) != 0)
        fprintf(stderr, "cannot remove %s\n", t.dir);
    ldr_yn_free(t.root);
    if (t.errors)
        fail_msg("%s: %d problem(s)", t.file, t.errors);
}

static int tw_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t tw_find(char **files, size_t max)
{
    DIR *d = opendir(TW_DIR);
    size_t n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) && n < max) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".yaml") == 0) {
            files[n] = malloc(sizeof TW_DIR + len + 1);
            sprintf(files[n++], "%s/%s", TW_DIR, e->d_name);
        }
    }
    if (d)
        closedir(d);
    qsort(files, n, sizeof *files, tw_cmp);
    return n;
}

int main(void)
{
    static char *files[TW_MAX];
    static struct CMUnitTest tests[TW_MAX];
    size_t n = tw_find(files, TW_MAX);
    for (size_t i = 0; i < n; i++) {
        tests[i].name = files[i];
        tests[i].test_func = tw_run_file;
        tests[i].initial_state = files[i];
    }
    if (n == 0)
        fail_msg("no workshop tests in " TW_DIR);
    int rc = _cmocka_run_group_tests("workshop", tests, n, NULL, NULL);
    for (size_t i = 0; i < n; i++)
        free(files[i]);
    return rc;
}
