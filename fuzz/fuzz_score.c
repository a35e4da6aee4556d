/*
 * fuzz_score.c - libFuzzer target: grading a reply in a context
 * (score_reply with the built-in rubrics).
 *
 * The input's first line is a JSON context object, applied through the
 * one context validator (ctx_apply_json, as a `--jsonl` line's "context"
 * is); the rest, after the newline, is the reply. A first line that is not
 * a valid context leaves the defaults, so every input still grades a
 * reply. The rubrics are loaded once: they are immutable.
 */
#include "fuzz.h"
#include "context.h"
#include "score.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const score_rubric *fz_score_rubric(score_lang lang)
{
    static score_rubric *r[2];
    int i = lang == SCORE_LANG_FA;
    if (!r[i]) {
        score_error err;
        r[i] = score_rubric_load(i ? SCORE_LANG_FA : SCORE_LANG_EN, NULL, 0, &err);
        if (!r[i])
            abort();
    }
    return r[i];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *nl = memchr(text, '\n', size);
    size_t head = nl ? (size_t)(nl - text) : 0;
    const char *reply = nl ? nl + 1 : text;
    size_t len = size - (size_t)(reply - text);
    struct ctx_data cx;
    struct arena a;
    struct ctx_error e;
    ctx_init(&cx);
    arena_init(&a);
    json_t *j = head ? json_loadb(text, head, JSON_ALLOW_NUL, NULL) : NULL;
    if (j && json_is_object(j) && ctx_apply_json(&cx, j, &a, &e) != 0)
        ctx_init(&cx); /* a refused context: grade with the defaults */
    score_context sc;
    ctx_to_score(&cx, &sc);
    score_lang lang = sc.lang != SCORE_LANG_AUTO ? sc.lang
                      : score_detect_lang(reply, len);
    score_result res;
    score_result_init(&res);
    score_reply(fz_score_rubric(lang), &sc, reply, len, &res);
    score_result_free(&res);
    json_decref(j);
    arena_free(&a);
    return 0;
}
