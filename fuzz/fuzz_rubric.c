/*
 * fuzz_rubric.c - libFuzzer target: a house rubric (score_rubric_load_texts).
 *
 * The first byte picks the language (even: English, odd: Persian); the rest
 * is a house rubric file merged over the built-in rubric, as `--rubric`
 * does. A rubric that loads is then used once, so that what the merge let
 * through is also compiled and matched.
 */
#include "fuzz.h"
#include "score.h"

static const char fz_rub_reply[] =
    "I'm sorry about the wait, Ross. I have refunded the charge today and "
    "you will see it within 3 days. \xd9\x85\xd8\xaa\xd8\xa3\xd8\xb3\xd9\x81\xd9\x85.";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    score_lang lang = data[0] & 1 ? SCORE_LANG_FA : SCORE_LANG_EN;
    const char *name = "house.yaml";
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    score_error err;
    score_rubric *r = score_rubric_load_texts(lang, &name, &text, &len, 1, &err);
    if (r) {
        score_result res;
        score_result_init(&res);
        score_reply(r, NULL, fz_rub_reply, sizeof fz_rub_reply - 1, &res);
        score_result_free(&res);
        score_rubric_free(r);
    }
    return 0;
}
