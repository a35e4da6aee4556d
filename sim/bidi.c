/*
 * bidi.c - visual order, cell widths and wrapping of UTF-8 lines (bidi.h).
 *
 * bidi_visual() decodes a line with utf8proc (an invalid byte becomes
 * U+FFFD), and when it holds right-to-left letters runs the FriBidi steps
 * of fribidi_log2vis by hand: bidi types and brackets, paragraph levels
 * (direction from the first strong character), Arabic joining, shaping to
 * presentation forms and mirroring, then line reordering. Lam-alef
 * ligatures are left out on purpose: a ligature is one cell narrower than
 * its two letters, and callers pad by the width of the logical line.
 * Bidi marks and FriBidi's filler characters are dropped from the result,
 * since a terminal that needs --bidi has no use for them.
 */
#include "bidi.h"
#include "util.h"

#include <fribidi.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define BIDI_SHAPE_FLAGS                                                  \
    (FRIBIDI_FLAG_SHAPE_MIRRORING | FRIBIDI_FLAG_REORDER_NSM |            \
     FRIBIDI_FLAG_SHAPE_ARAB_PRES)

static int bidi_on;
static int bidi_plain;

void bidi_enable(int on) { bidi_on = on != 0; }
int bidi_enabled(void) { return bidi_on; }
void bidi_plain_enable(int on) { bidi_plain = on != 0; }
int bidi_plain_enabled(void) { return bidi_plain; }

static char *bidi_copy(const char *line, size_t len)
{
    char *s = util_xmalloc(len + 1);
    memcpy(s, line, len);
    s[len] = '\0';
    return s;
}

/* Decode one code point; an invalid byte is U+FFFD and consumes 1 byte. */
static size_t bidi_next(const char *s, size_t len, utf8proc_int32_t *c)
{
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                          (utf8proc_ssize_t)len, c);
    if (n <= 0) {
        *c = 0xFFFD;
        return 1;
    }
    return (size_t)n;
}

/* Decode into a new array; *n gets the count. */
static FriBidiChar *bidi_decode(const char *s, size_t len, FriBidiStrIndex *n)
{
    FriBidiChar *u = util_xmalloc((len + 1) * sizeof *u);
    FriBidiStrIndex k = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t c;
        i += bidi_next(s + i, len - i, &c);
        u[k++] = (FriBidiChar)c;
    }
    *n = k;
    return u;
}

static int bidi_is_rtl_char(FriBidiChar c)
{
    FriBidiCharType t = fribidi_get_bidi_type(c);
    return t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL ||
           t == FRIBIDI_TYPE_RLE || t == FRIBIDI_TYPE_RLO ||
           t == FRIBIDI_TYPE_RLI;
}

static int bidi_has_rtl(const FriBidiChar *u, FriBidiStrIndex n)
{
    for (FriBidiStrIndex i = 0; i < n; i++)
        if (bidi_is_rtl_char(u[i]))
            return 1;
    return 0;
}

int bidi_text_has_rtl(const char *s, size_t len)
{
    FriBidiStrIndex n;
    FriBidiChar *u = bidi_decode(s, len, &n);
    int rtl = bidi_has_rtl(u, n);
    free(u);
    return rtl;
}

/* Characters that only steer the algorithm, or fill a ligature's place. */
static int bidi_dropped(FriBidiChar c)
{
    return c == 0xFEFF || c == 0x200E || c == 0x200F || c == 0x061C ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* Encode the visual characters back to UTF-8, leaving out bidi_dropped. */
static char *bidi_encode(const FriBidiChar *u, FriBidiStrIndex n)
{
    char *out = util_xmalloc((size_t)n * 4 + 1);
    size_t k = 0;
    for (FriBidiStrIndex i = 0; i < n; i++) {
        if (bidi_dropped(u[i]))
            continue;
        k += (size_t)utf8proc_encode_char((utf8proc_int32_t)u[i],
                                          (utf8proc_uint8_t *)out + k);
    }
    out[k] = '\0';
    return out;
}

/* The FriBidi work arrays of one line. */
struct bidi_work {
    FriBidiCharType *types;
    FriBidiBracketType *brackets;
    FriBidiLevel *levels;
    FriBidiArabicProp *joins;
};

static void bidi_work_alloc(struct bidi_work *w, FriBidiStrIndex n)
{
    size_t m = (size_t)n + 1;
    w->types = util_xmalloc(m * sizeof *w->types);
    w->brackets = util_xmalloc(m * sizeof *w->brackets);
    w->levels = util_xmalloc(m * sizeof *w->levels);
    w->joins = util_xmalloc(m * sizeof *w->joins);
}

static void bidi_work_free(struct bidi_work *w)
{
    free(w->types);
    free(w->brackets);
    free(w->levels);
    free(w->joins);
}

/* Shape and reorder u in place; 0 on success. */
static int bidi_reorder(FriBidiChar *u, FriBidiStrIndex n)
{
    struct bidi_work w;
    FriBidiParType dir = FRIBIDI_PAR_ON;
    bidi_work_alloc(&w, n);
    fribidi_get_bidi_types(u, n, w.types);
    fribidi_get_bracket_types(u, n, w.types, w.brackets);
    FriBidiLevel max = fribidi_get_par_embedding_levels_ex(
        w.types, w.brackets, n, &dir, w.levels);
    if (max) {
        fribidi_get_joining_types(u, n, w.joins);
        fribidi_join_arabic(w.types, n, w.levels, w.joins);
        fribidi_shape(BIDI_SHAPE_FLAGS, w.levels, n, w.joins, u);
        max = fribidi_reorder_line(BIDI_SHAPE_FLAGS, w.types, n, 0, dir,
                                   w.levels, u, NULL);
    }
    bidi_work_free(&w);
    return max ? 0 : -1;
}

char *bidi_visual(const char *line, size_t len)
{
    if (!bidi_on || bidi_plain)
        return bidi_copy(line, len);
    FriBidiStrIndex n = 0;
    FriBidiChar *u = bidi_decode(line, len, &n);
    char *out;
    if (!bidi_has_rtl(u, n) || bidi_reorder(u, n) != 0)
        out = bidi_copy(line, len);
    else
        out = bidi_encode(u, n);
    free(u);
    return out;
}

static size_t bidi_char_width(utf8proc_int32_t c)
{
    int w = utf8proc_charwidth(c);
    return w > 0 ? (size_t)w : 0;
}

size_t bidi_width(const char *s, size_t len)
{
    size_t cells = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t c;
        i += bidi_next(s + i, len - i, &c);
        cells += bidi_char_width(c);
    }
    return cells;
}

/* The growing result of bidi_wrap. */
struct bidi_lines {
    char **v;
    size_t n, cap;
};

static void bidi_push(struct bidi_lines *l, const char *s, size_t len)
{
    if (l->n + 2 > l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->v = util_xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = bidi_copy(s, len);
    l->v[l->n] = NULL;
}

/* The line being filled: bytes and cells. */
struct bidi_cur {
    char *buf;
    size_t len, cap, cells;
};

static void bidi_cur_add(struct bidi_cur *c, const char *s, size_t len,
                         size_t cells)
{
    if (c->len + len + 1 > c->cap) {
        c->cap = (c->len + len + 1) * 2;
        c->buf = util_xrealloc(c->buf, c->cap);
    }
    memcpy(c->buf + c->len, s, len);
    c->len += len;
    c->cells += cells;
}

static void bidi_cur_flush(struct bidi_cur *c, struct bidi_lines *l)
{
    bidi_push(l, c->buf ? c->buf : "", c->len);
    c->len = c->cells = 0;
}

/* A word wider than a line: cut it into pieces of at most `cols` cells
 * (zero-width marks stay with their base); the last piece stays open. */
static void bidi_split_word(struct bidi_cur *c, struct bidi_lines *l,
                            const char *w, size_t len, size_t cols)
{
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t ch;
        size_t n = bidi_next(w + i, len - i, &ch);
        size_t cells = bidi_char_width(ch);
        if (cells && c->len && c->cells + cells > cols)
            bidi_cur_flush(c, l);
        bidi_cur_add(c, w + i, n, cells);
        i += n;
    }
}

static void bidi_add_word(struct bidi_cur *c, struct bidi_lines *l,
                          const char *w, size_t len, size_t cols)
{
    size_t cells = bidi_width(w, len);
    if (c->len && c->cells + 1 + cells <= cols) {
        bidi_cur_add(c, " ", 1, 1);
        bidi_cur_add(c, w, len, cells);
        return;
    }
    if (c->len)
        bidi_cur_flush(c, l);
    if (cells <= cols)
        bidi_cur_add(c, w, len, cells);
    else
        bidi_split_word(c, l, w, len, cols);
}

static int bidi_is_space(char ch)
{
    return ch == ' ' || ch == '\t';
}

/* Wrap one hard line (no newline) of `len` bytes. */
static void bidi_wrap_line(struct bidi_lines *l, const char *s, size_t len,
                           size_t cols)
{
    struct bidi_cur c = {NULL, 0, 0, 0};
    size_t i = 0;
    for (;;) {
        while (i < len && bidi_is_space(s[i]))
            i++;
        if (i == len)
            break;
        size_t start = i;
        while (i < len && !bidi_is_space(s[i]))
            i++;
        bidi_add_word(&c, l, s + start, i - start, cols);
    }
    bidi_cur_flush(&c, l);
    free(c.buf);
}

char **bidi_wrap(const char *text, size_t cols)
{
    struct bidi_lines l = {NULL, 0, 0};
    if (cols == 0)
        cols = (size_t)-1 / 2;
    const char *p = text;
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        bidi_wrap_line(&l, p, len, cols);
        if (!nl)
            break;
        p = nl + 1;
    }
    return l.v;
}

void bidi_wrap_free(char **lines)
{
    if (!lines)
        return;
    for (size_t i = 0; lines[i]; i++)
        free(lines[i]);
    free(lines);
}
