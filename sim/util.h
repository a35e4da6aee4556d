/*
 * util.h - small helpers shared by every part of the hamdel program (sim/).
 *
 * Error reporting follows sysexits(3): util_die() prints "hamdel: ..." on
 * stderr and exits with one of the UTIL_EX_* codes, so every command fails
 * the same way. The allocation wrappers exit on out-of-memory instead of
 * making every caller check. util_read_fd() reads a whole input with a size
 * cap so that a huge or endless stdin can never exhaust memory.
 */
#ifndef HAMDEL_UTIL_H
#define HAMDEL_UTIL_H

#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>

/* Exit codes from sysexits(3); spelled out so we need no BSD header. */
enum {
    UTIL_EX_OK = 0,
    UTIL_EX_USAGE = 64,    /* bad command line */
    UTIL_EX_DATAERR = 65,  /* bad input data (reply, context, rubric) */
    UTIL_EX_NOINPUT = 66,  /* an input file is missing or unreadable */
    UTIL_EX_SOFTWARE = 70, /* internal error */
    UTIL_EX_IOERR = 74     /* a read or write failed */
};

#if defined(__GNUC__)
#define UTIL_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define UTIL_NORETURN __attribute__((noreturn))
#else
#define UTIL_PRINTF(a, b)
#define UTIL_NORETURN
#endif

/* Print "hamdel: MESSAGE" on stderr (a newline is added), control and
 * direction-changing characters shown as escapes (term_put_lines). */
void util_vwarn(const char *fmt, va_list ap) UTIL_PRINTF(1, 0);
void util_warn(const char *fmt, ...) UTIL_PRINTF(1, 2);
/* util_warn, then flush stdout (so earlier output is not lost) and exit. */
UTIL_NORETURN void util_die(int code, const char *fmt, ...) UTIL_PRINTF(2, 3);

void *util_xmalloc(size_t n);
void *util_xrealloc(void *p, size_t n);
char *util_xstrdup(const char *s);

/*
 * Read everything from fd, but at most `cap` bytes. The buffer is
 * NUL-terminated (the text itself may contain NULs: use *len). *more is set
 * to 1 when the input had more than `cap` bytes (the rest is left unread).
 * Returns NULL with errno set on a read error.
 */
char *util_read_fd(int fd, size_t cap, size_t *len, int *more);
/* open(path, O_RDONLY) for an input file; -1 with errno, and EISDIR for
 * a directory (which open() accepts and only read() refuses: the error
 * would otherwise be a read error, 74, instead of "no input", 66). */
int util_open_input(const char *path);
/* Its stdio form ("rb"); NULL with errno. */
FILE *util_fopen_input(const char *path);
/* The same for a file by name: NULL with errno when it cannot be opened
 * (*opened = 0) or read (*opened = 1). */
char *util_read_file(const char *path, size_t cap, size_t *len, int *more, int *opened);

/* Flush and check stdout; on any write error die with UTIL_EX_IOERR. */
void util_check_stdout(void);

/* Parse a whole string as a finite decimal number (no blanks, no hex, no
 * inf or nan); 0 on success, -1 otherwise. */
int util_parse_double(const char *s, double *out);

/* One line of `in` without its newline (and CR), at most `max` bytes (the
 * rest of a longer line is read and dropped: *cut is then 1), in *buf
 * (grown as needed, *cap its size). NULL at end of input or on a read
 * error (ferror). */
char *util_read_line(FILE *in, size_t max, size_t *len, char **buf,
                     size_t *cap, int *cut);
/* One line of `in` without its newline, like getline(3) but keeping at
 * most `max` bytes: the rest of a longer line is read and dropped, and
 * *over set, so a line that never ends cannot take all memory. *len is the
 * bytes kept, *read all the bytes read (newline included). 0, or -1 at end
 * of input or on a read error (ferror). */
int util_getline_max(FILE *in, size_t max, char **buf, size_t *cap,
                     size_t *len, size_t *read, int *over);
/* Nothing but blanks (spaces and tabs) in s[0..n)? */
int util_blank(const char *s, size_t n);

/* Is s[0..n) valid UTF-8 without NULs? */
int util_utf8_valid(const char *s, size_t n);

/* A person's name as hamdel shows and records it (a trainee, a workshop
 * player): 1 to max_chars characters of valid UTF-8 without control
 * characters (C0, DEL, C1) or bidi embeddings, overrides and isolates
 * (U+202A..U+202E, U+2066..U+2069). A name is printed in tables, reports
 * and CSV files for years; one that carries an escape sequence or turns
 * the rest of a line around is refused where it enters. */
#define UTIL_MAX_NAME 100 /* characters of a trainee's name */
int util_name_ok(const char *s, size_t n, size_t max_chars);
/* Edit distance of two short words, for "did you mean" suggestions. */
size_t util_distance(const char *a, const char *b);

#endif
