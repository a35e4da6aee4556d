/*
 * util.c - error reporting, allocation and input helpers for hamdel.
 *
 * See util.h. Everything here is deliberately tiny and dependency-free so
 * that each subcommand (cmd-*.c) and module can use it. Messages are
 * translated by the callers (_()); with --bidi a message is written in
 * visual order (bidi.h) so a Persian one reads right on any terminal.
 */
#include "util.h"
#include "bidi.h"
#include "i18n.h"
#include "term.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

/* Every message goes through term_put_lines: a message quotes file names,
 * option values and bits of files, any of which may hold an escape
 * sequence or a direction override meant to take over the terminal. With
 * --bidi the message is first put in visual order. */
void util_vwarn(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    fputs("hamdel: ", stderr);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (buf) {
        vsnprintf(buf, (size_t)n + 1, fmt, again);
        char *v = bidi_enabled() ? bidi_visual(buf, (size_t)n) : NULL;
        term_put_lines(stderr, v ? v : buf, v ? strlen(v) : (size_t)n);
        free(v);
    } else {
        fputs(fmt, stderr); /* out of memory: the untranslated gist */
    }
    free(buf);
    va_end(again);
    fputc('\n', stderr);
}

void util_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    util_vwarn(fmt, ap);
    va_end(ap);
}

void util_die(int code, const char *fmt, ...)
{
    va_list ap;
    /* Results already printed (batch mode) must reach the reader before we
     * go; a failing flush is irrelevant here, we are failing anyway. */
    fflush(stdout);
    va_start(ap, fmt);
    util_vwarn(fmt, ap);
    va_end(ap);
    exit(code);
}

void *util_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        util_die(UTIL_EX_SOFTWARE, _("out of memory (%zu bytes)"), n);
    return p;
}

void *util_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        util_die(UTIL_EX_SOFTWARE, _("out of memory (%zu bytes)"), n);
    return q;
}

char *util_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(util_xmalloc(n), s, n);
}

/* Grow geometrically so that reading stays linear in the input size, but
 * never beyond cap + 1 (the extra byte tells us the input was longer). */
static size_t util_next_size(size_t have, size_t cap)
{
    size_t want = have < 65536 ? 65536 : have * 2;
    return want > cap + 1 ? cap + 1 : want;
}

char *util_read_fd(int fd, size_t cap, size_t *len, int *more)
{
    size_t n = 0, size = util_next_size(0, cap);
    char *buf = util_xmalloc(size + 1);
    *more = 0;
    for (;;) {
        if (n == size) {
            if (size == cap + 1)
                break;
            size = util_next_size(size, cap);
            buf = util_xrealloc(buf, size + 1);
        }
        ssize_t got = read(fd, buf + n, size - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int e = errno;
            free(buf);
            errno = e;
            return NULL;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    if (n > cap) {
        /* Keep cap + 1 bytes: the scorer sees len > its limit and marks
         * the reply truncated itself. */
        *more = 1;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

void util_check_stdout(void)
{
    /* ferror catches an earlier failed write whose errno is long gone;
     * fflush catches the buffered tail (e.g. /dev/full -> ENOSPC). */
    int failed = fflush(stdout) != 0;
    int e = errno;
    if (ferror(stdout) || failed) {
        if (!failed)
            e = EIO;
        util_die(UTIL_EX_IOERR, _("write error: %s"), strerror(e));
    }
}

int util_parse_double(const char *s, double *out)
{
    char *end;
    /* Decimal only: strtod also takes leading blanks, hexadecimal ("0x7",
     * "0x1p3") and "inf"/"nan", none of which is a grade or a tension
     * anyone means to write. */
    if (!*s || s[strspn(s, "0123456789+-.eE")] != '\0')
        return -1;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || errno == ERANGE || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

int util_name_ok(const char *s, size_t n, size_t max_chars)
{
    size_t chars = 0;
    if (n == 0 || n > 4 * max_chars || !util_utf8_valid(s, n))
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        chars += (ch & 0xC0) != 0x80;
        if (ch < 0x20 || ch == 0x7f)
            return 0;
        if (ch == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] < 0xA0)
            return 0; /* C1 controls */
        if (ch == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            (((unsigned char)s[i + 2] >= 0xAA && (unsigned char)s[i + 2] <= 0xAE)))
            return 0; /* bidi embeddings and overrides (U+202A..U+202E) */
        if (ch == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x81 &&
            (unsigned char)s[i + 2] >= 0xA6 && (unsigned char)s[i + 2] <= 0xA9)
            return 0; /* bidi isolates (U+2066..U+2069) */
    }
    return chars <= max_chars;
}

/* Levenshtein distance between two short words (for "did you mean");
 * words of 64 bytes or more are never close to anything. */
size_t util_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), row[64];
    if (la >= 64 || lb >= 64)
        return 99;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

int util_open_input(const char *path)
{
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        errno = EISDIR;
        return -1;
    }
    return fd;
}

FILE *util_fopen_input(const char *path)
{
    int fd = util_open_input(path);
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    if (fd >= 0 && !f) {
        int e = errno;
        close(fd);
        errno = e;
    }
    return f;
}

/* Open and read a file whole, up to `cap` bytes (see util_read_fd). NULL
 * with errno set when it cannot be opened (*opened = 0) or read (1). */
char *util_read_file(const char *path, size_t cap, size_t *len, int *more, int *opened)
{
    *opened = 0;
    int fd = util_open_input(path);
    if (fd < 0)
        return NULL;
    *opened = 1;
    char *text = util_read_fd(fd, cap, len, more);
    int e = errno;
    close(fd);
    errno = e;
    return text;
}

char *util_read_line(FILE *in, size_t max, size_t *len, char **buf,
                     size_t *cap, int *cut)
{
    size_t n = 0;
    int c, any = 0;
    *cut = 0;
    while ((c = getc(in)) != EOF) {
        any = 1;
        if (c == '\n')
            break;
        if (n >= max) {
            *cut = c != '\r' || *cut;
            continue;
        }
        if (n + 1 >= *cap) {
            *cap = *cap ? *cap * 2 : 256;
            *buf = util_xrealloc(*buf, *cap);
        }
        (*buf)[n++] = (char)c;
    }
    if (!any)
        return NULL;
    if (n > 0 && (*buf)[n - 1] == '\r')
        n--;
    if (!*buf)
        *buf = util_xmalloc(*cap = 256);
    (*buf)[n] = '\0';
    *len = n;
    return *buf;
}

int util_getline_max(FILE *in, size_t max, char **buf, size_t *cap,
                     size_t *len, size_t *read, int *over)
{
    size_t n = 0, all = 0;
    int c;
    *over = 0;
    flockfile(in); /* one lock for the line, not one per byte */
    while ((c = getc_unlocked(in)) != EOF) {
        all++;
        if (c == '\n')
            break;
        if (n >= max) {
            *over = 1;
            continue;
        }
        if (n + 1 >= *cap) {
            *cap = *cap ? *cap * 2 : 256;
            *buf = util_xrealloc(*buf, *cap);
        }
        (*buf)[n++] = (char)c;
    }
    funlockfile(in);
    if (all == 0)
        return -1;
    if (!*buf)
        *buf = util_xmalloc(*cap = 256);
    (*buf)[n] = '\0';
    *len = n;
    *read = all;
    return 0;
}

int util_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\v' && s[i] != '\f')
            return 0;
    return 1;
}

int util_utf8_valid(const char *s, size_t n)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (n > 0) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p, (utf8proc_ssize_t)n, &c);
        if (k <= 0 || c == 0)
            return 0;
        p += k;
        n -= (size_t)k;
    }
    return 1;
}
