/*
 * context-json.c - applies the "context" object of a JSONL batch line.
 *
 * Only an adapter: jansson values become ctx_value views and ctx_apply()
 * in context.c does the validation, exactly as for YAML files. JSON has no
 * positions inside a line, so errors carry only the message (the batch
 * error object adds the line number).
 */
#include "context.h"

#include <jansson.h>
#include <stdint.h>
#include <string.h>

static void cj_view(const json_t *j, struct ctx_value *v)
{
    memset(v, 0, sizeof *v);
    v->node = j;
    switch (json_typeof(j)) {
    case JSON_STRING:
        v->type = CTX_V_STR;
        v->s = json_string_value(j);
        v->len = json_string_length(j);
        break;
    case JSON_INTEGER:
    case JSON_REAL:
        v->type = CTX_V_NUM;
        v->num = json_number_value(j);
        break;
    case JSON_TRUE: v->type = CTX_V_BOOL, v->b = 1; break;
    case JSON_FALSE: v->type = CTX_V_BOOL, v->b = 0; break;
    case JSON_ARRAY: v->type = CTX_V_SEQ; break;
    case JSON_OBJECT: v->type = CTX_V_MAP; break;
    default: v->type = CTX_V_NULL; break;
    }
}

static int cj_each(const struct ctx_source *src, const struct ctx_value *v,
                   ctx_visit_fn fn, void *ud)
{
    const json_t *j = v->node;
    struct ctx_value key, val;
    int rc;
    (void)src;
    if (json_is_array(j)) {
        for (size_t i = 0; i < json_array_size(j); i++) {
            cj_view(json_array_get(j, i), &val);
            if ((rc = fn(ud, NULL, &val)) != 0)
                return rc;
        }
    } else if (json_is_object(j)) {
        const char *k;
        json_t *x;
        memset(&key, 0, sizeof key);
        key.type = CTX_V_STR;
        /* json_object_foreach wants a non-const object; we only read. */
        json_object_foreach((json_t *)(uintptr_t)j, k, x) {
            key.s = k;
            key.len = strlen(k);
            cj_view(x, &val);
            if ((rc = fn(ud, &key, &val)) != 0)
                return rc;
        }
    }
    return 0;
}

int ctx_apply_json(struct ctx_data *cx, const void *obj, struct arena *a,
                   struct ctx_error *err)
{
    struct ctx_source src = {cj_each, NULL, 1};
    struct ctx_value v;
    memset(err, 0, sizeof *err);
    cj_view(obj, &v);
    return ctx_apply(cx, &src, &v, a, err);
}
