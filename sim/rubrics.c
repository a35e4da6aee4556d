/*
 * rubrics.c - lazy rubric loading with the program's error conventions.
 */
#include "rubrics.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

void rubrics_init(struct rubrics *rs, const char *const *house, size_t n)
{
    memset(rs, 0, sizeof *rs);
    rs->house = house;
    rs->n_house = n;
    /* Fail early, and with "no input" rather than an I/O error, for the
     * common case of a mistyped path; the library would only say EIO. */
    for (size_t i = 0; i < n; i++) {
        int fd = util_open_input(house[i]); /* a directory too */
        if (fd < 0)
            util_die(UTIL_EX_NOINPUT, "cannot open rubric %s: %s", house[i],
                     strerror(errno));
        close(fd);
    }
}

static void rubrics_fail(const score_error *err)
{
    int code = err->code == SCORE_EIO     ? UTIL_EX_IOERR
               : err->code == SCORE_EDATA ? UTIL_EX_DATAERR
                                          : UTIL_EX_SOFTWARE;
    const char *file = err->file[0] ? err->file : "rubric";
    if (err->line > 0)
        util_die(code, "%s:%d:%d: %s", file, err->line,
                 err->col > 0 ? err->col : 1, err->msg);
    util_die(code, "%s: %s", file, err->msg[0] ? err->msg : "cannot load");
}

const score_rubric *rubrics_get(struct rubrics *rs, score_lang lang)
{
    if (lang != SCORE_LANG_FA)
        lang = SCORE_LANG_EN;
    if (!rs->by_lang[lang]) {
        score_error err;
        memset(&err, 0, sizeof err);
        rs->by_lang[lang] =
            score_rubric_load(lang, rs->house, rs->n_house, &err);
        if (!rs->by_lang[lang])
            rubrics_fail(&err);
    }
    return rs->by_lang[lang];
}

void rubrics_free(struct rubrics *rs)
{
    for (size_t i = 0; i < 3; i++)
        if (rs->by_lang[i])
            score_rubric_free(rs->by_lang[i]);
    memset(rs, 0, sizeof *rs);
}
