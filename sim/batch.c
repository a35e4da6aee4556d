/*
 * batch.c - `hamdel score --jsonl` (batch.h).
 *
 * Per line: getline -> parse -> validate the context (ctx_apply, the
 * validator shared with YAML files) -> score_reply -> serialise into a
 * reused buffer -> one fwrite into a 1 MB stdout buffer. Well-formed lines
 * take the fast path of jsonl-fast.c (no jansson, byte-identical output);
 * every other line, and every line with --jansson, goes through
 * json_loadb / jsonout_fill / json_dumpb, which also writes all errors. The score_result, output buffer and one arena (for the line's
 * context and all of its jansson values) are reused, so a steady-state
 * line calls malloc only inside the scorer, if at all.
 */
#include "batch.h"
#include "json-out.h"
#include "jsonl-fast.h"
#include "progress.h"
#include "stats.h"
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

struct batch {
    const struct batch_opts *o;
    score_result res;
    struct jsonout_buf out;
    struct arena arena;   /* per-line context strings and arrays */
    struct jfast fast;    /* the fast path's parser (jsonl-fast.c) */
    struct stats_run st;
    struct progress pg;
    size_t lineno, failed, bytes;
    char err[512];        /* the current line's error message */
};

/* One parsed input line; pointers borrow from the line's JSON value. */
struct batch_item {
    json_t *id;
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
            return batch_fail(b, "unknown key '%.60s' (known keys: id, "
                              "reply, context)", k);
    }
    return 0;
}

static int batch_parse(struct batch *b, json_t *root, struct batch_item *it)
{
    if (batch_check_keys(b, root))
        return -1;
    json_t *reply = json_object_get(root, "reply");
    if (!reply)
        return batch_fail(b, "missing \"reply\"");
    if (!json_is_string(reply))
        return batch_fail(b, "\"reply\" must be a string");
    it->reply = json_string_value(reply);
    it->reply_len = json_string_length(reply);
    ctx_init(&it->ctx);
    json_t *cj = json_object_get(root, "context");
    if (!cj || json_is_null(cj))
        return 0;
    if (!json_is_object(cj))
        return batch_fail(b, "\"context\" must be an object");
    struct ctx_error e;
    if (ctx_apply_json(&it->ctx, cj, &b->arena, &e))
        return batch_fail(b, "context: %s", e.msg);
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
    if (b->o->stats)
        stats_add(&b->st.score, (stats_now() - t0) * 1e6);
    if (rc == SCORE_EEMPTY)
        return batch_fail(b, "empty reply");
    if (rc != SCORE_OK)
        return batch_fail(b, "the scorer failed (code %d)", rc);
    return 0;
}

/* Result object for a line, or NULL with b->err set. */
static json_t *batch_result(struct batch *b, json_t *root, json_t **id)
{
    struct batch_item it;
    if (!json_is_object(root)) {
        batch_fail(b, "a line must be a JSON object");
        return NULL;
    }
    *id = json_object_get(root, "id");
    if (batch_parse(b, root, &it) || batch_score(b, &it))
        return NULL;
    json_t *o = json_object();
    json_object_set(o, "id", *id ? *id : json_null());
    if (jsonout_fill(o, &b->res)) {
        json_decref(o);
        batch_fail(b, "out of memory");
        return NULL;
    }
    return o;
}

static json_t *batch_error_obj(struct batch *b, json_t *id)
{
    json_t *o = json_object();
    batch_clean_utf8(b->err);
    json_object_set(o, "id", id ? id : json_null());
    json_object_set_new(o, "line", json_integer((json_int_t)b->lineno));
    json_object_set_new(o, "error", json_string(b->err));
    b->failed++;
    return o;
}

static void batch_emit(struct batch *b, const json_t *o)
{
    size_t n = jsonout_dump(o, &b->out);
    if (fwrite(b->out.data, 1, n, stdout) != n)
        util_die(UTIL_EX_IOERR, "write error: %s", strerror(errno));
}

/* The fast path: 1 when the line was handled, 0 to use jansson. Every
 * error (bad JSON, bad context, empty reply) goes to the jansson path,
 * which owns all error messages. */
static int batch_line_fast(struct batch *b, const char *line, size_t len)
{
    struct jfast_line fl;
    struct batch_item it;
    struct ctx_error e;
    if (jfast_parse(&b->fast, line, len, &fl) != 0)
        return 0;
    it.reply = fl.reply;
    it.reply_len = fl.reply_len;
    ctx_init(&it.ctx);
    if (jfast_context(&b->fast, &fl, &it.ctx, &b->arena, &e) != 0 ||
        batch_score(b, &it) != 0)
        return 0;
    size_t n = jfast_write_result(&b->out, &fl, &b->res);
    if (n == 0)
        return 0;
    if (fwrite(b->out.data, 1, n, stdout) != n)
        util_die(UTIL_EX_IOERR, "write error: %s", strerror(errno));
    return 1;
}

/* The reference path: jansson parses, validates and writes the line. */
static void batch_line_jansson(struct batch *b, const char *line, size_t len)
{
    json_error_t jerr;
    json_t *id = NULL, *out = NULL;
    json_t *root = json_loadb(line, len, JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES,
                              &jerr);
    if (!root)
        batch_fail(b, "invalid JSON at column %d: %s", jerr.column, jerr.text);
    else
        out = batch_result(b, root, &id);
    if (!out)
        out = batch_error_obj(b, id);
    batch_emit(b, out);
    json_decref(out);
    json_decref(root);
}

static void batch_line(struct batch *b, const char *line, size_t len)
{
    double t0 = b->o->stats ? stats_now() : 0;
    if (b->o->jansson || !batch_line_fast(b, line, len)) {
        arena_reset(&b->arena);
        batch_line_jansson(b, line, len);
    }
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
    FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    struct stat sb;
    if (!in)
        util_die(UTIL_EX_NOINPUT, "%s: %s", path, strerror(errno));
    *size = 0;
    if (fstat(fileno(in), &sb) == 0 && S_ISREG(sb.st_mode))
        *size = (size_t)sb.st_size;
    setvbuf(in, NULL, _IOFBF, BATCH_IOBUF);
    return in;
}

static void batch_loop(struct batch *b, FILE *in)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    while ((got = getline(&line, &cap, in)) != -1) {
        size_t len = (size_t)got;
        b->bytes += len;
        b->lineno++;
        if (len && line[len - 1] == '\n')
            len--;
        if (!batch_blank(line, len))
            batch_line(b, line, len);
        progress_tick(&b->pg, b->lineno, b->bytes);
    }
    int e = errno;
    if (ferror(in))
        util_die(UTIL_EX_IOERR, "%s: read error: %s", b->o->path, strerror(e));
    free(line);
}

int batch_run(const struct batch_opts *o)
{
    static struct batch b;
    size_t size;
    FILE *in = batch_open(o->path, &size);
    memset(&b, 0, sizeof b);
    b.o = o;
    setvbuf(stdout, NULL, _IOFBF, BATCH_IOBUF);
    score_result_init(&b.res);
    arena_init(&b.arena);
    jfast_init(&b.fast);
    stats_init(&b.st);
    progress_init(&b.pg, !o->quiet && isatty(STDERR_FILENO), size);
    batch_json_arena = &b.arena;
    json_set_alloc_funcs(batch_json_malloc, batch_json_free);
    batch_loop(&b, in);
    json_set_alloc_funcs(malloc, free); /* no arena-made value is left */
    progress_done(&b.pg);
    util_check_stdout(); /* the timings include the final flush */
    if (o->stats) {
        b.st.errors = b.failed;
        b.st.bytes = b.bytes;
        stats_report(&b.st);
    }
    if (in != stdin)
        fclose(in);
    score_result_free(&b.res);
    arena_free(&b.arena);
    jfast_free(&b.fast);
    jfast_write_reset();
    free(b.out.data);
    return b.failed ? UTIL_EX_DATAERR : UTIL_EX_OK;
}
