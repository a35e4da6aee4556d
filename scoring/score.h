/*
 * score.h - the public interface of hamdel's scorer library.
 *
 * The scorer grades one support reply on four dimensions (empathy balance,
 * action focus, honesty, boundaries) as described in docs/scoring.md and in
 * the project's scoring guide. It is a pure library: no terminal, no files
 * beyond the rubric files a caller asks it to load, no global mutable state.
 *
 * Life cycle:
 *   score_rubric *r = score_rubric_load(SCORE_LANG_EN, house_files, n, &err);
 *   score_result res; score_result_init(&res);
 *   score_context ctx; score_context_init(&ctx); ctx.wants = SCORE_WANTS_ACTION;
 *   score_reply(r, &ctx, text, len, &res);     // as often as you like
 *   score_result_free(&res); score_rubric_free(r);
 *
 * A loaded rubric is immutable, so any number of threads may score with the
 * same rubric at once, each with its own score_result (the result holds all
 * per-call scratch memory, and reusing it across calls avoids allocation).
 */
#ifndef HAMDEL_SCORE_H
#define HAMDEL_SCORE_H

#include <stddef.h>

typedef enum {
    SCORE_EMPATHY,
    SCORE_ACTION,
    SCORE_HONESTY,
    SCORE_BOUNDARIES,
    SCORE_NDIM
} score_dim;

typedef enum { SCORE_LANG_AUTO, SCORE_LANG_EN, SCORE_LANG_FA } score_lang;

typedef enum {
    SCORE_WANTS_BOTH,
    SCORE_WANTS_ACTION,
    SCORE_WANTS_EMPATHY
} score_wants;

/* Return codes of the functions below. */
enum {
    SCORE_OK = 0,
    SCORE_EEMPTY = 1, /* the reply has no words at all */
    SCORE_EDATA = 2,  /* a rubric file is malformed: see score_error */
    SCORE_EIO = 3,    /* a rubric file cannot be read */
    SCORE_ENOMEM = 4
};

/* Where and why loading a rubric failed. line/col are 1-based, 0 if unknown. */
typedef struct {
    int code; /* SCORE_EDATA or SCORE_EIO */
    char file[512];
    int line, col;
    char msg[512];
} score_error;

/* Limits that keep every input bounded (see docs/limits.md). */
#define SCORE_MAX_REPLY (16u * 1024u * 1024u) /* bytes graded; rest ignored */
#define SCORE_MAX_FINDINGS 256                /* findings kept per reply */
#define SCORE_MAX_HOUSE 16                    /* house rubric files per load */

typedef struct score_rubric score_rubric;

/*
 * Load the built-in rubric for `lang` (EN or FA; it is compiled into the
 * library) and merge the house-style files over it, in order. A house file
 * whose `lang:` differs from `lang` is skipped. Returns NULL and fills `err`
 * on failure.
 */
score_rubric *score_rubric_load(score_lang lang, const char *const *house_files,
                                size_t n_house, score_error *err);
/* Same, but the house rubrics are given as in-memory YAML texts. */
score_rubric *score_rubric_load_texts(score_lang lang, const char *const *names,
                                      const char *const *texts,
                                      const size_t *lens, size_t n,
                                      score_error *err);
void score_rubric_free(score_rubric *r);
score_lang score_rubric_lang(const score_rubric *r);
/* 1 if `kind` names a finding kind of this rubric (cue or derived kind). */
int score_rubric_has_kind(const score_rubric *r, const char *kind);
/* The kind names of the rubric, for completion and validation. */
size_t score_rubric_kinds(const score_rubric *r, const char **out, size_t max);
/* The rubric's weight of each dimension in `overall`. */
double score_rubric_weight(const score_rubric *r, score_dim d);

/* What the reply is answering. Strings are UTF-8, NUL-terminated, may be
 * NULL; the arrays are borrowed for the duration of score_reply(). */
typedef struct {
    score_lang lang; /* the reply's language; AUTO = detect by script */
    const char *customer;      /* the customer's last message */
    const char *customer_name; /* e.g. "Ross" */
    score_wants wants;         /* default BOTH */
    double tension;            /* 0..10, default 5 */
    int abusive;               /* the customer insulted/threatened the agent */
    const char *const *cannot_promise;
    size_t n_cannot_promise;
    const char *const *unknown;
    size_t n_unknown;
    const char *const *history; /* the trainee's earlier replies, oldest first */
    size_t n_history;
} score_context;

void score_context_init(score_context *ctx);

/* One reason a score went up or down. */
typedef struct {
    score_dim dim;
    const char *kind; /* owned by the rubric */
    const char *tip;  /* one sentence in the reply's language; rubric-owned */
    size_t start, end; /* byte offsets into the original reply; equal when the
                          finding is about something missing */
    const char *text;  /* the span as valid UTF-8; owned by the result */
    double delta;      /* points gained (+) or lost (-) on `dim` */
} score_finding;

/* Raw measurements behind the grades. */
typedef struct {
    double empathy_cues; /* weighted empathy expressed, before the band */
    double action_cues;  /* weighted action evidence */
    double band_lo, band_hi; /* the empathy band for this context */
    int apologies;
    int sentences, real_sentences, words, questions;
    int empathy_sentences, action_sentences;
    int invalid_bytes; /* bytes that were not valid UTF-8 */
    int truncated;     /* the reply was longer than SCORE_MAX_REPLY */
} score_signals;

typedef struct score_scratch score_scratch;

typedef struct {
    score_lang lang;
    double scores[SCORE_NDIM]; /* 0..10, one decimal */
    double overall;            /* weighted mean, one decimal */
    score_signals signals;
    score_finding *findings; /* in order of position in the reply */
    size_t n_findings;
    score_scratch *scratch; /* private */
} score_result;

void score_result_init(score_result *res);
void score_result_free(score_result *res);

/*
 * Grade `reply` (len bytes, need not be NUL-terminated or valid UTF-8) with
 * rubric `r` in context `ctx` (NULL = defaults). The rubric's language wins
 * over ctx->lang. Returns SCORE_OK, SCORE_EEMPTY or SCORE_ENOMEM; `res` is
 * overwritten (its previous findings become invalid).
 */
int score_reply(const score_rubric *r, const score_context *ctx,
                const char *reply, size_t len, score_result *res);

/* Guess the language of a text by its script: FA when Arabic-script letters
 * outnumber Latin ones, EN otherwise (also for text with no letters). */
score_lang score_detect_lang(const char *text, size_t len);

const char *score_dim_name(score_dim d);   /* "empathy", ... */
const char *score_lang_name(score_lang l); /* "en", "fa", "auto" */
const char *score_wants_name(score_wants w);
/*
 * The YAML files hamdel reads besides scenarios (rubrics, contexts) are
 * loaded whole by libyaml; this first pass refuses, before that, the two
 * things that turn a small file into minutes or gigabytes: any alias
 * (`*name`: no rubric or context needs one) and nesting deeper than
 * SCORE_YAML_MAX_DEPTH. And a UTF-16 file (a byte-order mark FF FE or
 * FE FF), which libyaml would quietly decode while every other file
 * hamdel reads must be UTF-8. Returns SCORE_YAML_OK, or the problem with the
 * 1-based position of the offending alias or opening bracket. Syntax
 * errors are left to the loader (SCORE_YAML_OK).
 */
#define SCORE_YAML_MAX_DEPTH 32
enum { SCORE_YAML_OK, SCORE_YAML_ALIAS, SCORE_YAML_DEEP, SCORE_YAML_UTF16 };
int score_yaml_guard(const char *text, size_t len, int *line, int *col);

/* Parse names; return -1 for an unknown name. */
int score_dim_parse(const char *s);
int score_lang_parse(const char *s);
int score_wants_parse(const char *s);

#define SCORE_VERSION "0.1.0"

#endif
