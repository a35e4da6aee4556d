/*
 * norm.c - how one character of a reply is seen by the matcher.
 *
 * Every character is case-folded, compatibility-decomposed (NFKC's mapping),
 * stripped of marks (accents, Arabic harakat) and of default-ignorables
 * (ZWNJ, bidi controls) by utf8proc; then the Persian rules apply: Arabic
 * ي/ى/ك/ة become Persian ی/ی/ک/ه, tatweel disappears, Persian and
 * Arabic-Indic digits become ASCII digits, curly apostrophes become '.
 * The result for the first SC_NORM_TAB codepoints (ASCII, Latin, Arabic) is
 * computed once per rubric, so the hot loop does a table lookup; rarer
 * characters go through utf8proc directly.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "internal.h"

static uint32_t persian_map(uint32_t cp)
{
    switch (cp) {
    case 0x064A: case 0x0649: case 0x06CC: return 0x06CC; /* ي ى → ی */
    case 0x0643: return 0x06A9;                           /* ك → ک */
    case 0x0629: case 0x06C0: return 0x0647;              /* ة ۀ → ه */
    case 0x2019: case 0x2018: case 0x02BC: case 0x2032: case 0x0060:
    case 0x00B4: return '\'';
    default: break;
    }
    if (cp >= 0x06F0 && cp <= 0x06F9) return '0' + (cp - 0x06F0);
    if (cp >= 0x0660 && cp <= 0x0669) return '0' + (cp - 0x0660);
    return cp;
}

static int is_sentence_end(uint32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x061F /* ؟ */ ||
           cp == 0x2026 /* … */ || cp == '\n' || cp == 0x06D4 /* ۔ */ ||
           cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;
}

static int is_clause_end(uint32_t cp)
{
    return cp == ',' || cp == ';' || cp == ':' || cp == 0x060C /* ، */ ||
           cp == 0x061B /* ؛ */ || cp == 0x2014 || cp == 0x2013 ||
           cp == '(' || cp == ')';
}

static uint8_t classify(uint32_t cp)
{
    if (cp == 0x200C || cp == 0x200D || cp == 0x0640 || cp == 0x00AD)
        return SC_C_JOINER;
    if (persian_map(cp) == '\'') return SC_C_APOS;
    if (is_sentence_end(cp)) return SC_C_SENT;
    if (is_clause_end(cp)) return SC_C_CLAUSE;
    if (cp == '%' || cp == 0x066A || cp == '#') return SC_C_SYMBOL;
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    switch (c) {
    case UTF8PROC_CATEGORY_ND:
        return SC_C_DIGIT;
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return SC_C_WORD;
    case UTF8PROC_CATEGORY_CF:
        return SC_C_JOINER;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: case UTF8PROC_CATEGORY_CC:
        return cp == 0x2028 || cp == 0x2029 ? SC_C_SENT : SC_C_SPACE;
    default:
        return SC_C_OTHER;
    }
}

static size_t encode(uint32_t cp, char *out)
{
    return (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)out);
}

/* The normalised form of one word character: utf8proc's decomposition with
 * case folding, marks and ignorables stripped, then the Persian map. */
static void normalise(uint32_t cp, sc_normchar *o)
{
    utf8proc_int32_t buf[8];
    int bound = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(
        (utf8proc_int32_t)cp, buf, 8,
        UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
            UTF8PROC_IGNORE | UTF8PROC_DECOMPOSE,
        &bound);
    o->len = 0;
    if (n < 0 || n > 8) { /* cannot happen for valid codepoints; keep it */
        n = 1;
        buf[0] = (utf8proc_int32_t)cp;
    }
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        uint32_t m = persian_map((uint32_t)buf[i]);
        if (m == 0x0640) continue; /* tatweel */
        if ((size_t)o->len + 4 > sizeof o->out) break;
        o->len = (uint8_t)(o->len + encode(m, o->out + o->len));
    }
}

void sc_norm_char(const sc_norm *n, uint32_t cp, sc_normchar *out)
{
    if (cp < SC_NORM_TAB && n->tab) {
        *out = n->tab[cp];
        return;
    }
    if (cp >= SC_PUNCT_LO && cp < SC_PUNCT_HI && n->punct) {
        *out = n->punct[cp - SC_PUNCT_LO];
        return;
    }
    out->cls = classify(cp);
    if (out->cls == SC_C_WORD || out->cls == SC_C_DIGIT || out->cls == SC_C_SYMBOL)
        normalise(cp, out);
    else
        out->len = 0;
    if (out->cls == SC_C_WORD && out->len == 0)
        out->cls = SC_C_JOINER; /* a lone mark: part of the word, no text */
}

int sc_norm_init(sc_norm *n)
{
    n->tab = calloc(SC_NORM_TAB, sizeof *n->tab);
    n->punct = calloc(SC_PUNCT_HI - SC_PUNCT_LO, sizeof *n->punct);
    if (!n->tab || !n->punct) return SCORE_ENOMEM;
    sc_norm tmp = {NULL, NULL, {0}, {0}};
    for (uint32_t cp = 0; cp < SC_NORM_TAB; cp++)
        sc_norm_char(&tmp, cp, &n->tab[cp]);
    for (uint32_t cp = SC_PUNCT_LO; cp < SC_PUNCT_HI; cp++)
        sc_norm_char(&tmp, cp, &n->punct[cp - SC_PUNCT_LO]);
    for (uint32_t cp = 0; cp < 128; cp++) {
        n->acls[cp] = n->tab[cp].cls;
        n->alow[cp] = n->tab[cp].len == 1 ? n->tab[cp].out[0] : 0;
    }
    return SCORE_OK;
}

void sc_norm_free(sc_norm *n)
{
    free(n->tab);
    free(n->punct);
    n->tab = n->punct = NULL;
}

size_t sc_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    /* two-byte letters (Persian, Latin accents) decoded inline: the hot case */
    if (len >= 2 && s[0] >= 0xC2 && s[0] < 0xE0 && (s[1] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    utf8proc_int32_t c;
    utf8proc_ssize_t n = utf8proc_iterate(s, (utf8proc_ssize_t)(len > 4 ? 4 : len), &c);
    if (n <= 0) {
        *cp = 0xFFFD;
        return 0;
    }
    *cp = (uint32_t)c;
    return (size_t)n;
}
