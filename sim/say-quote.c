/*
 * say-quote.c - placeholders in a branch's `say:` line that quote the
 * trainee's own words (say-quote.h). The loader calls sayq_check on every
 * `say` text, the engine sayq_expand on the one it shows.
 */
#include "say-quote.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One parsed placeholder: text[open..close] is "{kinds|fallback}". */
struct sayq_ph {
    size_t open, close;
    size_t kinds, kinds_len; /* "a,b" */
    size_t fb, fb_len;       /* the fallback */
};

/* The text being built. */
struct sayq_buf {
    char *s;
    size_t len, cap;
};

static void sayq_put(struct sayq_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = util_xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static int sayq_kind_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* Parse the placeholder opening at text[at] ('{'). 0, or -1 with err. */
static int sayq_parse(const char *text, size_t at, struct sayq_ph *ph,
                      char *err, size_t n)
{
    size_t i = at + 1;
    ph->open = at;
    ph->kinds = i;
    while (sayq_kind_char(text[i]) || (text[i] == ',' && i > ph->kinds && text[i - 1] != ','))
        i++;
    ph->kinds_len = i - ph->kinds;
    if (ph->kinds_len == 0 || text[i - 1] == ',') {
        snprintf(err, n, "a placeholder starts with finding kinds: "
                 "{kind|fallback} or {kind,kind|fallback}");
        return -1;
    }
    if (text[i] != '|') {
        snprintf(err, n, "placeholder '{%.*s' needs '|' and a fallback for replies "
                 "without that finding: {%.*s|...}", (int)ph->kinds_len,
                 text + ph->kinds, (int)ph->kinds_len, text + ph->kinds);
        return -1;
    }
    ph->fb = ++i;
    while (text[i] && text[i] != '}' && text[i] != '{')
        i++;
    if (text[i] != '}') {
        snprintf(err, n, "placeholder '{%.*s|...' is not closed with '}'",
                 (int)ph->kinds_len, text + ph->kinds);
        return -1;
    }
    ph->fb_len = i - ph->fb;
    ph->close = i;
    return 0;
}

int sayq_has(const char *text)
{
    return text && strchr(text, '{') != NULL;
}

int sayq_check(const char *text, sayq_kind_fn ok, const void *ud, char *err,
               size_t n, size_t *at)
{
    for (size_t i = 0; text[i]; i++) {
        if (text[i] == '}') {
            snprintf(err, n, "a '}' that closes no placeholder");
            *at = i;
            return -1;
        }
        if (text[i] != '{')
            continue;
        struct sayq_ph ph;
        if (sayq_parse(text, i, &ph, err, n)) {
            *at = i;
            return -1;
        }
        for (size_t k = ph.kinds; ok && k < ph.kinds + ph.kinds_len;) {
            size_t e = k;
            while (e < ph.kinds + ph.kinds_len && text[e] != ',')
                e++;
            if (!ok(text + k, e - k, ud)) {
                snprintf(err, n, "unknown finding kind '%.*s' in a placeholder",
                         (int)(e - k), text + k);
                *at = k;
                return -1;
            }
            k = e + 1;
        }
        i = ph.close;
    }
    return 0;
}

/* Append `s` to the buffer cleaned for a line of dialogue: controls (C0,
 * DEL, C1) and line breaks as spaces, space runs as one, no space at
 * either end, and at most SAYQ_MAX_QUOTE characters, cut after a word
 * with "…" when longer. */
static void sayq_put_quote(struct sayq_buf *b, const char *s)
{
    size_t start = b->len, chars = 0, last_space = 0;
    int cut = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int c1 = p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F;
        if (*p < 0x20 || *p == 0x7F || *p == ' ' || c1) {
            if (b->len > start && b->s[b->len - 1] != ' ') {
                last_space = b->len;
                sayq_put(b, " ", 1);
                chars++;
            }
            p += c1 ? 2 : 1;
            continue;
        }
        if ((*p & 0xC0) != 0x80 && chars >= SAYQ_MAX_QUOTE) {
            cut = 1;
            break;
        }
        if ((*p & 0xC0) != 0x80)
            chars++;
        sayq_put(b, (const char *)p, 1);
        p++;
    }
    if (cut && last_space > start + (b->len - start) / 2)
        b->len = last_space; /* end after a whole word */
    while (b->len > start && b->s[b->len - 1] == ' ')
        b->len--;
    if (cut)
        sayq_put(b, "\xE2\x80\xA6", 3);
    else if (b->s)
        b->s[b->len] = '\0';
}

/* The words for a placeholder's kinds: the first kind the reply has. */
static const char *sayq_pick(const char *text, const struct sayq_ph *ph,
                             sayq_find_fn find, void *ud)
{
    for (size_t k = ph->kinds; k < ph->kinds + ph->kinds_len;) {
        size_t e = k;
        while (e < ph->kinds + ph->kinds_len && text[e] != ',')
            e++;
        const char *words = find(text + k, e - k, ud);
        if (words && words[strspn(words, " \t\r\n")])
            return words;
        k = e + 1;
    }
    return NULL;
}

char *sayq_expand(const char *text, sayq_find_fn find, void *ud)
{
    struct sayq_buf b = {NULL, 0, 0};
    size_t from = 0;
    for (size_t i = 0; text[i]; i++) {
        struct sayq_ph ph;
        char err[160];
        if (text[i] != '{' || sayq_parse(text, i, &ph, err, sizeof err))
            continue; /* the loader refused malformed ones: left as written */
        sayq_put(&b, text + from, i - from);
        const char *words = sayq_pick(text, &ph, find, ud);
        if (words)
            sayq_put_quote(&b, words);
        else
            sayq_put(&b, text + ph.fb, ph.fb_len);
        from = ph.close + 1;
        i = ph.close;
    }
    sayq_put(&b, text + from, strlen(text + from));
    return b.s;
}
