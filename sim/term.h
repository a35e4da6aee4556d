/*
 * term.h - safe, width-aware text output for the human-readable report.
 *
 * Reply texts, finding spans and even rubric tips may contain anything a
 * user typed, including escape sequences; term_put_clean() is the only way
 * the report prints such text, and it shows control characters as visible
 * escapes instead of passing them to the terminal. Widths are counted in
 * terminal cells with utf8proc_charwidth (a Persian letter is one cell, a
 * CJK ideograph two), never in bytes.
 */
#ifndef HAMDEL_TERM_H
#define HAMDEL_TERM_H

#include <stddef.h>
#include <stdio.h>

/* 1 when `f` is a terminal and NO_COLOR is unset or empty. */
int term_color_ok(FILE *f);

/* Display width in cells of UTF-8 text as term_put_clean would print it. */
size_t term_width(const char *s, size_t len);

/*
 * Print `len` bytes of UTF-8 text with control characters (C0, DEL, C1,
 * bidi overrides) and invalid bytes shown as escapes like \n or \x1b. At
 * most `max_cells` cells are printed (0 = no limit); longer text ends in an
 * ellipsis ("..." when `ascii`). Returns the cells printed.
 */
size_t term_put_clean(FILE *f, const char *s, size_t len, size_t max_cells,
                      int ascii);

/* A message of several lines (an error, a diagnostic): each line as
 * term_put_clean prints it, the newlines kept. File names, option values
 * and file contents end up in messages; this keeps their escapes off the
 * terminal. */
void term_put_lines(FILE *f, const char *s, size_t len);

/* term_put_clean, then spaces up to `cells` cells. */
void term_put_padded(FILE *f, const char *s, size_t cells, int ascii);

/* A horizontal bar for value 0..max, `cells` wide, padded with spaces:
 * eighth-block characters, or '#' when `ascii`. */
void term_put_bar(FILE *f, double value, double max, size_t cells, int ascii);

/* SGR sequences, or "" when colour is off. */
#define TERM_BOLD "\033[1m"
#define TERM_RED "\033[31m"
#define TERM_GREEN "\033[32m"
#define TERM_YELLOW "\033[33m"
#define TERM_DIM "\033[2m"
#define TERM_RESET "\033[0m"

#endif
