/*
 * outfile.c - writing the files hamdel hands to people (reports, CSV
 * exports, workshop results) and the simulator's own (the history, the
 * remembered trainee): atomically, so a reader never sees half a file and
 * a failed write never destroys the previous one (outfile.h).
 */
#include "outfile.h"
#include "i18n.h"
#include "term.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Flush, sync and close `f`; 0 or the errno of the first failure. */
static int outf_close(FILE *f)
{
    int werr = fflush(f) != 0 || ferror(f) ? (errno ? errno : EIO) : 0;
    if (!werr && fsync(fileno(f)) != 0 && errno != EINVAL && errno != EROFS)
        werr = errno; /* EINVAL: a pipe or a terminal, nothing to sync */
    if (fclose(f) != 0 && !werr)
        werr = errno ? errno : EIO;
    return werr;
}

/* /dev/stdout, /dev/stderr, /dev/fd/N, /proc/.../fd/N: a name of one of
 * this process's own open files, whatever that is. When it is a file the
 * shell opened (`> out`, `>> log`), realpath() names that file and the
 * rename would replace it, losing what `>>` was to keep. */
static int outf_own_fd(const char *path)
{
    if (!strcmp(path, "/dev/stdout") || !strcmp(path, "/dev/stderr") ||
        !strncmp(path, "/dev/fd/", 8))
        return 1;
    if (strncmp(path, "/proc/", 6) != 0)
        return 0;
    const char *slash = strchr(path + 6, '/'); /* after "self" or the pid */
    return slash && strncmp(slash, "/fd/", 4) == 0;
}

/* A terminal, a pipe or a device (/dev/stdout, a FIFO) is written as it
 * is: it cannot be replaced, and there is no previous content to keep.
 * Appending, so that one of our own files opened with `>>` keeps its
 * content (a device does not care; `>` has emptied the file already). */
static int outf_direct(const char *path, outf_writer fn, void *ud)
{
    FILE *f = fopen(path, "ab");
    if (!f) {
        util_warn(_("cannot create %s: %s"), path, strerror(errno));
        return OUTF_EX_CANTCREAT;
    }
    int rc = fn(f, ud);
    int werr = outf_close(f);
    if (rc == 0 && werr) {
        util_warn(_("cannot write %s: %s"), path, strerror(werr));
        rc = UTIL_EX_IOERR;
    }
    return rc;
}

/* Sync the folder holding `file`, so the rename itself survives a power
 * cut. Best effort: some file systems cannot sync a folder. */
static void outf_sync_dir(const char *file)
{
    const char *slash = strrchr(file, '/');
    char *dir = slash ? util_xstrdup(file) : util_xstrdup(".");
    if (slash)
        dir[slash == file ? 1 : (size_t)(slash - file)] = '\0';
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    free(dir);
}

/* Write `path` through `fn` into a temporary file beside it, then rename.
 * A symbolic link is followed (the file it names is replaced; the link
 * stays). 0, 73 (cannot create), 74 (write failed), or fn's non-zero
 * status. */
int outf_atomic(const char *path, outf_writer fn, void *ud)
{
    struct stat st;
    int there = stat(path, &st) == 0;
    if (there && S_ISDIR(st.st_mode)) { /* refused before any work is done */
        util_warn(_("cannot create %s: %s"), path, strerror(EISDIR));
        return OUTF_EX_CANTCREAT;
    }
    if (outf_own_fd(path) || (there && !S_ISREG(st.st_mode)))
        return outf_direct(path, fn, ud);
    char *real = realpath(path, NULL); /* NULL: not there yet */
    const char *target = real ? real : path;
    size_t len = strlen(target);
    char *tmp = util_xmalloc(len + 16);
    snprintf(tmp, len + 16, "%s.tmp.XXXXXX", target);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        util_warn(_("cannot create %s: %s"), path, strerror(errno));
        free(tmp);
        free(real);
        return OUTF_EX_CANTCREAT;
    }
    mode_t um = umask(0);
    umask(um);
    if (fchmod(fd, 0666 & ~um) != 0) { /* mkstemp makes it 0600 */
        /* not fatal: the file is just private */
    }
    FILE *f = fdopen(fd, "wb");
    int rc = f ? fn(f, ud) : UTIL_EX_IOERR;
    int werr = f ? outf_close(f) : (close(fd), EIO);
    if (rc == 0 && werr) {
        util_warn(_("cannot write %s: %s"), path, strerror(werr));
        rc = UTIL_EX_IOERR;
    }
    if (rc == 0 && rename(tmp, target) != 0) {
        util_warn(_("cannot write %s: %s"), path, strerror(errno));
        rc = UTIL_EX_IOERR;
    }
    if (rc != 0)
        unlink(tmp);
    else
        outf_sync_dir(target);
    free(tmp);
    free(real);
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
 * spreadsheets show as text and do not run. A CSV file is printed by
 * `cat` too: control and direction-changing characters are written as the
 * escapes the terminal shows (\x1b, \u202e; term_put_lines), line breaks
 * kept. */
void outf_csv_field(FILE *f, const char *raw, int last)
{
    char *clean = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&clean, &n);
    if (m) {
        term_put_lines(m, raw, strlen(raw));
        if (fclose(m) != 0) {
            free(clean);
            clean = NULL;
        }
    }
    const char *s = clean ? clean : raw;
    const char *guard = outf_formula_like(raw) ? "'" : "";
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
    free(clean);
}

