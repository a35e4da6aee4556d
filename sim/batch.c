/*
 * batch.c - `hamdel score --jsonl` (batch.h).
 *
 * Per line: getline -> json_loadb -> validate the context (ctx_apply, the
 * validator shared with YAML files) -> score_reply -> json-out.c writes the
 * result (or jansson the error object) into a reused buffer -> one fwrite
 * into a 1 MB stdout buffer. The score_result, the output buffer and one
 * arena (for the line's context and all of its jansson values) are
 * reused, so a steady-state line calls malloc only inside the scorer, if
 * at all.
 */
#include "batch.h"
#include "json-out.h"
#include "progress.h"
#include "stats.h"
#include "i18n.h"
#include "util.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#define BATCH_IOBUF (1u << 20)
/* A line holds one reply (graded up to 16 MiB) and its context, JSON-escaped
 * (up to six bytes a character): anything longer is not a batch line, and
 * reading it whole would let one line take all memory. */
#define BATCH_MAX_LINE (128u << 20)

struct batch {
    const struct batch_opts *o;
    FILE *out;            /* stdout, or the fuzz target's sink */
    score_result res;
    struct jsonout w;     /* the result writer and its output buffer */
    struct arena arena;   /* every jansson value and context of a line */
    struct stats_run st;
    struct progress pg;
    size_t lineno, failed, bytes;
    char err[512];        /* the current line's error message */
};

/* One parsed input line; pointers borrow from the line's JSON value. */
struct batch_item {
    const char *reply;
    size_t reply_len;
    struct ctx_data ctx;
};

static int batch_fail(struct batch *b, const char *fmt, ...)
    UTIL_PRINTF(2, 3);

static int batch_fail(struct batch *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(b->err, sizeof b->err, fmt, ap);
    va_end(ap);
    return -1;
}

/*
 * jansson allocates every node, key and string separately; in batch mode
 * they all die at the end of their line, so they come from the line's
 * arena and "free" is a no-op. jansson's allocation hooks are global and
 * carry no user pointer, hence this one static.
 */
static struct arena *batch_json_arena;

static void *batch_json_malloc(size_t n)
{
    return arena_alloc(batch_json_arena, n);
}

static void batch_json_free(void *p)
{
    (void)p; /* released by arena_reset after the line */
}

/* Error texts may quote the offending input (jansson does): make them
 * valid UTF-8 so that they can go into a JSON string. */
static void batch_clean_utf8(char *s)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0) {
            s[i++] = '?';
            continue;
        }
        i += (size_t)k;
    }
}

static int batch_check_keys(struct batch *b, json_t *root)
{
    const char *k;
    json_t *v;
    json_object_foreach(root, k, v) {
        if (strcmp(k, "id") && strcmp(k, "reply") && strcmp(k, "context"))
            return batch_fail(b, _("unknown key '%.60s' (known keys: id, "
                              "reply, context)"), k);
    }
    return 0;
}

static int batch_parse(struct batch *b, json_t *root, struct batch_item *it)
{
    if (batch_check_keys(b, root))
        return -1;
    json_t *reply = json_object_get(root, "reply");
    if (!reply)
        return batch_fail(b, _("missing \"reply\""));
    if (!json_is_string(reply))
        return batch_fail(b, _("\"reply\" must be a string"));
    it->reply = json_string_value(reply);
    it->reply_len = json_string_length(reply);
    ctx_init(&it->ctx);
    json_t *cj = json_object_get(root, "context");
    if (!cj || json_is_null(cj))
        return 0;
    if (!json_is_object(cj))
        return batch_fail(b, _("\"context\" must be an object"));
    struct ctx_error e;
    if (ctx_apply_json(&it->ctx, cj, &b->arena, &e))
        return batch_fail(b, _("context: %s"), e.msg);
    return 0;
}

static int batch_score(struct batch *b, const struct batch_item *it)
{
    struct ctx_data cx = *b->o->base;
    ctx_merge(&cx, &it->ctx);
    score_lang lang = b->o->lang;
    if (lang == SCORE_LANG_AUTO)
        lang = cx.lang;
    if (lang == SCORE_LANG_AUTO)
        lang = score_detect_lang(it->reply, it->reply_len);
    score_context sc;
    ctx_to_score(&cx, &sc);
    sc.lang = lang;
    const score_rubric *r = rubrics_get(b->o->rubrics, lang);
    double t0 = b->o->stats ? stats_now() : 0;
    int rc = score_reply(r, &sc, it->reply, it->reply_len, &b->res);
    /* Successful calls only (docs/cli.md). */
    if (b->o->stats && rc == SCORE_OK)
        stats_add(&b->st.score, (stats_now() - t0) * 1e6);
    if (rc == SCORE_EEMPTY)
        return batch_fail(b, _("empty reply"));
    if (rc != SCORE_OK)
        return batch_fail(b, _("the scorer failed (code %d)"), rc);
    return 0;
}

/* Writes the line's result into b->w; its length, or 0 with b->err set. */
static size_t batch_result(struct batch *b, json_t *root, json_t **id)
{
    struct batch_item it;
    if (!json_is_object(root)) {
        batch_fail(b, _("a line must be a JSON object"));
        return 0;
    }
    *id = json_object_get(root, "id");
    if (batch_parse(b, root, &it) || batch_score(b, &it))
        return 0;
    return jsonout_result(&b->w, *id ? *id : json_null(), &b->res);
}

/* The error object is small and rare: a plain jansson object. */
static size_t batch_error(struct batch *b, json_t *id)
{
    json_t *o = json_object();
    batch_clean_utf8(b->err);
    json_object_set(o, "id", id ? id : json_null());
    json_object_set_new(o, "line", json_integer((json_int_t)b->lineno));
    json_object_set_new(o, "error", json_string(b->err));
    b->failed++;
    return jsonout_dump(o, &b->w.buf);
}

/*
 * No json_decref of the line's values: they all live in the arena, which
 * arena_reset empties after the line; a decref would only walk the tree
 * to call the no-op free.
 */
static void batch_line(struct batch *b, const char *line, size_t len)
{
    double t0 = b->o->stats ? stats_now() : 0;
    json_error_t jerr;
    json_t *id = NULL;
    size_t n = 0;
    json_t *root = json_loadb(line, len, JSON_ALLOW_NUL |
                              JSON_REJECT_DUPLICATES, &jerr);
    if (!root)
        batch_fail(b, _("invalid JSON at column %d: %s"), jerr.column, jerr.text);
    else
        n = batch_result(b, root, &id);
    if (n == 0)
        n = batch_error(b, id);
    if (fwrite(b->w.buf.data, 1, n, b->out) != n)
        util_die(UTIL_EX_IOERR, _("write error: %s"), strerror(errno));
    arena_reset(&b->arena);
    b->st.replies++;
    if (b->o->stats)
        stats_add(&b->st.line, (stats_now() - t0) * 1e6);
}

static int batch_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

static FILE *batch_open(const char *path, size_t *size)
{
    /* util_fopen_input: a directory is no input (66), not a read error */
    FILE *in = strcmp(path, "-") == 0 ? stdin : util_fopen_input(path);
    struct stat sb;
    if (!in)
        util_die(UTIL_EX_NOINPUT, "%s: %s", path, strerror(errno));
    *size = 0;
    if (fstat(fileno(in), &sb) == 0 && S_ISREG(sb.st_mode))
        *size = (size_t)sb.st_size;
    setvbuf(in, NULL, _IOFBF, BATCH_IOBUF);
    return in;
}

/* A line over BATCH_MAX_LINE: its error in place of a result. */
static void batch_too_long(struct batch *b)
{
    batch_fail(b, _("the line is longer than %u bytes"), BATCH_MAX_LINE);
    size_t n = batch_error(b, NULL);
    if (fwrite(b->w.buf.data, 1, n, stdout) != n)
        util_die(UTIL_EX_IOERR, _("write error: %s"), strerror(errno));
    b->st.replies++;
}

static void batch_loop(struct batch *b, FILE *in)
{
    char *line = NULL;
    size_t cap = 0, len, got;
    int over;
    while (util_getline_max(in, BATCH_MAX_LINE, &line, &cap, &len, &got,
                            &over) == 0) {
        b->bytes += got;
        b->lineno++;
        if (over)
            batch_too_long(b);
        else if (!batch_blank(line, len))
            batch_line(b, line, len);
        progress_tick(&b->pg, b->lineno, b->bytes);
    }
    int e = errno;
    if (ferror(in))
        util_die(UTIL_EX_IOERR, _("%s: read error: %s"), b->o->path, strerror(e));
    free(line);
}

/* The lines of `in` scored onto `out`; the rubrics, the arena and the
 * result live for the stream. Split from batch_run so that the fuzz
 * target (fuzz/fuzz_batch.c) drives the real per-line path from memory. */
int batch_run_stream(const struct batch_opts *o, FILE *in, FILE *out,
                     size_t size)
{
    static struct batch b;
    memset(&b, 0, sizeof b);
    b.o = o;
    b.out = out;
    score_result_init(&b.res);
    arena_init(&b.arena);
    jsonout_init(&b.w);
    stats_init(&b.st);
    progress_init(&b.pg, !o->quiet && isatty(STDERR_FILENO), size);
    batch_json_arena = &b.arena;
    json_set_alloc_funcs(batch_json_malloc, batch_json_free);
    batch_loop(&b, in);
    json_set_alloc_funcs(malloc, free); /* no arena-made value is left */
    progress_done(&b.pg);
    if (out == stdout)
        util_check_stdout(); /* the timings include the final flush */
    if (o->stats) {
        b.st.errors = b.failed;
        b.st.bytes = b.bytes;
        stats_report(&b.st);
    }
    score_result_free(&b.res);
    arena_free(&b.arena);
    jsonout_free(&b.w); /* before the caller frees the rubrics */
    return b.failed ? UTIL_EX_DATAERR : UTIL_EX_OK;
}

int batch_run(const struct batch_opts *o)
{
    size_t size;
    FILE *in = batch_open(o->path, &size);
    setvbuf(stdout, NULL, _IOFBF, BATCH_IOBUF);
    int rc = batch_run_stream(o, in, stdout, size);
    if (in != stdin)
        fclose(in);
    return rc;
}
