/*
 * paths.c - XDG locations of hamdel's data and state (paths.h).
 *
 * Order: $HAMDEL_HOME (data = it, state = it/state), else $XDG_DATA_HOME
 * or $XDG_STATE_HOME + /hamdel, else $HOME/.local/share|state/hamdel.
 * Empty or relative XDG values are ignored, as the XDG spec asks. Only
 * the caller prints errors: the engine and tests use this quietly.
 */
#include "paths.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

static void paths_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void paths_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (err && errlen)
        vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static const char *paths_env(const char *name, int absolute)
{
    const char *v = getenv(name);
    if (!v || !*v || (absolute && v[0] != '/'))
        return NULL;
    return v;
}

static int paths_join(char *buf, size_t n, char *err, size_t errlen,
                      const char *a, const char *b)
{
    int k = snprintf(buf, n, "%s%s", a, b);
    if (k < 0 || (size_t)k >= n) {
        paths_err(err, errlen, "the path %s%s is too long", a, b);
        return -1;
    }
    return 0;
}

/* xdg_var, else ~/home_rel; HAMDEL_HOME + home_sub wins over both. */
static int paths_pick(char *buf, size_t n, char *err, size_t errlen,
                      const char *home_sub, const char *xdg_var,
                      const char *home_rel)
{
    const char *v = paths_env("HAMDEL_HOME", 0);
    if (v)
        return paths_join(buf, n, err, errlen, v, home_sub);
    if ((v = paths_env(xdg_var, 1)) != NULL)
        return paths_join(buf, n, err, errlen, v, "/hamdel");
    if ((v = paths_env("HOME", 1)) != NULL)
        return paths_join(buf, n, err, errlen, v, home_rel);
    paths_err(err, errlen, "cannot tell where to keep hamdel's files: "
              "set HAMDEL_HOME (or HOME, or %s)", xdg_var);
    return -1;
}

int paths_data_dir(char *buf, size_t n, char *err, size_t errlen)
{
    return paths_pick(buf, n, err, errlen, "", "XDG_DATA_HOME",
                      "/.local/share/hamdel");
}

int paths_state_dir(char *buf, size_t n, char *err, size_t errlen)
{
    return paths_pick(buf, n, err, errlen, "/state", "XDG_STATE_HOME",
                      "/.local/state/hamdel");
}

/* mkdir one level; an existing directory is fine, anything else is not. */
static int paths_mkdir1(const char *path, char *err, size_t errlen)
{
    struct stat st;
    if (mkdir(path, 0700) == 0)
        return 0;
    int e = errno;
    if (e == EEXIST && stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return 0;
        paths_err(err, errlen, "cannot create directory %s: a file of that "
                  "name is in the way", path);
        return -1;
    }
    paths_err(err, errlen, "cannot create directory %s: %s", path,
              strerror(e));
    return -1;
}

int paths_mkdirs(const char *path, char *err, size_t errlen)
{
    size_t len = strlen(path);
    char *p = malloc(len + 1);
    if (!p) {
        paths_err(err, errlen, "out of memory");
        return -1;
    }
    memcpy(p, path, len + 1);
    int rc = 0;
    /* each prefix that ends before a '/', then the whole path */
    for (size_t i = 1; i <= len && rc == 0; i++) {
        if (i < len && p[i] != '/')
            continue;
        if (i < len && p[i - 1] == '/')
            continue; /* "a//b" */
        char c = p[i];
        p[i] = '\0';
        rc = paths_mkdir1(p, err, errlen);
        p[i] = c;
    }
    free(p);
    return rc;
}

int paths_data_sub(const char *sub, char *buf, size_t n, char *err, size_t errlen)
{
    char dir[4096];
    if (paths_data_dir(dir, sizeof dir, err, errlen) != 0)
        return -1;
    int k = snprintf(buf, n, "%s/%s", dir, sub);
    if (k < 0 || (size_t)k >= n) {
        paths_err(err, errlen, "the path %s/%s is too long", dir, sub);
        return -1;
    }
    return paths_mkdirs(buf, err, errlen);
}
