/*
 * internal.h - what the scorer's source files share, and nobody else sees.
 *
 * The pipeline, one file per step:
 *   norm.c      per-codepoint normalisation table (utf8proc + Persian rules)
 *   vocab.c     the rubric's words: string -> id, with per-word flags
 *   tokens.c    reply -> words, sentences, clauses, negation scope
 *   ac.c        Aho-Corasick automaton over word ids (one pass per reply)
 *   match.c     words -> cue hits (negation, containment, repeats)
 *   rubric.c    YAML rubric files -> raw rubric (load and merge)
 *   compile.c   raw rubric -> vocab + cues + automaton
 *   facts.c     context facts (cannot_promise, unknown) against sentences
 *   empathy.c action.c honesty.c boundaries.c   the four dimensions
 *   score.c     score_reply(): runs the pipeline, fills the result
 * Internal names carry the sc_ prefix; public ones score_.
 */
#ifndef HAMDEL_SCORING_INTERNAL_H
#define HAMDEL_SCORING_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "score.h"

/* ---- built-in kinds: the engine reasons about these by number ---------- */
#define SC_KINDS(X)                                                          \
    X(FEELING, "feeling") X(VALIDATION, "validation") X(APOLOGY, "apology")  \
    X(THANKS, "thanks") X(HEARD, "heard") X(GUSHING, "gushing")              \
    X(CLICHE, "cliche") X(UNDERSTAND_BUT, "understand_but")                  \
    X(DISMISSIVE, "dismissive") X(NAME_USED, "name_used")                    \
    X(ROBOTIC, "robotic") X(OVER_EMPATHY, "over_empathy")                    \
    X(ACTION_TAKEN, "action_taken") X(COMMITMENT, "commitment")              \
    X(TIME, "time") X(NEXT_STEPS, "next_steps") X(ALTERNATIVE, "alternative") \
    X(DIAGNOSTIC, "diagnostic") X(OWNERSHIP, "ownership")                    \
    X(PUSH_WORK, "push_work") X(REFUSAL, "refusal")                          \
    X(DEFLECTION, "deflection") X(JARGON, "jargon") X(RETENTION, "retention") \
    X(STALLING, "stalling") X(NO_ACTION, "no_action") X(LATE_FIX, "late_fix") \
    X(WALL_OF_TEXT, "wall_of_text") X(KEYWORD_SALAD, "keyword_salad")        \
    X(GUARANTEE, "guarantee") X(FAKE_POSITIVE, "fake_positive")              \
    X(BLAME, "blame") X(NON_APOLOGY, "non_apology")                          \
    X(ADMIT_MISTAKE, "admit_mistake") X(DONT_KNOW, "dont_know")              \
    X(EXPLAIN_WHY, "explain_why") X(LIMIT_STATED, "limit_stated")            \
    X(HEDGE, "hedge") X(FUTURE, "future")                                    \
    X(PROMISE_FORBIDDEN, "promise_forbidden")                                \
    X(CERTAINTY_UNKNOWN, "certainty_unknown")                                \
    X(OVER_APOLOGY, "over_apology") X(REPEAT_APOLOGY, "repeat_apology")      \
    X(GROVEL, "grovel") X(PUSHY_OFFER, "pushy_offer")                        \
    X(RETALIATION, "retaliation") X(SET_LIMIT, "set_limit")                  \
    X(NAME_BEHAVIOUR, "name_behaviour") X(SCOLDING, "scolding")              \
    X(TOLERATES_ABUSE, "tolerates_abuse") X(END_CHAT, "end_chat")            \
    X(TRANSFER, "transfer") X(REFERRAL, "referral")                          \
    X(BARE_TRANSFER, "bare_transfer") X(LEAVING, "leaving")                  \
    X(SAID_NO, "said_no") X(ABUSE, "abuse") X(INVALID_UTF8, "invalid_utf8")   \
    X(REPEATED, "repeated") X(ASK_REPEAT, "ask_repeat")                      \
    X(REPEAT_REPLY, "repeat_reply") X(WRONG_NAME, "wrong_name")              \
    X(SARCASM, "sarcasm")

#define SC_KIND_ENUM(id, name) SC_K_##id,
enum sc_kind_id { SC_KINDS(SC_KIND_ENUM) SC_K_NBUILTIN };
#undef SC_KIND_ENUM

extern const char *const sc_builtin_kind_names[SC_K_NBUILTIN];

#define SC_DIM_NONE (-1)

typedef struct {
    char *name;
    int dim;       /* score_dim or SC_DIM_NONE */
    double weight; /* evidence per cue, or points for derived kinds */
    int ignore_negation;
    char *tip;
    int set_dim, set_weight, set_tip; /* which fields a file gave (merge) */
} sc_kind;

/* ---- normalisation (norm.c) -------------------------------------------- */
enum sc_cclass {
    SC_C_SPACE,   /* separates words */
    SC_C_WORD,    /* letter, digit or mark: part of a word */
    SC_C_DIGIT,   /* a digit, already mapped to ASCII */
    SC_C_JOINER,  /* ZWNJ and other ignorables inside a word */
    SC_C_APOS,    /* an apostrophe: inside a word in English */
    SC_C_SENT,    /* ends a sentence: . ! ? ؟ … newline */
    SC_C_CLAUSE,  /* ends a clause: , ; : ، ؛ */
    SC_C_SYMBOL,  /* a one-character word: % ٪ # */
    SC_C_OTHER    /* other punctuation: separates words */
};

typedef struct {
    uint8_t cls;   /* enum sc_cclass */
    uint8_t len;   /* bytes of normalised form */
    char out[10];  /* normalised UTF-8 (case-folded, no marks) */
} sc_normchar;

typedef struct {
    sc_normchar *tab; /* codepoints 0 .. SC_NORM_TAB-1 */
    sc_normchar *punct; /* U+2000 .. U+206F: ZWNJ, quotes, dashes, bidi marks */
    uint8_t acls[128]; /* ASCII: class, and the folded byte (hot loop) */
    char alow[128];
} sc_norm;

#define SC_NORM_TAB 0x0800u
#define SC_PUNCT_LO 0x2000u
#define SC_PUNCT_HI 0x2070u

int sc_norm_init(sc_norm *n);
void sc_norm_free(sc_norm *n);
/* Normalise one codepoint into *out (for codepoints past the table). */
void sc_norm_char(const sc_norm *n, uint32_t cp, sc_normchar *out);
/* Decode one UTF-8 sequence at s[0..len); returns its length, or 0 when the
 * byte is not valid UTF-8 (then *cp = U+FFFD and one byte is consumed). */
size_t sc_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/* ---- vocabulary (vocab.c) ---------------------------------------------- */
enum {
    SC_W_NEGATOR = 1u << 0,
    SC_W_FUNCTION = 1u << 1,
    SC_W_FILLER = 1u << 2,
    SC_W_CLAUSE = 1u << 3,
    SC_W_JOIN_PREFIX = 1u << 4,
    SC_W_JOIN_SUFFIX = 1u << 5,
    SC_W_CUE = 1u << 6,      /* appears in some cue phrase */
    SC_W_REWRITE = 1u << 7,  /* has a whole-word rewrite */
    SC_W_NUMBER = 1u << 8,   /* the "#" word */
    SC_W_CONDITIONAL = 1u << 9, /* opens a condition: "if", «اگه» */
    SC_W_COPULA = 1u << 10,  /* links a subject to a claim: "is", «بوده» */
    SC_W_FIRST_PERSON = 1u << 11, /* "i", "we": the speaker about themselves */
    SC_W_OBJ_NEGATOR = 1u << 12, /* "nothing" after a verb: "I've sent nothing" */
    SC_W_AUX = 1u << 13,         /* "will", "has": after "nothing" it is a subject */
    SC_W_VOCATIVE = 1u << 14,    /* "genius": an insult when it addresses someone */
    SC_W_TITLE = 1u << 15,       /* "Mrs", «آقای»: a title; a name follows, it is not one */
    SC_W_OPENER = 1u << 16,      /* "hi", "okay": opens a reply, is not a name */
    SC_W_CERTAINTY = 1u << 17,   /* «حتماً», «مطمئنم»: certain about what follows */
    SC_W_STATIVE = 1u << 18,     /* a present verb without می: «داره», «هست» */
    SC_W_CONTRAST = 1u << 19,    /* "but", «ولی»: a new claim starts */
    SC_W_CAUSE = 1u << 20,       /* in a fact: it is a cause ("the cause of …", «علت») */
    SC_W_CAUSE_NOUN = 1u << 21,  /* in a reply: names a cause ("fault", «خرابی») */
    SC_W_SOURCE = 1u << 22,      /* «از» in «مشکل از سرور»: where a cause lies */
    SC_W_QUESTION = 1u << 23,    /* "what", «کجاست»: an indirect question, not a claim */
    SC_W_PREDICATE = 1u << 24    /* «متاسفم»: a clause's verb when it ends the clause */
};

#define SC_REWRITE_MAX 3

typedef struct {
    uint32_t off, len; /* into the vocab's byte pool */
    uint32_t hash;
    uint32_t flags;
    uint32_t rewrite[SC_REWRITE_MAX]; /* ids, 0-terminated */
} sc_word;

typedef struct {
    sc_word *words; /* index = id; id 0 is unused (unknown word) */
    uint32_t n, cap;
    uint32_t *slots; /* open addressing: word ids, 0 = empty */
    uint32_t nslots; /* power of two */
    char *pool;
    size_t pool_len, pool_cap;
} sc_vocab;

uint32_t sc_hash(const char *s, size_t len);
int sc_vocab_init(sc_vocab *v);
void sc_vocab_free(sc_vocab *v);
uint32_t sc_vocab_find(const sc_vocab *v, const char *s, size_t len, uint32_t h);
/* Find or add; returns 0 only when out of memory. */
uint32_t sc_vocab_add(sc_vocab *v, const char *s, size_t len);
const char *sc_vocab_str(const sc_vocab *v, uint32_t id, size_t *len);

/* ---- Aho-Corasick over word ids (ac.c) --------------------------------- */
typedef struct {
    uint64_t *edge_key;  /* hash table of (state << 32 | word) -> next */
    uint32_t *edge_next;
    uint32_t nedge_slots, nedges;
    /* per state */
    uint32_t *fail, *out, *dict, *first_child, *next_sibling, *label;
    uint32_t nstates, cap;
    uint32_t *cue_next; /* per cue: next cue ending at the same state */
    size_t cap_cues;
} sc_ac;

int sc_ac_init(sc_ac *a);
void sc_ac_free(sc_ac *a);
int sc_ac_add(sc_ac *a, const uint32_t *words, size_t n, uint32_t cue);
int sc_ac_build(sc_ac *a, uint32_t ncues);
uint32_t sc_ac_step(const sc_ac *a, uint32_t state, uint32_t word);

/* ---- rubric (rubric.c, compile.c) -------------------------------------- */
enum { SC_WL_NEGATORS, SC_WL_FUNCTION, SC_WL_CLAUSE, SC_WL_FILLER,
       SC_WL_JOIN_PREFIX, SC_WL_JOIN_SUFFIX, SC_WL_NEG_PREFIX, SC_WL_CONDITIONAL,
       SC_WL_COPULA, SC_WL_FIRST_PERSON, SC_WL_OBJECT_NEGATORS, SC_WL_AUX,
       SC_WL_VOCATIVE, SC_WL_TITLES, SC_WL_OPENERS, SC_WL_CERTAINTY, SC_WL_STATIVE,
       SC_WL_CONTRAST, SC_WL_CAUSE, SC_WL_CAUSE_NOUN, SC_WL_SOURCE,
       SC_WL_QUESTION_WORDS, SC_WL_PREDICATES, SC_WL_N };

typedef struct {
    char **items;
    size_t n, cap;
} sc_strlist;

typedef struct {
    char *phrase;
    double weight;
    int has_weight;
    size_t kind; /* index into kinds */
    char *where; /* "file:line:col" for error messages */
} sc_rawcue;

typedef struct {
    char *from, *to;
} sc_pair;

typedef struct {
    score_lang lang;
    double weights[SCORE_NDIM];
    double overall_power;
    sc_kind *kinds;
    size_t n_kinds, cap_kinds;
    sc_rawcue *cues;
    size_t n_cues, cap_cues;
    sc_strlist words[SC_WL_N];
    sc_pair *rewrites, *suffixes;
    size_t n_rewrites, n_suffixes, cap_rewrites, cap_suffixes;
} sc_raw;

typedef struct {
    uint32_t *words;
    uint16_t n;
    uint16_t require_neg;
    uint32_t kind;
    double weight;
} sc_cue;

typedef struct {
    char *from;  /* normalised ending, e.g. "n't" */
    size_t len;
    uint32_t to; /* word id appended after the stem */
} sc_suffix;

struct score_rubric {
    score_lang lang;
    double weights[SCORE_NDIM];
    double overall_power; /* of the weighted power mean; 1 = arithmetic */
    sc_kind *kinds;
    size_t n_kinds;
    sc_cue *cues;
    size_t n_cues;
    sc_vocab vocab;
    sc_ac ac;
    sc_norm norm;
    sc_suffix *suffixes;
    size_t n_suffixes;
    char **neg_prefixes; /* normalised */
    size_t *neg_prefix_len, n_neg_prefixes;
    char **join_prefixes; /* normalised */
    size_t *join_prefix_len, n_join_prefixes;
    int has_joins; /* any join_prefix or join_suffix word */
    uint32_t number_id;
    uint32_t *cue_words; /* storage for all cues' words */
};

void sc_raw_init(sc_raw *raw);
void sc_raw_free(sc_raw *raw);
/* Parse YAML text and merge it into raw. name is used in error messages.
 * want: the language being built; a file for another language is skipped
 * (*skipped = 1). */
int sc_raw_merge(sc_raw *raw, const char *name, const char *text, size_t len,
                 score_lang want, int *skipped, score_error *err);
int sc_compile(score_rubric *r, sc_raw *raw, score_error *err);

/* Make room for `need` elements of `size` bytes in *p (capacity *cap),
 * doubling; SCORE_OK or SCORE_ENOMEM (then *p is untouched). */
int sc_grow(void **p, size_t *cap, size_t need, size_t size);

void sc_set_error(score_error *err, int code, const char *file, int line,
                  int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* ---- tokens (tokens.c) -------------------------------------------------- */
enum {
    SC_T_NEG = 1u << 0,      /* inside a negation scope */
    SC_T_NEGATOR = 1u << 1,  /* is itself a negator (skipped in matching) */
    SC_T_FILLER = 1u << 2,   /* skipped in matching */
    SC_T_FUNCTION = 1u << 3,
    SC_T_SENT_START = 1u << 4,
    SC_T_CLAUSE_START = 1u << 16, /* a clause begins here (tokens.c) */
    SC_T_NEG_SELF = 1u << 19, /* negated by its own prefix (نمی‌فرستم) */
    SC_T_VERB = 1u << 21,     /* a Persian می/نمی verb: ends its clause */
    SC_T_SEMI = 1u << 22      /* follows ';' or '؛': a clause that stands alone */
};

typedef struct {
    uint32_t start, end; /* bytes in the original text */
    uint32_t id;         /* vocab id, 0 when unknown */
    uint32_t hash;       /* of the normalised form */
    uint32_t noff, nlen; /* normalised form in the scratch byte pool */
    uint32_t sent;       /* sentence index */
    uint32_t flags;
} sc_tok;

typedef struct {
    uint32_t first, last; /* token range [first, last) */
    uint32_t start, end;  /* bytes */
    uint32_t nfunc;
    uint32_t hash; /* of its word ids, to spot repeated sentences */
    uint8_t real, repeat; /* repeat: 1 earlier in the reply, 2 in an earlier turn */
} sc_sent;

/* A sentence's identity for spotting repeats: its words' hash and count. */
static inline uint64_t sc_sent_key(const sc_sent *s)
{
    return ((uint64_t)s->hash << 32 | (s->last - s->first)) | 1;
}

typedef struct {
    sc_tok *toks;
    size_t ntoks, cap_toks;
    sc_tok *toks2; /* pass 2's output, swapped with toks */
    size_t cap_toks2;
    uint64_t *seen; /* sentence keys seen, to spot repeats */
    size_t nseen;
    sc_sent *sents;
    size_t nsents, cap_sents;
    char *pool; /* normalised words */
    size_t pool_len, pool_cap;
    int invalid_bytes;
    uint32_t first_invalid;
    int questions;
} sc_text;

void sc_text_free(sc_text *t);
/* Tokenise text with the rubric's vocabulary. 0 or SCORE_ENOMEM. */
int sc_tokenize(const score_rubric *r, const char *text, size_t len, sc_text *t);
/* Same, but words missing from the vocabulary are added (phrase compile). */
int sc_tokenize_phrase(score_rubric *r, const char *text, size_t len, sc_text *t);

/* ---- cue hits (match.c) ------------------------------------------------- */
typedef struct {
    uint32_t cue;
    uint32_t kind;
    uint32_t first, last; /* token range [first, last) */
    uint32_t start, end;  /* bytes */
    uint32_t sent;
    double weight;        /* the cue's weight */
    uint8_t dropped;      /* contained in a longer hit, or repeated */
    uint8_t in_repeat;    /* in a sentence that repeats an earlier one */
} sc_hit;

typedef struct {
    sc_hit *hits;
    size_t n, cap;
    uint32_t *pos; /* matcher scratch: stream position -> token */
    size_t cap_pos;
} sc_hits;

void sc_hits_free(sc_hits *h);
int sc_match(const score_rubric *r, const sc_text *t, sc_hits *out);
/* The reply's claims beyond single phrases: a certainty word before a
 * third-person verb is a guarantee, a guarantee inside a stated limit's
 * object ("I can't promise it won't happen again") is not. */
int sc_match_claims(const score_rubric *r, const sc_text *t, sc_hits *h);
/* The person (1, 2, 3) of a Persian verb from its ending («می‌دم» 1,
 * «می‌کنید» 2, «می‌ده» 3). */
int sc_fa_person(const char *s, size_t n);
/* Sort: insertion sort for the short, nearly sorted arrays of one reply,
 * qsort beyond that. */
void sc_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
/* decay^n for small n without pow(). */
double sc_decay(double decay, int n);
/* Count non-dropped hits of a kind. */
int sc_hits_count(const sc_hits *h, uint32_t kind);

/* ---- per-reply state shared by the dimension files --------------------- */
typedef struct {
    const score_rubric *r;
    const score_context *ctx;
    const char *reply;
    size_t len;
    sc_text *text;
    sc_hits *hits;
    score_result *res;
    int abusive;         /* context flag or abuse in the customer's message */
    int customer_leaving;
    int customer_repeated; /* they say they have explained it before */
    int history_apologies; /* earlier replies that apologised */
    int history_limits;    /* earlier replies that set a limit */
    int history_refusals;  /* earlier replies that said no or stated a limit */
    double *hit_factor;    /* per hit: 1 in real sentences, less elsewhere */
    double *contrib;       /* per hit: evidence it adds (evidence.c) */
    int *kind_count;       /* per kind: occurrences so far (evidence.c) */
    long *first_of_kind;   /* per kind: index of its first kept hit, or -1 */
    long *strongest_of_kind; /* per kind: scratch for sc_penalties */
    uint32_t *penalty_hits;  /* kept hits of negative weight, in order */
    size_t n_penalty_hits;
    uint64_t *smask_kept;  /* per sentence: built-in kinds of its kept hits */
    uint64_t *smask_all;   /* per sentence: the same, dropped hits too */
    int salad;             /* the reply is mostly keyword salad */
    int repeat_reply;      /* the reply repeats the trainee's earlier turns */
} sc_eval;

/* Add a finding; span given in bytes (start == end for a missing thing). */
int sc_finding(sc_eval *ev, score_dim dim, uint32_t kind, uint32_t start,
               uint32_t end, double delta);
double sc_kind_weight(const sc_eval *ev, uint32_t kind);
double sc_round1(double x);
double sc_clamp10(double x);

/* evidence.c: the generic part of a dimension. Positive-weight kinds of
 * `dim` (minus `skip`) are evidence: each repeat of a kind counts `decay`
 * times the one before; returns the raw sum and fills ev->contrib. */
#define SC_BIT(k) (1ull << (k))
double sc_evidence(sc_eval *ev, score_dim dim, uint64_t skip, double decay);
/* Findings that share `gain` points among the evidence in ev->contrib. */
int sc_share(sc_eval *ev, score_dim dim, double raw, double gain);
/* Negative-weight kinds of `dim` (minus `skip`): each a finding of
 * weight * decay^(n-1); total capped at `cap` (negative). Returns total. */
double sc_penalties(sc_eval *ev, score_dim dim, uint64_t skip, double decay, double cap);
/* Index of the first kept hit of a kind (from `from`), or -1. */
long sc_first_hit(const sc_eval *ev, uint32_t kind, size_t from);
/* Does sentence s hold a kept hit of any kind in `mask`? */
int sc_sent_has(const sc_eval *ev, uint32_t sent, uint64_t mask, int include_dropped);

double sc_empathy(sc_eval *ev);
double sc_action(sc_eval *ev);
double sc_honesty(sc_eval *ev);
double sc_boundaries(sc_eval *ev);
/* Did the reply retaliate (insult, sarcasm, threat, swearing)? */
int sc_retaliated(const sc_eval *ev);
/* facts.c: honesty findings for the context's facts. Returns the delta. */
double sc_facts(sc_eval *ev);

/* load.c: a rubric from texts alone, merged in order, without the built-in
 * one under them (the unit tests use a small fixed rubric this way). */
score_rubric *sc_rubric_from_texts(score_lang lang, const char *const *names,
                                   const char *const *texts, const size_t *lens, size_t n,
                                   score_error *err);

/* Embedded built-in rubrics (generated from scoring/rubric/ at build time). */
extern const char sc_builtin_en[];
extern const size_t sc_builtin_en_len;
extern const char sc_builtin_fa[];
extern const size_t sc_builtin_fa_len;

#endif
