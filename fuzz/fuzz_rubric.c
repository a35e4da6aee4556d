/*
 * fuzz_rubric.c - libFuzzer target: a house rubric merged over a base
 * (the loader behind `--rubric`: parse, merge, compile, then match).
 *
 * The first byte picks the language (bit 0: even English, odd Persian)
 * and what the rest is (bits 1-7):
 *   bits 1-2 not both set  a whole rubric on its own: the fastest way
 *         through parsing, merging and compiling, every part of it under
 *         the fuzzer's control (three inputs in four);
 *   bits 1-2 both set  a house rubric over the small fixed rubric of the
 *         unit tests (tests/data/mini-LANG.yaml, read once);
 *   0xFF  a house rubric over the 120 KB built-in Persian one, as
 *         `--rubric` does (its size reaches growth paths in the vocabulary
 *         and the matcher that the small bases do not). Compiling it takes
 *         20-40 ms under ASan, fifty times the rest, and the inputs that
 *         use it collect many features, so libFuzzer keeps and reruns them:
 *         at one byte value in 128 they took two thirds of the time. One in 256
 *         keeps the paths at a tolerable cost; the English built-in rubric
 *         under `--rubric` is left to the unit and CLI tests.
 * A rubric that loads is used once, so what got through is also matched.
 */
#include "fuzz.h"
#include "internal.h"
#include "score.h"
#include "util.h"

#include <stdlib.h>

#ifndef TEST_DATA_DIR
#define TEST_DATA_DIR "tests"
#endif

static const char fz_rub_reply[] =
    "I'm sorry about the wait, Ross. I have refunded the charge today and "
    "you will see it within 3 days. \xd9\x85\xd8\xaa\xd8\xa3\xd8\xb3\xd9\x81\xd9\x85.";

/* The small base rubric of each language, or NULL when it can't be read
 * (then the built-in one is the base). */
static const char *fz_rub_base(score_lang lang, size_t *len)
{
    static char *text[2];
    static size_t n[2];
    static int tried[2];
    int i = lang == SCORE_LANG_FA;
    if (!tried[i]) {
        int more, opened;
        tried[i] = 1;
        text[i] = util_read_file(i ? TEST_DATA_DIR "/data/mini-fa.yaml"
                                   : TEST_DATA_DIR "/data/mini-en.yaml",
                                 1 << 20, &n[i], &more, &opened);
    }
    *len = n[i];
    return text[i];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    score_lang lang = data[0] & 1 ? SCORE_LANG_FA : SCORE_LANG_EN;
    const char *name = "house.yaml";
    const char *text = (const char *)data + 1;
    size_t len = size - 1, base_len;
    const char *base = fz_rub_base(lang, &base_len);
    score_error err;
    score_rubric *r;
    int over_mini = ((data[0] >> 1) & 3) == 3;
    int over_builtin = data[0] == 0xFF;
    if (over_builtin || (over_mini && !base)) {
        r = score_rubric_load_texts(lang, &name, &text, &len, 1, &err);
    } else if (over_mini) {
        const char *names[2] = {"mini.yaml", name};
        const char *texts[2] = {base, text};
        size_t lens[2] = {base_len, len};
        r = sc_rubric_from_texts(lang, names, texts, lens, 2, &err);
    } else {
        r = sc_rubric_from_texts(lang, &name, &text, &len, 1, &err);
    }
    if (r) {
        score_result res;
        score_result_init(&res);
        score_reply(r, NULL, fz_rub_reply, sizeof fz_rub_reply - 1, &res);
        score_result_free(&res);
        score_rubric_free(r);
    }
    return 0;
}
