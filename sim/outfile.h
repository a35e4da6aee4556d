/*
 * outfile.h - writing a whole output file safely: into a temporary file
 * beside it, synced, then renamed into place; and RFC 4180 CSV fields.
 * Used by `hamdel report`, `hamdel workshop --results`, and the simulator's
 * history and remembered trainee name.
 */
#ifndef HAMDEL_OUTFILE_H
#define HAMDEL_OUTFILE_H

#include <stdio.h>

#define OUTF_EX_CANTCREAT 73

/* Writes the whole content to `f`; 0, or an exit status. */
typedef int (*outf_writer)(FILE *f, void *ud);

/* Write `path` through `fn` into a temporary file beside it (beside the
 * file a symbolic link names), synced, then rename it into place and sync
 * the folder. A path that is a device, a pipe or a terminal (/dev/stdout)
 * is written directly. 0, 73 (cannot create), 74 (write failed), or fn's
 * non-zero status; the message has been printed. */
int outf_atomic(const char *path, outf_writer fn, void *ud);

/* One RFC 4180 field: quoted when it holds a comma, quote or line break;
 * followed by "," or, for the `last` of a row, CRLF. Text that a
 * spreadsheet would take for a formula (= + - @ at the start, not a
 * number) is written with a leading apostrophe. */
void outf_csv_field(FILE *f, const char *s, int last);

#endif
