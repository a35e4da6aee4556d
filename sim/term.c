/*
 * term.c - sanitising, width-aware output for the text report (term.h).
 *
 * Text is decoded with utf8proc_iterate; each code point is either printed
 * as is (and counted with utf8proc_charwidth) or replaced by a visible
 * escape. Decoding errors consume one byte, so any byte string terminates.
 */
#include "term.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

int term_color_ok(FILE *f)
{
    const char *nc = getenv("NO_COLOR");
    return isatty(fileno(f)) && !(nc && *nc);
}

/* Code points that must never reach the terminal raw: C0, DEL, C1 and the
 * bidi embedding/override/isolate controls that can reorder a line. */
static int term_is_control(utf8proc_int32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* The escape for a control code point or invalid byte; returns its length. */
static int term_escape(char *out, size_t size, utf8proc_int32_t c, int bad)
{
    if (bad)
        return snprintf(out, size, "\\x%02x", (unsigned)c & 0xFFu);
    switch (c) {
    case '\n': return snprintf(out, size, "\\n");
    case '\t': return snprintf(out, size, "\\t");
    case '\r': return snprintf(out, size, "\\r");
    default: break;
    }
    if (c < 0x80)
        return snprintf(out, size, "\\x%02x", (unsigned)c);
    return snprintf(out, size, "\\u%04x", (unsigned)c);
}

/* Decode one unit: a code point, or one invalid byte (*bad = 1). */
static size_t term_next(const char *s, size_t len, utf8proc_int32_t *c,
                        int *bad)
{
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                          (utf8proc_ssize_t)len, c);
    *bad = n <= 0;
    if (*bad) {
        *c = (unsigned char)s[0];
        return 1;
    }
    return (size_t)n;
}

/* Cells of one unit as printed (escapes are ASCII, one cell per char). */
static size_t term_unit_width(utf8proc_int32_t c, int bad)
{
    char tmp[16];
    if (bad || term_is_control(c))
        return (size_t)term_escape(tmp, sizeof tmp, c, bad);
    int w = utf8proc_charwidth(c);
    return w > 0 ? (size_t)w : 0;
}

size_t term_width(const char *s, size_t len)
{
    size_t cells = 0, i = 0;
    while (i < len) {
        utf8proc_int32_t c;
        int bad;
        i += term_next(s + i, len - i, &c, &bad);
        cells += term_unit_width(c, bad);
    }
    return cells;
}

size_t term_put_clean(FILE *f, const char *s, size_t len, size_t max_cells,
                      int ascii)
{
    size_t total = term_width(s, len);
    size_t ell = ascii ? 3 : 1;
    size_t limit = max_cells && total > max_cells
                       ? (max_cells > ell ? max_cells - ell : 0)
                       : (size_t)-1;
    size_t cells = 0, i = 0;
    while (i < len) {
        utf8proc_int32_t c;
        int bad;
        size_t n = term_next(s + i, len - i, &c, &bad);
        size_t w = term_unit_width(c, bad);
        if (cells + w > limit)
            break;
        if (bad || term_is_control(c)) {
            char tmp[16];
            term_escape(tmp, sizeof tmp, c, bad);
            fputs(tmp, f);
        } else {
            fwrite(s + i, 1, n, f);
        }
        cells += w;
        i += n;
    }
    if (i < len) {
        fputs(ascii ? "..." : "\xE2\x80\xA6", f);
        cells += ell;
    }
    return cells;
}

void term_put_lines(FILE *f, const char *s, size_t len)
{
    while (len) {
        const char *nl = memchr(s, '\n', len);
        size_t n = nl ? (size_t)(nl - s) : len;
        term_put_clean(f, s, n, 0, 1);
        if (!nl)
            break;
        fputc('\n', f);
        s += n + 1, len -= n + 1;
    }
}

void term_put_padded(FILE *f, const char *s, size_t cells, int ascii)
{
    size_t w = term_put_clean(f, s, strlen(s), 0, ascii);
    for (; w < cells; w++)
        fputc(' ', f);
}

void term_put_bar(FILE *f, double value, double max, size_t cells, int ascii)
{
    /* U+258F..U+2588: 1/8 .. 8/8 block, as UTF-8. */
    static const char *const eighths[] = {
        "", "\xE2\x96\x8F", "\xE2\x96\x8E", "\xE2\x96\x8D", "\xE2\x96\x8C",
        "\xE2\x96\x8B", "\xE2\x96\x8A", "\xE2\x96\x89", "\xE2\x96\x88"};
    if (!(value > 0))
        value = 0;
    if (value > max)
        value = max;
    size_t units = (size_t)(value / max * (double)cells * 8.0 + 0.5);
    size_t full = units / 8, part = ascii ? 0 : units % 8, used = full;
    if (ascii && units % 8 >= 4 && full < cells)
        full++, used++;
    for (size_t i = 0; i < full; i++)
        fputs(ascii ? "#" : eighths[8], f);
    if (part) {
        fputs(eighths[part], f);
        used++;
    }
    for (; used < cells; used++)
        fputc(' ', f);
}
