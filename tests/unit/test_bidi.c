/*
 * test_bidi.c - right-to-left display, cell widths and wrapping (bidi.h).
 *
 * Visual order is checked through NFKC: --bidi shapes Arabic letters into
 * presentation forms, and NFKC maps those back to the plain letters, so
 * the expected strings below can be written as ordinary Persian text in
 * the order a left-to-right terminal shows it.
 */
#include "testutil.h"

#include "bidi.h"

#include <stdlib.h>
#include <utf8proc.h>

/* bidi_visual of s (bidi on), folded with NFKC; the caller frees. */
static char *visual_nfkc(const char *s)
{
    bidi_enable(1);
    char *v = bidi_visual(s, strlen(s));
    bidi_enable(0);
    assert_non_null(v);
    char *n = (char *)utf8proc_NFKC((const utf8proc_uint8_t *)v);
    free(v);
    assert_non_null(n);
    return n;
}

static void assert_visual(const char *logical, const char *shown)
{
    char *n = visual_nfkc(logical);
    assert_string_equal(n, shown);
    free(n);
}

static void test_persian_line_reversed(void **state)
{
    (void)state;
    assert_visual("سلام دنیا", "ایند مالس");
}

static void test_shaped_bytes_differ(void **state)
{
    (void)state;
    const char *s = "سلام";
    bidi_enable(1);
    char *v = bidi_visual(s, strlen(s));
    bidi_enable(0);
    assert_string_not_equal(v, s);
    /* presentation forms (U+FExx) are 3 bytes each in UTF-8 */
    assert_int_equal(strlen(v), 12);
    assert_int_equal(bidi_width(v, strlen(v)), 4);
    free(v);
}

static void test_mixed_digits_latin(void **state)
{
    (void)state;
    assert_visual("قیمت 120 تومان برای TV", "TV یارب ناموت 120 تمیق");
    assert_visual("سفارش ۱۲۳۴ ثبت شد", "دش تبث ۱۲۳۴ شرافس");
}

static void test_ltr_paragraph_keeps_start(void **state)
{
    (void)state;
    assert_visual("score: سلام", "score: مالس");
}

static void test_mirroring(void **state)
{
    (void)state;
    assert_visual("(سلام)", "(مالس)");
}

static void test_off_unchanged(void **state)
{
    (void)state;
    const char *s = "سلام دنیا";
    bidi_enable(0);
    char *v = bidi_visual(s, strlen(s));
    assert_string_equal(v, s);
    free(v);
    bidi_enable(1);
    bidi_plain_enable(1); /* plain (screen readers) keeps logical order */
    v = bidi_visual(s, strlen(s));
    assert_string_equal(v, s);
    free(v);
    bidi_plain_enable(0);
    bidi_enable(0);
}

static void test_ltr_unchanged(void **state)
{
    (void)state;
    const char *s = "plain English (with brackets) 123";
    bidi_enable(1);
    char *v = bidi_visual(s, strlen(s));
    bidi_enable(0);
    assert_string_equal(v, s);
    free(v);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    const char s[] = "\xff\xfeسلام";
    bidi_enable(1);
    char *v = bidi_visual(s, sizeof s - 1);
    bidi_enable(0);
    assert_non_null(v);
    assert_int_equal(bidi_width(v, strlen(v)), 6);
    free(v);
}

static void test_widths(void **state)
{
    (void)state;
    assert_int_equal(bidi_width("سلام", strlen("سلام")), 4);
    assert_int_equal(bidi_width("می\u200cخواهم", strlen("می\u200cخواهم")), 7);
    assert_int_equal(bidi_width("漢字", strlen("漢字")), 4);
    assert_int_equal(bidi_width("e\u0301", strlen("e\u0301")), 1);
    assert_int_equal(bidi_width("سَلام", strlen("سَلام")), 4); /* fatha */
    assert_int_equal(bidi_width("abc", 3), 3);
    assert_int_equal(bidi_width("", 0), 0);
}

/* The lines of bidi_wrap(text, cols) must be exactly `want` (NULL-ended). */
static void assert_wrap(const char *text, size_t cols, const char *const *want)
{
    char **got = bidi_wrap(text, cols);
    size_t i = 0;
    for (; want[i]; i++) {
        assert_non_null(got[i]);
        assert_string_equal(got[i], want[i]);
    }
    assert_null(got[i]);
    bidi_wrap_free(got);
}

static void test_wrap_latin(void **state)
{
    (void)state;
    assert_wrap("aaa bbb ccc", 7, (const char *const[]){"aaa bbb", "ccc", NULL});
    assert_wrap("aaa   bbb", 20, (const char *const[]){"aaa bbb", NULL});
    assert_wrap("abcdefghij", 4, (const char *const[]){"abcd", "efgh", "ij", NULL});
    assert_wrap("a\n\nb", 10, (const char *const[]){"a", "", "b", NULL});
    assert_wrap("", 10, (const char *const[]){"", NULL});
    assert_wrap("aaa bbb", 0, (const char *const[]){"aaa bbb", NULL});
}

static void test_wrap_persian_cells(void **state)
{
    (void)state;
    /* 7 + 1 + 6 cells do not fit in 10, 6 + 1 + 3 do; the ZWNJ word stays
     * whole although it is 15 bytes */
    assert_wrap("می\u200cخواهم کمکتان کنم", 10,
                (const char *const[]){"می\u200cخواهم", "کمکتان کنم", NULL});
}

static void test_wrap_wide_and_marks(void **state)
{
    (void)state;
    assert_wrap("漢字 漢字", 4, (const char *const[]){"漢字", "漢字", NULL});
    assert_wrap("漢字漢", 3, (const char *const[]){"漢", "字", "漢", NULL});
    assert_wrap("e\u0301e\u0301e\u0301", 2,
                (const char *const[]){"e\u0301e\u0301", "e\u0301", NULL});
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_persian_line_reversed),
        cmocka_unit_test(test_shaped_bytes_differ),
        cmocka_unit_test(test_mixed_digits_latin),
        cmocka_unit_test(test_ltr_paragraph_keeps_start),
        cmocka_unit_test(test_mirroring),
        cmocka_unit_test(test_off_unchanged),
        cmocka_unit_test(test_ltr_unchanged),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_widths),
        cmocka_unit_test(test_wrap_latin),
        cmocka_unit_test(test_wrap_persian_cells),
        cmocka_unit_test(test_wrap_wide_and_marks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
