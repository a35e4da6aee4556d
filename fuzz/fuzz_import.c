/*
 * fuzz_import.c - libFuzzer target: importing a transcript (store-rec.c,
 * store-workshop.c), as `hamdel import` does.
 *
 * Each input line is parsed with jansson and recorded into an in-memory
 * progress database (store_open(":memory:"), the real schema and
 * migrations); a first line that is a workshop header makes it a workshop
 * transcript (store_wrec_line), as in cmd-import.c. The first bad line
 * ends the input, as it ends a file's import. Like cmd-import.c, an input
 * is one transaction; it is rolled back at the end, so every input starts
 * from an empty store without paying for the schema's creation again
 * (opening the store per input ran at 200 inputs a second).
 */
#include "fuzz.h"
#include "store.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* The database is opened once and kept (it is reachable, not a leak). */
static store *fz_imp_db(void)
{
    static store *s;
    char err[512];
    int code;
    if (!s && !(s = store_open(":memory:", err, sizeof err, &code)))
        abort();
    return s;
}

static int fz_imp_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

/* Record one line; 0 to go on. */
static int fz_imp_line(store *db, store_rec **r, store_wrec **w,
                       const char *line, size_t len)
{
    char err[4200];
    json_t *j = json_loadb(line, len, 0, NULL);
    if (!j)
        return -1;
    if (!*r && !*w) {
        if (store_line_is_workshop(j))
            *w = store_wrec_new(db, "fuzz.jsonl", 0);
        else
            *r = store_rec_new(db, NULL, "fuzz.jsonl", 0);
    }
    int k = *w ? store_wrec_line(*w, j, err, sizeof err)
               : store_rec_line(*r, j, err, sizeof err);
    json_decref(j);
    return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    store *db = fz_imp_db();
    store_rec *r = NULL;
    store_wrec *w = NULL;
    const char *p = (const char *)data, *end = p + size;
    if (store_begin(db, err, sizeof err) != 0)
        abort();
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (fz_imp_blank(p, len)) { /* skipped, as import does */
            p += len + 1;
            continue;
        }
        if (fz_imp_line(db, &r, &w, p, len) != 0)
            break;
        p += len + 1;
    }
    store_rollback(db);
    store_rec_free(r);
    store_wrec_free(w);
    return 0;
}
