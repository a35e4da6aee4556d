/*
 * bidi.h - right-to-left text on terminals that don't reorder it.
 *
 * Terminals that implement bidi (GNOME Terminal/VTE, Konsole, mlterm) get
 * logical-order text as it is. For the others, `--bidi` turns each line into
 * visual order with GNU FriBidi (reordered and Arabic-shaped), so Persian
 * reads right to left. Widths are terminal cells (utf8proc), never bytes.
 */
#ifndef HAMDEL_BIDI_H
#define HAMDEL_BIDI_H

#include <stddef.h>

/* Off by default; --bidi turns it on for the whole process. */
void bidi_enable(int on);
int bidi_enabled(void);

/* --plain (screen readers, logs): set once by main() before any command
 * runs; output code reads it to drop colour and box drawing. Plain text
 * stays in logical order (a screen reader reads logical order), so plain
 * mode also turns bidi_visual() into a copy. */
void bidi_plain_enable(int on);
int bidi_plain_enabled(void);

/* One logical line (no newline) to what should be written to the terminal:
 * the line itself when bidi is off or it has no right-to-left text, else
 * its visual order. The result is malloc'd; the caller frees it. */
char *bidi_visual(const char *line, size_t len);

/* Does the text hold right-to-left characters? (A terminal that reorders
 * text itself would reorder a line of side-by-side columns as a whole.) */
int bidi_text_has_rtl(const char *s, size_t len);

/* Width of UTF-8 text in terminal cells. */
size_t bidi_width(const char *s, size_t len);

/* Wrap a paragraph to `cols` cells: returns a malloc'd array of malloc'd
 * logical lines (NULL-terminated); words are never split unless longer
 * than a line. Pass each line through bidi_visual() when printing. */
char **bidi_wrap(const char *text, size_t cols);
void bidi_wrap_free(char **lines);

#endif
