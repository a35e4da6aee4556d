/*
 * engine.h - plays a loaded scenario (scn.h): the conversation engine.
 *
 * A session walks the scenario's nodes: the caller shows eng_node()'s
 * customer line, passes the trainee's reply to eng_reply(), which grades it
 * with the scorer in the turn's full context (the node's wants/abusive, the
 * scenario's facts, tension, persona, the trainee's earlier replies),
 * applies the first branch whose condition holds, moves tension (0..10;
 * reaching 10 sends the conversation to the breaking point) and records
 * the turn. The session is done at an ending node. The engine is pure: no
 * terminal and no files; `hamdel play` (cmd-play.c), the transcript writer
 * (transcript.c) and the test-plan runner sit on top of it.
 */
#ifndef HAMDEL_ENGINE_H
#define HAMDEL_ENGINE_H

#include <stddef.h>

#include "scn.h"
#include "score.h"

#define ENG_MAX_TENSION 10.0
/* Replies in one conversation: the last one sends the customer to the
 * breaking point unless it reached an ending. */
#define ENG_MAX_TURNS 200

/* A finding of a recorded turn; every string is the turn's own copy. */
typedef struct {
    score_dim dim;
    char *kind, *tip, *text;
    size_t start, end;
    double delta;
} eng_finding;

/* One answered customer line. Strings marked "scenario" are borrowed from
 * the scenario, which must outlive the session. */
typedef struct {
    int number;            /* 1 for the first reply */
    int node;              /* index of the node that was answered */
    const char *node_id;   /* scenario */
    const char *customer;  /* scenario: the line in the session's language */
    char *reply;           /* copy, NUL-terminated */
    size_t reply_len;
    double scores[SCORE_NDIM], overall;
    eng_finding *findings; /* in reply order */
    size_t n_findings;
    int apologies;         /* in this reply */
    double tension_before, tension_after;
    int branch;            /* index of the branch taken; -1: none matched */
    const char *say;       /* the reaction, or NULL: the scenario's text, or
                              say_own when it quotes the reply */
    char *say_own;         /* the reaction with the trainee's words filled in */
    int next;              /* the node the conversation moved to */
    int broke;             /* tension hit the maximum: went to breaking_point */
} eng_turn;

/* The end-of-scenario numbers. Turn fields are 0-based indices into the
 * session's turns, -1 when there is no such turn. */
typedef struct {
    size_t turns;
    double mean[SCORE_NDIM]; /* per dimension, over the turns */
    double overall;          /* mean of the turns' overall grades */
    int best, worst;         /* by overall; the first on ties */
    int costliest;           /* the biggest tension rise; -1 if none rose */
    double cost;             /* that rise */
} eng_card;

typedef struct eng_session eng_session;

/* Return codes of eng_reply beyond the scorer's SCORE_* codes. */
enum { ENG_EDONE = 100 /* the session already reached an ending */ };

/* Start at the scenario's start node. `lang` is EN or FA; `rubric` is the
 * scorer's rubric for that language. Both scenario and rubric are
 * borrowed. Never NULL (exits on out-of-memory like the rest of sim/). */
eng_session *eng_start(const scn_scenario *s, score_lang lang,
                       const score_rubric *rubric);
void eng_free(eng_session *e);

const scn_scenario *eng_scenario(const eng_session *e);
score_lang eng_lang(const eng_session *e);
/* The node the customer is at now (an ending node once done). */
const scn_node *eng_node(const eng_session *e);
int eng_node_index(const eng_session *e);
double eng_tension(const eng_session *e);
int eng_done(const eng_session *e);
/* The ending kind of the current node; SCN_END_NONE while playing. */
scn_ending eng_ending(const eng_session *e);
/* A scenario text in the session's language ("" when absent). */
const char *eng_text(const eng_session *e, const scn_text *t);

/*
 * Grade `reply` (len bytes) as the answer to the current node and move on.
 * Returns SCORE_OK and points *turn at the recorded turn (valid until the
 * next eng_reply or eng_free); SCORE_EEMPTY (nothing recorded: the reply
 * has no words), SCORE_ENOMEM, or ENG_EDONE.
 */
int eng_reply(eng_session *e, const char *reply, size_t len,
              const eng_turn **turn);
/* The graded result of the last reply (findings in the scorer's form). */
const score_result *eng_last_result(const eng_session *e);

/*
 * Take back the last reply so the same customer line can be answered again
 * (the simulator's /retry): the node, tension and apology count return to
 * what they were before it and the turn is dropped (the transcript keeps
 * it). Works after an ending too. 0, or -1 when there is no turn.
 */
int eng_retry(eng_session *e);

/* A deep copy of a turn that outlives the session's own (the workshop
 * keeps every player's graded reply); free with eng_turn_clear. The
 * "scenario" strings stay borrowed. */
void eng_turn_copy(eng_turn *dst, const eng_turn *src);
void eng_turn_clear(eng_turn *t);

size_t eng_n_turns(const eng_session *e);
const eng_turn *eng_turn_at(const eng_session *e, size_t i);
/* The visited node ids in order, the current node included. */
size_t eng_path(const eng_session *e, const char **ids, size_t max);

void eng_report(const eng_session *e, eng_card *card);

/* The first branch of `n` whose condition holds in `env`, or -1: the rule
 * eng_reply applies, for checks that grade a reply outside a session. */
int eng_branch(const scn_node *n, const scn_env *env);

/* The scorer's context for a reply to node `node` (an index) in `lang` at
 * `tension`, without any conversation history: the node's wants and
 * abusive flag, the customer line, the persona and the scenario's facts. */
void eng_node_context(const scn_scenario *s, int node, score_lang lang,
                      double tension, score_context *c);

/* Grade node `node`'s model answer in that node's context at the
 * scenario's starting tension: what `hamdel lint --models` and the model
 * answer test check (issue 5: every model answer scores >= 8). `res` must
 * be initialised (score_result_init). SCORE_EEMPTY when the node has no
 * model answer in `lang`. */
int eng_grade_model(const scn_scenario *s, int node, score_lang lang,
                    const score_rubric *rubric, score_result *res);

#endif
