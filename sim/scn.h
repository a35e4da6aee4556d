/*
 * scn.h - scenarios: the data model, loading, checking and conditions.
 *
 * A scenario is a difficult customer written as a branching conversation in
 * YAML (docs/scenarios.md). scn-load.c turns a file into an scn_scenario and
 * reports every problem of the file with its position; scn-check.c checks the
 * graph (targets exist, every node reachable, every node can end);
 * scn-expr.c parses and evaluates branch conditions; scn-lib.c loads the
 * library (files and folders, ids unique across files). The engine
 * (engine.h) plays a loaded scenario; lint/graph/list/play are commands on
 * top. Public names carry the scn_ prefix.
 */
#ifndef HAMDEL_SCN_H
#define HAMDEL_SCN_H

#include <stddef.h>
#include <stdio.h>

#include "score.h"

/* Limits that keep hostile files harmless (docs/limits.md). */
#define SCN_MAX_FILE (1u << 20)   /* bytes per scenario file */
#define SCN_MAX_DEPTH 32          /* YAML nesting */
#define SCN_MAX_NODES 500         /* conversation nodes per scenario */
#define SCN_MAX_BRANCHES 16       /* branches per node */
#define SCN_MAX_TEXT 4000         /* bytes per text field, per language */
#define SCN_MAX_EXPR 400          /* bytes per condition */
#define SCN_MAX_LIBRARY 1000      /* scenario files read from one folder */

/* A text in every language the scenario lists; [0] English, [1] Persian,
 * NULL where absent. */
typedef struct {
    char *t[2];
} scn_text;

/* The text for `lang` (SCORE_LANG_EN or _FA), or NULL. */
const char *scn_text_get(const scn_text *t, score_lang lang);
/* The text for `lang`, else the other language's, else "": what a title
 * shown in the interface's language falls back to. */
const char *scn_text_any(const scn_text *t, score_lang lang);

typedef enum {
    SCN_END_NONE,      /* not an ending: a customer turn */
    SCN_END_RESOLVED,
    SCN_END_ESCALATED,
    SCN_END_CHURNED,
    SCN_END_ENDED
} scn_ending;

const char *scn_ending_name(scn_ending e); /* "resolved", ... */

typedef struct scn_expr scn_expr; /* a parsed condition (scn-expr.c) */

typedef struct {
    scn_expr *when;  /* NULL: always true (only the last branch) */
    char *when_src;  /* the condition as written, for messages and graphs */
    scn_text say;    /* the customer's immediate reaction; may be empty */
    double tension;  /* added to the conversation's tension */
    char *go;        /* target node id as written */
    int target;      /* index of the target node */
    int line, col;
} scn_branch;

typedef struct {
    char *id;
    int line, col;
    scn_text customer;     /* what the customer says at this node */
    score_wants wants;     /* what they want right now */
    int abusive;           /* this line insults or threatens the agent */
    scn_text hint, model_answer;
    scn_ending ending;     /* SCN_END_NONE for a customer turn */
    scn_text debrief;      /* endings: what a trainer would say */
    scn_branch *branches;  /* customer turns: first match wins */
    size_t n_branches;
} scn_node;

typedef struct {
    char **v;
    size_t n;
} scn_strings;

typedef struct {
    char *id;   /* [a-z0-9-]+ */
    char *path; /* the file it came from */
    scn_text title, summary;
    unsigned langs; /* bit 1 << SCORE_LANG_EN, 1 << SCORE_LANG_FA */
    int difficulty; /* 1..5 */
    scn_strings tags;
    scn_text persona_name;
    double tension; /* starting tension 0..10 */
    scn_strings cannot_promise[2], unknown[2]; /* facts, per language */
    int start;          /* node index */
    int breaking_point; /* node index reached when tension hits 10 */
    scn_node *nodes;
    size_t n_nodes;
    int min_turns_to_resolve; /* shortest path to a resolved ending; -1 none */
    int id_line, id_col; /* added: where `id:` is written (duplicate ids) */
} scn_scenario;

/* ---- diagnostics: every problem of a file, in order --------------------- */

typedef struct {
    char *file;
    int line, col; /* 1-based; 0 when the problem has no position */
    char *msg;
} scn_diag;

typedef struct {
    scn_diag *v;
    size_t n, cap;
} scn_diags;

void scn_diags_add(scn_diags *d, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void scn_diags_free(scn_diags *d);

/* ---- loading -------------------------------------------------------------- */

/* Does the scorer know this finding kind? (for has(kind) in conditions) */
typedef int (*scn_kind_fn)(const char *kind, void *ud);

typedef struct {
    scn_kind_fn kind_ok;
    void *kind_ud;
} scn_opts;

/* Load and check one scenario. Returns NULL when the file has any error;
 * every error is appended to `d` (never only the first). */
scn_scenario *scn_load_file(const char *path, const scn_opts *o, scn_diags *d);
scn_scenario *scn_load_text(const char *name, const char *text, size_t len,
                            const scn_opts *o, scn_diags *d);
void scn_free(scn_scenario *s);

/* The library: files and folders (*.yaml, *.yml, not recursive beyond one
 * level), ids unique across files. Valid scenarios are kept even when
 * others fail; returns the number of files with errors. */
typedef struct {
    scn_scenario **v;
    size_t n;
} scn_library;

size_t scn_library_load(const char *const *paths, size_t n, const scn_opts *o,
                        scn_library *lib, scn_diags *d);
void scn_library_free(scn_library *lib);
const scn_scenario *scn_library_find(const scn_library *lib, const char *id);
/* Where the library is when no path is given: $HAMDEL_SCENARIOS, else
 * ./scenarios when it exists (a source tree), else the installed
 * DATADIR/scenarios. Returns a static string. */
const char *scn_library_default_dir(void);

/* ---- conditions ------------------------------------------------------------ */

/* What a condition can see: the graded reply and the conversation. */
typedef struct {
    const score_result *reply; /* scores, overall, findings (has(kind)) */
    double tension;            /* before this reply's branch is applied */
    int turn;                  /* 1 for the first reply */
    int apologies;             /* apologies so far in the conversation */
} scn_env;

/* Parse a condition; NULL with a message and the 1-based column of the
 * problem in `err`/`col` when it is not valid. */
scn_expr *scn_expr_parse(const char *src, const scn_opts *o, char *err, size_t errlen, int *col);
int scn_expr_eval(const scn_expr *e, const scn_env *env);
void scn_expr_free(scn_expr *e);

/* ---- additions by the loader's author (helpers the scn-*.c files and the
 * lint/graph/list commands share) ------------------------------------------ */

/* A scn_kind_fn for a loaded rubric (`ud` is a const score_rubric *). When a
 * condition's has(kind) is unknown and kind_ok is this function, the parser
 * can list the rubric's kinds and suggest the closest one. */
int scn_rubric_kind_ok(const char *kind, void *rubric);
/* The loader's rule for ids (1 to 64 of a-z, 0-9 and `extra`: '-' for
 * scenarios, '_' for nodes), for ids read from elsewhere (transcripts). */
int scn_id_ok(const char *s, char extra);

/* The closest of `cands` to `word` (edit distance <= 2, or <= 1 for short
 * words), or NULL: the "did you mean" of every message. */
const char *scn_suggest(const char *word, const char *const *cands, size_t n);

/* Expand files and folders into the scenario files they name (sorted per
 * folder); problems (missing path, empty folder) go to `d`. Returns the
 * number of paths that failed. Free `out` with scn_strings_free. */
size_t scn_library_files(const char *const *paths, size_t n, scn_strings *out,
                         scn_diags *d);
void scn_strings_free(scn_strings *s);

/* Print every diagnostic as "FILE:LINE:COL: message" (or "FILE: message"
 * when it has no position), one a line, the form editors jump to. */
void scn_diags_print(const scn_diags *d, FILE *out);

/* The index of node `id`, or -1. */
int scn_node_index(const scn_scenario *s, const char *id);
/* Breadth-first from node `from`: dist[i] = replies needed to get to node
 * i, -1 when no branch leads there. Returns the distances (caller frees). */
int *scn_distances(const scn_scenario *s, int from);
/* The graph checks of scn-check.c, run by the loader once the nodes are
 * read and every target resolved: every node reachable from start (or the
 * breaking point), every node able to reach an ending; then it computes
 * min_turns_to_resolve. Returns the number of problems added to `d`. */
size_t scn_check_graph(scn_scenario *s, const char *file, scn_diags *d);

#endif
