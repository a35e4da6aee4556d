/*
 * transcript.c - writes the JSONL transcript of a session (transcript.h).
 *
 * Durability is the point: each line is built by jansson, then written
 * with one write() on an O_APPEND descriptor and fsync'd, with the
 * guarded signals blocked so a signal never lands between a turn and the
 * bookkeeping after it. The "interrupted" closing line is prepared in
 * advance after every turn, so the signal handler only needs write(),
 * fsync() and raise(), all async-signal-safe.
 */
#include "transcript.h"
#include "json-out.h"
#include "paths.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct trs {
    int fd;
    char *path;
    char id[40];               /* the session id in the header */
    json_t *header;            /* kept for a listener that comes later */
    trs_listener listener;     /* told every line written, or NULL */
    void *listener_ud;
};

/* What the signal handler may touch: set only with the signals blocked. */
static volatile sig_atomic_t trs_armed;
static int trs_sig_fd = -1;
static char *trs_sig_line;
static size_t trs_sig_len;

static const int trs_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
#define TRS_NSIG (sizeof trs_signals / sizeof trs_signals[0])

static void trs_block(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < TRS_NSIG; i++)
        sigaddset(&set, trs_signals[i]);
    sigprocmask(SIG_BLOCK, &set, old);
}

static void trs_unblock(const sigset_t *old)
{
    sigprocmask(SIG_SETMASK, old, NULL);
}

static int trs_write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t k = write(fd, s, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        s += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Pipes and /dev/null cannot be synced, and need not be. */
static int trs_sync(int fd)
{
    if (fsync(fd) == 0 || errno == EINVAL || errno == ENOTSUP ||
        errno == EROFS)
        return 0;
    return -1;
}

/* Async-signal-safe: write the prepared line, then die of the signal
 * (SA_RESETHAND restored the default action; raise() is delivered when
 * the handler returns). */
static void trs_on_signal(int sig)
{
    int saved = errno;
    if (trs_armed) {
        trs_armed = 0;
        (void)trs_write_all(trs_sig_fd, trs_sig_line, trs_sig_len);
        (void)fsync(trs_sig_fd);
    }
    raise(sig);
    errno = saved;
}

/* One JSON line out: dump, one write, sync. Consumes `j`; a listener
 * hears a line once it is on disk. */
static int trs_line(trs *t, json_t *j)
{
    char *s = json_dumps(j, JSONOUT_FLAGS);
    if (!s) {
        json_decref(j);
        errno = ENOMEM;
        return -1;
    }
    size_t n = strlen(s);
    char *line = util_xmalloc(n + 1);
    memcpy(line, s, n);
    line[n] = '\n';
    free(s);
    /* A write cut short (a full disk, a file-size limit) must not leave
     * half a line: importing would then stop at it. Cut the file back to
     * where the line began; everything before it stays whole. */
    struct stat st;
    int regular = fstat(t->fd, &st) == 0 && S_ISREG(st.st_mode);
    int rc = trs_write_all(t->fd, line, n + 1) == 0 ? 0 : -1;
    int saved = errno;
    if (rc != 0 && regular && ftruncate(t->fd, st.st_size) != 0) {
        /* nothing more to do: the error is reported all the same */
    }
    if (rc == 0) {
        rc = trs_sync(t->fd);
        saved = errno;
    }
    free(line);
    if (rc == 0 && t->listener)
        t->listener(t->listener_ud, j);
    json_decref(j);
    errno = saved;
    return rc;
}

/* A random (version 4) UUID, from /dev/urandom; the clock and the pid
 * when that cannot be read. */
void trs_make_id(char *buf, size_t n)
{
    unsigned char b[16];
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    ssize_t got = fd >= 0 ? read(fd, b, sizeof b) : -1;
    if (fd >= 0)
        close(fd);
    if (got != (ssize_t)sizeof b) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        unsigned long long x = (unsigned long long)ts.tv_sec * 1000000007ULL ^
                               (unsigned long long)ts.tv_nsec ^
                               ((unsigned long long)getpid() << 32);
        for (size_t i = 0; i < sizeof b; i++) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            b[i] = (unsigned char)(x >> 56);
        }
    }
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    snprintf(buf, n, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
             "%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3], b[4], b[5],
             b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

const char *trs_now(char *buf, size_t n)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

/* A tension or other conversation number: 6, not 6.0, when whole. */
json_t *trs_num(double v)
{
    if (v == floor(v) && fabs(v) < 1e9)
        return json_integer((json_int_t)v);
    return jsonout_real(v, 1);
}

/* Set a key, dying on out-of-memory like the rest of the program. */
void trs_set(json_t *o, const char *k, json_t *v)
{
    if (!v || json_object_set_new(o, k, v) != 0)
        util_die(UTIL_EX_SOFTWARE, "out of memory writing the transcript");
}

/* The length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t trs_utf8_len(const unsigned char *s, size_t n)
{
    size_t len = s[0] < 0x80 ? 1 : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
               : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
               : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
    if (len == 0 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    /* overlong 3/4-byte forms, surrogates, beyond U+10FFFF */
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0) ||
        (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))
        return 0;
    return len;
}

/* Text the user typed may be invalid UTF-8 (or hold NULs), which jansson
 * refuses; such bytes become U+FFFD rather than losing the whole line. */
json_t *trs_strn(const char *s, size_t n)
{
    json_t *j = json_stringn(s, n);
    if (j)
        return j;
    const unsigned char *u = (const unsigned char *)s;
    char *fixed = util_xmalloc(3 * n + 1), *o = fixed;
    for (size_t i = 0; i < n;) {
        size_t k = u[i] ? trs_utf8_len(u + i, n - i) : 0;
        if (k) {
            memcpy(o, u + i, k);
            o += k;
            i += k;
        } else {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        }
    }
    j = json_stringn(fixed, (size_t)(o - fixed));
    free(fixed);
    return j;
}

json_t *trs_str(const char *s)
{
    return trs_strn(s ? s : "", s ? strlen(s) : 0);
}

json_t *trs_scores(const double *v)
{
    json_t *o = json_object();
    for (int d = 0; d < SCORE_NDIM; d++)
        trs_set(o, score_dim_name((score_dim)d), jsonout_real(v[d], 1));
    return o;
}

static json_t *trs_finding(const eng_finding *f)
{
    json_t *o = json_object();
    trs_set(o, "dimension", json_string(score_dim_name(f->dim)));
    trs_set(o, "kind", trs_str(f->kind));
    trs_set(o, "start", json_integer((json_int_t)f->start));
    trs_set(o, "end", json_integer((json_int_t)f->end));
    trs_set(o, "text", trs_str(f->text));
    trs_set(o, "delta", jsonout_real(f->delta, 1));
    trs_set(o, "tip", trs_str(f->tip));
    return o;
}

void *trs_turn_json(const eng_session *e, const eng_turn *t)
{
    json_t *o = json_object(), *fs = json_array();
    trs_set(o, "turn", json_integer(t->number));
    trs_set(o, "node", trs_str(t->node_id));
    trs_set(o, "customer", trs_str(t->customer));
    trs_set(o, "reply", trs_strn(t->reply, t->reply_len));
    trs_set(o, "scores", trs_scores(t->scores));
    trs_set(o, "overall", jsonout_real(t->overall, 1));
    for (size_t i = 0; i < t->n_findings; i++)
        if (!fs || json_array_append_new(fs, trs_finding(&t->findings[i])))
            util_die(UTIL_EX_SOFTWARE, "out of memory writing the transcript");
    trs_set(o, "findings", fs);
    trs_set(o, "tension_before", trs_num(t->tension_before));
    trs_set(o, "tension_after", trs_num(t->tension_after));
    if (t->say)
        trs_set(o, "say", trs_str(t->say));
    trs_set(o, "next", trs_str(eng_scenario(e)->nodes[t->next].id));
    if (t->broke)
        trs_set(o, "breaking_point", json_true());
    return o;
}

/* A 0-based turn index as the 1-based number people read, or null. */
static json_t *trs_turn_no(int i)
{
    return i < 0 ? json_null() : json_integer(i + 1);
}

void *trs_summary_json(const eng_session *e)
{
    eng_card c;
    eng_report(e, &c);
    json_t *o = json_object(), *path = json_array();
    size_t max = eng_n_turns(e) + 1;
    const char **ids = util_xmalloc(max * sizeof *ids);
    size_t n = eng_path(e, ids, max);
    for (size_t i = 0; i < n; i++)
        if (!path || json_array_append_new(path, trs_str(ids[i])))
            util_die(UTIL_EX_SOFTWARE, "out of memory writing the transcript");
    free(ids);
    trs_set(o, "turns", json_integer((json_int_t)c.turns));
    trs_set(o, "scores", trs_scores(c.mean));
    trs_set(o, "overall", jsonout_real(c.overall, 1));
    trs_set(o, "best_turn", trs_turn_no(c.best));
    trs_set(o, "worst_turn", trs_turn_no(c.worst));
    trs_set(o, "costliest_turn", trs_turn_no(c.costliest));
    trs_set(o, "tension", trs_num(eng_tension(e)));
    trs_set(o, "path", path);
    return o;
}

static json_t *trs_interrupted_json(const eng_session *e)
{
    json_t *o = json_object();
    trs_set(o, "interrupted", json_true());
    trs_set(o, "node", trs_str(eng_node(e)->id));
    trs_set(o, "turns", json_integer((json_int_t)eng_n_turns(e)));
    return o;
}

/* Prepare the line the signal handler writes; call with signals blocked.
 * `j` is borrowed. */
static void trs_arm_line(const trs *t, const json_t *j)
{
    char *s = json_dumps(j, JSONOUT_FLAGS);
    trs_armed = 0;
    free(trs_sig_line);
    trs_sig_line = NULL;
    if (!s)
        return; /* out of memory: the turns are on disk all the same */
    trs_sig_len = strlen(s);
    trs_sig_line = util_xmalloc(trs_sig_len + 1);
    memcpy(trs_sig_line, s, trs_sig_len);
    trs_sig_line[trs_sig_len++] = '\n';
    free(s);
    trs_sig_fd = t->fd;
    trs_armed = 1;
}

static void trs_arm(const trs *t, const eng_session *e)
{
    json_t *j = trs_interrupted_json(e);
    trs_arm_line(t, j);
    json_decref(j);
}

static void trs_disarm(void)
{
    trs_armed = 0;
    free(trs_sig_line);
    trs_sig_line = NULL;
    trs_sig_len = 0;
    trs_sig_fd = -1;
}

/* O_EXCL first; an existing file is only accepted when it is an empty
 * regular file (mktemp) or not a regular file at all (/dev/null, a FIFO):
 * neither can lose a previous transcript. */
static int trs_create(const char *path, char *err, size_t errlen, int *code)
{
    int flags = O_WRONLY | O_APPEND | O_CLOEXEC;
    int fd = open(path, flags | O_CREAT | O_EXCL, 0600);
    if (fd < 0 && errno == EEXIST) {
        struct stat st;
        fd = open(path, flags);
        if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
            st.st_size > 0) {
            close(fd);
            snprintf(err, errlen, "%s already exists; hamdel never "
                     "overwrites a transcript (choose another --transcript)",
                     path);
            *code = 73; /* EX_CANTCREAT */
            return -1;
        }
    }
    if (fd < 0) {
        int e = errno;
        snprintf(err, errlen, "cannot create the transcript %s: %s", path,
                 strerror(e));
        *code = e == ENOENT || e == ENOTDIR ? UTIL_EX_NOINPUT : UTIL_EX_IOERR;
    }
    return fd;
}

static json_t *trs_header_json(const eng_session *e, const char *id,
                               const char *trainee)
{
    char when[32];
    trs_now(when, sizeof when);
    json_t *o = json_object();
    trs_set(o, "scenario", trs_str(eng_scenario(e)->id));
    trs_set(o, "lang", json_string(score_lang_name(eng_lang(e))));
    trs_set(o, "started", json_string(when));
    trs_set(o, "version", json_string(SCORE_VERSION));
    trs_set(o, "session", json_string(id));
    if (trainee && *trainee)
        trs_set(o, "trainee", trs_str(trainee));
    return o;
}

trs *trs_open_json(const char *path, void *header, char *err, size_t errlen,
                   int *code)
{
    json_t *h = header;
    int fd = trs_create(path, err, errlen, code);
    if (fd < 0) {
        json_decref(h);
        return NULL;
    }
    trs *t = util_xmalloc(sizeof *t);
    memset(t, 0, sizeof *t);
    t->fd = fd;
    const char *id = json_string_value(json_object_get(h, "session"));
    if (!id)
        id = json_string_value(json_object_get(h, "workshop"));
    snprintf(t->id, sizeof t->id, "%s", id ? id : "");
    t->header = h;
    json_incref(t->header);
    if (trs_line(t, t->header) != 0) {
        snprintf(err, errlen, "cannot write the transcript %s: %s", path,
                 strerror(errno));
        *code = UTIL_EX_IOERR;
        close(fd);
        json_decref(t->header);
        free(t);
        return NULL;
    }
    t->path = util_xstrdup(path);
    return t;
}

trs *trs_open(const char *path, const eng_session *e, const char *trainee,
              char *err, size_t errlen, int *code)
{
    char id[40];
    trs_make_id(id, sizeof id);
    return trs_open_json(path, trs_header_json(e, id, trainee), err, errlen,
                         code);
}

const char *trs_session_id(const trs *t)
{
    return t->id;
}

void trs_listen(trs *t, trs_listener fn, void *ud)
{
    t->listener = fn;
    t->listener_ud = ud;
    if (fn && t->header)
        fn(ud, t->header);
}

const char *trs_path(const trs *t)
{
    return t->path;
}

int trs_default_path_for(const char *stem, char *buf, size_t n, char *err,
                         size_t errlen)
{
    char dir[4096], stamp[32];
    if (paths_data_sub("sessions", dir, sizeof dir, err, errlen) != 0)
        return -1;
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    /* Two conversations started by one process in the same second (the
     * simulator's "play X", /quit, "play X" again) would share a name, and
     * the second would refuse to start: "-2", "-3" ... tell them apart. */
    for (int i = 1; i <= 1000; i++) {
        char more[16] = "";
        struct stat st;
        if (i > 1)
            snprintf(more, sizeof more, "-%d", i);
        int k = snprintf(buf, n, "%s/%s-%s-%ld%s.jsonl", dir, stem, stamp,
                         (long)getpid(), more);
        if (k < 0 || (size_t)k >= n) {
            snprintf(err, errlen, "the transcript path in %s is too long", dir);
            return -1;
        }
        if (lstat(buf, &st) != 0)
            return 0;
    }
    return 0; /* a thousand in one second: the open says the file exists */
}

int trs_default_path(const eng_session *e, char *buf, size_t n, char *err,
                     size_t errlen)
{
    char stem[256];
    snprintf(stem, sizeof stem, "%s-%s", eng_scenario(e)->id,
             score_lang_name(eng_lang(e)));
    return trs_default_path_for(stem, buf, n, err, errlen);
}

/* Install the handlers; call with the signals blocked. */
static void trs_catch(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = trs_on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND; /* the second signal is the default one */
    for (size_t i = 0; i < TRS_NSIG; i++)
        sigaction(trs_signals[i], &sa, NULL);
}

void trs_guard(trs *t, const eng_session *e)
{
    sigset_t old;
    trs_block(&old);
    trs_arm(t, e);
    trs_catch();
    trs_unblock(&old);
}

void trs_guard_json(trs *t, const void *interrupted)
{
    sigset_t old;
    trs_block(&old);
    trs_arm_line(t, interrupted);
    trs_catch();
    trs_unblock(&old);
}

int trs_put(trs *t, void *line, const void *interrupted)
{
    sigset_t old;
    trs_block(&old);
    int rc = trs_line(t, line);
    int saved = errno;
    if (interrupted)
        trs_arm_line(t, interrupted);
    trs_unblock(&old);
    errno = saved;
    return rc;
}

/* A line of a conversation, then re-arm with its interrupted line. */
static int trs_put_at(trs *t, json_t *line, const eng_session *e)
{
    json_t *intr = trs_interrupted_json(e);
    int rc = trs_put(t, line, intr);
    int saved = errno;
    json_decref(intr);
    errno = saved;
    return rc;
}

int trs_turn(trs *t, const eng_session *e)
{
    size_t n = eng_n_turns(e);
    if (!t || n == 0)
        return 0;
    return trs_put_at(t, trs_turn_json(e, eng_turn_at(e, n - 1)), e);
}

int trs_event(trs *t, const eng_session *e, const char *event,
              const char *node, int turn)
{
    if (!t)
        return 0;
    json_t *o = json_object();
    trs_set(o, "event", json_string(event));
    trs_set(o, "node", trs_str(node));
    trs_set(o, "turn", json_integer(turn));
    return trs_put_at(t, o, e);
}

trs *trs_start(const char *path, const eng_session *e, const char *trainee,
               char *err, size_t errlen, int *code)
{
    char def[4096];
    *code = UTIL_EX_IOERR;
    if (!path) {
        if (trs_default_path(e, def, sizeof def, err, errlen) != 0)
            return NULL;
        path = def;
    }
    trs *t = trs_open(path, e, trainee, err, errlen, code);
    if (t)
        trs_guard(t, e);
    return t;
}

static json_t *trs_ending_json(const eng_session *e)
{
    json_t *o = json_object();
    trs_set(o, "ending", json_string(scn_ending_name(eng_ending(e))));
    trs_set(o, "node", trs_str(eng_node(e)->id));
    trs_set(o, "summary", trs_summary_json(e));
    return o;
}

int trs_finish(trs *t, void *closing)
{
    if (!t) {
        json_decref((json_t *)closing);
        return 0;
    }
    sigset_t old;
    trs_block(&old);
    trs_disarm();
    int rc = trs_line(t, closing);
    int saved = errno;
    if (close(t->fd) != 0 && rc == 0) {
        rc = -1;
        saved = errno;
    }
    trs_unblock(&old);
    json_decref(t->header);
    free(t->path);
    free(t);
    errno = saved;
    return rc;
}

int trs_close(trs *t, const eng_session *e)
{
    if (!t)
        return 0;
    return trs_finish(t, eng_done(e) ? trs_ending_json(e)
                                     : trs_interrupted_json(e));
}
