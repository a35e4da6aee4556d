/*
 * repl-trainee.c - who is practising: the name the simulator records
 * sessions under when hamdel was started without --trainee.
 *
 * The name is asked once (by `track`, which needs it for steps to count)
 * and remembered in the state dir ($HAMDEL_HOME or $XDG_STATE_HOME/hamdel,
 * file `trainee`), so the next run records under it too; --trainee NAME
 * always wins. The file is written whole to a temporary file beside it,
 * synced and renamed (outf_atomic), so it is never half written.
 */
#include "repl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outfile.h"
#include "paths.h"
#include "util.h"

static int trainee_file(char *buf, size_t n)
{
    char dir[3800], err[4200];
    if (paths_state_dir(dir, sizeof dir, err, sizeof err) != 0)
        return -1;
    if ((size_t)snprintf(buf, n, "%s/trainee", dir) >= n)
        return -1;
    return 0;
}

/* Keep the first line, trimmed; 0 when it is a usable name. */
static int trainee_set(struct repl *r, const char *s, size_t len)
{
    while (len && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    size_t n = 0;
    while (n < len && s[n] != '\n' && s[n] != '\r')
        n++;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    /* the name goes into tables, reports and CSV files: util_name_ok */
    if (n == 0 || n >= sizeof r->trainee || !util_name_ok(s, n, UTIL_MAX_NAME))
        return -1;
    memcpy(r->trainee, s, n);
    r->trainee[n] = '\0';
    r->o.trainee = r->trainee;
    return 0;
}

void repl_trainee_load(struct repl *r)
{
    char path[4096];
    size_t len;
    int more, opened;
    if (r->o.trainee || trainee_file(path, sizeof path) != 0)
        return;
    char *text = util_read_file(path, sizeof r->trainee * 2, &len, &more, &opened);
    if (text)
        trainee_set(r, text, len);
    free(text);
}

static int trainee_write(FILE *f, void *ud)
{
    fprintf(f, "%s\n", (const char *)ud);
    return 0;
}

int repl_trainee_remember(struct repl *r, const char *name)
{
    char path[4096], dir[3800], err[4200];
    if (trainee_set(r, name, strlen(name)) != 0)
        return -1;
    if (trainee_file(path, sizeof path) != 0 ||
        paths_state_dir(dir, sizeof dir, err, sizeof err) != 0 ||
        paths_mkdirs(dir, err, sizeof err) != 0)
        return 0; /* known for this run only */
    /* a failure is reported there; the name is still known for this run */
    outf_atomic(path, trainee_write, r->trainee);
    return 0;
}
