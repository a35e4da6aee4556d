/*
 * test_text.c - unit tests of normalisation and tokenisation (tokens.c,
 * norm.c): the ways real people type the same word must come out as one
 * word, and sentences, numbers and bad bytes must be cut as documented.
 */
#define TESTUTIL_MINI
#include "testutil.h"

static score_rubric *en, *fa;

static int setup(void **state)
{
    (void)state;
    en = tu_mini(SCORE_LANG_EN);
    fa = tu_mini(SCORE_LANG_FA);
    return en && fa ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    score_rubric_free(en);
    score_rubric_free(fa);
    return 0;
}

/* The normalised words of a text, joined by '|'. */
static const char *words(const score_rubric *r, const char *s)
{
    static char out[1024];
    sc_text t = {0};
    assert_int_equal(sc_tokenize(r, s, strlen(s), &t), SCORE_OK);
    size_t o = 0;
    for (size_t i = 0; i < t.ntoks && o + t.toks[i].nlen + 2 < sizeof out; i++) {
        if (i) out[o++] = '|';
        memcpy(out + o, t.pool + t.toks[i].noff, t.toks[i].nlen);
        o += t.toks[i].nlen;
    }
    out[o] = '\0';
    sc_text_free(&t);
    return out;
}

static void zwnj_space_and_joined_are_one_word(void **state)
{
    (void)state;
    char joined[64];
    snprintf(joined, sizeof joined, "%s", words(fa, "میکنم"));
    assert_string_equal(words(fa, "می\u200cکنم"), joined);
    assert_string_equal(words(fa, "می کنم"), joined);
    assert_string_equal(words(fa, "نمی کنم"), words(fa, "نمی\u200cکنم"));
}

static void persian_suffixes_join(void **state)
{
    (void)state;
    char joined[64];
    snprintf(joined, sizeof joined, "%s", words(fa, "کتابها"));
    assert_string_equal(words(fa, "کتاب ها"), joined);
    assert_string_equal(words(fa, "کتاب\u200cها"), joined);
}

static void arabic_letters_tatweel_marks(void **state)
{
    (void)state;
    assert_string_equal(words(fa, "مشكل"), "مشکل");             /* Arabic kaf */
    assert_string_equal(words(fa, "علي"), "علی");               /* Arabic yeh */
    assert_string_equal(words(fa, "مــــتاسفم"), "متاسفم");      /* tatweel */
    assert_string_equal(words(fa, "متأسفم"), "متاسفم");         /* hamza mark */
    assert_string_equal(words(fa, "مُتَاسِّفَم"), "متاسفم");      /* harakat */
}

static void digits_of_every_script_are_numbers(void **state)
{
    (void)state;
    sc_text t = {0};
    const char *s = "3 ۳ ٣ 12:30";
    assert_int_equal(sc_tokenize(fa, s, strlen(s), &t), SCORE_OK);
    assert_true(t.ntoks >= 4);
    for (size_t i = 0; i < t.ntoks; i++) assert_int_equal(t.toks[i].id, fa->number_id);
    sc_text_free(&t);
}

static void case_apostrophes_and_contractions(void **state)
{
    (void)state;
    assert_string_equal(words(en, "I'LL CALL"), "i|will|call");
    assert_string_equal(words(en, "I\u2019ll call"), "i|will|call");
    assert_string_equal(words(en, "I can't"), "i|can|not");
    assert_string_equal(words(en, "it's done"), "it|is|done");
    assert_string_equal(words(en, "Ross's TV"), "ross|tv");
    assert_string_equal(words(en, "Café"), "cafe");
}

static void sentences_and_clauses(void **state)
{
    (void)state;
    sc_text t = {0};
    const char *s = "Hi Ross. It costs 3.5 dollars! Really?\nyes… ok؟ بله";
    assert_int_equal(sc_tokenize(en, s, strlen(s), &t), SCORE_OK);
    assert_int_equal(t.nsents, 6);
    assert_int_equal(t.questions, 2);
    sc_text_free(&t);
}

static void invalid_utf8_is_counted_not_fatal(void **state)
{
    (void)state;
    sc_text t = {0};
    const char s[] = "ok \xff\xfe bad \xc3 end";
    assert_int_equal(sc_tokenize(en, s, sizeof s - 1, &t), SCORE_OK);
    assert_int_equal(t.invalid_bytes, 3);
    assert_int_equal(t.ntoks, 3);
    sc_text_free(&t);
}

static void nul_bytes_separate_words(void **state)
{
    (void)state;
    sc_text t = {0};
    const char s[] = "send\0\0\0it";
    assert_int_equal(sc_tokenize(en, s, sizeof s - 1, &t), SCORE_OK);
    assert_int_equal(t.ntoks, 2);
    sc_text_free(&t);
}

static void persian_negative_prefix(void **state)
{
    (void)state;
    sc_text a = {0}, b = {0};
    const char *neg = "نمی‌فرستم", *pos = "می فرستم";
    assert_int_equal(sc_tokenize(fa, neg, strlen(neg), &a), SCORE_OK);
    assert_int_equal(sc_tokenize(fa, pos, strlen(pos), &b), SCORE_OK);
    assert_int_equal(a.ntoks, 1);
    assert_int_equal(b.ntoks, 1);
    assert_int_equal(a.toks[0].id, b.toks[0].id);
    assert_true(a.toks[0].flags & SC_T_NEG);
    assert_false(b.toks[0].flags & SC_T_NEG);
    sc_text_free(&a);
    sc_text_free(&b);
}

static void detect_language_by_script(void **state)
{
    (void)state;
    const char *f = "سلام، تلویزیون رو براتون می‌فرستم OK";
    const char *e = "Hello, I will send it. سلام";
    assert_int_equal(score_detect_lang(f, strlen(f)), SCORE_LANG_FA);
    assert_int_equal(score_detect_lang(e, strlen(e)), SCORE_LANG_EN);
    assert_int_equal(score_detect_lang("123", 3), SCORE_LANG_EN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(zwnj_space_and_joined_are_one_word),
        cmocka_unit_test(persian_suffixes_join),
        cmocka_unit_test(arabic_letters_tatweel_marks),
        cmocka_unit_test(digits_of_every_script_are_numbers),
        cmocka_unit_test(case_apostrophes_and_contractions),
        cmocka_unit_test(sentences_and_clauses),
        cmocka_unit_test(invalid_utf8_is_counted_not_fatal),
        cmocka_unit_test(nul_bytes_separate_words),
        cmocka_unit_test(persian_negative_prefix),
        cmocka_unit_test(detect_language_by_script),
    };
    return cmocka_run_group_tests_name("text", tests, setup, teardown);
}
