/*
 * fuzz_expr.c - libFuzzer target: a branch condition (scn_expr_parse and
 * scn_expr_eval).
 *
 * The input is a condition as a scenario's `when:` holds it (cut at the
 * first NUL, as a YAML string would be). A condition that parses is
 * evaluated against a real graded reply, with the conversation's counters
 * taken from the input's length so that they vary too.
 */
#include "fuzz.h"
#include "scn.h"

#include <stdlib.h>
#include <string.h>

struct fz_expr_state {
    score_rubric *rubric;
    score_result res;
};

/* One rubric and one graded reply for the life of the process. */
static struct fz_expr_state *fz_expr_state(void)
{
    static struct fz_expr_state st;
    static const char reply[] = "I'm sorry, Ross. I have refunded the charge "
                                "today; you will see it within 3 days.";
    if (!st.rubric) {
        score_error err;
        st.rubric = score_rubric_load(SCORE_LANG_EN, NULL, 0, &err);
        if (!st.rubric)
            abort();
        score_result_init(&st.res);
        score_reply(st.rubric, NULL, reply, sizeof reply - 1, &st.res);
    }
    return &st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fz_expr_state *st = fz_expr_state();
    char *src = malloc(size + 1);
    if (!src)
        return 0;
    memcpy(src, data, size);
    src[size] = '\0';
    scn_opts o = {scn_rubric_kind_ok, st->rubric};
    char err[256];
    int col = 0;
    scn_expr *e = scn_expr_parse(src, &o, err, sizeof err, &col);
    if (e) {
        scn_env env = {&st->res, (double)(size % 11), (int)(size % 7),
                       (int)(size % 3)};
        scn_expr_eval(e, &env);
        scn_expr_free(e);
    }
    free(src);
    return 0;
}
