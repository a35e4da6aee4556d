/*
 * scn-expr.c - branch conditions: "action >= 7 and not has(over_apology)".
 *
 * The loader (scn-load.c) parses every `when:` of a scenario once, at load
 * time, so a typo is a lint error and never a surprise in the middle of a
 * training session; the engine then evaluates the parsed tree against each
 * graded reply (scn_env). The language is small on purpose:
 *
 *   cond  := and ('or' and)*          not  := 'not' not | cmp
 *   and   := not ('and' not)*         cmp  := value (OP value)?
 *   value := '-' value | NUMBER | NAME | 'has' '(' KIND ')' | '(' cond ')'
 *
 * with OP one of < <= > >= == != and NAME one of the reply's scores and
 * the conversation's counters below. Every node is typed (number or test)
 * at parse time, so "action and empathy" or "1 < x < 3" are errors with a
 * column, not odd behaviour. The recursive descent is bounded by a depth
 * limit, so a hostile condition cannot exhaust the stack.
 */
#include "scn.h"
#include "util.h"

#include <ctype.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCN_EXPR_DEPTH 32 /* nesting of parentheses, not and minus */

enum { EX_NUM, EX_VAR, EX_HAS, EX_NOT, EX_AND, EX_OR, EX_CMP, EX_NEG };
enum { CMP_LT, CMP_LE, CMP_GT, CMP_GE, CMP_EQ, CMP_NE };
enum { V_EMPATHY, V_ACTION, V_HONESTY, V_BOUNDARIES, V_OVERALL, V_TENSION,
       V_TURN, V_APOLOGIES, V_COUNT };

static const char *const ex_vars[V_COUNT] = {
    "empathy", "action", "honesty", "boundaries",
    "overall", "tension", "turn", "apologies"};
static const char *const ex_cmps[] = {"<", "<=", ">", ">=", "==", "!="};

struct scn_expr {
    int op;
    int is_test; /* a true/false value (else a number) */
    int arg;     /* EX_VAR: V_*; EX_CMP: CMP_* */
    double num;
    char *kind;
    scn_expr *a, *b;
};

/* ---- lexer --------------------------------------------------------------- */

enum { T_END, T_NUM, T_NAME, T_LP, T_RP, T_CMP, T_MINUS, T_BAD };

typedef struct {
    int type, cmp;
    size_t at, len; /* byte offset and length in the source */
    double num;
} ex_tok;

typedef struct {
    const char *src;
    size_t pos;
    ex_tok tok;
    int depth, failed;
    const scn_opts *o;
    char *err;
    size_t errlen;
    int *col;
} ex_parser;

/* 1-based column, in characters, of byte offset `at`. */
static int ex_col(const char *s, size_t at)
{
    int col = 1;
    for (size_t i = 0; i < at && s[i]; i++)
        col += ((unsigned char)s[i] & 0xC0) != 0x80;
    return col;
}

static void ex_fail(ex_parser *p, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void ex_fail(ex_parser *p, size_t at, const char *fmt, ...)
{
    if (p->failed)
        return; /* keep the first problem: later ones are its echoes */
    p->failed = 1;
    va_list ap;
    va_start(ap, fmt);
    if (p->err && p->errlen)
        vsnprintf(p->err, p->errlen, fmt, ap);
    va_end(ap);
    if (p->col)
        *p->col = ex_col(p->src, at);
}

static int ex_lex_cmp(const char *s, int *cmp)
{
    static const struct { const char *t; int c; } ops[] = {
        {"<=", CMP_LE}, {">=", CMP_GE}, {"==", CMP_EQ}, {"!=", CMP_NE},
        {"<", CMP_LT}, {">", CMP_GT}};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strncmp(s, ops[i].t, strlen(ops[i].t)) == 0) {
            *cmp = ops[i].c;
            return (int)strlen(ops[i].t);
        }
    return 0;
}

static void ex_next(ex_parser *p)
{
    const char *s = p->src;
    while (s[p->pos] == ' ' || s[p->pos] == '\t' || s[p->pos] == '\n')
        p->pos++;
    ex_tok *t = &p->tok;
    unsigned char c = (unsigned char)s[p->pos];
    t->at = p->pos, t->len = 1;
    if (!c) {
        t->type = T_END, t->len = 0;
    } else if (isdigit(c) || (c == '.' && isdigit((unsigned char)s[p->pos + 1]))) {
        char *end;
        t->type = T_NUM;
        t->num = strtod(s + p->pos, &end);
        t->len = (size_t)(end - (s + p->pos));
    } else if (islower(c) || c == '_') {
        size_t n = 0;
        while (islower((unsigned char)s[p->pos + n]) ||
               isdigit((unsigned char)s[p->pos + n]) || s[p->pos + n] == '_')
            n++;
        t->type = T_NAME, t->len = n;
    } else if (c == '(' || c == ')' || c == '-') {
        t->type = c == '(' ? T_LP : c == ')' ? T_RP : T_MINUS;
    } else if ((t->len = (size_t)ex_lex_cmp(s + p->pos, &t->cmp)) > 0) {
        t->type = T_CMP;
    } else {
        t->type = T_BAD, t->len = 1;
    }
    p->pos += t->len;
}

static int ex_is(const ex_parser *p, const char *word)
{
    return p->tok.type == T_NAME && p->tok.len == strlen(word) &&
           strncmp(p->src + p->tok.at, word, p->tok.len) == 0;
}

/* ---- tree ----------------------------------------------------------------- */

static scn_expr *ex_node(int op, int is_test)
{
    scn_expr *e = util_xmalloc(sizeof *e);
    memset(e, 0, sizeof *e);
    e->op = op;
    e->is_test = is_test;
    return e;
}

void scn_expr_free(scn_expr *e)
{
    if (!e)
        return;
    scn_expr_free(e->a);
    scn_expr_free(e->b);
    free(e->kind);
    free(e);
}

static scn_expr *ex_or(ex_parser *p);

/* Explain a token the grammar did not expect at this point. */
static void ex_unexpected(ex_parser *p, const char *wanted)
{
    const ex_tok *t = &p->tok;
    const char *s = p->src + t->at;
    if (t->type == T_END)
        ex_fail(p, t->at, "the condition ends early: expected %s", wanted);
    else if (*s == '&' || *s == '|')
        ex_fail(p, t->at, "unexpected '%c': write '%s'", *s,
                *s == '&' ? "and" : "or");
    else if (*s == '!' || *s == '=')
        ex_fail(p, t->at, "unexpected '%c': write 'not', '==' or '!='", *s);
    else if (t->type == T_BAD && ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7F))
        ex_fail(p, t->at, "unexpected character: expected %s", wanted);
    else
        ex_fail(p, t->at, "unexpected '%.*s': expected %s",
                (int)(t->len > 40 ? 40 : t->len), s, wanted);
}

/* Built-in marker kinds that never become findings (docs/rubric-format.md):
 * has() of one is never true. What to test instead, or "". (retention,
 * hedge and end_chat are reported as findings, 0 points when harmless.) */
static const char *never_a_finding(const char *kind)
{
    static const char *const table[][2] = {
        {"future", ""},
        {"set_limit", "has(name_behaviour) or has(scolding)"},
        {"transfer", "has(referral) or has(bare_transfer)"},
        {"leaving", "has(stalling) or has(pushy_offer)"},
        {"said_no", "has(pushy_offer)"},
        {"abuse", "has(tolerates_abuse) or has(name_behaviour)"},
        {"repeated", "has(ask_repeat)"},
    };
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (strcmp(kind, table[i][0]) == 0) return table[i][1];
    return NULL;
}

static scn_expr *ex_has(ex_parser *p)
{
    size_t at = p->tok.at;
    ex_next(p);
    if (p->tok.type != T_LP) {
        ex_fail(p, at, "'has' needs a finding kind in parentheses, e.g. has(dismissive)");
        return NULL;
    }
    ex_next(p);
    if (p->tok.type != T_NAME) {
        ex_unexpected(p, "a finding kind, e.g. has(dismissive)");
        return NULL;
    }
    char *kind = util_xmalloc(p->tok.len + 1);
    memcpy(kind, p->src + p->tok.at, p->tok.len);
    kind[p->tok.len] = '\0';
    size_t kat = p->tok.at;
    if (p->o && p->o->kind_ok && !p->o->kind_ok(kind, p->o->kind_ud)) {
        const char *sug = NULL, *all[512];
        if (p->o->kind_ok == scn_rubric_kind_ok) {
            size_t n = score_rubric_kinds(p->o->kind_ud, all, 512);
            sug = scn_suggest(kind, all, n);
        }
        if (sug)
            ex_fail(p, kat, "unknown finding kind '%s' (did you mean '%s'?)", kind, sug);
        else
            ex_fail(p, kat, "unknown finding kind '%s'", kind);
        free(kind);
        return NULL;
    }
    const char *use = never_a_finding(kind);
    if (use) {
        ex_fail(p, kat, "'%s' is a marker the scorer reads, never a finding, so has(%s) is never true%s%s",
                kind, kind, *use ? "; use " : "", use);
        free(kind);
        return NULL;
    }
    ex_next(p);
    if (p->tok.type != T_RP) {
        free(kind);
        ex_unexpected(p, "')' after the finding kind");
        return NULL;
    }
    ex_next(p);
    scn_expr *e = ex_node(EX_HAS, 1);
    e->kind = kind;
    return e;
}

static scn_expr *ex_name(ex_parser *p)
{
    if (ex_is(p, "has"))
        return ex_has(p);
    for (int v = 0; v < V_COUNT; v++)
        if (ex_is(p, ex_vars[v])) {
            ex_next(p);
            scn_expr *e = ex_node(EX_VAR, 0);
            e->arg = v;
            return e;
        }
    char name[64];
    int n = (int)(p->tok.len < sizeof name ? p->tok.len : sizeof name - 1);
    memcpy(name, p->src + p->tok.at, (size_t)n);
    name[n] = '\0';
    if (ex_is(p, "and") || ex_is(p, "or") || ex_is(p, "not")) {
        ex_unexpected(p, "a value");
        return NULL;
    }
    const char *sug = scn_suggest(name, ex_vars, V_COUNT);
    if (!sug && strncmp(name, "has", 3) == 0)
        sug = "has(kind)";
    if (sug)
        ex_fail(p, p->tok.at, "unknown name '%s' (did you mean '%s'?)", name, sug);
    else
        ex_fail(p, p->tok.at, "unknown name '%s' (expected empathy, action, "
                "honesty, boundaries, overall, tension, turn, apologies or has(kind))",
                name);
    return NULL;
}

/* Guards the recursion: parentheses, not and unary minus nest. */
static int ex_enter(ex_parser *p)
{
    if (++p->depth > SCN_EXPR_DEPTH) {
        ex_fail(p, p->tok.at, "the condition is nested too deeply (more than %d levels)",
                SCN_EXPR_DEPTH);
        return 0;
    }
    return 1;
}

static scn_expr *ex_value(ex_parser *p)
{
    scn_expr *e = NULL;
    if (p->tok.type == T_NUM) {
        e = ex_node(EX_NUM, 0);
        e->num = p->tok.num;
        ex_next(p);
    } else if (p->tok.type == T_NAME) {
        e = ex_name(p);
    } else if (p->tok.type == T_MINUS || p->tok.type == T_LP) {
        int minus = p->tok.type == T_MINUS;
        size_t at = p->tok.at;
        if (!ex_enter(p))
            return NULL;
        ex_next(p);
        scn_expr *in = minus ? ex_value(p) : ex_or(p);
        p->depth--;
        if (!in)
            return NULL;
        if (minus && in->is_test) {
            ex_fail(p, at, "'-' needs a number, not a test");
            scn_expr_free(in);
            return NULL;
        }
        if (!minus && p->tok.type != T_RP) {
            ex_unexpected(p, "')'");
            scn_expr_free(in);
            return NULL;
        }
        if (!minus)
            ex_next(p);
        e = in;
        if (minus) {
            e = ex_node(EX_NEG, 0);
            e->a = in;
        }
    } else {
        ex_unexpected(p, "a number, a name, has(kind) or '('");
    }
    return e;
}

static scn_expr *ex_cmp(ex_parser *p)
{
    size_t at = p->tok.at;
    scn_expr *a = ex_value(p);
    if (!a || p->tok.type != T_CMP)
        return a;
    int cmp = p->tok.cmp;
    ex_next(p);
    size_t bat = p->tok.at;
    scn_expr *b = ex_value(p);
    if (b && (a->is_test || b->is_test))
        ex_fail(p, a->is_test ? at : bat, "'%s' compares numbers, not tests",
                ex_cmps[cmp]);
    else if (b && p->tok.type == T_CMP)
        ex_fail(p, p->tok.at, "comparisons cannot be chained: write "
                "'a < b and b < c'");
    if (!b || p->failed) {
        scn_expr_free(a);
        scn_expr_free(b);
        return NULL;
    }
    scn_expr *e = ex_node(EX_CMP, 1);
    e->arg = cmp, e->a = a, e->b = b;
    return e;
}

/* A number where a test is needed: say how to make it one. */
static int ex_need_test(ex_parser *p, const scn_expr *e, size_t at)
{
    if (!e || e->is_test)
        return 1;
    ex_fail(p, at, "expected a test but found a number: compare it, "
            "e.g. 'action >= 7'");
    return 0;
}

static scn_expr *ex_not(ex_parser *p)
{
    if (!ex_is(p, "not"))
        return ex_cmp(p);
    if (!ex_enter(p))
        return NULL;
    ex_next(p);
    size_t in_at = p->tok.at;
    scn_expr *in = ex_not(p);
    p->depth--;
    if (!in || !ex_need_test(p, in, in_at)) {
        scn_expr_free(in);
        return NULL;
    }
    scn_expr *e = ex_node(EX_NOT, 1);
    e->a = in;
    return e;
}

/* left-assoc chain of `word` (and/or) over `sub`. */
static scn_expr *ex_chain(ex_parser *p, const char *word, int op,
                          scn_expr *(*sub)(ex_parser *))
{
    size_t at = p->tok.at;
    scn_expr *a = sub(p);
    while (a && ex_is(p, word)) {
        if (!ex_need_test(p, a, at))
            break;
        ex_next(p);
        at = p->tok.at;
        scn_expr *b = sub(p);
        if (!b || !ex_need_test(p, b, at)) {
            scn_expr_free(b);
            break;
        }
        scn_expr *e = ex_node(op, 1);
        e->a = a, e->b = b;
        a = e;
    }
    if (p->failed) {
        scn_expr_free(a);
        return NULL;
    }
    return a;
}

static scn_expr *ex_and(ex_parser *p) { return ex_chain(p, "and", EX_AND, ex_not); }
static scn_expr *ex_or(ex_parser *p) { return ex_chain(p, "or", EX_OR, ex_and); }

scn_expr *scn_expr_parse(const char *src, const scn_opts *o, char *err,
                         size_t errlen, int *col)
{
    ex_parser p = {.src = src, .o = o, .err = err, .errlen = errlen, .col = col};
    if (err && errlen)
        err[0] = '\0';
    if (col)
        *col = 0;
    if (strlen(src) > SCN_MAX_EXPR) {
        ex_fail(&p, 0, "the condition is longer than %d bytes", SCN_MAX_EXPR);
        return NULL;
    }
    ex_next(&p);
    if (p.tok.type == T_END) {
        ex_fail(&p, 0, "empty condition (leave out 'when' for the fallback branch)");
        return NULL;
    }
    scn_expr *e = ex_or(&p);
    if (e && p.tok.type != T_END)
        ex_unexpected(&p, "'and', 'or' or the end of the condition");
    if (e && !p.failed)
        ex_need_test(&p, e, 0);
    if (p.failed) {
        scn_expr_free(e);
        return NULL;
    }
    return e;
}

/* ---- evaluation ------------------------------------------------------------ */

static double ex_var(int v, const scn_env *env)
{
    const score_result *r = env->reply;
    switch (v) {
    case V_EMPATHY: return r ? r->scores[SCORE_EMPATHY] : 0;
    case V_ACTION: return r ? r->scores[SCORE_ACTION] : 0;
    case V_HONESTY: return r ? r->scores[SCORE_HONESTY] : 0;
    case V_BOUNDARIES: return r ? r->scores[SCORE_BOUNDARIES] : 0;
    case V_OVERALL: return r ? r->overall : 0;
    case V_TENSION: return env->tension;
    case V_TURN: return env->turn;
    default: return env->apologies;
    }
}

static double ex_num(const scn_expr *e, const scn_env *env)
{
    switch (e->op) {
    case EX_NUM: return e->num;
    case EX_VAR: return ex_var(e->arg, env);
    case EX_NEG: return -ex_num(e->a, env);
    default: return 0;
    }
}

static int ex_has_kind(const char *kind, const scn_env *env)
{
    const score_result *r = env->reply;
    for (size_t i = 0; r && i < r->n_findings; i++)
        if (r->findings[i].kind && strcmp(r->findings[i].kind, kind) == 0)
            return 1;
    return 0;
}

static int ex_compare(int cmp, double a, double b)
{
    /* Scores carry one decimal: treat what prints equal as equal. */
    int eq = fabs(a - b) < 1e-9;
    switch (cmp) {
    case CMP_LT: return a < b && !eq;
    case CMP_LE: return a < b || eq;
    case CMP_GT: return a > b && !eq;
    case CMP_GE: return a > b || eq;
    case CMP_EQ: return eq;
    default: return !eq;
    }
}

int scn_expr_eval(const scn_expr *e, const scn_env *env)
{
    if (!e)
        return 1; /* no condition: the fallback branch */
    switch (e->op) {
    case EX_HAS: return ex_has_kind(e->kind, env);
    case EX_NOT: return !scn_expr_eval(e->a, env);
    case EX_AND: return scn_expr_eval(e->a, env) && scn_expr_eval(e->b, env);
    case EX_OR: return scn_expr_eval(e->a, env) || scn_expr_eval(e->b, env);
    case EX_CMP: return ex_compare(e->arg, ex_num(e->a, env), ex_num(e->b, env));
    default: return ex_num(e, env) != 0;
    }
}
