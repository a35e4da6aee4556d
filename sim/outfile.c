/*
 * outfile.c - writing the files hamdel hands to people (reports, CSV
 * exports, workshop results): atomically, so a reader never sees half a
 * file and a failed write never destroys the previous one (outfile.h).
 */
#include "outfile.h"
#include "i18n.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Write `path` through `fn` into a temporary file beside it, then rename.
 * 0, 73 (cannot create), 74 (write failed), or fn's non-zero status. */
int outf_atomic(const char *path, outf_writer fn, void *ud)
{
    size_t len = strlen(path);
    char *tmp = util_xmalloc(len + 16);
    snprintf(tmp, len + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        util_warn(_("cannot create %s: %s"), path, strerror(errno));
        free(tmp);
        return OUTF_EX_CANTCREAT;
    }
    mode_t um = umask(0);
    umask(um);
    if (fchmod(fd, 0666 & ~um) != 0) { /* mkstemp makes it 0600 */
        /* not fatal: the file is just private */
    }
    FILE *f = fdopen(fd, "wb");
    int rc = f ? fn(f, ud) : UTIL_EX_IOERR;
    if (!f)
        close(fd);
    int werr = 0;
    if (f) {
        werr = fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0 ? errno : 0;
        if (fclose(f) != 0 && !werr)
            werr = errno ? errno : EIO;
    }
    if (rc == 0 && (werr || !f)) {
        util_warn(_("cannot write %s: %s"), path, strerror(werr ? werr : EIO));
        rc = UTIL_EX_IOERR;
    }
    if (rc == 0 && rename(tmp, path) != 0) {
        util_warn(_("cannot write %s: %s"), path, strerror(errno));
        rc = UTIL_EX_IOERR;
    }
    if (rc != 0)
        unlink(tmp);
    free(tmp);
    return rc;
}

/* A field a spreadsheet would run as a formula ("=HYPERLINK(...)",
 * "+cmd|..."): text starting with = + - @, a tab or a CR that is not a
 * plain number. Trainee names and replies are typed by anyone, and the
 * CSV is opened by someone else (OWASP's "CSV injection"). */
static int outf_formula_like(const char *s)
{
    if (!strchr("=+-@\t\r", *s) || !*s)
        return 0;
    char *end;
    strtod(s, &end);
    return end == s || *end != '\0';
}

/* One RFC 4180 field: quoted when it holds a comma, quote or line break;
 * text that would start a formula gets a leading apostrophe, which
 * spreadsheets show as text and do not run. */
void outf_csv_field(FILE *f, const char *s, int last)
{
    const char *guard = outf_formula_like(s) ? "'" : "";
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', f);
        fputs(guard, f);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else {
        fputs(guard, f);
        fputs(s, f);
    }
    fputs(last ? "\r\n" : ",", f);
}

